"""Albums: one, several, an album's tracks, the user's saved albums, new releases."""

from __future__ import annotations

from collections.abc import Iterable

from .._endpoint import endpoint
from .._http import send
from .._mapper import to_model
from .._token import TokenLike
from ..ids import segment
from ..models.music import FullAlbum, NewReleases, SavedAlbumPaging, SimpleTrackPaging
from ..scope import user_library_modify, user_library_read
from ._helpers import DEPRECATED, change_library, contains, get_many, get_page, query

__all__ = [
    "album",
    "album_tracks",
    "albums",
    "new_releases",
    "saved_albums",
    "saved_albums_add",
    "saved_albums_contains",
    "saved_albums_delete",
]


@endpoint()
def album(token: TokenLike, album_id: str, market: str | None = None) -> FullAlbum:
    """Get an album with its first page of tracks.

    Args:
        album_id: ID, URI or URL of the album.
        market: ISO 3166-1 country code, or ``"from_token"``, to relink tracks.

    Returns:
        The album; ``album.tracks`` is the first page of its tracks.
    """
    body = send("GET", f"/albums/{segment(album_id, 'album')}", token=token, params=query(market=market))
    return to_model(FullAlbum, body)


@endpoint(deprecated="development-mode apps call ``album`` for each ID.")
def albums(token: TokenLike, album_ids: Iterable[str], market: str | None = None) -> list[FullAlbum | None]:
    """Get several albums, 20 per request, in the order asked.

    Args:
        album_ids: IDs, URIs or URLs of the albums, as many as wanted (sent 20 per request).
        market: ISO 3166-1 country code, or ``"from_token"`` for the user's, to relink tracks.

    Returns:
        One album per ID; None where Spotify knows no album of that ID.
    """
    return get_many(token, "/albums", "album", album_ids, FullAlbum, 20, market)


@endpoint()
def album_tracks(
    token: TokenLike, album_id: str, market: str | None = None, limit: int = 20, offset: int = 0
) -> SimpleTrackPaging:
    """Get a page of an album's tracks (``limit`` 1 to 50).

    Args:
        album_id: ID, URI or URL of the album.
        market: ISO 3166-1 country code, or ``"from_token"`` for the user's, to relink tracks.
        limit: items per page, 1 to 50.
        offset: index of the first item (0 for the first page).

    Returns:
        A page of tracks; ``spotlite.all_items`` walks the rest.
    """
    body = get_page(token, f"/albums/{segment(album_id, 'album')}/tracks", limit, offset, market=market)
    return to_model(SimpleTrackPaging, body)


@endpoint(user_library_read)
def saved_albums(token: TokenLike, market: str | None = None, limit: int = 20, offset: int = 0) -> SavedAlbumPaging:
    """Get a page of the albums saved in the user's library (``limit`` 1 to 50).

    Args:
        market: ISO 3166-1 country code, or ``"from_token"`` for the user's, to relink items.
        limit: items per page, 1 to 50.
        offset: index of the first item (0 for the first page).

    Returns:
        A page of saved albums, each with ``added_at``.
    """
    body = get_page(token, "/me/albums", limit, offset, scopes=("user-library-read",), market=market)
    return to_model(SavedAlbumPaging, body)


@endpoint(user_library_modify, deprecated="development-mode apps use ``library_add``.")
def saved_albums_add(token: TokenLike, album_ids: Iterable[str]) -> None:
    """Save albums to the user's library, 20 per request.

    Args:
        album_ids: IDs, URIs or URLs of the albums, as many as wanted (sent 20 per request).

    If a later request fails, raises ``PartialWriteError`` saying what was
    written; see its docs.
    """
    change_library("saved_albums_add", "PUT", token, "/me/albums", "album", album_ids, 20)


@endpoint(user_library_modify, deprecated="development-mode apps use ``library_delete``.")
def saved_albums_delete(token: TokenLike, album_ids: Iterable[str]) -> None:
    """Remove albums from the user's library, 20 per request.

    Args:
        album_ids: IDs, URIs or URLs of the albums, as many as wanted (sent 20 per request).

    If a later request fails, raises ``PartialWriteError`` saying what was
    written; see its docs.
    """
    change_library("saved_albums_delete", "DELETE", token, "/me/albums", "album", album_ids, 20)


@endpoint(user_library_read, deprecated="development-mode apps use ``library_contains``.")
def saved_albums_contains(token: TokenLike, album_ids: Iterable[str]) -> list[bool]:
    """Tell which albums are saved in the user's library, 20 per request.

    Args:
        album_ids: IDs, URIs or URLs of the albums, as many as wanted (sent 20 per request).

    Returns:
        One bool per ID, in the order asked.
    """
    return contains(token, "/me/albums/contains", "album", album_ids, 20, "user-library-read")


@endpoint(deprecated="development-mode apps get 403.")
def new_releases(token: TokenLike, limit: int = 20, offset: int = 0) -> NewReleases:
    """Get a page of new album releases featured on Spotify (``limit`` 1 to 50).

    Args:
        limit: items per page, 1 to 50.
        offset: index of the first item (0 for the first page).

    Returns:
        Spotify's answer: ``albums`` is the page of albums.
    """
    body = get_page(token, "/browse/new-releases", limit, offset, notes={403: DEPRECATED})
    return to_model(NewReleases, body)
