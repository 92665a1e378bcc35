"""The HTTP cache and the cost of logging, on loopback.

    python bench/cache.py            # or: tox -e bench

A server in a child process (``bench/server.py``) answers an album with
``Cache-Control: public, max-age=80000`` and a playlist with an ``ETag`` and
``max-age=0`` (as Spotify does), and the playlist's revalidations with ``304``.

1. Repeated ``album`` lookups, uncached against ``MemoryCache``: the median
   rate of interleaved rounds, and whether the cached model equals the uncached one.
2. Polling one playlist 100 times with its ``ETag`` unchanged: requests
   sent, 304s, bodies parsed (``json.loads`` calls) and models built after the first read.
3. Logging: this process's CPU time per uncached ``album`` call with
   spotlite's per-attempt log call stubbed out, at WARNING (nothing
   configured, and a configured handler), and at DEBUG to a file (medians of
   21 interleaved rounds; CPU time, so that other load on the machine counts
   less); and the cost of the per-attempt log call itself in µs.
"""

from __future__ import annotations

import json
import logging
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import requests
from calls import ALBUM_ID, ROUNDS, TOKEN, rate, recorded_body
from server import running

import spotlite
from spotlite import _log, _mapper

PLAYLIST_ID = "37i9dQZF1DXcBWIGoYBM5M"
POLLS = 100


class Counted:
    """Counts calls of a function it wraps."""

    def __init__(self, function: Callable[..., Any]) -> None:
        self.function, self.calls = function, 0

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        return self.function(*args, **kwargs)


class Statuses(logging.Handler):
    """The status of each attempt, from spotlite's DEBUG lines."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.seen: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if "(attempt" in record.getMessage():
            self.seen.append(record.getMessage().split()[2])


@contextmanager
def counting() -> Iterator[tuple[Counted, Counted, Statuses]]:
    """Count ``json.loads`` calls, models built and the statuses of attempts, for the block."""
    loads, convert, statuses = Counted(json.loads), Counted(_mapper._convert), Statuses()
    original_loads, original_convert = json.loads, _mapper._convert
    json.loads, _mapper._convert = loads, convert  # type: ignore[assignment]
    logger = logging.getLogger("spotlite._http")
    level = logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(statuses)
    try:
        yield loads, convert, statuses
    finally:
        json.loads, _mapper._convert = original_loads, original_convert  # type: ignore[assignment]
        logger.removeHandler(statuses)
        logger.setLevel(level)


def albums() -> None:
    """Rounds of uncached and cached calls, interleaved, the cache switched on and off between rounds."""
    cache = spotlite.MemoryCache()
    found: dict[str, list[float]] = {"uncached": [], "MemoryCache": []}
    for _ in range(20):  # warm up: connections, converters
        spotlite.album(TOKEN, ALBUM_ID)
    for _ in range(ROUNDS):
        for name, setting in (("uncached", None), ("MemoryCache", cache)):
            spotlite.configure(cache=setting)
            found[name].append(rate(lambda: spotlite.album(TOKEN, ALBUM_ID)))
    spotlite.configure(cache=None)
    uncached, cached = statistics.median(found["uncached"]), statistics.median(found["MemoryCache"])
    with spotlite.configured(cache=cache):
        kept = spotlite.album(TOKEN, ALBUM_ID)  # served from the cache, filled by the rounds
    same = kept == spotlite.album(TOKEN, ALBUM_ID) and len(cache) == 1
    print(f"album, repeated: uncached {uncached:7.0f} calls/s   MemoryCache {cached:9.0f} calls/s   "
          f"{cached / uncached:.0f}x; cached model == uncached model: {same}")


def polling() -> None:
    with spotlite.configured(cache=spotlite.MemoryCache()):
        first = spotlite.playlist(TOKEN, PLAYLIST_ID)
        with counting() as (loads, convert, statuses):
            polls = [spotlite.playlist(TOKEN, PLAYLIST_ID) for _ in range(POLLS)]
    print(f"playlist polled {POLLS} times, ETag unchanged: {len(statuses.seen)} requests, "
          f"{statuses.seen.count('304')} answered 304; after the first read {loads.calls} bodies parsed, "
          f"{convert.calls} models built; every poll the first model: {all(p is first for p in polls)}")


def cpu_per_call(call: Callable[[], object], calls: int = 200) -> float:
    """This process's CPU time per call, in µs: what its own work costs, whatever else loads the machine."""
    start = time.process_time()
    for _ in range(calls):
        call()
    return (time.process_time() - start) / calls * 1e6


@contextmanager
def logging_as(*, stub: bool = False, handler: logging.Handler | None = None, debug: bool = False) -> Iterator[None]:
    """For the block: spotlite's per-attempt log call stubbed out, or a handler on the root logger, or DEBUG."""
    attempt, root, ours = _log.attempt, logging.getLogger(), logging.getLogger("spotlite")
    if stub:
        _log.attempt = lambda *args: None  # type: ignore[assignment]
    if handler is not None:
        root.addHandler(handler)
    ours.setLevel(logging.DEBUG if debug else logging.NOTSET)
    try:
        yield
    finally:
        _log.attempt = attempt  # type: ignore[assignment]
        if handler is not None:
            root.removeHandler(handler)
        ours.setLevel(logging.NOTSET)


def logging_cost() -> None:
    with open(os.devnull, "w") as devnull:
        to_file = logging.StreamHandler(devnull)
        to_file.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        logging.getLogger().setLevel(logging.WARNING)
        variants = {
            "no logging call": {"stub": True},
            "WARNING, nothing configured": {},
            "WARNING, a handler": {"handler": to_file},
            "DEBUG to a file": {"handler": to_file, "debug": True},
        }
        found: dict[str, list[float]] = {name: [] for name in variants}
        for _ in range(3 * ROUNDS):
            for name, options in variants.items():
                with logging_as(**options):  # type: ignore[arg-type]
                    found[name].append(cpu_per_call(lambda: spotlite.album(TOKEN, ALBUM_ID)))
        costs = {name: statistics.median(values) for name, values in found.items()}
        base = costs["no logging call"]
        print("client CPU µs per album call by logging: " + "   ".join(
            f"{name} {value:.0f} ({(value / base - 1) * 100:+.1f}%)" for name, value in costs.items()))
        url, answer = f"https://api.spotify.com/v1/albums/{ALBUM_ID}", SimpleNamespace(status=200, reason="OK")
        for label, options in (("WARNING", {"handler": to_file}), ("DEBUG to a file", variants["DEBUG to a file"])):
            with logging_as(**options):  # type: ignore[arg-type]
                count, start = 20_000, time.perf_counter()
                for _ in range(count):
                    _log.attempt("GET", url, answer, 1, start)
                micros = (time.perf_counter() - start) / count * 1e6
            print(f"the per-attempt log call at {label}: {micros:.2f} µs")


def main() -> None:
    print(f"Python {sys.version.split()[0]}, requests {requests.__version__}")
    folder = Path("/tmp")
    album = recorded_body("test_albums/test_album.yaml", folder)
    playlist = recorded_body("test_playlists/test_playlist_in_the_2026_shape.yaml", folder)
    bodies: dict[str, Path | dict[str, Any]] = {
        f"/v1/albums/{ALBUM_ID}": {"file": str(album), "headers": {"Cache-Control": "public, max-age=80000"}},
        f"/v1/playlists/{PLAYLIST_ID}": {"file": str(playlist),
                                         "headers": {"Cache-Control": "public, max-age=0", "ETag": '"MC-bench-1"'}},
    }
    with running(bodies, folder=folder) as base:
        spotlite.configure(api_url=base + "/v1")
        albums()
        polling()
        logging_cost()


if __name__ == "__main__":
    main()
