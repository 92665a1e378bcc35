"""Every answer FakeSpotify gives is one Spotify could give: checked against tests/spec_facts.json, parsed by the models.

A tour of the API through spotlite's functions (so each answer also goes
through spotlite's models) in both the extended-quota and the development-mode
shape, with seeded data, faults and errors; then every answer the fake gave is
checked with ``faithful.unfaithful``. ``SPOTLITE_FAKE=1 python -m pytest`` does
the same for every test of the suite (``tox -e fake``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from faithful import operation, shape_problems, unfaithful

import spotlite
from spotlite.testing import FakeSpotify
from spotlite.testing._standin.audiobooks import KALEVALA
from spotlite.testing._standin.browse import CLASSICAL
from spotlite.testing._standin.catalogue import BIG_ALBUM, FINLANDIA, MAIN_ALBUM, SIBELIUS, UNKNOWN
from spotlite.testing._standin.player import LAPTOP
from spotlite.testing._standin.playlists import ESSENTIALS, EVENINGS, ORCHESTRA_PICKS
from spotlite.testing._standin.podcasts import BIG_SHOW, HALF_HEARD

pytestmark = pytest.mark.no_cassette
T = "dummy-user-token"
RECORDED = Path(__file__).resolve().parent.parent / "cassettes" / "test_tracks" / "test_track.yaml"

Call = Callable[[], Any]
READS: list[Call] = [
    lambda: spotlite.album(T, MAIN_ALBUM), lambda: spotlite.albums(T, [MAIN_ALBUM, UNKNOWN]),
    lambda: spotlite.album_tracks(T, BIG_ALBUM, limit=50, offset=50), lambda: spotlite.new_releases(T),
    lambda: spotlite.saved_albums(T), lambda: spotlite.artist(T, SIBELIUS), lambda: spotlite.artists(T, [SIBELIUS]),
    lambda: spotlite.artist_albums(T, SIBELIUS), lambda: spotlite.artist_top_tracks(T, SIBELIUS, "FI"),
    lambda: spotlite.artist_related_artists(T, SIBELIUS), lambda: spotlite.track(T, FINLANDIA),
    lambda: spotlite.tracks(T, [FINLANDIA, UNKNOWN]), lambda: spotlite.saved_tracks(T, limit=50),
    lambda: spotlite.show(T, BIG_SHOW), lambda: spotlite.show_episodes(T, BIG_SHOW), lambda: spotlite.shows(T, [BIG_SHOW]),
    lambda: spotlite.saved_shows(T), lambda: spotlite.episode(T, HALF_HEARD), lambda: spotlite.episodes(T, [HALF_HEARD]),
    lambda: spotlite.saved_episodes(T), lambda: spotlite.audiobook(T, KALEVALA),
    lambda: spotlite.audiobook_chapters(T, KALEVALA), lambda: spotlite.saved_audiobooks(T),
    lambda: spotlite.search(T, "sibelius", types=["track", "artist", "album", "playlist", "show", "episode"]),
    lambda: spotlite.categories(T), lambda: spotlite.category(T, CLASSICAL),
    lambda: spotlite.category_playlists(T, CLASSICAL), lambda: spotlite.featured_playlists(T),
    lambda: spotlite.markets(T), lambda: spotlite.recommendation_genre_seeds(T),
    lambda: spotlite.recommendations(T, artist_ids=[SIBELIUS]), lambda: spotlite.track_audio_features(T, FINLANDIA),
    lambda: spotlite.track_audio_analysis(T, FINLANDIA), lambda: spotlite.current_user(T),
    lambda: spotlite.user(T, "lahtisymphony"), lambda: spotlite.current_user_top_artists(T),
    lambda: spotlite.current_user_top_tracks(T), lambda: spotlite.followed_artists(T),
    lambda: spotlite.library_contains(T, [f"spotify:track:{FINLANDIA}"]), lambda: spotlite.followed_playlists(T),
    lambda: spotlite.playlists(T, "lahtisymphony"), lambda: spotlite.playlist(T, EVENINGS),
    lambda: spotlite.playlist(T, ESSENTIALS), lambda: spotlite.playlist_items(T, EVENINGS, limit=50),
    lambda: spotlite.playlist_cover_image(T, EVENINGS), lambda: spotlite.playback(T),
    lambda: spotlite.playback_currently_playing(T), lambda: spotlite.playback_devices(T),
    lambda: spotlite.playback_queue(T), lambda: spotlite.playback_recently_played(T),
]


def writes(fake: FakeSpotify) -> list[Call]:
    album = fake.add_album("Tour", ["First", "Second", "Third"], artists=["Tour Band"])
    uris = [f"spotify:track:{i}" for i in fake.track_ids(album)]
    made: dict[str, str] = {}

    def create() -> None:
        made["id"] = spotlite.playlist_create(T, "Tour mix").id

    return [
        create, lambda: spotlite.playlist_add(T, made["id"], uris), lambda: spotlite.playlist_reorder(T, made["id"], 2, 0),
        lambda: spotlite.playlist_remove(T, made["id"], uris[:1]), lambda: spotlite.playlist_replace(T, made["id"], uris),
        lambda: spotlite.playlist_change_details(T, made["id"], name="Tour mix 2"), lambda: spotlite.playlist(T, made["id"]),
        lambda: spotlite.library_add(T, uris), lambda: spotlite.library_delete(T, uris[:1]),
        lambda: spotlite.saved_tracks(T), lambda: spotlite.artists_follow(T, [SIBELIUS]),
        lambda: spotlite.playback_start_tracks(T, uris), lambda: spotlite.playback_queue_add(T, uris[0]),
        lambda: spotlite.playback_next(T), lambda: spotlite.playback_volume(T, 30, device_id=LAPTOP),
        lambda: spotlite.playback(T),
    ]


def answered_faithfully(fake: FakeSpotify) -> None:
    problems = [problem for request in fake.requests for problem in unfaithful(request)]
    assert problems == []
    assert any(r.answer is not None for r in fake.requests)


def test_every_read_and_write_answers_as_the_spec_says() -> None:
    with FakeSpotify() as fake:
        for call in READS + writes(fake):
            call()
        answered_faithfully(fake)


def test_development_mode_answers_as_spotify_answers_such_apps() -> None:
    with FakeSpotify(dev_mode=True) as fake:
        refused = []
        for call in READS + writes(fake):
            try:
                call()
            except spotlite.Forbidden:
                refused.append(fake.requests[-1].path)
        answered_faithfully(fake)
    assert "/v1/tracks" in refused and "/v1/markets" in refused and "/v1/audio-analysis/" + FINLANDIA in refused
    assert f"/v1/albums/{MAIN_ALBUM}" not in refused and "/v1/me/library" not in refused


def test_errors_are_spotifys() -> None:
    with FakeSpotify() as fake:
        expected: list[tuple[type[Exception], Call]] = [
            (spotlite.NotFound, lambda: spotlite.album(T, UNKNOWN)),
            (spotlite.Unauthorised, lambda: spotlite.album("dummy-expired-token", MAIN_ALBUM)),
            (spotlite.Unauthorised, lambda: spotlite.album("BQ9f2c1e0b7a6d5c4b3a29f1e0d8c7b6a5", MAIN_ALBUM)),
            (spotlite.Forbidden, lambda: spotlite.saved_tracks(fake.token("user-read-private"))),
            (spotlite.Forbidden, lambda: spotlite.playlist_items(T, ORCHESTRA_PICKS)),
            (spotlite.BadRequest, lambda: spotlite.playlist_reorder(T, EVENINGS, 500, 0)),
            (spotlite.AuthError, lambda: spotlite.refresh_user_token("app", "secret", "AQ-never-issued")),
            (spotlite.TooManyRequests, lambda: spotlite.album(T, MAIN_ALBUM)),
            (spotlite.ServiceUnavailable, lambda: spotlite.album(T, MAIN_ALBUM)),
            (spotlite.InternalServerError, lambda: spotlite.album(T, MAIN_ALBUM)),
        ]
        with spotlite.configured(retries=0):
            for n, (error, call) in enumerate(expected):
                if error is spotlite.TooManyRequests:
                    fake.fail(429, retry_after=3, quota=True)
                elif error is spotlite.ServiceUnavailable:
                    fake.fail(503, html=True)
                elif error is spotlite.InternalServerError:
                    fake.fail(500)
                with pytest.raises(error):
                    call()
        answered_faithfully(fake)


def test_seeded_from_a_recorded_body_answers_faithfully() -> None:
    recorded = json.loads(_first_body(RECORDED))
    with FakeSpotify() as fake:
        added = fake.add({**recorded, "id": "0" * 22, "album": {**recorded["album"], "id": "1" * 22}})
        assert added == ["0" * 22]
        assert spotlite.track(T, "0" * 22).name == recorded["name"]
        assert spotlite.album(T, "1" * 22).tracks.items[0].id == "0" * 22
        answered_faithfully(fake)


def _first_body(cassette: Path) -> str:
    """The first answer's body in a cassette (YAML read as text: the kit's PyYAML is optional)."""
    import yaml  # vcrpy's dependency, installed with the test extra

    return str(yaml.safe_load(cassette.read_text())["interactions"][0]["response"]["body"]["string"])


def test_the_check_finds_what_spotify_would_not_send() -> None:
    album = operation("GET", f"/v1/albums/{MAIN_ALBUM}")
    assert album is not None and album["path"] == "/albums/{id}"
    assert "name: missing" in shape_problems({"id": "x"}, album["answer"])
    assert shape_problems({"total_tracks": "12"}, {"type": "object", "required": {"total_tracks": {"type": "integer"}}})
    assert operation("GET", "/v1/me/albums")["path"] == "/me/albums"  # type: ignore[index]


def test_saved_tracks_and_devices_from_recorded_bodies() -> None:
    saved_page = json.loads(_first_body(RECORDED.parent / "test_saved_tracks_page_of_fifty.yaml"))
    devices = json.loads(_first_body(RECORDED.parent.parent / "test_player" / "test_playback_devices.yaml"))
    with FakeSpotify() as fake:
        fake.state.saved["track"].clear()
        added = fake.add(saved_page)
        assert [t.track.id for t in spotlite.saved_tracks(T, limit=50).items] == added[:50]
        assert len(fake.add(devices)) == len(devices["devices"])
        names = [d.name for d in spotlite.playback_devices(T)]
        assert names == [d["name"] for d in devices["devices"]] * 2  # the fake's four, then the same four added
        answered_faithfully(fake)
