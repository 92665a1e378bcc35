"""Following artists and users: /me/following and /me/following/contains.

The user follows 57 artists (two of the catalogue's and 55 more), so the
followed artists come in cursor pages with a next page, and a few users.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from .bodies import Json, fake_id, full_artist
from .catalogue import ORCHESTRA, SIBELIUS, artists
from .server import API, Reply, Request, error, route
from .state import current, me

_FIRST = ["Aurora", "Kalevi", "Helmi", "Ilmari", "Saimaa", "Tuuli", "Lumi", "Väinö", "Kaiku", "Revontuli", "Ukko"]
_SECOND = ["Quartet", "Ensemble", "Trio", "Choir", "Collective", "& The Pines"]
_GENRES = [["finnish indie"], ["nordic folk", "kantele"], [], ["finnish jazz"], ["choral"]]


def _more(n: int) -> Json:
    ident = fake_id(f"artist:followed:{n}")
    name = f"{_FIRST[n % len(_FIRST)]} {_SECOND[n % len(_SECOND)]}"
    return full_artist(ident, name, _GENRES[n % len(_GENRES)], 1_000 + 977 * n, n % 60)


# Artists the user follows that the catalogue has not; FOLLOWED_ARTISTS keeps the order they were followed in.
MORE_ARTISTS: dict[str, Json] = {a["id"]: a for a in map(_more, range(55))}
FOLLOWED_ARTISTS: list[str] = [SIBELIUS, ORCHESTRA, *MORE_ARTISTS]
FOLLOWED_USERS: set[str] = {"lahtirecords", "spotify"}


def known_artists() -> dict[str, Json]:
    """Every artist the fake can follow."""
    return {**artists(), **MORE_ARTISTS}


def followed_artists() -> list[str]:
    """The artists the current user follows, in the order followed."""
    return current().followed_artists.setdefault(me(), [])


def followed_users() -> set[str]:
    """The users the current user follows."""
    return current().followed_users.setdefault(me(), set())


def followed_page(after: str | None, limit: int) -> Json:
    """A cursor page of followed artists as Spotify sends it: ``cursors.after`` is the last ID, null at the end."""
    followed, known = followed_artists(), known_artists()
    start = followed.index(after) + 1 if after in followed else 0
    ids = followed[start : start + limit]
    more = start + limit < len(followed)

    def url(cursor: str | None) -> str:
        return f"{API}/me/following?" + urlencode({"type": "artist", **({"after": cursor} if cursor else {}),
                                                   "limit": limit})

    return {
        "artists": {
            "items": [known[i] for i in ids],
            "next": url(ids[-1]) if more else None,
            "total": len(followed),
            "cursors": {"after": ids[-1] if more else None},
            "limit": limit,
            "href": url(after),
        }
    }


def follow(kind: str, ident: str) -> None:
    if kind == "user":
        if ident not in followed_users() and ident in current().users:
            current().users[ident]["followers"] += 1
        followed_users().add(ident)
    elif ident in known_artists() and ident not in followed_artists():
        followed_artists().append(ident)


def unfollow(kind: str, ident: str) -> None:
    if kind == "user":
        if ident in followed_users() and ident in current().users:
            current().users[ident]["followers"] -= 1
        followed_users().discard(ident)
    elif ident in followed_artists():
        followed_artists().remove(ident)


def follows(kind: str, ident: str) -> bool:
    return ident in (followed_users() if kind == "user" else followed_artists())


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
