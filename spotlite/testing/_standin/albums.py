"""Albums: /albums, /albums/{id}, /albums/{id}/tracks, /me/albums, /browse/new-releases."""

from __future__ import annotations

from typing import Any

from .bodies import int_arg, page, window
from .catalogue import BIG_ALBUM, FLAKY, MAIN_ALBUM, RATE_LIMITED_ONCE, SINGLE, album_full, albums
from .errors import batch_ids, special
from .server import Reply, Request, error, route
from .state import saved

SAVED_ALBUMS = {MAIN_ALBUM: "2024-01-14T09:12:45Z", SINGLE: "2025-03-02T21:40:03Z"}
ADDED_AT = "2025-11-01T10:00:00Z"


def tracks_page(ident: str, offset: int, limit: int, market: str | None = None) -> dict[str, Any]:
    _, tracks = albums()[ident]
    extra = {"market": market} if market else {}
    return page(f"/albums/{ident}/tracks", window(tracks, offset, limit), offset, limit, len(tracks), **extra)


@route("GET", r"/v1/albums/(?P<id>[^/]+)")
def get_album(request: Request) -> Any:
    ident = request.params["id"]
    if reply := special(ident, request.path):
        return reply
    if ident in (RATE_LIMITED_ONCE, FLAKY):  # answered after one failure: the main album
        ident = MAIN_ALBUM
    if ident not in albums():
        return error(404, "Resource not found")
    return album_full(ident, tracks_page(ident, 0, 50, request.query.get("market")))


@route("GET", r"/v1/albums")
def get_albums(request: Request) -> Any:
    ids = batch_ids(request, 20)
    if isinstance(ids, Reply):
        return ids
    return {"albums": [album_full(i, tracks_page(i, 0, 50)) if i in albums() else None for i in ids]}


@route("GET", r"/v1/albums/(?P<id>[^/]+)/tracks")
def get_album_tracks(request: Request) -> Any:
    ident = request.params["id"]
    if ident not in albums():
        return error(404, "Resource not found")
    q = request.query
    return tracks_page(ident, int_arg(q, "offset", 0), int_arg(q, "limit", 20), q.get("market"))


@route("GET", r"/v1/me/albums")
def get_saved_albums(request: Request) -> Any:
    offset, limit = int_arg(request.query, "offset", 0), int_arg(request.query, "limit", 20)
    entries = [{"added_at": at, "album": album_full(i, tracks_page(i, 0, 50))} for i, at in saved("album").items() if i in albums()]
    return page("/me/albums", window(entries, offset, limit), offset, limit, len(entries))


@route("PUT", r"/v1/me/albums")
def save_albums(request: Request) -> Any:
    for ident in request.query["ids"].split(","):
        saved("album").setdefault(ident, ADDED_AT)
    return Reply(200)


@route("DELETE", r"/v1/me/albums")
def remove_albums(request: Request) -> Any:
    for ident in request.query["ids"].split(","):
        saved("album").pop(ident, None)
    return Reply(200)


@route("GET", r"/v1/me/albums/contains")
def saved_albums_contain(request: Request) -> Any:
    return [ident in saved("album") for ident in request.query["ids"].split(",")]


@route("GET", r"/v1/browse/new-releases")
def new_releases(request: Request) -> Any:
    offset, limit = int_arg(request.query, "offset", 0), int_arg(request.query, "limit", 20)
    newest = [albums()[i][0] for i in (SINGLE, BIG_ALBUM, MAIN_ALBUM) if i in albums()]
    return {"albums": page("/browse/new-releases", window(newest, offset, limit), offset, limit, len(newest))}
