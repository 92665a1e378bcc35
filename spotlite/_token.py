"""The ``Token`` model and the token argument every endpoint takes."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import InvalidInput, InvalidToken

__all__ = ["Token", "TokenLike"]

EXPIRING_SECONDS = 60  # a token this close to its end counts as expiring


@dataclass(frozen=True, slots=True, kw_only=True)
class Token:
    """An access token from Spotify's accounts service.

    ``str(token)`` and ``repr(token)`` never show the access or refresh token.
    ``expires_at`` is a Unix time; ``scope`` is the space-separated scopes granted.
    ``uses_pkce`` tells which refresh function renews it.
    """

    access_token: str = field(repr=False)
    """The access token, sent as ``Authorization: Bearer ...``; hidden in ``repr``."""
    token_type: str = "Bearer"
    """``Bearer``."""
    expires_at: float
    """When it expires, Unix time in seconds."""
    scope: str = ""
    """The scopes granted, space-separated (empty for an app token)."""
    refresh_token: str | None = field(default=None, repr=False)
    """The refresh token (None for an app token); hidden in ``repr``."""
    uses_pkce: bool = False
    """Whether it came from the PKCE flow, which refreshes without the client secret."""

    @property
    def is_expiring(self) -> bool:
        """True when the token expires within a minute (or has expired)."""
        return self.expires_at - time.time() < EXPIRING_SECONDS

    def to_dict(self) -> dict[str, Any]:
        """The token as JSON-ready values, for a session, a cookie or a file; ``Token.from_dict`` reads them back.

        They hold the access and refresh tokens: keep them where only the app
        can read them (a signed cookie is readable by its user).

        Returns:
            ``access_token``, ``token_type``, ``expires_at`` (Unix time),
            ``scope``, ``refresh_token`` (or None) and ``uses_pkce``.
        """
        return {
            "access_token": self.access_token,
            "token_type": self.token_type,
            "expires_at": self.expires_at,
            "scope": self.scope,
            "refresh_token": self.refresh_token,
            "uses_pkce": self.uses_pkce,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Token:
        """A ``Token`` from ``to_dict``'s values, Spotify's token answer or a Spotipy cache file.

        ``expires_at`` (Unix time, as ``to_dict`` and Spotipy's ``.cache``
        keep it) wins over ``expires_in`` (seconds from now, as Spotify
        answers); missing fields take Spotify's defaults (``Bearer``, an
        hour, no scope, no refresh token, not PKCE). Spotipy's files do not
        say whether the token came from PKCE: give a PKCE token
        ``dataclasses.replace(token, uses_pkce=True)``.

        Args:
            data: a mapping as ``to_dict`` gives it, as Spotify answers, or as Spotipy caches it.

        Returns:
            The token.

        Raises:
            InvalidInput: a field is missing or of the wrong kind; the message
                names it, never the value of a token.
        """
        if not isinstance(data, Mapping):
            raise InvalidInput(f"a token is read from a mapping, got {_json_kind(data)}")
        uses_pkce = data.get("uses_pkce", False)
        if not isinstance(uses_pkce, bool):
            raise InvalidInput(f"uses_pkce must be true or false, got {_json_kind(uses_pkce)}")
        at = data.get("expires_at")
        expires_at = None if at is None else _seconds(at, "expires_at")
        return token_from_answer(data, uses_pkce=uses_pkce, expires_at=expires_at)

    def __repr__(self) -> str:
        refresh = ", refresh_token='***'" if self.refresh_token else ""
        return (
            f"Token(access_token='***', token_type={self.token_type!r}, "
            f"expires_at={self.expires_at!r}, scope={self.scope!r}{refresh}, "
            f"uses_pkce={self.uses_pkce!r})"
        )

    __str__ = __repr__


TokenLike = str | Token | Callable[[], str | Token]
"""What an endpoint accepts as its token: an access token, a ``Token``, or a
zero-argument callable returning either (for a source that refreshes)."""


def ready_access_token(token: TokenLike | None) -> str | None:
    """The bare access token when it can be had without blocking, else None (a source that may refresh or read a store).

    A ``str`` or ``Token`` is ready; so is a source offering ``ready()`` (the
    current token, or None when a refresh is due, never blocking: ``RefreshingToken``)
    while that returns a token. Any other callable may block: None. Raises as
    ``access_token_of`` does for a token of the wrong kind.
    """
    if callable(token):
        ready = getattr(token, "ready", None)
        value = ready() if ready is not None else None
        return None if value is None else access_token_of(value)
    return access_token_of(token)


def access_token_of(token: TokenLike | None) -> str:
    """The bare access token behind a token argument.

    Raises ``InvalidToken`` (a ``TypeError`` and a ``ValueError``) for anything
    else, or for a token that could not be sent in a header (spaces, control
    characters); the message never shows the token.
    """
    value = token() if callable(token) else token
    if isinstance(value, Token):
        value = value.access_token
    if not isinstance(value, str) or not value:
        kind = "an empty str" if value == "" else type(value).__name__
        raise InvalidToken(f"a token must be a str, a Token or a callable returning one, got {kind}")
    if not (value.isascii() and value.isprintable()) or " " in value:
        raise InvalidToken("the token holds spaces, control or non-ASCII characters: it cannot be sent in a header")
    return value


def token_from_answer(
    body: Any, *, uses_pkce: bool, refresh_token: str | None = None, expires_at: float | None = None
) -> Token:
    """The Token of a token answer's fields, each checked; ``InvalidInput`` names a bad one, never its value.

    ``refresh_token`` stands in when the answer has none; ``expires_at``, when
    given, wins over the answer's ``expires_in``.
    """
    if not isinstance(body, Mapping):
        raise InvalidInput(f"the answer is {_json_kind(body)}, not a JSON object")
    return Token(
        access_token=_access_token(body),
        token_type=_token_type(body),
        expires_at=time.time() + _expires_in(body) if expires_at is None else expires_at,
        scope=_scope(body),
        refresh_token=_refresh_token(body, refresh_token),
        uses_pkce=uses_pkce,
    )


def _json_kind(value: Any) -> str:
    """The kind of a JSON value, never the value itself (it may be a secret)."""
    if value is None:
        return "null"
    kinds = ((bool, "a boolean"), (int, "a number"), (float, "a number"), (list, "an array"), (Mapping, "an object"))
    if isinstance(value, str):
        return "a string" if value else "an empty string"
    return next((name for kind, name in kinds if isinstance(value, kind)), type(value).__name__)


def _access_token(body: Mapping[str, Any]) -> str:
    value = body.get("access_token")
    if not isinstance(value, str) or not value:
        got = _json_kind(value) if "access_token" in body else "none"
        raise InvalidInput(f"access_token must be a non-empty string, got {got}")
    return value


def _token_type(body: Mapping[str, Any]) -> str:
    """``Bearer`` when missing or any case of it; Spotify issues no other kind."""
    value = body.get("token_type", "Bearer")
    if not isinstance(value, str) or value.lower() != "bearer":
        got = "another string" if isinstance(value, str) else _json_kind(value)
        raise InvalidInput(f"token_type must be 'Bearer', got {got}")
    return "Bearer"


def _expires_in(body: Mapping[str, Any]) -> float:
    """Seconds until the token expires: an hour when missing, else a finite number, 0 or more."""
    return _seconds(body.get("expires_in", 3600), "expires_in")


def _seconds(value: Any, name: str) -> float:
    """``value`` as a finite number of seconds, 0 or more."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidInput(f"{name} must be a number of seconds, got {_json_kind(value)}")
    try:
        seconds = float(value)
    except OverflowError:  # an int too large for a float
        seconds = math.inf
    if not math.isfinite(seconds) or seconds < 0:
        raise InvalidInput(f"{name} must be a finite number of seconds, 0 or more, got {seconds!r}")
    return seconds


def _scope(body: Mapping[str, Any]) -> str:
    """The space-separated scopes granted; Spotify sends none (or null) for client tokens."""
    value = body.get("scope")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidInput(f"scope must be a string of space-separated scopes, got {_json_kind(value)}")
    return value


def _refresh_token(body: Mapping[str, Any], old: str | None) -> str | None:
    """The new refresh token, or the old one when Spotify sends none (or null)."""
    value = body.get("refresh_token")
    if value is None:
        return old
    if not isinstance(value, str) or not value:
        raise InvalidInput(f"refresh_token must be a non-empty string, got {_json_kind(value)}")
    return value
