"""``MemoryStore``: values and tokens in a dict, for the threads of one process (and for tests)."""

from __future__ import annotations

import threading
import time
from contextlib import AbstractContextManager

from ._base import TokenMethods, check_key, check_ttl, check_value
from ._keylocks import KeyLocks

__all__ = ["MemoryStore"]


class MemoryStore(TokenMethods):
    """A store in this process's memory: shared by its threads, gone when it ends.

    A ``TokenStore`` and a ``Backend``. Its locks order the threads of this
    process only; for several processes use ``FileStore``, ``SQLiteStore``
    or ``RedisStore``.
    """

    def __init__(self) -> None:
        self._values: dict[str, tuple[bytes, float | None]] = {}  # key -> (value, monotonic expiry)
        self._guard = threading.Lock()
        self._locks = KeyLocks()

    def get(self, key: str) -> bytes | None:
        """The value under ``key``, or None when there is none or it has expired."""
        entry = self._values.get(check_key(key))
        if entry is None:
            return None
        value, expires = entry
        if expires is not None and expires <= time.monotonic():
            with self._guard:
                if self._values.get(key) is entry:
                    del self._values[key]
            return None
        return value

    def put(self, key: str, value: bytes, ttl: float | None = None) -> None:
        """Keep ``value`` under ``key`` (for ``ttl`` seconds, or until replaced or deleted)."""
        ttl = check_ttl(ttl)
        entry = (check_value(value), None if ttl is None else time.monotonic() + ttl)
        with self._guard:
            self._values[check_key(key)] = entry

    def delete(self, key: str) -> None:
        """Remove the value under ``key``, if any."""
        with self._guard:
            self._values.pop(check_key(key), None)

    def lock(self, key: str) -> AbstractContextManager[None]:
        """``key``'s lock among this process's threads."""
        return self._locks.hold(check_key(key))

    def __repr__(self) -> str:
        return f"MemoryStore({len(self._values)} keys)"
