"""Following artists and users: /me/following.

Following playlists is in ``playlists`` (``playlist_follow``). Spotify has
deprecated following and unfollowing here: development-mode apps use
``library_add``, ``library_delete`` and ``library_contains`` with artist and
user URIs instead. Reading the followed artists is still current.
"""

from __future__ import annotations

from collections.abc import Iterable

from .._endpoint import endpoint
from .._http import send
from .._mapper import to_model
from .._token import TokenLike
from ..ids import to_id
from ..models.artist import FollowedArtists
from ..scope import user_follow_modify, user_follow_read
from ._helpers import change_library, check_limit, contains, query

__all__ = [
    "artists_follow",
    "artists_is_following",
    "artists_unfollow",
    "followed_artists",
    "users_follow",
    "users_is_following",
    "users_unfollow",
]


@endpoint(user_follow_read)
def followed_artists(token: TokenLike, limit: int = 20, after: str | None = None) -> FollowedArtists:
    """Get a cursor page of the artists the user follows (``limit`` 1 to 50).

    Args:
        limit: items per page, 1 to 50.
        after: ID (or URI, URL) of the last artist of the previous page; the page
            starts after it. ``spotlite.all_items`` follows the cursors for you.

    Returns:
        Spotify's answer: ``artists`` is the cursor page of artists.
    """
    check_limit(limit, 50)
    params = query(type="artist", after=None if after is None else to_id(after, "artist"), limit=limit)
    body = send("GET", "/me/following", token=token, params=params, scopes=("user-follow-read",))
    return to_model(FollowedArtists, body)


@endpoint(user_follow_modify, deprecated="development-mode apps use ``library_add`` with artist URIs.")
def artists_follow(token: TokenLike, artist_ids: Iterable[str]) -> None:
    """Follow artists, 50 per request.

    Args:
        artist_ids: IDs, URIs or URLs of the artists, as many as wanted (sent 50 per request).

    If a later request fails, raises ``PartialWriteError`` saying what was
    written; see its docs.
    """
    change_library("artists_follow", "PUT", token, "/me/following", "artist", artist_ids, 50, "user-follow-modify",
                   type="artist")


@endpoint(user_follow_modify, deprecated="development-mode apps use ``library_delete`` with artist URIs.")
def artists_unfollow(token: TokenLike, artist_ids: Iterable[str]) -> None:
    """Unfollow artists, 50 per request.

    Args:
        artist_ids: IDs, URIs or URLs of the artists, as many as wanted (sent 50 per request).

    If a later request fails, raises ``PartialWriteError`` saying what was
    written; see its docs.
    """
    change_library("artists_unfollow", "DELETE", token, "/me/following", "artist", artist_ids, 50,
                   "user-follow-modify", type="artist")


@endpoint(user_follow_read, deprecated="development-mode apps use ``library_contains`` with artist URIs.")
def artists_is_following(token: TokenLike, artist_ids: Iterable[str]) -> list[bool]:
    """Tell which artists the user follows, 50 per request.

    Args:
        artist_ids: IDs, URIs or URLs of the artists, as many as wanted (sent 50 per request).

    Returns:
        One bool per ID, in the order asked.
    """
    return contains(token, "/me/following/contains", "artist", artist_ids, 50, "user-follow-read", type="artist")


@endpoint(user_follow_modify, deprecated="development-mode apps use ``library_add`` with user URIs.")
def users_follow(token: TokenLike, user_ids: Iterable[str]) -> None:
    """Follow users, 50 per request.

    Args:
        user_ids: IDs, URIs or URLs of the users, as many as wanted (sent 50 per request).

    If a later request fails, raises ``PartialWriteError`` saying what was
    written; see its docs.
    """
    change_library("users_follow", "PUT", token, "/me/following", "user", user_ids, 50, "user-follow-modify",
                   type="user")


@endpoint(user_follow_modify, deprecated="development-mode apps use ``library_delete`` with user URIs.")
def users_unfollow(token: TokenLike, user_ids: Iterable[str]) -> None:
    """Unfollow users, 50 per request.

    Args:
        user_ids: IDs, URIs or URLs of the users, as many as wanted (sent 50 per request).

    If a later request fails, raises ``PartialWriteError`` saying what was
    written; see its docs.
    """
    change_library("users_unfollow", "DELETE", token, "/me/following", "user", user_ids, 50, "user-follow-modify",
                   type="user")


@endpoint(user_follow_read, deprecated="development-mode apps use ``library_contains`` with user URIs.")
def users_is_following(token: TokenLike, user_ids: Iterable[str]) -> list[bool]:
    """Tell which users the user follows, 50 per request.

    Args:
        user_ids: IDs, URIs or URLs of the users, as many as wanted (sent 50 per request).

    Returns:
        One bool per ID, in the order asked.
    """
    return contains(token, "/me/following/contains", "user", user_ids, 50, "user-follow-read", type="user")
