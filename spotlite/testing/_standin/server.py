"""A loopback stand-in for api.spotify.com and accounts.spotify.com: the server behind ``FakeSpotify``.

Route modules register handlers with ``@route(method, path_pattern)``; a
handler gets a ``Request`` and returns a ``Reply``, reading and changing the
fake's ``State`` (``state.current()``), which ``answer`` sets for each request
after checking its token (``tokens.authorise``). Bodies are shaped like the
live API's (see ``bodies.py``) and carry its ``https://api.spotify.com`` URLs,
so recorded cassettes read as if recorded live.
"""

from __future__ import annotations

import json
import re
import socket
import struct
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit

from .state import CURRENT, State

if TYPE_CHECKING:
    from .faults import Faults

API = "https://api.spotify.com/v1"


@dataclass
class Request:
    """A request the fake received (its body and headers, which hold secrets, are left out of its repr)."""

    method: str
    path: str
    query: dict[str, str]
    body: bytes = field(repr=False)
    headers: dict[str, str] = field(repr=False)
    params: dict[str, str] = field(default_factory=dict)  # named groups of the route
    answer: Reply | None = field(default=None, repr=False)  # what the fake answered (None: a fault cut it off)
    target: str = ""  # the path and query as sent

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
    """The answer of the route ``request`` is for (the state and user already set: see ``answer``)."""
    for method, pattern, handler in ROUTES:
        match = pattern.match(request.path)
        if method == request.method and match:
            request.params = match.groupdict()
            result = handler(request)
            return result if isinstance(result, Reply) else Reply(200, result)
    return error(404, "Service not found")


def answer(request: Request, state: State) -> Reply:
    """The fake's answer to ``request``, with ``state`` as the fake's memory: tokens checked, then the route."""
    from . import routes  # noqa: F401 - registers every route
    from .tokens import authorise
    from .trim import trimmed

    CURRENT.set(state)
    with state.lock:
        reply = authorise(request) or dispatch(request)
        return trimmed(request, reply) if state.dev_mode else reply


def payload(reply: Reply) -> bytes:
    """The bytes of a reply's body: JSON indented as Spotify's, bytes as they are."""
    if reply.body is None:
        return b""
    return reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body, indent=2).encode()


class Server(ThreadingHTTPServer):
    """The fake's HTTP server: its state, what it was asked, and the faults it is to answer with."""

    daemon_threads = True

    def __init__(self, state: State) -> None:
        from .faults import Faults

        super().__init__(("127.0.0.1", 0), _Handler)
        self.state = state
        self.faults: Faults = Faults()
        self.requests: list[Request] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    server: Server

    def _serve(self) -> None:
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        request = Request(
            self.command, url.path, dict(parse_qsl(url.query, keep_blank_values=True)),
            self.rfile.read(length), dict(self.headers), target=self.path,
        )
        self.server.requests.append(request)
        fault = self.server.faults.take(request)
        reply = fault.reply if fault and fault.reply else answer(request, self.server.state)
        body = payload(reply)
        if fault and fault.kind == "reset":
            return self._reset()
        request.answer = reply
        if fault and fault.kind == "slow":
            threading.Event().wait(fault.seconds)
        self.send_response(reply.status)
        headers = {"Content-Type": "application/json; charset=utf-8", **reply.headers}
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if fault and fault.kind == "trickle":
            return self._trickle(body, fault.seconds)
        self.wfile.write(body)

    def _reset(self) -> None:
        """Close the connection with a TCP reset, as a dropped connection reaches the client."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True

    def _trickle(self, body: bytes, seconds: float) -> None:
        """Send the body a byte every ``seconds / len(body)`` seconds (at most 100 pieces)."""
        pieces = max(1, min(len(body), 100))
        size = -(-len(body) // pieces)
        pause = threading.Event()
        for start in range(0, len(body), size):
            self.wfile.write(body[start : start + size])
            self.wfile.flush()
            pause.wait(seconds / pieces)

    do_GET = do_PUT = do_POST = do_DELETE = _serve

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass


def start(state: State | None = None) -> tuple[Server, str]:
    """Serve on a free loopback port in a daemon thread; returns (server, base URL).

    ``state`` is the fake's memory: a fresh copy of the default one unless given.
    """
    from .routes import default_state

    server = Server(state or default_state())
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server, server.url
