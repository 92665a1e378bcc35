"""Exceptions raised by spotlite.

::

    SpotliteError
    ├── HTTPError (.status, .message, .reason, .url)
    │   ├── ClientError
    │   │   ├── BadRequest           400
    │   │   ├── Unauthorised         401
    │   │   ├── Forbidden            403
    │   │   ├── NotFound             404
    │   │   └── TooManyRequests      429 (.retry_after)
    │   └── ServerError
    │       ├── InternalServerError  500
    │       ├── BadGateway           502
    │       ├── ServiceUnavailable   503
    │       └── GatewayTimeout       504
    ├── AuthError (.error, .description)
    ├── MappingError (.path), also a ValueError: a response of an unexpected shape
    └── InvalidInput, also a ValueError: bad arguments, raised before any request

A status without a class of its own becomes ``ClientError`` (4xx) or
``ServerError`` (5xx). No exception carries a token or a secret.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "AuthError",
    "BadGateway",
    "BadRequest",
    "ClientError",
    "Forbidden",
    "GatewayTimeout",
    "HTTPError",
    "InternalServerError",
    "InvalidInput",
    "MappingError",
    "NotFound",
    "ServerError",
    "ServiceUnavailable",
    "SpotliteError",
    "TooManyRequests",
    "Unauthorised",
]


class SpotliteError(Exception):
    """Base of every exception spotlite raises."""


class HTTPError(SpotliteError):
    """Spotify answered with an error status.

    ``message`` and ``reason`` are Spotify's own (``reason`` is set by the player
    endpoints, e.g. ``NO_ACTIVE_DEVICE``); ``url`` is the request URL and
    ``response`` the ``requests.Response``.
    """

    def __init__(
        self, status: int, message: str, *, reason: str | None = None, url: str = ""
    ) -> None:
        self.status = status
        self.message = message
        self.reason = reason
        self.url = url
        self.response: Any = None  # the requests.Response, when there was one
        super().__init__(f"{status}: {message}" + (f" [{reason}]" if reason else ""))


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
    """429: rate limited; ``retry_after`` is Spotify's ``Retry-After`` in seconds."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        reason: str | None = None,
        url: str = "",
        retry_after: float | None = None,
    ) -> None:
        super().__init__(status, message, reason=reason, url=url)
        self.retry_after = retry_after


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


class AuthError(SpotliteError):
    """The accounts service refused an OAuth request (``invalid_grant``, ...)."""

    def __init__(self, error: str, description: str = "") -> None:
        self.error = error
        self.description = description
        super().__init__(f"{error}: {description}" if description else error)


class MappingError(SpotliteError, ValueError):
    """A JSON value had the wrong kind for its model field.

    ``path`` names where, as in ``tracks.items[3].duration_ms``.
    """

    def __init__(self, expected: str, got: object, path: tuple[str | int, ...] = ()) -> None:
        self.expected = expected
        self.got = got
        self.path = path
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
    """An argument was refused before any request was sent."""


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
    return ServerError if status >= 500 else ClientError
