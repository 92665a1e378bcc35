"""Small objects shared by many models, and the two kinds of page."""

from __future__ import annotations

from typing import Generic, TypeVar

from ._base import Model, dataclass

__all__ = [
    "Copyright",
    "CursorPaging",
    "Cursors",
    "ExternalIds",
    "ExternalUrls",
    "Followers",
    "Image",
    "OffsetPaging",
    "Paging",
    "Restrictions",
]

T = TypeVar("T")


@dataclass(frozen=True, slots=True, kw_only=True)
class Image(Model):
    """A cover or portrait; ``height`` and ``width`` in pixels, None when unknown."""

    url: str
    height: int | None = None
    width: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Copyright(Model):
    """A copyright notice; ``type`` is ``C`` (copyright) or ``P`` (performance)."""

    text: str
    type: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ExternalIds(Model):
    """Identifiers outside Spotify: ISRC (tracks), EAN and UPC (albums)."""

    isrc: str | None = None
    ean: str | None = None
    upc: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ExternalUrls(Model):
    """Web pages of an item; ``spotify`` is its open.spotify.com URL."""

    spotify: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Followers(Model):
    """Follower count (``href`` is always null in Spotify's answers)."""

    total: int
    href: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Restrictions(Model):
    """Why an item is not playable: ``market``, ``product``, ``explicit``, ..."""

    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Paging(Model, Generic[T]):
    """What every page has: its items, the URL it came from and the next page's."""

    items: tuple[T, ...]
    href: str | None = None
    limit: int | None = None
    next: str | None = None
    total: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class OffsetPaging(Paging[T]):
    """A page addressed by offset; ``previous`` and ``next`` are URLs or None."""

    offset: int = 0
    previous: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Cursors(Model):
    """Cursor values of a cursor page."""

    after: str | None = None
    before: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class CursorPaging(Paging[T]):
    """A page addressed by cursors (followed artists, recently played)."""

    cursors: Cursors | None = None
