"""Browse categories and the playlists Spotify features (deprecated endpoints)."""

from __future__ import annotations

from ._base import Model, dataclass
from .common import Image, OffsetPaging
from .playlist import SimplePlaylistPaging

__all__ = [
    "Categories",
    "Category",
    "CategoryPaging",
    "CategoryPlaylists",
    "FeaturedPlaylists",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Category(Model):
    """A browse category (``party``, ``mood``...) with its icons."""

    id: str
    """The category's ID, e.g. ``party``."""
    name: str
    """The category's name, in the locale asked for."""
    href: str
    """The Web API URL of the full object."""
    icons: tuple[Image, ...] = ()
    """The category's icons."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CategoryPaging(OffsetPaging[Category]):
    """A page of browse categories."""

    items: tuple[Category, ...]
    """The items of this page."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Categories(Model):
    """The answer of ``categories``: a page of categories."""

    categories: CategoryPaging
    """The page of categories."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FeaturedPlaylists(Model):
    """The answer of ``featured_playlists``: Spotify's ``message`` (a greeting
    such as "Editor's picks") and the page of playlists."""

    playlists: SimplePlaylistPaging
    """The page of playlists (None where Spotify hides one)."""
    message: str | None = None
    """Spotify's headline for them, when sent."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CategoryPlaylists(FeaturedPlaylists):
    """The answer of ``category_playlists``: the page of a category's
    playlists, and a ``message`` when Spotify sends one."""
