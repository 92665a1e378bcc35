"""Tracks: /tracks, /tracks/{id}, /me/tracks."""

from __future__ import annotations

from typing import Any

from .bodies import int_arg, page, window
from .catalogue import ALL_TRACKS, FINLANDIA, RELINKED, track_full
from .errors import batch_ids, special
from .server import Reply, Request, error, route
from .state import saved

SAVED_TRACKS = {t["id"]: f"2025-{1 + n // 28:02d}-{1 + n % 28:02d}T08:{n % 60:02d}:00Z" for n, t in enumerate(ALL_TRACKS[:57])}


def relinked(market: str | None) -> Any:
    """With a market, Spotify answers for a relinked track with the playable copy."""
    copy = track_full(FINLANDIA)
    assert copy is not None
    if market is None:
        return {**copy, "id": RELINKED, "uri": f"spotify:track:{RELINKED}"}
    original = {"external_urls": {"spotify": f"https://open.spotify.com/track/{RELINKED}"},
                "href": f"https://api.spotify.com/v1/tracks/{RELINKED}", "id": RELINKED,
                "type": "track", "uri": f"spotify:track:{RELINKED}"}
    return {**copy, "linked_from": original, "is_playable": True, "available_markets": []}


@route("GET", r"/v1/tracks/(?P<id>[^/]+)")
def get_track(request: Request) -> Any:
    ident = request.params["id"]
    if reply := special(ident, request.path):
        return reply
    if ident == RELINKED:
        return relinked(request.query.get("market"))
    return track_full(ident) or error(404, "Resource not found")


@route("GET", r"/v1/tracks")
def get_tracks(request: Request) -> Any:
    ids = batch_ids(request)
    if isinstance(ids, Reply):
        return ids
    return {"tracks": [track_full(i) for i in ids]}


@route("GET", r"/v1/me/tracks")
def get_saved_tracks(request: Request) -> Any:
    offset, limit = int_arg(request.query, "offset", 0), int_arg(request.query, "limit", 20)
    entries = [{"added_at": at, "track": track_full(i)} for i, at in saved("track").items() if track_full(i)]
    return page("/me/tracks", window(entries, offset, limit), offset, limit, len(entries))


@route("PUT", r"/v1/me/tracks")
def save_tracks(request: Request) -> Any:
    for ident in request.json()["ids"]:
        saved("track").setdefault(ident, "2025-11-01T10:00:00Z")
    return Reply(200)


@route("DELETE", r"/v1/me/tracks")
def remove_tracks(request: Request) -> Any:
    for ident in request.query["ids"].split(","):
        saved("track").pop(ident, None)
    return Reply(200)


@route("GET", r"/v1/me/tracks/contains")
def saved_tracks_contain(request: Request) -> Any:
    return [ident in saved("track") for ident in request.query["ids"].split(",")]
