"""Sending requests: the policy, once, and the only module that imports ``requests``.

``send`` reads top-down, one layer a function:

- ``send``: build the request (the URL under ``api_url``, the body), hand it to
  the exchange, raise the error of an error answer, parse the JSON of the rest;
  with a cache configured, ``_through_cache`` serves a read from it or
  revalidates it, and tells it of writes (``_cache.py`` holds its rules);
- ``_authorised``: resolve the token; after a 401 for an expired token from a
  refreshing source, refresh once and resend;
- ``_retrying``: the retry policy under one deadline for the whole call: a 429
  waits its ``Retry-After`` (backoff when it is missing or unusable), a 5xx or
  a broken connection is retried with backoff and jitter, but only for
  idempotent requests (and for any request that never reached the server);
  a 429 closes the rate-limit gate of its API for every call (``_gate.py``)
  and a spent quota (``QUOTA_EXCEEDED``) is final;
- ``_redirected``: the redirect policy: a read may follow a few redirects (the
  token only to the same origin); a write is never re-sent, its 3xx is an error;
- ``_attempt``: one request and its whole body, every transport failure turned
  into a ``TransportError`` (``Timeout`` when a read or the deadline ran out).

The three policy layers do no I/O (sans-I/O, as h11 is to httpcore): each is a
generator that yields what it needs done (an ``_Attempt`` to send, a ``_Wait``,
a ``_Blocking`` call such as a token refresh or a shared cache's store) and is
sent back what came of it.
``_drive`` carries the steps out with ``requests`` and ``time.sleep``;
``spotlite._aiohttp`` carries the very same steps out on an asyncio event loop.
So retries, 429 waits, the gate, the cache, redirects, the deadline and the
refresh after a 401 are one implementation, whichever drives them.

One ``requests.Session`` is created on first use and shared by every thread.
spotlite sends through its transport adapter directly: it never reads
``~/.netrc`` and reads the environment's proxies and CA bundle once per host,
not once per request. ``configure(session=...)`` hands in your own session
(proxies, adapters, a cache), used through ``Session.request`` with all its
settings; ``~/.netrc`` never replaces the token there either. ``requests`` is
imported on the first request, so ``import spotlite`` stays cheap.

Exceptions raised here never hold the request, its token, or an exception of
``requests`` (not even as ``__context__``).
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import functools
import json as jsonlib
import math
import os
import random
import threading
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlencode, urljoin, urlsplit

from . import _log
from ._gate import RateLimitGate
from ._token import TokenLike, access_token_of, ready_access_token
from .errors import (
    ErrorResponse,
    HTTPError,
    InvalidInput,
    QuotaExceeded,
    RedirectError,
    Timeout,
    TooManyRequests,
    TransportError,
    error_class,
    quoted,
)

if TYPE_CHECKING:
    import requests

    from ._cache import Cached, HTTPCache
    from ._gate import Gate

__all__ = ["Settings", "configure", "configured", "settings"]

SPOTIFY_API = "https://api.spotify.com/v1"
MAX_REDIRECTS = 5
READ_SIZE = 65_536
POOL_SIZE = 64  # connections kept per host: more threads than this open extra ones
USER_AGENT = "spotlite-client (+https://pypi.org/project/spotlite-client/)"
_IDEMPOTENT = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
_READS = frozenset({"GET", "HEAD"})
_UNSENT = ("NewConnectionError", "NameResolutionError", "ConnectTimeoutError")  # failures before sending
PROCESS_GATE = RateLimitGate()  # the default: one gate for the threads and tasks of this process
T = TypeVar("T")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """How spotlite talks to Spotify. Change it with ``configure``.

    ``api_url`` and ``accounts_url`` point elsewhere (a proxy, a stand-in);
    ``timeout`` is seconds a connection or a read may take; ``deadline``
    bounds a whole call in seconds, retries and waits included; ``retries``
    bounds the retries of one call (0 switches retrying off); ``max_wait``
    caps the seconds spent waiting between retries; ``backoff`` is the first
    retry delay, doubled each time. ``session`` is your own
    ``requests.Session``, or None for spotlite's own. ``cache`` is an HTTP
    cache (``MemoryCache``, ``SharedCache``), or None for none; ``gate`` the
    rate-limit gate (one per process by default), or None for none.
    ``pages_ahead`` is how many pages of an offset-paged list ``all_items``
    fetches at once.
    """

    api_url: str = SPOTIFY_API
    """Where Web API requests go (a proxy, a stand-in server)."""
    accounts_url: str = "https://accounts.spotify.com"
    """Where token requests go."""
    timeout: float = 10.0
    """Seconds a connection, or a single read, may take."""
    deadline: float = 30.0
    """Seconds a whole call may take: every attempt, every wait between retries, the whole body."""
    retries: int = 3
    """Retries of one call after its first attempt; 0 switches retrying off."""
    max_wait: float = 60.0
    """Cap on the seconds one call spends waiting between retries."""
    backoff: float = 0.5
    """The first retry delay in seconds, doubled for each retry (with jitter)."""
    session: requests.Session | None = None
    """Your own ``requests.Session`` (proxies, adapters, a cache); None for spotlite's own."""
    cache: HTTPCache | None = None
    """An HTTP cache following Spotify's ``Cache-Control`` and ``ETag`` (``MemoryCache()``, ``SharedCache(store)``);
    None (the default) for none."""
    gate: Gate | None = PROCESS_GATE
    """The rate-limit gate: after a 429, every call to that API waits out its ``Retry-After``. One per process by
    default; ``RateLimitGate(store)`` shares it among processes; None switches it off."""
    pages_ahead: int = 6
    """Pages ``all_items`` and ``all_pages`` fetch at once on an offset-paged list (halved after a 429); 1 fetches
    one page after another."""


class _Request:
    """A request as it will go out, but for the token, and what its error names (plain slots: cheap to define)."""

    __slots__ = ("bearer", "body", "headers", "idempotent", "method", "notes", "scopes", "url")

    def __init__(self, method: str, url: str, headers: dict[str, str], body: bytes | None, idempotent: bool,
                 bearer: bool, scopes: tuple[str, ...], notes: Mapping[Any, str]) -> None:
        self.method, self.url, self.headers, self.body, self.idempotent = method, url, headers, body, idempotent
        self.bearer, self.scopes, self.notes = bearer, scopes, notes


class _Answer:
    """An answer read in full: status, reason phrase, URL, headers (case-insensitive) and body."""

    __slots__ = ("body", "headers", "reason", "status", "url")

    def __init__(self, status: int, reason: str, url: str, headers: Mapping[str, str], body: bytes) -> None:
        self.status, self.reason, self.url, self.headers, self.body = status, reason, url, headers, body


class _Failure:
    """A transport failure, and whether the request may be sent again (idempotent, or it never left)."""

    __slots__ = ("error", "retryable")

    def __init__(self, error: TransportError, retryable: bool) -> None:
        self.error, self.retryable = error, retryable


class _Attempt:
    """A step of the policy: send ``request`` to ``url`` once, with ``secret``, and read its answer by ``deadline``.

    The driver sends back an ``_Answer`` or a ``_Failure``.
    """

    __slots__ = ("deadline", "request", "secret", "url")

    def __init__(self, request: _Request, url: str, secret: str | None, deadline: float) -> None:
        self.request, self.url, self.secret, self.deadline = request, url, secret, deadline


class _Wait:
    """A step of the policy: wait ``seconds`` before the next attempt. The driver sends back the seconds waited."""

    __slots__ = ("seconds",)

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds


class _Blocking:
    """A step of the policy: ``call()``, which may block (a token refresh, a store); the driver sends back its result.

    The sync driver calls it where it is; the async one in a worker thread, never on the event loop.
    """

    __slots__ = ("call", "deadline")

    def __init__(self, call: Callable[[], Any], deadline: float | None = None) -> None:
        self.call, self.deadline = call, deadline  # the call's deadline bounds the requests it makes (a refresh)


_settings = Settings()
_scoped: contextvars.ContextVar[Settings | None] = contextvars.ContextVar("spotlite_settings", default=None)
_own_session: requests.Session | None = None
_session_lock = threading.Lock()
_environment: dict[str, tuple[dict[str, str], bool | str]] = {}  # per origin: proxies, verify
# Who carries out a request in this context: None for ``exchanged`` (the sync path); spotlite.aio sets its own.
_exchange: contextvars.ContextVar[Callable[[Settings, _Request, Any], Any] | None] = contextvars.ContextVar(
    "spotlite_exchange", default=None)
last_429 = 0.0  # time.monotonic() of the last 429 answer in this process: paging fetches fewer pages ahead after it
_call_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar("spotlite_call_deadline", default=None)


def settings() -> Settings:
    """The settings in force here: those of the innermost ``configured`` block, else the process's.

    Returns:
        The ``Settings`` in force (frozen: change them with ``configure`` or ``configured``).
    """
    return _scoped.get() or _settings


def configure(**changes: Any) -> Settings:
    """Change the settings (see ``Settings`` for the names); returns the old ones.

    ``spotlite.configure(timeout=5, retries=0)``; to undo, pass the returned
    object's values back: ``configure(**{f: getattr(old, f) for f in old.__slots__})``.
    Values are checked: a bad one raises ``InvalidInput`` and changes nothing.

    Args:
        changes: settings to change, by name (``timeout``, ``deadline``, ``retries``, ``max_wait``, ``backoff``,
            ``session``, ``api_url``, ``accounts_url``, ``cache``, ``gate``, ``pages_ahead``); the others keep their
            values.

    Returns:
        The settings in force before the change.

    Raises:
        InvalidInput: an unknown name or a bad value; nothing is changed.
    """
    global _settings
    new = _changed(_settings, changes)
    old, _settings = _settings, new
    return old


@contextlib.contextmanager
def configured(**changes: Any) -> Iterator[Settings]:
    """Change settings for the code inside a ``with`` block only; yields the settings in force there.

    ``with spotlite.configured(timeout=5, api_url="http://127.0.0.1:8080/v1"): ...``
    The change is seen by this thread or asyncio task and by what it starts with a
    copy of its context (``spotlite.aio``'s calls included), not by other threads;
    blocks nest, each starting from the settings in force where it is entered.
    ``configure`` stays the process-wide default underneath.

    Args:
        changes: settings to change, by name, as for ``configure``.

    Yields:
        The settings in force inside the block.

    Raises:
        InvalidInput: an unknown name or a bad value (raised on entering the block).
    """
    new = _changed(settings(), changes)
    reset = _scoped.set(new)
    try:
        yield new
    finally:
        _scoped.reset(reset)


def _changed(base: Settings, changes: dict[str, Any]) -> Settings:
    """``base`` with ``changes``, checked: an unknown name or a bad value raises ``InvalidInput``."""
    unknown = sorted(set(changes) - set(Settings.__dataclass_fields__))
    if unknown:
        raise InvalidInput(f"unknown setting {', '.join(unknown)}; settings are {', '.join(Settings.__slots__)}")
    for name in ("api_url", "accounts_url"):
        if isinstance(changes.get(name), str):
            changes[name] = changes[name].rstrip("/")
    new = dataclasses.replace(base, **changes)
    _check(new)
    return new


def _check(config: Settings) -> None:
    for name in ("api_url", "accounts_url"):
        url = getattr(config, name)
        if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
            raise InvalidInput(f"{name} must be an http:// or https:// URL, got {quoted(url)}")
    for name in ("timeout", "deadline", "max_wait", "backoff"):
        value = getattr(config, name)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value) or value < 0:
            raise InvalidInput(f"{name} must be a number of seconds, 0 or more, got {quoted(value)}")
    if config.timeout == 0 or config.deadline == 0:
        raise InvalidInput("timeout and deadline must be more than 0 seconds")
    if isinstance(config.retries, bool) or not isinstance(config.retries, int) or config.retries < 0:
        raise InvalidInput(f"retries must be an int, 0 or more, got {quoted(config.retries)}")
    if config.cache is not None and not callable(getattr(config.cache, "lookup", None)):
        raise InvalidInput(f"cache must be a MemoryCache, a SharedCache or None, got {type(config.cache).__name__}")
    if config.gate is not None and not callable(getattr(config.gate, "opens_at", None)):
        raise InvalidInput(f"gate must be a RateLimitGate or None, got {type(config.gate).__name__}")
    ahead = config.pages_ahead
    if isinstance(ahead, bool) or not isinstance(ahead, int) or not 1 <= ahead <= 20:
        raise InvalidInput(f"pages_ahead must be an int from 1 to 20, got {ahead!r}")


def send(
    method: str,
    url: str,
    *,
    token: TokenLike | None,
    params: Mapping[str, Any] | None = None,
    json: Any = None,
    data: Mapping[str, str] | bytes | None = None,
    headers: Mapping[str, str] | None = None,
    scopes: Iterable[str] = (),
    notes: Mapping[Any, str] | None = None,  # keys: statuses (int) or reasons (str)
    idempotent: bool | None = None,
    bearer: bool = True,
) -> Any:
    """Send one request and return its parsed JSON body (None when empty).

    ``url`` is a path under ``api_url`` (``/albums/x``) or an absolute URL under
    ``api_url``, Spotify's API (taken to ``api_url``) or, with ``bearer=False``,
    ``accounts_url``. ``data`` is a form (a mapping) or raw bytes.
    ``scopes`` are named in a 401/403 error; ``notes`` add text to the error of
    a status (``{403: "deprecated for development-mode apps"}``) or, first, of
    one of Spotify's reasons (``{"PREMIUM_REQUIRED": "..."}``).
    ``idempotent`` defaults to True for GET, PUT and DELETE. ``bearer=False``
    sends no token (the accounts service authenticates otherwise).
    """
    config = _scoped.get() or _settings
    request = _request(config, method, url, params, json, data, headers, idempotent, bearer, scopes, notes)
    return (_exchange.get() or exchanged)(config, request, token)


def exchanged(config: Settings, request: _Request, token: TokenLike | None) -> Any:
    """The exchange of the sync path: the policy driven with ``requests``; the answer's JSON, or its error raised."""
    return _drive(config, sent(config, request, token))


def sent(config: Settings, request: _Request, token: TokenLike | None) -> Steps[Any]:
    """The policy of a whole call: the answer's JSON (through the cache, when one is configured), or its error."""
    if config.cache is not None and request.bearer:
        return (yield from _through_cache(config, config.cache, request, token))
    return finished(request, (yield from _authorised(config, request, token)))


def _through_cache(config: Settings, cache: HTTPCache, request: _Request, token: TokenLike | None) -> Steps[Any]:
    """``send`` with a cache: a read served fresh from it or revalidated; a write makes what it changed stale."""
    if request.method != "GET":
        written = functools.partial(cache.written, config.api_url, request.url)
        try:
            answer = yield from _authorised(config, request, token)
        except Exception:
            yield from _by(cache, written)  # the write may have taken effect all the same
            raise
        yield from _by(cache, written)
        return finished(request, answer)
    secret = yield from _secret(token, _deadline(config))
    kept: Cached | None = yield from _by(cache, functools.partial(cache.lookup, request.url, secret))
    if kept is not None and kept.fresh(time.time()):
        _log.cached(request.url, kept.expires - time.time())
        return kept.json()
    if kept is not None and kept.etag:
        request.headers["If-None-Match"] = kept.etag
    sent_at = time.time()
    answer = yield from _authorised(config, request, token)
    if answer.status == 304 and kept is not None:
        renewed = functools.partial(cache.revalidated, request.url, secret, kept, answer.headers, sent_at)
        return (yield from _by(cache, renewed)).json()
    parsed = finished(request, answer)
    if answer.status == 200:
        store = functools.partial(cache.store, config.api_url, request.url, secret, answer.headers, answer.body,
                                  sent_at, parsed)
        stored: Cached | None = yield from _by(cache, store)
        if stored is not None:
            return stored.json()
    return parsed


def finished(request: _Request, answer: _Answer) -> Any:
    """What an answer means: the parsed JSON of a success, or the exception of an error, raised."""
    if answer.status >= 300:
        raise _error(answer, request.method, request.scopes, request.notes)
    return _parsed(answer)


def _request(
    config: Settings,
    method: str,
    url: str,
    params: Mapping[str, Any] | None,
    json: Any,
    data: Mapping[str, str] | bytes | None,
    headers: Mapping[str, str] | None,
    idempotent: bool | None,
    bearer: bool,
    scopes: Iterable[str],
    notes: Mapping[Any, str] | None,
) -> _Request:
    """The request as it will go out, but for the token."""
    full_url = _under_configured(config, url, bearer)
    if not encodable(full_url):
        raise InvalidInput(f"the path {quoted(url)} {LONE_SURROGATE}")
    if params:
        full_url += ("&" if "?" in full_url else "?") + urlencoded(params, "query parameter")
    head = {"Accept": "application/json", "Accept-Encoding": "gzip, deflate", "User-Agent": USER_AGENT}
    body: bytes | None = None
    if json is not None:
        body = _json_body(json)
        head["Content-Type"] = "application/json"
    elif isinstance(data, bytes):
        body = data
    elif data is not None:
        body = urlencoded(data, "form field").encode()
        head["Content-Type"] = "application/x-www-form-urlencoded"
    head.update(headers or {})
    if body is not None or method in ("POST", "PUT"):
        head["Content-Length"] = str(len(body or b""))
    retry = method in _IDEMPOTENT if idempotent is None else idempotent
    return _Request(method, full_url, head, body, retry, bearer, tuple(scopes), notes or {})


def _json_body(value: Any) -> bytes:
    refused: InvalidInput | None = None
    try:
        text = jsonlib.dumps(value, allow_nan=False)
        if "\\ud" in text:  # a character beyond the BMP, or a lone surrogate, which no UTF-8 text holds
            jsonlib.dumps(value, ensure_ascii=False).encode()
        return text.encode()
    except UnicodeEncodeError:
        refused = InvalidInput(f"the request's JSON body cannot be sent: a string in it {LONE_SURROGATE}")
    except (TypeError, ValueError) as error:
        refused = InvalidInput(f"the request's JSON body cannot be sent: {error}")
    raise refused


LONE_SURROGATE = "holds a lone surrogate (such as '\\ud800'): no character, and UTF-8 cannot encode it"


def urlencoded(pairs: Mapping[str, Any], what: str) -> str:
    """``urlencode(pairs)``; ``InvalidInput`` naming the pair that holds a lone surrogate, which UTF-8 cannot encode."""
    try:
        return urlencode(pairs)
    except UnicodeEncodeError:
        pass
    name = next((key for key, value in pairs.items() if not encodable(f"{key}={value}")), "")
    raise InvalidInput(f"the {what} {quoted(name)} {LONE_SURROGATE}")  # raised here: no chain to the value


def encodable(text: str) -> bool:
    """Whether ``text`` can be sent: it holds no lone surrogate (``"\\ud800"``), which UTF-8 cannot encode."""
    if text.isascii():
        return True
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


def _under_configured(config: Settings, url: str, bearer: bool) -> str:
    """``url`` under the configured API; Spotify's own API URLs (in pages' ``next``) are moved there.

    Refuses to send a token anywhere else.
    """
    if "://" not in url:
        return config.api_url + ("" if url.startswith("/") else "/") + url
    for base in (config.api_url, SPOTIFY_API):
        if url == base or url.startswith((base + "/", base + "?")):
            return config.api_url + url[len(base):]
    if not bearer and url.startswith(config.accounts_url + "/"):
        return url
    raise InvalidInput(f"refusing to send the token to {quoted(url)}: it is not under api_url ({config.api_url})")


# The policy: generators of steps, no I/O.

Steps = Generator["_Attempt | _Wait | _Blocking", Any, T]


def _drive(config: Settings, steps: Steps[T]) -> T:
    """Carry out the policy's steps here and now, in this thread: the sync driver."""
    outcome: Any = None
    while True:
        try:
            step = steps.send(outcome)
        except StopIteration as done:
            result: T = done.value
            return result
        if isinstance(step, _Attempt):
            outcome = _attempt(config, step.request, step.url, step.secret, step.deadline)
        elif isinstance(step, _Wait):
            time.sleep(step.seconds)
            outcome = step.seconds
        else:
            outcome = within(step.deadline, step.call)


def _by(part: object, call: Callable[[], T]) -> Steps[T]:
    """``call()`` of a cache or gate: made here when ``part`` never blocks (``blocks`` False), else a ``_Blocking`` step.

    The async driver makes a ``_Blocking`` call in a worker thread: a shared cache or gate reads its store there.
    """
    if not getattr(part, "blocks", True):
        return call()
    result: T = yield _Blocking(call)
    return result


def _secret(token: TokenLike | None, deadline: float) -> Steps[str]:
    """The access token to send; a source that may block (a refresh, a store) is read by the driver."""
    secret = ready_access_token(token)
    if secret is None:
        secret = yield _Blocking(functools.partial(access_token_of, token), deadline)
    return secret


def _deadline(config: Settings) -> float:
    """The deadline of a call starting now; a call made inside another's refresh gets what is left of that one's."""
    deadline = time.monotonic() + config.deadline  # one for the whole call, the refresh and the resend included
    outer = _call_deadline.get()
    return deadline if outer is None else min(deadline, outer)


def within(deadline: float | None, call: Callable[[], T]) -> T:
    """``call()`` (a ``_Blocking`` step's) with ``deadline`` bounding every call it makes (a refresh's request)."""
    if deadline is None:
        return call()
    entered = _call_deadline.set(deadline)
    try:
        return call()
    finally:
        _call_deadline.reset(entered)


def _authorised(config: Settings, request: _Request, token: TokenLike | None) -> Steps[_Answer]:
    """Send with the token; after a 401 for an expired token from a refreshing source, refresh once and resend.

    A refreshing source (``RefreshingToken``) offers ``refresh_after_401``. The
    call's deadline bounds the refresh too: a request sent while refreshing
    (the token endpoint) gets what is left of it, through ``_call_deadline``.
    """
    deadline = _deadline(config)
    secret = (yield from _secret(token, deadline)) if request.bearer else None
    answer = yield from _retrying(config, request, secret, deadline)
    renew = getattr(token, "refresh_after_401", None)
    if secret is not None and renew is not None and answer.status == 401 and _expired(answer):
        renewed = yield _Blocking(functools.partial(renew, secret), deadline)
        answer = yield from _retrying(config, request, access_token_of(renewed), deadline)
    return answer


def _expired(answer: _Answer) -> bool:
    """A 401 saying the token expired (Spotify: "The access token expired")."""
    return answer.status == 401 and _says_expired(_message(answer)[0])


def _says_expired(message: str) -> bool:
    return "expired" in message.lower()


def _retrying(config: Settings, request: _Request, secret: str | None, deadline: float) -> Steps[_Answer]:
    """Send, retrying by the policy, until an answer is final or ``deadline`` comes; raise a final transport failure.

    Before each attempt the call waits at the rate-limit gate; a 429 closes it
    (the call that got it waits its ``Retry-After`` as a retry delay).
    """
    waited, waited_out = 0.0, 0.0  # seconds waited; the gate's closing this call has waited out itself
    for attempt in range(config.retries + 1):
        held = yield from _held_at_gate(config, request, deadline, waited, waited_out)
        if held:
            waited += yield _Wait(held)
        started = time.monotonic()
        outcome = yield from _redirected(request, secret, deadline)
        _log.attempt(request.method, request.url, outcome, attempt + 1, started)
        delay = _retry_delay(config, request, outcome, attempt)
        if isinstance(outcome, _Answer) and outcome.status == 429 and delay is not None:
            waited_out = yield from _close_gate(config, request, outcome)
        if delay is None or attempt == config.retries:
            break
        if waited + delay > config.max_wait or time.monotonic() + delay >= deadline:
            break
        _log.retry(request.method, request.url, outcome, delay, attempt + 1, config.retries)
        waited += yield _Wait(delay)
    if isinstance(outcome, _Failure):
        raise outcome.error
    return outcome


def _retry_delay(config: Settings, request: _Request, outcome: _Answer | _Failure, attempt: int) -> float | None:
    """Seconds to wait before sending again, or None when the outcome is final."""
    if isinstance(outcome, _Failure):
        return _backoff(config, attempt) if outcome.retryable else None
    if outcome.status == 429:
        if _message(outcome)[1] == "QUOTA_EXCEEDED":
            return None  # the quota is spent: waiting seconds does not help
        global last_429
        last_429 = time.monotonic()
        retry_after = _retry_after(outcome.headers)
        return _backoff(config, attempt) if retry_after is None else retry_after
    if outcome.status >= 500 and outcome.status != 501:
        return _backoff(config, attempt) if request.idempotent else None
    return None


def _api_of(config: Settings, url: str) -> str:
    """The API a URL belongs to, whose gate a call waits at: ``api_url``, ``accounts_url`` or the URL's origin."""
    for base in (config.api_url, config.accounts_url):
        if url.startswith(base):
            return base
    return "://".join(_origin(url))


def _held_at_gate(
    config: Settings, request: _Request, deadline: float, waited: float, waited_out: float
) -> Steps[float]:
    """Seconds to wait before sending, while the rate-limit gate of the request's API is closed (0 when open).

    ``waited_out``: the time the gate opens that this call has already waited
    for (after its own 429). A wait longer than the call may still wait
    (``max_wait``, the deadline) raises ``TooManyRequests`` at once, with nothing sent.
    """
    gate = config.gate
    if gate is None:
        return 0.0
    api = _api_of(config, request.url)
    opens_at: float = yield from _by(gate, functools.partial(gate.opens_at, api))
    seconds = opens_at - time.time()
    if seconds <= 0 or opens_at <= waited_out:
        return 0.0
    if waited + seconds > config.max_wait or time.monotonic() + seconds >= deadline:
        raise TooManyRequests(429, f"rate limited: calls to {api} wait {seconds:.1f} s more after a 429, longer than "
                                   f"this call may wait (max_wait, deadline); nothing was sent",
                              url=request.url, retry_after=seconds)
    _log.held(request.method, request.url, seconds, api)
    return seconds


def _close_gate(config: Settings, request: _Request, answer: _Answer) -> Steps[float]:
    """After a 429 with a usable ``Retry-After``, keep every call to the API waiting until it has passed.

    Returns the time the gate opens, as this 429 set it (0 when it set none).
    """
    retry_after = _retry_after(answer.headers)
    gate = config.gate
    if gate is None or not retry_after:
        return 0.0
    until = time.time() + retry_after
    yield from _by(gate, functools.partial(gate.close, _api_of(config, request.url), until))
    return until


def _backoff(config: Settings, attempt: int) -> float:
    return float(config.backoff * 2**attempt * (0.5 + random.random() / 2))


def _retry_after(headers: Mapping[str, str]) -> float | None:
    """``Retry-After`` in seconds (a number or an HTTP date), or None when missing or unusable."""
    value = headers.get("Retry-After", "").strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            seconds = parsedate_to_datetime(value).timestamp() - time.time()
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
        seconds = max(seconds, 0.0)
    return seconds if math.isfinite(seconds) and seconds >= 0 else None


def _redirected(request: _Request, secret: str | None, deadline: float) -> Steps[_Answer | _Failure]:
    """One attempt, following a read's redirects; a write's redirect comes back as the final answer."""
    url, token = request.url, secret
    for _ in range(MAX_REDIRECTS + 1):
        outcome: _Answer | _Failure = yield _Attempt(request, url, token, deadline)
        if isinstance(outcome, _Failure) or not 300 <= outcome.status < 400 or request.method not in _READS:
            return outcome
        location = outcome.headers.get("Location")
        if not location:
            return outcome
        target = urljoin(url, location)
        if _origin(target) != _origin(url):
            token = None  # the token never follows a redirect to another host
        url = target
    return outcome


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc.lower()


# The sync transport: requests.


def _attempt(config: Settings, request: _Request, url: str, secret: str | None, deadline: float) -> _Answer | _Failure:
    """Send the request once and read its whole answer, within the deadline."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        return _Failure(_deadline_passed(config, request, url), False)
    timeout = min(config.timeout, remaining)
    failure: _Failure | None = None
    body: bytes | None = b""
    try:
        response = _transmit(config, request, url, secret, timeout)
        body = _read(response, deadline, config.timeout)
    except Exception as error:  # noqa: BLE001 - requests, urllib3 and socket failures, each turned into ours
        failure = _transport_failure(error, request, url, secret)
    if body is None or (failure is not None and isinstance(failure.error, Timeout)
                        and time.monotonic() >= deadline - 0.01):  # a read's timeout that was the deadline's
        return _Failure(_deadline_passed(config, request, url), False)
    if failure is not None:
        return failure  # returned, not raised here: no exception of requests' becomes our __context__
    return _Answer(response.status_code, response.reason or "", url, response.headers, body)


def _transmit(config: Settings, request: _Request, url: str, secret: str | None, timeout: float) -> Any:
    """Send the request; the ``requests.Response`` comes back with its body unread."""
    session = config.session
    headers = dict(request.headers)
    if session is not None:  # the user's session, with every setting of theirs, but ~/.netrc
        return session.request(request.method, url, data=request.body, headers=headers, timeout=timeout,
                               allow_redirects=False, stream=True, auth=_Bearer(secret))
    if secret is not None:
        headers["Authorization"] = "Bearer " + secret
    import requests

    prepared = requests.PreparedRequest()
    prepared.method, prepared.url, prepared.body = request.method, url, request.body
    prepared.headers = requests.structures.CaseInsensitiveDict(headers)
    prepared.hooks = {"response": []}
    proxies, verify = _environment_for(url)
    adapter = _own().get_adapter(url)
    return adapter.send(prepared, stream=True, timeout=timeout, verify=verify, cert=None, proxies=proxies)


class _Bearer:
    """``requests`` auth that sets the bearer token (or leaves the headers as they are, with no token).

    Giving ``requests`` an auth of our own keeps a ``~/.netrc`` entry from
    replacing the token.
    """

    __slots__ = ("_secret",)

    def __init__(self, secret: str | None) -> None:
        self._secret = secret

    def __call__(self, prepared: Any) -> Any:
        if self._secret is not None:
            prepared.headers["Authorization"] = "Bearer " + self._secret
        return prepared

    def __repr__(self) -> str:
        return "<bearer token>"


def _own() -> requests.Session:
    """spotlite's session, created once however many threads ask at the same time."""
    global _own_session
    session = _own_session
    if session is None:
        with _session_lock:
            if _own_session is None:
                import requests

                session = requests.Session()
                session.trust_env = False  # the environment is read once per host, below
                adapter = requests.adapters.HTTPAdapter(pool_connections=8, pool_maxsize=POOL_SIZE)
                session.mount("https://", adapter)
                session.mount("http://", adapter)
                _own_session = session
            session = _own_session
    return session


def _environment_for(url: str) -> tuple[dict[str, str], bool | str]:
    """The proxies (``HTTPS_PROXY``, ``NO_PROXY``...) and CA bundle the environment sets for ``url``'s host."""
    scheme, host = _origin(url)
    key = f"{scheme}://{host}"
    found = _environment.get(key)
    if found is None:
        import requests

        bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
        found = _environment[key] = (requests.utils.get_environ_proxies(key), bundle or True)
    return found


def _read(response: Any, deadline: float, read_timeout: float) -> bytes | None:
    """The whole body, decoded (gzip, deflate), or None when the deadline passes first.

    Each read takes what has arrived, so a body trickling in is checked against
    the deadline between reads, and the socket's timeout shrinks to what is
    left of the deadline.
    """
    raw = response.raw
    if raw is None:  # an adapter that answered with the body already read (a test double, a cache)
        return bytes(response.content or b"")
    # urllib3 2's read1 takes what has arrived; urllib3 1.26 and stand-ins
    # (a cassette player's response) read a size.
    urllib3_2 = type(raw).__module__.startswith("urllib3") and hasattr(raw, "read1")
    read = raw.read1 if urllib3_2 else raw.read
    sock = getattr(getattr(raw, "connection", None), "sock", None)
    parts: list[bytes] = []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raw.close()
            return None
        if sock is not None and remaining < read_timeout:
            sock.settimeout(remaining)
        part = read(READ_SIZE, decode_content=True)
        if not part:
            break
        parts.append(part)
    release = getattr(raw, "release_conn", None)  # back to the pool; stand-ins may have no pool
    if release is not None:
        release()
    return b"".join(parts)


def _deadline_passed(config: Settings, request: _Request, url: str) -> Timeout:
    return Timeout(f"no answer within the deadline of {config.deadline:g} s", method=request.method, url=url)


def _transport_failure(
    error: Exception, request: _Request, url: str, secret: str | None, *, unsent: bool | None = None
) -> _Failure:
    """Our exception for a failure of the transport or the socket, with the original's text but no secret.

    ``unsent`` says the request never left (None: tell it from the text, as urllib3 names such failures).
    """
    text = f"{type(error).__name__}: {error}"
    if secret and len(secret) >= 8:  # shorter ones are no real token, and would mangle the text
        text = text.replace(secret, "***")
    names = [c.__name__ for c in type(error).__mro__]
    timed_out = isinstance(error, TimeoutError) or any("Timeout" in name for name in names)
    undecodable = any("DecodingError" in name or "DecodeError" in name for name in names)
    if unsent is None:
        unsent = any(name in text for name in _UNSENT)
    kind = Timeout if timed_out else TransportError
    failed = kind(f"{'timed out' if timed_out else 'failed'} ({text})", method=request.method, url=url)
    return _Failure(failed, unsent or (request.idempotent and not undecodable))


def _parsed(answer: _Answer) -> Any:
    """The JSON of a successful answer; None for an empty one."""
    if answer.status == 204 or not answer.body.strip():
        return None
    parsed = _json_of(answer.body)
    if parsed is _NOT_JSON:
        kind = answer.headers.get("Content-Type", "no content type")
        raise TransportError(f"the answer ({answer.status}) has a body that is not JSON ({kind}, "
                             f"{len(answer.body)} bytes)", url=answer.url)
    return parsed


_NOT_JSON = object()


def _json_of(body: bytes) -> Any:
    """The parsed JSON of a body, or ``_NOT_JSON`` when it is not JSON or nests too deeply to parse.

    A hostile answer of ``[`` a hundred thousand times makes ``json`` raise
    ``RecursionError`` (after a thousand levels, so in bounded time and memory).
    """
    try:
        return jsonlib.loads(body)
    except (ValueError, RecursionError):
        return _NOT_JSON


def _error(answer: _Answer, method: str, scopes: tuple[str, ...], notes: Mapping[Any, str]) -> HTTPError:
    """The exception for an error answer, with Spotify's message and reason."""
    status = answer.status
    message, reason = _message(answer)
    if status == 401 and _says_expired(message):
        scopes = ()
        message += " (refresh the token, or let spotlite.RefreshingToken do it)"
    elif status in (401, 403) and scopes:
        message += f" (this endpoint needs the scope{'s' * (len(scopes) > 1)} {', '.join(scopes)})"
    else:
        scopes = ()
    note = notes.get(reason or "") or notes.get(status)
    if note:
        message += f". {note}"
    kept = ErrorResponse(status, answer.reason, answer.url, _kept_headers(answer.headers), answer.body)
    cls = QuotaExceeded if status == 429 and reason == "QUOTA_EXCEEDED" else error_class(status)
    location = answer.headers.get("Location")
    if cls is RedirectError:
        message = _redirect_message(method, location)
    error = cls(status, message, reason=reason, url=answer.url, response=kept)
    error.scopes = scopes
    if isinstance(error, TooManyRequests):
        error.retry_after = _retry_after(answer.headers)
    elif isinstance(error, RedirectError):
        error.location = location
    return error


def _redirect_message(method: str, location: str | None) -> str:
    if method not in _READS:
        return (f"the API answered {method} with a redirect to {location}: spotlite never re-sends a write "
                f"(nor turns it into a GET), so nothing was sent there; check api_url")
    if not location:
        return "the API answered with a redirect without a Location"
    return f"more than {MAX_REDIRECTS} redirects, the last to {location}"


def _kept_headers(headers: Mapping[str, str]) -> dict[str, str]:
    return {name.lower(): value for name, value in headers.items() if name.lower() not in ("set-cookie", "cookie")}


def _message(answer: _Answer) -> tuple[str, str | None]:
    """Spotify's message and reason, from either error format or a non-JSON body."""
    fallback = f"{answer.reason or 'HTTP error'}"
    body = _json_of(answer.body)
    if body is _NOT_JSON:
        kind = answer.headers.get("Content-Type", "no content type").split(";")[0]
        if not answer.body.strip():
            return f"{fallback} (with no body)", None
        return f"{fallback} (the body was not JSON but {kind})", None
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, dict):  # the Web API: {"error": {"status", "message", "reason"}}
        reason = error.get("reason")
        return str(error.get("message") or fallback), reason if isinstance(reason, str) else None
    if isinstance(error, str):  # the accounts service: {"error", "error_description"}
        return str(body.get("error_description") or error), error
    return fallback, None
