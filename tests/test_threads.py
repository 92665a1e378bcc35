"""Many threads at once: the first calls in a fresh interpreter, and a shared session under load."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from loopback import Handler, Server, reply

import spotlite

TESTS = Path(__file__).resolve().parent
CASSETTES = TESTS.parent / "cassettes"
ALBUM_ID = "3RBULTZJ97bvVzZLpxcB0j"


def recorded(cassette: str) -> object:
    interactions = yaml.safe_load((CASSETTES / cassette).read_text())["interactions"]
    return json.loads(interactions[0]["response"]["body"]["string"])


# Run in a fresh interpreter: every thread's call is the first use of its
# function, its models, their converters and the session.
FIRST_USE = """
import json, sys, threading
sys.path.insert(0, {tests!r})
sys.setswitchinterval(1e-6)  # switch threads as often as possible
from loopback import reply, serving
import spotlite

bodies = json.loads(sys.stdin.read())

def handle(request, conn):
    path = request.path.split("?")[0]
    reply(conn, 200, bodies[path])

calls = [
    lambda: spotlite.album("token", {album!r}).name,
    lambda: spotlite.album("token", {album!r}).tracks.items[0].name,
    lambda: spotlite.saved_tracks("token", limit=50).items[0].track.name,
    lambda: spotlite.current_user_top_tracks("token", limit=10).items[0].album.name,
    lambda: spotlite.playlist("token", "QwsQROgDh6wrfuQZTkiS1h").name,
    lambda: spotlite.show("token", "oEUJcToqMVRC5JEEAP3bJm").name,
    lambda: spotlite.current_user("token").id,
    lambda: spotlite.album("token", {album!r}).artists[0].name,
]
with serving(handle) as server:
    spotlite.configure(api_url=server.url + "/v1")
    barrier = threading.Barrier(len(calls))
    results, errors = [None] * len(calls), []

    def run(index):
        barrier.wait(timeout=10)
        try:
            results[index] = calls[index]()
        except BaseException as error:
            errors.append(repr(error))

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    print(json.dumps({{"results": results, "errors": errors}}))
"""


def first_use_bodies() -> dict[str, object]:
    return {
        f"/v1/albums/{ALBUM_ID}": recorded("test_albums/test_album.yaml"),
        "/v1/me/tracks": recorded("test_tracks/test_saved_tracks_page_of_fifty.yaml"),
        "/v1/me/top/tracks": recorded("test_users/test_current_user_top_tracks_pages.yaml"),
        "/v1/playlists/QwsQROgDh6wrfuQZTkiS1h": recorded("test_playlists/test_playlist_in_the_2026_shape.yaml"),
        "/v1/shows/oEUJcToqMVRC5JEEAP3bJm": recorded("test_shows/test_show.yaml"),
        "/v1/me": recorded("test_users/test_current_user.yaml"),
    }


@pytest.mark.parametrize("round_", range(3))
def test_first_calls_from_many_threads_at_once(round_: int) -> None:
    script = FIRST_USE.format(tests=str(TESTS), album=ALBUM_ID)
    run = subprocess.run([sys.executable, "-c", script], input=json.dumps(first_use_bodies()), capture_output=True,
                         text=True, timeout=60, check=True)
    outcome = json.loads(run.stdout)
    assert outcome["errors"] == []
    first, second, *_, artist = outcome["results"]
    assert first == "Sibelius: Finlandia, Karelia Suite & Symphony No. 2" and second == "Finlandia, Op. 26"
    assert all(isinstance(result, str) and result for result in outcome["results"]), outcome
    assert artist


ONE_SESSION = """
import sys, threading
import requests
from spotlite import _http

made = []
original = requests.Session.__init__
def counting(self, *args, **kwargs):
    made.append(1)
    original(self, *args, **kwargs)
requests.Session.__init__ = counting
sys.setswitchinterval(1e-6)
barrier = threading.Barrier(16)
sessions = []
def run():
    barrier.wait(timeout=10)
    sessions.append(_http._own())
threads = [threading.Thread(target=run) for _ in range(16)]
for thread in threads: thread.start()
for thread in threads: thread.join(timeout=10)
print(len(made), len({id(s) for s in sessions}), len(sessions))
"""


def test_the_session_is_created_once() -> None:
    run = subprocess.run([sys.executable, "-c", ONE_SESSION], capture_output=True, text=True, timeout=60, check=True)
    assert run.stdout.split() == ["1", "1", "16"]


def test_a_shared_session_under_load(loopback: Callable[[Handler], Server], caplog: pytest.LogCaptureFixture) -> None:
    album = recorded("test_albums/test_album.yaml")
    server = loopback(lambda request, conn: reply(conn, 200, album))
    threads_n, calls_n = 8, 100
    barrier = threading.Barrier(threads_n)
    errors: list[BaseException] = []
    names: set[str] = set()

    def run() -> None:
        barrier.wait(timeout=10)
        for _ in range(calls_n):
            try:
                names.add(spotlite.album("token", ALBUM_ID).name)
            except BaseException as error:  # noqa: BLE001 - counted, and shown below
                errors.append(error)

    with caplog.at_level(logging.WARNING, logger="urllib3"):
        threads = [threading.Thread(target=run) for _ in range(threads_n)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    assert errors == [] and len(server.requests) == threads_n * calls_n and len(names) == 1
    assert [r.message for r in caplog.records if "pool" in r.getMessage()] == []
    assert len({r.connection for r in server.requests}) <= threads_n  # connections kept alive and reused
