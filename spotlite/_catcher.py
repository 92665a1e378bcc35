"""A one-shot HTTP server that catches the authorisation redirect on a loopback address.

``Catcher.listen(redirect_uri, state)`` binds the address and port of a
loopback redirect URI (``http://127.0.0.1:PORT/...`` or ``http://[::1]:PORT/...``)
before the browser is sent to Spotify; ``wait(timeout)`` then serves
connections, one thread, no more than ``timeout`` seconds, until a request
arrives on the redirect path with the expected ``state``, answers the browser
with a short page and returns the URL it was redirected to. Other requests
(a favicon, a stale tab with another state) get an error page and the wait
goes on. Every socket is closed when ``wait`` returns.

A connection must send its request within ``HEAD_TIMEOUT`` seconds, or it is
closed; when ``MAX_CONNECTIONS`` are open, a new one closes the oldest. So
idle connections (a browser's preconnects, or someone holding the port) never
lock the redirect out. ``wait`` may also watch a paste: a file or socket, and
what to do when it can be read (see ``Paste``).
"""

from __future__ import annotations

import ipaddress
import os
import selectors
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

MAX_HEAD = 16_384  # bytes of a request line and headers
MAX_CONNECTIONS = 32  # open at once; browsers open a few idle ones ahead; a new one closes the oldest
HEAD_TIMEOUT = 10.0  # seconds a connection has to send its request head
SEND_TIMEOUT = 2.0

Paste = tuple[Any, Callable[[], "str | None"]]
"""Something ``wait`` watches besides the browser: a selectable file or socket, and a function to call when it
can be read, returning the pasted URL, ``""`` to go on watching, or None to stop watching it."""

DONE_PAGE = "You are logged in to Spotify. You may close this tab and go back to the program."
REFUSED_PAGE = "The authorisation was not granted. You may close this tab and go back to the program."
STRANGER_PAGE = "This is not the authorisation the program is waiting for: start the login again."


def loopback_address(redirect_uri: str) -> tuple[str, int] | None:
    """The ``(host, port)`` to listen on for a redirect URI, or None when it is not a loopback one.

    Only ``http`` with an IP loopback host and an explicit port qualifies;
    ``localhost`` does not (Spotify refuses it).
    """
    try:
        parts = urlsplit(redirect_uri)
        port = parts.port
    except ValueError:
        return None
    host = parts.hostname
    if parts.scheme != "http" or not host or port is None or port == 0:
        return None
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return None
    return (host, port) if address.is_loopback else None


@dataclass
class Catcher:
    """A listening socket for one redirect; use ``listen`` to make one."""

    listener: socket.socket
    base: str  # scheme and authority of the redirect URI, to rebuild the URL
    path: str
    state: str
    _open: dict[socket.socket, bytearray] = field(default_factory=dict)  # in the order they were accepted
    _accepted: dict[socket.socket, float] = field(default_factory=dict)

    @classmethod
    def listen(cls, redirect_uri: str, state: str) -> Catcher | None:
        """Bind the redirect URI's loopback address; None if it is not one or the port is busy."""
        address = loopback_address(redirect_uri)
        if address is None:
            return None
        host, port = address
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        listener = socket.socket(family, socket.SOCK_STREAM)
        try:
            if os.name != "nt":  # on Windows this would let us take a port another program holds
                listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind((host, port))
            listener.listen(MAX_CONNECTIONS)
            listener.setblocking(False)
        except OSError:
            listener.close()
            return None
        parts = urlsplit(redirect_uri)
        return cls(listener, f"{parts.scheme}://{parts.netloc}", parts.path or "/", state)

    def wait(self, timeout: float, paste: Paste | None = None) -> str | None:
        """Serve until the redirect arrives, a URL is pasted or ``timeout`` seconds pass; then close.

        Returns the URL the browser was redirected to, the URL pasted, or None.
        """
        deadline = time.monotonic() + timeout
        selector = selectors.DefaultSelector()
        try:
            selector.register(self.listener, selectors.EVENT_READ)
            if paste is not None:
                selector.register(paste[0], selectors.EVENT_READ)
            while (remaining := deadline - time.monotonic()) > 0:
                for key, _ in selector.select(min(remaining, self._expire())):
                    if key.fileobj is self.listener:
                        self._accept(selector)
                    elif paste is not None and key.fileobj is paste[0]:
                        pasted = paste[1]()
                        if pasted:
                            return pasted
                        if pasted is None:
                            selector.unregister(key.fileobj)
                    else:
                        assert isinstance(key.fileobj, socket.socket)
                        caught = self._read(selector, key.fileobj)
                        if caught is not None:
                            return caught
                self._close_idle(selector)
            return None
        finally:
            for conn in list(self._open):
                self._close(selector, conn)
            selector.close()
            self.listener.close()

    def close(self) -> None:
        """Stop listening without waiting."""
        self.listener.close()

    def _accept(self, selector: selectors.BaseSelector) -> None:
        """Take every connection waiting (a full backlog would make browsers wait a second to retry)."""
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:  # none waiting (BlockingIOError), or the listener failed
                return
            if len(self._open) >= MAX_CONNECTIONS:  # the oldest makes room: the redirect is always a new one
                self._close(selector, next(iter(self._open)))
            conn.setblocking(False)
            self._open[conn] = bytearray()
            self._accepted[conn] = time.monotonic()
            selector.register(conn, selectors.EVENT_READ)

    def _expire(self) -> float:
        """Seconds until the oldest connection has had its ``HEAD_TIMEOUT``."""
        oldest = next(iter(self._accepted.values()), None)
        return HEAD_TIMEOUT if oldest is None else max(oldest + HEAD_TIMEOUT - time.monotonic(), 0.0)

    def _close_idle(self, selector: selectors.BaseSelector) -> None:
        """Close the connections that have not sent a whole request head within ``HEAD_TIMEOUT``."""
        now = time.monotonic()
        for conn in [conn for conn, since in self._accepted.items() if now - since >= HEAD_TIMEOUT]:
            self._close(selector, conn)

    def _read(self, selector: selectors.BaseSelector, conn: socket.socket) -> str | None:
        """Read what arrived; once the head is whole, answer and close. The redirect URL if this was it."""
        try:
            data = conn.recv(4096)
        except BlockingIOError:
            return None
        except OSError:
            data = b""
        head = self._open[conn]
        head += data
        if not data or len(head) > MAX_HEAD:
            self._close(selector, conn)
            return None
        if b"\r\n\r\n" not in head and b"\n\n" not in head:
            return None
        status, page, caught = self._judge(bytes(head))
        self._close(selector, conn, _page(status, page))
        return caught

    def _judge(self, head: bytes) -> tuple[int, str, str | None]:
        """The status and page to answer a request with, and the redirect URL if it is the one awaited."""
        line = head.split(b"\n", 1)[0].decode("latin-1").strip()
        method, _, rest = line.partition(" ")
        target = rest.rpartition(" ")[0] or rest
        path, _, query = target.partition("?")
        if method != "GET" or path != self.path:
            return 404, "Not found.", None
        params = parse_qs(query)
        if params.get("state", [None])[0] != self.state:
            return 400, STRANGER_PAGE, None
        url = f"{self.base}{target}"
        if "error" in params:
            return 200, REFUSED_PAGE, url
        if not params.get("code", [""])[0]:
            return 400, STRANGER_PAGE, None
        return 200, DONE_PAGE, url

    def _close(self, selector: selectors.BaseSelector, conn: socket.socket, answer: bytes = b"") -> None:
        self._open.pop(conn, None)
        self._accepted.pop(conn, None)
        try:
            selector.unregister(conn)
        except (KeyError, ValueError):
            pass
        try:
            if answer:
                conn.setblocking(True)
                conn.settimeout(SEND_TIMEOUT)
                conn.sendall(answer)
        except OSError:
            pass
        finally:
            conn.close()


def _page(status: int, text: str) -> bytes:
    reason = {200: "OK", 400: "Bad Request", 404: "Not Found"}[status]
    body = (
        "<!doctype html><html><head><meta charset=utf-8><title>spotlite</title></head>"
        f"<body><p>{text}</p></body></html>"
    ).encode()
    head = (
        f"HTTP/1.1 {status} {reason}\r\nContent-Type: text/html; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n"
    )
    return head.encode("ascii") + body
