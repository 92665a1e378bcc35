"""spotlite's loggers: one per module (``logging.getLogger(__name__)``), under the package's logger.

The package's logger (``spotlite``) gets a ``logging.NullHandler`` when the
first module that logs is loaded, so nothing is printed (not even the
warnings Python's last-resort handler would print) unless the program
configures logging. What is logged, by level:

- DEBUG: one line per attempt (method, path, status, milliseconds, attempt
  number), answers served from the HTTP cache, calls held at the rate-limit gate;
- INFO: a ``RefreshingToken`` refreshed (never its value);
- WARNING: waiting on a 429 (how long), retrying after a 5xx or a broken
  connection, a write that failed part way, an ``on_refresh`` that failed.

No record holds a token, a secret, an authorisation code or a PKCE verifier:
records name a request by its method and path, never its headers, query or body.
"""

from __future__ import annotations

import logging
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
