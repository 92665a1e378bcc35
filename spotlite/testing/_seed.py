"""Seeding a fake: users, artists, albums, tracks, playlists, devices and saved items, from arguments or JSON."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta, timezone
from typing import Any

from ._standin.bodies import Json, fake_id, full_artist, simple_album, simple_artist, simple_track
from ._standin.playlists import Playlist
from ._standin.profiles import profile
from ._standin.state import State, saved, serving

_KINDS = ("track", "album", "episode", "show", "audiobook", "playlist")


def _now(state: State) -> str:
    return datetime.fromtimestamp(state.clock, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def add_user(state: State, user_id: str, display_name: str | None, *, product: str, country: str,
             email: str | None, followers: int) -> str:
    with state.lock:
        state.users[user_id] = profile(user_id, display_name, followers=followers, country=country, email=email,
                                       product=product)
    return user_id


def add_artist(state: State, name: str, *, artist_id: str | None = None, genres: Sequence[str] = (),
               followers: int = 0, popularity: int = 50) -> str:
    ident = artist_id or fake_id(f"artist:{name}")
    with state.lock:
        state.artists.setdefault(ident, full_artist(ident, name, list(genres), followers, popularity))
    return ident


def _credits(state: State, artists: Sequence[str]) -> list[Json]:
    """Simple artists of IDs the fake knows, or of names (new artists for names it does not know)."""
    found = []
    for each in artists:
        ident = each if each in state.artists else add_artist(state, each)
        found.append(simple_artist(ident, state.artists[ident]["name"]))
    return found


def add_album(state: State, name: str, tracks: Sequence[str], *, artists: Sequence[str], album_id: str | None,
              album_type: str, release_date: str) -> str:
    ident = album_id or fake_id(f"album:{name}")
    with state.lock:
        credit = _credits(state, artists)
        album = simple_album(ident, name, credit, album_type=album_type, release_date=release_date,
                             total_tracks=len(tracks))
        listed = [simple_track(fake_id(f"track:{ident}:{n}"), title, credit, n, 180_000 + 1_000 * n)
                  for n, title in enumerate(tracks, 1)]
        state.albums[ident] = (album, listed)
    return ident


def add_track(state: State, name: str, *, artists: Sequence[str], album: str | None, duration_ms: int,
              track_id: str | None) -> str:
    ident = track_id or fake_id(f"track:{name}:{album or ''}")
    with state.lock:
        if album is None:
            add_album(state, name, [], artists=artists, album_id=fake_id(f"album:single:{ident}"), album_type="single",
                      release_date="2026-01-16")
            album = fake_id(f"album:single:{ident}")
        simple, listed = state.albums[album]
        credit = _credits(state, artists) if artists else simple["artists"]
        listed.append(simple_track(ident, name, credit, len(listed) + 1, duration_ms))
        simple["total_tracks"] = len(listed)
    return ident


def add_playlist(state: State, name: str, uris: Sequence[str], *, owner: str | None, public: bool,
                 collaborative: bool, description: str) -> str:
    from ._standin.playlists import _entries, _item

    owner = owner or state.me
    ident = fake_id(f"playlist:{owner}:{name}:seeded:{len(state.playlists)}")
    with serving(state):
        items = [_item(uri) for uri in uris]
    unknown = [uri for uri, item in zip(uris, items) if item is None]
    if unknown:
        raise ValueError(f"the fake knows no track or episode {unknown[0]}: add it first")
    with state.lock:
        start = datetime.fromtimestamp(state.clock, timezone.utc).replace(tzinfo=None) - timedelta(days=30)
        state.playlists[ident] = Playlist(id=ident, name=name, owner=owner, description=description, public=public,
                                          collaborative=collaborative, entries=_entries(items, start, owner),
                                          followers={owner})
    return ident


def add_device(state: State, name: str, *, device_type: str, volume_percent: int | None,
               device_id: str | None) -> str:
    ident = device_id or hashlib.sha1(f"device:{name}".encode()).hexdigest()
    device = {"id": ident, "is_active": False, "is_private_session": False, "is_restricted": False, "name": name,
              "supports_volume": volume_percent is not None, "type": device_type, "volume_percent": volume_percent}
    with state.lock:
        state.devices.append(device)
        for player in state.players.values():
            player.devices.append(dict(device))
    return ident


def save(state: State, uris: Iterable[str], user: str) -> None:
    from ._standin.follow import follow, known_artists

    with serving(state, user):
        for uri in uris:
            parts = uri.split(":")
            if len(parts) != 3 or parts[0] != "spotify":
                raise ValueError(f"not a Spotify URI: {uri!r}")
            _, kind, ident = parts
            if kind == "artist" and ident not in known_artists():
                raise ValueError(f"the fake knows no artist {ident}: add it first (add_artist)")
            if kind in ("artist", "user"):
                follow(kind, ident)
            elif kind in _KINDS:
                saved(kind).setdefault(ident, _now(state))
            else:
                raise ValueError(f"{uri!r} cannot be saved: save a {', '.join(_KINDS)}, artist or user")


def add(state: State, body: Mapping[str, Any]) -> list[str]:
    """The IDs of what ``body`` holds, added."""
    if "items" in body and isinstance(body["items"], list):  # a page
        return [i for item in body["items"] if isinstance(item, Mapping) for i in add(state, item)]
    if isinstance(body.get("devices"), list):  # GET /me/player/devices
        return [add_device(state, d["name"], device_type=d.get("type") or "Computer", volume_percent=d.get(
            "volume_percent"), device_id=d.get("id")) for d in body["devices"]]
    saved = next((key for key in ("track", "album") if isinstance(body.get(key), Mapping)), None)
    if saved and "added_at" in body:  # a saved item of GET /me/tracks or /me/albums
        ids = add(state, body[saved])
        with state.lock:
            state.saved.setdefault(saved, {})[ids[0]] = body["added_at"]
        return ids
    kind = body.get("type")
    if kind is None:  # an answer wrapping lists ({"tracks": [...]}) or a saved entry ({"added_at", "track"})
        wrapped = [v for v in body.values() if isinstance(v, (Mapping, list))]
        return [i for v in wrapped for item in (v if isinstance(v, list) else [v])
                if isinstance(item, Mapping) for i in add(state, item)]
    adders = {"track": _add_track_body, "album": _add_album_body, "artist": _add_artist_body,
              "playlist": _add_playlist_body, "user": _add_user_body}
    if kind not in adders:
        raise ValueError(f"the fake cannot add a {kind!r}: add tracks, albums, artists, playlists or users")
    return adders[kind](state, dict(body))


def _add_artist_body(state: State, body: Json) -> list[str]:
    followers = (body.get("followers") or {}).get("total") or 0
    add_artist(state, body["name"], artist_id=body["id"], genres=body.get("genres") or (), followers=followers,
               popularity=body.get("popularity") or 0)
    return [body["id"]]


def _credit_ids(state: State, artists: Iterable[Json]) -> list[str]:
    return [a["id"] for a in artists if a.get("id") and (a["id"] in state.artists or _add_artist_body(state, a))]


def _add_album_body(state: State, body: Json) -> list[str]:
    ident = body["id"]
    _credit_ids(state, body.get("artists") or [])
    simple = {k: v for k, v in body.items() if k not in ("tracks", "copyrights", "external_ids", "genres", "label",
                                                          "popularity")}
    with state.lock:
        known = state.albums.get(ident, (simple, []))[1]
        tracks = (body.get("tracks") or {}).get("items") or []
        state.albums[ident] = (simple, known + [t for t in tracks if t["id"] not in {k["id"] for k in known}])
    return [ident]


def _add_track_body(state: State, body: Json) -> list[str]:
    album = body.get("album")
    if not body.get("id") or not album or not album.get("id"):
        raise ValueError("the fake can add a track with an ID and an album (a full track, as GET /tracks/{id} sends)")
    _credit_ids(state, body.get("artists") or [])
    if album["id"] not in state.albums:
        _add_album_body(state, {**album, "tracks": {"items": []}})
    simple = {k: v for k, v in body.items() if k not in ("album", "external_ids", "popularity")}
    with state.lock:
        listed = state.albums[album["id"]][1]
        if all(t["id"] != body["id"] for t in listed):
            listed.append(simple)
    return [body["id"]]


def _add_playlist_body(state: State, body: Json) -> list[str]:
    page = body.get("items") or body.get("tracks") or {}
    entries = page.get("items") if isinstance(page, Mapping) else None
    for entry in entries or []:
        item = entry.get("item") or entry.get("track")
        if item and item.get("type") == "track" and item.get("id"):
            _add_track_body(state, item)
    uris = [(e.get("item") or e.get("track") or {}).get("uri") for e in entries or []]
    owner = (body.get("owner") or {}).get("id") or state.me
    if owner not in state.users:
        add_user(state, owner, (body.get("owner") or {}).get("display_name"), product="premium", country="FI",
                 email=None, followers=0)
    ident = add_playlist(state, body["name"], [u for u in uris if u and u.startswith("spotify:track:")],
                         owner=owner, public=bool(body.get("public", True)),
                         collaborative=bool(body.get("collaborative")), description=body.get("description") or "")
    with state.lock:
        playlist = state.playlists.pop(ident)
        playlist.id = body["id"]
        state.playlists[body["id"]] = playlist
    return [body["id"]]


def _add_user_body(state: State, body: Json) -> list[str]:
    followers = (body.get("followers") or {}).get("total") or 0
    add_user(state, body["id"], body.get("display_name"), product=body.get("product") or "premium",
             country=body.get("country") or "FI", email=body.get("email"), followers=followers)
    return [body["id"]]
