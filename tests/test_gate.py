"""The rate-limit gate (one per process: threads and aio wait out a 429 together) and spent quotas."""

from __future__ import annotations

import asyncio
import pickle
import socket
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from drivers import Call
from loopback import Handler, Request, Server, reply

import spotlite
from spotlite import _aiohttp, aio
from spotlite.errors import QuotaExceeded, TooManyRequests

TOKEN = "dummy-user-token"
ALBUM = "3RBULTZJ97bvVzZLpxcB0j"
REAL_SLEEP = time.sleep  # the autouse fixture makes time.sleep a no-op: these tests wait for real
WINDOW = 1.0  # the Retry-After of the first answer, in seconds


class Limited:
    """A handler whose first answer is a 429 with ``Retry-After``; every request's arrival time is noted."""

    def __init__(self, retry_after: float = WINDOW, body: Any = None) -> None:
        self.retry_after = retry_after
        self.body = body or {"error": {"status": 429, "message": "API rate limit exceeded"}}
        self.arrived: list[float] = []  # time.monotonic() of each request
        self.limited_at = 0.0  # when the 429 was sent
        self.lock = threading.Lock()

    def __call__(self, request: Request, conn: socket.socket) -> None:
        with self.lock:
            self.arrived.append(time.monotonic())
            first = len(self.arrived) == 1
        if first:
            self.limited_at = time.monotonic()
            reply(conn, 429, self.body, {"Retry-After": f"{self.retry_after:g}"})
        else:
            reply(conn, 200, {"id": "x", "name": "ok"})


@pytest.fixture
def real_sleep(monkeypatch: pytest.MonkeyPatch) -> None:
    """Waits really wait here, on both drivers."""
    monkeypatch.setattr(time, "sleep", REAL_SLEEP)
    monkeypatch.setattr(_aiohttp, "_sleep", asyncio.sleep)


def limit_once(server: Server) -> None:
    """One call that gets the 429 and gives up at once (no retries), leaving the gate closed."""
    with spotlite.configured(retries=0), pytest.raises(TooManyRequests):
        spotlite.request(TOKEN, "GET", f"/albums/{ALBUM}")
    assert len(server.requests) == 1


def test_eight_threads_send_nothing_inside_the_window(loopback: Callable[[Handler], Server], real_sleep: None) -> None:
    limited = Limited()
    server = loopback(limited)
    limit_once(server)
    barrier = threading.Barrier(8)
    answers: list[Any] = []

    def call() -> None:
        barrier.wait()
        answers.extend(spotlite.request(TOKEN, "GET", f"/albums/{ALBUM}")["name"] for _ in range(3))

    threads = [threading.Thread(target=call) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert answers == ["ok"] * 24 and len(limited.arrived) == 25
    assert min(limited.arrived[1:]) >= limited.limited_at + WINDOW  # no request inside the window


def test_the_call_that_got_the_429_retries_after_the_window_with_the_others(
    loopback: Callable[[Handler], Server], real_sleep: None
) -> None:
    limited = Limited()
    server = loopback(limited)
    gate, api = spotlite.settings().gate, server.url + "/v1"
    assert gate is not None
    answers: list[Any] = []

    def call(first: bool) -> None:
        for _ in range(500):  # the others start once the first call's 429 has closed the gate (at most 5 s)
            if first or gate.opens_at(api):
                break
            REAL_SLEEP(0.01)
        answers.append(spotlite.request(TOKEN, "GET", f"/albums/{ALBUM}")["name"])

    threads = [threading.Thread(target=call, args=(number == 0,)) for number in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert answers == ["ok"] * 8 and len(limited.arrived) == 9
    assert min(limited.arrived[1:]) >= limited.limited_at + WINDOW


def test_aio_calls_wait_at_the_same_gate(loopback: Callable[[Handler], Server], real_sleep: None) -> None:
    limited = Limited()
    server = loopback(limited)
    limit_once(server)

    async def calls() -> list[Any]:
        return list(await asyncio.gather(*(aio.request(TOKEN, "GET", f"/albums/{ALBUM}") for _ in range(8))))

    assert [answer["name"] for answer in asyncio.run(calls())] == ["ok"] * 8
    assert min(limited.arrived[1:]) >= limited.limited_at + WINDOW


def test_a_wait_longer_than_a_call_may_wait_raises_with_nothing_sent(call: Call, loopback: Callable[[Handler], Server]) -> None:
    server = loopback(Limited(retry_after=100))
    limit_once(server)
    with pytest.raises(TooManyRequests, match="nothing was sent") as caught:
        call(spotlite.request, TOKEN, "GET", f"/albums/{ALBUM}")  # max_wait is 60 s
    assert 99 < (caught.value.retry_after or 0) <= 100 and caught.value.status == 429
    with spotlite.configured(deadline=5, max_wait=500), pytest.raises(TooManyRequests):
        call(spotlite.album, TOKEN, ALBUM)
    assert len(server.requests) == 1


def test_the_gate_can_be_switched_off(call: Call, loopback: Callable[[Handler], Server]) -> None:
    server = loopback(Limited(retry_after=100))
    with spotlite.configured(gate=None):
        limit_once(server)
        assert call(spotlite.request, TOKEN, "GET", f"/albums/{ALBUM}")["name"] == "ok"
    assert len(server.requests) == 2
    with pytest.raises(spotlite.InvalidInput, match="gate must be"):
        spotlite.configure(gate="process")


def test_a_spent_quota_raises_at_once_and_leaves_the_gate_open(call: Call, loopback: Callable[[Handler], Server]) -> None:
    quota = {"error": {"status": 429, "message": "Quota exceeded for this developer account",
                       "reason": "QUOTA_EXCEEDED"}}
    server = loopback(Limited(retry_after=3600, body=quota))
    with pytest.raises(QuotaExceeded) as caught:
        call(spotlite.album, TOKEN, ALBUM)  # retries are on: a spent quota is not retried
    error = caught.value
    assert isinstance(error, TooManyRequests) and error.retry_after == 3600 and error.reason == "QUOTA_EXCEEDED"
    assert error.message == "Quota exceeded for this developer account" and len(server.requests) == 1
    assert call(spotlite.request, TOKEN, "GET", f"/albums/{ALBUM}")["name"] == "ok"  # the gate stayed open
    assert len(server.requests) == 2
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is QuotaExceeded and (copy.retry_after, copy.message) == (error.retry_after, error.message)


def test_a_gate_keeps_the_latest_opening() -> None:
    gate = spotlite.RateLimitGate()
    gate.close("https://api.example/v1", 200.0)
    gate.close("https://api.example/v1", 100.0)
    assert gate.opens_at("https://api.example/v1") == 200.0 and gate.opens_at("https://other/v1") == 0.0
    assert repr(gate) == "RateLimitGate()"
