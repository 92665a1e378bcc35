"""Calls per second of ``spotlite.aio`` against sync calls, on a loopback server with 20 ms of latency.

    python bench/aio.py

A server in a child process (``bench/server.py``) answers the recorded album
(``cassettes/test_albums/test_album.yaml``, 217 KiB) after 20 ms, a round trip
to a nearby data centre. For 1, 10 and 50 calls at once, each way of calling
runs batches of that many ``album`` calls, waiting for each batch to end,
until a second has passed; the rate is calls over time:

- ``aio``: ``asyncio.gather`` of ``aio.album`` calls, on the event loop's
  default executor (``min(32, CPUs + 4)`` threads);
- ``aio, 64 threads``: the same, after ``aio.configure(executor=ThreadPoolExecutor(64))``;
- ``sync, thread pool``: ``spotlite.album`` from a ``ThreadPoolExecutor`` of
  as many threads as calls in a batch;
- ``sync, sequential``: one call after the other.

Also printed: the most a 5 ms ticker on the event loop waited while ``aio``
ran its 50-call batches.
"""

from __future__ import annotations

import asyncio
import os
import platform
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from calls import ALBUM_ID, TOKEN, recorded_body
from server import running

import spotlite
from spotlite import aio

LATENCY = 0.02
CONCURRENCY = (1, 10, 50)
SECONDS = 1.0


def timed(batch: Callable[[int], object], size: int) -> float:
    """Calls per second of ``batch(size)`` run over and over for about ``SECONDS``, after one to warm up."""
    batch(size)
    calls, start = 0, time.perf_counter()
    while time.perf_counter() - start < SECONDS:
        batch(size)
        calls += size
    return calls / (time.perf_counter() - start)


def aio_rate(size: int, executor: ThreadPoolExecutor | None = None) -> tuple[float, float]:
    """Calls per second of batches of ``aio.album``, and the longest the loop went without ticking (ms)."""
    old = aio.configure(executor=executor)

    async def batches() -> tuple[float, float]:
        gaps = [0.0]
        done = asyncio.Event()

        async def ticker() -> None:
            last = time.perf_counter()
            while not done.is_set():
                await asyncio.sleep(0.005)
                now = time.perf_counter()
                gaps.append(now - last)
                last = now

        await asyncio.gather(*(aio.album(TOKEN, ALBUM_ID) for _ in range(size)))  # warm up
        ticking = asyncio.create_task(ticker())
        calls, start = 0, time.perf_counter()
        while time.perf_counter() - start < SECONDS:
            await asyncio.gather(*(aio.album(TOKEN, ALBUM_ID) for _ in range(size)))
            calls += size
        rate = calls / (time.perf_counter() - start)
        done.set()
        await ticking
        return rate, max(gaps) * 1000

    try:
        return asyncio.run(batches())
    finally:
        aio.configure(executor=old)


def pooled(size: int) -> float:
    """Calls per second of batches of sync calls from a pool of ``size`` threads (started once)."""
    with ThreadPoolExecutor(size) as pool:
        return timed(lambda n: list(pool.map(lambda _: spotlite.album(TOKEN, ALBUM_ID), range(n))), size)


def sequential(size: int) -> None:
    for _ in range(size):
        spotlite.album(TOKEN, ALBUM_ID)


def main() -> None:
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, {platform.machine()}, latency {LATENCY * 1000:.0f} ms, "
          f"default executor {min(32, (os.cpu_count() or 1) + 4)} threads")
    bodies = {f"/v1/albums/{ALBUM_ID}": recorded_body("test_albums/test_album.yaml", Path("/tmp"))}
    with running(bodies, latency=LATENCY) as base, ThreadPoolExecutor(64) as wide:
        spotlite.configure(api_url=base + "/v1")
        rows: list[tuple[str, list[str]]] = [(name, []) for name in
                                             ("aio", "aio, 64 threads", "sync, thread pool", "sync, sequential")]
        ticks = 0.0
        for size in CONCURRENCY:
            rate, gap = aio_rate(size)
            ticks = max(ticks, gap) if size == max(CONCURRENCY) else ticks
            rates = [rate, aio_rate(size, wide)[0], pooled(size), timed(sequential, size)]
            for (_, cells), value in zip(rows, rates):
                cells.append(f"{value:.0f}")
        print()
        print("| calls/s | " + " | ".join(f"{n} at once" for n in CONCURRENCY) + " |")
        print("|---|" + "---|" * len(CONCURRENCY))
        for name, cells in rows:
            print(f"| {name} | " + " | ".join(cells) + " |")
        print(f"\nlongest the event loop went without ticking (5 ms ticker) during aio's 50-call batches: {ticks:.0f} ms")


if __name__ == "__main__":
    main()
