"""The fake's first state: the stand-in's catalogue, users, library, follows, playlists and devices, copied."""

from __future__ import annotations

import copy

from . import albums, audiobooks, follow, library, player, playlists, podcasts, tracks, users
from .catalogue import ALBUMS, ARTISTS
from .profiles import PROFILES
from .state import State


def _library() -> dict[str, dict[str, str]]:
    """The main user's library: each kind's saved items, and the 2026 library's few more."""
    saved = {"track": dict(tracks.SAVED_TRACKS), "album": dict(albums.SAVED_ALBUMS), "show": dict(podcasts.SAVED_SHOWS),
             "episode": dict(podcasts.SAVED_EPISODES), "audiobook": dict(audiobooks.SAVED_AUDIOBOOKS), "playlist": {}}
    for uri in sorted(library.SAVED):
        _, kind, ident = uri.split(":")
        saved[kind].setdefault(ident, library.ADDED_AT)
    return saved


def default_state() -> State:
    """A fresh copy of the stand-in's first state: its catalogue, users, library, follows and playlists."""
    return State(
        me=users.ME, users=copy.deepcopy(PROFILES), artists=copy.deepcopy(ARTISTS), albums=copy.deepcopy(ALBUMS),
        playlists=copy.deepcopy(playlists.PLAYLISTS), saved=_library(), devices=copy.deepcopy(player.DEVICES),
        followed_artists={users.ME: list(follow.FOLLOWED_ARTISTS)}, followed_users={users.ME: set(follow.FOLLOWED_USERS)},
    )
