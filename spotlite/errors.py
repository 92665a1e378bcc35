"""Exceptions raised by spotlite.

::

    SpotliteError
    ├── HTTPError (.status, .message, .reason, .url, .response)
    │   ├── RedirectError (3xx that spotlite will not follow: .location)
    │   ├── ClientError
    │   │   ├── BadRequest           400
    │   │   ├── Unauthorised         401
    │   │   ├── Forbidden            403
    │   │   ├── NotFound             404
    │   │   └── TooManyRequests      429 (.retry_after)
    │   │       └── QuotaExceeded    429 with reason QUOTA_EXCEEDED: not retried
    │   └── ServerError
    │       ├── InternalServerError  500
    │       ├── BadGateway           502
    │       ├── ServiceUnavailable   503
    │       └── GatewayTimeout       504
    ├── TransportError (.method, .url): no usable answer arrived
    │   └── Timeout: a read timed out, or the call's deadline passed
    ├── PartialWriteError: a write sent in several requests failed part way
    │   (.written, .failed, .remaining, .snapshot_id, .error)
    ├── AuthError (.error, .description)
    ├── MappingError (.path), also a ValueError: a response of an unexpected shape
    └── InvalidInput, also a ValueError: bad arguments, raised before any request
        └── InvalidToken, also a TypeError: a token argument of the wrong kind

A status without a class of its own becomes ``ClientError`` (4xx) or
``ServerError`` (5xx). Exceptions are plain data: they keep the status,
Spotify's message and reason, the URL and the answer's headers and body, but
never the request, its ``Authorization`` header or a form with a secret, and
they never chain to an exception that does. They pickle (for multiprocessing,
task queues and error trackers) with the same attributes.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = [
    "AuthError",
    "BadGateway",
    "BadRequest",
    "ClientError",
    "ErrorResponse",
    "Forbidden",
    "GatewayTimeout",
    "HTTPError",
    "InternalServerError",
    "InvalidInput",
    "InvalidToken",
    "MappingError",
    "NotFound",
    "PartialWriteError",
    "QuotaExceeded",
    "RedirectError",
    "ServerError",
    "ServiceUnavailable",
    "SpotliteError",
    "Timeout",
    "TooManyRequests",
    "TransportError",
    "Unauthorised",
]


def _rebuild(cls: type[SpotliteError], args: tuple[Any, ...], state: dict[str, Any]) -> SpotliteError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class SpotliteError(Exception):
    """Base of every exception spotlite raises."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Exceptions pickle as cls(*args) by default, which our keyword-only
        # constructors refuse; rebuild from the attributes instead.
        return _rebuild, (type(self), self.args, self.__dict__)


class ErrorResponse:
    """What spotlite keeps of an error answer: plain data, no request, no secret.

    ``status_code``, ``reason`` (the HTTP reason phrase), ``url``, ``headers``
    (a dict with lower-case names, cookies left out) and ``content`` (the
    body's bytes); ``text`` and ``json()`` read the body.
    """

    __slots__ = ("content", "headers", "reason", "status_code", "url")

    def __init__(self, status_code: int, reason: str, url: str, headers: dict[str, str], content: bytes) -> None:
        self.status_code = status_code
        """The HTTP status code."""
        self.reason = reason
        """The HTTP reason phrase (``Not Found``)."""
        self.url = url
        """The URL that answered."""
        self.headers = headers
        """The answer's headers, lower-case names (cookies left out)."""
        self.content = content
        """The answer's body, as bytes."""

    @property
    def text(self) -> str:
        """The body as text (UTF-8, undecodable bytes replaced)."""
        return self.content.decode("utf-8", "replace")

    def json(self) -> Any:
        """The body parsed as JSON; raises ``ValueError`` when it is not JSON."""
        return json.loads(self.content)

    def __getstate__(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            setattr(self, name, value)

    def __repr__(self) -> str:
        return f"<ErrorResponse {self.status_code} {self.url}>"


class HTTPError(SpotliteError):
    """Spotify answered with an error status.

    ``message`` and ``reason`` are Spotify's own (``reason`` is set by the player
    endpoints, e.g. ``NO_ACTIVE_DEVICE``); ``url`` is the request URL and
    ``response`` an ``ErrorResponse`` with the answer's status, headers and body.
    ``scopes``: for a 401 or 403 that is not about an expired token, the scopes
    the endpoint needs (empty otherwise).
    """

    scopes: tuple[str, ...] = ()
    """For a 401 or 403 that is not about an expired token: the scopes the endpoint needs (empty otherwise)."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        reason: str | None = None,
        url: str = "",
        response: ErrorResponse | None = None,
    ) -> None:
        self.status = status
        """The HTTP status code."""
        self.message = message
        """Spotify's error message (or the reason phrase when it sent none)."""
        self.reason = reason
        """Spotify's reason code, set by the player endpoints (``NO_ACTIVE_DEVICE``, ``PREMIUM_REQUIRED``...)."""
        self.url = url
        """The request URL."""
        self.response = response
        """The answer: status, headers and body."""
        super().__init__(f"{status}: {message}" + (f" [{reason}]" if reason else ""))


class RedirectError(HTTPError):
    """A 3xx answer spotlite does not follow: a redirect of a write, or too many.

    A write (POST, PUT, DELETE) is never re-sent as a read, so its redirect is
    an error; ``location`` is where the answer pointed.
    """

    location: str | None = None
    """Where the answer pointed (its ``Location`` header)."""


class ClientError(HTTPError):
    """A 4xx answer: the request was wrong, unauthorised or refused."""


class BadRequest(ClientError):
    """400: Spotify refused the request as malformed."""


class Unauthorised(ClientError):
    """401: the token is missing, invalid or expired."""


class Forbidden(ClientError):
    """403: the token lacks a scope, or the app may not use this endpoint."""


class NotFound(ClientError):
    """404: no such resource (or, for the player, no active device)."""


class TooManyRequests(ClientError):
    """429: rate limited; ``retry_after`` is Spotify's ``Retry-After`` in seconds (None when unusable)."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        reason: str | None = None,
        url: str = "",
        response: ErrorResponse | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(status, message, reason=reason, url=url, response=response)
        self.retry_after = retry_after
        """Spotify's ``Retry-After`` in seconds; None when missing or unusable."""


class QuotaExceeded(TooManyRequests):
    """429 with reason ``QUOTA_EXCEEDED``: the app's quota is used up; raised at once, never retried.

    A development-mode app's quota belongs to its developer's account: once it
    is spent, every call fails until ``retry_after`` (when Spotify gives it)
    or until the quota renews. Waiting a few seconds does not help, so
    spotlite does not retry; ask Spotify for extended quota to lift it.
    """


class ServerError(HTTPError):
    """A 5xx answer: Spotify or a proxy in front of it failed."""


class InternalServerError(ServerError):
    """500."""


class BadGateway(ServerError):
    """502."""


class ServiceUnavailable(ServerError):
    """503."""


class GatewayTimeout(ServerError):
    """504."""


class TransportError(SpotliteError):
    """No usable answer arrived: the connection failed or broke, or the body was cut short or undecodable.

    ``method`` and ``url`` name the request; the message says what went wrong
    (cut to a readable length, as a 10 MB URL would make it long; ``url`` is whole).
    Idempotent requests are retried before this is raised.
    """

    def __init__(self, message: str, *, method: str = "", url: str = "") -> None:
        self.method = method
        """The request's HTTP method."""
        self.url = url
        """The request URL."""
        super().__init__(_readable(f"{method} {url}: {message}" if method else message))


class Timeout(TransportError):
    """A read took longer than ``timeout``, or the whole call longer than ``deadline``."""


class PartialWriteError(SpotliteError):
    """A write sent in several requests failed after some of them succeeded.

    What was written stays written. ``written`` are the items the successful
    requests sent, in order; ``failed`` those of the request that failed (it
    may or may not have taken effect when the connection broke); ``remaining``
    every item not known to be written, the failed request's first: pass them
    to the same function to resume. ``snapshot_id`` is the playlist's snapshot
    after the last successful request (None for other writes), ``error`` the
    exception of the failed request (also ``__cause__``).
    """

    def __init__(
        self,
        message: str,
        *,
        written: tuple[str, ...],
        failed: tuple[str, ...],
        remaining: tuple[str, ...],
        snapshot_id: str | None,
        error: SpotliteError,
    ) -> None:
        self.written = written
        """The items the successful requests sent, in order."""
        self.failed = failed
        """The items of the request that failed (it may or may not have taken effect)."""
        self.remaining = remaining
        """Every item not known to be written, the failed ones first: pass them to resume."""
        self.snapshot_id = snapshot_id
        """The playlist's snapshot ID after the last successful request (None for other writes)."""
        self.error = error
        """The exception of the failed request (also ``__cause__``)."""
        super().__init__(message)


class AuthError(SpotliteError):
    """The accounts service refused an OAuth request (``invalid_grant``, ...), or answered malformed."""

    def __init__(self, error: str, description: str = "") -> None:
        self.error = error
        """The accounts service's error code (``invalid_grant``, ``invalid_client``...)."""
        self.description = description
        """Its description of the error."""
        super().__init__(f"{error}: {description}" if description else error)


class MappingError(SpotliteError, ValueError):
    """A JSON value had the wrong kind for its model field.

    ``path`` names where, as in ``tracks.items[3].duration_ms``.
    """

    def __init__(self, expected: str, got: object, path: tuple[str | int, ...] = ()) -> None:
        self.expected = expected
        """The kind of value the field expected."""
        self.got = got
        """The value found instead."""
        self.path = path
        """Where in the document, from the top (``("tracks", "items", 3, "duration_ms")``)."""
        super().__init__()

    def at(self, step: str | int) -> MappingError:
        """Return the same error one level further out in the document."""
        return MappingError(self.expected, self.got, (step, *self.path))

    @property
    def location(self) -> str:
        """The path as text: ``tracks.items[3].duration_ms``."""
        text = ""
        for step in self.path:
            text += f"[{step}]" if isinstance(step, int) else f".{step}"
        return text.lstrip(".") or "(root)"

    def __str__(self) -> str:
        got = "null or nothing" if self.got is None else type(self.got).__name__
        return f"{self.location!r}: expected {self.expected}, got {got}"


class InvalidInput(SpotliteError, ValueError):
    """An argument was refused before any request was sent.

    The message quotes the value refused, cut to a readable length: a 10 MB
    argument gives a message of a few hundred characters, its start and end.
    """

    def __init__(self, message: str) -> None:
        super().__init__(_readable(message))


_HEAD, _TAIL = 600, 300  # characters a message too long to read keeps of its start and of its end
_QUOTED = 60  # characters of a value quoted in a message


def quoted(value: object) -> str:
    """``repr(value)`` cut to a readable length, to quote in a message: ``'xxxxx...' (10000000 characters)``."""
    if isinstance(value, str) and len(value) > _QUOTED:
        return f"{value[:_QUOTED]!r}... ({len(value)} characters)"
    text = repr(value)
    return text if len(text) <= _QUOTED else text[: _QUOTED - 3] + "..."


def _readable(message: str) -> str:
    """``message`` cut to a readable length: its start and its end, and how much was left out between."""
    if len(message) <= _HEAD + _TAIL + 40:
        return message
    return f"{message[:_HEAD]}... ({len(message) - _HEAD - _TAIL} characters cut) ...{message[-_TAIL:]}"


class InvalidToken(InvalidInput, TypeError):
    """The token argument is not a str, a ``Token``, or a callable returning one (also a ``TypeError``)."""


STATUS_CLASSES: dict[int, type[HTTPError]] = {
    400: BadRequest,
    401: Unauthorised,
    403: Forbidden,
    404: NotFound,
    429: TooManyRequests,
    500: InternalServerError,
    502: BadGateway,
    503: ServiceUnavailable,
    504: GatewayTimeout,
}


def error_class(status: int) -> type[HTTPError]:
    """The exception class for an HTTP status, falling back to the nearest family."""
    if status in STATUS_CLASSES:
        return STATUS_CLASSES[status]
    if status < 400:
        return RedirectError
    return ServerError if status >= 500 else ClientError
