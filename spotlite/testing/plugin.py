"""spotlite's pytest plugin: a cassette and a token for each test that asks for them.

Installed with spotlite (the ``pytest11`` entry point ``spotlite``; ``-p
no:spotlite`` turns it off); it does nothing for a test that uses none of its
fixtures, and loads vcrpy only for one that uses ``spotify_cassette``::

    def test_top_tracks(spotify_cassette, spotify_token):
        tracks = spotlite.current_user_top_tracks(spotify_token, limit=5).items
        assert [t.name for t in tracks] == [...]

- ``spotify_cassette``: the test runs inside ``spotlite.testing.cassette`` at
  ``cassettes/<test module>/<test name>.yaml`` under the rootdir, or under the
  folder the ini option ``spotify_cassettes`` names (relative to the
  rootdir). It gives vcrpy's ``Cassette`` (``.requests``...).
- ``spotify_fake``: a ``spotlite.testing.FakeSpotify`` running for the test,
  spotlite pointed at it (no cassette, no network): a fresh Spotify per test,
  stateful, whose tokens carry scopes and which fails on demand.
- ``spotify_token`` (one per session): when recording (``SPOTLITE_RECORD``
  set), a ``spotlite.RefreshingToken`` refreshed from ``SPOTIFY_CLIENT_ID``,
  ``SPOTIFY_CLIENT_SECRET`` and ``SPOTIFY_USER_REFRESH``; when replaying, the
  placeholder ``"dummy-user-token"`` (cassettes never hold the token).

Record once with ``SPOTLITE_RECORD=1 pytest`` and the three variables set,
check the cassettes with ``python -m spotlite.testing check cassettes/`` and
commit them; CI replays them with nothing set.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from ._common import CREDENTIALS, RECORD_VARIABLE, USER_TOKEN, record_mode

if TYPE_CHECKING:
    from .._token import TokenLike
    from ._fake import FakeSpotify

__all__ = ["cassette_path", "spotify_cassette", "spotify_fake", "spotify_token"]

INI = "spotify_cassettes"
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')  # not allowed in file names on some systems


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(INI, help="folder of spotify_cassette's cassettes, relative to the rootdir (default: cassettes)",
                  default="cassettes")


def cassette_path(request: pytest.FixtureRequest) -> Path:
    """Where ``spotify_cassette`` keeps the cassette of the test ``request`` is for.

    ``<folder>/<test module>/<test name>.yaml``; a test in a class is named
    ``<class>.<test name>``; characters some systems refuse in file names
    become ``_``.
    """
    folder = request.config.rootpath / str(request.config.getini(INI) or "cassettes")
    module = request.node.module.__name__.rsplit(".", 1)[-1] if request.node.module else "tests"
    name = request.node.name if request.node.cls is None else f"{request.node.cls.__name__}.{request.node.name}"
    return folder / module / f"{_UNSAFE.sub('_', name)}.yaml"


@pytest.fixture
def spotify_cassette(request: pytest.FixtureRequest) -> Iterator[Any]:
    """Run the test inside its own cassette (replay only unless ``SPOTLITE_RECORD`` says to record)."""
    from ._cassette import cassette

    with cassette(cassette_path(request)) as recorded:
        yield recorded


@pytest.fixture
def spotify_fake() -> Iterator[FakeSpotify]:
    """A ``FakeSpotify`` for the test, spotlite's settings pointed at it inside the test (restored after)."""
    from ._fake import FakeSpotify

    with FakeSpotify() as fake:
        yield fake


@pytest.fixture(scope="session")
def spotify_token() -> TokenLike:
    """A live user token when recording, the placeholder ``"dummy-user-token"`` when replaying."""
    if record_mode() == "none":
        return USER_TOKEN
    missing = [name for name in CREDENTIALS if not os.environ.get(name)]
    if missing:
        pytest.fail(f"{RECORD_VARIABLE} is set, so spotify_token must be a live token: set {', '.join(missing)} "
                    f"(your app's ID and secret, and a refresh token granted the scopes the tests need)",
                    pytrace=False)
    from ..auth import refresh_user_token
    from ..refreshing import RefreshingToken

    client_id, client_secret, refresh = (os.environ[name] for name in CREDENTIALS)
    return RefreshingToken(refresh_user_token(client_id, client_secret, refresh), client_id, client_secret)
