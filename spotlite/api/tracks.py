"""Tracks: one, several, and the user's saved tracks."""

from __future__ import annotations

from collections.abc import Iterable

from .._endpoint import endpoint
from .._http import send
from .._mapper import to_model
from .._token import TokenLike
from ..ids import segment
from ..models.music import FullTrack, SavedTrackPaging
from ..scope import user_library_modify, user_library_read
from ._helpers import change_library, contains, get_many, get_page, query

__all__ = [
    "saved_tracks",
    "saved_tracks_add",
    "saved_tracks_contains",
    "saved_tracks_delete",
    "track",
    "tracks",
]


@endpoint()
def track(token: TokenLike, track_id: str, market: str | None = None) -> FullTrack:
    """Get a track.

    Args:
        track_id: ID, URI or URL of the track.
        market: country code or ``"from_token"``; with one, a track unavailable
            there may be relinked (``linked_from``) or marked ``is_playable=False``.

    Returns:
        The track, with its album and artists.
    """
    body = send("GET", f"/tracks/{segment(track_id, 'track')}", token=token, params=query(market=market))
    return to_model(FullTrack, body)


@endpoint(deprecated="development-mode apps call ``track`` for each ID.")
def tracks(token: TokenLike, track_ids: Iterable[str], market: str | None = None) -> list[FullTrack | None]:
    """Get several tracks, 50 per request, in the order asked.

    Args:
        track_ids: IDs, URIs or URLs of the tracks, as many as wanted (sent 50 per request).
        market: ISO 3166-1 country code, or ``"from_token"`` for the user's; with one, a track not playable there
            may be relinked (``linked_from``) or marked ``is_playable=False``.

    Returns:
        One track per ID; None where Spotify knows no track of that ID.
    """
    return get_many(token, "/tracks", "track", track_ids, FullTrack, 50, market)


@endpoint(user_library_read)
def saved_tracks(token: TokenLike, market: str | None = None, limit: int = 20, offset: int = 0) -> SavedTrackPaging:
    """Get a page of the tracks saved in the user's library (``limit`` 1 to 50).

    Args:
        market: ISO 3166-1 country code, or ``"from_token"`` for the user's; with one, a track not playable there
            may be relinked (``linked_from``) or marked ``is_playable=False``.
        limit: items per page, 1 to 50.
        offset: index of the first item (0 for the first page).

    Returns:
        A page of saved tracks, each with ``added_at`` and ``track``.
    """
    body = get_page(token, "/me/tracks", limit, offset, scopes=("user-library-read",), market=market)
    return to_model(SavedTrackPaging, body)


@endpoint(user_library_modify, deprecated="development-mode apps use ``library_add``.")
def saved_tracks_add(token: TokenLike, track_ids: Iterable[str]) -> None:
    """Save tracks to the user's library, 50 per request.

    The IDs travel in the JSON body, as the spec asks.

    Args:
        track_ids: IDs, URIs or URLs of the tracks, as many as wanted (sent 50 per request).

    If a later request fails, raises ``PartialWriteError`` saying what was
    written; see its docs.
    """
    change_library("saved_tracks_add", "PUT", token, "/me/tracks", "track", track_ids, 50, ids_in_body=True)


@endpoint(user_library_modify, deprecated="development-mode apps use ``library_delete``.")
def saved_tracks_delete(token: TokenLike, track_ids: Iterable[str]) -> None:
    """Remove tracks from the user's library, 50 per request.

    Args:
        track_ids: IDs, URIs or URLs of the tracks, as many as wanted (sent 50 per request).

    If a later request fails, raises ``PartialWriteError`` saying what was
    written; see its docs.
    """
    change_library("saved_tracks_delete", "DELETE", token, "/me/tracks", "track", track_ids, 50)


@endpoint(user_library_read, deprecated="development-mode apps use ``library_contains``.")
def saved_tracks_contains(token: TokenLike, track_ids: Iterable[str]) -> list[bool]:
    """Tell which tracks are saved in the user's library, 50 per request.

    Args:
        track_ids: IDs, URIs or URLs of the tracks, as many as wanted (sent 50 per request).

    Returns:
        One bool per ID, in the order asked.
    """
    return contains(token, "/me/tracks/contains", "track", track_ids, 50, "user-library-read")
