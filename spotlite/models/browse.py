"""Browse categories and the playlists Spotify features (deprecated endpoints)."""

from __future__ import annotations

from dataclasses import dataclass

from ._base import Model
from .common import Image, OffsetPaging

__all__ = ["Categories", "Category", "CategoryPaging"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Category(Model):
    """A browse category (``party``, ``mood``...) with its icons."""

    id: str
    name: str
    href: str | None = None
    icons: tuple[Image, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class CategoryPaging(OffsetPaging[Category]):
    """A page of browse categories."""

    items: tuple[Category, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Categories(Model):
    """The answer of ``categories``: a page of categories."""

    categories: CategoryPaging
