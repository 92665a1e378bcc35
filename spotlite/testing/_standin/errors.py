"""Special IDs that make the stand-in answer with errors, as the live API does."""

from __future__ import annotations

from .catalogue import ALWAYS_LIMITED, BROKEN, FLAKY, RATE_LIMITED_ONCE, UNKNOWN
from .server import Reply, Request, error
from .state import current

SHORT_LIVED = "short-lived"  # a token with this in it expires after SHORT_LIVED_USES requests (accounts.py issues them)
SHORT_LIVED_USES = 3
HTML_503 = b"<html><head><title>503 Service Unavailable</title></head><body><h1>503 Service Unavailable</h1>No server is available to handle this request.</body></html>"


def special(ident: str, path: str) -> Reply | None:
    """The error answer for a special ID, or None for an ordinary one."""
    seen = current().seen
    seen[path] += 1
    if ident == UNKNOWN:
        return error(404, "Resource not found")
    if ident == ALWAYS_LIMITED or (ident == RATE_LIMITED_ONCE and seen[path] == 1):
        return Reply(429, {"error": {"status": 429, "message": "API rate limit exceeded"}}, {"Retry-After": "2"})
    if ident == BROKEN or (ident == FLAKY and seen[path] == 1):
        return Reply(503, HTML_503, {"Content-Type": "text/html"})
    return None


def batch_ids(request: Request, most: int = 50) -> list[str] | Reply:
    """The IDs of a batch read; 400 for more than ``most``, as Spotify answers."""
    ids = request.query["ids"].split(",")
    return error(400, "Too many ids requested") if len(ids) > most else ids


def unauthorised(headers: dict[str, str]) -> Reply | None:
    """401 for a token the stand-in treats as expired, or as invalid (revoked)."""
    if "expired" in headers.get("Authorization", ""):
        return error(401, "The access token expired")
    if "revoked" in headers.get("Authorization", ""):
        return error(401, "Invalid access token")
    return _short_lived(headers.get("Authorization", ""))


def _short_lived(authorization: str) -> Reply | None:
    """401 for a short-lived token used more than SHORT_LIVED_USES times: it expired while a program ran."""
    if SHORT_LIVED not in authorization:
        return None
    uses = current().uses
    uses[authorization] += 1
    return error(401, "The access token expired") if uses[authorization] > SHORT_LIVED_USES else None
