"""spotlite's benchmarks: import time, mapping speed and model memory.

    python bench/bench.py            # or: tox -e bench (installs Tekore to compare)

Bodies are those of our own cassettes: the 50-item saved-tracks page (with the
185-market lists Spotify sends extended-quota apps), the same page with 10 and
with 100 different market lists (real pages repeat a few lists; the mapper
shares identical ones), the same page without the fields development-mode apps
no longer get, and a full album with 50 tracks.
Times are the best of many runs, each mapping as a fresh process would (no
lists of strings shared from an earlier run); import times are the median of
fresh interpreters, timed inside them. Tekore's figures appear when it is
installed.
"""

from __future__ import annotations

import gc
import json
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
CASSETTES = HERE.parent / "cassettes"
sys.path.insert(0, str(HERE.parent))

from spotlite import _mapper
from spotlite.models import FullAlbum, SavedTrackPaging

DEV_MODE_REMOVED = ("available_markets", "popularity", "linked_from", "label", "album_group")


def recorded_body(cassette: str, index: int = 0) -> bytes:
    interactions = yaml.safe_load((CASSETTES / cassette).read_text())["interactions"]
    body: str = interactions[index]["response"]["body"]["string"]
    return body.encode()


def without(data: Any, keys: tuple[str, ...]) -> Any:
    """The body as a development-mode app gets it since 2026."""
    if isinstance(data, dict):
        return {k: without(v, keys) for k, v in data.items() if k not in keys}
    if isinstance(data, list):
        return [without(v, keys) for v in data]
    return data


def to_model(model: type, data: Any) -> Any:
    """Map as a fresh process would: no lists of strings shared from earlier runs."""
    _mapper._SHARED.clear()
    return _mapper.to_model(model, data)


def markets_varied(variants: int) -> Callable[[Any], Any]:
    """A reshaping giving the body's lists of markets that many different orders."""
    return lambda data: _vary(data, variants)


def _vary(data: Any, variants: int) -> Any:
    lists = 0

    def walk(value: Any) -> Any:
        nonlocal lists
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            lists += 1
            turn = lists % variants
            return value[turn:] + value[:turn]
        if isinstance(value, list):
            return [walk(v) for v in value]
        return value

    return walk(data)


def best(action: Callable[[], object], seconds: float = 1.0) -> float:
    """The fastest of as many runs as fit in about ``seconds``."""
    times: list[float] = []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline or len(times) < 20:
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def held(build: Callable[[Any], object], raw: bytes) -> int:
    """Bytes still held by what ``build`` makes of ``raw`` once the parsed JSON is dropped.

    Strings the models share with the JSON count; lists of strings the mapper
    shares with an earlier answer do not exist yet, as in a fresh process.
    """
    _mapper._SHARED.clear()
    gc.collect()
    tracemalloc.start()
    kept = build(json.loads(raw))
    _mapper._SHARED.clear()
    gc.collect()
    size = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del kept
    return size


def import_seconds(statement: str, runs: int = 15) -> float:
    """The median time ``statement`` takes in a fresh interpreter, timed inside it."""
    code = f"import time; start = time.perf_counter(); {statement}; print(time.perf_counter() - start)"

    def once() -> float:
        run = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=HERE.parent)
        return float(run.stdout)

    return statistics.median(once() for _ in range(runs))


def tekore_model(name: str) -> Any:
    try:
        import tekore
    except ImportError:
        return None
    return getattr(tekore.model, name)


def mapping(label: str, raw: bytes, model: type, tekore_name: str, reshape: Callable[[Any], Any] | None = None) -> None:
    data = json.loads(raw)
    if reshape is not None:  # Spotify sends indented JSON, as the stand-in did
        data = reshape(data)
        raw = json.dumps(data, indent=2).encode()
    loads = best(lambda: json.loads(raw))
    ours = best(lambda: to_model(model, data))
    ours_memory = held(lambda parsed: to_model(model, parsed), raw)
    line = (f"{label:<44} {len(raw) / 1024:7.0f} KiB  json.loads {loads * 1e3:6.3f} ms  spotlite {ours * 1e3:6.3f} ms"
            f" ({ours / loads:.2f}x json.loads)  held {ours_memory / 1024:5.0f} KiB")
    tekore_class = tekore_model(tekore_name)
    if tekore_class is not None:
        try:
            tekore_class(**data)
        except ValueError as error:  # pydantic's ValidationError
            print(f"{line}  tekore fails: {str(error).splitlines()[0]} ({str(error).splitlines()[1].strip()}...)")
            return
        theirs = best(lambda: tekore_class(**data))
        theirs_memory = held(lambda parsed: tekore_class(**parsed), raw)
        line += (f"  tekore {theirs * 1e3:6.3f} ms ({theirs / ours:.2f}x slower)"
                 f"  held {ours_memory / theirs_memory:.2f}x tekore's")
    print(line)


def main() -> None:
    print(f"Python {sys.version.split()[0]}")
    requests_s = import_seconds("import requests")
    spotlite_s = import_seconds("import spotlite")
    loaded_s = import_seconds("import spotlite; spotlite.album; import requests")  # what album() needs
    everything_s = import_seconds("from spotlite import *; import requests")
    print(f"import requests {requests_s * 1e3:6.1f} ms   import spotlite {spotlite_s * 1e3:6.1f} ms "
          f"({spotlite_s / requests_s:.2f}x)   spotlite, album() and requests loaded "
          f"{loaded_s * 1e3:6.1f} ms ({loaded_s / requests_s:.2f}x)   every function and requests loaded "
          f"{everything_s * 1e3:6.1f} ms ({everything_s / requests_s:.2f}x)")
    page = recorded_body("test_tracks/test_saved_tracks_page_of_fifty.yaml")
    album = recorded_body("test_paging/test_all_items_of_a_page_nested_in_a_model.yaml")
    mapping("saved tracks, 50 items (extended quota)", page, SavedTrackPaging, "SavedTrackPaging")
    compact = json.dumps(json.loads(page), separators=(",", ":")).encode()  # as some live answers come
    mapping("the same page as compact JSON", compact, SavedTrackPaging, "SavedTrackPaging")
    mapping("the same page, 10 different market lists", page, SavedTrackPaging, "SavedTrackPaging",
            markets_varied(10))
    mapping("the same page, no two market lists alike", page, SavedTrackPaging, "SavedTrackPaging",
            markets_varied(100))
    mapping("saved tracks, 50 items (development mode)", page, SavedTrackPaging, "SavedTrackPaging",
            lambda d: without(d, DEV_MODE_REMOVED))
    mapping("full album, 50 tracks (extended quota)", album, FullAlbum, "FullAlbum")


if __name__ == "__main__":
    main()
