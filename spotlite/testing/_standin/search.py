"""Search: /search over the stand-in's whole catalogue.

Words of ``q`` must each start a word of an item's name or of its creators'
names. Since 2026 the default ``limit`` is 5 and development-mode apps may ask
at most 10: a larger limit answers 400, as Spotify answers such apps. Each
page's ``next`` URL carries one type, so it can be followed on its own. As in
real answers, an episode Spotify cannot show (``HIDDEN_EPISODE``) and a
playlist it hides (``browse.HIDDEN_PLAYLIST``) come as null items.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .audiobooks import KALEVALA, SEVEN_BROTHERS, audiobook_simple
from .bodies import Json, fake_id, int_arg, page, window
from .browse import HIDDEN_PLAYLIST, PLAYLISTS
from .catalogue import albums, all_tracks, artists
from .podcasts import BIG_SHOW, SMALL_SHOW, episodes_page, show_simple
from .server import Request, error, route

HIDDEN_EPISODE = fake_id(f"episode:{BIG_SHOW}:55")


def _people(item: Json) -> list[str]:
    """Names an item is also found by: artists, authors, narrators, publisher, owner."""
    names = [a["name"] for a in item.get("artists", []) + item.get("authors", []) + item.get("narrators", [])]
    return names + [item.get("publisher") or "", (item.get("owner") or {}).get("display_name") or ""]


_CATALOGUE: dict[str, Callable[[], list[Json]]] = {
    "track": all_tracks,
    "artist": lambda: list(artists().values()),
    "album": lambda: [album for album, _ in albums().values()],
    "playlist": lambda: PLAYLISTS,
    "show": lambda: [show_simple(s) for s in (BIG_SHOW, SMALL_SHOW)],
    "episode": lambda: [e for s in (BIG_SHOW, SMALL_SHOW) for e in episodes_page(s, 0, 100)["items"]],
    "audiobook": lambda: [audiobook_simple(b) for b in (KALEVALA, SEVEN_BROTHERS)],
}
_HIDDEN = {HIDDEN_EPISODE, HIDDEN_PLAYLIST}  # found, but sent as null


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _matches(query: str, item: Json) -> bool:
    words = _words(" ".join([item["name"], *_people(item)]))
    return all(any(word.startswith(part) for word in words) for part in _words(query))


@route("GET", r"/v1/search")
def search(request: Request) -> Any:
    q = request.query
    text, kinds = q.get("q", ""), q.get("type", "").split(",")
    if not text:
        return error(400, "No search query")
    if any(kind not in _CATALOGUE for kind in kinds):
        return error(400, "Bad search type field")
    offset, limit = int_arg(q, "offset", 0), int_arg(q, "limit", 5)
    if limit > 10:
        return error(400, "Invalid limit")
    if offset > 1000:
        return error(400, "Invalid offset")
    extra = {k: q[k] for k in ("market", "include_external") if k in q}
    body: Json = {}
    for kind in kinds:
        found = [None if item["id"] in _HIDDEN else item for item in _CATALOGUE[kind]() if _matches(text, item)]
        body[kind + "s"] = page("/search", window(found, offset, limit), offset, limit, len(found),
                                q=text, type=kind, **extra)
    return body
