"""Browse: categories, their playlists and featured playlists.

Deprecated by Spotify: featured playlists and category playlists since
November 2024 (new and development-mode apps get 403 or 404), the
categories themselves for development-mode apps since 2026.
"""

from __future__ import annotations

from .._endpoint import endpoint
from .._http import send
from .._mapper import to_model
from .._token import TokenLike
from ..ids import segment
from ..models.browse import Categories, Category, CategoryPlaylists, FeaturedPlaylists
from ._helpers import DEPRECATED, check_str, get_page, query

__all__ = ["categories", "category", "category_playlists", "featured_playlists"]

_NOTES = {403: DEPRECATED}
_REMOVED_NOTES = {403: DEPRECATED, 404: DEPRECATED}  # November 2024: new apps get 404 from these


@endpoint(deprecated="development-mode apps get 403 since 2026.")
def categories(token: TokenLike, locale: str | None = None, limit: int = 20, offset: int = 0) -> Categories:
    """Get a page of browse categories (``limit`` 1 to 50).

    Args:
        locale: language and country of the names, e.g. ``"sv_SE"``.
        limit: items per page, 1 to 50.
        offset: index of the first item (0 for the first page).

    Returns:
        Spotify's answer: ``categories`` is the page of categories.
    """
    check_str("locale", locale, optional=True)
    return to_model(Categories, get_page(token, "/browse/categories", limit, offset, notes=_NOTES, locale=locale))


@endpoint(deprecated="development-mode apps get 403 since 2026.")
def category(token: TokenLike, category_id: str, locale: str | None = None) -> Category:
    """Get a browse category.

    Args:
        category_id: the category's ID, e.g. ``"party"``.
        locale: language and country of the name, e.g. ``"sv_SE"``.

    Returns:
        The category, with its name and icons.
    """
    check_str("locale", locale, optional=True)
    path = f"/browse/categories/{segment(category_id, 'category')}"
    return to_model(Category, send("GET", path, token=token, params=query(locale=locale), notes=_NOTES))


@endpoint(deprecated="since November 2024 new and development-mode apps get 403 or 404.")
def featured_playlists(
    token: TokenLike, locale: str | None = None, limit: int = 20, offset: int = 0
) -> FeaturedPlaylists:
    """Get a page of the playlists Spotify features (``limit`` 1 to 50).

    Spotify's ``country`` and ``timestamp`` parameters are gone.

    Args:
        locale: language and country of the message, e.g. ``"sv_SE"``.
        limit: items per page, 1 to 50.
        offset: index of the first item (0 for the first page).

    Returns:
        Spotify's answer: its ``message`` and ``playlists``, a page that may
        hold None where Spotify hides one of its own playlists.
    """
    check_str("locale", locale, optional=True)
    body = get_page(token, "/browse/featured-playlists", limit, offset, notes=_REMOVED_NOTES, locale=locale)
    return to_model(FeaturedPlaylists, body)


@endpoint(deprecated="since November 2024 new and development-mode apps get 403 or 404.")
def category_playlists(token: TokenLike, category_id: str, limit: int = 20, offset: int = 0) -> CategoryPlaylists:
    """Get a page of a browse category's playlists (``limit`` 1 to 50).

    Spotify's ``country`` parameter is gone.

    Args:
        category_id: the category's ID, e.g. ``"party"``.
        limit: items per page, 1 to 50.
        offset: index of the first item (0 for the first page).

    Returns:
        Spotify's answer: ``playlists``, a page that may hold None where
        Spotify hides one of its own playlists, and sometimes a ``message``.
    """
    path = f"/browse/categories/{segment(category_id, 'category')}/playlists"
    return to_model(CategoryPlaylists, get_page(token, path, limit, offset, notes=_REMOVED_NOTES))
