"""Client configuration in environment variables and INI files, as Tekore keeps it.

The names are ``SPOTIFY_CLIENT_ID``, ``SPOTIFY_CLIENT_SECRET``,
``SPOTIFY_REDIRECT_URI`` and ``SPOTIFY_USER_REFRESH``, so an existing
``tekore.cfg`` works::

    [DEFAULT]
    SPOTIFY_CLIENT_ID = 5fe01282e44241328a84e7c5cc169165
    SPOTIFY_CLIENT_SECRET = ...

From the environment a value that is not set reads as None (to tell whether
the app is configured); from a file every value asked for must be set, so the
values are typed ``str`` (``refresh_user_token(*conf[:2], conf[3])`` type-checks)
and a missing one raises ``InvalidInput`` naming it. Files are written
atomically and are readable by their owner only, since they hold secrets.
"""

from __future__ import annotations

import configparser
import glob
import io
import os
import secrets
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Literal, overload

from ._http import LONE_SURROGATE, encodable
from .errors import InvalidInput, quoted

__all__ = ["config_from_environment", "config_from_file", "config_to_file"]

NAMES = ("SPOTIFY_CLIENT_ID", "SPOTIFY_CLIENT_SECRET", "SPOTIFY_REDIRECT_URI", "SPOTIFY_USER_REFRESH")

Config = tuple[str | None, ...]
"""``(client_id, client_secret, redirect_uri)``, plus the refresh token when asked; None for a value not set."""


def config_from_environment(return_refresh: bool = False) -> Config:
    """Read the configuration from environment variables.

    Args:
        return_refresh: also read ``SPOTIFY_USER_REFRESH``, the user's refresh token.

    Returns:
        ``(client_id, client_secret, redirect_uri)``, and the user's refresh
        token fourth when ``return_refresh``; None for a variable not set.
    """
    return _pick(os.environ, return_refresh)


@overload
def config_from_file(
    file_path: str | os.PathLike[str],
    section: str = ...,
    return_refresh: Literal[False] = ...,
    *,
    missing_ok: Literal[False] = ...,
) -> tuple[str, str, str]: ...
@overload
def config_from_file(
    file_path: str | os.PathLike[str], section: str, return_refresh: Literal[True], *, missing_ok: Literal[False] = ...
) -> tuple[str, str, str, str]: ...
@overload
def config_from_file(
    file_path: str | os.PathLike[str], section: str = ..., *, return_refresh: Literal[True], missing_ok: Literal[False] = ...
) -> tuple[str, str, str, str]: ...
@overload
def config_from_file(
    file_path: str | os.PathLike[str], section: str = ..., return_refresh: bool = ..., *, missing_ok: bool = ...
) -> Config: ...
def config_from_file(
    file_path: str | os.PathLike[str], section: str = "DEFAULT", return_refresh: bool = False, *, missing_ok: bool = False
) -> Config:
    """Read the configuration from a section of an INI file.

    Args:
        file_path: the INI file to read.
        section: the section to read (``DEFAULT`` by default).
        return_refresh: also read ``SPOTIFY_USER_REFRESH``, the user's refresh token.
        missing_ok: give None for a value not set instead of raising (a file
            for PKCE holds no client secret); the values are then ``str | None``.

    Returns:
        ``(client_id, client_secret, redirect_uri)``, and the user's refresh
        token fourth when ``return_refresh``: each a str.

    Raises:
        FileNotFoundError: there is no such file.
        InvalidInput: the file has no such section, or (unless ``missing_ok``)
            a value asked for is not set there; the message names it.
    """
    for name, flag in (("return_refresh", return_refresh), ("missing_ok", missing_ok)):
        if not isinstance(flag, bool):
            raise InvalidInput(f"{name} must be True or False, got {quoted(flag)}")
    parser = _parser()
    with open(file_path, encoding="utf-8") as file:
        parser.read_file(file)
    if section != "DEFAULT" and not parser.has_section(section):
        raise InvalidInput(f"{quoted(os.fspath(file_path))} has no section [{section}]")
    values = {name: parser.get(section, name, fallback="") for name in NAMES}
    missing = [name for name in NAMES[: 4 if return_refresh else 3] if not values[name]]
    if missing and not missing_ok:
        raise InvalidInput(
            f"{quoted(os.fspath(file_path))} sets no {' and no '.join(missing)} in [{section}] "
            "(missing_ok=True gives None for a value not set)"
        )
    return _pick(values, return_refresh)


def config_to_file(file_path: str | os.PathLike[str], values: tuple[str | None, ...], section: str = "DEFAULT") -> None:
    """Write ``(client_id, client_secret, redirect_uri[, refresh_token])`` to a file.

    Other sections and keys of an existing file are kept; None values are left
    out. The file is replaced atomically and gets mode 600.

    Args:
        file_path: the INI file to write (created if missing).
        values: ``(client_id, client_secret, redirect_uri)``, and optionally the refresh token fourth.
        section: the section to write (``DEFAULT`` by default).
    """
    if not 3 <= len(values) <= 4:
        raise InvalidInput(f"expected 3 or 4 values (id, secret, redirect URI, refresh token), got {len(values)}")
    path = Path(file_path)
    parser = _parser()
    if path.exists():
        parser.read(path, encoding="utf-8")
    if section != "DEFAULT" and not parser.has_section(section):
        parser.add_section(section)
    for name, value in zip(NAMES, values):
        if isinstance(value, str) and not encodable(value):  # the value may be a secret: not shown
            raise InvalidInput(f"the value of {name} {LONE_SURROGATE}")
        if value is not None:
            parser.set(section, name, value)
    _write_private(path, parser)


def _parser() -> configparser.RawConfigParser:
    parser = configparser.RawConfigParser()
    parser.optionxform = str.upper  # type: ignore[assignment,method-assign]
    return parser


def _pick(source: Mapping[str, str], return_refresh: bool) -> Config:
    names = NAMES if return_refresh else NAMES[:3]
    return tuple(source.get(name) or None for name in names)


def _write_private(path: Path, parser: configparser.RawConfigParser) -> None:
    """Write a file of mode 600 beside ``path``, whole, then move it over ``path`` at once.

    On Linux the file is written unnamed (``O_TMPFILE``) and gets a name only
    once it is whole, so a writer killed part way leaves nothing behind.
    Elsewhere a writer killed part way leaves a hidden ``.NAME.*.tmp`` file,
    which the next write removes once it is an hour old. Either way ``path``
    itself is always the old config or the new one, whole.
    """
    text = io.StringIO()
    parser.write(text)
    data = text.getvalue().encode("utf-8")
    folder = path.parent
    _remove_stale(folder, path.name)
    temporary = folder / f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp"
    descriptor, named = _unnamed(folder), False
    try:
        if descriptor is None:
            descriptor, named = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), True
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view):]
        os.fsync(descriptor)
        if not named:  # whole now: give it a name
            # the src_dir_fd (ignored: the path is absolute) makes it linkat following the /proc link
            os.link(f"/proc/self/fd/{descriptor}", temporary, src_dir_fd=descriptor)
            named = True
        os.replace(temporary, path)
    except BaseException:
        if named:
            temporary.unlink(missing_ok=True)
        raise
    finally:
        if descriptor is not None:
            os.close(descriptor)


def _unnamed(folder: Path) -> int | None:
    """An unnamed file of mode 600 in ``folder`` (Linux's ``O_TMPFILE``), or None where there is none."""
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or not os.path.isdir("/proc/self/fd"):
        return None
    try:
        return os.open(folder, flag | os.O_WRONLY, 0o600)
    except OSError:  # a file system without it
        return None


def _remove_stale(folder: Path, name: str) -> None:
    """Remove the temporary files of writes to ``name`` that were killed part way, an hour or more ago."""
    try:
        stale = [p for p in folder.glob(f".{glob.escape(name)}.*.tmp") if time.time() - p.stat().st_mtime > 3600]
    except OSError:
        return
    for leftover in stale:
        leftover.unlink(missing_ok=True)
