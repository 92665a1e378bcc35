"""The tests' cassettes, on the public kit: ``spotlite.testing.cassette``.

Matching (method, URL, body), secret filters and record modes are the kit's,
the same a user of the ``testing`` extra gets; what is the tests' own is where
the cassettes live and the stand-in: when recording without credentials,
conftest.py routes Spotify's hosts to ``spotlite.testing.FakeSpotify`` with a transport
adapter, and ``HOSTS`` tells the kit to write the stand-in's loopback address
as Spotify's.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from spotlite.testing import cassette, record_mode

CASSETTES = Path(__file__).resolve().parent.parent / "cassettes"
RECORDING = record_mode() != "none"  # SPOTLITE_RECORD=1 records what is missing, =all everything again
CREDENTIALS = ("SPOTIFY_CLIENT_ID", "SPOTIFY_CLIENT_SECRET", "SPOTIFY_USER_REFRESH")
LIVE = RECORDING and all(os.environ.get(name) for name in CREDENTIALS)
FAKE = os.environ.get("SPOTLITE_FAKE", "") not in ("", "0")  # run live against FakeSpotify, without cassettes
HOSTS = {"https://api.spotify.com": "", "https://accounts.spotify.com": ""}  # Spotify's -> the stand-in's, when recording


def use_cassette(name: str) -> Any:
    """The cassette ``cassettes/<name>``, with the stand-in's address (when recording against it) written as Spotify's."""
    return cassette(CASSETTES / name, hosts={loopback: real for real, loopback in HOSTS.items() if loopback})


recorder = SimpleNamespace(use_cassette=use_cassette)  # examples/getting_started.py: recorder.use_cassette(name)
