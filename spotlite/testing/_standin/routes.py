"""Imports every route module, so each registers its handlers."""

from . import (  # noqa: F401
    accounts,
    albums,
    artists,
    audio,
    audiobooks,
    browse,
    follow,
    library,
    player,
    playlists,
    podcasts,
    search,
    tracks,
    users,
)
