"""A loopback HTTP server for fault tests: real sockets on 127.0.0.1, bounded.

Each test hands the server a *handler*: a function that gets the parsed
request and the connection's socket and answers however the test needs (a
normal answer, a reset mid-body, a trickle, bad gzip...). ``reply`` writes an
ordinary answer. The server records every request it read.

Bounds: each connection thread serves at most ``MAX_REQUESTS`` requests and
times out after ``IDLE`` seconds without one; ``stop`` closes every socket and
joins every thread, so nothing outlives the test.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

IDLE = 5.0  # seconds a connection may wait for its next request
MAX_REQUESTS = 10_000  # per connection
MAX_HEADER = 65_536


@dataclass
class Request:
    """A request as the server read it."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes = b""
    connection: int = 0  # which connection (0, 1, ...) carried it


Handler = Callable[[Request, socket.socket], None]
REASONS = {200: "OK", 201: "Created", 204: "No Content", 301: "Moved Permanently", 302: "Found", 303: "See Other",
           304: "Not Modified", 307: "Temporary Redirect", 308: "Permanent Redirect", 400: "Bad Request",
           401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 429: "Too Many Requests",
           500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}


def answer(status: int, body: Any = None, headers: dict[str, str] | None = None, *, raw: bytes | None = None) -> bytes:
    """The bytes of an HTTP/1.1 answer: ``body`` as JSON, or ``raw`` bytes as they are."""
    content = raw if raw is not None else b"" if body is None else json.dumps(body).encode()
    head = {"Content-Type": "application/json", "Content-Length": str(len(content))}
    head.update(headers or {})
    lines = [f"HTTP/1.1 {status} {REASONS.get(status, 'Status')}", *(f"{k}: {v}" for k, v in head.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + content


def reply(conn: socket.socket, status: int, body: Any = None, headers: dict[str, str] | None = None) -> None:
    """Send an ordinary JSON answer."""
    conn.sendall(answer(status, body, headers))


def reset(conn: socket.socket) -> None:
    """Close the connection with a TCP reset (RST), not a clean FIN."""
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    conn.close()


def stall(conn: socket.socket, seconds: float) -> None:
    """Answer nothing for up to ``seconds``; ends early when the client hangs up or the server stops."""
    conn.settimeout(seconds)
    try:
        conn.recv(1)
    except OSError:
        pass
    conn.settimeout(IDLE)


@dataclass
class Server:
    """A running loopback server; ``url`` is its base, ``requests`` what it read."""

    handler: Handler
    requests: list[Request] = field(default_factory=list)
    _socket: socket.socket = field(default_factory=socket.socket)
    _threads: list[threading.Thread] = field(default_factory=list)
    _connections: list[socket.socket] = field(default_factory=list)
    _stopping: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        host, port = self._socket.getsockname()
        return f"http://{host}:{port}"

    def start(self) -> None:
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(128)
        self._socket.settimeout(0.2)
        self._spawn(self._accept)

    def stop(self) -> None:
        self._stopping.set()
        with self._lock:
            for conn in self._connections:
                try:
                    conn.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
        try:
            self._socket.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in accept
        except OSError:
            pass
        for thread in list(self._threads):
            thread.join(timeout=5)
        self._socket.close()

    def _spawn(self, target: Callable[..., None], *args: Any) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)
        with self._lock:
            self._threads.append(thread)
        thread.start()

    def _accept(self) -> None:
        number = 0
        while not self._stopping.is_set():
            try:
                conn, _ = self._socket.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self._connections.append(conn)
            self._spawn(self._serve, conn, number)
            number += 1

    def _serve(self, conn: socket.socket, number: int) -> None:
        conn.settimeout(IDLE)
        reader = conn.makefile("rb")
        try:
            for _ in range(MAX_REQUESTS):
                request = _read_request(reader, number)
                if request is None or self._stopping.is_set():
                    return
                with self._lock:
                    self.requests.append(request)
                self.handler(request, conn)
                if getattr(conn, "_closed", False):  # the handler closed it (the reader still holds the fd)
                    return
        except OSError:
            return
        finally:
            reader.close()
            conn.close()


def _read_request(reader: Any, number: int) -> Request | None:
    line = reader.readline(MAX_HEADER)
    if not line:
        return None
    method, path, _ = line.decode("latin-1").split(" ", 2)
    headers: dict[str, str] = {}
    while True:
        line = reader.readline(MAX_HEADER).decode("latin-1").rstrip("\r\n")
        if not line:
            break
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    body = reader.read(int(headers.get("content-length", "0")))
    return Request(method, path, headers, body, number)


@contextmanager
def serving(handler: Handler) -> Iterator[Server]:
    """Run a loopback server for the length of a ``with`` block."""
    server = Server(handler)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def scripted(*steps: Handler | bytes) -> Handler:
    """A handler taking one step per request, in order; the last step repeats.

    A step is a handler, or the raw bytes of a whole answer (see ``answer``).
    """
    lock = threading.Lock()
    taken = [0]

    def handle(request: Request, conn: socket.socket) -> None:
        with lock:
            step = steps[min(taken[0], len(steps) - 1)]
            taken[0] += 1
        if isinstance(step, bytes):
            conn.sendall(step)
        else:
            step(request, conn)

    return handle
