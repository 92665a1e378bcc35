"""``all_pages`` and ``all_items`` fetching offset pages ahead, on both drivers, against a loopback library.

In order, each page once, as many requests as one page after another, never
more than ``pages_ahead`` at once, nothing started once the loop breaks out,
fewer at once after a 429; cursor pages one after another.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from drivers import DRIVERS
from loopback import Handler, Request, Server, reply

import spotlite
from spotlite import _http, aio, paging
from spotlite.paging import _Ahead

Loopback = Callable[[Handler], Server]
Walk = Callable[..., list[Any]]
TOKEN = "dummy-token"
ALBUM = "1" * 22
API = "https://api.spotify.com/v1"


def track(n: int) -> dict[str, Any]:
    return {"id": f"{n:022d}", "name": f"Song {n}", "type": "track", "uri": f"spotify:track:{n:022d}",
            "href": f"{API}/tracks/{n:022d}", "external_urls": {}, "duration_ms": 1000, "disc_number": 1,
            "track_number": n + 1, "explicit": False}


class Library:
    """Serves an album's ``total`` tracks by offset (and the followed artists by cursor), counting what is in flight."""

    def __init__(self, total: int, *, together: int = 0, limited: int | None = None) -> None:
        self.total = total
        self.in_flight = self.most = 0
        self.lock = threading.Lock()
        self.offsets: list[int] = []
        self.meet = threading.Barrier(together, timeout=5) if together else None  # the first pages ahead wait here
        self.limited = limited  # this offset is answered 429 once

    def __call__(self, request: Request, conn: socket.socket) -> None:
        with self.lock:
            self.in_flight += 1
            self.most = max(self.most, self.in_flight)
        try:
            self.answer(request, conn)
        finally:
            with self.lock:
                self.in_flight -= 1

    def answer(self, request: Request, conn: socket.socket) -> None:
        url = urlsplit(request.path)
        query = {name: values[0] for name, values in parse_qs(url.query).items()}
        if url.path.endswith("/following"):
            self.followed(query, conn)
            return
        offset, limit = int(query.get("offset", 0)), int(query.get("limit", 20))
        with self.lock:
            if offset == self.limited:
                self.limited = None
                reply(conn, 429, {"error": {"status": 429, "message": "API rate limit exceeded"}}, {"Retry-After": "0"})
                return
            self.offsets.append(offset)
        if self.meet is not None and offset and len(self.offsets) <= 1 + self.meet.parties:
            self.meet.wait()  # proves that many were sent at once, without a stopwatch
        threading.Event().wait(0.005)
        following = offset + limit
        reply(conn, 200, {
            "href": f"{API}/albums/{ALBUM}/tracks?offset={offset}&limit={limit}",
            "items": [track(n) for n in range(offset, min(following, self.total))],
            "limit": limit, "offset": offset, "total": self.total, "previous": None,
            "next": f"{API}/albums/{ALBUM}/tracks?offset={following}&limit={limit}" if following < self.total else None,
        })

    def followed(self, query: dict[str, str], conn: socket.socket) -> None:
        after = int(query.get("after", 0))
        limit = int(query.get("limit", 20))
        following = after + limit
        artists = [{"id": f"{n:022d}", "name": f"Artist {n}", "type": "artist", "uri": f"spotify:artist:{n:022d}",
                    "href": f"{API}/artists/{n:022d}", "external_urls": {}} for n in range(after, min(following, self.total))]
        reply(conn, 200, {"artists": {
            "href": f"{API}/me/following?type=artist", "items": artists, "limit": limit, "total": self.total,
            "cursors": {"after": str(following) if following < self.total else None},
            "next": f"{API}/me/following?type=artist&after={following}&limit={limit}" if following < self.total else None,
        }})


@pytest.fixture(params=DRIVERS)
def walk(request: pytest.FixtureRequest) -> Walk:
    """``walk(first, pages=None)``: the pages ``all_pages`` yields from the page ``first()`` fetches (the first
    ``pages`` of them, then it breaks out), with the sync ``all_pages`` or with ``spotlite.aio``'s."""

    def sync(first: Callable[[], Any], pages: int | None = None) -> list[Any]:
        got = []
        for page in spotlite.all_pages(TOKEN, first()):
            got.append(page)
            if len(got) == pages:
                break
        return got

    def awaited(first: Callable[[], Any], pages: int | None = None) -> list[Any]:
        async def main() -> list[Any]:
            got = []
            walking = aio.all_pages(TOKEN, first())
            async for page in walking:
                got.append(page)
                if len(got) == pages:
                    break
            await walking.aclose()
            return got

        return asyncio.run(main())

    return sync if request.param == "sync" else awaited


def first_page(limit: int = 50) -> Callable[[], Any]:
    return lambda: spotlite.album_tracks(TOKEN, ALBUM, limit=limit)


def test_offset_pages_come_in_order_each_once_fetched_ahead(walk: Walk, loopback: Loopback) -> None:
    library = Library(1000, together=3)
    server = loopback(library)
    with spotlite.configured(pages_ahead=3):
        pages = walk(first_page(limit=7))
    names = [item.name for page in pages for item in page.items]
    assert names == [f"Song {n}" for n in range(1000)]
    assert [page.offset for page in pages] == [0, *range(7, 1000, 50)]
    assert sorted(library.offsets) == [0, *range(7, 1000, 50)]  # each once: as many as one page after another
    assert len(server.requests) == 1 + 20
    assert library.most == 3  # three at once (they met at the barrier), never more


def test_breaking_out_starts_no_more_requests(walk: Walk, loopback: Loopback) -> None:
    library = Library(1000)
    server = loopback(library)
    with spotlite.configured(pages_ahead=3):
        pages = walk(first_page(), pages=2)
    assert [page.offset for page in pages] == [0, 50]
    for _ in range(20):  # those already under way may still arrive: until none has for 0.2 s (at most 4 s)
        sent = len(server.requests)
        threading.Event().wait(0.2)
        if len(server.requests) == sent:
            break
    assert 2 <= len(server.requests) <= 1 + 3  # the first page, and the three fetched ahead at most: none after


def test_the_first_page_alone_fetches_nothing(walk: Walk, loopback: Loopback) -> None:
    server = loopback(Library(1000))
    assert len(walk(first_page(), pages=1)) == 1
    assert len(server.requests) == 1


def test_one_page_at_a_time_when_pages_ahead_is_1(walk: Walk, loopback: Loopback) -> None:
    library = Library(500)
    loopback(library)
    with spotlite.configured(pages_ahead=1):
        pages = walk(first_page())
    assert len(pages) == 10 and library.most == 1


def test_a_cursor_list_is_walked_one_page_after_another(walk: Walk, loopback: Loopback) -> None:
    library = Library(230)
    server = loopback(library)
    pages = walk(lambda: spotlite.followed_artists(TOKEN, limit=50).artists)
    assert [artist.name for page in pages for artist in page.items] == [f"Artist {n}" for n in range(230)]
    assert library.most == 1 and len(server.requests) == 5


def test_a_429_is_retried_in_place_and_halves_the_pages_fetched_at_once(walk: Walk, loopback: Loopback) -> None:
    library = Library(1000, limited=307)
    server = loopback(library)
    with spotlite.configured(pages_ahead=4):
        pages = walk(first_page(limit=7))
    assert [item.name for page in pages for item in page.items] == [f"Song {n}" for n in range(1000)]
    assert sorted(library.offsets) == [0, *range(7, 1000, 50)]
    assert len(server.requests) == 1 + 20 + 1  # the one retry


def test_the_plan_fetches_half_as_many_after_a_429(monkeypatch: pytest.MonkeyPatch) -> None:
    page = spotlite.models.SimpleTrackPaging(items=(), href=API, offset=0, limit=10, total=100,
                                             next=f"{API}/albums/{ALBUM}/tracks?offset=10&limit=10")
    with spotlite.configured(pages_ahead=8):
        ahead = _Ahead(page)
    assert list(ahead.urls) == [f"{API}/albums/{ALBUM}/tracks?offset={n}&limit=50" for n in range(10, 100, 50)]
    assert ahead.window == 8
    ahead.arrived()
    assert ahead.window == 8
    monkeypatch.setattr(_http, "last_429", _http.last_429 + 1)
    ahead.arrived()
    assert ahead.window == 4
    ahead.arrived()
    assert ahead.window == 4  # once per 429


def test_what_is_not_planned_goes_one_page_after_another() -> None:
    def page(**fields: Any) -> Any:
        return spotlite.models.SimpleTrackPaging(items=(), href=API, limit=10, **fields)

    assert paging._following(page(total=100, next=None)) == []  # the last page
    assert paging._following(page(total=None, next=f"{API}/x?offset=10&limit=10")) == []  # no total
    assert paging._following(page(total=100, next=f"{API}/x?limit=10")) == []  # no offset
    cursor_page = spotlite.models.CursorPaging(items=(), href=API, limit=10, cursors=spotlite.models.Cursors(after="3"),
                                               total=100, next=f"{API}/x?after=3")
    assert paging._following(cursor_page) == []


@pytest.mark.parametrize("value", [0, 21, True, 2.0, "4"])
def test_pages_ahead_is_checked(value: object) -> None:
    with pytest.raises(spotlite.InvalidInput, match="pages_ahead"):
        spotlite.configure(pages_ahead=value)
