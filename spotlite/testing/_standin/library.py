"""The 2026 library: PUT/DELETE /me/library and GET /me/library/contains, by URI.

Saved tracks, albums, episodes, shows, audiobooks and playlists are the
user's library of each kind (``state.saved``), the same the older endpoints
(/me/tracks...) read and change; artist and user URIs are the followed artists
and users of ``follow``, as on Spotify, where saving an artist follows it.
"""

from __future__ import annotations

import re
from typing import Any

from .bodies import fake_id
from .catalogue import FINLANDIA, MAIN_ALBUM
from .follow import follow, follows, unfollow
from .server import Reply, Request, error, route
from .state import saved

SAVED: set[str] = {  # besides each kind's own library (tracks.SAVED_TRACKS...)
    f"spotify:track:{FINLANDIA}",
    f"spotify:album:{MAIN_ALBUM}",
    f"spotify:show:{fake_id('show:sibelius-hour')}",
    f"spotify:playlist:{fake_id('playlist:finnish-classics')}",
}
ADDED_AT = "2026-03-01T12:00:00Z"
_URI = re.compile(r"spotify:(track|album|episode|show|audiobook|playlist|user|artist):([0-9A-Za-z._-]+)")


def _uris(request: Request) -> list[re.Match[str]] | Reply:
    """The parsed ``uris`` of a library request, or Spotify's 400."""
    text = request.query.get("uris", "")
    if not text:
        return error(400, "Missing required parameter: uris")
    uris = text.split(",")
    if len(uris) > 40:
        return error(400, "Too many URIs requested: at most 40")
    matches = [_URI.fullmatch(uri) for uri in uris]
    bad = [uri for uri, match in zip(uris, matches) if match is None]
    if bad:
        return error(400, f"Invalid URI: {bad[0]}")
    return [match for match in matches if match]


@route("PUT", r"/v1/me/library")
def save(request: Request) -> Any:
    uris = _uris(request)
    if isinstance(uris, Reply):
        return uris
    for match in uris:
        if match[1] in ("artist", "user"):
            follow(match[1], match[2])
        else:
            saved(match[1]).setdefault(match[2], ADDED_AT)
    return Reply(200)


@route("DELETE", r"/v1/me/library")
def remove(request: Request) -> Any:
    uris = _uris(request)
    if isinstance(uris, Reply):
        return uris
    for match in uris:
        if match[1] in ("artist", "user"):
            unfollow(match[1], match[2])
        else:
            saved(match[1]).pop(match[2], None)
    return Reply(200)


@route("GET", r"/v1/me/library/contains")
def contains(request: Request) -> Any:
    uris = _uris(request)
    if isinstance(uris, Reply):
        return uris
    return [follows(m[1], m[2]) if m[1] in ("artist", "user") else m[2] in saved(m[1]) for m in uris]
