"""spotlite: a small, typed client for the whole Spotify Web API.

Plain functions take a token first and return frozen dataclasses::

    import spotlite
    token = spotlite.request_client_token(client_id, client_secret)
    print(spotlite.album(token, "3RBULTZJ97bvVzZLpxcB0j").tracks.items[0].name)

Names are loaded on first use, so ``import spotlite`` costs next to nothing;
models live in ``spotlite.models``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# The modules whose __all__ makes up spotlite's namespace, loaded on first use.
_MODULES = (
    "errors",
    "_token",
    "_http",
    "ids",
    "paging",
    "auth",
    "config",
    "models._base",
    "api.raw",
    "api.albums",
    "api.artists",
    "api.tracks",
    "api.shows",
    "api.episodes",
    "api.audiobooks",
    "api.chapters",
    "api.search",
    "api.browse",
    "api.markets",
    "api.recommendations",
    "api.audio",
    "api.users",
    "api.library",
    "api.follow",
    "api.playlists",
    "api.player",
)

if TYPE_CHECKING:
    from . import scope as scope
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
    from .models._base import *
    from .paging import *


def _exports() -> dict[str, Any]:
    names: dict[str, Any] = {}
    for name in _MODULES:
        module = importlib.import_module(f".{name}", __name__)
        names.update((attr, getattr(module, attr)) for attr in module.__all__)
    names["__all__"] = sorted(names)
    return names


def __getattr__(name: str) -> Any:
    if name == "scope":
        return importlib.import_module(".scope", __name__)
    exports = _exports()
    if name not in exports:
        raise AttributeError(f"module 'spotlite' has no attribute {name!r}")
    globals().update(exports)
    return exports[name]


def __dir__() -> list[str]:
    return sorted({*globals(), *_exports()["__all__"], "scope"})
