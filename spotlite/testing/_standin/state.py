"""What the stand-in remembers: one ``State`` per running fake, reached by the handlers through a context variable.

The server sets ``CURRENT`` (the fake's state) and ``USER`` (whose token the
request carries) in the thread serving each request, so route modules read
``current()`` and ``me()`` instead of module globals: two fakes in one
process never share a playlist.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .player import Player
    from .playlists import Playlist

Json = dict[str, Any]
START = 1_795_000_000.0  # the fake's clock at the start: Unix seconds (November 2026)


@dataclass
class Grant:
    """What a token stands for: its user (None for client credentials), scopes, client and end of life."""

    user: str | None
    scopes: frozenset[str]
    client_id: str
    expires_at: float  # on the fake's clock


@dataclass
class State:
    """Everything the fake changes as Spotify would: catalogue, users, library, follows, playlists, players, tokens."""

    me: str
    users: dict[str, Json]  # user ID -> display_name, country, email, product, followers
    artists: dict[str, Json]  # every artist the fake knows (full objects)
    albums: dict[str, tuple[Json, list[Json]]]  # album ID -> (simple album, its simple tracks)
    playlists: dict[str, Playlist]
    saved: dict[str, dict[str, str]]  # kind (track, album, show, episode, audiobook, playlist) -> ID -> added_at
    followed_artists: dict[str, list[str]]  # user -> artist IDs in the order followed
    followed_users: dict[str, set[str]]
    devices: list[Json] = field(default_factory=list)  # each new player's devices
    players: dict[str, Player] = field(default_factory=dict)  # one per user (per token for placeholder tokens)
    seen: Counter[str] = field(default_factory=Counter)  # requests per path, for the special IDs
    uses: Counter[str] = field(default_factory=Counter)  # requests per short-lived token
    tokens: dict[str, Grant] = field(default_factory=dict)  # access token -> grant
    refresh_tokens: dict[str, Grant] = field(default_factory=dict)
    codes: dict[str, Json] = field(default_factory=dict)  # authorisation code -> what was asked for it
    clock: float = START
    dev_mode: bool = False  # answer as Spotify answers development-mode apps since 2026 (trim.py)
    consent: bool = True  # the user approves on the consent page (False: refuses)
    consent_user: str | None = None  # who logs in on the consent page (None: ``me``)
    lock: threading.RLock = field(default_factory=threading.RLock)  # one request changes the state at a time


CURRENT: ContextVar[State] = ContextVar("spotlite_fake_state")
USER: ContextVar[str] = ContextVar("spotlite_fake_user")
TOKEN: ContextVar[str] = ContextVar("spotlite_fake_token", default="")


@contextmanager
def serving(state: State, user: str | None = None) -> Iterator[State]:
    """Run code outside a request as if serving one of ``user`` (default: the main user) with ``state``."""
    reset_state, reset_user = CURRENT.set(state), USER.set(user or state.me)
    try:
        with state.lock:
            yield state
    finally:
        USER.reset(reset_user)
        CURRENT.reset(reset_state)


def current() -> State:
    """The state of the fake serving this request."""
    return CURRENT.get()


def me() -> str:
    """The user whose token the request carries (the fake's main user for a placeholder token)."""
    return USER.get(None) or current().me


def has_scope(scope: str) -> bool:
    """Whether the request's token was granted ``scope`` (a placeholder token has every scope)."""
    grant = current().tokens.get(TOKEN.get())
    return grant is None or scope in grant.scopes


def display_name(ident: str) -> str | None:
    """A user's display name (None when they set none, or the fake does not know them)."""
    return current().users.get(ident, {}).get("display_name")


def saved(kind: str) -> dict[str, str]:
    """The current user's library of one kind: ID -> when it was saved."""
    return current().saved.setdefault(kind, {}) if me() == current().me else _others(kind)


def _others(kind: str) -> dict[str, str]:
    return current().saved.setdefault(f"{me()}:{kind}", {})
