"""Record examples/testing's cassettes against the stand-in, the way a user records theirs against Spotify.

    .venv/bin/python tests/record_examples.py          # SPOTLITE_RECORD=all unless it is set

A user records with ``SPOTLITE_RECORD=1 pytest`` and SPOTIFY_CLIENT_ID,
SPOTIFY_CLIENT_SECRET and SPOTIFY_USER_REFRESH set. This repository has no
Spotify account at hand, so this script does the same against the stand-in
(tests/standin): it gives the stand-in's user the library of the example's
story (five saved tracks, two of them in no playlist), points spotlite's
``api_url`` and ``accounts_url`` at the stand-in (the kit writes Spotify's
URLs into the cassettes), sets placeholder credentials (the stand-in's
accounts service takes them, so the plugin's ``spotify_token`` refreshes a
token as it would live) and runs the example's tests with spotlite's plugin.
Then it checks the cassettes for secrets. None of this is in examples/testing,
which holds only what a user writes.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
EXAMPLE = TESTS.parent / "examples" / "testing"
sys.path.insert(0, str(TESTS))

from standin import playlists, tracks
from standin.catalogue import ALBUMS, BIG_ALBUM, MAIN_ALBUM, SINGLE
from standin.podcasts import HALF_HEARD
from standin.server import start
from standin.users import ME

import spotlite
from spotlite.testing import check


def track_id(album: str, number: int) -> str:
    return str(ALBUMS[album][1][number - 1]["id"])


def set_the_scene() -> None:
    """The stand-in user's library: Song No. 50 and the choral Finlandia are saved but in no playlist.

    Finnish Evenings (theirs) holds Valse triste, a local file, a song of the
    big album, an episode, an entry whose item is gone, and The Swan of
    Tuonela; Sibelius Essentials (theirs, in the pre-2026 shape) the main
    album; Orchestra Picks (followed, someone else's) is not shown.
    """
    saved = [(MAIN_ALBUM, 1), (MAIN_ALBUM, 2), (BIG_ALBUM, 50), (SINGLE, 1), (MAIN_ALBUM, 6)]
    tracks.SAVED_TRACKS.clear()
    tracks.SAVED_TRACKS.update({track_id(album, number): f"2026-0{n}-1{n}T20:0{n}:00Z"
                                for n, (album, number) in enumerate(saved, 1)})
    evenings = [playlists._track(track_id(MAIN_ALBUM, 2)), playlists._LOCAL, playlists._track(track_id(BIG_ALBUM, 7)),
                playlists._episode(HALF_HEARD), None, playlists._track(track_id(MAIN_ALBUM, 6))]
    playlists.PLAYLISTS[playlists.EVENINGS].entries = playlists._entries(evenings, datetime(2025, 1, 5, 20), ME)


def main() -> int:
    set_the_scene()
    server, base = start()
    spotlite.configure(api_url=base + "/v1", accounts_url=base + "/accounts", session=None)
    os.environ.setdefault("SPOTLITE_RECORD", "all")
    os.environ.update(SPOTIFY_CLIENT_ID="dummy-client-id", SPOTIFY_CLIENT_SECRET="dummy-client-secret",
                      SPOTIFY_USER_REFRESH="dummy-refresh-token")
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"  # spotlite's plugin exactly once, however it is installed
    try:
        status = pytest.main(["-p", "spotlite.testing.plugin", "-p", "no:cacheprovider", "-q", str(EXAMPLE)])
    finally:
        server.shutdown()
    report = check([EXAMPLE / "cassettes"])
    for finding in report.findings:
        print(finding)
    print(report.summary())
    return int(status) or (1 if report.findings else 0)


if __name__ == "__main__":
    sys.exit(main())
