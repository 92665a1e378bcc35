"""The answer of a search: one page per type of item asked for."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import field

from ._base import Model, dataclass
from .artist import FullArtistOffsetPaging
from .audiobook import SimpleAudiobookPaging
from .music import FullTrackPaging, SimpleAlbumPaging
from .playlist import SimplePlaylistPaging
from .podcast import SimpleEpisodePaging, SimpleShowPaging

__all__ = ["SearchPage", "SearchResult"]


SearchPage = (
    FullTrackPaging | FullArtistOffsetPaging | SimpleAlbumPaging | SimplePlaylistPaging | SimpleShowPaging
    | SimpleEpisodePaging | SimpleAudiobookPaging
)
"""A page of one type of search results."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchResult(Model):
    """What ``search`` found: a page for each type asked for, None for the others.

    ``result.tracks.items`` are the tracks found; ``spotlite.all_items(token,
    result.tracks)`` walks the pages after it. Pages of playlists and episodes
    may hold None where Spotify hides an item.

    As in Tekore, the result also unpacks into its pages in the order the
    types were asked: ``tracks, artists = spotlite.search(token, "q",
    types=("track", "artist"))``. ``types`` is that order, kept by ``search``;
    it is not Spotify's data, so ``==``, ``repr``, ``str`` and ``to_dict``
    leave it out. A result made otherwise (``types`` empty) unpacks into the
    pages it holds, in the order of the fields.
    """

    tracks: FullTrackPaging | None = None
    """Tracks found, when asked for."""
    artists: FullArtistOffsetPaging | None = None
    """Artists found, when asked for."""
    albums: SimpleAlbumPaging | None = None
    """Albums found, when asked for."""
    playlists: SimplePlaylistPaging | None = None
    """Playlists found, when asked for (None where Spotify hides one)."""
    shows: SimpleShowPaging | None = None
    """Shows found, when asked for (needs a ``market``)."""
    episodes: SimpleEpisodePaging | None = None
    """Episodes found, when asked for (needs a ``market``)."""
    audiobooks: SimpleAudiobookPaging | None = None
    """Audiobooks found, when asked for (needs a ``market``)."""
    types: tuple[str, ...] = field(default=(), compare=False, repr=False)
    """The types asked for, in order: the order the result unpacks in. Not Spotify's data."""

    def __iter__(self) -> Iterator[SearchPage | None]:
        """The pages of the types asked, in the order asked (None where Spotify sent none)."""
        if self.types:
            return iter([getattr(self, f"{kind}s") for kind in self.types])
        pages = (self.tracks, self.artists, self.albums, self.playlists, self.shows, self.episodes, self.audiobooks)
        return iter([page for page in pages if page is not None])
