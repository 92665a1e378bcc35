"""Player endpoints, replayed from cassettes.

The stand-in keeps one player per token, so each test uses a token of its own
(``player``) and starts from the same state: the laptop plays Finlandia from
its album, with an episode and a chapter queued before the album's other tracks.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

import pytest

import spotlite
from spotlite._mapper import to_model
from spotlite.errors import Forbidden, InvalidInput, NotFound, ServiceUnavailable, Unauthorised
from spotlite.models import Actions, CurrentlyPlayingContext, FullChapter, FullEpisode, FullTrack, LocalTrack
from spotlite.testing._standin.catalogue import BIG_ALBUM, BROKEN, FINLANDIA, MAIN_ALBUM, SINGLE
from spotlite.testing._standin.player import AUDIOBOOK, CHAPTERS, EPISODES, LAPTOP, PHONE, PLAYLIST, SHOW, TV

UTC = timezone.utc

API = "https://api.spotify.com/v1/me/player"


@pytest.fixture
def player(token: str | spotlite.Token, request: pytest.FixtureRequest) -> str | spotlite.Token:
    """A token whose player in the stand-in is fresh for this test (live: the user's token)."""
    return f"{token}-{request.node.name}" if isinstance(token, str) else token


@pytest.fixture
def idle(player: str) -> str:
    """A token whose player has no active device."""
    return f"{player}-idle"


def sent(cassette: Any, index: int) -> tuple[str, str, Any]:
    """Method, URL and JSON body (None when empty) of a recorded request."""
    request = cassette.requests[index]
    return request.method, request.uri, json.loads(request.body) if request.body else None


def test_playback(player: str, cassette: Any) -> None:
    state = spotlite.playback(player, market="FI")
    assert sent(cassette, 0) == ("GET", f"{API}?market=FI&additional_types=episode", None)
    assert state is not None
    assert (state.device.id, state.device.name, state.device.type) == (LAPTOP, "Aino's MacBook Pro", "Computer")
    assert state.device.is_active and state.device.volume_percent == 64
    assert isinstance(state.item, FullTrack) and state.item.id == FINLANDIA
    assert state.item.name == "Finlandia, Op. 26"
    assert state.context is not None and state.context.uri == f"spotify:album:{MAIN_ALBUM}"
    assert state.context.type == "album"
    assert (state.is_playing, state.progress_ms, state.currently_playing_type) == (True, 73_512, "track")
    assert (state.repeat_state, state.shuffle_state, state.smart_shuffle) == ("off", False, False)
    assert state.timestamp == 1_795_000_000_000
    assert state.actions is not None
    assert state.actions.disallows == {"resuming": True, "skipping_prev": True}
    assert state.actions.allows("pausing") and not state.actions.allows("resuming")


def test_playback_nothing_playing_is_none(idle: str, cassette: Any) -> None:
    assert spotlite.playback(idle) is None
    assert spotlite.playback_currently_playing(idle) is None
    assert [r["status"]["code"] for r in cassette.responses] == [204, 204]


def test_playback_currently_playing(player: str, cassette: Any) -> None:
    playing = spotlite.playback_currently_playing(player, market="from_token")
    assert sent(cassette, 0) == ("GET", f"{API}/currently-playing?market=from_token&additional_types=episode", None)
    assert playing is not None and isinstance(playing.item, FullTrack)
    assert playing.item.album is not None and playing.item.album.id == MAIN_ALBUM
    assert (playing.is_playing, playing.progress_ms) == (True, 73_512)
    assert not hasattr(playing, "device")


def test_playback_tracks_only_leaves_an_episode_out(player: str, cassette: Any) -> None:
    spotlite.playback_start_context(player, f"spotify:show:{SHOW}")
    state = spotlite.playback(player, tracks_only=True)
    playing = spotlite.playback_currently_playing(player, tracks_only=True)
    assert sent(cassette, 1) == ("GET", API, None)
    assert sent(cassette, 2) == ("GET", f"{API}/currently-playing", None)
    assert state is not None and playing is not None
    assert (state.item, state.currently_playing_type) == (None, "episode")
    assert playing.item is None and playing.context is not None and playing.context.type == "show"


def test_playback_devices(player: str, cassette: Any) -> None:
    devices = spotlite.playback_devices(player)
    assert sent(cassette, 0) == ("GET", f"{API}/devices", None)
    assert [d.name for d in devices] == ["Aino's MacBook Pro", "Pixel 8", "Kitchen", "Living Room TV"]
    laptop, phone, speaker, tv = devices
    assert (laptop.id, laptop.is_active, phone.is_active) == (LAPTOP, True, False)
    assert (phone.id, phone.supports_volume, phone.type) == (PHONE, False, "Smartphone")
    assert (speaker.id, speaker.is_restricted, speaker.volume_percent) == (None, True, 28)
    assert (tv.id, tv.volume_percent, tv.is_private_session) == (TV, None, False)


def test_playback_transfer(idle: str, cassette: Any) -> None:
    spotlite.playback_transfer(idle, PHONE, force_play=True)
    assert sent(cassette, 0) == ("PUT", API, {"device_ids": [PHONE], "play": True})
    state = spotlite.playback(idle)
    assert state is not None and state.device.id == PHONE and state.is_playing
    assert isinstance(state.item, FullTrack) and state.item.id == FINLANDIA


def test_playback_transfer_keeps_pause_unless_forced(idle: str, cassette: Any) -> None:
    spotlite.playback_transfer(idle, LAPTOP)
    assert sent(cassette, 0) == ("PUT", API, {"device_ids": [LAPTOP], "play": False})
    state = spotlite.playback(idle)
    assert state is not None and state.device.id == LAPTOP and not state.is_playing
    assert state.actions is not None and state.actions.disallows["pausing"] is True


def test_playback_transfer_to_unknown_device(player: str) -> None:
    with pytest.raises(NotFound, match="Device not found") as caught:
        spotlite.playback_transfer(player, "0d1841b0976bae2a3a310dd74c0f3df354899bc8")
    assert "pass a device_id from playback_devices" in str(caught.value)


def test_playback_transfer_checks_input(player: str, cassette: Any) -> None:
    with pytest.raises(InvalidInput, match="device_id must be"):
        spotlite.playback_transfer(player, "")
    with pytest.raises(InvalidInput, match="force_play must be True or False"):
        spotlite.playback_transfer(player, LAPTOP, force_play="yes")  # type: ignore[arg-type]
    assert not cassette.requests


def test_playback_start_tracks(player: str, cassette: Any) -> None:
    album = spotlite.album(player, MAIN_ALBUM)
    assert album.tracks is not None
    second, third = (t.id for t in album.tracks.items[1:3])
    tracks = [FINLANDIA, f"spotify:track:{second}", f"https://open.spotify.com/track/{third}?si=a1b2"]
    spotlite.playback_start_tracks(player, tracks, offset=1, position_ms=5_000, device_id=LAPTOP)
    assert sent(cassette, 1) == ("PUT", f"{API}/play?device_id={LAPTOP}", {
        "uris": [f"spotify:track:{FINLANDIA}", f"spotify:track:{second}", f"spotify:track:{third}"],
        "offset": {"position": 1}, "position_ms": 5_000,
    })
    playing = spotlite.playback_currently_playing(player)
    assert playing is not None and isinstance(playing.item, FullTrack)
    assert (playing.item.id, playing.progress_ms, playing.context) == (second, 5_000, None)
    queue = spotlite.playback_queue(player)
    assert [item.id for item in queue.queue][-1] == third


def test_playback_start_tracks_at_a_track(player: str, cassette: Any) -> None:
    spotlite.playback_start_tracks(player, [FINLANDIA], offset=f"https://open.spotify.com/track/{FINLANDIA}")
    assert sent(cassette, 0) == ("PUT", f"{API}/play", {
        "uris": [f"spotify:track:{FINLANDIA}"], "offset": {"uri": f"spotify:track:{FINLANDIA}"},
    })


def test_playback_start_tracks_checks_input(player: str, cassette: Any) -> None:
    with pytest.raises(InvalidInput, match="at least one track ID"):
        spotlite.playback_start_tracks(player, [])
    with pytest.raises(InvalidInput, match="a single str"):
        spotlite.playback_start_tracks(player, FINLANDIA)
    with pytest.raises(InvalidInput, match="of kind 'track', but .* is of kind 'album'"):
        spotlite.playback_start_tracks(player, [f"spotify:album:{MAIN_ALBUM}"])
    with pytest.raises(InvalidInput, match="offset must be an int of 0 or more"):
        spotlite.playback_start_tracks(player, [FINLANDIA], offset=-1)
    with pytest.raises(InvalidInput, match="URI or URL of a track, but .* is of kind 'episode'"):
        spotlite.playback_start_tracks(player, [FINLANDIA], offset=f"spotify:episode:{EPISODES[0]}")
    with pytest.raises(InvalidInput, match="position_ms must be an int of 0 or more"):
        spotlite.playback_start_tracks(player, [FINLANDIA], position_ms=-5)
    assert not cassette.requests


def test_playback_start_context_album(player: str, cassette: Any) -> None:
    spotlite.playback_start_context(player, f"https://open.spotify.com/album/{BIG_ALBUM}", offset=2)
    assert sent(cassette, 0) == ("PUT", f"{API}/play", {
        "context_uri": f"spotify:album:{BIG_ALBUM}", "offset": {"position": 2},
    })
    state = spotlite.playback(player)
    assert state is not None and isinstance(state.item, FullTrack)
    assert (state.item.name, state.item.track_number) == ("Song No. 3", 3)
    assert state.context is not None and state.context.uri == f"spotify:album:{BIG_ALBUM}"
    assert state.actions is not None and state.actions.allows("skipping_prev")


def test_playback_start_context_show_plays_an_episode(player: str, cassette: Any) -> None:
    spotlite.playback_start_context(player, f"spotify:show:{SHOW}", offset=EPISODES[1], position_ms=60_000)
    assert sent(cassette, 0)[2] == {
        "context_uri": f"spotify:show:{SHOW}", "offset": {"uri": f"spotify:episode:{EPISODES[1]}"},
        "position_ms": 60_000,
    }
    state = spotlite.playback(player)
    assert state is not None and isinstance(state.item, FullEpisode)
    assert (state.item.id, state.item.name, state.currently_playing_type) == (EPISODES[1], "Symphony No. 2", "episode")
    assert state.item.show is not None and state.item.show.name == "Sibelius Hour"
    assert state.context is not None and (state.context.type, state.progress_ms) == ("show", 60_000)
    assert state.actions is not None and not state.actions.allows("toggling_shuffle")


def test_playback_start_context_audiobook_plays_a_chapter(player: str, cassette: Any) -> None:
    spotlite.playback_start_context(player, f"spotify:show:{AUDIOBOOK}", offset=1)
    playing = spotlite.playback_currently_playing(player)
    assert playing is not None and isinstance(playing.item, FullChapter)
    assert (playing.item.name, playing.item.chapter_number) == ("Chapter 1: Ainola", 1)
    assert playing.item.audiobook is not None and playing.item.audiobook.name == "The Silence of Ainola"
    assert playing.item.uri == f"spotify:episode:{CHAPTERS[1]}"


def test_playback_start_context_playlist_at_an_episode(player: str, cassette: Any) -> None:
    url = f"https://open.spotify.com/playlist/{PLAYLIST}?si=9f"
    spotlite.playback_start_context(player, url, offset=f"spotify:episode:{EPISODES[1]}")
    assert sent(cassette, 0)[2] == {
        "context_uri": f"spotify:playlist:{PLAYLIST}", "offset": {"uri": f"spotify:episode:{EPISODES[1]}"},
    }
    playing = spotlite.playback_currently_playing(player)
    assert playing is not None and isinstance(playing.item, FullEpisode) and playing.item.id == EPISODES[1]


def test_playback_start_context_checks_input(player: str, cassette: Any) -> None:
    with pytest.raises(InvalidInput, match="album or artist or playlist or show, but .* is of kind 'track'"):
        spotlite.playback_start_context(player, f"spotify:track:{FINLANDIA}")
    with pytest.raises(InvalidInput, match="is an ID alone: give the URI or URL"):
        spotlite.playback_start_context(player, MAIN_ALBUM)
    with pytest.raises(InvalidInput, match="of a episode, but .* is of kind 'track'"):
        spotlite.playback_start_context(player, f"spotify:show:{SHOW}", offset=f"spotify:track:{FINLANDIA}")
    with pytest.raises(InvalidInput, match="offset must be an int of 0 or more"):
        spotlite.playback_start_context(player, f"spotify:album:{SINGLE}", offset=True)
    assert not cassette.requests


def test_playback_pause_and_resume(player: str, cassette: Any) -> None:
    spotlite.playback_pause(player)
    paused = spotlite.playback(player)
    spotlite.playback_resume(player, device_id=LAPTOP)
    playing = spotlite.playback(player)
    assert sent(cassette, 0) == ("PUT", f"{API}/pause", None)
    assert sent(cassette, 2) == ("PUT", f"{API}/play?device_id={LAPTOP}", None)
    assert paused is not None and not paused.is_playing and paused.progress_ms == 73_512
    assert playing is not None and playing.is_playing and playing.timestamp > paused.timestamp


def test_playback_next_and_previous(player: str, cassette: Any) -> None:
    spotlite.playback_next(player)
    episode = spotlite.playback_currently_playing(player)
    spotlite.playback_next(player, device_id=LAPTOP)
    chapter = spotlite.playback_currently_playing(player)
    spotlite.playback_previous(player)
    back = spotlite.playback_currently_playing(player)
    assert [sent(cassette, i)[:2] for i in (0, 2, 4)] == [
        ("POST", f"{API}/next"), ("POST", f"{API}/next?device_id={LAPTOP}"), ("POST", f"{API}/previous"),
    ]
    assert episode is not None and isinstance(episode.item, FullEpisode) and episode.item.id == EPISODES[0]
    assert chapter is not None and isinstance(chapter.item, FullChapter) and chapter.item.id == CHAPTERS[1]
    assert back is not None and back.item == episode.item and back.progress_ms == 0


def test_playback_next_is_not_retried(player: str, cassette: Any) -> None:
    with pytest.raises(ServiceUnavailable):
        spotlite.playback_next(player, device_id=BROKEN)
    with pytest.raises(ServiceUnavailable):
        spotlite.playback_pause(player, device_id=BROKEN)
    assert [r.method for r in cassette.requests] == ["POST"] + ["PUT"] * 4  # a POST is sent once, a PUT retried


def test_playback_seek(player: str, cassette: Any) -> None:
    spotlite.playback_seek(player, 90_000)
    assert sent(cassette, 0) == ("PUT", f"{API}/seek?position_ms=90000", None)
    state = spotlite.playback(player)
    assert state is not None and state.progress_ms == 90_000
    with pytest.raises(InvalidInput, match="position_ms must be an int of 0 or more, got -1"):
        spotlite.playback_seek(player, -1)
    with pytest.raises(InvalidInput, match="got 1.5"):
        spotlite.playback_seek(player, 1.5)  # type: ignore[arg-type]
    assert len(cassette.requests) == 2


def test_playback_repeat(player: str, cassette: Any) -> None:
    spotlite.playback_repeat(player, "track", device_id=LAPTOP)
    assert sent(cassette, 0) == ("PUT", f"{API}/repeat?state=track&device_id={LAPTOP}", None)
    state = spotlite.playback(player)
    assert state is not None and state.repeat_state == "track"
    with pytest.raises(InvalidInput, match="state must be 'track', 'context' or 'off', got 'all'"):
        spotlite.playback_repeat(player, "all")
    assert len(cassette.requests) == 2


def test_playback_volume(player: str, cassette: Any) -> None:
    spotlite.playback_volume(player, 35)
    assert sent(cassette, 0) == ("PUT", f"{API}/volume?volume_percent=35", None)
    assert spotlite.playback_devices(player)[0].volume_percent == 35
    for wrong in (101, -1, True):
        with pytest.raises(InvalidInput, match="volume_percent must be an int from 0 to 100"):
            spotlite.playback_volume(player, wrong)
    assert len(cassette.requests) == 2


def test_playback_volume_refused_by_device(player: str) -> None:
    with pytest.raises(Forbidden, match="Cannot control device volume") as caught:
        spotlite.playback_volume(player, 50, device_id=PHONE)
    assert caught.value.reason == "VOLUME_CONTROL_DISALLOW"
    assert "does not allow this command" in caught.value.message


def test_playback_shuffle(player: str, cassette: Any) -> None:
    spotlite.playback_shuffle(player, True)
    on = spotlite.playback(player)
    spotlite.playback_shuffle(player, False, device_id=LAPTOP)
    off = spotlite.playback(player)
    assert sent(cassette, 0) == ("PUT", f"{API}/shuffle?state=true", None)
    assert sent(cassette, 2) == ("PUT", f"{API}/shuffle?state=false&device_id={LAPTOP}", None)
    assert on is not None and on.shuffle_state and off is not None and not off.shuffle_state
    with pytest.raises(InvalidInput, match="state must be True or False, got 'on'"):
        spotlite.playback_shuffle(player, "on")  # type: ignore[arg-type]


def test_playback_recently_played(player: str, cassette: Any) -> None:
    page = spotlite.playback_recently_played(player)
    assert sent(cassette, 0) == ("GET", f"{API}/recently-played?limit=20", None)
    assert len(page.items) == 20 and page.limit == 20 and page.total is None
    first = page.items[0]
    assert (first.played_at, first.track.id) == (datetime(2026, 11, 18, 11, 5, 10, tzinfo=UTC), FINLANDIA)
    assert first.context is not None and first.context.uri == f"spotify:album:{MAIN_ALBUM}"
    assert page.items[3].context is None and page.items[1].played_at.microsecond == 663000
    assert page.cursors is not None and page.cursors.after == "1794999910000"
    assert page.next is not None and f"before={page.cursors.before}" in page.next
    everything = list(spotlite.all_items(player, page))
    assert len(everything) == 60
    assert sent(cassette, 1)[1] == f"{API}/recently-played?before={page.cursors.before}&limit=50"
    assert everything[:20] == list(page.items)
    played = [p.played_at for p in everything]
    assert played == sorted(played, reverse=True) and len(set(played)) == 60


def test_playback_recently_played_after(player: str, cassette: Any) -> None:
    page = spotlite.playback_recently_played(player, limit=5, after=1_794_998_000_000)  # 10:33:20
    assert sent(cassette, 0)[1] == f"{API}/recently-played?limit=5&after=1794998000000"
    assert [p.played_at for p in page.items] == [
        datetime(2026, 11, 18, 10, 47, 33, 315000, tzinfo=UTC), datetime(2026, 11, 18, 10, 44, 1, tzinfo=UTC),
        datetime(2026, 11, 18, 10, 40, 30, 641000, tzinfo=UTC), datetime(2026, 11, 18, 10, 36, 59, 304000, tzinfo=UTC),
        datetime(2026, 11, 18, 10, 33, 27, tzinfo=UTC),
    ]
    assert page.cursors is not None and page.cursors.before == "1794998007000"


def test_playback_recently_played_checks_input(player: str, cassette: Any) -> None:
    with pytest.raises(InvalidInput, match="give after or before, not both"):
        spotlite.playback_recently_played(player, after=1, before=2)
    with pytest.raises(InvalidInput, match="between 1 and 50"):
        spotlite.playback_recently_played(player, limit=51)
    with pytest.raises(InvalidInput, match="before must be a time in Unix milliseconds"):
        spotlite.playback_recently_played(player, before="1794999000000")  # type: ignore[arg-type]
    assert not cassette.requests


def test_playback_queue(player: str, cassette: Any) -> None:
    queue = spotlite.playback_queue(player)
    assert sent(cassette, 0) == ("GET", f"{API}/queue", None)
    assert isinstance(queue.currently_playing, FullTrack) and queue.currently_playing.id == FINLANDIA
    assert [type(item) for item in queue.queue[:3]] == [FullEpisode, FullChapter, FullTrack]
    assert len(queue.queue) == 13
    assert queue.queue[2].name == "Valse triste, Op. 44 No. 1"


def test_playback_queue_nothing_playing(idle: str) -> None:
    queue = spotlite.playback_queue(idle)
    assert queue.currently_playing is None and queue.queue == ()


def test_playback_queue_add(player: str, cassette: Any) -> None:
    spotlite.playback_queue_add(player, f"https://open.spotify.com/track/{FINLANDIA}?si=1")
    spotlite.playback_queue_add(player, f"spotify:episode:{EPISODES[2]}", device_id=LAPTOP)
    assert sent(cassette, 0) == ("POST", f"{API}/queue?uri=spotify%3Atrack%3A{FINLANDIA}", None)
    assert sent(cassette, 1) == ("POST", f"{API}/queue?uri=spotify%3Aepisode%3A{EPISODES[2]}&device_id={LAPTOP}", None)
    queued = spotlite.playback_queue(player).queue
    assert [item.id for item in queued[:4]] == [EPISODES[0], CHAPTERS[1], FINLANDIA, EPISODES[2]]
    with pytest.raises(InvalidInput, match="is an ID alone: give the URI or URL of the track or episode"):
        spotlite.playback_queue_add(player, FINLANDIA)
    with pytest.raises(InvalidInput, match="is of kind 'album'"):
        spotlite.playback_queue_add(player, f"spotify:album:{MAIN_ALBUM}")
    assert len(cassette.requests) == 3


def test_no_active_device(idle: str) -> None:
    with pytest.raises(NotFound) as caught:
        spotlite.playback_pause(idle)
    error = caught.value
    assert (error.status, error.reason) == (404, "NO_ACTIVE_DEVICE")
    assert error.message == (
        "Player command failed: No active device found. To control playback, start Spotify on a device, "
        "or pass a device_id from playback_devices"
    )


def test_sleeping_device_is_no_active_device(player: str) -> None:
    with pytest.raises(NotFound, match="No active device found") as caught:
        spotlite.playback_start_tracks(player, [FINLANDIA], device_id=TV)
    assert caught.value.reason == "NO_ACTIVE_DEVICE"


def test_premium_required(player: str) -> None:
    with pytest.raises(Forbidden) as caught:
        spotlite.playback_next(f"{player}-free")
    assert caught.value.reason == "PREMIUM_REQUIRED"
    assert "Player commands need Spotify Premium" in str(caught.value)
    assert "user-modify-playback-state" in str(caught.value)


def test_invalid_token_names_the_scope(revoked_token: str) -> None:
    with pytest.raises(Unauthorised, match="needs the scope user-read-playback-state"):
        spotlite.playback(revoked_token)


def test_actions_keep_unknown_names() -> None:
    actions = to_model(Actions, {"disallows": {"pausing": True, "toggling_smart_shuffle": True}})
    assert actions.disallows == {"pausing": True, "toggling_smart_shuffle": True}
    assert not actions.allows("toggling_smart_shuffle") and actions.allows("seeking")
    assert to_model(Actions, {}).disallows == {} and Actions().allows("pausing")


def test_local_file_playing() -> None:
    state = to_model(CurrentlyPlayingContext, {
        "device": {"id": None, "name": "Kitchen", "type": "Speaker", "is_active": True, "is_restricted": True},
        "repeat_state": "context", "shuffle_state": True, "timestamp": 1_795_000_000_000, "is_playing": True,
        "context": None, "currently_playing_type": "track", "actions": {"disallows": {}},
        "item": {"id": None, "name": "Demo", "uri": "spotify:local:Aino::Demo:95", "is_local": True, "type": "track",
                 "artists": [{"id": None, "name": "Aino", "uri": None}], "album": {"id": None, "name": ""}},
    })
    assert isinstance(state.item, LocalTrack) and state.item.artists[0].name == "Aino"
    assert (state.device.id, state.context, state.actions.disallows, state.smart_shuffle) == (None, None, {}, None)
