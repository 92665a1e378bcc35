"""``FileStore``: one file per key in a folder, for the processes of one machine.

Each value is a file of its own, replaced whole: it is written to a file that
has no name yet (Linux's ``O_TMPFILE``), which gets a name only when complete
and is then moved over the old one, so a writer killed at any moment leaves
the old value whole and never part of a file. A writer killed in the instant
between naming the finished file and moving it leaves that file (the new value,
whole, mode 600) under a hidden ``.tmp`` name; the next ``FileStore`` opened on
the folder removes it once it is a minute old. Files have mode
600, and a folder the store creates has mode 700. A token is a file of JSON
(``Token.to_dict()``).

Locks are byte locks in the folder's ``.lock`` file: the operating system
drops them when their holder ends, so a killed holder's lock is free at once.
POSIX only.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import tempfile
import time
from contextlib import AbstractContextManager
from pathlib import Path
from urllib.parse import quote

from . import _oslock
from ._base import TokenMethods, check_key, check_ttl, check_value

__all__ = ["FileStore"]

_EXPIRES = b"\x00spotlite expires "  # header of a value with a time to live (JSON never starts with NUL)
_TEMPORARY = ".tmp"  # suffix of a file being moved into place
_STALE = 60.0  # seconds after which a temporary file left by a killed writer is removed


class FileStore(TokenMethods):
    """A store in a folder, one file per key, shared by the processes of one machine.

    A ``TokenStore`` and a ``Backend``. A dead lock holder's lock is free at
    once (the operating system drops it).

    Args:
        folder: the folder (created with mode 700 when missing).
    """

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self._folder = Path(folder)
        self._folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self._lock_file = self._folder / ".lock"
        _remove_stale(self._folder)

    @property
    def folder(self) -> Path:
        """The folder the files are in."""
        return self._folder

    def get(self, key: str) -> bytes | None:
        """The value under ``key``, or None when there is none or it has expired."""
        try:
            data = self._path(key).read_bytes()
        except FileNotFoundError:
            return None
        if not data.startswith(_EXPIRES):
            return data
        expires, _, value = data[len(_EXPIRES):].partition(b"\n")
        return value if float(expires) > time.time() else None

    def put(self, key: str, value: bytes, ttl: float | None = None) -> None:
        """Replace the file of ``key`` by one holding ``value`` (expiring after ``ttl`` seconds)."""
        value, ttl = check_value(value), check_ttl(ttl)
        if ttl is not None or value.startswith(_EXPIRES):
            value = _EXPIRES + repr(time.time() + (ttl or 1e12)).encode() + b"\n" + value
        _replace(self._path(key), value)

    def delete(self, key: str) -> None:
        """Remove the file of ``key``, if any."""
        self._path(key).unlink(missing_ok=True)

    def lock(self, key: str) -> AbstractContextManager[None]:
        """``key``'s lock among every process of this machine using the folder."""
        return _oslock.hold(self._lock_file, check_key(key))

    def _path(self, key: str) -> Path:
        """The file of ``key``: its name quoted (no ``/``, no leading dot), or hashed when long."""
        name = quote(check_key(key), safe="")
        if name.startswith("."):
            name = "%2E" + name[1:]
        if len(name) > 200:
            name = "%%" + hashlib.sha256(key.encode()).hexdigest()  # quote never writes "%%"
        return self._folder / name

    def __repr__(self) -> str:
        return f"FileStore({str(self._folder)!r})"


def _replace(path: Path, data: bytes) -> None:
    """Put ``data`` in ``path`` whole or not at all; a killed writer leaves no temporary file behind."""
    temporary = f".{path.name}.{secrets.token_hex(8)}{_TEMPORARY}"
    folder = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        try:
            descriptor = os.open(".", os.O_TMPFILE | os.O_WRONLY | os.O_CLOEXEC, 0o600, dir_fd=folder)
        except (AttributeError, OSError):  # not Linux, or a file system without unnamed files
            _replace_named(path, data)
            return
        try:
            _write_all(descriptor, data)
            # named only once complete (linkat, following /proc's link to the open file)
            os.link(f"/proc/self/fd/{descriptor}", temporary, dst_dir_fd=folder, follow_symlinks=True)
        finally:
            os.close(descriptor)
        try:
            os.replace(temporary, path.name, src_dir_fd=folder, dst_dir_fd=folder)
        except BaseException:
            os.unlink(temporary, dir_fd=folder)
            raise
    finally:
        os.close(folder)


def _replace_named(path: Path, data: bytes) -> None:
    """``_replace`` with a named temporary file (mode 600), removed on failure or by the next store opened."""
    descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=_TEMPORARY)
    try:
        try:
            _write_all(descriptor, data)
        finally:
            os.close(descriptor)
        os.replace(name, path)
    except BaseException:
        os.unlink(name)
        raise


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view):]


def _remove_stale(folder: Path) -> None:
    """Remove temporary files that killed writers left (older than a minute: no writer still moves them)."""
    now = time.time()
    for path in folder.glob(f".*{_TEMPORARY}"):
        try:
            if now - path.stat().st_mtime > _STALE:
                path.unlink()
        except FileNotFoundError:
            pass
