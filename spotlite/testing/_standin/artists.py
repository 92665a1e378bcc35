"""Artists: /artists, /artists/{id}, albums, top tracks, related artists."""

from __future__ import annotations

from typing import Any

from .bodies import int_arg, page, window
from .catalogue import SIBELIUS, albums, all_tracks, artists
from .errors import batch_ids
from .server import Reply, Request, error, route


@route("GET", r"/v1/artists/(?P<id>[^/]+)")
def get_artist(request: Request) -> Any:
    return artists().get(request.params["id"]) or error(404, "Resource not found")


@route("GET", r"/v1/artists")
def get_artists(request: Request) -> Any:
    ids = batch_ids(request)
    if isinstance(ids, Reply):
        return ids
    return {"artists": [artists().get(i) for i in ids]}


@route("GET", r"/v1/artists/(?P<id>[^/]+)/albums")
def get_artist_albums(request: Request) -> Any:
    ident, q = request.params["id"], request.query
    limit = int_arg(q, "limit", 5)  # the 2026 default
    if limit > 10:
        return error(400, "Invalid limit")
    groups = q.get("include_groups", "album,single,compilation,appears_on").split(",")
    found = [
        {**album, "album_group": "appears_on" if album["album_type"] == "single" else album["album_type"]}
        for album, _ in albums().values()
        if any(a["id"] == ident for a in album["artists"])
    ]
    found = [a for a in found if a["album_group"] in groups]
    offset = int_arg(q, "offset", 0)
    extra = {k: q[k] for k in ("include_groups", "market") if k in q}
    return page(f"/artists/{ident}/albums", window(found, offset, limit), offset, limit, len(found), **extra)


@route("GET", r"/v1/artists/(?P<id>[^/]+)/top-tracks")
def get_top_tracks(request: Request) -> Any:
    ident = request.params["id"]
    return {"tracks": [t for t in all_tracks() if any(a["id"] == ident for a in t["artists"])][:10]}


@route("GET", r"/v1/artists/(?P<id>[^/]+)/related-artists")
def get_related(request: Request) -> Any:
    if request.params["id"] != SIBELIUS:
        return error(404, "Resource not found")
    return {"artists": [a for i, a in artists().items() if i != SIBELIUS]}
