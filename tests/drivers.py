"""Both drivers of the one policy: a behaviour test takes the ``call`` fixture and runs on each.

``call(spotlite.album, token, album_id)`` calls ``spotlite.album`` itself (the
sync driver, over requests) or awaits ``spotlite.aio.album`` in a fresh event
loop (the async driver, over aiohttp), and returns or raises what it did.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import spotlite
from spotlite import aio

Call = Callable[..., Any]
DRIVERS = ("sync", "aio")


def on_driver(driver: str) -> Call:
    """A ``call`` for ``driver``: "sync" or "aio"."""
    if driver == "sync":
        return lambda fn, *args, **kwargs: fn(*args, **kwargs)

    def awaited(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        own_session = spotlite.settings().session is not None  # which only the sync transport uses: worker threads
        assert own_session or aio._native() is not None, "aiohttp is a test dependency: its driver must be tested"
        return asyncio.run(getattr(aio, fn.__name__)(*args, **kwargs))

    return awaited
