"""A fast loopback HTTP server for benchmarks, run in a child process.

    python bench/server.py BODIES_JSON [--latency SECONDS]

``BODIES_JSON`` maps a path (``/v1/albums/x``), or a path with its query
(``/v1/me/tracks?offset=50&limit=50``), to the file of its body, or to
``{"file": ..., "headers": {...}}`` for an answer with headers of its own. The
server answers every request for a known path (with its query first, then
without) with that body (keep-alive, ``Content-Length``), 404 otherwise, after
``--latency`` seconds when given. An answer with an ``ETag`` is ``304 Not
Modified`` to a request whose ``If-None-Match`` names it. It
prints its base URL on the first line of its output and runs until its
standard input closes. A thread per connection keeps its own cost per answer
to a few tens of microseconds, so the client's cost dominates a benchmark.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

NOT_FOUND = b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
UNKNOWN = (NOT_FOUND, NOT_FOUND, None)  # a path without an answer: 404, whatever it asks


def answer(body: bytes, headers: dict[str, str] | None = None, status: str = "200 OK") -> bytes:
    extra = "".join(f"{name}: {value}\r\n" for name, value in (headers or {}).items())
    head = (f"HTTP/1.1 {status}\r\nContent-Type: application/json; charset=utf-8\r\n{extra}"
            f"Content-Length: {len(body)}\r\n\r\n")
    return head.encode() + body


def serve(conn: socket.socket, answers: dict[bytes, tuple[bytes, bytes, bytes | None]], latency: float) -> None:
    reader = conn.makefile("rb")
    with conn, reader:
        while True:
            line = reader.readline(65536)
            if not line:
                return
            length, asked = 0, None
            while (header := reader.readline(65536)) not in (b"\r\n", b""):
                if header.lower().startswith(b"content-length:"):
                    length = int(header.split(b":")[1])
                elif header.lower().startswith(b"if-none-match:"):
                    asked = header.split(b":", 1)[1].strip()
            reader.read(length)
            if latency:
                time.sleep(latency)
            target = line.split(b" ")[1]
            full, not_modified, etag = answers.get(target) or answers.get(target.split(b"?")[0], UNKNOWN)
            conn.sendall(not_modified if asked is not None and asked == etag else full)


def prepared(spec: str | dict[str, Any]) -> tuple[bytes, bytes, bytes | None]:
    """The answer to a path, its 304, and its ETag (None when it has none)."""
    file, headers = (spec, {}) if isinstance(spec, str) else (spec["file"], spec.get("headers", {}))
    etag = headers.get("ETag")
    return answer(Path(file).read_bytes(), headers), answer(b"", headers, "304 Not Modified"), etag and etag.encode()


def main() -> None:
    bodies = json.loads(Path(sys.argv[1]).read_text())
    latency = float(sys.argv[sys.argv.index("--latency") + 1]) if "--latency" in sys.argv else 0.0
    answers = {path.encode(): prepared(spec) for path, spec in bodies.items()}
    listener = socket.create_server(("127.0.0.1", 0), backlog=512)
    print(f"http://127.0.0.1:{listener.getsockname()[1]}", flush=True)

    def accept() -> None:
        while True:
            conn, _ = listener.accept()
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            threading.Thread(target=serve, args=(conn, answers, latency), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    sys.stdin.read()  # until the parent closes our standard input


@contextmanager
def running(bodies: dict[str, Path | dict[str, Any]], latency: float = 0.0, folder: Path | None = None) -> Iterator[str]:
    """Run the server in a child process for a ``with`` block; yields its base URL.

    ``bodies`` maps a path to the file of its body, or to ``{"file": ..., "headers": {...}}``.
    """
    table = (folder or Path("/tmp")) / f"spotlite-bench-bodies-{id(bodies)}.json"
    table.write_text(json.dumps({path: spec if isinstance(spec, dict) else str(spec) for path, spec in bodies.items()}))
    command = [sys.executable, __file__, str(table), "--latency", str(latency)]
    child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        yield child.stdout.readline().strip()
    finally:
        assert child.stdin is not None
        child.stdin.close()
        child.wait(timeout=10)
        table.unlink()


if __name__ == "__main__":
    main()
