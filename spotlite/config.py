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
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Literal, overload

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
    """Write to a temporary file of mode 600 beside ``path``, then move it over."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            parser.write(file)
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
