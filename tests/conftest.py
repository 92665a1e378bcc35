"""Cassettes for every test: replay by default, record on demand, on spotlite's public kit.

Normal runs replay ``cassettes/<test module>/<test name>.yaml`` through
``spotlite.testing.cassette`` in record mode ``none``: a request without a
recorded answer fails (``MissingInteraction``), and nothing leaves the
machine. ``SPOTLITE_RECORD=1 python -m pytest`` records what is missing,
``SPOTLITE_RECORD=all`` every cassette again: against the live API when
``SPOTIFY_CLIENT_ID``, ``SPOTIFY_CLIENT_SECRET`` and ``SPOTIFY_USER_REFRESH``
are set, otherwise against ``spotlite.testing.FakeSpotify`` (the stand-in our
users get). Either way the cassettes hold the request exactly as spotlite sent
it to ``https://api.spotify.com/v1``, with secrets filtered.

``SPOTLITE_FAKE=1 python -m pytest`` runs the tests live against a fresh
``FakeSpotify`` each instead of their cassettes (nothing recorded), and checks
every answer the fake gives against Spotify's spec (``faithful.py``).
"""

from __future__ import annotations

import asyncio
import base64
import dataclasses
import functools
import json
import logging
import os
import re
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import parse_qsl

import pytest
import requests
from drivers import DRIVERS, Call, on_driver
from faithful import unfaithful
from loopback import Handler, Server, reply, serving
from recording import CREDENTIALS, FAKE, HOSTS, LIVE, RECORDING, use_cassette
from requests.adapters import HTTPAdapter

import spotlite
from spotlite import _aiohttp, _http, aio
from spotlite.testing import FakeSpotify


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


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "no_cassette: the test runs without a cassette (it talks to a fake of its own)")
    config.addinivalue_line("markers", "cassette_only: the test checks what a cassette holds (filtered secrets, "
                                       "Spotify's hosts): it replays its cassette under SPOTLITE_FAKE=1 too")


class SecretWatch(logging.Handler):
    """Every record spotlite logs during the whole run, at every level, and every secret the run sent or received.

    Secrets: each access token sent, the client secret of a ``Basic`` header,
    ``client_secret``, ``code``, ``code_verifier`` and ``refresh_token`` in
    forms, and the tokens of every token answer. No record may hold one.
    """

    FORM_SECRETS = ("client_secret", "code", "code_verifier", "refresh_token")
    ANSWER_SECRETS = ("access_token", "refresh_token")
    SHORTEST = 8  # shorter "secrets" (test placeholders such as "AQ") would match ordinary words

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []
        self.secrets: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def saw(self, *found: str) -> None:
        self.secrets.update(value for value in found if isinstance(value, str) and len(value) >= self.SHORTEST)

    def saw_request(self, request: Any) -> None:
        """The secrets of a request as built: a ``Basic`` header's, and those of a form."""
        basic = request.headers.get("Authorization", "")
        if basic.startswith("Basic "):
            self.saw(basic[6:], *base64.b64decode(basic[6:]).decode(errors="replace").split(":", 1)[1:])
        if request.headers.get("Content-Type") == "application/x-www-form-urlencoded" and request.body:
            form = dict(parse_qsl(request.body.decode(errors="replace")))
            self.saw(*(form.get(name, "") for name in self.FORM_SECRETS))

    def saw_answer(self, parsed: Any) -> None:
        """The tokens of a token answer."""
        if isinstance(parsed, dict) and "access_token" in parsed:
            self.saw(*(parsed.get(name) or "" for name in self.ANSWER_SECRETS))

    def leaks(self, records: list[logging.LogRecord]) -> list[str]:
        """The records (as text) that hold a secret."""
        formatter = logging.Formatter()
        texts = [f"{record.name} {record.levelname} {record.getMessage()} {formatter.formatException(record.exc_info)}"
                 if record.exc_info else f"{record.name} {record.levelname} {record.getMessage()}" for record in records]
        return [text for text in texts if any(secret in text for secret in self.secrets)]


WATCH = SecretWatch()


@pytest.fixture(scope="session", autouse=True)
def every_record() -> Iterator[SecretWatch]:
    """Capture every record spotlite logs, at DEBUG and up, for the whole run, and what the run kept secret."""
    logger = logging.getLogger("spotlite")
    level = logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(WATCH)
    originals = {name: getattr(_http, name) for name in ("_request", "_transmit", "_parsed")}

    def built(*args: Any, **kwargs: Any) -> Any:
        request = originals["_request"](*args, **kwargs)
        WATCH.saw_request(request)
        return request

    def transmitted(config: Any, request: Any, url: str, secret: str | None, *args: Any, **kwargs: Any) -> Any:
        WATCH.saw(secret or "")  # the access token sent
        return originals["_transmit"](config, request, url, secret, *args, **kwargs)

    def parsed(answer: Any) -> Any:
        value = originals["_parsed"](answer)
        WATCH.saw_answer(value)
        return value

    sending = _aiohttp._attempt

    async def sent_on_the_loop(config: Any, step: Any) -> Any:
        WATCH.saw(step.secret or "")  # the access token the async driver sent
        return await sending(config, step)

    _http._request, _http._transmit, _http._parsed = built, transmitted, parsed  # type: ignore[assignment]
    _aiohttp._attempt = sent_on_the_loop  # type: ignore[assignment]
    yield WATCH
    for name, original in originals.items():
        setattr(_http, name, original)
    _aiohttp._attempt = sending  # type: ignore[assignment]
    logger.removeHandler(WATCH)
    logger.setLevel(level)
    leaks = WATCH.leaks(WATCH.records)
    assert not leaks, f"{len(leaks)} log records of the run hold a secret: {leaks[:5]}"


@pytest.fixture(autouse=True)
def no_secret_logged() -> Iterator[None]:
    """Fail a test whose flows logged a token, a secret, a code or a verifier, at any level."""
    first = len(WATCH.records)
    yield
    leaks = WATCH.leaks(WATCH.records[first:])
    if leaks:
        pytest.fail(f"a log record holds a secret: {leaks[0]}")


@pytest.fixture(scope="session")
def standin() -> Iterator[None]:
    """When recording without credentials: serve the stand-in and route Spotify's hosts to it."""
    if not RECORDING or LIVE:
        yield
        return
    fake = FakeSpotify().start()
    old = spotlite.configure(session=routed_to(fake))
    yield
    spotlite.configure(session=old.session)
    fake.stop()


def routed_to(fake: FakeSpotify) -> requests.Session:
    """A session sending requests for Spotify's hosts to ``fake`` (URLs kept as Spotify's above the transport)."""
    HOSTS.update({"https://api.spotify.com": fake.url, "https://accounts.spotify.com": fake.accounts_url})
    session = requests.Session()
    session.mount("https://", LoopbackAdapter())
    return session


class FakeUse:
    """What a test gets instead of its cassette under SPOTLITE_FAKE=1: the fake's requests and answers, shaped as
    vcrpy's (``requests``: ``uri``, ``method``, ``body``, ``headers``; ``responses``: ``status``, ``body``), so
    the tests' assertions on what was sent hold either way."""

    def __init__(self, fake: FakeSpotify) -> None:
        self.fake = fake

    @property
    def requests(self) -> list[SimpleNamespace]:
        return [SimpleNamespace(uri=r.url, url=r.url, method=r.method, body=r.body or None, headers=r.headers)
                for r in self.fake.requests]

    @property
    def responses(self) -> list[dict[str, Any]]:
        return [{"status": {"code": r.answer.status}, "headers": r.answer.headers, "body": {"string": text(r.answer.body)}}
                for r in self.fake.requests if r.answer is not None]


def text(body: Any) -> str:
    """An answer's body as a cassette holds it."""
    return body.decode(errors="replace") if isinstance(body, bytes) else "" if body is None else json.dumps(body)


@contextmanager
def live_fake() -> Iterator[FakeSpotify]:
    """SPOTLITE_FAKE=1: a fresh fake for the test instead of its cassette; every answer checked against the spec."""
    fake = FakeSpotify().start()
    old = spotlite.configure(session=routed_to(fake))  # as the recording does: the tests change settings themselves
    try:
        yield fake
    finally:
        spotlite.configure(session=old.session)
        fake.stop()
    problems = [problem for request in fake.requests for problem in unfaithful(request)]
    assert not problems, "the fake answered unlike Spotify:\n" + "\n".join(problems)


@pytest.fixture(autouse=True)
def cassette(request: pytest.FixtureRequest, standin: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Every test runs inside its own cassette (but those on a loopback server); retries never really sleep.

    Each test starts with a rate-limit gate of its own, so a 429 of one test holds no call of the next.
    """
    monkeypatch.setattr(_http.time, "sleep", lambda seconds: None)
    monkeypatch.setattr(_aiohttp, "_sleep", instant)
    monkeypatch.setattr(_http, "_settings", dataclasses.replace(_http._settings, gate=spotlite.RateLimitGate()))
    if "loopback" in request.fixturenames or request.node.get_closest_marker("no_cassette"):
        yield None
        return
    if FAKE and not request.node.get_closest_marker("cassette_only"):
        with live_fake() as fake:
            yield FakeUse(fake)
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


REAL_SLEEP = time.sleep  # before any test's instant sleep


@pytest.fixture
def real_sleep(monkeypatch: pytest.MonkeyPatch) -> None:
    """``time.sleep`` that really sleeps, for tests of threads and processes (the autouse fixture's returns at once)."""
    monkeypatch.setattr(time, "sleep", REAL_SLEEP)


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    """A real redis-server on 127.0.0.1 (started by the stores' benchmark), skipped where none is installed."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    import stores

    if shutil.which("redis-server") is None:
        pytest.skip(stores.NO_REDIS)
    with stores.redis_server() as url:
        yield url
