"""Offline tests for code that uses spotlite: record Spotify's answers once, replay them in CI.

``pip install 'spotlite-client[testing]'`` (from a clone: ``pip install '.[testing]'``) adds vcrpy. What it gives:

- ``cassette(path)``: a vcrpy cassette set up as spotlite's own tests use
  theirs (a context manager and a decorator): requests match on method, URL
  and body; tokens, secrets and codes are filtered from what is recorded and
  from what is replayed; replay only, unless ``SPOTLITE_RECORD`` says to
  record (``1``: what is missing, ``all``: everything again). A request the
  cassette lacks raises ``MissingInteraction``, saying how to record it.
- a pytest plugin (active once spotlite is installed, inert unless its
  fixtures are used): ``spotify_cassette`` gives each test its cassette at
  ``cassettes/<test module>/<test name>.yaml``; ``spotify_token`` a live
  user token when recording and a placeholder when replaying.
- ``FakeSpotify``: a fake Spotify (Web API and accounts service) on
  127.0.0.1 that a ``with`` block points spotlite at: stateful (playlists,
  library, follows, player), with tokens that carry scopes and expire on a
  clock the test moves, and failures on demand (429, 5xx, resets, slow
  answers); the plugin's ``spotify_fake`` fixture gives one per test.
- ``python -m spotlite.testing check cassettes/``: fails when a cassette
  holds something that looks like a live token or secret (``check`` here).

``import spotlite`` never imports this package, and vcrpy is imported only
when a cassette is used: a vendored copy of spotlite may leave it out.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._common import (
    ACCESS_TOKEN,
    REDACTED,
    REFRESH_TOKEN,
    USER_TOKEN,
    is_placeholder,
    record_mode,
)

if TYPE_CHECKING:
    from ._cassette import CassetteUse, MissingInteraction, cassette
    from ._check import Finding, Report, check
    from ._fake import FakeSpotify

__all__ = [
    "ACCESS_TOKEN", "REDACTED", "REFRESH_TOKEN", "USER_TOKEN", "CassetteUse", "FakeSpotify", "Finding", "MissingInteraction",
    "Report", "cassette", "check", "is_placeholder", "record_mode",
]

_LAZY = {"cassette": "_cassette", "CassetteUse": "_cassette", "MissingInteraction": "_cassette",
         "check": "_check", "Finding": "_check", "Report": "_check", "FakeSpotify": "_fake"}


def __getattr__(name: str) -> Any:
    """Load vcrpy (``cassette``), PyYAML (``check``) or the fake (``FakeSpotify``) on first use only."""
    if name not in _LAZY:
        raise AttributeError(f"module 'spotlite.testing' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    globals()[name] = value
    return value
