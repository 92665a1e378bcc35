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

__all__ = [
    "AlbumSearchResult",
    "ArtistSearchResult",
    "AudiobookSearchResult",
    "EpisodeSearchResult",
    "PlaylistSearchResult",
    "SearchPage",
    "SearchResult",
    "ShowSearchResult",
    "TrackSearchResult",
]


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


# What a search for one type gives: the page of that type is there (Spotify always sends the page of a type asked
# for), typed as itself, and the result unpacks into it alone: ``tracks, = spotlite.search(token, "q")``.


@dataclass(frozen=True, slots=True, kw_only=True)
class TrackSearchResult(SearchResult):
    """What a search for tracks found: ``result.tracks``; unpacks as ``tracks, = result``."""

    tracks: FullTrackPaging
    """Tracks found."""

    def __iter__(self) -> Iterator[FullTrackPaging]:
        """The page of tracks, alone."""
        return iter((self.tracks,))


@dataclass(frozen=True, slots=True, kw_only=True)
class ArtistSearchResult(SearchResult):
    """What a search for artists found: ``result.artists``; unpacks as ``artists, = result``."""

    artists: FullArtistOffsetPaging
    """Artists found."""

    def __iter__(self) -> Iterator[FullArtistOffsetPaging]:
        """The page of artists, alone."""
        return iter((self.artists,))


@dataclass(frozen=True, slots=True, kw_only=True)
class AlbumSearchResult(SearchResult):
    """What a search for albums found: ``result.albums``; unpacks as ``albums, = result``."""

    albums: SimpleAlbumPaging
    """Albums found."""

    def __iter__(self) -> Iterator[SimpleAlbumPaging]:
        """The page of albums, alone."""
        return iter((self.albums,))


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaylistSearchResult(SearchResult):
    """What a search for playlists found: ``result.playlists`` (None where Spotify hides one); unpacks as
    ``playlists, = result``."""

    playlists: SimplePlaylistPaging
    """Playlists found (None where Spotify hides one)."""

    def __iter__(self) -> Iterator[SimplePlaylistPaging]:
        """The page of playlists, alone."""
        return iter((self.playlists,))


@dataclass(frozen=True, slots=True, kw_only=True)
class ShowSearchResult(SearchResult):
    """What a search for shows found: ``result.shows``; unpacks as ``shows, = result``."""

    shows: SimpleShowPaging
    """Shows found."""

    def __iter__(self) -> Iterator[SimpleShowPaging]:
        """The page of shows, alone."""
        return iter((self.shows,))


@dataclass(frozen=True, slots=True, kw_only=True)
class EpisodeSearchResult(SearchResult):
    """What a search for episodes found: ``result.episodes`` (None where Spotify hides one); unpacks as
    ``episodes, = result``."""

    episodes: SimpleEpisodePaging
    """Episodes found (None where Spotify hides one)."""

    def __iter__(self) -> Iterator[SimpleEpisodePaging]:
        """The page of episodes, alone."""
        return iter((self.episodes,))


@dataclass(frozen=True, slots=True, kw_only=True)
class AudiobookSearchResult(SearchResult):
    """What a search for audiobooks found: ``result.audiobooks``; unpacks as ``audiobooks, = result``."""

    audiobooks: SimpleAudiobookPaging
    """Audiobooks found."""

    def __iter__(self) -> Iterator[SimpleAudiobookPaging]:
        """The page of audiobooks, alone."""
        return iter((self.audiobooks,))
