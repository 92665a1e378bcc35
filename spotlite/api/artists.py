"""Artists: one, several, an artist's albums, top tracks and related artists."""

from __future__ import annotations

from collections.abc import Iterable

from .._endpoint import endpoint
from .._http import send
from .._mapper import to_model
from .._token import TokenLike
from ..errors import InvalidInput, quoted
from ..ids import segment
from ..models.artist import FullArtist
from ..models.music import FullTrack, SimpleAlbumPaging
from ._helpers import DEPRECATED, check_market, check_strs, dev_mode_notes, get_many, get_page, query, unwrap

__all__ = ["artist", "artist_albums", "artist_related_artists", "artist_top_tracks", "artists"]

ALBUM_GROUPS = ("album", "single", "appears_on", "compilation")

@endpoint()
def artist(token: TokenLike, artist_id: str) -> FullArtist:
    """Get an artist.

    Args:
        artist_id: ID, URI or URL of the artist.

    Returns:
        The artist; ``followers``, ``genres`` and ``popularity`` may be missing for some apps.
    """
    return to_model(FullArtist, send("GET", f"/artists/{segment(artist_id, 'artist')}", token=token))


@endpoint(deprecated="development-mode apps call ``artist`` for each ID.")
def artists(token: TokenLike, artist_ids: Iterable[str]) -> list[FullArtist | None]:
    """Get several artists, 50 per request, in the order asked.

    Args:
        artist_ids: IDs, URIs or URLs of the artists, as many as wanted (sent 50 per request).

    Returns:
        One artist per ID; None where Spotify knows no artist of that ID.
    """
    return get_many(token, "/artists", "artist", artist_ids, FullArtist, 50)


@endpoint(limited="at most 10 albums per page since 2026 (extended quota: 50).")
def artist_albums(
    token: TokenLike,
    artist_id: str,
    include_groups: Iterable[str] | None = None,
    market: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> SimpleAlbumPaging:
    """Get a page of an artist's albums.

    ``include_groups`` picks from ``album``, ``single``, ``appears_on`` and
    ``compilation``. ``limit`` is sent only when given, so Spotify's default
    fits the app: development-mode apps may ask at most 10 since 2026,
    extended-quota apps 50; over 50 is refused before sending.

    Args:
        artist_id: ID, URI or URL of the artist.
        include_groups: the groups to list, some of ``album``, ``single``, ``appears_on`` and ``compilation``; None
            for all.
        market: ISO 3166-1 country code, or ``"from_token"`` for the user's, to relink tracks.
        limit: albums per page, 1 to 50; None for Spotify's default.
        offset: index of the first item (0 for the first page).

    Returns:
        A page of albums, each with its ``album_group``.
    """
    groups = None if include_groups is None else _groups(include_groups)
    path = f"/artists/{segment(artist_id, 'artist')}/albums"
    body = get_page(token, path, limit, offset, optional_limit=True, notes=dev_mode_notes(limit), include_groups=groups,
                    market=market)
    return to_model(SimpleAlbumPaging, body)


@endpoint(deprecated="development-mode apps get 403.")
def artist_top_tracks(token: TokenLike, artist_id: str, market: str) -> list[FullTrack]:
    """Get an artist's top tracks in a market (``"from_token"`` for the user's).

    Args:
        artist_id: ID, URI or URL of the artist.
        market: ISO 3166-1 country code, or ``"from_token"`` for the user's (required).

    Returns:
        Up to 10 tracks, most popular first.
    """
    check_market(market, optional=False)
    path = f"/artists/{segment(artist_id, 'artist')}/top-tracks"
    body = send("GET", path, token=token, params=query(market=market), notes={403: DEPRECATED})
    return [to_model(FullTrack, item) for item in unwrap(body, "tracks")]


@endpoint(deprecated="since November 2024 new and development-mode apps get 403/404.")
def artist_related_artists(token: TokenLike, artist_id: str) -> list[FullArtist]:
    """Get artists similar to an artist.

    Args:
        artist_id: ID, URI or URL of the artist.

    Returns:
        Up to 20 artists.
    """
    path = f"/artists/{segment(artist_id, 'artist')}/related-artists"
    body = send("GET", path, token=token, notes={403: DEPRECATED, 404: DEPRECATED})
    return [to_model(FullArtist, item) for item in unwrap(body, "artists")]


def _groups(include_groups: Iterable[str]) -> list[str]:
    groups = check_strs("include_groups", include_groups, "album groups")
    unknown = [group for group in groups if group not in ALBUM_GROUPS]
    if unknown or not groups:
        raise InvalidInput(f"include_groups takes some of {', '.join(ALBUM_GROUPS)}, got {quoted(groups)}")
    return groups
