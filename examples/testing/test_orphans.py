"""orphans.py's tests, replayed offline from cassettes/ (spotlite's pytest plugin: pip install 'spotlite-client[testing]').

    pytest                                        # replays; nothing leaves the machine
    SPOTLITE_RECORD=1 pytest                      # records what is missing, against Spotify: needs
                                                  # SPOTIFY_CLIENT_ID, SPOTIFY_CLIENT_SECRET, SPOTIFY_USER_REFRESH
    python -m spotlite.testing check cassettes/   # before committing the cassettes

``spotify_cassette`` runs a test inside cassettes/<module>/<test>.yaml;
``spotify_token`` is a live token when recording and a placeholder when
replaying (the cassettes never hold a token).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from orphans import orphans, report

import spotlite
from spotlite.models import FullTrack

FIXTURES = Path(__file__).parent / "fixtures"


def test_orphans(spotify_cassette: Any, spotify_token: spotlite.TokenLike) -> None:
    found = orphans(spotify_token)
    assert [(track.name, track.album.name if track.album else None) for track in found] == [
        ("Song No. 50", "Sibelius: The Complete Songs"),
        ("Finlandia (Choral Version)", "Finlandia (Choral Version)"),
    ]
    paths = [urlsplit(request.uri).path for request in spotify_cassette.requests]  # what was asked, in order
    assert paths[0] == "/v1/me/playlists" and paths[-1] == "/v1/me/tracks"
    assert len(paths) == len(set(paths)) == 5  # each page once: 3 playlists' entries (one refused), 2 lists


def test_report_of_a_kept_track() -> None:
    """No cassette needed: spotlite.from_dict builds models from JSON kept as a fixture."""
    track = spotlite.from_dict(FullTrack, json.loads((FIXTURES / "track.json").read_text()))
    assert report([track]) == "1 saved track in no playlist:\n  Finlandia, Op. 26 - Jean Sibelius, Lahti Symphony Orchestra"
    assert report([]) == "Every saved track is in a playlist."
