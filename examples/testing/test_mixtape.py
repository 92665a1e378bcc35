"""mixtape.py's tests, on a fake Spotify: no network, no recording (spotlite's pytest plugin: ``spotify_fake``).

    pytest test_mixtape.py

``spotify_fake`` is a ``spotlite.testing.FakeSpotify`` running for the test,
with spotlite pointed at it: a small catalogue and user of its own, to which
a test adds what it needs; writes change it as they change Spotify; its
tokens carry scopes and expire on a clock the test moves; and it fails on
demand.
"""

from __future__ import annotations

import pytest
from mixtape import SCOPES, explain, mixtape

import spotlite
from spotlite.testing import FakeSpotify

CLIENT_ID, CLIENT_SECRET = "fake-client-id", "fake-client-secret"  # the fake's accounts service takes any client


def test_a_mixtape_is_made_filled_reordered_and_read_back(spotify_fake: FakeSpotify) -> None:
    token = spotify_fake.login(SCOPES)  # the authorisation code flow, approved on the fake's consent page

    made = mixtape(token, "Road trip", size=3)
    sent = [r.method for r in spotify_fake.requests[-4:]]  # what the fake received, in order

    assert sent == ["POST", "POST", "PUT", "GET"]  # create, add, reorder (with the add's snapshot ID), read back
    assert (made.name, made.public) == ("Road trip", False)
    names = [entry.item.name for entry in made.items.items if entry.item] if made.items else []
    assert len(names) == 3
    top = [t.name for t in spotlite.current_user_top_tracks(token, limit=50, time_range="short_term").items]
    assert names[-1] == top[0]  # the favourite comes last
    playlist = spotify_fake.playlist(made.id)  # the fake's own record of it
    assert playlist.owner == spotify_fake.me and len(playlist.entries) == 3


def test_a_storm_of_429s_is_waited_out(spotify_fake: FakeSpotify) -> None:
    spotify_fake.fail(429, times=3, path="/v1/me/top/", retry_after=0)  # Spotify asks to wait, three times
    made = mixtape(spotify_fake.login(SCOPES), "Storm")
    assert made.items and made.items.total
    top_requests = [r for r in spotify_fake.requests if r.path == "/v1/me/top/tracks"]
    assert len(top_requests) == 4  # three refused, the fourth answered


def test_a_429_that_lasts_is_explained(spotify_fake: FakeSpotify) -> None:
    spotify_fake.fail(429, times=100, path="/v1/me/top/", retry_after=30)
    with spotlite.configured(max_wait=0), pytest.raises(spotlite.TooManyRequests) as caught:  # no waiting in tests
        mixtape(spotify_fake.login(SCOPES), "Storm")
    assert explain(caught.value) == "Spotify is busy: try again in 30 s"


def test_an_expired_token_is_refreshed(spotify_fake: FakeSpotify) -> None:
    token = spotlite.RefreshingToken(spotify_fake.login(SCOPES), CLIENT_ID, CLIENT_SECRET)
    spotify_fake.advance(2 * 3600)  # two hours later, on the fake's clock: the access token has expired
    made = mixtape(token, "Later")
    assert made.name == "Later"
    assert [r.path for r in spotify_fake.requests].count("/accounts/api/token") == 2  # the login, then one refresh


def test_a_missing_scope_is_explained(spotify_fake: FakeSpotify) -> None:
    token = spotify_fake.login("user-top-read")  # playlist-modify-private was not granted
    with pytest.raises(spotlite.Forbidden) as caught:
        mixtape(token, "Denied")
    assert explain(caught.value).startswith("the token lacks a scope: log in again granting")
    assert "playlist-modify-private" in caught.value.scopes
    assert not any(p.name == "Denied" for p in spotify_fake.state.playlists.values())
