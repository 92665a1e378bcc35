"""The two protocols of a store, and the token logic written once above every backend.

``Backend`` is what the storage offers (values by key, a lock per key);
``TokenStore`` is what ``RefreshingToken.from_store`` needs (tokens by key,
the same lock). ``TokenMethods`` turns any ``Backend`` into a ``TokenStore``:
a token is kept as the JSON of ``Token.to_dict()`` (never the app's secret).
"""

from __future__ import annotations

import json
import math
from contextlib import AbstractContextManager
from typing import Protocol, runtime_checkable

from .._token import Token
from ..errors import InvalidInput

__all__ = ["TokenStore"]  # spotlite.TokenStore; Backend and TokenMethods are spotlite.stores'


@runtime_checkable
class Backend(Protocol):
    """Values by key, and a lock per key, shared by everyone who opens the same storage.

    Keys are non-empty ``str``; values are ``bytes``. The four methods are
    safe to call from many threads at once. A backend knows nothing of what
    its values mean: tokens, cached answers and rate-limit state all use it.
    """

    def get(self, key: str) -> bytes | None:
        """The value under ``key``, or None when there is none or it has expired."""
        ...

    def put(self, key: str, value: bytes, ttl: float | None = None) -> None:
        """Keep ``value`` under ``key``, replacing what was there, whole or not at all.

        ``ttl``: seconds until the value expires (then ``get`` gives None);
        None keeps it until it is replaced or deleted.
        """
        ...

    def delete(self, key: str) -> None:
        """Remove the value under ``key``; nothing happens when there is none."""
        ...

    def lock(self, key: str) -> AbstractContextManager[None]:
        """The lock of ``key``: ``with backend.lock(key):`` holds it.

        One holder at a time among every thread and process using the same
        storage; it is not re-entrant. A holder that dies leaves it free
        again within a bound each backend documents. The lock does not stop
        ``get``, ``put`` or ``delete``: it orders those who take it.
        """
        ...


@runtime_checkable
class TokenStore(Protocol):
    """Where users' tokens live between processes: load, save and delete a ``Token`` by key.

    ``lock(key)`` is the key's refresh lock: ``RefreshingToken.from_store``
    takes it to refresh, so one process refreshes and the others use its
    token. Every spotlite store (``MemoryStore``, ``FileStore``,
    ``SQLiteStore``, ``RedisStore``) is one.
    """

    def load(self, key: str) -> Token | None:
        """The token saved under ``key``, or None when there is none (never saved, or deleted)."""
        ...

    def save(self, key: str, token: Token) -> None:
        """Save ``token`` under ``key``, replacing the one there."""
        ...

    def delete(self, key: str) -> None:
        """Remove the token under ``key`` (the user logged out)."""
        ...

    def lock(self, key: str) -> AbstractContextManager[None]:
        """The refresh lock of ``key``, held with ``with store.lock(key):``."""
        ...


class TokenMethods:
    """``load`` and ``save`` of tokens, for a class that has ``get`` and ``put`` of a ``Backend``.

    A token is kept as UTF-8 JSON of ``Token.to_dict()``, without expiry:
    its refresh token outlives the access token.
    """

    def get(self, key: str) -> bytes | None:  # the backend's
        raise NotImplementedError

    def put(self, key: str, value: bytes, ttl: float | None = None) -> None:  # the backend's
        raise NotImplementedError

    def load(self, key: str) -> Token | None:
        """The token saved under ``key``, or None when there is none.

        Raises:
            InvalidInput: what is saved there is not a token (the message says why, never a token).
        """
        raw = self.get(key)
        if raw is None:
            return None
        try:
            data = json.loads(raw)
        except ValueError:
            raise InvalidInput(f"the value under {key!r} is not a saved token (not JSON)") from None
        return Token.from_dict(data)

    def save(self, key: str, token: Token) -> None:
        """Save ``token`` under ``key``, replacing the one there."""
        if not isinstance(token, Token):
            raise InvalidInput(f"save takes a Token, got {type(token).__name__}")
        self.put(key, json.dumps(token.to_dict()).encode())


def check_key(key: str) -> str:
    """``key`` if it is a non-empty str, else ``InvalidInput``."""
    if not isinstance(key, str) or not key:
        raise InvalidInput(f"a store key must be a non-empty str, got {key!r}" if isinstance(key, str)
                           else f"a store key must be a non-empty str, got {type(key).__name__}")
    return key


def check_value(value: bytes) -> bytes:
    """``value`` if it is bytes, else ``InvalidInput``."""
    if not isinstance(value, (bytes, bytearray, memoryview)):
        raise InvalidInput(f"a store keeps bytes, got {type(value).__name__}")
    return bytes(value)


def check_ttl(ttl: float | None) -> float | None:
    """``ttl`` if it is None or a number of seconds more than 0, else ``InvalidInput``."""
    if ttl is not None and (isinstance(ttl, bool) or not isinstance(ttl, (int, float)) or not 0 < ttl < math.inf):
        raise InvalidInput(f"ttl must be None or a number of seconds more than 0, got {ttl!r}")
    return ttl
