"""A loopback stand-in for api.spotify.com and accounts.spotify.com.

Route modules register handlers with ``@route(method, path_pattern)``; a
handler gets a ``Request`` and returns a ``Reply``, reading and changing the
fake's ``State`` (``state.current()``; ``fakeserver.py`` holds the server that
sets it, checks tokens and inflicts faults). Bodies are shaped like the
live API's (see ``bodies.py``) and carry its ``https://api.spotify.com`` URLs,
so recorded cassettes read as if recorded live.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit

from .caching import cached

if TYPE_CHECKING:
    from .fakeserver import FakeServer

API = "https://api.spotify.com/v1"


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    body: bytes = field(repr=False)  # a form's secrets, a token: none in a repr
    headers: dict[str, str] = field(repr=False)
    params: dict[str, str] = field(default_factory=dict)  # named groups of the route
    target: str = ""  # the path and query as sent
    answer: Reply | None = field(default=None, repr=False)  # what the fake answered (None: a fault cut it off)

    @property
    def url(self) -> str:
        """The URL the request was meant for, on Spotify's hosts (``https://api.spotify.com/v1/...?...``)."""
        if self.target.startswith("/accounts/"):
            return "https://accounts.spotify.com" + self.target[len("/accounts"):]
        return "https://api.spotify.com" + self.target

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None

    def form(self) -> dict[str, str]:
        return dict(parse_qsl(self.body.decode()))


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # JSON-able, or bytes sent as they are
    headers: dict[str, str] = field(default_factory=dict)


Handler = Callable[[Request], "Reply | Any"]
ROUTES: list[tuple[str, re.Pattern[str], Handler]] = []


def route(method: str, pattern: str) -> Callable[[Handler], Handler]:
    """Register a handler for a method and a full path (``/v1/albums/(?P<id>[^/]+)``)."""

    def register(handler: Handler) -> Handler:
        ROUTES.append((method, re.compile(pattern + "$"), handler))
        return handler

    return register


def error(status: int, message: str, reason: str | None = None) -> Reply:
    """Spotify's Web API error body."""
    body: dict[str, Any] = {"status": status, "message": message}
    if reason:
        body["reason"] = reason
    return Reply(status, {"error": body})


def dispatch(request: Request) -> Reply:
    for method, pattern, handler in ROUTES:
        match = pattern.match(request.path)
        if method == request.method and match:
            request.params = match.groupdict()
            result = handler(request)
            reply = result if isinstance(result, Reply) else Reply(200, result)
            return cached(request.method, request.path, request.headers, reply)
    return error(404, "Service not found")


class _Handler(BaseHTTPRequestHandler):
    server: FakeServer

    def _serve(self) -> None:
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        request = Request(
            self.command, url.path, dict(parse_qsl(url.query, keep_blank_values=True)),
            self.rfile.read(length), dict(self.headers), target=self.path,
        )
        reply = self.server.answer(request, self.connection)
        if reply is None:  # the connection was reset
            return
        if reply.body is None:
            payload = b""
        elif isinstance(reply.body, bytes):
            payload = reply.body
        else:
            payload = json.dumps(reply.body, indent=2).encode()
        self.send_response(reply.status)
        headers = {"Content-Type": "application/json; charset=utf-8", **reply.headers}
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.server.write(request, self.wfile, payload)

    do_GET = do_PUT = do_POST = do_DELETE = _serve

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass


def start() -> tuple[FakeServer, str]:
    """Serve a fresh state on a free loopback port in a daemon thread; returns (server, base URL)."""
    from .fakeserver import FakeServer

    server = FakeServer()
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"
