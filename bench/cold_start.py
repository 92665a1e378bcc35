"""Cold start: one ``album`` call in a fresh interpreter against the same call with raw requests.

    python bench/cold_start.py [runs]      # or within tox -e bench

A loopback server in a child process answers every GET with the recorded
album of ``cassettes/test_paging/``. Each round starts three fresh
interpreters, interleaved: ``python -c pass`` (the floor), a script with raw
``requests`` and one with spotlite, each making one request and parsing it;
the whole process is timed from outside. Prints medians, minima and the ratio
spotlite / requests (the goal is at most 1.2).

The interpreters keep their bytecode in a temporary ``PYTHONPYCACHEPREFIX``
(written by a first, untimed run), as an installed package has its ``.pyc``
files, even where ``PYTHONDONTWRITEBYTECODE`` is set; they run in that
directory, so ``spotlite`` is the one installed (or on ``PYTHONPATH``).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server import running

CASSETTE = Path(__file__).resolve().parent.parent / "cassettes/test_paging/test_all_items_of_a_page_nested_in_a_model.yaml"


def recorded_album() -> tuple[str, bytes]:
    """The album ID and body of the cassette's first interaction."""
    interaction = yaml.safe_load(CASSETTE.read_text())["interactions"][0]
    album_id = interaction["request"]["uri"].rsplit("/", 1)[1]
    return album_id, interaction["response"]["body"]["string"].encode()


def seconds(code: str, folder: str) -> float:
    env = {**os.environ, "PYTHONPYCACHEPREFIX": folder}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, cwd=folder, env=env)
    return time.perf_counter() - start


def main(runs: int) -> None:
    album_id, body = recorded_album()
    with tempfile.TemporaryDirectory() as bodies:
        (Path(bodies) / "album.json").write_bytes(body)
        with running({f"/v1/albums/{album_id}": Path(bodies) / "album.json"}, folder=Path(bodies)) as url:
            times = timed(url, album_id, runs)
    print(f"Python {sys.version.split()[0]}, {runs} runs each")
    for name, measured in times.items():
        print(f"{name:<16} median {statistics.median(measured) * 1e3:6.1f} ms   min {min(measured) * 1e3:6.1f} ms")
    spot, req = times["spotlite"], times["requests"]
    print(f"spotlite / requests: median {statistics.median(spot) / statistics.median(req):.2f}x   "
          f"min {min(spot) / min(req):.2f}x   (goal: at most 1.2x)")


def timed(url: str, album_id: str, runs: int) -> dict[str, list[float]]:
    """Each script's whole-process times, interleaved over ``runs`` rounds."""
    scripts = {
        "python -c pass": "pass",
        "requests": (f"import requests; requests.Session().get({url + '/v1/albums/' + album_id!r}, "
                     "headers={'Authorization': 'Bearer x'}).json()"),
        "spotlite": f"import spotlite; spotlite.configure(api_url={url + '/v1'!r}); spotlite.album('x', {album_id!r})",
    }
    times: dict[str, list[float]] = {name: [] for name in scripts}
    with tempfile.TemporaryDirectory() as folder:
        for code in scripts.values():  # writes the bytecode, and checks that each script works
            seconds(code, folder)
        for _ in range(runs):
            for name, code in scripts.items():
                times[name].append(seconds(code, folder))
    return times


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
