"""Artists."""

from __future__ import annotations

from ._base import Model, dataclass
from .common import CursorPaging, ExternalUrls, Followers, Image, OffsetPaging

__all__ = ["FollowedArtists", "FullArtist", "FullArtistCursorPaging", "FullArtistOffsetPaging", "SimpleArtist"]


@dataclass(frozen=True, slots=True, kw_only=True)
class SimpleArtist(Model):
    """An artist as named on a track or an album."""

    id: str
    """The Spotify ID."""
    name: str
    """The artist's name."""
    uri: str
    """The Spotify URI (``spotify:<type>:<id>``)."""
    type: str = "artist"
    """``artist``."""
    href: str
    """The Web API URL of the full object."""
    external_urls: ExternalUrls
    """Web pages of the item; ``external_urls.spotify`` is its open.spotify.com page."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FullArtist(SimpleArtist):
    """An artist with images; ``followers``, ``genres`` and ``popularity`` are
    no longer sent to development-mode apps (2026)."""

    images: tuple[Image, ...] = ()
    """Images of the artist, largest first."""
    followers: Followers | None = None
    """Follower count; not sent to development-mode apps since 2026."""
    genres: tuple[str, ...] = ()
    """Genres the artist is associated with (deprecated by Spotify, often empty)."""
    popularity: int | None = None
    """Popularity from 0 to 100, from recent plays; not sent to development-mode apps since 2026."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FullArtistOffsetPaging(OffsetPaging[FullArtist]):
    """A page of artists (top artists, search)."""

    items: tuple[FullArtist, ...]
    """The items of this page."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FullArtistCursorPaging(CursorPaging[FullArtist]):
    """A cursor page of artists (followed artists)."""

    items: tuple[FullArtist, ...]
    """The items of this page."""
    total: int
    """How many artists the user follows."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FollowedArtists(Model):
    """The answer of ``followed_artists``: ``artists`` is a cursor page of the artists the user follows."""

    artists: FullArtistCursorPaging
    """The cursor page of followed artists."""
