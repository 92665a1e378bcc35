"""Calls per second on loopback: spotlite against raw ``requests``, side by side in one run.

    python bench/calls.py            # or: tox -e bench

A server in a child process (``bench/server.py``) answers with recorded bodies:
an album (``album``) and a 50-item saved-tracks page (``saved_tracks``). Each
client runs in rounds, interleaved, and the median of the rounds' rates is
reported: raw is ``requests.Session().get(url, headers=...).json()`` (JSON
only, no models); spotlite's figures include building the models. Then 8
threads make 500 calls each on spotlite's shared session, counting errors and
urllib3's "connection pool is full" warnings.
"""

from __future__ import annotations

import logging
import statistics
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import requests
from server import running

import spotlite

CASSETTES = HERE.parent / "cassettes"
ALBUM_ID = "3RBULTZJ97bvVzZLpxcB0j"
TOKEN = "bench-token"
ROUNDS, SECONDS = 7, 0.4


def recorded_body(cassette: str, folder: Path) -> Path:
    interactions = yaml.safe_load((CASSETTES / cassette).read_text())["interactions"]
    path = folder / cassette.replace("/", "-").replace(".yaml", ".json")
    path.write_text(interactions[0]["response"]["body"]["string"])
    return path


def rate(call: Callable[[], object]) -> float:
    """Calls per second over about ``SECONDS``."""
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < SECONDS:
        call()
        count += 1
    return count / (time.perf_counter() - start)


def side_by_side(clients: dict[str, Callable[[], object]]) -> dict[str, float]:
    """The median rate of each client over interleaved rounds."""
    for call in clients.values():  # warm up: connections, converters
        for _ in range(20):
            call()
    rates: dict[str, list[float]] = {name: [] for name in clients}
    for _ in range(ROUNDS):
        for name, call in clients.items():
            rates[name].append(rate(call))
    return {name: statistics.median(values) for name, values in rates.items()}


def compare(label: str, url: str, ours: Callable[[], object]) -> None:
    session = requests.Session()
    headers = {"Authorization": f"Bearer {TOKEN}"}
    rates = side_by_side({"raw requests": lambda: session.get(url, headers=headers).json(), "spotlite": ours})
    raw, mine = rates["raw requests"], rates["spotlite"]
    print(f"{label:<28} raw requests {raw:7.0f} calls/s   spotlite {mine:7.0f} calls/s   "
          f"spotlite/raw {mine / raw:.2f}x")


class PoolWarnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += "pool" in record.getMessage().lower()


def threads(threads_n: int = 8, calls_n: int = 500) -> None:
    warnings = PoolWarnings()
    logging.getLogger("urllib3").addHandler(warnings)
    errors: list[BaseException] = []
    barrier = threading.Barrier(threads_n)

    def run() -> None:
        barrier.wait()
        for _ in range(calls_n):
            try:
                spotlite.album(TOKEN, ALBUM_ID)
            except Exception as error:  # noqa: BLE001 - counted
                errors.append(error)

    start = time.perf_counter()
    workers = [threading.Thread(target=run) for _ in range(threads_n)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    seconds = time.perf_counter() - start
    print(f"{threads_n} threads x {calls_n} album calls on one session: {len(errors)} errors, "
          f"{warnings.count} 'connection pool is full' warnings, {threads_n * calls_n / seconds:.0f} calls/s")


def main() -> None:
    print(f"Python {sys.version.split()[0]}, requests {requests.__version__}")
    folder = Path("/tmp")
    bodies = {
        f"/v1/albums/{ALBUM_ID}": recorded_body("test_albums/test_album.yaml", folder),
        "/v1/me/tracks": recorded_body("test_tracks/test_saved_tracks_page_of_fifty.yaml", folder),
    }
    with running(bodies, folder=folder) as base:
        spotlite.configure(api_url=base + "/v1")
        size = {path: file.stat().st_size // 1024 for path, file in bodies.items()}
        compare(f"album ({size[f'/v1/albums/{ALBUM_ID}']} KiB)", f"{base}/v1/albums/{ALBUM_ID}",
                lambda: spotlite.album(TOKEN, ALBUM_ID))
        compare(f"saved tracks, 50 ({size['/v1/me/tracks']} KiB)", f"{base}/v1/me/tracks?limit=50&offset=0",
                lambda: spotlite.saved_tracks(TOKEN, limit=50))
        threads()


if __name__ == "__main__":
    main()
