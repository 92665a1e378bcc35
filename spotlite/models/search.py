"""The answer of a search: one page per type of item asked for."""

from __future__ import annotations

from dataclasses import dataclass

from ._base import Model
from .artist import FullArtistOffsetPaging
from .audiobook import SimpleAudiobookPaging
from .common import OffsetPaging
from .music import FullTrackPaging, SimpleAlbumPaging
from .playlist import SimplePlaylist
from .podcast import SimpleEpisode, SimpleShowPaging

__all__ = ["SearchEpisodePaging", "SearchPlaylistPaging", "SearchResult"]


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchPlaylistPaging(OffsetPaging["SimplePlaylist | None"]):
    """A page of playlists found; None where Spotify hides a playlist from the
    app (real answers hold such nulls since November 2024)."""

    items: tuple[SimplePlaylist | None, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchEpisodePaging(OffsetPaging["SimpleEpisode | None"]):
    """A page of episodes found; None where Spotify sends null (real answers do)."""

    items: tuple[SimpleEpisode | None, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchResult(Model):
    """What ``search`` found: a page for each type asked for, None for the others.

    ``result.tracks.items`` are the tracks found; ``spotlite.all_items(token,
    result.tracks)`` walks the pages after it. Pages of playlists and episodes
    may hold None where Spotify hides an item.
    """

    tracks: FullTrackPaging | None = None
    artists: FullArtistOffsetPaging | None = None
    albums: SimpleAlbumPaging | None = None
    playlists: SearchPlaylistPaging | None = None
    shows: SimpleShowPaging | None = None
    episodes: SearchEpisodePaging | None = None
    audiobooks: SimpleAudiobookPaging | None = None
