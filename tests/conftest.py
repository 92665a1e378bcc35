"""Cassettes for every test: replay by default, record on demand, on spotlite's public kit.

Normal runs replay ``cassettes/<test module>/<test name>.yaml`` through
``spotlite.testing.cassette`` in record mode ``none``: a request without a
recorded answer fails (``MissingInteraction``), and nothing leaves the
machine. ``SPOTLITE_RECORD=1 python -m pytest`` records what is missing,
``SPOTLITE_RECORD=all`` every cassette again: against the live API when
``SPOTIFY_CLIENT_ID``, ``SPOTIFY_CLIENT_SECRET`` and ``SPOTIFY_USER_REFRESH``
are set, otherwise against the loopback stand-in in ``tests/standin``. Either
way the cassettes hold the request exactly as spotlite sent it to
``https://api.spotify.com/v1``, with secrets filtered.
"""

from __future__ import annotations

import asyncio
import functools
import os
import re
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
import requests
from drivers import DRIVERS, Call, on_driver
from loopback import Handler, Server, reply, serving
from recording import CREDENTIALS, HOSTS, LIVE, RECORDING, use_cassette
from requests.adapters import HTTPAdapter

import spotlite
from spotlite import _aiohttp, _http, aio


class LoopbackAdapter(HTTPAdapter):
    """Sends requests meant for Spotify to the stand-in, keeping their paths."""

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        original = request.url or ""
        for real, loopback in HOSTS.items():
            if original.startswith(real):
                request.url = loopback + original[len(real):]
        response = super().send(request, **kwargs)
        response.url = original
        return response


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--driver", choices=DRIVERS, default="sync",
                     help="aio: run the endpoint, auth and paging tests through spotlite.aio's twins (tox runs both)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With ``--driver aio``, only the tests of the endpoint, auth and paging modules, which ``through_aio`` covers."""
    if config.getoption("driver") == "aio":
        api = {f"test_{path.stem}" for path in (Path(spotlite.__file__).parent / "api").glob("[!_]*.py")}
        items[:] = [item for item in items if item.module.__name__ in api | {"test_auth", "test_paging"}]


@pytest.fixture(autouse=True)
def through_aio(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """With ``--driver aio``, ``spotlite.<name>`` runs ``spotlite.aio.<name>`` for every name aio has, each in a
    fresh event loop: the same tests, the same cassettes, on the async driver."""
    if request.config.getoption("driver") != "aio":
        return
    for name in aio._HOME:
        monkeypatch.setattr(spotlite, name, functools.partial(on_driver("aio"), getattr(spotlite, name)))


@pytest.fixture(scope="session")
def standin() -> Iterator[None]:
    """When recording without credentials: serve the stand-in and route Spotify's hosts to it."""
    if not RECORDING or LIVE:
        yield
        return
    from standin.server import start

    server, base = start()
    HOSTS.update({"https://api.spotify.com": base, "https://accounts.spotify.com": base + "/accounts"})
    session = requests.Session()
    session.mount("https://", LoopbackAdapter())
    old = spotlite.configure(session=session)
    yield
    spotlite.configure(session=old.session)
    server.shutdown()


@pytest.fixture(autouse=True)
def cassette(request: pytest.FixtureRequest, standin: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Every test runs inside its own cassette (but those on a loopback server); retries never really sleep."""
    monkeypatch.setattr(_http.time, "sleep", lambda seconds: None)
    monkeypatch.setattr(_aiohttp, "_sleep", instant)
    if "loopback" in request.fixturenames:
        yield None
        return
    test = re.sub(r"\[(sync|aio)\]$|(?<=\[)(sync|aio)-", "", request.node.name)  # one cassette for both drivers
    name = f"{request.node.module.__name__.rsplit('.', 1)[-1]}/{test}.yaml"
    with use_cassette(name) as recorded:
        yield recorded


async def instant(seconds: float) -> None:
    """``asyncio.sleep`` for the tests' async driver: lets the loop run once, waits no time."""
    await asyncio.sleep(0)


@pytest.fixture
def slept(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The delays the retry policy asked for, on either driver (nothing really sleeps)."""
    delays: list[float] = []

    async def noted(seconds: float) -> None:
        delays.append(seconds)
        await asyncio.sleep(0)

    monkeypatch.setattr(_http.time, "sleep", delays.append)
    monkeypatch.setattr(_aiohttp, "_sleep", noted)
    return delays


@pytest.fixture(params=DRIVERS)
def call(request: pytest.FixtureRequest) -> Call:
    """Run a test on both drivers of the policy: ``call(spotlite.album, token, album_id)`` (see ``drivers``)."""
    return on_driver(request.param)


@pytest.fixture
def loopback() -> Iterator[Callable[[Handler], Server]]:
    """Start loopback servers for a test; spotlite's API and accounts URLs point at the last one started.

    ``server = loopback(handler)``; every server is stopped and every setting
    restored after the test. Tests using it run without a cassette.
    """
    old = spotlite.configure()
    with ExitStack() as stack:

        def start(handler: Handler) -> Server:
            server = stack.enter_context(serving(handler))
            spotlite.configure(api_url=server.url + "/v1", accounts_url=server.url + "/accounts", session=None)
            return server

        yield start
        spotlite.configure(**{name: getattr(old, name) for name in old.__dataclass_fields__})


@pytest.fixture
def canned(loopback: Callable[[Handler], Server]) -> Callable[[int, Any], None]:
    """Answer every request with one status and JSON body, from a loopback server, without a cassette.

    For requests no cassette may hold: those over the limits of Spotify's spec,
    sent to show how spotlite explains Spotify's refusal.
    """

    def answer(status: int, body: Any) -> None:
        loopback(lambda request, conn: reply(conn, status, body))

    return answer


def body_of(request: Any) -> str:
    """A recorded request's body as text."""
    body = request.body or b""
    return body.decode() if isinstance(body, bytes) else str(body)


@pytest.fixture(scope="session")
def token() -> str | spotlite.Token:
    """A user token: live when recording live, a placeholder otherwise."""
    if LIVE:
        return spotlite.refresh_user_token(*(os.environ[name] for name in CREDENTIALS))
    return "dummy-user-token"


@pytest.fixture(scope="session")
def expired_token() -> str:
    """A token the API refuses with 401 as expired."""
    return "dummy-expired-token"


@pytest.fixture(scope="session")
def revoked_token() -> str:
    """A token the API refuses with 401 as invalid (not expired)."""
    return "dummy-revoked-token"
