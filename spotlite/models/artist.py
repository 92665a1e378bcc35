"""Artists."""

from __future__ import annotations

from ._base import Model, dataclass
from .common import CursorPaging, ExternalUrls, Followers, Image, OffsetPaging

__all__ = ["FollowedArtists", "FullArtist", "FullArtistCursorPaging", "FullArtistOffsetPaging", "SimpleArtist"]


@dataclass(frozen=True, slots=True, kw_only=True)
class SimpleArtist(Model):
    """An artist as named on a track or an album."""

    id: str
    name: str
    uri: str
    type: str = "artist"
    href: str | None = None
    external_urls: ExternalUrls | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class FullArtist(SimpleArtist):
    """An artist with images; ``followers``, ``genres`` and ``popularity`` are
    no longer sent to development-mode apps (2026)."""

    images: tuple[Image, ...] = ()
    followers: Followers | None = None
    genres: tuple[str, ...] = ()
    popularity: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class FullArtistOffsetPaging(OffsetPaging[FullArtist]):
    """A page of artists (top artists, search)."""

    items: tuple[FullArtist, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class FullArtistCursorPaging(CursorPaging[FullArtist]):
    """A cursor page of artists (followed artists)."""

    items: tuple[FullArtist, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class FollowedArtists(Model):
    """The answer of ``followed_artists``: ``artists`` is a cursor page of the artists the user follows."""

    artists: FullArtistCursorPaging
