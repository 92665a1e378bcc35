"""The ``Token`` model and the token argument every endpoint takes."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from .errors import InvalidToken

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
