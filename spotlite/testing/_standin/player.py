"""The player: /me/player and everything under it, one small stateful player per user.

Each user gets a player on first use (each placeholder token one of its own,
so a test that uses a token of its own starts from a known state):

- an ordinary token: the laptop plays Finlandia from its album, with an
  episode, a chapter and two tracks queued;
- a token with ``idle`` in it: no device is active, so reads answer 204 and
  commands 404 ``NO_ACTIVE_DEVICE`` until playback is transferred;
- a token with ``free`` in it, or a user whose product is not premium: commands
  answer 403 ``PREMIUM_REQUIRED``.

Devices: the laptop, a phone that cannot set its volume, a Connect speaker
with a null ``id`` that takes no commands, and a TV that is asleep (commands
sent to it answer 404 ``NO_ACTIVE_DEVICE``). The device ID ``BROKEN`` of the
catalogue answers 503. Recently played holds 60 tracks, newest first.
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from .bodies import MARKETS, Json, fake_id, images, links
from .catalogue import ALL_TRACKS, FINLANDIA, MAIN_ALBUM, SIBELIUS, albums, all_tracks, track_full
from .errors import special
from .server import API, Reply, Request, error, route
from .state import TOKEN, current, me


def _device_id(seed: str) -> str:
    return hashlib.sha1(seed.encode()).hexdigest()


LAPTOP = _device_id("device:laptop")
PHONE = _device_id("device:phone")
TV = _device_id("device:tv")  # listed, but asleep: commands sent to it find no active device
DEVICES: list[Json] = [
    {"id": LAPTOP, "is_active": False, "is_private_session": False, "is_restricted": False,
     "name": "Aino's MacBook Pro", "supports_volume": True, "type": "Computer", "volume_percent": 64},
    {"id": PHONE, "is_active": False, "is_private_session": False, "is_restricted": False,
     "name": "Pixel 8", "supports_volume": False, "type": "Smartphone", "volume_percent": 100},
    {"id": None, "is_active": False, "is_private_session": False, "is_restricted": True,
     "name": "Kitchen", "supports_volume": True, "type": "Speaker", "volume_percent": 28},
    {"id": TV, "is_active": False, "is_private_session": False, "is_restricted": False,
     "name": "Living Room TV", "supports_volume": True, "type": "TV", "volume_percent": None},
]

SHOW = fake_id("show:player")
EPISODES = [fake_id(f"episode:player:{n}") for n in (1, 2, 3)]
AUDIOBOOK = fake_id("audiobook:player")
CHAPTERS = [fake_id(f"chapter:player:{n}") for n in (1, 2)]
PLAYLIST = fake_id("playlist:player")
NO_ACTIVE_DEVICE = "Player command failed: No active device found"
_NOW = 1_795_000_000_000  # Unix milliseconds of the stand-in's "now" (November 2026)


def _show() -> Json:
    return {
        "available_markets": MARKETS, "copyrights": [], "description": "Finnish classical music, one work an hour.",
        "explicit": False, **links("show", SHOW), "html_description": "<p>Finnish classical music, one work an hour.</p>",
        "images": images(SHOW), "is_externally_hosted": False, "languages": ["fi"], "media_type": "audio",
        "name": "Sibelius Hour", "publisher": "Yle Klassinen", "total_episodes": len(EPISODES),
    }


def episode(ident: str) -> Json:
    n = EPISODES.index(ident) + 1
    return {
        "audio_preview_url": f"https://podz-content.spotifycdn.com/audio/clips/{ident.lower()}/clip.mp3",
        "description": f"Episode {n}: the symphonies, one by one.", "duration_ms": 3_540_000 + 1_000 * n,
        "explicit": False, **links("episode", ident), "html_description": f"<p>Episode {n}: the symphonies.</p>",
        "images": images(ident), "is_externally_hosted": False, "is_playable": True, "language": "fi",
        "languages": ["fi"], "name": f"Symphony No. {n}", "release_date": f"2026-10-0{n}",
        "release_date_precision": "day", "resume_point": {"fully_played": False, "resume_position_ms": 0},
        "show": _show(),
    }


def chapter(ident: str) -> Json:
    """A chapter as Spotify sends it: ``type`` chapter, but an episode URI and a show URI for its book."""
    n = CHAPTERS.index(ident)
    book_urls = {"external_urls": {"spotify": f"https://open.spotify.com/show/{AUDIOBOOK}"},
                 "href": f"{API}/audiobooks/{AUDIOBOOK}", "id": AUDIOBOOK, "uri": f"spotify:show:{AUDIOBOOK}"}
    return {
        "audio_preview_url": None, "chapter_number": n, "description": "", "duration_ms": 23_000 + 1_200_000 * n,
        "explicit": False, "external_urls": {"spotify": f"https://open.spotify.com/episode/{ident}"},
        "href": f"{API}/chapters/{ident}", "html_description": "", "id": ident, "images": images(AUDIOBOOK),
        "is_playable": True, "languages": ["fi"], "name": ["Opening Credits", "Chapter 1: Ainola"][n],
        "release_date": "2021-05-14", "release_date_precision": "day",
        "resume_point": {"fully_played": False, "resume_position_ms": 0}, "type": "chapter",
        "uri": f"spotify:episode:{ident}",
        "audiobook": {
            **book_urls, "authors": [{"name": "Tapio Laine"}], "copyrights": [], "edition": "Unabridged",
            "explicit": False, "images": images(AUDIOBOOK), "languages": ["fi"], "media_type": "audio",
            "name": "The Silence of Ainola", "narrators": [{"name": "Aino Virtanen"}], "publisher": "Otava",
            "total_chapters": len(CHAPTERS), "type": "audiobook",
        },
    }


def _context(kind: str, ident: str) -> Json:
    """What playback started from; an audiobook shows as a show, as Spotify reports it."""
    shown = "show" if kind == "audiobook" else kind
    return {"external_urls": {"spotify": f"https://open.spotify.com/{shown}/{ident}"},
            "href": f"{API}/{shown}s/{ident}", "type": shown, "uri": f"spotify:{shown}:{ident}"}


def _album_tracks(ident: str) -> list[Json]:
    return [t for t in (track_full(x["id"]) for x in albums()[ident][1]) if t]


def _item(uri: str) -> Json | None:
    """The track, episode or chapter of a URI, or None when the stand-in knows none."""
    _, kind, ident = (uri.split(":") + ["", ""])[:3]
    if kind == "track":
        return track_full(ident)
    if kind == "episode" and ident in EPISODES:
        return episode(ident)
    if kind == "episode" and ident in CHAPTERS:
        return chapter(ident)
    return None


def _context_items(uri: str) -> tuple[Json, list[Json]] | None:
    """The context and its items for a context URI, or None for an unknown one."""
    _, kind, ident = (uri.split(":") + ["", ""])[:3]
    if kind == "album" and ident in albums():
        return _context("album", ident), _album_tracks(ident)
    if kind == "artist" and ident == SIBELIUS:
        return _context("artist", ident), [t for t in all_tracks() if t["artists"][0]["id"] == SIBELIUS][:10]
    if kind == "show" and ident == SHOW:
        return _context("show", ident), [episode(e) for e in EPISODES]
    if kind == "show" and ident == AUDIOBOOK:
        return _context("audiobook", ident), [chapter(c) for c in CHAPTERS]
    if kind == "playlist" and ident == PLAYLIST:
        return _context("playlist", ident), [track_full(FINLANDIA) or {}, episode(EPISODES[1])]
    return None


@dataclass
class Player:
    devices: list[Json]
    active: int | None  # index into devices
    item: Json | None
    context: Json | None
    is_playing: bool
    progress_ms: int = 0
    repeat_state: str = "off"
    shuffle_state: bool = False
    clock: int = _NOW
    queue: list[Json] = field(default_factory=list)  # what the user queued
    upcoming: list[Json] = field(default_factory=list)  # the rest of the context
    played: list[Json] = field(default_factory=list)  # for "previous"

    def tick(self) -> None:
        self.clock += 1_000

    def play(self, items: list[Json], start: int, context: Json | None, position_ms: int) -> None:
        self.item, self.upcoming, self.context = items[start], items[start + 1:], context
        self.played, self.progress_ms, self.is_playing = items[:start], position_ms, True

    def skip(self) -> None:
        if self.item is not None:
            self.played.append(self.item)
        following = self.queue or self.upcoming
        self.item = following.pop(0) if following else None
        self.progress_ms = 0


def _player(request: Request) -> Player:
    """The player of the request's user (of its token, for a placeholder token)."""
    key = request.headers.get("Authorization", "")
    key = me() if TOKEN.get() in current().tokens else key
    players = current().players
    if key not in players:
        album = _album_tracks(MAIN_ALBUM)
        player = Player(devices=copy.deepcopy(current().devices), active=0, item=None, context=None, is_playing=False)
        player.play(album, 0, _context("album", MAIN_ALBUM), 73_512)
        player.queue = [episode(EPISODES[0]), chapter(CHAPTERS[1])]
        if "idle" in key:
            player.active, player.is_playing = None, False
        players[key] = player
    return players[key]


def _kind(item: Json) -> str:
    return "track" if item["type"] == "track" else "episode"


def _state(player: Player, request: Request, *, with_device: bool) -> Reply | Json:
    if player.active is None or player.item is None:
        return Reply(204)
    item = player.item
    hidden = _kind(item) == "episode" and "episode" not in request.query.get("additional_types", "")
    disallows = {"resuming" if player.is_playing else "pausing": True}
    if not player.played:
        disallows["skipping_prev"] = True
    if _kind(item) == "episode":
        disallows.update(toggling_repeat_track=True, toggling_shuffle=True)
    body: Json = {
        "timestamp": player.clock, "context": player.context, "progress_ms": player.progress_ms,
        "item": None if hidden else item, "currently_playing_type": _kind(item),
        "actions": {"disallows": disallows}, "is_playing": player.is_playing,
    }
    if with_device:
        device = {**player.devices[player.active], "is_active": True}
        body = {"device": device, "shuffle_state": player.shuffle_state, "smart_shuffle": False,
                "repeat_state": player.repeat_state, **body}
    return body


@route("GET", r"/v1/me/player")
def get_playback(request: Request) -> Reply | Json:
    return _state(_player(request), request, with_device=True)


@route("GET", r"/v1/me/player/currently-playing")
def get_currently_playing(request: Request) -> Reply | Json:
    return _state(_player(request), request, with_device=False)


@route("GET", r"/v1/me/player/devices")
def get_devices(request: Request) -> Reply | Json:
    player = _player(request)
    return {"devices": [{**d, "is_active": i == player.active} for i, d in enumerate(player.devices)]}


@route("GET", r"/v1/me/player/queue")
def get_queue(request: Request) -> Reply | Json:
    player = _player(request)
    if player.active is None:
        return {"currently_playing": None, "queue": []}
    return {"currently_playing": player.item, "queue": (player.queue + player.upcoming)[:20]}


def _refused(request: Request, player: Player, device_id: str | None) -> Reply | None:
    """The error of a command the player cannot take, or None; on success ``device_id`` becomes active."""
    if "free" in request.headers.get("Authorization", "") or current().users[me()]["product"] != "premium":
        return error(403, "Player command failed: Premium required", "PREMIUM_REQUIRED")
    if device_id is None:
        return None if player.active is not None else error(404, NO_ACTIVE_DEVICE, "NO_ACTIVE_DEVICE")
    if reply := special(device_id, request.path):
        return reply
    if device_id == TV:
        return error(404, NO_ACTIVE_DEVICE, "NO_ACTIVE_DEVICE")
    ids = [d["id"] for d in player.devices]
    if device_id not in ids:
        return error(404, "Device not found")
    player.active = ids.index(device_id)
    return None


def command(method: str, path: str) -> Callable[[Callable[[Player, Request], Reply | None]], Any]:
    """Register a player command: checks token, Premium and device, then runs; 204 unless it says otherwise."""

    def register(run: Callable[[Player, Request], Reply | None]) -> Any:
        @route(method, r"/v1/me/player" + path)
        def handler(request: Request) -> Reply:
            player = _player(request)
            if reply := _refused(request, player, request.query.get("device_id")):
                return reply
            player.tick()
            return run(player, request) or Reply(204)

        return handler

    return register


@route("PUT", r"/v1/me/player")
def transfer(request: Request) -> Reply:
    player = _player(request)
    body = request.json() or {}
    ids = body.get("device_ids")
    if not isinstance(ids, list) or len(ids) != 1:
        return error(400, "Only one device id can be specified" if ids else "Required field device_ids missing")
    if reply := _refused(request, player, ids[0]):
        return reply
    player.tick()
    player.is_playing = player.is_playing or body.get("play") is True
    return Reply(204)


@command("PUT", "/play")
def start(player: Player, request: Request) -> Reply | None:
    body = request.json()
    if not body:
        if player.item is None:
            return error(403, "Player command failed: Restriction violated", "UNKNOWN")
        player.is_playing = True
        return None
    context: Json | None = None
    if "uris" in body:
        found = [_item(uri) for uri in body["uris"]]
        if not all(found):
            return error(400, "Invalid track uri")
        items = [f for f in found if f]
    else:
        known = _context_items(body.get("context_uri", ""))
        if known is None:
            return error(404, "Context not found")
        context, items = known
    offset = body.get("offset", {"position": 0})
    uris = [i["uri"] for i in items]
    start_at = uris.index(offset["uri"]) if offset.get("uri") in uris else offset.get("position", -1)
    if not 0 <= start_at < len(items):
        return error(400, "Invalid offset")
    player.play(items, start_at, context, body.get("position_ms", 0))
    return None


@command("PUT", "/pause")
def pause(player: Player, request: Request) -> None:
    player.is_playing = False


@command("POST", "/next")
def skip_next(player: Player, request: Request) -> None:
    player.skip()


@command("POST", "/previous")
def skip_previous(player: Player, request: Request) -> None:
    if player.played and player.item is not None:
        player.upcoming.insert(0, player.item)
        player.item = player.played.pop()
    player.progress_ms = 0


@command("PUT", "/seek")
def seek(player: Player, request: Request) -> Reply | None:
    position = int(request.query.get("position_ms", -1))
    if position < 0:
        return error(400, "Missing or invalid position_ms")
    if player.item is not None and position >= player.item["duration_ms"]:
        player.skip()
    else:
        player.progress_ms = position
    return None


@command("PUT", "/repeat")
def repeat(player: Player, request: Request) -> Reply | None:
    state = request.query.get("state")
    if state not in ("track", "context", "off"):
        return error(400, "Invalid repeat state")
    player.repeat_state = state
    return None


@command("PUT", "/volume")
def volume(player: Player, request: Request) -> Reply | None:
    percent = int(request.query.get("volume_percent", -1))
    if not 0 <= percent <= 100:
        return error(400, "Invalid volume percent")
    assert player.active is not None
    device = player.devices[player.active]
    if not device["supports_volume"]:
        return error(403, "Player command failed: Cannot control device volume", "VOLUME_CONTROL_DISALLOW")
    device["volume_percent"] = percent
    return None


@command("PUT", "/shuffle")
def shuffle(player: Player, request: Request) -> Reply | None:
    state = request.query.get("state")
    if state not in ("true", "false"):
        return error(400, "Invalid shuffle state")
    player.shuffle_state = state == "true"
    return None


@command("POST", "/queue")
def add_to_queue(player: Player, request: Request) -> Reply | None:
    item = _item(request.query.get("uri", ""))
    if item is None:
        return error(400, "Invalid uri")
    player.queue.append(item)
    return None


def _played_at(ms: int) -> str:
    """ISO 8601, with milliseconds unless they are zero (real answers have both)."""
    moment = datetime.fromtimestamp(ms // 1000, timezone.utc)
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    return text + (f".{ms % 1000:03d}Z" if ms % 1000 else "Z")


def _history() -> list[tuple[int, Json]]:
    """60 plays, newest first, each a track with its context (None for every seventh)."""
    plays = []
    for n in range(60):
        at = _NOW - 90_000 - 211_337 * n
        at -= 0 if n % 3 else at % 1_000  # every third on a whole second
        track = ALL_TRACKS[n % len(ALL_TRACKS)]
        context = None if n % 7 == 3 else _context("album", track["album"]["id"])
        plays.append((at, {"track": track, "played_at": _played_at(at), "context": context}))
    return plays


HISTORY = _history()


@route("GET", r"/v1/me/player/recently-played")
def recently_played(request: Request) -> Reply | Json:
    q = request.query
    limit = int(q.get("limit", 20))
    if "after" in q and "before" in q:
        return error(400, "Only one of after and before may be given")
    if not 1 <= limit <= 50:
        return error(400, "Invalid limit")
    if "after" in q:
        plays = [p for p in HISTORY if p[0] > int(q["after"])][-limit:]
    else:
        plays = [p for p in HISTORY if p[0] < int(q.get("before", _NOW))][:limit]
    asked = "&".join(f"{k}={v}" for k, v in q.items())
    cursors = {"after": str(plays[0][0]), "before": str(plays[-1][0])} if plays else None
    older = bool(plays) and plays[-1][0] > HISTORY[-1][0]
    return {
        "items": [p[1] for p in plays],
        "next": f"{API}/me/player/recently-played?before={plays[-1][0]}&limit={limit}" if older else None,
        "cursors": cursors, "limit": limit, "href": f"{API}/me/player/recently-played?{asked}",
    }
