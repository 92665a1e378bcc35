"""An HTTP cache that follows Spotify's ``Cache-Control`` and ``ETag`` headers (opt-in).

    spotlite.configure(cache=spotlite.MemoryCache())          # this process
    spotlite.configure(cache=spotlite.SharedCache(store))     # every process using the store

Spotify marks its catalogue cacheable for hours (an album ``public, max-age``
of about 80,000 s, ``/search`` and ``/tracks`` 7,200, ``/browse`` 600) and
sends playlists and users with an ``ETag`` and ``max-age=0``. The cache:

- keeps the answer of a GET (status 200) unless it says ``no-store``, when it
  can be reused: fresh for ``max-age`` seconds (less its ``Age``), or
  revalidated with its ``ETag``;
- serves a fresh answer with no request; revalidates a stale one that has an
  ``ETag`` with ``If-None-Match``, and on ``304 Not Modified`` reuses the kept
  body, and the models already built from it;
- shares ``public`` answers among every token; any other answer (and any
  asked with ``market=from_token``) is kept for its token alone, under a hash
  of the token (never the token itself), and is never served to another token;
- never keeps a write, and a write (POST, PUT, DELETE) makes the kept reads of
  what it changed stale: those of its resource (the first two segments of its
  path: ``/playlists/{id}``, ``/me/tracks``) and, for a write under ``/me``,
  ``/playlists`` or ``/users``, every read under ``/me``.

A kept answer is handed to every call that reads it: the models built from it
are built once and shared (they are frozen); ``spotlite.request`` returns a
copy of its JSON each time.
"""

from __future__ import annotations

import hashlib
import json
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol

from ._gate import stored_time
from ._log import get_logger, store_failed
from ._mapper import SharedJSON
from .errors import InvalidInput

if TYPE_CHECKING:
    from .stores import Backend

__all__ = ["MemoryCache", "SharedCache"]

_log = get_logger(__name__)

KEEP = 86_400.0  # seconds a SharedCache keeps a stale answer with an ETag, for revalidation
STAMP_TTL = 7 * 86_400.0  # seconds a SharedCache remembers a write; no answer is kept longer
_KEPT_HEADERS = ("cache-control", "content-type", "etag")
_USER_WIDE = ("me", "playlists", "users")  # a write under these may change what /me shows


class Cached:
    """An answer the cache keeps: a few headers, the body, when it was asked and until when it is fresh."""

    __slots__ = ("_json", "body", "etag", "expires", "headers", "resource", "sent_at", "shared")

    def __init__(self, headers: dict[str, str], body: bytes, *, sent_at: float, expires: float, resource: str,
                 parsed: Any = None) -> None:
        self.headers = headers  # those of _KEPT_HEADERS the answer had
        self.body = body
        self.sent_at = sent_at  # Unix time the request was sent
        self.expires = expires  # Unix time it stops being fresh
        self.resource = resource  # what a write makes stale: /playlists/{id}, /me/tracks...
        self.etag: str | None = headers.get("etag")
        self.shared = _shared(headers)
        self._json: Any = SharedJSON(body, parsed) if isinstance(parsed, dict) else None

    def fresh(self, now: float) -> bool:
        """Whether it may be served without asking Spotify at Unix time ``now``."""
        return now < self.expires

    def json(self) -> Any:
        """The body parsed: a ``SharedJSON`` for an object, parsed once (so its models are built once)."""
        value = self._json
        if value is None:
            parsed = json.loads(self.body)
            if not isinstance(parsed, dict):
                return parsed  # an array is parsed for each caller, who may keep and change it
            value = self._json = SharedJSON(self.body, parsed)
        return value

    def renewed(self, headers: Mapping[str, str], sent_at: float) -> Cached:
        """This answer as a ``304`` to a request sent at ``sent_at`` confirms it, with the 304's headers."""
        merged = {**self.headers, **_kept(headers)}
        lifetime = _lifetime({**merged, "age": headers.get("age", "")}) or 0.0
        return self._with(merged, sent_at, sent_at + lifetime)

    def _with(self, headers: dict[str, str], sent_at: float, expires: float) -> Cached:
        """This body (and its parse) with other headers and times."""
        changed = Cached(headers, self.body, sent_at=sent_at, expires=expires, resource=self.resource)
        changed._json = self._json
        return changed

    def to_bytes(self) -> bytes:
        head = {"headers": self.headers, "sent_at": self.sent_at, "expires": self.expires, "resource": self.resource}
        return json.dumps(head).encode() + b"\n" + self.body

    @classmethod
    def from_bytes(cls, value: bytes) -> Cached | None:
        head, _, body = value.partition(b"\n")
        try:
            meta = json.loads(head)
            return cls(dict(meta["headers"]), body, sent_at=float(meta["sent_at"]), expires=float(meta["expires"]),
                       resource=str(meta["resource"]))
        except (ValueError, TypeError, KeyError):
            return None  # not an answer this cache wrote: a miss


class HTTPCache(Protocol):
    """What ``_http`` needs of a cache: the kept answer of a read, keeping one, and hearing of writes."""

    def lookup(self, url: str, secret: str) -> Cached | None:
        """The answer kept for a GET of ``url`` with the access token ``secret``, fresh or not; None for none."""
        ...

    def store(self, api_url: str, url: str, secret: str, headers: Mapping[str, str], body: bytes,
              sent_at: float, parsed: Any) -> Cached | None:
        """Keep the 200 answer of a GET of ``url`` sent at ``sent_at``, if its headers allow; returns it, or None."""
        ...

    def revalidated(self, url: str, secret: str, kept: Cached, headers: Mapping[str, str],
                    sent_at: float) -> Cached:
        """``kept``, confirmed by a 304 to a request sent at ``sent_at``: kept again, fresh for the 304's max-age."""
        ...

    def written(self, api_url: str, url: str) -> None:
        """A write was sent to ``url``: the kept reads of what it changes are stale from now on."""
        ...


class _Policy:
    """The cache's rules, written once above the storage of each kind of cache."""

    def lookup(self, url: str, secret: str) -> Cached | None:
        """The answer kept for a GET of ``url`` with the access token ``secret``, fresh or not; None for none."""
        kept = self._get(_key(url, _hashed(secret))) or self._get(_key(url, None))
        if kept is None or kept.sent_at > self._written_at(kept.resource):
            return kept
        if kept.etag is None:  # written since it was asked, and nothing to revalidate it with
            return None
        return kept._with(kept.headers, kept.sent_at, 0.0)

    def store(self, api_url: str, url: str, secret: str, headers: Mapping[str, str], body: bytes,
              sent_at: float, parsed: Any) -> Cached | None:
        """Keep the 200 answer of a GET of ``url`` sent at ``sent_at``, if its headers allow; returns it, or None."""
        lifetime = _lifetime(headers)
        if lifetime is None or "authorization" in headers.get("vary", "").lower():
            return None
        kept = Cached(_kept(headers), body, sent_at=sent_at, expires=sent_at + lifetime,
                      resource=_resource(api_url, url), parsed=parsed)
        if kept.etag is None and kept.expires <= time.time():
            return None  # stale already, and nothing to revalidate it with
        if sent_at <= self._written_at(kept.resource):
            return kept  # a write came while it was asked: used this once, not kept
        self._put(_owned_key(url, secret, kept), kept)
        return kept

    def revalidated(self, url: str, secret: str, kept: Cached, headers: Mapping[str, str],
                    sent_at: float) -> Cached:
        """``kept``, confirmed by a 304 to a request sent at ``sent_at``: kept again, fresh for the 304's max-age."""
        renewed = kept.renewed(headers, sent_at)
        if sent_at > self._written_at(renewed.resource):
            self._put(_owned_key(url, secret, renewed), renewed)
        return renewed

    def written(self, api_url: str, url: str) -> None:
        """A write was sent to ``url``: the kept reads of what it changes are stale from now on."""
        resource, when = _resource(api_url, url), time.time()
        self._stamp(resource, when)
        if resource.split("/")[1] in _USER_WIDE:
            self._stamp("/me", when)

    def _written_at(self, resource: str) -> float:
        """The Unix time of the last write that makes ``resource``'s kept reads stale (0 for none)."""
        when = self._stamped(resource)
        return max(when, self._stamped("/me")) if resource.startswith("/me/") else when

    def _get(self, key: str) -> Cached | None:
        raise NotImplementedError

    def _put(self, key: str, kept: Cached) -> None:
        raise NotImplementedError

    def _stamp(self, resource: str, when: float) -> None:
        raise NotImplementedError

    def _stamped(self, resource: str) -> float:
        raise NotImplementedError


class MemoryCache(_Policy):
    """An HTTP cache in this process's memory, shared by its threads, least recently used answers out first.

    Args:
        max_entries: how many answers it keeps at most.
        max_bytes: how many bytes of bodies it keeps at most (the models built
            from them take memory too, about as much again).
    """

    blocks = False  # its calls never wait on I/O: spotlite.aio makes them on the event loop

    def __init__(self, max_entries: int = 1000, max_bytes: int = 32 * 1024 * 1024) -> None:
        for name, value in (("max_entries", max_entries), ("max_bytes", max_bytes)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise InvalidInput(f"{name} must be an int, 1 or more, got {value!r}")
        self._max_entries, self._max_bytes = max_entries, max_bytes
        self._entries: OrderedDict[str, Cached] = OrderedDict()
        self._bytes = 0
        self._stamps: OrderedDict[str, float] = OrderedDict()  # the latest writes; older ones left no entry behind
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def size(self) -> int:
        """The bytes of bodies kept."""
        return self._bytes

    def clear(self) -> None:
        """Forget every answer kept."""
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def _get(self, key: str) -> Cached | None:
        with self._lock:
            kept = self._entries.get(key)
            if kept is not None:
                self._entries.move_to_end(key)
            return kept

    def _put(self, key: str, kept: Cached) -> None:
        if len(kept.body) > self._max_bytes:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            self._bytes += len(kept.body) - (0 if old is None else len(old.body))
            self._entries[key] = kept
            while len(self._entries) > self._max_entries or self._bytes > self._max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self._bytes -= len(dropped.body)

    def _stamp(self, resource: str, when: float) -> None:
        under = resource + "/"
        with self._lock:
            for key, kept in list(self._entries.items()):
                if kept.resource == resource or kept.resource.startswith(under):
                    self._bytes -= len(self._entries.pop(key).body)
            self._stamps[resource] = when  # for the reads in flight meanwhile
            self._stamps.move_to_end(resource)
            if len(self._stamps) > self._max_entries:
                self._stamps.popitem(last=False)

    def _stamped(self, resource: str) -> float:
        return self._stamps.get(resource, 0.0)

    def __repr__(self) -> str:
        return f"MemoryCache({len(self._entries)} answers, {self._bytes} bytes)"


class SharedCache(_Policy):
    """An HTTP cache in a store shared by processes (``SQLiteStore``, ``RedisStore``, any ``Backend``).

    Answers are kept under ``http:<URL>`` (``http:<URL> <hash of the token>``
    for those of one token) until they are stale and, with an ``ETag``, for
    ``keep`` seconds more, so they can be revalidated; writes are remembered
    under ``written:<resource>`` for a week. The process also remembers the
    bodies it parsed last, so an answer it has read before is not parsed again.
    When the store fails (Redis restarting), calls go on uncached and a
    warning is logged.

    Args:
        store: where answers are kept: shared by every process that uses it.
        keep: seconds a stale answer with an ``ETag`` stays for revalidation.
        parsed: how many parsed answers this process remembers.
    """

    blocks = True  # its calls read and write the store: spotlite.aio makes them in a worker thread

    def __init__(self, store: Backend, keep: float = KEEP, parsed: int = 256) -> None:
        if isinstance(keep, bool) or not isinstance(keep, (int, float)) or not 0 <= keep <= STAMP_TTL:
            raise InvalidInput(f"keep must be a number of seconds from 0 to {STAMP_TTL:g}, got {keep!r}")
        self._store, self._keep = store, float(keep)
        self._recent = MemoryCache(max_entries=max(1, parsed), max_bytes=2**62)  # parsed bodies, by key

    def _get(self, key: str) -> Cached | None:
        value = self._read("http:" + key)
        kept = None if value is None else Cached.from_bytes(value)
        if kept is None:
            return None
        recent = self._recent._get(key)
        if recent is not None and recent.body == kept.body:  # the same answer: its parse and models too
            kept._json = recent._json
        else:
            self._recent._put(key, kept)
        return kept

    def _put(self, key: str, kept: Cached) -> None:
        ttl = min(max(kept.expires - time.time(), 0.0) + (self._keep if kept.etag else 0.0), STAMP_TTL)
        if ttl > 0:
            self._write("http:" + key, kept.to_bytes(), ttl)
            self._recent._put(key, kept)

    def _stamp(self, resource: str, when: float) -> None:
        self._write("written:" + resource, repr(when).encode(), STAMP_TTL)

    def _stamped(self, resource: str) -> float:
        return stored_time(self._read("written:" + resource))

    def _read(self, key: str) -> bytes | None:
        try:
            return self._store.get(key)
        except Exception as error:  # noqa: BLE001 - any backend's failure: logged, and the call goes on uncached
            store_failed(_log, "the HTTP cache", error)
            return None

    def _write(self, key: str, value: bytes, ttl: float) -> None:
        try:
            self._store.put(key, value, ttl=ttl)
        except Exception as error:  # noqa: BLE001 - any backend's failure: logged, and the call goes on
            store_failed(_log, "the HTTP cache", error)

    def __repr__(self) -> str:
        return f"SharedCache({self._store!r})"


def _kept(headers: Mapping[str, str]) -> dict[str, str]:
    """The headers the cache keeps of an answer (lower-case names)."""
    return {name: headers[name] for name in _KEPT_HEADERS if name in headers}


def _owned_key(url: str, secret: str, kept: Cached) -> str:
    """Where to keep an answer: for every token when it is ``public`` and not asked for the token's own market."""
    shared = kept.shared and "market=from_token" not in url
    return _key(url, None if shared else _hashed(secret))


def _key(url: str, token_hash: str | None) -> str:
    return url if token_hash is None else f"{url} {token_hash}"


def _hashed(secret: str) -> str:
    """A hash of the access token, to key what is kept for it alone (the token itself is never kept)."""
    return hashlib.sha256(secret.encode()).hexdigest()[:32]


def _directives(headers: Mapping[str, str]) -> dict[str, str]:
    """``Cache-Control``'s directives, lower case: ``{"public": "", "max-age": "7200"}``."""
    found: dict[str, str] = {}
    for item in headers.get("cache-control", "").lower().split(","):
        name, _, value = item.strip().partition("=")
        if name:
            found[name] = value.strip().strip('"')
    return found


def _lifetime(headers: Mapping[str, str]) -> float | None:
    """Seconds an answer stays fresh from when it was asked (its ``max-age`` less its ``Age``); None: never keep it."""
    directives = _directives(headers)
    if "no-store" in directives:
        return None
    if "no-cache" in directives:
        return 0.0
    return max(_seconds(directives.get("max-age")) - _seconds(headers.get("age")), 0.0)


def _seconds(value: str | None) -> float:
    try:
        seconds = float(value) if value else 0.0
    except ValueError:
        return 0.0
    return seconds if math.isfinite(seconds) and seconds > 0 else 0.0


def _shared(headers: Mapping[str, str]) -> bool:
    """Whether an answer may be served to every token: ``public``, and not ``private``."""
    directives = _directives(headers)
    return "public" in directives and "private" not in directives


def _resource(api_url: str, url: str) -> str:
    """What a write to ``url`` changes, and a read of it belongs to: the first two segments of its path."""
    path = url.removeprefix(api_url)
    segments = path.split("?", 1)[0].strip("/").split("/")
    return "/" + "/".join(segments[:2])
