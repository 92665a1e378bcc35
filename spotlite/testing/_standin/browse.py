"""Browse and discovery: /browse/categories[/{id}[/playlists]], /browse/featured-playlists,
/recommendations, /recommendations/available-genre-seeds and /markets.

A token containing ``dev-mode`` stands for a development-mode app: these
endpoints are deprecated, so it gets 403 (404 for the playlist lists, as
Spotify answered new apps from November 2024). Lists of playlists hold a null
where Spotify hides a playlist of its own (``HIDDEN_PLAYLIST``), as real
answers do since then.
"""

from __future__ import annotations

from typing import Any

from .bodies import MARKETS, Json, fake_id, int_arg, page, window
from .catalogue import ALL_TRACKS, ARTISTS
from .server import API, Reply, Request, error, route
from .users import dev_mode

CLASSICAL = fake_id("category:classical")  # the only category with playlists
# id -> (English name, Finnish name); the newer categories have base-62 IDs
_CATEGORIES = {
    "toplists": ("Charts", "Listat"),
    CLASSICAL: ("Classical", "Klassinen"),
    "party": ("Party", "Juhlat"),
    "mood": ("Mood", "Tunnelma"),
    "focus": ("Focus", "Keskittyminen"),
    fake_id("category:nordic"): ("Nordic Sounds", "Pohjoismaiset äänet"),
    "sleep": ("Sleep", "Uni"),
}
def refused(request: Request, status: int = 403) -> Reply | None:
    """An error for a development-mode app: these endpoints are deprecated."""
    return error(status, "Forbidden" if status == 403 else "Resource not found") if dev_mode(request) else None


def simple_playlist(name: str, owner: tuple[str, str | None], total: int, description: str) -> Json:
    """A playlist as lists of playlists give it, in the 2026 shape (both ``items`` and ``tracks``)."""
    ident = fake_id(f"playlist:{name}")
    user_id, display_name = owner
    entries = {"href": f"{API}/playlists/{ident}/items", "total": total}
    return {
        "collaborative": False, "description": description,
        "external_urls": {"spotify": f"https://open.spotify.com/playlist/{ident}"},
        "href": f"{API}/playlists/{ident}", "id": ident,
        "images": [{"height": None, "url": f"https://image-cdn-ak.spotifycdn.com/image/ab67706c0000da84"
                    f"{fake_id('cover:' + ident).lower()[:24]}", "width": None}],
        "items": entries, "name": name,
        "owner": {"display_name": display_name,
                  "external_urls": {"spotify": f"https://open.spotify.com/user/{user_id}"},
                  "href": f"{API}/users/{user_id}", "id": user_id, "type": "user", "uri": f"spotify:user:{user_id}"},
        "primary_color": None, "public": True if user_id != "spotify" else None,
        "snapshot_id": "AAAA" + fake_id("snapshot:" + ident) + "Q2lk",
        "tracks": {**entries, "href": f"{API}/playlists/{ident}/tracks"}, "type": "playlist",
        "uri": f"spotify:playlist:{ident}",
    }


_SPOTIFY = ("spotify", "Spotify")
PLAYLISTS = [
    simple_playlist("Finlandia & Friends", _SPOTIFY, 48, "Nordic orchestral favourites, from Sibelius on."),
    simple_playlist("Sibelius Essentials", _SPOTIFY, 60, "The essential Sibelius."),
    simple_playlist("Finnish Choirs", ("aino.v", "Aino Virtanen"), 23, ""),
    simple_playlist("Sauna Classics", ("sibelius.society", None), 112, "Slow movements for the löyly."),
    simple_playlist("Morning Sibelius", _SPOTIFY, 35, "Start the day with Finlandia."),
]
HIDDEN_PLAYLIST = PLAYLISTS[1]["id"]  # a Spotify playlist the app may not see: null in lists


def visible(playlist: Json) -> Json | None:
    return None if playlist["id"] == HIDDEN_PLAYLIST else playlist


@route("GET", r"/v1/browse/featured-playlists")
def get_featured(request: Request) -> Any:
    if reply := refused(request, 404):
        return reply
    q = request.query
    offset, limit = int_arg(q, "offset", 0), int_arg(q, "limit", 20)
    featured = [visible(p) for p in PLAYLISTS if p["owner"]["id"] == "spotify"]
    extra = {"locale": q["locale"]} if "locale" in q else {}
    message = "Huomenta! Aamun klassikot" if q.get("locale", "").startswith("fi") else "Good morning, classics!"
    return {"message": message, "playlists": page("/browse/featured-playlists", window(featured, offset, limit),
                                                 offset, limit, len(featured), **extra)}


@route("GET", r"/v1/browse/categories/(?P<id>[^/]+)/playlists")
def get_category_playlists(request: Request) -> Any:
    if reply := refused(request, 404):
        return reply
    ident, q = request.params["id"], request.query
    if ident not in _CATEGORIES:
        return error(404, "Specified id doesn't exist")
    offset, limit = int_arg(q, "offset", 0), int_arg(q, "limit", 20)
    chosen = [visible(p) for p in PLAYLISTS] if ident == CLASSICAL else []
    path = f"/browse/categories/{ident}/playlists"
    return {"playlists": page(path, window(chosen, offset, limit), offset, limit, len(chosen))}


GENRES = ["acoustic", "ambient", "blues", "classical", "folk", "jazz", "opera", "piano", "rock", "swedish"]


def category_body(ident: str, locale: str | None) -> dict[str, Any]:
    english, finnish = _CATEGORIES[ident]
    return {
        "href": f"{API}/browse/categories/{ident}",
        "icons": [{"height": 274, "url": f"https://t.scdn.co/media/derived/{ident.lower()}-274x274_"
                   f"{fake_id('icon:' + ident).lower()[:20]}_0_0_274_274.jpg", "width": 274}],
        "id": ident,
        "name": finnish if (locale or "").startswith("fi") else english,
    }


@route("GET", r"/v1/browse/categories")
def get_categories(request: Request) -> Any:
    if reply := refused(request):
        return reply
    q = request.query
    offset, limit = int_arg(q, "offset", 0), int_arg(q, "limit", 20)
    items = [category_body(i, q.get("locale")) for i in _CATEGORIES]
    extra = {"locale": q["locale"]} if "locale" in q else {}
    return {"categories": page("/browse/categories", window(items, offset, limit), offset, limit, len(items),
                               **extra)}


@route("GET", r"/v1/browse/categories/(?P<id>[^/]+)")
def get_category(request: Request) -> Any:
    ident = request.params["id"]
    if ident not in _CATEGORIES:
        return error(404, "Specified id doesn't exist")
    return category_body(ident, request.query.get("locale"))


@route("GET", r"/v1/markets")
def get_markets(request: Request) -> Any:
    return refused(request) or {"markets": MARKETS}


@route("GET", r"/v1/recommendations/available-genre-seeds")
def get_genre_seeds(request: Request) -> Any:
    return refused(request) or {"genres": GENRES}


def _seed(kind: str, ident: str, pool: int, left: int) -> dict[str, Any]:
    href = None if kind == "GENRE" else f"{API}/{kind.lower()}s/{ident}"
    return {"initialPoolSize": pool, "afterFilteringSize": left, "afterRelinkingSize": left, "id": ident,
            "type": kind, "href": href}


@route("GET", r"/v1/recommendations")
def get_recommendations(request: Request) -> Any:
    if reply := refused(request):
        return reply
    q = request.query
    seeds = [(kind, ident) for kind, key in (("ARTIST", "seed_artists"), ("GENRE", "seed_genres"),
                                             ("TRACK", "seed_tracks"))
             for ident in q.get(key, "").split(",") if ident]
    if any(kind == "GENRE" and ident not in GENRES for kind, ident in seeds):
        return error(400, "invalid request")
    if any(kind == "ARTIST" and ident not in ARTISTS for kind, ident in seeds):
        return error(400, "invalid request")
    low, high = int_arg(q, "min_duration_ms", 0), int_arg(q, "max_duration_ms", 10**9)
    pool = [t for t in ALL_TRACKS if low <= t["duration_ms"] <= high]
    tracks = pool[: int_arg(q, "limit", 20)]
    return {"seeds": [_seed(kind, ident, 250, len(pool)) for kind, ident in seeds],
            "tracks": [{**t, "album": {**t["album"], "album_type": t["album"]["album_type"].upper()}}
                       for t in tracks]}
