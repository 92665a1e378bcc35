"""Search the catalogue for tracks, artists, albums, playlists, shows, episodes and audiobooks."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Literal, overload

from .._endpoint import endpoint
from .._mapper import to_model
from .._token import TokenLike
from ..errors import InvalidInput, quoted
from ..models.search import (
    AlbumSearchResult,
    ArtistSearchResult,
    AudiobookSearchResult,
    EpisodeSearchResult,
    PlaylistSearchResult,
    SearchResult,
    ShowSearchResult,
    TrackSearchResult,
)
from ._helpers import check_list, dev_mode_notes, get_page

__all__ = ["search"]

SEARCH_TYPES = ("album", "artist", "playlist", "track", "show", "episode", "audiobook")
# What a search for one type gives: that page typed as itself, and the result unpacks into it alone.
_ONE_TYPE: dict[str, type[SearchResult]] = {
    "track": TrackSearchResult, "artist": ArtistSearchResult, "album": AlbumSearchResult,
    "playlist": PlaylistSearchResult, "show": ShowSearchResult, "episode": EpisodeSearchResult,
    "audiobook": AudiobookSearchResult,
}


# One overload per type searched alone (as a str or a tuple of one), then any types.
@overload
def search(token: TokenLike, query: str, types: Literal["track"] | tuple[Literal["track"]] = ("track",),
           market: str | None = None, include_external: str | None = None, limit: int | None = None,
           offset: int = 0) -> TrackSearchResult: ...
@overload
def search(token: TokenLike, query: str, types: Literal["artist"] | tuple[Literal["artist"]],
           market: str | None = None, include_external: str | None = None, limit: int | None = None,
           offset: int = 0) -> ArtistSearchResult: ...
@overload
def search(token: TokenLike, query: str, types: Literal["album"] | tuple[Literal["album"]],
           market: str | None = None, include_external: str | None = None, limit: int | None = None,
           offset: int = 0) -> AlbumSearchResult: ...
@overload
def search(token: TokenLike, query: str, types: Literal["playlist"] | tuple[Literal["playlist"]],
           market: str | None = None, include_external: str | None = None, limit: int | None = None,
           offset: int = 0) -> PlaylistSearchResult: ...
@overload
def search(token: TokenLike, query: str, types: Literal["show"] | tuple[Literal["show"]],
           market: str | None = None, include_external: str | None = None, limit: int | None = None,
           offset: int = 0) -> ShowSearchResult: ...
@overload
def search(token: TokenLike, query: str, types: Literal["episode"] | tuple[Literal["episode"]],
           market: str | None = None, include_external: str | None = None, limit: int | None = None,
           offset: int = 0) -> EpisodeSearchResult: ...
@overload
def search(token: TokenLike, query: str, types: Literal["audiobook"] | tuple[Literal["audiobook"]],
           market: str | None = None, include_external: str | None = None, limit: int | None = None,
           offset: int = 0) -> AudiobookSearchResult: ...
@overload
def search(token: TokenLike, query: str, types: Iterable[str] = ("track",), market: str | None = None,
           include_external: str | None = None, limit: int | None = None, offset: int = 0) -> SearchResult: ...
@endpoint(limited="at most 10 results per type per page since 2026 (extended quota: 50).")
def search(
    token: TokenLike,
    query: str,
    types: Iterable[str] = ("track",),
    market: str | None = None,
    include_external: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> SearchResult:
    """Search Spotify's catalogue.

    Args:
        query: what to look for, with Spotify's filters if wanted
            (``"finlandia artist:sibelius year:1990-2010"``).
        types: what to look for: some of ``track``, ``artist``, ``album``,
            ``playlist``, ``show``, ``episode`` and ``audiobook``.
        market: ISO 3166-1 country code, or ``"from_token"``; shows, episodes
            and audiobooks are found only with a market.
        include_external: ``"audio"`` to include externally hosted episodes.
        limit: results per type. Sent only when given, so Spotify's default
            (5 since 2026) fits the app: development-mode apps may ask at most
            10, extended-quota apps 50; over 50 is refused before sending.
        offset: index of the first result, 0 to 1000.

    Returns:
        One page per type asked for (``result.tracks``, ``result.artists``...),
        None for the others; ``spotlite.all_items(token, result.tracks)`` walks
        the pages after the first, 10 results per request. Pages of playlists
        and episodes may hold None where Spotify hides an item. As in Tekore,
        the result unpacks into its pages in the order of ``types``:
        ``tracks, = spotlite.search(token, "finlandia")``. A search for one
        type gives that type's result (``TrackSearchResult``...), whose page
        is never None: ``spotlite.search(token, "q", types=("album",)).albums``
        is a ``SimpleAlbumPaging``, and type checkers know it.
    """
    kinds = _types(types)
    if not isinstance(query, str) or not query.strip():
        raise InvalidInput(f"query must be a non-empty str, got {quoted(query)}")
    if include_external not in (None, "audio"):
        raise InvalidInput(f"include_external must be 'audio' or None, got {quoted(include_external)}")
    body = get_page(token, "/search", limit, offset, max_offset=1000, optional_limit=True, notes=dev_mode_notes(limit),
                    q=query, type=kinds, market=market, include_external=include_external)
    model = _ONE_TYPE[kinds[0]] if len(kinds) == 1 else SearchResult
    return dataclasses.replace(to_model(model, body), types=tuple(kinds))


def _types(types: Iterable[str]) -> list[str]:
    """The types asked for, checked; a single str counts as one type."""
    kinds = [types] if isinstance(types, str) else check_list("types", types, "search types")
    unknown = [kind for kind in kinds if kind not in SEARCH_TYPES]
    if unknown or not kinds:
        raise InvalidInput(f"types must be some of {', '.join(SEARCH_TYPES)}, got {quoted(kinds)}")
    return list(dict.fromkeys(kinds))
