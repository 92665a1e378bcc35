"""Walking 10,000 saved tracks with ``all_items``: one page after another, then fetching ahead, sync and aio.

    python bench/paging.py           # or: tox -e bench

A server in a child process (``bench/server.py``) answers the 200 pages of a
library of 10,000 saved tracks (each the recorded 50-item page,
``cassettes/test_tracks/test_saved_tracks_page_of_fifty.yaml``, as compact
JSON, with its offset, total and next URL set) after 50 ms each. Each way
walks the whole list from the first page with ``all_items``, models included,
and checks it got the 10,000 items in order:

- ``pages_ahead=1``: one page after another, as before;
- the default ``pages_ahead`` (6): that many pages fetched at once.
"""

from __future__ import annotations

import asyncio
import json
import os
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from calls import TOKEN, recorded_body
from server import running

import spotlite
from spotlite import aio

LATENCY = 0.05
TOTAL, LIMIT = 10_000, 50
SPOTIFY = "https://api.spotify.com/v1"


def pages(folder: Path) -> dict[str, Path]:
    """The 200 pages' bodies, by the path and query spotlite asks for each."""
    page = json.loads(recorded_body("test_tracks/test_saved_tracks_page_of_fifty.yaml", folder).read_text())
    bodies = {}
    for offset in range(0, TOTAL, LIMIT):
        following = offset + LIMIT
        page.update(offset=offset, limit=LIMIT, total=TOTAL, href=f"{SPOTIFY}/me/tracks?offset={offset}&limit={LIMIT}",
                    previous=f"{SPOTIFY}/me/tracks?offset={max(offset - LIMIT, 0)}&limit={LIMIT}" if offset else None,
                    next=f"{SPOTIFY}/me/tracks?offset={following}&limit={LIMIT}" if following < TOTAL else None)
        path = folder / f"spotlite-bench-page-{offset}.json"
        path.write_text(json.dumps(page, separators=(",", ":")))
        bodies[f"/v1/me/tracks?offset={offset}&limit={LIMIT}"] = path
    bodies[f"/v1/me/tracks?limit={LIMIT}&offset=0"] = bodies[f"/v1/me/tracks?offset=0&limit={LIMIT}"]
    return bodies


def walk_sync() -> int:
    return sum(1 for _ in spotlite.all_items(TOKEN, spotlite.saved_tracks(TOKEN, limit=LIMIT)))


async def walk_aio() -> int:
    first = await aio.saved_tracks(TOKEN, limit=LIMIT)
    return len([track async for track in aio.all_items(TOKEN, first)])


def timed(walk: str, ahead: int) -> float:
    with spotlite.configured(pages_ahead=ahead):
        start = time.perf_counter()
        count = walk_sync() if walk == "sync" else asyncio.run(walk_aio())
        seconds = time.perf_counter() - start
    assert count == TOTAL, count
    return seconds


def main() -> None:
    default = spotlite.settings().pages_ahead
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, {platform.machine()}, "
          f"{TOTAL} saved tracks in pages of {LIMIT}, latency {LATENCY * 1000:.0f} ms")
    folder = Path("/tmp")
    with running(pages(folder), latency=LATENCY, folder=folder) as base:
        spotlite.configure(api_url=base + "/v1")
        print(f"\n| walk | one page after another (pages_ahead=1) | pages_ahead={default} (default) | speed-up |")
        print("|---|---|---|---|")
        for walk in ("sync", "aio"):
            before, after = timed(walk, 1), timed(walk, default)
            print(f"| `all_items`, {walk} | {before:.2f} s | {after:.2f} s | {before / after:.2f}x |")


if __name__ == "__main__":
    main()
