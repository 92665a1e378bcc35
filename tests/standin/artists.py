"""Artists: /artists, /artists/{id}, albums, top tracks, related artists."""

from __future__ import annotations

from typing import Any

from .bodies import int_arg, page, window
from .catalogue import ALBUMS, ALL_TRACKS, ARTISTS, SIBELIUS
from .errors import batch_ids
from .server import Reply, Request, error, route


@route("GET", r"/v1/artists/(?P<id>[^/]+)")
def get_artist(request: Request) -> Any:
    return ARTISTS.get(request.params["id"]) or error(404, "Resource not found")


@route("GET", r"/v1/artists")
def get_artists(request: Request) -> Any:
    ids = batch_ids(request)
    if isinstance(ids, Reply):
        return ids
    return {"artists": [ARTISTS.get(i) for i in ids]}


@route("GET", r"/v1/artists/(?P<id>[^/]+)/albums")
def get_artist_albums(request: Request) -> Any:
    ident, q = request.params["id"], request.query
    limit = int_arg(q, "limit", 5)  # the 2026 default
    if limit > 10:
        return error(400, "Invalid limit")
    groups = q.get("include_groups", "album,single,compilation,appears_on").split(",")
    albums = [
        {**album, "album_group": "appears_on" if album["album_type"] == "single" else album["album_type"]}
        for album, _ in ALBUMS.values()
        if any(a["id"] == ident for a in album["artists"])
    ]
    albums = [a for a in albums if a["album_group"] in groups]
    offset = int_arg(q, "offset", 0)
    extra = {k: q[k] for k in ("include_groups", "market") if k in q}
    return page(f"/artists/{ident}/albums", window(albums, offset, limit), offset, limit, len(albums), **extra)


@route("GET", r"/v1/artists/(?P<id>[^/]+)/top-tracks")
def get_top_tracks(request: Request) -> Any:
    ident = request.params["id"]
    return {"tracks": [t for t in ALL_TRACKS if any(a["id"] == ident for a in t["artists"])][:10]}


@route("GET", r"/v1/artists/(?P<id>[^/]+)/related-artists")
def get_related(request: Request) -> Any:
    if request.params["id"] != SIBELIUS:
        return error(404, "Resource not found")
    return {"artists": [a for i, a in ARTISTS.items() if i != SIBELIUS]}
