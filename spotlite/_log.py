"""spotlite's loggers: one per module (``logging.getLogger(__name__)``), under the package's logger.

The package's logger (``spotlite``) gets a ``logging.NullHandler`` when the
first module that logs is loaded, so nothing is printed (not even the
warnings Python's last-resort handler would print) unless the program
configures logging. What is logged, by level:

- DEBUG: one line per attempt (method, path, status, milliseconds, attempt
  number), answers served from the HTTP cache, calls held at the rate-limit gate;
- INFO: a ``RefreshingToken`` refreshed (never its value);
- WARNING: waiting on a 429 (how long), retrying after a 5xx or a broken
  connection, a write that failed part way, an ``on_refresh`` that failed, a
  store the HTTP cache or the rate-limit gate uses that failed (the call goes
  on without it).

No record holds a token, a secret, an authorisation code or a PKCE verifier:
records name a request by its method and path, never its headers, query or body.
"""

from __future__ import annotations

import logging
import time
from typing import Any
from urllib.parse import urlsplit

__all__ = ["get_logger", "path_of"]

_PACKAGE = __name__.rpartition(".")[0]  # "spotlite", or the package a vendored copy lives in


def get_logger(name: str) -> logging.Logger:
    """The logger of module ``name``; makes sure the package's logger has its ``NullHandler``."""
    package = logging.getLogger(_PACKAGE)
    if not any(isinstance(handler, logging.NullHandler) for handler in package.handlers):
        package.addHandler(logging.NullHandler())
    return logging.getLogger(name)


def path_of(url: str) -> str:
    """The path of ``url``, without its query (which may hold what a user searched for)."""
    return urlsplit(url).path or "/"


# The HTTP layer's records, written here so that ``_http`` holds one call per event.
_http = get_logger(_PACKAGE + "._http")


def attempt(method: str, url: str, outcome: Any, number: int, started: float) -> None:
    """DEBUG: one line per attempt: method, path, status (or the failure), milliseconds, attempt number (from 1)."""
    if _http.isEnabledFor(logging.DEBUG):
        error = getattr(outcome, "error", None)
        status = type(error).__name__ if error is not None else outcome.status
        _http.debug("%s %s %s %.0f ms (attempt %d)", method, path_of(url), status,
                    (time.monotonic() - started) * 1000, number)


def retry(method: str, url: str, outcome: Any, delay: float, number: int, retries: int) -> None:
    """WARNING: a retry about to wait ``delay`` seconds, and why (a 429, a 5xx, a broken connection)."""
    if not _http.isEnabledFor(logging.WARNING):
        return
    error = getattr(outcome, "error", None)
    if error is not None:  # a TransportError: its message without the method and URL it starts with
        why = str(error).removeprefix(f"{error.method} {error.url}: ")
    elif outcome.status == 429:
        why = f"429 {outcome.reason}: rate limited".replace("  ", " ")
    else:
        why = f"{outcome.status} {outcome.reason}".rstrip()
    _http.warning("%s %s: %s; waiting %.1f s before retry %d of %d", method, path_of(url), why, delay, number,
                  retries)


def held(method: str, url: str, seconds: float, api: str) -> None:
    """DEBUG: a call waiting at the rate-limit gate of ``api``."""
    _http.debug("%s %s waits %.1f s at the rate-limit gate of %s", method, path_of(url), seconds, api)


def cached(url: str, fresh_for: float) -> None:
    """DEBUG: a GET served from the HTTP cache."""
    _http.debug("GET %s from the cache (fresh for %.0f s more)", path_of(url), fresh_for)


def store_failed(user: logging.Logger, what: str, error: Exception) -> None:
    """WARNING: the store under ``what`` (the HTTP cache, the rate-limit gate) failed; the call goes on without it."""
    user.warning("%s: its store failed (%s: %.200s); going on without it", what, type(error).__name__, error)
