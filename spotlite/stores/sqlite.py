"""``SQLiteStore``: values and tokens in one SQLite database file, for the processes of one machine.

The standard library's ``sqlite3``, in WAL mode (readers never wait for a
writer), one connection per thread. The database file gets mode 600 when the
store creates it. Rows live in the table ``spotlite_store`` (``key``,
``value``, ``expires_at``); a row whose ``expires_at`` has passed reads as
missing.

Locks are byte locks in a lock file beside the database (``<database>.lock``),
not SQLite transactions, so a refresh in flight never stops the writes of
other keys. The operating system drops them when their holder ends: a killed
holder's lock is free at once. POSIX only.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from contextlib import AbstractContextManager

from ..errors import InvalidInput
from . import _oslock
from ._base import TokenMethods, check_key, check_ttl, check_value

__all__ = ["SQLiteStore"]

_BUSY_MS = 30_000  # how long a statement waits for another connection's write
_SCHEMA = "CREATE TABLE IF NOT EXISTS spotlite_store (key TEXT PRIMARY KEY, value BLOB NOT NULL, expires_at REAL)"


class SQLiteStore(TokenMethods):
    """A store in an SQLite database file: the default for several processes (web workers) on one machine.

    A ``TokenStore`` and a ``Backend``. A dead lock holder's lock is free at
    once (the operating system drops it).

    Args:
        path: the database file (created with mode 600 when missing; its folder must exist).
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self._path = os.fspath(path)
        if self._path in ("", ":memory:") or self._path.startswith("file:"):
            raise InvalidInput("SQLiteStore needs a database file shared by processes: for one process use MemoryStore")
        os.close(os.open(self._path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600))
        self._lock_file = self._path + ".lock"
        self._local = threading.local()
        with self._connection() as connection:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute(_SCHEMA)

    @property
    def path(self) -> str:
        """The database file."""
        return self._path

    def get(self, key: str) -> bytes | None:
        """The value under ``key``, or None when there is none or it has expired."""
        row = self._connection().execute(
            "SELECT value, expires_at FROM spotlite_store WHERE key = ?", (check_key(key),)
        ).fetchone()
        if row is None or (row[1] is not None and row[1] <= time.time()):
            return None
        return bytes(row[0])

    def put(self, key: str, value: bytes, ttl: float | None = None) -> None:
        """Keep ``value`` under ``key`` (for ``ttl`` seconds, or until replaced or deleted)."""
        value, ttl = check_value(value), check_ttl(ttl)
        expires_at = None if ttl is None else time.time() + ttl
        self._connection().execute(
            "INSERT OR REPLACE INTO spotlite_store (key, value, expires_at) VALUES (?, ?, ?)",
            (check_key(key), value, expires_at),
        )

    def delete(self, key: str) -> None:
        """Remove the value under ``key``, if any."""
        self._connection().execute("DELETE FROM spotlite_store WHERE key = ?", (check_key(key),))

    def lock(self, key: str) -> AbstractContextManager[None]:
        """``key``'s lock among every process of this machine using the database."""
        return _oslock.hold(self._lock_file, check_key(key))

    def _connection(self) -> sqlite3.Connection:
        """This thread's connection (opened on first use; a forked child opens its own)."""
        local = self._local
        if getattr(local, "pid", None) != os.getpid():
            local.connection = sqlite3.connect(self._path, timeout=_BUSY_MS / 1000, isolation_level=None,
                                               check_same_thread=False)
            local.pid = os.getpid()
        connection: sqlite3.Connection = local.connection
        return connection

    def __repr__(self) -> str:
        return f"SQLiteStore({self._path!r})"
