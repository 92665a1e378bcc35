"""The fake's HTTP server: one ``State``, what it was asked, and the faults it is to answer with.

For each request it checks the token (``tokens.authorise``), runs the route
with the fake's state set (``state.CURRENT``), trims the answer for a
development-mode app (``trim.py``), and inflicts the fault the request meets
(``faults.py``): another answer, a reset connection, a slow answer or a
trickled body.
"""

from __future__ import annotations

import socket
import struct
import threading
from http.server import ThreadingHTTPServer
from io import BufferedIOBase

from . import routes  # noqa: F401 - registers every route
from .defaults import default_state
from .faults import Fault, Faults
from .server import Reply, Request, _Handler, dispatch
from .state import CURRENT, State
from .tokens import authorise
from .trim import trimmed


def answer(request: Request, state: State) -> Reply:
    """The fake's answer to ``request``, with ``state`` as its memory: the token checked, then the route."""
    CURRENT.set(state)
    with state.lock:
        reply = authorise(request) or dispatch(request)
        return trimmed(request, reply) if state.dev_mode else reply


class FakeServer(ThreadingHTTPServer):
    """A stand-in server on a free loopback port, with its own state (a fresh default one unless given)."""

    daemon_threads = True

    def __init__(self, state: State | None = None) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.state = state or default_state()
        self.faults = Faults()
        self.requests: list[Request] = []
        self._pending: dict[int, Fault] = {}  # request -> the fault it met, until its body is written

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def answer(self, request: Request, connection: socket.socket) -> Reply | None:
        """The answer to send (after a slow fault's wait), or None when a fault resets the connection."""
        self.requests.append(request)
        fault = self.faults.take(request)
        if fault and fault.kind == "reset":
            connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # RST on close
            return None
        reply = fault.reply if fault and fault.reply else answer(request, self.state)
        request.answer = reply
        if fault and fault.kind == "slow":
            threading.Event().wait(fault.seconds)
        if fault and fault.kind == "trickle":
            self._pending[id(request)] = fault
        return reply

    def write(self, request: Request, out: BufferedIOBase, payload: bytes) -> None:
        """Send the body: at once, or in pieces over a trickle fault's seconds (at most 100 pieces)."""
        fault = self._pending.pop(id(request), None)
        if fault is None:
            out.write(payload)
            return
        pieces = max(1, min(len(payload), 100))
        size = -(-len(payload) // pieces)
        pause = threading.Event()
        for start in range(0, len(payload), size):
            out.write(payload[start : start + size])
            out.flush()
            pause.wait(fault.seconds / pieces)
