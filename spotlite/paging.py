"""Walking pages: ``next_page``, ``previous_page``, ``all_pages``, ``all_items``.

They take any page spotlite returned, including a page inside a model
(``album.tracks``) and pages of search results, and follow the URLs Spotify
put in it. ``all_items`` asks for the largest page each endpoint allows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ._http import send
from ._mapper import to_model
from ._token import TokenLike
from .models.common import OffsetPaging, Paging

__all__ = ["all_items", "all_pages", "next_page", "previous_page"]

T = TypeVar("T")
P = TypeVar("P", bound=Paging[Any])

# The largest page each endpoint allows, by path; 50 for every other one.
_MAX_LIMITS = (
    (re.compile(r"/search$"), 10),
    (re.compile(r"/artists/[^/]+/albums$"), 10),
    (re.compile(r"/playlists/[^/]+/tracks$"), 100),
)
_DEFAULT_MAX_LIMIT = 50


def next_page(token: TokenLike, page: P) -> P | None:
    """The page after ``page``, or None when it is the last.

    Args:
        page: a page spotlite returned, or one inside a model (``album.tracks``).

    Returns:
        The next page, of the same model as ``page``; None after the last.
    """
    return _fetch(token, page, page.next)


def previous_page(token: TokenLike, page: P) -> P | None:
    """The page before ``page``, or None when it is the first (or a cursor page).

    Args:
        page: an offset page spotlite returned.

    Returns:
        The previous page, of the same model as ``page``; None before the first.
    """
    previous = page.previous if isinstance(page, OffsetPaging) else None
    return _fetch(token, page, previous)


def all_pages(token: TokenLike, page: P) -> Iterator[P]:
    """``page`` and every page after it, asking for the largest pages allowed.

    Args:
        page: the first page to yield (any page spotlite returned).

    Returns:
        An iterator of pages: ``page``, then each page after it, fetched as needed.
    """
    current: P | None = page
    while current is not None:
        yield current
        current = _fetch(token, current, _largest(current.next))


def all_items(token: TokenLike, page: Paging[T]) -> Iterator[T]:
    """Every item of ``page`` and of the pages after it.

    >>> for track in spotlite.all_items(token, spotlite.album(token, album_id).tracks): ...

    Args:
        page: the page to start from (any page spotlite returned).

    Returns:
        An iterator of the items, fetching each following page as needed.
    """
    for each in all_pages(token, page):
        yield from each.items


def _fetch(token: TokenLike, page: P, url: str | None) -> P | None:
    if url is None:
        return None
    body = send("GET", url, token=token)
    if isinstance(body, dict) and "items" not in body:
        # search, browse and following wrap their page: {"albums": page}, {"message": ..., "playlists": page}
        wrapped = [value for value in body.values() if isinstance(value, dict)]
        body = wrapped[0] if len(wrapped) == 1 else body
    return to_model(type(page), body)


def _largest(url: str | None) -> str | None:
    """``url`` asking for the endpoint's largest page."""
    if url is None:
        return None
    parts = urlsplit(url)
    maximum = next((m for pattern, m in _MAX_LIMITS if pattern.search(parts.path)), _DEFAULT_MAX_LIMIT)
    params = dict(parse_qsl(parts.query, keep_blank_values=True))
    params["limit"] = str(maximum)
    return urlunsplit(parts._replace(query=urlencode(params, safe=",:")))
