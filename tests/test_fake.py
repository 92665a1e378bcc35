"""spotlite.testing.FakeSpotify: what a user's tests do with it, with no network and no cassette."""

from __future__ import annotations

import asyncio
import contextvars
import socket
import threading

import pytest

import spotlite
from spotlite import aio
from spotlite.testing import FakeSpotify

SCOPES = "playlist-modify-private playlist-modify-public playlist-read-private user-read-private"


pytestmark = pytest.mark.no_cassette  # each test talks to its own fake


def test_a_user_logs_in_makes_a_playlist_fills_reorders_and_reads_it_back(spotify_fake: FakeSpotify) -> None:
    album = spotify_fake.add_album("Northern Lights", ["Aurora", "Polar Night", "Midnight Sun"], artists=["The Fjords"])
    one, two, three = (f"spotify:track:{i}" for i in spotify_fake.track_ids(album))
    token = spotify_fake.login(SCOPES)
    assert token.refresh_token and "playlist-modify-private" in token.scope

    playlist = spotlite.playlist_create(token, "Road trip", public=False, description="for the drive")
    first = spotlite.playlist_add(token, playlist.id, [one, two, three])
    second = spotlite.playlist_reorder(token, playlist.id, range_start=2, insert_before=0, snapshot_id=first)
    assert first != second != playlist.snapshot_id

    back = spotlite.playlist(token, playlist.id)
    assert (back.name, back.public, back.description, back.snapshot_id) == ("Road trip", False, "for the drive", second)
    assert [entry.item.name for entry in back.items.items if entry.item] == ["Midnight Sun", "Aurora", "Polar Night"]
    assert spotify_fake.uris(playlist.id) == [three, one, two]
    assert [(r.method, r.path) for r in spotify_fake.requests[-3:]] == [
        ("POST", f"/v1/playlists/{playlist.id}/items"), ("PUT", f"/v1/playlists/{playlist.id}/items"),
        ("GET", f"/v1/playlists/{playlist.id}")]
    assert spotify_fake.requests[-2].json() == {"range_start": 2, "insert_before": 0, "range_length": 1,
                                            "snapshot_id": first}


def test_a_storm_of_429s_is_waited_out(spotify_fake: FakeSpotify) -> None:
    spotify_fake.fail(429, times=3, path="/v1/me$", retry_after=0)
    assert spotlite.current_user("dummy-user-token").id == spotify_fake.me
    assert [r.path for r in spotify_fake.requests] == ["/v1/me"] * 4


def test_a_429_past_the_retries_raises_too_many_requests_with_retry_after(spotify_fake: FakeSpotify) -> None:
    spotify_fake.fail(429, times=50, path="/v1/me$", retry_after=7)
    with spotlite.configured(retries=1, max_wait=0), pytest.raises(spotlite.TooManyRequests) as caught:
        spotlite.current_user("dummy-user-token")
    assert caught.value.retry_after == 7 and not isinstance(caught.value, spotlite.QuotaExceeded)


def test_a_spent_quota_is_quota_exceeded_at_once(spotify_fake: FakeSpotify) -> None:
    spotify_fake.fail(429, times=50, path="/v1/me$", retry_after=7, quota=True)
    with pytest.raises(spotlite.QuotaExceeded) as caught:
        spotlite.current_user("dummy-user-token")
    assert caught.value.reason == "QUOTA_EXCEEDED" and len(spotify_fake.requests) == 1  # not retried


def test_an_expired_token_is_refreshed_once_by_refreshing_token(spotify_fake: FakeSpotify) -> None:
    token = spotify_fake.login("user-read-private")
    source = spotlite.RefreshingToken(token, "fake-client-id", "fake-client-secret")
    spotify_fake.advance(3601)
    with pytest.raises(spotlite.Unauthorised, match="The access token expired"):
        spotlite.current_user(token)
    assert spotlite.current_user(source).id == spotify_fake.me  # refreshed after the 401, then resent
    assert source.token.refresh_token != token.refresh_token  # rotated
    with pytest.raises(spotlite.AuthError):  # the old refresh token is spent
        spotlite.refresh_user_token("fake-client-id", "fake-client-secret", str(token.refresh_token))


def test_a_missing_scope_is_spotifys_403(spotify_fake: FakeSpotify) -> None:
    token = spotify_fake.token("user-read-private")
    with pytest.raises(spotlite.Forbidden, match="Insufficient client scope") as caught:
        spotlite.saved_tracks(token)
    assert "user-library-read" in str(caught.value)
    private = spotify_fake.token("playlist-modify-public")
    with pytest.raises(spotlite.Forbidden, match="Insufficient client scope"):
        spotlite.playlist_create(private, "Secret", public=False)
    assert spotlite.playlist_create(private, "Open").public is True


def test_a_client_token_cannot_read_a_user(spotify_fake: FakeSpotify) -> None:
    token = spotlite.request_client_token("fake-client-id", "fake-client-secret")
    assert spotlite.album(token, "3RBULTZJ97bvVzZLpxcB0j").name
    with pytest.raises(spotlite.Unauthorised, match="Valid user authentication required"):
        spotlite.current_user(token)


def test_pkce_checks_the_verifier(spotify_fake: FakeSpotify) -> None:
    verifier, challenge = spotlite.pkce_pair()
    url = spotlite.authorisation_url("app", "http://127.0.0.1:9/cb", "user-read-private", state="s",
                                     code_challenge=challenge)
    code = spotlite.parse_code_from_url(spotify_fake.authorise(url), "s")
    token = spotlite.request_pkce_token("app", "http://127.0.0.1:9/cb", code, verifier)
    assert token.uses_pkce and spotlite.current_user(token).id == spotify_fake.me
    code = spotlite.parse_code_from_url(spotify_fake.authorise(url), "s")
    with pytest.raises(spotlite.AuthError, match="code_verifier"):
        spotlite.request_pkce_token("app", "http://127.0.0.1:9/cb", code, verifier[:-1] + ("y" if verifier.endswith("x") else "x"))  # a verifier unlike the one sent


def test_the_user_can_refuse_consent(spotify_fake: FakeSpotify) -> None:
    spotify_fake.consent = False
    url = spotlite.authorisation_url("app", "http://127.0.0.1:9/cb", "user-read-private", state="s")
    with pytest.raises(spotlite.AuthError, match="access_denied"):
        spotlite.parse_code_from_url(spotify_fake.authorise(url), "s")


def test_the_prompt_logs_in_through_the_fake_browser(spotify_fake: FakeSpotify) -> None:
    with socket.socket() as probe:  # a free port for the prompt's redirect catcher
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    token = spotlite.prompt_for_user_token("app", "secret", f"http://127.0.0.1:{port}/callback",
                                           scope="user-top-read", open_browser=spotify_fake.browser)
    assert token.scope == "user-top-read"
    assert spotlite.current_user_top_artists(token).items


def test_two_users_have_their_own_libraries(spotify_fake: FakeSpotify) -> None:
    spotify_fake.add_user("kaisa", "Kaisa")
    track = f"spotify:track:{spotify_fake.add_track('Lullaby', artists=['Kaisa Band'])}"
    kaisa = spotify_fake.token("user-library-modify user-library-read", user="kaisa")
    spotlite.library_add(kaisa, [track])
    assert spotlite.library_contains(kaisa, [track]) == [True]
    assert spotlite.library_contains("dummy-user-token", [track]) == [False]
    assert spotify_fake.state.saved["kaisa:track"]


def test_server_errors_resets_and_slow_answers(spotify_fake: FakeSpotify) -> None:
    spotify_fake.fail(503, times=2, method="GET", path="/v1/albums/", html=True)
    spotify_fake.fail("reset", path="/v1/tracks/")
    assert spotlite.album("dummy-user-token", "3RBULTZJ97bvVzZLpxcB0j").name  # retried past the 503s
    assert spotlite.track("dummy-user-token", "3hHWhvw2hjwfngWcFjIzqr").name  # retried past the reset
    spotify_fake.fail("slow", path="/v1/me$", seconds=2)
    with spotlite.configured(timeout=0.3, retries=0), pytest.raises(spotlite.SpotliteError):
        spotlite.current_user("dummy-user-token")
    spotify_fake.fail("trickle", path="/v1/me$", seconds=0.2)
    assert spotlite.current_user("dummy-user-token").id == spotify_fake.me
    with pytest.raises(ValueError, match="fault must be"):
        spotify_fake.fail("explode")


def test_development_mode_removes_endpoints_and_fields(spotify_fake: FakeSpotify) -> None:
    spotify_fake.dev_mode = True
    me = spotlite.current_user("dummy-user-token")
    assert me.country is None and me.product is None
    track = spotlite.track("dummy-user-token", "3hHWhvw2hjwfngWcFjIzqr")
    assert track.popularity is None and not track.available_markets
    with pytest.raises(spotlite.Forbidden):
        spotlite.tracks("dummy-user-token", ["3hHWhvw2hjwfngWcFjIzqr"])


def test_settings_are_scoped_to_the_block_and_threads_copy_the_context() -> None:
    before = spotlite.settings().api_url
    with FakeSpotify() as fake:
        assert spotlite.settings().api_url == fake.api_url
        seen: list[str] = []
        plain = threading.Thread(target=lambda: seen.append(spotlite.settings().api_url))
        plain.start()
        plain.join()
        context = contextvars.copy_context()
        copied = threading.Thread(target=context.run, args=(lambda: seen.append(spotlite.settings().api_url),))
        copied.start()
        copied.join()
        assert seen == [before, fake.api_url]  # a thread sees the block's settings only with a copy of its context
    assert spotlite.settings().api_url == before


def test_configure_process_reaches_every_thread() -> None:
    before = spotlite.settings().api_url
    with FakeSpotify(configure_process=True) as fake:
        seen: list[str] = []
        worker = threading.Thread(target=lambda: seen.append(spotlite.settings().api_url))
        worker.start()
        worker.join()
        assert seen == [fake.api_url]
    assert spotlite.settings().api_url == before


def test_two_fakes_keep_their_own_state() -> None:
    with FakeSpotify() as first, FakeSpotify() as second:
        with spotlite.configured(api_url=first.api_url):
            made = spotlite.playlist_create("dummy-user-token", "Only here")
        assert made.id in first.state.playlists and made.id not in second.state.playlists


def test_faults_set_before_the_block_and_aio_calls_reach_the_fake() -> None:
    fake = FakeSpotify()
    fake.fail(503, path="/v1/albums/", retry_after=0)
    with fake:
        album = asyncio.run(aio.album("dummy-user-token", "3RBULTZJ97bvVzZLpxcB0j"))  # in aio's worker thread
    assert album.name and [r.answer.status for r in fake.requests if r.answer] == [503, 200]


def test_seeded_users_devices_playlists_and_library(spotify_fake: FakeSpotify) -> None:
    spotify_fake.add_user("kaisa", "Kaisa", product="free")
    album = spotify_fake.add_album("Duets", ["Left", "Right"], artists=["Kaisa Duo"])
    left, right = (f"spotify:track:{i}" for i in spotify_fake.track_ids(album))
    theirs = spotify_fake.add_playlist("Kaisa's", [left, right], owner="kaisa")
    mine = spotify_fake.add_playlist("Mine", [right])
    speaker = spotify_fake.add_device("Sauna speaker", device_type="Speaker")
    artist = spotify_fake.state.albums[album][0]["artists"][0]["id"]
    spotify_fake.save(left, f"spotify:artist:{artist}", "spotify:user:kaisa")

    me = "dummy-user-token"
    assert [e.item.uri for e in spotlite.playlist(me, mine).items.items if e.item] == [right]
    assert spotlite.playlist(me, theirs).items is None  # 2026: another user's entries are not shown
    with pytest.raises(spotlite.Forbidden):
        spotlite.playlist_items(me, theirs)
    assert spotlite.library_contains(me, [left, right, f"spotify:artist:{artist}"]) == [True, False, True]
    assert spotlite.user(me, "kaisa").followers.total == 1  # followed by the user
    spotlite.users_unfollow(me, ["kaisa"])
    assert spotlite.user(me, "kaisa").followers.total == 0
    assert speaker in [d.id for d in spotlite.playback_devices(me)]
    spotlite.playback_transfer(me, speaker)
    assert spotlite.playback(me).device.name == "Sauna speaker"
    kaisa = spotify_fake.token("user-modify-playback-state", user="kaisa")
    with pytest.raises(spotlite.Forbidden, match="Premium required"):
        spotlite.playback_pause(kaisa)


def test_seeding_what_the_fake_does_not_know_is_refused() -> None:
    fake = FakeSpotify()
    with pytest.raises(ValueError, match="knows no track or episode spotify:track:0000000000000000000000"):
        fake.add_playlist("Ghosts", ["spotify:track:0000000000000000000000"])
    with pytest.raises(ValueError, match="knows no artist"):
        fake.save("spotify:artist:0000000000000000000000")
    with pytest.raises(ValueError, match="not a Spotify URI"):
        fake.save("https://open.spotify.com/track/x")
    with pytest.raises(ValueError, match="cannot add a 'category'"):
        fake.add({"type": "category", "id": "x"})
    with pytest.raises(ValueError, match="times must be at least 1"):
        fake.fail(429, times=0)


def test_the_profile_shows_what_the_scopes_allow(spotify_fake: FakeSpotify) -> None:
    bare = spotlite.current_user(spotify_fake.token(""))
    assert (bare.id, bare.country, bare.email, bare.product) == (spotify_fake.me, None, None, None)
    full = spotlite.current_user(spotify_fake.token("user-read-private user-read-email"))
    assert (full.country, full.product) == ("FI", "premium") and full.email
