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
    """The image's URL (it may expire: do not store it for long)."""
    height: int | None = None
    """Height in pixels; None when unknown."""
    width: int | None = None
    """Width in pixels; None when unknown."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Copyright(Model):
    """A copyright notice; ``type`` is ``C`` (copyright) or ``P`` (performance)."""

    text: str
    """The notice."""
    type: str
    """``C`` (copyright) or ``P`` (performance copyright)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ExternalIds(Model):
    """Identifiers outside Spotify: ISRC (tracks), EAN and UPC (albums)."""

    isrc: str | None = None
    """International Standard Recording Code (tracks)."""
    ean: str | None = None
    """International Article Number (albums)."""
    upc: str | None = None
    """Universal Product Code (albums)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ExternalUrls(Model):
    """Web pages of an item; ``spotify`` is its open.spotify.com URL."""

    spotify: str | None = None
    """The open.spotify.com URL."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Followers(Model):
    """Follower count (``href`` is always null in Spotify's answers)."""

    total: int
    """How many followers."""
    href: str | None = None
    """Always None in Spotify's answers."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Restrictions(Model):
    """Why an item is not playable: ``market``, ``product``, ``explicit``, ..."""

    reason: str
    """``market``, ``product``, ``explicit`` or another reason Spotify gives."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Paging(Model, Generic[T]):
    """What every page has: its items, the URL it came from and the next page's."""

    items: tuple[T, ...]
    """The items of this page."""
    href: str
    """The Web API URL of this page."""
    limit: int
    """The page size asked for."""
    next: str | None = None
    """The URL of the next page; None on the last."""


@dataclass(frozen=True, slots=True, kw_only=True)
class OffsetPaging(Paging[T]):
    """A page addressed by offset; ``previous`` and ``next`` are URLs or None."""

    total: int
    """How many items there are in all, on every page."""
    offset: int = 0
    """Index of this page's first item."""
    previous: str | None = None
    """The URL of the previous page; None on the first."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Cursors(Model):
    """Cursor values of a cursor page."""

    after: str | None = None
    """The cursor of the next page (None on the last)."""
    before: str | None = None
    """The cursor of the previous page, where Spotify gives one."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CursorPaging(Paging[T]):
    """A page addressed by cursors (followed artists, recently played)."""

    cursors: Cursors
    """Where the next page starts; ``spotlite.next_page`` follows it."""
    total: int | None = None
    """How many items there are in all (recently played pages do not say)."""
