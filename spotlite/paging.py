"""Walking pages: ``next_page``, ``previous_page``, ``all_pages``, ``all_items``.

They take any page spotlite returned, including a page inside a model
(``album.tracks``) and pages of search results, and follow the URLs Spotify
put in it. ``all_items`` asks for the largest page each endpoint allows.

On an offset-paged list the total and every page's offset are known from the
first page, so ``all_pages`` (and ``all_items``) fetch up to ``pages_ahead``
pages at once (a setting, 6 by default, halved after a 429), each once, and
yield them in order, with as many requests as one page after another. They
start fetching ahead when the loop asks for the second page, and start no
request once the loop stops or breaks out (those already under way end and
are dropped). Cursor-paged lists (followed artists, recently played) are
walked one page after another: each page's cursor comes from the one before.
"""

from __future__ import annotations

import contextvars
import re
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from . import _http
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
    yield page
    ahead = _Ahead(page)
    last = page
    if ahead.urls:
        pool = ThreadPoolExecutor(ahead.window, thread_name_prefix="spotlite-pages")
        fetching: deque[Future[P | None]] = deque()
        try:
            while ahead.urls or fetching:
                while ahead.urls and len(fetching) < ahead.window:
                    url = ahead.urls.popleft()
                    fetching.append(pool.submit(contextvars.copy_context().run, _fetch, token, page, url))
                current = fetching.popleft().result()
                if current is None:
                    return
                ahead.arrived()
                yield current
                if current.next is None:  # the list ended sooner than planned (it shrank)
                    return
                last = current
        finally:
            for future in fetching:
                future.cancel()
            pool.shutdown(wait=False, cancel_futures=True)
    current = _fetch(token, last, _largest(last.next))
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


class _Ahead:
    """The plan of a walk over an offset-paged list: the URLs of the pages after the first, and how many at once.

    No I/O: ``all_pages`` and ``spotlite.aio.all_pages`` each fetch by it.
    ``urls`` is empty for a cursor-paged list, a last page, or a list whose
    total or offsets are not known: such a walk goes one page after another.
    """

    __slots__ = ("since", "urls", "window")

    def __init__(self, page: Paging[Any]) -> None:
        self.urls: deque[str] = deque(_following(page))
        self.window = _http.settings().pages_ahead
        self.since = _http.last_429

    def arrived(self) -> None:
        """A page arrived: after a 429 (anywhere in the process) since the last one, fetch half as many at once."""
        if _http.last_429 != self.since:
            self.since, self.window = _http.last_429, max(1, self.window // 2)


def _following(page: Paging[Any]) -> list[str]:
    """The URLs of the pages after ``page`` of an offset-paged list, each asking for the largest page; [] if unknown."""
    if not isinstance(page, OffsetPaging) or page.next is None or page.total is None:
        return []
    parts = urlsplit(_largest(page.next) or "")
    params = dict(parse_qsl(parts.query, keep_blank_values=True))
    try:
        offset, limit = int(params["offset"]), int(params["limit"])
    except (KeyError, ValueError):
        return []
    urls = []
    for start in range(offset, page.total, limit):
        params["offset"] = str(start)
        urls.append(urlunsplit(parts._replace(query=urlencode(params, safe=",:"))))
    return urls
