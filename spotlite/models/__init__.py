"""The models spotlite returns: frozen dataclasses named after Tekore's.

``str(model)`` is a readable tree; ``model.to_dict()`` gives plain data back.
The modules load on first use of a name here (an endpoint function loads only
the ones it returns), so importing one model does not define them all.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_MODULES = ("_base", "common", "artist", "music", "user", "podcast", "audiobook", "playlist", "player", "search",
            "browse", "audio", "recommendations")

if TYPE_CHECKING:
    from ._base import *
    from .artist import *
    from .audio import *
    from .audiobook import *
    from .browse import *
    from .common import *
    from .music import *
    from .player import *
    from .playlist import *
    from .podcast import *
    from .recommendations import *
    from .search import *
    from .user import *


def _load_all() -> dict[str, Any]:
    names: dict[str, Any] = {}
    for module_name in _MODULES:
        module = importlib.import_module(f".{module_name}", __name__)
        names.update((name, getattr(module, name)) for name in module.__all__)
    return names


def __getattr__(name: str) -> Any:
    names = _load_all()
    if name == "__all__":
        return sorted(names)
    if name not in names:
        raise AttributeError(f"module 'spotlite.models' has no attribute {name!r}")
    globals().update(names)
    return names[name]


def __dir__() -> list[str]:
    return sorted({*globals(), *_load_all()})
