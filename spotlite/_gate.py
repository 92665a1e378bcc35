"""The rate-limit gate: after a 429, every call to that API waits out its ``Retry-After``.

When one call gets a 429 with ``Retry-After: T``, the gate of that API closes
until T has passed, and every call that would send to it meanwhile (other
threads, ``spotlite.aio``'s calls) waits at the gate instead of sending its own
request into the limit. One gate per process is on by default
(``Settings.gate``); ``configure(gate=None)`` switches it off. Given a store,
processes share it too::

    spotlite.configure(gate=spotlite.RateLimitGate(spotlite.SQLiteStore("spotlite.db")))

A 429 for a spent quota (``QUOTA_EXCEEDED``) does not close the gate: it is
raised at once as ``QuotaExceeded``.
"""

from __future__ import annotations

import math
import threading
import time
from typing import TYPE_CHECKING, Protocol

from ._log import get_logger, store_failed

if TYPE_CHECKING:
    from .stores import Backend

__all__ = ["RateLimitGate"]

_log = get_logger(__name__)


class Gate(Protocol):
    """What ``_http`` needs of a gate: when an API's gate opens, and closing it until a time."""

    def opens_at(self, api: str) -> float:
        """The Unix time the gate of ``api`` opens (a time past, or 0, when it is open)."""
        ...

    def close(self, api: str, until: float) -> None:
        """Keep the gate of ``api`` closed until the Unix time ``until`` (never opens it earlier)."""
        ...


class RateLimitGate:
    """One rate-limit gate per API, for the threads of this process or, given a store, for every process using it.

    When the store fails (Redis restarting), the gate logs a warning and
    goes on as this process's gate alone.

    Args:
        store: a store shared by processes (``SQLiteStore``, ``RedisStore``, or any
            ``spotlite.stores.Backend``), or None to share the gate among this
            process's threads only. The gate keeps one small value per API, under
            ``gate:<API URL>``, expiring when the gate opens.
    """

    def __init__(self, store: Backend | None = None) -> None:
        self._store = store
        self._until: dict[str, float] = {}  # this process's view: API -> Unix time its gate opens
        self._lock = threading.Lock()

    @property
    def blocks(self) -> bool:
        """Whether its calls may wait on I/O (a store): ``spotlite.aio`` makes them in a worker thread."""
        return self._store is not None

    def opens_at(self, api: str) -> float:
        """The Unix time the gate of ``api`` opens (a time past, or 0, when it is open)."""
        until = self._until.get(api, 0.0)
        if self._store is None:
            return until
        try:
            return max(until, stored_time(self._store.get("gate:" + api)))
        except Exception as error:  # noqa: BLE001 - any backend's failure: logged, and this process's view used
            store_failed(_log, "the rate-limit gate", error)
            return until

    def close(self, api: str, until: float) -> None:
        """Keep the gate of ``api`` closed until the Unix time ``until`` (never opens it earlier)."""
        with self._lock:
            if until > self._until.get(api, 0.0):
                self._until[api] = until
        if self._store is None:
            return
        key = "gate:" + api
        try:
            with self._store.lock(key):
                ttl = until - time.time()
                if ttl > 0 and until > stored_time(self._store.get(key)):
                    self._store.put(key, repr(until).encode(), ttl=ttl)
        except Exception as error:  # noqa: BLE001 - any backend's failure: logged; this process's gate is closed
            store_failed(_log, "the rate-limit gate", error)

    def __repr__(self) -> str:
        return "RateLimitGate()" if self._store is None else f"RateLimitGate({self._store!r})"


def stored_time(value: bytes | None) -> float:
    """A Unix time kept in a store; 0 when there is none or it is not a number."""
    try:
        when = float(value) if value else 0.0
    except ValueError:
        return 0.0
    return when if math.isfinite(when) else 0.0
