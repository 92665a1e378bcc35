"""``RedisStore``: values and tokens in Redis, for processes on many machines.

Install the extra: ``pip install 'spotlite-client[redis]'`` (redis-py). The
store uses the client you give it, so its connection pool, TLS and
credentials are yours; this is the only module of spotlite that imports
redis-py, and only for ``RedisStore.from_url``.

A key's value is the Redis key ``<prefix><key>``; a time to live is Redis's
own (``SET ... PX``). A key's lock is the Redis key ``<prefix>lock:<key>``,
taken as Redis takes locks: ``SET NX PX`` with a random value, released by a
script that deletes it only while it still holds that value, so only its
holder releases it. A lock whose holder died expires after ``lock_timeout``
seconds (30 by default): that is how long a killed holder can keep the
others waiting. Keep it above the time a token refresh may take (spotlite's
``deadline``, 30 s by default).
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING

from ..errors import InvalidInput
from ._base import TokenMethods, check_key, check_ttl, check_value
from ._keylocks import KeyLocks

if TYPE_CHECKING:
    import redis

__all__ = ["RedisStore"]

LOCK_TIMEOUT = 30.0  # seconds a lock lives unless its holder releases it first
_FIRST_POLL = 0.002  # seconds between tries for a taken lock, doubled up to _LAST_POLL
_LAST_POLL = 0.05
# Deletes the lock only while it holds this holder's value: a holder whose lock expired frees no one else's.
_RELEASE = """
if redis.call("get", KEYS[1]) == ARGV[1] then
    return redis.call("del", KEYS[1])
end
return 0
"""


class RedisStore(TokenMethods):
    """A store in Redis, shared by processes on many machines.

    A ``TokenStore`` and a ``Backend``. The threads of one process wait for
    a key's lock among themselves first, so one of them at a time asks Redis.
    A dead lock holder's lock is free after ``lock_timeout`` seconds.

    Args:
        client: a redis-py client (``redis.Redis``; ``decode_responses`` left off).
        prefix: put before every key, to share one Redis database with other programs.
        lock_timeout: seconds a lock lives unless released first (a dead holder's lock is free after it).
    """

    def __init__(self, client: redis.Redis, prefix: str = "spotlite:", *, lock_timeout: float = LOCK_TIMEOUT) -> None:
        if not isinstance(prefix, str):
            raise InvalidInput(f"prefix must be a str, got {type(prefix).__name__}")
        if check_ttl(lock_timeout) is None:
            raise InvalidInput("lock_timeout must be a number of seconds more than 0, got None")
        self._client = client
        self._prefix = prefix
        self._lease_ms = max(1, round(lock_timeout * 1000))
        self._release = client.register_script(_RELEASE)  # sent on first use
        self._threads = KeyLocks()

    @classmethod
    def from_url(cls, url: str, prefix: str = "spotlite:", *, lock_timeout: float = LOCK_TIMEOUT) -> RedisStore:
        """A store on a new redis-py client for ``url`` (``redis://host:6379/0``, ``rediss://...``)."""
        import redis

        return cls(redis.Redis.from_url(url), prefix, lock_timeout=lock_timeout)

    def get(self, key: str) -> bytes | None:
        """The value under ``key``, or None when there is none or it has expired."""
        value = self._client.get(self._prefix + check_key(key))
        return value.encode() if isinstance(value, str) else value

    def put(self, key: str, value: bytes, ttl: float | None = None) -> None:
        """Keep ``value`` under ``key`` (for ``ttl`` seconds, or until replaced or deleted)."""
        value, ttl = check_value(value), check_ttl(ttl)
        self._client.set(self._prefix + check_key(key), value, px=None if ttl is None else max(1, round(ttl * 1000)))

    def delete(self, key: str) -> None:
        """Remove the value under ``key``, if any."""
        self._client.delete(self._prefix + check_key(key))

    def lock(self, key: str) -> AbstractContextManager[None]:
        """``key``'s lock among every process using this Redis and prefix."""
        return self._hold(check_key(key))

    @contextmanager
    def _hold(self, key: str) -> Iterator[None]:
        name, mine = f"{self._prefix}lock:{key}", secrets.token_hex(16)
        with self._threads.hold(key):
            self._acquire(name, mine)
            try:
                yield
            finally:
                self._release(keys=[name], args=[mine])

    def _acquire(self, name: str, mine: str) -> None:
        """Take the lock ``name``, waiting while another holds it (at most a few lifetimes of a lock)."""
        give_up = time.monotonic() + 3 * self._lease_ms / 1000
        poll = _FIRST_POLL
        while not self._client.set(name, mine, nx=True, px=self._lease_ms):
            if time.monotonic() > give_up:
                raise TimeoutError(f"the lock {name!r} stayed taken for {3 * self._lease_ms / 1000:g} s")
            time.sleep(poll)
            poll = min(poll * 2, _LAST_POLL)

    def __repr__(self) -> str:
        return f"RedisStore(prefix={self._prefix!r}, lock_timeout={self._lease_ms / 1000:g})"


