"""Record the examples' cassettes against the stand-in, the way a user records theirs against Spotify.

    .venv/bin/python tests/record_examples.py                     # every example; SPOTLITE_RECORD=all unless set
    .venv/bin/python tests/record_examples.py now_playing testing  # some of them

A user records with ``SPOTLITE_RECORD=1`` and SPOTIFY_CLIENT_ID,
SPOTIFY_CLIENT_SECRET and SPOTIFY_USER_REFRESH set. This repository has no
Spotify account at hand, so this script does the same against the stand-in
(``spotlite.testing.FakeSpotify``): it points spotlite's ``api_url`` and ``accounts_url`` at the
fake (the kit writes Spotify's URLs into the cassettes) and sets
placeholder credentials (the stand-in's accounts service takes them). Then it
checks the cassettes for secrets. None of this is in examples/, which holds
only what a user writes (and ``_offline.py``, which replays).

- The scripts of examples/ (``SCRIPTS``): each runs its ``main`` with the
  arguments below; ``_offline`` sees credentials and ``SPOTLITE_RECORD``, and
  records examples/cassettes/<script>.yaml.
- examples/testing: its tests run with spotlite's pytest plugin, the
  stand-in's user given the library of the example's story.

Each one is recorded in a process of its own, so it starts from the
stand-in's first state: one example's writes (a playlist made, artists
followed) do not show in another's cassette.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
EXAMPLES = TESTS.parent / "examples"
EXAMPLE = EXAMPLES / "testing"
sys.path.insert(0, str(TESTS))
sys.path.insert(0, str(EXAMPLES))

import _offline

from spotlite import aio
from spotlite.testing import FakeSpotify, check
from spotlite.testing._standin import accounts, playlists
from spotlite.testing._standin.catalogue import ALBUMS, BIG_ALBUM, MAIN_ALBUM, SINGLE
from spotlite.testing._standin.podcasts import HALF_HEARD
from spotlite.testing._standin.state import State
from spotlite.testing._standin.users import ME

# The arguments each script is recorded with ({tmp}: a temporary folder); a replay runs with these or fewer.
SCRIPTS: dict[str, list[str]] = {
    "album_tracks": [],
    "playlist_to_csv": ["--output", "{tmp}/playlist.csv"],
    "backup_liked_songs": ["--output", "{tmp}/liked_songs.json"],
    "follow_top_artists": [],
    "playlist_from_search": [],
    "now_playing": ["--iterations", "5", "--interval", "0"],  # now_playing.REPLAYED_POLLS
    "web_login": [],
    "async_bot": [],
}


def track_id(album: str, number: int) -> str:
    return str(ALBUMS[album][1][number - 1]["id"])


def set_the_scene(state: State) -> None:
    """examples/testing: Song No. 50 and the choral Finlandia are saved but in no playlist.

    Finnish Evenings (theirs) holds Valse triste, a local file, a song of the
    big album, an episode, an entry whose item is gone, and The Swan of
    Tuonela; Sibelius Essentials (theirs, in the pre-2026 shape) the main
    album; Orchestra Picks (followed, someone else's) is not shown.
    """
    saved = [(MAIN_ALBUM, 1), (MAIN_ALBUM, 2), (BIG_ALBUM, 50), (SINGLE, 1), (MAIN_ALBUM, 6)]
    state.saved["track"] = {track_id(album, number): f"2026-0{n}-1{n}T20:0{n}:00Z"
                            for n, (album, number) in enumerate(saved, 1)}
    evenings = [playlists._track(track_id(MAIN_ALBUM, 2)), playlists._LOCAL, playlists._track(track_id(BIG_ALBUM, 7)),
                playlists._episode(HALF_HEARD), None, playlists._track(track_id(MAIN_ALBUM, 6))]
    state.playlists[playlists.EVENINGS].entries = playlists._entries(evenings, datetime(2025, 1, 5, 20), ME)


def record_testing(state: State) -> int:
    """examples/testing's tests, with spotlite's plugin (its ``spotify_token`` refreshes a token as it would live)."""
    set_the_scene(state)
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"  # spotlite's plugin exactly once, however it is installed
    return int(pytest.main(["-p", "spotlite.testing.plugin", "-p", "no:cacheprovider", "-q", str(EXAMPLE)]))


def record_script(name: str) -> int:
    """One script of examples/, run as a user would run it, with credentials and SPOTLITE_RECORD set."""
    client_id, client_secret, redirect_uri, _ = _offline.PLACEHOLDERS
    os.environ.update(SPOTIFY_CLIENT_ID=client_id, SPOTIFY_CLIENT_SECRET=client_secret,
                      SPOTIFY_REDIRECT_URI=redirect_uri)  # the redirect URI is matched on replay: the same
    if name == "now_playing":  # its token expires after a few polls, so the cassette shows it refreshed mid-run
        os.environ["SPOTIFY_USER_REFRESH"] = accounts.SHORT_LIVED_REFRESH
    if name == "web_login":  # its two browsers log in two users (web_login.two_browsers makes up these codes)
        accounts.LOGINS.update({"dummy-code-2": "lahtisymphony"})
    if name == "async_bot":  # vcrpy may drop interactions recorded from several threads at once (vcrpy issue
        aio.configure(executor=ThreadPoolExecutor(1))  # 849): one call at a time; replaying them together is fine
    script = __import__(name)
    with tempfile.TemporaryDirectory() as tmp:
        return int(script.main([arg.format(tmp=tmp) for arg in SCRIPTS[name]]))


def record(name: str) -> int:
    """Record one example's cassettes against a fresh fake, in this process (its settings for every thread)."""
    os.environ.update(SPOTIFY_CLIENT_ID="dummy-client-id", SPOTIFY_CLIENT_SECRET="dummy-client-secret",
                      SPOTIFY_USER_REFRESH="dummy-refresh-token")
    with FakeSpotify(configure_process=True) as fake:
        return record_testing(fake.state) if name == "testing" else record_script(name)


def main(names: list[str]) -> int:
    known = [*SCRIPTS, "testing"]
    unknown = [name for name in names if name not in known]
    if unknown:
        print(f"unknown example {', '.join(unknown)}: the examples are {', '.join(known)}", file=sys.stderr)
        return 2
    os.environ.setdefault("SPOTLITE_RECORD", "all")
    status = 0
    for name in names or known:
        print(f"recording {name}", flush=True)
        status |= subprocess.run([sys.executable, __file__, "--one", name], check=False, cwd=TESTS.parent).returncode
    report = check([EXAMPLE / "cassettes", EXAMPLES / "cassettes"])
    for finding in report.findings:
        print(finding)
    print(report.summary())
    return status or (1 if report.findings else 0)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        sys.exit(record(sys.argv[2]))
    sys.exit(main(sys.argv[1:]))
