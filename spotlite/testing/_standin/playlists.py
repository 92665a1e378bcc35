"""Playlists: /playlists/{id} with its /items, /images and /followers, /me/playlists,
/users/{id}/playlists, and creating playlists.

The playlists at the start:

- ``EVENINGS``: the user's own, answered in the 2026 shape (``items``/``item``);
  136 entries, among them a local file (index 2), an episode (index 4) and an
  item Spotify no longer has (``item: null``, index 6).
- ``ESSENTIALS``: the user's own, answered in the pre-2026 shape
  (``tracks``/``track``): the 12 tracks of the main album.
- ``ORCHESTRA_PICKS``: another user's, followed by the user: answered without
  items (2026 rule), and 403 from its /items.
- ``SOCIETY_PICKS``: another user's (no display name), not followed.
- ``FLAKY``: the user's own; each kind of items write answers 503 once.

Writes really change the playlists and give a new snapshot ID; a write naming
a snapshot ID other than the current one is refused (400), so a client that
does not chain snapshot IDs fails.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import itertools
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from .bodies import Json, fake_id, int_arg, local_track, page, window
from .catalogue import ALBUMS, ALL_TRACKS, FLAKY, MAIN_ALBUM, track_full
from .errors import special
from .podcasts import HALF_HEARD, episode_full
from .server import API, Reply, Request, error, route
from .state import current, display_name, has_scope, me
from .users import ME

EVENINGS = fake_id("playlist:evenings")
ESSENTIALS = fake_id("playlist:essentials")
ORCHESTRA_PICKS = fake_id("playlist:orchestra-picks")
SOCIETY_PICKS = fake_id("playlist:society-picks")
ORCHESTRA, SOCIETY = "lahtisymphony", "sibelius.society"
LOCAL_URI = "spotify:local:Aino+Virtanen:Home+Recordings:Midsummer+Waltz:214"
MAX_COVER = 256 * 1024


@dataclass
class Playlist:
    """A playlist's state; ``entries`` hold ``added_at``, ``added_by`` and ``item``."""

    id: str
    name: str
    owner: str
    description: str | None = ""
    public: bool | None = True
    collaborative: bool = False
    entries: list[Json] = field(default_factory=list)
    old_shape: bool = False  # answer with tracks/track instead of items/item
    followers: set[str] = field(default_factory=set)
    images: list[Json] | None = field(default_factory=list)
    version: int = 1

    @property
    def snapshot(self) -> str:
        return base64.b64encode(hashlib.sha256(f"{self.id}:{self.version}".encode()).digest()[:24]).decode()

    @property
    def mine(self) -> bool:
        return self.owner == me() or self.collaborative

    @property
    def key(self) -> str:
        return "tracks" if self.old_shape else "items"


def _user(ident: str) -> Json:
    return {"external_urls": {"spotify": f"https://open.spotify.com/user/{ident}"},
            "href": f"{API}/users/{ident}", "id": ident, "type": "user", "uri": f"spotify:user:{ident}"}


def _mosaic(seed: str) -> list[Json]:
    return [{"height": s, "url": f"https://mosaic.scdn.co/{s}/ab67616d0000b273{fake_id(seed).lower()[:24]}",
             "width": s} for s in (640, 300, 60)]


def _cover(seed: str) -> list[Json]:
    """An uploaded cover: Spotify knows no size for it."""
    return [{"height": None, "url": f"https://image-cdn-fa.spotifycdn.com/image/ab67706c0000da84{seed}",
             "width": None}]


def _track(ident: str) -> Json | None:
    """A track as a playlist entry holds it, in the development-mode shape (no
    market lists): the 2026 ``/items`` endpoint serves mostly such apps."""
    track = track_full(ident)
    if track is None:
        return None
    album = {k: v for k, v in track["album"].items() if k != "available_markets"}
    shape = {k: v for k, v in track.items() if k not in ("available_markets", "popularity")}
    return {**shape, "album": album, "episode": False, "track": True}


def _episode(ident: str) -> Json | None:
    episode = episode_full(ident)
    return None if episode is None else {**episode, "episode": True, "track": False}


def _item(uri: str) -> Json | None:
    """The item of a track or episode URI, or None when there is none."""
    _, kind, ident = (uri.split(":") + ["", ""])[:3]
    return _track(ident) if kind == "track" else _episode(ident) if kind == "episode" else None


def _entries(items: list[Json | None], start: datetime, added_by: str) -> list[Json]:
    return [{"added_at": (start + timedelta(hours=7 * n)).strftime("%Y-%m-%dT%H:%M:%SZ"), "added_by": added_by,
             "item": item} for n, item in enumerate(items)]


_TRACKS = [_track(t["id"]) for t in ALL_TRACKS]
_LOCAL = local_track("Midsummer Waltz", "Aino Virtanen", "Home Recordings", 214_000)
_EVENING_ITEMS = [*_TRACKS[:2], _LOCAL, _TRACKS[2], _episode(HALF_HEARD), _TRACKS[3], None, *_TRACKS[4:],
                  *_TRACKS[:60]]
PLAYLISTS: dict[str, Playlist] = {p.id: p for p in (
    Playlist(id=EVENINGS, name="Finnish Evenings", owner=ME, description="Slow music for long light evenings",
             entries=_entries(_EVENING_ITEMS, datetime(2025, 1, 5, 20), ME),
             followers={ME, ORCHESTRA, SOCIETY}, images=_mosaic("evenings"), version=212),
    Playlist(id=ESSENTIALS, name="Sibelius Essentials", owner=ME, description="The best of Jean Sibelius",
             entries=_entries([_track(t["id"]) for t in ALBUMS[MAIN_ALBUM][1]], datetime(2019, 3, 2, 9), ME),
             old_shape=True, followers={ME, SOCIETY}, images=_cover("5f1e2d3c4b5a69788796a5b4"), version=14),
    Playlist(id=ORCHESTRA_PICKS, name="Orchestra Picks", owner=ORCHESTRA, description="Chosen by the musicians",
             public=None, entries=_entries(_TRACKS[12:32],
                                           datetime(2024, 6, 1, 12), ORCHESTRA),
             followers={ME, ORCHESTRA}, images=None, version=40),
    Playlist(id=SOCIETY_PICKS, name="Society Picks", owner=SOCIETY, description=None,
             entries=_entries(_TRACKS[:5], datetime(2023, 9, 20, 8), SOCIETY),
             followers={SOCIETY}, images=_mosaic("society"), version=7),
    Playlist(id=FLAKY, name="Flaky", owner=ME, public=False, entries=[], version=3),
)}


def _shaped(item: Json | None, types: list[str]) -> Json | None:
    """An item as asked: an episode without ``episode`` in additional_types comes track-shaped."""
    if item is None or item["type"] != "episode" or "episode" in types:
        return item
    show = item["show"]
    show_ref = {"external_urls": show["external_urls"], "href": show["href"], "id": show["id"],
                "name": show["name"], "type": "show", "uri": show["uri"]}
    return {**{k: v for k, v in item.items() if k != "show"}, "album": {**show_ref, "album_type": None},
            "artists": [show_ref], "disc_number": 0, "track_number": 0, "popularity": 0, "external_ids": {},
            "is_local": False, "preview_url": item["audio_preview_url"], "track": True}


def _entry(p: Playlist, entry: Json, types: list[str]) -> Json:
    item = entry["item"]
    return {"added_at": entry["added_at"], "added_by": _user(entry["added_by"]),
            "is_local": bool(item and item.get("is_local")),
            "primary_color": None, "track" if p.old_shape else "item": _shaped(item, types),
            "video_thumbnail": {"url": None}}


def _items_page(p: Playlist, offset: int, limit: int, types: list[str]) -> Json:
    entries = [_entry(p, e, types) for e in window(p.entries, offset, limit)]
    extra = {"additional_types": ",".join(types)} if types else {}
    return page(f"/playlists/{p.id}/{p.key}", entries, offset, limit, len(p.entries), **extra)


def _owner(ident: str) -> Json:
    return {"display_name": display_name(ident), **_user(ident)}


def _simple(p: Playlist) -> Json:
    body = {
        "collaborative": p.collaborative, "description": p.description,
        "external_urls": {"spotify": f"https://open.spotify.com/playlist/{p.id}"},
        "href": f"{API}/playlists/{p.id}", "id": p.id, "images": p.images, "name": p.name,
        "owner": _owner(p.owner), "primary_color": None, "public": p.public, "snapshot_id": p.snapshot,
        "type": "playlist", "uri": f"spotify:playlist:{p.id}",
    }
    if p.mine:
        body[p.key] = {"href": f"{API}/playlists/{p.id}/{p.key}", "total": len(p.entries)}
    return body


def _full(p: Playlist, types: list[str]) -> Json:
    body = {**_simple(p), "followers": {"href": None, "total": len(p.followers)}, "images": p.images or []}
    if p.mine:
        body[p.key] = _items_page(p, 0, 100, types)
    return body


def _types(request: Request) -> list[str]:
    return [t for t in request.query.get("additional_types", "").split(",") if t]


def parse_fields(text: str) -> Json:
    """Spotify's ``fields`` filter as a tree: ``"name,items(item(name))"`` -> ``{name: {}, items: {item: {name: {}}}}``."""
    tree, _ = _group(text, 0)
    return tree


def _group(text: str, i: int) -> tuple[Json, int]:
    tree: Json = {}
    while i < len(text) and text[i] != ")":
        node = tree
        while True:
            j = i
            while j < len(text) and text[j] not in ",().":
                j += 1
            node, i = node.setdefault(text[i:j], {}), j
            if i < len(text) and text[i] == ".":
                i += 1
                continue
            break
        if i < len(text) and text[i] == "(":
            sub, i = _group(text, i + 1)
            node.update(sub)
            i += 1
        if i < len(text) and text[i] == ",":
            i += 1
    return tree, i


def pick(value: Any, tree: Json) -> Any:
    """``value`` cut down to the fields of ``tree``."""
    if not tree:
        return value
    if isinstance(value, list):
        return [pick(v, tree) for v in value]
    if isinstance(value, dict):
        return {k: pick(value[k], sub) for k, sub in tree.items() if k in value}
    return value


def _answer(body: Json, request: Request) -> Json:
    fields = request.query.get("fields")
    return pick(body, parse_fields(fields)) if fields else body


def _found(request: Request) -> Playlist | Reply:
    ident = request.params["id"]
    return current().playlists.get(ident) or error(404, "Resource not found")


def _writable(request: Request, body_snapshot: str | None = None) -> Playlist | Reply:
    p = _found(request)
    if isinstance(p, Reply):
        return p
    if not p.mine:
        return error(403, "You cannot change a playlist you do not own or collaborate on")
    if not has_scope("playlist-modify-public" if p.public else "playlist-modify-private"):
        return error(403, "Insufficient client scope")
    if body_snapshot is not None and body_snapshot != p.snapshot:
        return error(400, "Invalid snapshot id")
    return p


def _changed(p: Playlist, status: int = 200) -> Reply:
    p.version += 1
    return Reply(status, {"snapshot_id": p.snapshot})


@route("GET", r"/v1/playlists/(?P<id>[^/]+)")
def get_playlist(request: Request) -> Any:
    if reply := special(request.params["id"], request.path):
        return reply
    p = _found(request)
    return p if isinstance(p, Reply) else _answer(_full(p, _types(request)), request)


@route("GET", r"/v1/playlists/(?P<id>[^/]+)/items")
def get_items(request: Request) -> Any:
    p = _found(request)
    if isinstance(p, Reply):
        return p
    if not p.mine:
        return error(403, "Forbidden")
    offset, limit = int_arg(request.query, "offset", 0), int_arg(request.query, "limit", 20)
    if not 1 <= limit <= 50:
        return error(400, "Invalid limit")
    return _answer(_items_page(p, offset, limit, _types(request)), request)


def _create(request: Request, owner: str) -> Reply:
    body = request.json() or {}
    if not body.get("name"):
        return error(400, "Missing required field: name")
    if not has_scope("playlist-modify-public" if body.get("public", True) else "playlist-modify-private"):
        return error(403, "Insufficient client scope")
    ident = fake_id(f"playlist:{owner}:{body['name']}")
    for n in itertools.count(2):  # another playlist of the same name: another ID
        if ident not in current().playlists:
            break
        ident = fake_id(f"playlist:{owner}:{body['name']}:{n}")
    p = Playlist(id=ident, name=body["name"], owner=owner, description=body.get("description") or None,
                 public=body.get("public", True), collaborative=body.get("collaborative", False),
                 followers={owner})
    current().playlists[ident] = p
    return Reply(201, _full(p, []))


@route("POST", r"/v1/me/playlists")
def create_playlist(request: Request) -> Any:
    return _create(request, me())


@route("POST", r"/v1/users/(?P<user>[^/]+)/playlists")
def create_playlist_for_user(request: Request) -> Any:
    if request.params["user"] != me():
        return error(403, "You cannot create a playlist for another user.")
    return _create(request, me())


@route("PUT", r"/v1/playlists/(?P<id>[^/]+)")
def change_details(request: Request) -> Any:
    p = _writable(request)
    if isinstance(p, Reply):
        return p
    body = request.json() or {}
    for key in ("name", "public", "collaborative", "description"):
        if key in body:
            setattr(p, key, body[key])
    p.version += 1
    return Reply(200)


def _items_of(uris: list[str]) -> list[Json | None] | Reply:
    if len(uris) > 100:
        return error(400, "You can add a maximum of 100 tracks per request.")
    items = [_item(uri) for uri in uris]
    bad = [uri for uri, item in zip(uris, items) if item is None]
    return error(400, f"Invalid track uri: {bad[0]}") if bad else items


@route("POST", r"/v1/playlists/(?P<id>[^/]+)/items")
def add_items(request: Request) -> Any:
    p, body = _writable(request), request.json() or {}
    if isinstance(p, Reply):
        return p
    items = _items_of(body.get("uris", []))
    if isinstance(items, Reply):
        return items
    position = body.get("position", len(p.entries))
    if not 0 <= position <= len(p.entries):
        return error(400, "Index out of bounds")
    p.entries[position:position] = _entries(items, datetime(2026, 3, 1, 18) + timedelta(minutes=p.version), me())
    return _changed(p, 201)


@route("PUT", r"/v1/playlists/(?P<id>[^/]+)/items")
def replace_or_reorder(request: Request) -> Any:
    body = request.json() or {}
    kind = "replace" if "uris" in body else "reorder"
    if reply := special(request.params["id"], f"{kind}:{request.path}"):
        return reply
    p = _writable(request, body.get("snapshot_id"))
    if isinstance(p, Reply):
        return p
    if "uris" in body and "range_start" in body:
        return error(400, "Cannot replace and reorder in one request")
    if "uris" in body:
        items = _items_of(body["uris"])
        if isinstance(items, Reply):
            return items
        p.entries = _entries(items, datetime(2026, 2, 1, 12) + timedelta(minutes=p.version), me())
        return _changed(p)
    start, before, length = body["range_start"], body["insert_before"], body.get("range_length", 1)
    if start + length > len(p.entries) or before > len(p.entries):
        return error(400, "Index out of bounds")
    moved, rest = p.entries[start:start + length], p.entries[:start] + p.entries[start + length:]
    at = before if before <= start else before - length
    p.entries = rest[:at] + moved + rest[at:]
    return _changed(p)


@route("DELETE", r"/v1/playlists/(?P<id>[^/]+)/items")
def remove_items(request: Request) -> Any:
    body = request.json() or {}
    p = _writable(request, body.get("snapshot_id"))
    if isinstance(p, Reply):
        return p
    if "items" not in body:
        return error(400, "Missing required field: items")
    if len(body["items"]) > 100:
        return error(400, "You can remove a maximum of 100 tracks per request.")
    gone = {each["uri"] for each in body["items"]}
    p.entries = [e for e in p.entries if not (e["item"] and e["item"]["uri"] in gone)]
    return _changed(p)


@route("GET", r"/v1/playlists/(?P<id>[^/]+)/images")
def get_cover(request: Request) -> Any:
    p = _found(request)
    return p if isinstance(p, Reply) else p.images or []


@route("PUT", r"/v1/playlists/(?P<id>[^/]+)/images")
def upload_cover(request: Request) -> Any:
    p = _writable(request)
    if isinstance(p, Reply):
        return p
    if request.headers.get("Content-Type") != "image/jpeg":
        return error(400, "Content-Type must be image/jpeg")
    if len(request.body) > MAX_COVER:
        return error(413, "Payload too large")
    try:
        image = base64.b64decode(request.body, validate=True)
    except binascii.Error:
        return error(400, "Invalid base64 image data")
    if not image.startswith(b"\xff\xd8\xff"):
        return error(400, "Image must be a JPEG")
    p.images = _cover(hashlib.sha256(image).hexdigest()[:24])
    return Reply(202)


@route("PUT", r"/v1/playlists/(?P<id>[^/]+)/followers")
def follow(request: Request) -> Any:
    p = _found(request)
    if isinstance(p, Reply):
        return p
    p.followers.add(me())
    return Reply(200)


@route("DELETE", r"/v1/playlists/(?P<id>[^/]+)/followers")
def unfollow(request: Request) -> Any:
    p = _found(request)
    if isinstance(p, Reply):
        return p
    p.followers.discard(me())
    return Reply(200)


@route("GET", r"/v1/playlists/(?P<id>[^/]+)/followers/contains")
def follows(request: Request) -> Any:
    p = _found(request)
    if isinstance(p, Reply):
        return p
    ids = request.query.get("ids", "").split(",")
    return error(400, "Only one id is allowed") if len(ids) != 1 else [ids[0] in p.followers]


def _library(request: Request, path: str, playlists: list[Playlist]) -> Any:
    offset, limit = int_arg(request.query, "offset", 0), int_arg(request.query, "limit", 20)
    if not 1 <= limit <= 50:
        return error(400, "Invalid limit")
    return page(path, window([_simple(p) for p in playlists], offset, limit), offset, limit, len(playlists))


@route("GET", r"/v1/me/playlists")
def followed_playlists(request: Request) -> Any:
    return _library(request, "/me/playlists", [p for p in current().playlists.values() if me() in p.followers])


@route("GET", r"/v1/users/(?P<user>[^/]+)/playlists")
def user_playlists(request: Request) -> Any:
    user = request.params["user"]
    shown = [p for p in current().playlists.values() if user in p.followers and (p.public or user == me())]
    return _library(request, f"/users/{user}/playlists", shown)
