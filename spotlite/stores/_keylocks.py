"""A ``threading.Lock`` per key, made on first use and dropped when no thread holds or waits for it."""

from __future__ import annotations

import os
import threading
from collections.abc import Hashable, Iterator
from contextlib import contextmanager

__all__ = ["KeyLocks"]


class _Slot:
    __slots__ = ("lock", "users")

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.users = 0  # threads holding or waiting for the lock


class KeyLocks:
    """Locks by key among the threads of one process (a forked child starts with none held)."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._slots: dict[tuple[int, Hashable], _Slot] = {}

    @contextmanager
    def hold(self, key: Hashable) -> Iterator[None]:
        """Hold ``key``'s lock for the ``with`` block."""
        name = (os.getpid(), key)  # a forked child ignores the slots its parent's threads held
        with self._guard:
            slot = self._slots.get(name) or self._slots.setdefault(name, _Slot())
            slot.users += 1
        try:
            with slot.lock:
                yield
        finally:
            with self._guard:
                slot.users -= 1
                if not slot.users:
                    del self._slots[name]
