"""Failures on demand: the next N requests matching a method and path answer with an error, a reset or a delay."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from .server import Reply, Request, error

KINDS = ("status", "reset", "slow", "trickle")


@dataclass
class Fault:
    """One failure to inflict on ``times`` requests whose method and path match."""

    kind: str  # status, reset, slow or trickle
    method: str | None  # None: any method
    path: re.Pattern[str]  # searched in the request's path (``/v1/me/player``, ``/accounts/api/token``)
    times: int
    reply: Reply | None = None  # for "status": the answer given instead of the real one
    seconds: float = 0.0  # for "slow" (before the answer) and "trickle" (over the body)

    def matches(self, request: Request) -> bool:
        return (self.method is None or self.method == request.method) and bool(self.path.search(request.path))


class Faults:
    """The faults still to inflict, first registered first."""

    def __init__(self) -> None:
        self._pending: list[Fault] = []
        self._lock = threading.Lock()

    def add(self, fault: Fault) -> None:
        with self._lock:
            self._pending.append(fault)

    def take(self, request: Request) -> Fault | None:
        """The fault ``request`` meets (counted off), or None."""
        with self._lock:
            for fault in self._pending:
                if fault.matches(request):
                    fault.times -= 1
                    if fault.times <= 0:
                        self._pending.remove(fault)
                    return fault
        return None

    def clear(self) -> None:
        with self._lock:
            self._pending.clear()

    def __len__(self) -> int:
        return sum(fault.times for fault in self._pending)


HTML_5XX = "<html><head><title>{0} {1}</title></head><body><h1>{0} {1}</h1></body></html>"
REASONS = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout"}
MESSAGES = {400: "Bad request", 401: "Invalid access token", 403: "Forbidden", 404: "Resource not found",
            500: "Server error", 502: "Bad gateway", 503: "Service unavailable"}  # Spotify's, in its error bodies


def status_reply(status: int, *, retry_after: int | None = None, quota: bool = False, html: bool = False) -> Reply:
    """Spotify's answer with ``status``: 429 with ``Retry-After`` (``QUOTA_EXCEEDED`` when ``quota``), a 5xx
    with Spotify's JSON error or a proxy's HTML page, or another status with Spotify's JSON error."""
    if status == 429:
        reply = error(429, "API rate limit exceeded", "QUOTA_EXCEEDED" if quota else None)
        reply.headers["Retry-After"] = str(1 if retry_after is None else retry_after)
        return reply
    if html:
        page = HTML_5XX.format(status, REASONS.get(status, "Error")).encode()
        return Reply(status, page, {"Content-Type": "text/html"})
    return error(status, MESSAGES.get(status) or REASONS.get(status) or f"HTTP {status}")
