"""Sending requests: the only module that imports ``requests``.

One ``requests.Session`` is created on first use and reused, so connections
are kept alive; ``configure(session=...)`` hands in your own (proxies,
adapters, a cache). ``requests`` itself is imported on the first request, so
``import spotlite`` stays cheap.

Retries: a 429 is retried after its ``Retry-After`` while the total wait stays
under ``max_wait``; a 5xx answer or a connection error is retried with
exponential backoff and jitter, but only for idempotent requests. Set
``retries=0`` to switch all of it off.
"""

from __future__ import annotations

import dataclasses
import random
import time
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ._token import TokenLike, access_token_of
from .errors import HTTPError, SpotliteError, TooManyRequests, error_class

if TYPE_CHECKING:
    import requests

__all__ = ["Settings", "configure", "settings"]


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """How spotlite talks to Spotify. Change it with ``configure``.

    ``api_url`` and ``accounts_url`` point elsewhere for a stand-in server;
    ``timeout`` is seconds per request; ``retries`` bounds the retries of one
    call (0 switches retrying off); ``max_wait`` caps the seconds spent waiting
    between retries; ``backoff`` is the first 5xx retry delay, doubled each time.
    ``session`` is your own ``requests.Session``, or None for spotlite's own.
    """

    api_url: str = "https://api.spotify.com/v1"
    accounts_url: str = "https://accounts.spotify.com"
    timeout: float = 10.0
    retries: int = 3
    max_wait: float = 60.0
    backoff: float = 0.5
    session: requests.Session | None = None


_settings = Settings()
_own_session: requests.Session | None = None
_IDEMPOTENT = frozenset({"GET", "PUT", "DELETE"})


def settings() -> Settings:
    """The settings in force."""
    return _settings


def configure(**changes: Any) -> Settings:
    """Change the settings (see ``Settings`` for the names); returns the old ones.

    ``spotlite.configure(timeout=5, retries=0)``; to undo, pass the returned
    object's values back, or call ``configure(**dataclasses.asdict(old))``.
    """
    global _settings
    old, _settings = _settings, dataclasses.replace(_settings, **changes)
    return old


def _session() -> requests.Session:
    global _own_session
    if _settings.session is not None:
        return _settings.session
    if _own_session is None:
        import requests

        _own_session = requests.Session()
    return _own_session


def send(
    method: str,
    url: str,
    *,
    token: TokenLike | None,
    params: Mapping[str, Any] | None = None,
    json: Any = None,
    data: Any = None,
    headers: Mapping[str, str] | None = None,
    scopes: Iterable[str] = (),
    notes: Mapping[Any, str] | None = None,  # keys: statuses (int) or reasons (str)
    idempotent: bool | None = None,
    bearer: bool = True,
) -> Any:
    """Send one request and return its parsed JSON body (None when empty).

    ``url`` is a path under ``api_url`` (``/albums/x``) or an absolute URL.
    ``scopes`` are named in a 401/403 error; ``notes`` add text to the error of
    a status (``{403: "deprecated for development-mode apps"}``) or, first, of
    one of Spotify's reasons (``{"PREMIUM_REQUIRED": "..."}``).
    ``idempotent`` defaults to True for GET, PUT and DELETE. ``bearer=False``
    sends no token (the accounts service authenticates otherwise).
    """
    import requests

    full_url = url if "://" in url else _settings.api_url + url
    all_headers = dict(headers or {})
    if bearer:
        all_headers["Authorization"] = "Bearer " + access_token_of(token)
    retry_errors = method in _IDEMPOTENT if idempotent is None else idempotent
    waited = 0.0
    for attempt in range(_settings.retries + 1):
        last = attempt == _settings.retries
        try:
            response = _session().request(
                method, full_url, params=params, json=json, data=data,
                headers=all_headers, timeout=_settings.timeout,
            )
        except (requests.ConnectionError, requests.Timeout) as error:
            delay = _backoff(attempt)
            if last or not retry_errors or waited + delay > _settings.max_wait:
                raise SpotliteError(f"{method} {full_url} failed: {type(error).__name__}") from error
            waited += _sleep(delay)
            continue
        if response.status_code < 400:
            return _body(response)
        retry_in = _retry_delay(response, attempt, retry_errors)
        if last or retry_in is None or waited + retry_in > _settings.max_wait:
            raise _error(response, tuple(scopes), notes or {})
        waited += _sleep(retry_in)
    raise AssertionError("unreachable")  # pragma: no cover - the loop always returns or raises


def _retry_delay(response: requests.Response, attempt: int, retry_errors: bool) -> float | None:
    """Seconds to wait before retrying this answer, or None not to retry."""
    if response.status_code == 429:
        return _retry_after(response) or _backoff(attempt)
    if response.status_code >= 500 and retry_errors:
        return _backoff(attempt)
    return None


def _backoff(attempt: int) -> float:
    return float(_settings.backoff * 2**attempt * (0.5 + random.random() / 2))


def _sleep(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def _retry_after(response: requests.Response) -> float | None:
    try:
        return float(response.headers["Retry-After"])
    except (KeyError, ValueError):
        return None


def _body(response: requests.Response) -> Any:
    if response.status_code == 204 or not response.content.strip():
        return None
    try:
        return response.json()
    except ValueError:
        kind = response.headers.get("Content-Type", "no content type")
        raise SpotliteError(
            f"{response.status_code} from {response.url} has a body that is not JSON ({kind})"
        ) from None


def _error(response: requests.Response, scopes: tuple[str, ...], notes: Mapping[Any, str]) -> HTTPError:
    """The exception for an error answer, with Spotify's message and reason."""
    status = response.status_code
    message, reason = _message(response)
    if status in (401, 403) and scopes:
        message += f" (this endpoint needs the scope{'s' * (len(scopes) > 1)} {', '.join(scopes)})"
    note = notes.get(reason or "") or notes.get(status)
    if note:
        message += f". {note}"
    cls = error_class(status)
    if cls is TooManyRequests:
        error: HTTPError = TooManyRequests(
            status, message, reason=reason, url=response.url, retry_after=_retry_after(response)
        )
    else:
        error = cls(status, message, reason=reason, url=response.url)
    error.response = response
    return error


def _message(response: requests.Response) -> tuple[str, str | None]:
    """Spotify's message and reason, from either error format or a non-JSON body."""
    fallback = f"{response.reason or 'HTTP error'}"
    try:
        body = response.json()
    except ValueError:
        kind = response.headers.get("Content-Type", "no content type").split(";")[0]
        return f"{fallback} (the body was not JSON but {kind})", None
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, dict):  # the Web API: {"error": {"status", "message", "reason"}}
        return str(error.get("message") or fallback), error.get("reason")
    if isinstance(error, str):  # the accounts service: {"error", "error_description"}
        return str(body.get("error_description") or error), error
    return fallback, None

