"""The answer of a search: one page per type of item asked for."""

from __future__ import annotations

from dataclasses import dataclass

from ._base import Model
from .artist import FullArtistOffsetPaging
from .audiobook import SimpleAudiobookPaging
from .music import FullTrackPaging, SimpleAlbumPaging
from .playlist import SimplePlaylistPaging
from .podcast import SimpleEpisodePaging, SimpleShowPaging

__all__ = ["SearchResult"]


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
    playlists: SimplePlaylistPaging | None = None
    shows: SimpleShowPaging | None = None
    episodes: SimpleEpisodePaging | None = None
    audiobooks: SimpleAudiobookPaging | None = None
