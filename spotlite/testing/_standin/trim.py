"""Development mode: what Spotify stopped giving development-mode apps in 2026 (and November 2024).

``trimmed`` turns an answer into the one such an app gets: the endpoints
Spotify removed for them answer 403, and the fields it removed are left out
of every object of the answer, wherever it is nested.
"""

from __future__ import annotations

import re
from typing import Any

from .server import Reply, Request, error

# Endpoints without a replacement, the batch reads, the old library, follow and playlist-track endpoints
# (replaced by /me/library and /playlists/{id}/items), and those gone since November 2024.
REMOVED = [re.compile(pattern) for pattern in (
    r"GET /v1/artists/[^/]+/(top-tracks|related-artists)$", r"GET /v1/markets$", r"GET /v1/browse/",
    r"GET /v1/users/[^/]+(/playlists)?$", r"POST /v1/users/[^/]+/playlists$",
    r"GET /v1/(tracks|albums|artists|episodes|shows|audiobooks|chapters)$",
    r"(PUT|DELETE) /v1/me/(tracks|albums|episodes|shows|audiobooks|following)$", r"GET /v1/me/[a-z]+/contains$",
    r"(PUT|DELETE) /v1/playlists/[^/]+/followers$", r" /v1/playlists/[^/]+/tracks$",
    r"GET /v1/recommendations", r"GET /v1/audio-(features|analysis)",
)]
# Fields removed, by the object's ``type``.
FIELDS = {
    "track": ("available_markets", "linked_from", "popularity"),
    "album": ("album_group", "available_markets", "label", "popularity"),
    "artist": ("followers", "popularity"),
    "show": ("available_markets", "publisher"),
    "audiobook": ("available_markets", "publisher"),
    "chapter": ("available_markets",),
}
PROFILE = ("country", "email", "explicit_content", "followers", "product")  # of GET /me


def removed(request: Request) -> bool:
    """Whether Spotify removed this endpoint for development-mode apps."""
    line = f"{request.method} {request.path}"
    return any(pattern.search(line) for pattern in REMOVED)


def trimmed(request: Request, reply: Reply) -> Reply:
    """The answer a development-mode app gets instead of ``reply``."""
    if request.path.startswith("/v1/") and removed(request):
        return error(403, "Forbidden")
    if isinstance(reply.body, bytes) or reply.status >= 300:
        return reply
    body = _without(reply.body)
    if request.path == "/v1/me" and isinstance(body, dict):
        body = {k: v for k, v in body.items() if k not in PROFILE}
    return Reply(reply.status, body, reply.headers)


def _without(value: Any) -> Any:
    if isinstance(value, list):
        return [_without(v) for v in value]
    if not isinstance(value, dict):
        return value
    kind = value.get("type")
    gone = FIELDS.get(kind, ()) if isinstance(kind, str) else ()
    return {k: _without(v) for k, v in value.items() if k not in gone}
