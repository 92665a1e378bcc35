"""Spotify's caching headers, as the live API sends them on a successful GET.

Measured on live recordings: albums are ``public, max-age`` of about 72,000
to 80,000 s (the figure varies between answers), ``/search`` and ``/tracks``
7,200, ``/browse`` 600; playlists, users and everything else carry an ``ETag``
with ``max-age=0``, and answers about the current user (``/me``) are
``private``. A request whose ``If-None-Match`` names the ``ETag`` gets
``304 Not Modified`` with no body.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import zlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .server import Reply

CATALOGUE = {"albums": None, "search": 7200, "tracks": 7200, "browse": 600}  # None: 72,000 to 80,000 s


def cached(method: str, path: str, request_headers: dict[str, str], reply: Reply) -> Reply:
    """``reply`` (a ``server.Reply``) with Spotify's caching headers, or a 304 when the client's ``ETag`` matches."""
    if method != "GET" or reply.status != 200 or not path.startswith("/v1/"):
        return reply
    section = path.removeprefix("/v1/").split("/", 1)[0]
    if section in CATALOGUE:
        seconds = CATALOGUE[section] or 72_000 + zlib.crc32(path.encode()) % 8_001
        return dataclasses.replace(reply, headers={"Cache-Control": f"public, max-age={seconds}", **reply.headers})
    payload = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body, sort_keys=True).encode()
    etag = f'"MC-{hashlib.sha1(payload).hexdigest()[:24]}"'
    scope = "private" if section == "me" else "public"
    headers = {"Cache-Control": f"{scope}, max-age=0", "ETag": etag, **reply.headers}
    asked = next((value for name, value in request_headers.items() if name.lower() == "if-none-match"), "")
    if etag in [tag.strip() for tag in asked.split(",")]:
        return dataclasses.replace(reply, status=304, body=None, headers=headers)
    return dataclasses.replace(reply, headers=headers)
