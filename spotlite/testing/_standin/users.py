"""Users: /me, /users/{id}, /me/top/{artists,tracks}.

A token containing ``dev-mode`` (any, in a fake switched to development mode) stands for a development-mode app: since 2026
it gets the profile without ``country``, ``email``, ``explicit_content``,
``followers`` and ``product``, and 403 from the deprecated /users/{id}.
"""

from __future__ import annotations

from typing import Any

from .bodies import images, int_arg, page, window
from .catalogue import FINLANDIA, ORCHESTRA, SIBELIUS, SINGER, all_tracks, artists
from .server import API, Request, error, route
from .state import current, display_name, has_scope, me

ME = "smedjan.fi"
ACCOUNT_ID = "4a1f0c2e9b7d4e21a3f85c6d"
USERS = {
    ME: "Sanna Smedberg",
    "lahtisymphony": "Lahti Symphony Orchestra",
    "sibelius.society": None,  # no display name set
}


def public_user(ident: str, followers: int) -> dict[str, Any]:
    return {
        "display_name": display_name(ident),
        "external_urls": {"spotify": f"https://open.spotify.com/user/{ident}"},
        "followers": {"href": None, "total": followers},
        "href": f"{API}/users/{ident}",
        "id": ident,
        "images": images(f"user:{ident}", (300, 64)),
        "type": "user",
        "uri": f"spotify:user:{ident}",
    }


def token_of(ident: str) -> str:
    """The access token of a user other than ME logged in (accounts.LOGINS): /me answers with their profile."""
    return f"dummy-access-token-of-{ident}"


def logged_in(request: Request) -> str:
    """The user whose placeholder token this is: the fake's main user unless it is ``token_of`` another user."""
    ident = request.headers.get("Authorization", "").rpartition("dummy-access-token-of-")[2]
    return ident if ident in current().users else current().me


def dev_mode(request: Request) -> bool:
    """Whether the app is in development mode: the fake switched to it, or a token with ``dev-mode`` in it."""
    return current().dev_mode or "dev-mode" in request.headers.get("Authorization", "")


@route("GET", r"/v1/me")
def get_me(request: Request) -> Any:
    ident = me()
    known = current().users[ident]
    body = {**public_user(ident, known["followers"]), "account_id": known["account_id"]}
    if dev_mode(request):
        del body["followers"]
        return body
    private = {key: known[key] for key in ("country", "explicit_content", "product")}
    email = {"email": known["email"]} if has_scope("user-read-email") else {}
    return {**body, **(private if has_scope("user-read-private") else {}), **email}


@route("GET", r"/v1/users/(?P<id>[^/]+)")
def get_user(request: Request) -> Any:
    ident = request.params["id"]
    if dev_mode(request):
        return error(403, "Forbidden")
    if ident not in current().users:
        return error(404, "No such user")
    return public_user(ident, current().users[ident]["followers"])


# The user's listening: recent favourites differ from the long-term ones.
_TOP_ARTISTS = {"short_term": [SINGER, SIBELIUS], "medium_term": [SIBELIUS, ORCHESTRA, SINGER],
                "long_term": [SIBELIUS, ORCHESTRA]}


def _top_tracks(time_range: str) -> list[dict[str, Any]]:
    tracks = sorted(all_tracks(), key=lambda t: (t["id"] != FINLANDIA, t["duration_ms"]))
    return tracks[:30] if time_range == "long_term" else tracks[: 7 if time_range == "short_term" else 24]


@route("GET", r"/v1/me/top/(?P<kind>artists|tracks)")
def get_top(request: Request) -> Any:
    q = request.query
    time_range = q.get("time_range", "medium_term")
    kind = request.params["kind"]
    items = [artists()[i] for i in _TOP_ARTISTS[time_range] if i in artists()] if kind == "artists" else _top_tracks(time_range)
    offset, limit = int_arg(q, "offset", 0), int_arg(q, "limit", 20)
    return page(f"/me/top/{kind}", window(items, offset, limit), offset, limit, len(items), time_range=time_range)
