"""Users: the current user's profile and top items, and other users' public profiles."""

from __future__ import annotations

from typing import Any

from .._endpoint import endpoint
from .._http import send
from .._mapper import to_model
from .._token import TokenLike
from ..errors import InvalidInput, quoted
from ..ids import segment
from ..models.artist import FullArtistOffsetPaging
from ..models.music import FullTrackPaging
from ..models.user import PrivateUser, PublicUser
from ..scope import user_read_email, user_read_private, user_top_read
from ._helpers import DEPRECATED, get_page

__all__ = ["current_user", "current_user_top_artists", "current_user_top_tracks", "user"]

TIME_RANGES = ("short_term", "medium_term", "long_term")


@endpoint(user_read_private, user_read_email,
          limited="no ``country``, ``email``, ``explicit_content``, ``followers`` or ``product`` since 2026.")
def current_user(token: TokenLike) -> PrivateUser:
    """Get the current user's profile.

    ``user-read-private`` gives ``country``, ``product`` and ``explicit_content``;
    ``user-read-email`` gives ``email``. Since 2026 development-mode apps no
    longer get ``country``, ``email``, ``explicit_content``, ``followers`` or
    ``product``: those fields are then None; ``account_id`` is new in May 2026.

    Returns:
        The user's private profile; ``email``, ``country`` and ``product`` need their scopes and may be missing.
    """
    return to_model(PrivateUser, send("GET", "/me", token=token, scopes=("user-read-private", "user-read-email")))


@endpoint(deprecated="development-mode apps get 403 since 2026.")
def user(token: TokenLike, user_id: str) -> PublicUser:
    """Get a user's public profile.

    Args:
        user_id: the user's ID (``smedjan``), URI or open.spotify.com URL.

    Returns:
        The user's public profile.
    """
    body = send("GET", f"/users/{segment(user_id, 'user')}", token=token, notes={403: DEPRECATED})
    return to_model(PublicUser, body)


@endpoint(user_top_read)
def current_user_top_artists(
    token: TokenLike, time_range: str = "medium_term", limit: int = 20, offset: int = 0
) -> FullArtistOffsetPaging:
    """Get a page of the current user's most listened artists (``limit`` 1 to 50).

    Args:
        time_range: ``short_term`` (about 4 weeks), ``medium_term`` (6 months)
            or ``long_term`` (about a year).
        limit: items per page, 1 to 50.
        offset: index of the first item (0 for the first page).

    Returns:
        A page of artists, the most listened first.
    """
    return to_model(FullArtistOffsetPaging, _top(token, "artists", time_range, limit, offset))


@endpoint(user_top_read)
def current_user_top_tracks(
    token: TokenLike, time_range: str = "medium_term", limit: int = 20, offset: int = 0
) -> FullTrackPaging:
    """Get a page of the current user's most listened tracks (``limit`` 1 to 50).

    Args:
        time_range: ``short_term`` (about 4 weeks), ``medium_term`` (6 months)
            or ``long_term`` (about a year).
        limit: items per page, 1 to 50.
        offset: index of the first item (0 for the first page).

    Returns:
        A page of tracks, the most listened first.
    """
    return to_model(FullTrackPaging, _top(token, "tracks", time_range, limit, offset))


def _top(token: TokenLike, kind: str, time_range: str, limit: int, offset: int) -> Any:
    if time_range not in TIME_RANGES:
        raise InvalidInput(f"time_range must be one of {', '.join(TIME_RANGES)}, got {quoted(time_range)}")
    return get_page(token, f"/me/top/{kind}", limit, offset, scopes=("user-top-read",), time_range=time_range)
