"""``RefreshingToken``: a token that refreshes itself, for programs that run for hours.

    token = spotlite.RefreshingToken(user_token, client_id, client_secret)
    while True:
        print(spotlite.playback_currently_playing(token))   # refreshed when due
        time.sleep(30)

It goes wherever a token goes. Before each request it hands out its access
token, refreshing it first when it expires within a minute; when a request
still gets a 401 because the token expired (clocks drift, tokens get revoked
early), that request refreshes once and is sent again. Other 401s are raised
as they are.

Many threads may share one: one refresh happens at a time and the others wait
for its result. A refresh that fails raises ``AuthError`` (or the transport's
error) in the thread that tried and in every thread that waited for it, and is
not retried in a loop: the next call tries again. A refresh token that Spotify
refuses (``invalid_grant``: revoked, or older than six months) stays refused:
every later call raises at once, saying the user must authorise again.

``on_refresh`` receives each new ``Token``, so a program can keep the refresh
token Spotify rotates (it does for PKCE). When it raises, the call that
refreshed still succeeds with the new token; the failure is logged as a
warning on the ``spotlite.refreshing`` logger (without the token), and the
newest token is offered to ``on_refresh`` again at the start of each later
call until it takes it::

    def save(token: spotlite.Token) -> None:
        spotlite.config_to_file("spotlite.cfg", (client_id, client_secret, redirect_uri, token.refresh_token))

Processes that share a user's token (web workers, machines) share it through a
store: ``RefreshingToken.from_store(store, key, client_id, client_secret)``
reads it from a ``TokenStore`` and refreshes it under the key's lock, so one
process refreshes and the others use its token (see ``from_store``).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from . import auth
from ._log import get_logger
from ._token import Token
from .errors import AuthError, InvalidInput, SpotliteError

if TYPE_CHECKING:  # spotlite.stores loads when a store is used
    from .stores import TokenStore

log = get_logger(__name__)

__all__ = ["RefreshingToken"]


class RefreshingToken:
    """A user or app token that refreshes itself before it expires, safe to share between threads.

    Args:
        token: a user token with a refresh token (from the normal or the PKCE
            flow: ``token.uses_pkce`` says which refresh it takes).
        client_id: the app's client ID.
        client_secret: the app's secret; None for a PKCE token.
        on_refresh: called with each new ``Token`` (to save a rotated refresh token); when it raises, the
            failure is logged and the token offered again on the next call.
    """

    def __init__(
        self,
        token: Token,
        client_id: str,
        client_secret: str | None = None,
        on_refresh: Callable[[Token], object] | None = None,
    ) -> None:
        if not isinstance(token, Token):
            raise InvalidInput(f"RefreshingToken takes a Token, got {type(token).__name__}")
        if token.refresh_token is None:
            raise InvalidInput("the token has no refresh token: use RefreshingToken.for_client for an app token")
        if not token.uses_pkce and client_secret is None:
            raise InvalidInput("refreshing a token of the normal flow needs the client secret")
        self._renew: Callable[[Token], Token] = lambda old: auth.refresh(old, client_id, client_secret)
        self._setup(token, on_refresh)

    @classmethod
    def for_client(
        cls, client_id: str, client_secret: str, on_refresh: Callable[[Token], object] | None = None
    ) -> RefreshingToken:
        """An app token (client credentials) that requests a new one when due; requests the first now."""
        self = cls.__new__(cls)
        self._renew = lambda old: auth.request_client_token(client_id, client_secret)
        self._setup(auth.request_client_token(client_id, client_secret), on_refresh)
        return self

    @classmethod
    def from_store(
        cls,
        store: TokenStore,
        key: str,
        client_id: str,
        client_secret: str | None = None,
        on_refresh: Callable[[Token], object] | None = None,
    ) -> RefreshingToken:
        """The user's token saved in ``store`` under ``key``, refreshed through the store.

        It reads the store once now, and again only when the token is due
        (a warm token costs no store read). To refresh it takes the key's lock,
        reads the store again and uses the token there if another process
        has refreshed it meanwhile; otherwise it refreshes with the refresh
        token in the store (the latest, when Spotify rotates them) and saves
        the new token before it releases the lock and hands the token out.
        A 401 for an expired token does the same. So many processes share one
        token without ever sending a rotated-out refresh token.

        Args:
            store: where the token lives (``SQLiteStore``, ``RedisStore``, ...).
            key: the user's key in the store (your user ID, say).
            client_id: the app's client ID.
            client_secret: the app's secret (never written to the store); None for a PKCE token.
            on_refresh: called with each new ``Token`` this process got.

        Raises:
            AuthError: nothing is saved under ``key`` (never logged in, or
                logged out: deleted); raised again by a refresh that finds it deleted.
        """
        token = store.load(key)
        if token is None:
            raise _logged_out(key)
        self = cls(token, client_id, client_secret, on_refresh)
        self._renew = partial(_renew_in_store, store, key, client_id, client_secret)
        return self

    def _setup(self, token: Token, on_refresh: Callable[[Token], object] | None) -> None:
        self._token = token
        self._on_refresh = on_refresh
        self._lock = threading.Lock()
        self._attempts = 0  # refreshes ended so far: tells waiting threads one ended while they waited
        self._failure: SpotliteError | None = None  # of the last attempt
        self._refused: AuthError | None = None  # the refresh token was refused: for good
        self._unsaved: Token | None = None  # a new token on_refresh failed to take: offered again

    def __call__(self) -> Token:
        """The current token, refreshed first when it expires within a minute."""
        if self._unsaved is not None:
            with self._lock:
                self._offer()
        token = self._token
        return token if not token.is_expiring else self._refresh(token)

    def ready(self) -> Token | None:
        """The current token when it is not due for a refresh (nor for ``on_refresh``), else None; never blocks.

        For ``spotlite.aio``, which calls the token in a worker thread when this is None.
        """
        token = self._token
        due = token.is_expiring or self._refused is not None or self._unsaved is not None  # on_refresh may block
        return None if due else token

    @property
    def token(self) -> Token:
        """The current token, as it is (no refresh)."""
        return self._token

    @property
    def access_token(self) -> str:
        """The current access token, refreshed first when due."""
        return self().access_token

    @property
    def refresh_token(self) -> str | None:
        """The refresh token in use (the latest Spotify sent)."""
        return self._token.refresh_token

    @property
    def is_expiring(self) -> bool:
        """True when the current token expires within a minute."""
        return self._token.is_expiring

    def refresh(self) -> Token:
        """Refresh now, whatever the expiry; returns the new token."""
        return self._refresh(self._token)

    def refresh_after_401(self, rejected: str) -> str:
        """The access token to send again after ``rejected`` got a 401 for an expired token.

        Refreshes unless another thread already replaced ``rejected``.
        """
        token = self._token
        if token.access_token != rejected:
            return token.access_token
        return self._refresh(token).access_token

    def _refresh(self, stale: Token) -> Token:
        """Replace ``stale`` by a new token, once however many threads ask at the same time."""
        attempts = self._attempts
        with self._lock:
            if self._refused is not None:
                raise AuthError(self._refused.error, self._refused.description)
            if self._token is not stale:  # another thread refreshed while this one waited
                return self._token
            if self._attempts != attempts and self._failure is not None:  # ... and failed: share its failure
                raise _copy(self._failure)
            try:
                token = self._renew(stale)
            except SpotliteError as error:
                self._failure = error
                if isinstance(error, AuthError) and error.error == "invalid_grant":
                    self._refused = error
                raise
            finally:
                self._attempts += 1  # counted once ended, so the threads waiting meanwhile see it
            self._token, self._failure = token, None
            if log.isEnabledFor(logging.INFO):
                log.info("token refreshed; the new one expires in %.0f s", token.expires_at - time.time())
            self._unsaved = token if self._on_refresh is not None else None
            self._offer()
        return token

    def _offer(self) -> None:
        """Hand the newest token ``on_refresh`` has not taken yet to it (under the lock).

        A failure is logged, never raised: the call that refreshed goes on with
        the new token, and the next call offers it again.
        """
        token = self._unsaved
        if token is None or self._on_refresh is None:
            return
        try:
            self._on_refresh(token)
        except Exception as error:  # noqa: BLE001 - the program's callback: logged, offered again next call
            text = f"{type(error).__name__}: {error}"
            for secret in (token.access_token, token.refresh_token):
                if secret:
                    text = text.replace(secret, "***")
            log.warning("on_refresh failed (%s); the new token is offered to it again on the next call", text)
            return
        self._unsaved = None

    def __repr__(self) -> str:
        token = self._token
        return f"RefreshingToken(expires_at={token.expires_at!r}, scope={token.scope!r}, uses_pkce={token.uses_pkce!r})"

    __str__ = __repr__

    def __reduce__(self) -> tuple[object, ...]:
        raise TypeError("a RefreshingToken holds a lock and the app's secret: pickle its .token instead")


def _renew_in_store(store: TokenStore, key: str, client_id: str, client_secret: str | None, stale: Token) -> Token:
    """Replace ``stale`` under the key's lock: by the stored token if another process refreshed, else by a refresh.

    The new token is saved before the lock is released, so the next process
    to take it finds the rotated refresh token.
    """
    with store.lock(key):
        current = store.load(key)
        if current is None:
            raise _logged_out(key)
        if current.access_token != stale.access_token and not current.is_expiring:
            return current  # another process refreshed while this one waited
        token = auth.refresh(current, client_id, client_secret)
        store.save(key, token)
    return token  # logged by _refresh, as every refresh is


def _logged_out(key: str) -> AuthError:
    return AuthError(
        "no_token", f"no token is saved under the key {key!r}: the user logged out (or never logged in); "
        "ask them to authorise again"
    )


def _copy(error: SpotliteError) -> SpotliteError:
    """A fresh exception like ``error``, for another thread to raise (each gets its own traceback)."""
    fresh = error.__class__.__new__(error.__class__)
    fresh.args = error.args
    fresh.__dict__.update(error.__dict__)
    return fresh
