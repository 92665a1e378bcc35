"""The async driver: ``_http``'s policy carried out on an asyncio event loop, over aiohttp.

The only module that imports ``aiohttp`` (the optional extra ``aio``: ``pip install 'spotlite-client[aio]'``);
``spotlite.aio`` imports it on its first call, when aiohttp is installed.

``exchanged`` is the async twin of ``_http.exchanged``: it drives the very same
policy generator (``_http.sent``: the cache, the token, retries, the gate,
redirects) to the same JSON or error; only the steps are carried out
differently. An ``_Attempt`` is one aiohttp request,
bounded by the call's deadline; a ``_Wait`` is ``asyncio.sleep``; a
``_Blocking`` call (a token refresh, a token store, a shared cache or gate)
runs in the loop's default executor, never on the event loop.

One ``aiohttp.ClientSession`` per event loop, created on the loop's first call
and closed when ``asyncio.run`` ends (it shuts down async generators, and a
parked one here closes the session). Like the sync path it reads the
environment's proxies and CA bundle once per host, never ``~/.netrc``, keeps
no cookies, and decodes gzip and deflate itself.
"""

from __future__ import annotations

import asyncio
import collections
import contextvars
import os
import ssl
import time
import urllib.request
import zlib
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
from yarl import URL

from . import _http
from ._http import Settings, Steps, T, _Answer, _Attempt, _Failure, _Request, _Wait
from ._token import TokenLike
from .errors import Timeout

CONNECTIONS = 100  # per event loop, as aiohttp's default: more calls at once wait for a free one

_sessions: dict[asyncio.AbstractEventLoop, tuple[aiohttp.ClientSession, AsyncIterator[None], Slices]] = {}
_environment: dict[str, tuple[str | None, ssl.SSLContext | bool]] = {}  # per origin: proxy, TLS context
_contexts: dict[str | None, ssl.SSLContext] = {}  # per CA bundle
_sleep = asyncio.sleep  # the tests make waits instant here, as they do time.sleep for the sync driver


async def exchanged(config: Settings, request: _Request, token: TokenLike | None) -> Any:
    """The exchange of the async path: the policy driven on this loop; the answer's JSON, or its error raised."""
    return await _drive(config, _http.sent(config, request, token))


class Slices:
    """The event loop's time for spotlite's work between I/O (checks, sending, JSON, models), a slice per pass.

    Calls whose answers arrive together would otherwise all parse in one pass
    of the loop (200 albums: about 100 ms) while no other coroutine runs.
    Before each piece of work a call waits for ``turn``: while the pieces of
    this pass have taken less than ``SLICE`` seconds and no call is waiting it
    goes on at once; otherwise it queues, and each later pass lets as many
    queued calls go, in order, as took about ``SLICE`` in the pass before. So
    timers, other tasks and I/O run in between, and a waiting call costs one
    wake-up, however many wait. How many go is reckoned in CPU time of the
    loop's thread, so on a busy machine, time spent waiting for a CPU does
    not shrink the batches; a pass also ends after ``SLICE`` of CPU time or
    twice that of wall time, whichever comes first, so the loop comes round
    as often as the machine lets it.
    """

    SLICE = 0.002

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.started = time.thread_time()  # CPU time of the loop's thread when this pass's slice began
        self.began = time.monotonic()  # ... and wall time
        self.waiting: collections.deque[asyncio.Future[None]] = collections.deque()
        self.scheduled = False
        self.batch = 4  # calls let go per pass, adjusted to what fits in a slice

    async def turn(self) -> None:
        """Return at once while this pass's slice lasts and none waits; else once a later pass has time."""
        if not self.waiting and not self._spent():
            return
        await self._queued(first=False)
        while self._spent():  # let go, but the calls let go before it used up the slice
            await self._queued(first=True)

    def _spent(self) -> bool:
        return time.thread_time() - self.started > self.SLICE or time.monotonic() - self.began > 2 * self.SLICE

    def _queued(self, first: bool) -> asyncio.Future[None]:
        queued = self.loop.create_future()
        if first:
            self.waiting.appendleft(queued)
        else:
            self.waiting.append(queued)
        if not self.scheduled:
            self.scheduled = True
            self.loop.call_soon(self._let_go, time.thread_time(), 0)
        return queued

    def _let_go(self, since: float, let_go: int) -> None:
        """At the start of a pass: a new slice, and the next calls in the queue go on (in this pass's tasks)."""
        now = time.thread_time()
        if let_go:  # the calls let go last time ran since then: about as many as fitted in a slice go now
            fitted = int(let_go * self.SLICE / max(now - since, 1e-6))
            self.batch = max(1, min(fitted, 2 * self.batch, 64))
        self.started, self.began = now, time.monotonic()
        count = 0
        while self.waiting and count < self.batch:
            queued = self.waiting.popleft()
            if not queued.done():  # a cancelled call's turn is skipped
                queued.set_result(None)
                count += 1
        self.scheduled = bool(self.waiting)
        if self.scheduled:
            self.loop.call_soon(self._let_go, time.thread_time(), count)


def slices() -> Slices:
    """The running loop's ``Slices``."""
    return _loop_state()[2]


async def _drive(config: Settings, steps: Steps[T]) -> T:
    """Carry out the policy's steps on the running event loop: the async driver."""
    outcome: Any = None
    while True:
        try:
            step = steps.send(outcome)
        except StopIteration as done:
            result: T = done.value
            return result
        if isinstance(step, _Attempt):
            outcome = await _attempt(config, step)
        elif isinstance(step, _Wait):
            await _sleep(step.seconds)
            outcome = step.seconds
        else:
            loop = asyncio.get_running_loop()
            outcome = await loop.run_in_executor(None, contextvars.copy_context().run, _http.within, step.deadline,
                                                 step.call)


async def _attempt(config: Settings, step: _Attempt) -> _Answer | _Failure:
    """Send the request once and read its whole answer, within the deadline."""
    request, url = step.request, step.url
    remaining = step.deadline - time.monotonic()
    if remaining <= 0:
        return _Failure(_http._deadline_passed(config, request, url), False)
    headers = request.headers
    if step.secret is not None:
        headers = {**headers, "Authorization": "Bearer " + step.secret}
    proxy, context = _environment_for(url)
    timeout = aiohttp.ClientTimeout(total=remaining, sock_connect=min(config.timeout, remaining),
                                    sock_read=config.timeout)
    failure: _Failure | None = None
    session, _, slices = _loop_state()
    await slices.turn()
    try:
        async with session.request(request.method, URL(url, encoded=True), data=request.body, headers=headers,
                                      allow_redirects=False, timeout=timeout, proxy=proxy, ssl=context) as response:
            raw = await response.read()
            status, reason, head = response.status, response.reason or "", response.headers
        await slices.turn()  # the connection is free again; answers that came together go on a slice at a time
        body = _decoded(raw, head.get("Content-Encoding", ""))
    except Exception as error:  # noqa: BLE001 - aiohttp, asyncio and socket failures, each turned into ours
        unsent = isinstance(error, (aiohttp.ClientConnectorError, aiohttp.ConnectionTimeoutError))
        failure = _http._transport_failure(error, request, url, step.secret, unsent=unsent)
    if failure is not None:
        if isinstance(failure.error, Timeout) and time.monotonic() >= step.deadline - 0.01:
            return _Failure(_http._deadline_passed(config, request, url), False)  # the deadline's, not a read's
        return failure  # returned, not raised here: no exception of aiohttp's becomes our __context__
    return _Answer(status, reason, url, head, body)


class DecodeError(Exception):
    """A body marked gzip or deflate that does not decode (named so ``_transport_failure`` sees it as such)."""


def _decoded(body: bytes, encoding: str) -> bytes:
    """``body`` decoded by its ``Content-Encoding`` (gzip, deflate; others as they are)."""
    encoding = encoding.strip().lower()
    if not body or encoding not in ("gzip", "x-gzip", "deflate"):
        return body
    try:
        if encoding == "deflate":
            try:
                return zlib.decompress(body)
            except zlib.error:
                return zlib.decompress(body, -zlib.MAX_WBITS)  # raw deflate, as some servers send
        return zlib.decompress(body, 16 + zlib.MAX_WBITS)
    except zlib.error as error:
        raise DecodeError(f"the body is marked {encoding} but does not decode: {error}") from None


def _session() -> aiohttp.ClientSession:
    """The running loop's session, created on its first call, closed when ``asyncio.run`` ends."""
    return _loop_state()[0]


def _loop_state() -> tuple[aiohttp.ClientSession, AsyncIterator[None], Slices]:
    """The running loop's session, the generator that closes it, and its ``Slices``; created on its first call."""
    loop = asyncio.get_running_loop()
    found = _sessions.get(loop)
    if found is not None and not found[0].closed:
        return found
    for old in [old for old in list(_sessions) if old.is_closed()]:  # closed without shutting down async generators
        _sessions.pop(old, None)
    connector = aiohttp.TCPConnector(limit=CONNECTIONS)
    session = aiohttp.ClientSession(connector=connector, auto_decompress=False, cookie_jar=aiohttp.DummyCookieJar(),
                                    trust_env=False, skip_auto_headers=("Accept-Encoding", "User-Agent"))
    if hasattr(session, "_retry_connection"):  # aiohttp 3.10 and later resend a read once on a reused connection
        session._retry_connection = False  # the policy decides every retry, on both drivers
    closer = _closing(loop, session)
    first: Any = closer.__anext__()  # the loop now knows the generator, and closes it in shutdown_asyncgens
    try:
        first.send(None)  # runs to its yield, awaiting nothing
    except StopIteration:
        pass
    state = _sessions[loop] = session, closer, Slices(loop)
    return state


async def _closing(loop: asyncio.AbstractEventLoop, session: aiohttp.ClientSession) -> AsyncIterator[None]:
    """Parked until the loop shuts down its async generators; then closes ``session``."""
    try:
        yield
    finally:
        if _sessions.get(loop, (None,))[0] is session:
            _sessions.pop(loop, None)
        await session.close()


def _environment_for(url: str) -> tuple[str | None, ssl.SSLContext | bool]:
    """The proxy (``HTTPS_PROXY``, ``NO_PROXY``...) and TLS context (``REQUESTS_CA_BUNDLE``) for ``url``'s host."""
    scheme, host = _http._origin(url)
    key = f"{scheme}://{host}"
    found = _environment.get(key)
    if found is None:
        proxies = urllib.request.getproxies_environment()
        bypass = urllib.request.proxy_bypass(host.split("@")[-1].rsplit(":", 1)[0])
        proxy = None if bypass else proxies.get(scheme) or proxies.get("all")
        context: ssl.SSLContext | bool = True
        if scheme == "https":
            context = _context(os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE"))
        found = _environment[key] = proxy, context
    return found


def _context(bundle: str | None) -> ssl.SSLContext:
    """A TLS context trusting ``bundle``, or certifi's CAs as ``requests`` does."""
    context = _contexts.get(bundle)
    if context is None:
        import certifi

        context = _contexts[bundle] = ssl.create_default_context(cafile=bundle or certifi.where())
    return context
