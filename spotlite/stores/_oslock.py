"""Locks per key across threads and processes of one machine, in one lock file.

Each key locks one byte of the lock file (a POSIX record lock, at an offset
drawn from a hash of the key), so one lock file serves any number of keys.
The operating system drops a process's record locks when it ends, however it
ends: a holder killed with SIGKILL leaves its locks free at once.

Record locks belong to a process, not to a thread, so the threads of one
process are ordered by a ``threading.Lock`` per byte first. A process keeps
one open descriptor per lock file for its whole life (closing any descriptor
of a file would drop every record lock the process holds on it). POSIX only.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from ._keylocks import KeyLocks

__all__ = ["hold"]

_OFFSETS = 1 << 48  # bytes a key may lock: a collision only makes two keys wait for each other

_guard = threading.Lock()
_files: dict[str, tuple[int, int]] = {}  # lock file's real path -> (pid that opened it, descriptor)
_threads = KeyLocks()  # by (lock file's real path, offset)


@contextmanager
def hold(lock_file: str | os.PathLike[str], key: str) -> Iterator[None]:
    """Hold ``key``'s lock in ``lock_file`` (created with mode 600 if missing) for the ``with`` block."""
    import fcntl

    path = os.path.realpath(lock_file)
    offset = int.from_bytes(hashlib.blake2b(key.encode(), digest_size=6).digest(), "big") % _OFFSETS
    with _threads.hold((path, offset)):
        descriptor = _descriptor(path)
        fcntl.lockf(descriptor, fcntl.LOCK_EX, 1, offset)
        try:
            yield
        finally:
            fcntl.lockf(descriptor, fcntl.LOCK_UN, 1, offset)


def _descriptor(path: str) -> int:
    """This process's descriptor of the lock file (a forked child opens its own)."""
    with _guard:
        pid, descriptor = _files.get(path, (0, -1))
        if pid != os.getpid():
            descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            _files[path] = (os.getpid(), descriptor)
        return descriptor
