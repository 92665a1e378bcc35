"""spotlite: a small, typed client for the whole Spotify Web API.

Plain functions take a token first and return frozen dataclasses::

    import spotlite
    token = spotlite.request_client_token(client_id, client_secret)
    print(spotlite.album(token, "3RBULTZJ97bvVzZLpxcB0j").tracks.items[0].name)

Names are loaded on first use, so ``import spotlite`` costs next to nothing
and a script loads only the modules of the functions it calls; models live in
``spotlite.models``. The submodules (``spotlite.models``, ``spotlite.errors``,
``spotlite.scope``, ...) load on first use too.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # not typing's: importing typing would triple the cost of ``import spotlite``

__version__ = "0.1.0"

# Where each public name lives: using a name loads its module (and what that
# imports) on first use, so a script pays only for what it calls.
_EXPORTS: dict[str, tuple[str, ...]] = {
    "errors": (
        "AuthError", "BadGateway", "BadRequest", "ClientError", "ErrorResponse", "Forbidden", "GatewayTimeout",
        "HTTPError", "InternalServerError", "InvalidInput", "InvalidToken", "MappingError", "NotFound",
        "PartialWriteError", "QuotaExceeded", "RedirectError", "ServerError", "ServiceUnavailable", "SpotliteError",
        "Timeout", "TooManyRequests", "TransportError", "Unauthorised",
    ),
    "_token": ("Token", "TokenLike"),
    "_http": ("Settings", "configure", "configured", "settings"),
    "_cache": ("MemoryCache", "SharedCache"),
    "_gate": ("RateLimitGate",),
    "ids": ("KINDS", "parse", "to_id", "to_ids", "to_uri"),
    "paging": ("all_items", "all_pages", "next_page", "previous_page"),
    "auth": (
        "authorisation_url", "parse_code_from_url", "pkce_pair", "refresh", "refresh_pkce_token",
        "refresh_user_token", "request_client_token", "request_pkce_token", "request_user_token",
    ),
    "login": (
        "PendingAuthorisation", "begin_authorisation", "finish_authorisation", "prompt_for_pkce_token",
        "prompt_for_user_token",
    ),
    "refreshing": ("RefreshingToken",),
    "stores._base": ("TokenStore",),
    "stores.memory": ("MemoryStore",),
    "stores.file": ("FileStore",),
    "stores.sqlite": ("SQLiteStore",),
    "stores.redis": ("RedisStore",),
    "config": ("config_from_environment", "config_from_file", "config_to_file"),
    "models._base": ("Model", "from_dict", "to_dict"),
    "_endpoint": ("AsyncEndpoint", "Endpoint", "scope_of"),
    "api.raw": ("request",),
    "api.albums": (
        "album", "album_tracks", "albums", "new_releases", "saved_albums", "saved_albums_add",
        "saved_albums_contains", "saved_albums_delete",
    ),
    "api.artists": ("artist", "artist_albums", "artist_related_artists", "artist_top_tracks", "artists"),
    "api.tracks": (
        "saved_tracks", "saved_tracks_add", "saved_tracks_contains", "saved_tracks_delete", "track", "tracks",
    ),
    "api.shows": (
        "saved_shows", "saved_shows_add", "saved_shows_contains", "saved_shows_delete", "show", "show_episodes",
        "shows",
    ),
    "api.episodes": (
        "episode", "episodes", "saved_episodes", "saved_episodes_add", "saved_episodes_contains",
        "saved_episodes_delete",
    ),
    "api.audiobooks": (
        "audiobook", "audiobook_chapters", "audiobooks", "saved_audiobooks", "saved_audiobooks_add",
        "saved_audiobooks_contains", "saved_audiobooks_delete",
    ),
    "api.chapters": ("chapter", "chapters"),
    "api.search": ("search",),
    "api.browse": ("categories", "category", "category_playlists", "featured_playlists"),
    "api.markets": ("markets",),
    "api.recommendations": ("recommendation_genre_seeds", "recommendations"),
    "api.audio": ("track_audio_analysis", "track_audio_features", "tracks_audio_features"),
    "api.users": ("current_user", "current_user_top_artists", "current_user_top_tracks", "user"),
    "api.library": ("library_add", "library_contains", "library_delete"),
    "api.follow": (
        "artists_follow", "artists_is_following", "artists_unfollow", "followed_artists", "users_follow",
        "users_is_following", "users_unfollow",
    ),
    "api.playlists": (
        "followed_playlists", "playlist", "playlist_add", "playlist_change_details", "playlist_clear",
        "playlist_cover_image", "playlist_cover_image_upload", "playlist_create", "playlist_create_for_user",
        "playlist_follow", "playlist_is_following", "playlist_items", "playlist_remove", "playlist_reorder",
        "playlist_replace", "playlist_unfollow", "playlists",
    ),
    "api.player": (
        "playback", "playback_currently_playing", "playback_devices", "playback_next", "playback_pause",
        "playback_previous", "playback_queue", "playback_queue_add", "playback_recently_played", "playback_repeat",
        "playback_resume", "playback_seek", "playback_shuffle", "playback_start_context", "playback_start_tracks",
        "playback_transfer", "playback_volume",
    ),
}
_HOME = {name: module for module, names in _EXPORTS.items() for name in names}
# The public submodules, loaded on first use too: ``spotlite.models.FullAlbum``, ``spotlite.errors.NotFound``.
_SUBMODULES = ("aio", "api", "auth", "config", "errors", "ids", "login", "models", "paging", "refreshing", "scope",
               "stores", "testing")

if TYPE_CHECKING:
    from typing import Any

    # Not ``from . import aio``: that would put aio in one import cycle with the API modules, and mypy might
    # then derive the twins (spotlite/aio.py) before the functions' types from ``@endpoint`` are known. Type
    # checkers see aio's types through ``from spotlite import aio`` or ``import spotlite.aio``.
    from . import api as api
    from . import auth as auth
    from . import config as config
    from . import errors as errors
    from . import ids as ids
    from . import login as login
    from . import models as models
    from . import paging as paging
    from . import refreshing as refreshing
    from . import scope as scope
    from . import stores as stores
    from . import testing as testing
    from ._cache import *
    from ._endpoint import *
    from ._gate import *
    from ._http import *
    from ._token import *
    from .api.albums import *
    from .api.artists import *
    from .api.audio import *
    from .api.audiobooks import *
    from .api.browse import *
    from .api.chapters import *
    from .api.episodes import *
    from .api.follow import *
    from .api.library import *
    from .api.markets import *
    from .api.player import *
    from .api.playlists import *
    from .api.raw import *
    from .api.recommendations import *
    from .api.search import *
    from .api.shows import *
    from .api.tracks import *
    from .api.users import *
    from .auth import *
    from .config import *
    from .errors import *
    from .ids import *
    from .login import *
    from .models._base import *
    from .paging import *
    from .refreshing import *
    from .stores._base import TokenStore as TokenStore
    from .stores.file import *
    from .stores.memory import *
    from .stores.redis import *
    from .stores.sqlite import *


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return _submodule(name)
    if name == "__all__":
        return ["scope", *_HOME]
    if name not in _HOME:
        raise AttributeError(f"module 'spotlite' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_HOME[name]}", __name__), name)
    globals()[name] = value
    return value


def _submodule(name: str) -> Any:
    """A public submodule; a vendored copy may leave out ``testing`` (then: AttributeError, as for any name)."""
    try:
        return importlib.import_module(f".{name}", __name__)
    except ModuleNotFoundError as error:
        if error.name != f"{__name__}.{name}":
            raise
    raise AttributeError(f"module 'spotlite' has no attribute {name!r} (this copy of spotlite leaves it out)")


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOME, *_SUBMODULES})
