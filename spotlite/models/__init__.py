"""The models spotlite returns: frozen dataclasses named after Tekore's.

``str(model)`` is a readable tree; ``model.to_dict()`` gives plain data back.
"""

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
