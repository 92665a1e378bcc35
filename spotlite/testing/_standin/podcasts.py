"""Shows and episodes: /shows, /shows/{id}, /shows/{id}/episodes, /episodes, /episodes/{id},
/me/shows, /me/episodes (and their contains checks).

Two shows: a weekly one with 60 episodes (its pages go on past 50) and a small
one. Episode 59 of the big show is half listened (a resume point), episode 60
fully played. The user's saved episodes include a "ghost": an episode Spotify
no longer has, sent with every field null, as the live API does.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from .bodies import MARKETS, Json, fake_id, images, int_arg, links, page, window
from .errors import batch_ids
from .server import API, Reply, Request, error, route
from .state import saved

BIG_SHOW = fake_id("show:concert-hall")  # 60 episodes, newest first
SMALL_SHOW = fake_id("show:sauna-talks")  # 3 episodes, explicit, in Finnish
HALF_HEARD = fake_id(f"episode:{BIG_SHOW}:59")  # resume point at 12:34
FULLY_PLAYED = fake_id(f"episode:{BIG_SHOW}:60")

_SHOWS: dict[str, Json] = {
    BIG_SHOW: {
        "name": "Notes from the Concert Hall", "publisher": "Lahti Radio", "explicit": False,
        "description": "Each week a conductor and a critic take apart one piece of Nordic orchestral music.",
        "languages": ["en"], "media_type": "audio",
        "copyrights": [{"text": "2024 Lahti Radio", "type": "C"}],
    },
    SMALL_SHOW: {
        "name": "Sauna Talks", "publisher": "Löyly Media", "explicit": True,
        "description": "Kolme kaveria, yksi sauna ja liian monta mielipidettä.",
        "languages": ["fi"], "media_type": "mixed", "copyrights": [],
    },
}
_COUNTS = {BIG_SHOW: 60, SMALL_SHOW: 3}
_FIRST_RELEASE = {BIG_SHOW: date(2023, 1, 6), SMALL_SHOW: date(2025, 9, 12)}


def show_simple(ident: str) -> Json:
    show = _SHOWS[ident]
    return {
        "available_markets": MARKETS, "copyrights": show["copyrights"], "description": show["description"],
        "html_description": f"<p>{show['description']}</p>", "explicit": show["explicit"],
        **links("show", ident), "images": images(ident), "is_externally_hosted": False,
        "languages": show["languages"], "media_type": show["media_type"], "name": show["name"],
        "publisher": show["publisher"], "total_episodes": _COUNTS[ident],
    }


def _resume_point(ident: str) -> Json:
    if ident == HALF_HEARD:
        return {"fully_played": False, "resume_position_ms": 754_000}
    return {"fully_played": ident == FULLY_PLAYED, "resume_position_ms": 0}


def episode_simple(show: str, number: int) -> Json:
    """Episode ``number`` (1 = the oldest) of a show."""
    ident = fake_id(f"episode:{show}:{number}")
    name = f"#{number}: {'Finlandia' if number % 2 else 'Symphony No. 2'}, part {number}"
    text = f"Episode {number} of {_SHOWS[show]['name']}."
    language = _SHOWS[show]["languages"][0]
    return {
        "audio_preview_url": f"https://podz-content.spotifycdn.com/audio/clips/{ident}/clip_0_60000.mp3",
        "description": text, "html_description": f"<p>{text}</p>",
        "duration_ms": 1_800_000 + 61_003 * number, "explicit": _SHOWS[show]["explicit"],
        **links("episode", ident), "images": images(ident), "is_externally_hosted": False,
        "is_playable": True, "language": language, "languages": [language], "name": name,
        "release_date": (_FIRST_RELEASE[show] + timedelta(weeks=number - 1)).isoformat(),
        "release_date_precision": "day", "resume_point": _resume_point(ident),
    }


def episode_full(ident: str) -> Json | None:
    """An episode with its show, or None for an unknown ID."""
    for show, count in _COUNTS.items():
        for number in range(1, count + 1):
            if fake_id(f"episode:{show}:{number}") == ident:
                return {**episode_simple(show, number), "show": show_simple(show)}
    return None


def episodes_page(show: str, offset: int, limit: int, market: str | None = None) -> Json:
    newest_first = [episode_simple(show, n) for n in range(_COUNTS[show], 0, -1)]
    extra = {"market": market} if market else {}
    return page(f"/shows/{show}/episodes", window(newest_first, offset, limit), offset, limit, len(newest_first),
                **extra)


def show_full(ident: str, market: str | None = None) -> Json:
    return {**show_simple(ident), "episodes": episodes_page(ident, 0, 50, market)}


GHOST_EPISODE: Json = {
    "audio_preview_url": None, "description": None, "duration_ms": None, "explicit": False,
    "external_urls": {"spotify": "https://open.spotify.com/episode/null"}, "href": f"{API}/episodes/null",
    "html_description": None, "id": None, "images": [], "is_externally_hosted": None, "language": None,
    "languages": [None], "name": None, "release_date": "0000", "release_date_precision": "year",
    "resume_point": {"fully_played": False, "resume_position_ms": None},
    "show": {
        "copyrights": None, "description": None, "explicit": False,
        "external_urls": {"spotify": "https://open.spotify.com/show/null"}, "href": f"{API}/shows/null",
        "html_description": None, "id": None, "images": [], "is_externally_hosted": None, "languages": [None],
        "media_type": None, "name": None, "publisher": None, "total_episodes": None, "type": "show", "uri": None,
    },
    "type": "episode", "uri": None,
}

SAVED_SHOWS = {BIG_SHOW: "2024-02-03T07:45:10Z", SMALL_SHOW: "2025-10-01T18:02:33Z"}
SAVED_EPISODES = {HALF_HEARD: "2025-11-20T06:30:00Z", fake_id(f"episode:{SMALL_SHOW}:2"): "2025-10-03T19:11:42Z"}
_GHOST_SAVED_AT = "2024-06-07T15:08:30Z"
ADDED_AT = "2025-12-01T12:00:00Z"


@route("GET", r"/v1/shows/(?P<id>[^/]+)")
def get_show(request: Request) -> Any:
    ident = request.params["id"]
    if ident not in _SHOWS:
        return error(404, "Resource not found")
    return show_full(ident, request.query.get("market"))


@route("GET", r"/v1/shows")
def get_shows(request: Request) -> Any:
    ids = batch_ids(request)
    if isinstance(ids, Reply):
        return ids
    return {"shows": [show_simple(i) if i in _SHOWS else None for i in ids]}


@route("GET", r"/v1/shows/(?P<id>[^/]+)/episodes")
def get_show_episodes(request: Request) -> Any:
    ident, q = request.params["id"], request.query
    if ident not in _SHOWS:
        return error(404, "Resource not found")
    return episodes_page(ident, int_arg(q, "offset", 0), int_arg(q, "limit", 20), q.get("market"))


@route("GET", r"/v1/episodes/(?P<id>[^/]+)")
def get_episode(request: Request) -> Any:
    return episode_full(request.params["id"]) or error(404, "Resource not found")


@route("GET", r"/v1/episodes")
def get_episodes(request: Request) -> Any:
    ids = batch_ids(request)
    if isinstance(ids, Reply):
        return ids
    return {"episodes": [episode_full(i) for i in ids]}


@route("GET", r"/v1/me/shows")
def get_saved_shows(request: Request) -> Any:
    offset, limit = int_arg(request.query, "offset", 0), int_arg(request.query, "limit", 20)
    shows = [{"added_at": at, "show": show_simple(i)} for i, at in saved("show").items() if i in _SHOWS]
    return page("/me/shows", window(shows, offset, limit), offset, limit, len(shows))


@route("GET", r"/v1/me/episodes")
def get_saved_episodes(request: Request) -> Any:
    q = request.query
    offset, limit = int_arg(q, "offset", 0), int_arg(q, "limit", 20)
    episodes: list[Json] = [{"added_at": _GHOST_SAVED_AT, "episode": GHOST_EPISODE}]
    episodes += [{"added_at": at, "episode": episode_full(i)} for i, at in saved("episode").items() if episode_full(i)]
    episodes.sort(key=lambda entry: str(entry["added_at"]), reverse=True)
    extra = {"market": q["market"]} if "market" in q else {}
    return page("/me/episodes", window(episodes, offset, limit), offset, limit, len(episodes), **extra)


def library_routes(kind: str, path: str) -> None:
    """PUT, DELETE and contains routes of one library of the user's."""

    @route("PUT", path)
    def save(request: Request) -> Any:
        for ident in request.query["ids"].split(","):
            saved(kind).setdefault(ident, ADDED_AT)
        return Reply(200)

    @route("DELETE", path)
    def remove(request: Request) -> Any:
        for ident in request.query["ids"].split(","):
            saved(kind).pop(ident, None)
        return Reply(200)

    @route("GET", path + "/contains")
    def contain(request: Request) -> Any:
        return [ident in saved(kind) for ident in request.query["ids"].split(",")]


library_routes("show", r"/v1/me/shows")
library_routes("episode", r"/v1/me/episodes")
