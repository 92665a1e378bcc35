"""Calls per second and event-loop lag of ``spotlite.aio``, side by side with Tekore's async client and raw aiohttp.

    python bench/aio.py              # or: tox -e bench (installs aiohttp, Tekore and its httpx)

A server in a child process (``bench/server.py``) answers the recorded album
(``cassettes/test_albums/test_album.yaml``, 55 KiB) after 20 ms, a round trip
to a nearby data centre. For 1, 10, 50 and 200 calls in flight, each client
runs ``asyncio.gather`` batches of that many ``album`` calls, one batch after
another, for ``SECONDS``; the rate is calls over time. The clients run in
``ROUNDS`` interleaved rounds; each cell is a client's median round (by rate). Meanwhile a ticker on
the same event loop sleeps 1 ms at a time, and the gaps between its ticks show
how long the loop was kept from running other coroutines (p99 and longest).
The process's CPU time per call is printed too: on a machine busy with other
work, rates and gaps vary from run to run far more than it does.

- ``spotlite.aio``: the defaults (with aiohttp installed: sent on the loop);
  typed models (``FullAlbum``);
- ``spotlite.aio, worker threads``: ``aio.configure(executor=...)`` with a pool
  the size of the loop's default executor, which was the default before aiohttp
  (what ``spotlite.aio`` does without aiohttp installed);
- ``Tekore async (httpx)``: ``tekore.Spotify(token, asynchronous=True).album``,
  typed models (pydantic); Tekore's API prefix is pointed at the server;
- ``raw aiohttp``: one ``aiohttp.ClientSession``, ``json.loads`` of the body,
  no models: the ceiling.
"""

from __future__ import annotations

import asyncio
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
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
IN_FLIGHT = (1, 10, 50, 200)
SECONDS = 0.6
ROUNDS = 5
TICK = 0.001

Call = Callable[[], Awaitable[object]]


async def measured(call: Call, size: int) -> tuple[float, float, float, float]:
    """Calls per second of batches of ``size`` calls, the p99 and longest gap of a 1 ms ticker (ms), and the
    process's CPU time per call (ms: every thread's, the server's not)."""
    await asyncio.gather(*(call() for _ in range(size)))  # warm up: connections, converters
    gaps: list[float] = []
    done = asyncio.Event()

    async def ticker() -> None:
        last = time.perf_counter()
        while not done.is_set():
            await asyncio.sleep(TICK)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now

    ticking = asyncio.create_task(ticker())
    calls, start, cpu = 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - start < SECONDS:
        await asyncio.gather(*(call() for _ in range(size)))
        calls += size
    rate = calls / (time.perf_counter() - start)
    cpu = (time.process_time() - cpu) / calls
    done.set()
    await ticking
    p99 = statistics.quantiles(gaps, n=100)[98] if len(gaps) > 1 else gaps[0]
    return rate, p99 * 1000, max(gaps) * 1000, cpu * 1000


async def spotlite_aio(size: int) -> tuple[float, float, float, float]:
    return await measured(lambda: aio.album(TOKEN, ALBUM_ID), size)


async def spotlite_threads(size: int) -> tuple[float, float, float, float]:
    with ThreadPoolExecutor(min(32, (os.cpu_count() or 1) + 4)) as pool:
        old = aio.configure(executor=pool)
        try:
            return await measured(lambda: aio.album(TOKEN, ALBUM_ID), size)
        finally:
            aio.configure(executor=old)


def tekore_async(base: str) -> Callable[[int], Awaitable[tuple[float, float, float, float]]] | None:
    try:
        import tekore
        import tekore._client.base as tekore_base
    except ImportError:
        return None
    tekore_base.prefix = base + "/v1/"  # Tekore has no setting for its API's address

    async def run(size: int) -> tuple[float, float, float, float]:
        client = tekore.Spotify(TOKEN, asynchronous=True)
        try:
            return await measured(lambda: client.album(ALBUM_ID), size)
        finally:
            await client.sender.client.aclose()

    return run


def raw_aiohttp(url: str) -> Callable[[int], Awaitable[tuple[float, float, float, float]]]:
    import aiohttp

    async def run(size: int) -> tuple[float, float, float, float]:
        async with aiohttp.ClientSession() as session:

            async def call() -> object:
                async with session.get(url, headers={"Authorization": f"Bearer {TOKEN}"}) as response:
                    return json.loads(await response.read())

            return await measured(call, size)

    return run


def main() -> None:
    import aiohttp

    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, {platform.machine()}, aiohttp {aiohttp.__version__}, "
          f"latency {LATENCY * 1000:.0f} ms, ticker {TICK * 1000:.0f} ms, {ROUNDS} rounds of {SECONDS} s per cell, "
          f"load average {os.getloadavg()[0]:.1f}")
    body = recorded_body("test_albums/test_album.yaml", Path("/tmp"))
    print(f"album body: {body.stat().st_size / 1024:.0f} KiB")
    with running({f"/v1/albums/{ALBUM_ID}": body}, latency=LATENCY) as base:
        spotlite.configure(api_url=base + "/v1")
        clients: dict[str, Callable[[int], Awaitable[tuple[float, float, float, float]]] | None] = {
            "`spotlite.aio`, defaults": spotlite_aio,
            "`spotlite.aio`, worker threads (before)": spotlite_threads,
            "Tekore async (httpx)": tekore_async(base),
            "raw `aiohttp` (no models)": raw_aiohttp(f"{base}/v1/albums/{ALBUM_ID}"),
        }
        runs = {name: run for name, run in clients.items() if run is not None}
        for name in clients.keys() - runs.keys():
            print(f"{name}: not installed, skipped")
        results: dict[str, list[tuple[float, float, float, float]]] = {name: [] for name in runs}
        for size in IN_FLIGHT:  # the clients in interleaved rounds; the median round of each
            rounds: dict[str, list[tuple[float, float, float, float]]] = {name: [] for name in runs}
            for _ in range(ROUNDS):
                for name, run in runs.items():
                    rounds[name].append(asyncio.run(run(size)))  # type: ignore[arg-type]
            for name, measures in rounds.items():
                results[name].append(sorted(measures)[len(measures) // 2])
    header = "| " + " | ".join(str(n) for n in IN_FLIGHT) + " |"
    print("\ncalls/s by calls in flight\n\n| client " + header + "\n|---|" + "---|" * len(IN_FLIGHT))
    for name, cells in results.items():
        print(f"| {name} | " + " | ".join(f"{rate:.0f}" for rate, _, _, _ in cells) + " |")
    print("\nevent loop: longest gap of a 1 ms ticker, p99 / max (ms)\n\n| client " + header
          + "\n|---|" + "---|" * len(IN_FLIGHT))
    for name, cells in results.items():
        print(f"| {name} | " + " | ".join(f"{p99:.1f} / {top:.0f}" for _, p99, top, _ in cells) + " |")
    print("\nclient CPU time per call (ms, every thread of the process)\n\n| client " + header
          + "\n|---|" + "---|" * len(IN_FLIGHT))
    for name, cells in results.items():
        print(f"| {name} | " + " | ".join(f"{cpu:.2f}" for _, _, _, cpu in cells) + " |")
    print(f"\nload average after: {os.getloadavg()[0]:.1f}")
    ours = results["`spotlite.aio`, defaults"]
    for other in ("Tekore async (httpx)", "raw `aiohttp` (no models)"):
        if other in results:
            ratios = ", ".join(f"{n}: {mine[0] / theirs[0]:.2f}x" for n, mine, theirs in zip(IN_FLIGHT, ours, results[other]))
            print(f"\nspotlite.aio against {other}: {ratios}")


if __name__ == "__main__":
    main()
