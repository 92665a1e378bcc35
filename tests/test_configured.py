"""Scoped settings: ``configured`` changes settings for one block, in one thread or task."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable

import pytest
from loopback import Handler, Server, reply, serving

import spotlite
from spotlite import aio
from spotlite.errors import InvalidInput

Loopback = Callable[[Handler], Server]


def ok(request: object, conn: object) -> None:
    reply(conn, 200, {"served": True})  # type: ignore[arg-type]


def test_a_block_sends_where_it_says_and_the_process_default_returns(loopback: Loopback) -> None:
    second = loopback(ok)
    first = loopback(ok)  # the process settings point at the last one started
    before = spotlite.settings()
    with spotlite.configured(api_url=second.url + "/v1", timeout=3) as inside:
        assert spotlite.settings() is inside and inside.timeout == 3
        spotlite.request("t", "GET", "/me")
    spotlite.request("t", "GET", "/me")
    assert spotlite.settings() is before
    assert [len(first.requests), len(second.requests)] == [1, 1]


def test_blocks_nest_and_unwind_after_an_exception() -> None:
    before = spotlite.settings()
    with pytest.raises(RuntimeError), spotlite.configured(timeout=4):
        with spotlite.configured(retries=0):
            assert (spotlite.settings().timeout, spotlite.settings().retries) == (4, 0)
        assert (spotlite.settings().timeout, spotlite.settings().retries) == (4, before.retries)
        raise RuntimeError
    assert spotlite.settings() is before


def test_a_bad_value_raises_on_entry_and_changes_nothing() -> None:
    before = spotlite.settings()
    with pytest.raises(InvalidInput, match="timeout"), spotlite.configured(timeout=-1):
        pass  # pragma: no cover - never entered
    with pytest.raises(InvalidInput, match="unknown setting colour"), spotlite.configured(colour="red"):
        pass  # pragma: no cover - never entered
    assert spotlite.settings() is before


def test_other_threads_keep_the_process_settings() -> None:
    seen: list[float] = []
    inside, done = threading.Barrier(2, timeout=10), threading.Event()

    def other() -> None:
        inside.wait()
        seen.append(spotlite.settings().timeout)
        done.set()

    thread = threading.Thread(target=other)
    thread.start()
    with spotlite.configured(timeout=1.5):
        inside.wait()
        assert done.wait(10)
        assert spotlite.settings().timeout == 1.5
    thread.join(10)
    assert seen == [spotlite.settings().timeout] and seen != [1.5]


def test_aio_calls_carry_the_block_into_their_worker_threads(loopback: Loopback) -> None:
    async def main(url: str) -> object:
        with spotlite.configured(api_url=url + "/v1"):
            return await aio.request("t", "GET", "/me")

    server = loopback(ok)
    with serving(ok) as elsewhere:
        assert asyncio.run(main(elsewhere.url)) == {"served": True}
        assert (len(elsewhere.requests), len(server.requests)) == (1, 0)


def test_tasks_do_not_see_each_others_blocks() -> None:
    async def task(timeout: float, ready: asyncio.Event, other: asyncio.Event) -> float:
        with spotlite.configured(timeout=timeout):
            ready.set()
            await asyncio.wait_for(other.wait(), 10)
            return spotlite.settings().timeout

    async def main() -> list[float]:
        a, b = asyncio.Event(), asyncio.Event()
        return list(await asyncio.gather(task(1.0, a, b), task(2.0, b, a)))

    assert asyncio.run(main()) == [1.0, 2.0]


def test_configure_inside_a_block_is_seen_where_the_block_changes_nothing(loopback: Loopback) -> None:
    loopback(ok)  # restores the process settings after the test
    with spotlite.configured(timeout=4):
        spotlite.configure(retries=1, timeout=9)
        assert (spotlite.settings().retries, spotlite.settings().timeout) == (1, 4)
        with spotlite.configured(backoff=0.25):
            spotlite.configure(retries=2)
            assert (spotlite.settings().retries, spotlite.settings().timeout, spotlite.settings().backoff) == (2, 4, 0.25)
    assert (spotlite.settings().retries, spotlite.settings().timeout) == (2, 9)
