"""Calls per second and event-loop lag of ``spotlite.aio``, side by side with Tekore's async client and raw aiohttp.

    python bench/aio.py              # or: tox -e bench (installs aiohttp, Tekore and its httpx)

A server in a child process (``bench/server.py``) answers the recorded album
(``cassettes/test_albums/test_album.yaml``, 55 KiB) after 20 ms, a round trip
to a nearby data centre. For 1, 10, 50 and 200 calls in flight, each client
runs ``asyncio.gather`` batches of that many ``album`` calls, one batch after
another, for ``SECONDS``; the rate is calls over time. The clients run in
``ROUNDS`` interleaved rounds; each cell is a client's median round (by rate). Each round of each
client runs in a fresh interpreter of its own, a child process that imports that client alone
(``python bench/aio.py CLIENT IN_FLIGHT BASE_URL ALBUM_ID TOKEN`` prints one round's figures as
JSON), so that no client pays for another's heap or its garbage collections. Meanwhile a ticker on
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
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from importlib.util import find_spec
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

LATENCY = 0.02
IN_FLIGHT = (1, 10, 50, 200)
SECONDS = 0.6
ROUNDS = 5
TICK = 0.001
CLIENTS = {  # the name a child is given: the name in the tables
    "spotlite": "`spotlite.aio`, defaults",
    "threads": "`spotlite.aio`, worker threads (before)",
    "tekore": "Tekore async (httpx)",
    "aiohttp": "raw `aiohttp` (no models)",
}

Call = Callable[[], Awaitable[object]]
Measures = tuple[float, float, float, float]


async def measured(call: Call, size: int) -> Measures:
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


async def spotlite_aio(base: str, album_id: str, token: str, size: int) -> Measures:
    import spotlite
    from spotlite import aio

    spotlite.configure(api_url=base + "/v1")
    return await measured(lambda: aio.album(token, album_id), size)


async def spotlite_threads(base: str, album_id: str, token: str, size: int) -> Measures:
    import spotlite
    from spotlite import aio

    spotlite.configure(api_url=base + "/v1")
    with ThreadPoolExecutor(min(32, (os.cpu_count() or 1) + 4)) as pool:
        aio.configure(executor=pool)
        return await measured(lambda: aio.album(token, album_id), size)


async def tekore_async(base: str, album_id: str, token: str, size: int) -> Measures:
    import tekore
    import tekore._client.base as tekore_base

    tekore_base.prefix = base + "/v1/"  # Tekore has no setting for its API's address
    client = tekore.Spotify(token, asynchronous=True)
    try:
        return await measured(lambda: client.album(album_id), size)
    finally:
        await client.sender.client.aclose()


async def raw_aiohttp(base: str, album_id: str, token: str, size: int) -> Measures:
    import aiohttp

    async with aiohttp.ClientSession() as session:

        async def call() -> object:
            async with session.get(f"{base}/v1/albums/{album_id}", headers={"Authorization": f"Bearer {token}"}) as response:
                return json.loads(await response.read())

        return await measured(call, size)


RUNS: dict[str, Callable[[str, str, str, int], Coroutine[object, object, Measures]]] = {
    "spotlite": spotlite_aio, "threads": spotlite_threads, "tekore": tekore_async, "aiohttp": raw_aiohttp,
}


def in_child(client: str, size: int, base: str, album_id: str, token: str) -> Measures:
    """One round of one client at ``size`` calls in flight, in a fresh interpreter that imports that client alone,
    so that no client's heap (or its garbage collections) weighs on another's figures."""
    command = [sys.executable, __file__, client, str(size), base, album_id, token]
    rate, p99, top, cpu = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    return rate, p99, top, cpu


def table(title: str, results: dict[str, list[Measures]], cell: Callable[[Measures], str]) -> None:
    print(f"\n{title}\n\n| client | " + " | ".join(str(n) for n in IN_FLIGHT) + " |\n|---|" + "---|" * len(IN_FLIGHT))
    for client, cells in results.items():
        print(f"| {CLIENTS[client]} | " + " | ".join(cell(measures) for measures in cells) + " |")


def main() -> None:
    import aiohttp
    from calls import ALBUM_ID, TOKEN, recorded_body
    from server import running

    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, {platform.machine()}, aiohttp {aiohttp.__version__}, "
          f"latency {LATENCY * 1000:.0f} ms, ticker {TICK * 1000:.0f} ms, {ROUNDS} rounds of {SECONDS} s per cell, "
          f"each in a fresh process, load average {os.getloadavg()[0]:.1f}")
    body = recorded_body("test_albums/test_album.yaml", Path("/tmp"))
    print(f"album body: {body.stat().st_size / 1024:.0f} KiB")
    clients = [client for client in CLIENTS if client != "tekore" or find_spec("tekore") is not None]
    for client in CLIENTS.keys() - set(clients):
        print(f"{CLIENTS[client]}: not installed, skipped")
    results: dict[str, list[Measures]] = {client: [] for client in clients}
    with running({f"/v1/albums/{ALBUM_ID}": body}, latency=LATENCY) as base:
        for size in IN_FLIGHT:  # the clients in interleaved rounds; the median round of each
            rounds: dict[str, list[Measures]] = {client: [] for client in clients}
            for _ in range(ROUNDS):
                for client in clients:
                    rounds[client].append(in_child(client, size, base, ALBUM_ID, TOKEN))
            for client, measures in rounds.items():
                results[client].append(sorted(measures)[len(measures) // 2])
    table("calls/s by calls in flight", results, lambda m: f"{m[0]:.0f}")
    table("event loop: longest gap of a 1 ms ticker, p99 / max (ms)", results, lambda m: f"{m[1]:.1f} / {m[2]:.0f}")
    table("client CPU time per call (ms, every thread of the process)", results, lambda m: f"{m[3]:.2f}")
    print(f"\nload average after: {os.getloadavg()[0]:.1f}")
    ours = results["spotlite"]
    for other in ("tekore", "aiohttp"):
        if other in results:
            ratios = ", ".join(f"{n}: {mine[0] / theirs[0]:.2f}x" for n, mine, theirs in zip(IN_FLIGHT, ours, results[other]))
            print(f"\nspotlite.aio against {CLIENTS[other]}: {ratios}")


def child(client: str, size: str, base: str, album_id: str, token: str) -> None:
    print(json.dumps(asyncio.run(RUNS[client](base, album_id, token, int(size)))))


if __name__ == "__main__":
    if len(sys.argv) > 1:
        child(*sys.argv[1:])
    else:
        main()
