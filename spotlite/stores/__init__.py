"""Storage that outlives the process: tokens today, and anything else keyed and shared.

Every store here is two things at once:

- a **backend**: values (``bytes``) by key, with an optional time to live, and
  a lock per key, shared by every thread and process that opens the same
  place (``Backend``);
- a **token store**: a user's ``Token`` by key, and that key's refresh lock
  (``TokenStore``), which ``RefreshingToken.from_store`` uses so that many
  processes share one token without refreshing it twice.

The backends know storage and nothing about Spotify; the token logic is
written once above them (``_base.TokenMethods``). The stores:

================  ===========================================  ==================================
store             for                                          a dead lock holder's lock is free
================  ===========================================  ==================================
``MemoryStore``   threads of one process                        (no other process)
``FileStore``     processes of one machine, one file per key   at once (the OS drops the lock)
``SQLiteStore``   processes of one machine, one database file  at once (the OS drops the lock)
``RedisStore``    processes on many machines                   after ``lock_timeout`` (30 s)
================  ===========================================  ==================================

A store for something else (Memcache, DynamoDB) is one small class with the
four methods of ``Backend``, plus ``TokenMethods`` for tokens.
"""

from __future__ import annotations

from ._base import Backend, TokenMethods, TokenStore

__all__ = ["Backend", "TokenMethods", "TokenStore"]
