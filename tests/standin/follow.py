"""Following artists and users: /me/following and /me/following/contains.

The user follows 57 artists (two of the catalogue's and 55 more), so the
followed artists come in cursor pages with a next page, and a few users.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from .bodies import Json, fake_id, full_artist
from .catalogue import ARTISTS, ORCHESTRA, SIBELIUS
from .errors import unauthorised
from .server import API, Reply, Request, error, route

_FIRST = ["Aurora", "Kalevi", "Helmi", "Ilmari", "Saimaa", "Tuuli", "Lumi", "Väinö", "Kaiku", "Revontuli", "Ukko"]
_SECOND = ["Quartet", "Ensemble", "Trio", "Choir", "Collective", "& The Pines"]
_GENRES = [["finnish indie"], ["nordic folk", "kantele"], [], ["finnish jazz"], ["choral"]]


def _more(n: int) -> Json:
    ident = fake_id(f"artist:followed:{n}")
    name = f"{_FIRST[n % len(_FIRST)]} {_SECOND[n % len(_SECOND)]}"
    return full_artist(ident, name, _GENRES[n % len(_GENRES)], 1_000 + 977 * n, n % 60)


# Every artist the stand-in can follow; FOLLOWED_ARTISTS keeps the order they were followed in.
KNOWN_ARTISTS: dict[str, Json] = {**ARTISTS, **{a["id"]: a for a in map(_more, range(55))}}
FOLLOWED_ARTISTS: list[str] = [SIBELIUS, ORCHESTRA, *(fake_id(f"artist:followed:{n}") for n in range(55))]
FOLLOWED_USERS: set[str] = {"lahtirecords", "spotify"}


def followed_page(after: str | None, limit: int) -> Json:
    """A cursor page of followed artists as Spotify sends it: ``cursors.after`` is the last ID, null at the end."""
    start = FOLLOWED_ARTISTS.index(after) + 1 if after in FOLLOWED_ARTISTS else 0
    ids = FOLLOWED_ARTISTS[start : start + limit]
    more = start + limit < len(FOLLOWED_ARTISTS)

    def url(cursor: str | None) -> str:
        return f"{API}/me/following?" + urlencode({"type": "artist", **({"after": cursor} if cursor else {}),
                                                   "limit": limit})

    return {
        "artists": {
            "items": [KNOWN_ARTISTS[i] for i in ids],
            "next": url(ids[-1]) if more else None,
            "total": len(FOLLOWED_ARTISTS),
            "cursors": {"after": ids[-1] if more else None},
            "limit": limit,
            "href": url(after),
        }
    }


def follow(kind: str, ident: str) -> None:
    if kind == "user":
        FOLLOWED_USERS.add(ident)
    elif ident in KNOWN_ARTISTS and ident not in FOLLOWED_ARTISTS:
        FOLLOWED_ARTISTS.append(ident)


def unfollow(kind: str, ident: str) -> None:
    if kind == "user":
        FOLLOWED_USERS.discard(ident)
    elif ident in FOLLOWED_ARTISTS:
        FOLLOWED_ARTISTS.remove(ident)


def follows(kind: str, ident: str) -> bool:
    return ident in (FOLLOWED_USERS if kind == "user" else FOLLOWED_ARTISTS)


def _checked(request: Request) -> tuple[str, list[str]] | Reply:
    """The type and IDs of a follow request, or Spotify's 400."""
    kind, ids = request.query.get("type"), request.query.get("ids", "")
    if kind not in ("artist", "user"):
        return error(400, "Invalid type: must be artist or user")
    if not ids:
        return error(400, "Missing ids")
    if ids.count(",") >= 50:
        return error(400, "Too many ids requested")
    return kind, ids.split(",")


@route("GET", r"/v1/me/following")
def get_followed(request: Request) -> Any:
    if reply := unauthorised(request.headers):
        return reply
    q = request.query
    if q.get("type") != "artist":
        return error(400, "Only type=artist is supported")
    limit = int(q.get("limit", 20))
    if not 1 <= limit <= 50:
        return error(400, "Invalid limit")
    return followed_page(q.get("after"), limit)


@route("PUT", r"/v1/me/following")
def put_following(request: Request) -> Any:
    checked = _checked(request)
    if isinstance(checked, Reply):
        return checked
    for ident in checked[1]:
        follow(checked[0], ident)
    return Reply(204)


@route("DELETE", r"/v1/me/following")
def delete_following(request: Request) -> Any:
    checked = _checked(request)
    if isinstance(checked, Reply):
        return checked
    for ident in checked[1]:
        unfollow(checked[0], ident)
    return Reply(204)


@route("GET", r"/v1/me/following/contains")
def following_contains(request: Request) -> Any:
    checked = _checked(request)
    if isinstance(checked, Reply):
        return checked
    kind, ids = checked
    return [follows(kind, ident) for ident in ids]
