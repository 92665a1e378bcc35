"""Audiobooks and chapters: /audiobooks, /audiobooks/{id}, /audiobooks/{id}/chapters, /chapters,
/chapters/{id}, /me/audiobooks (and its contains check).

As in the live API, audiobooks carry ``spotify:show:`` URIs and chapters
``spotify:episode:`` URIs; chapters past the free preview are restricted
(``restriction: {"reason": "payment_required"}``, ``is_playable: false``).
The user's saved audiobooks are plain audiobook objects, without ``added_at``.
"""

from __future__ import annotations

from typing import Any

from .bodies import MARKETS, Json, fake_id, images, int_arg, page, window
from .errors import batch_ids
from .podcasts import library_routes
from .server import API, Reply, Request, error, route
from .state import saved

KALEVALA = fake_id("audiobook:kalevala")  # 62 chapters: its chapter pages go on past 50
SEVEN_BROTHERS = fake_id("audiobook:seven-brothers")  # 4 chapters
FREE_CHAPTERS = 3  # chapters 0-2 play for everyone, the rest need a purchase
RESTRICTED_CHAPTER = fake_id(f"chapter:{KALEVALA}:3")

_BOOKS: dict[str, Json] = {
    KALEVALA: {
        "name": "The Kalevala", "authors": [{"name": "Elias Lönnrot"}],
        "narrators": [{"name": "Aino Virtanen"}, {"name": "Pekka Laine"}], "publisher": "Lahti Audio",
        "description": "The Finnish national epic, read in full.", "edition": "Unabridged",
        "languages": ["English"], "chapters": ["Opening Credits"] + [f"Runo {n}" for n in range(1, 61)]
        + ["End Credits"],
    },
    SEVEN_BROTHERS: {
        "name": "Seven Brothers", "authors": [{"name": "Aleksis Kivi"}], "narrators": [{"name": "Pekka Laine"}],
        "publisher": "Lahti Audio", "description": "Seven brothers leave home for the forest.",
        "edition": "Abridged", "languages": ["English", "Finnish"],
        "chapters": ["Opening Credits", "Chapter 1", "Chapter 2", "End Credits"],
    },
}


def _links(kind: str, path: str, ident: str) -> Json:
    """Spotify's links of an audiobook (a show's URI) or a chapter (an episode's URI)."""
    return {"external_urls": {"spotify": f"https://open.spotify.com/{kind}/{ident}"},
            "href": f"{API}/{path}/{ident}", "id": ident, "uri": f"spotify:{kind}:{ident}"}


def audiobook_simple(ident: str) -> Json:
    book = _BOOKS[ident]
    credits = "Author(s): {}\nNarrator(s): {}\n\n".format(
        ", ".join(a["name"] for a in book["authors"]), ", ".join(n["name"] for n in book["narrators"]))
    return {
        "authors": book["authors"], "available_markets": MARKETS,
        "copyrights": [{"text": f"2019 {book['publisher']}", "type": "C"}],
        "description": credits + book["description"],
        "html_description": credits.replace("\n", "<br/>") + book["description"],
        "edition": book["edition"], "explicit": False, **_links("show", "audiobooks", ident),
        "images": images(ident), "is_externally_hosted": False, "languages": book["languages"],
        "media_type": "audio", "name": book["name"], "narrators": book["narrators"],
        "publisher": book["publisher"], "total_chapters": len(book["chapters"]), "type": "audiobook",
    }


def chapter_simple(book: str, number: int) -> Json:
    """Chapter ``number`` (0 = the opening credits) of an audiobook."""
    ident = fake_id(f"chapter:{book}:{number}")
    name = _BOOKS[book]["chapters"][number]
    body: Json = {
        "audio_preview_url": None, "chapter_number": number,  # no markets: the 2026 development-mode shape
        "description": f"{name} of {_BOOKS[book]['name']}.", "html_description": f"<p>{name}</p>",
        "duration_ms": 600_000 + 12_345 * number, "explicit": False, **_links("episode", "chapters", ident),
        "images": images(book), "is_playable": number < FREE_CHAPTERS, "languages": [""], "name": name,
        "release_date": "2019", "release_date_precision": "year",
        "resume_point": {"fully_played": number == 0, "resume_position_ms": 0}, "type": "chapter",
    }
    if number >= FREE_CHAPTERS:
        body["restriction"] = {"reason": "payment_required"}
    return body


def chapter_full(ident: str) -> Json | None:
    for book, data in _BOOKS.items():
        for number in range(len(data["chapters"])):
            if fake_id(f"chapter:{book}:{number}") == ident:
                return {**chapter_simple(book, number), "audiobook": audiobook_simple(book)}
    return None


def chapters_page(book: str, offset: int, limit: int, market: str | None = None) -> Json:
    chapters = [chapter_simple(book, n) for n in range(len(_BOOKS[book]["chapters"]))]
    extra = {"market": market} if market else {}
    return page(f"/audiobooks/{book}/chapters", window(chapters, offset, limit), offset, limit, len(chapters),
                **extra)


def audiobook_full(ident: str, market: str | None = None) -> Json:
    return {**audiobook_simple(ident), "chapters": chapters_page(ident, 0, 50, market)}


SAVED_AUDIOBOOKS = {KALEVALA: "2025-08-30T20:15:00Z"}


@route("GET", r"/v1/audiobooks/(?P<id>[^/]+)")
def get_audiobook(request: Request) -> Any:
    ident = request.params["id"]
    if ident not in _BOOKS:
        return error(404, "Resource not found")
    return audiobook_full(ident, request.query.get("market"))


@route("GET", r"/v1/audiobooks")
def get_audiobooks(request: Request) -> Any:
    ids = batch_ids(request)
    if isinstance(ids, Reply):
        return ids
    return {"audiobooks": [audiobook_full(i) if i in _BOOKS else None for i in ids]}


@route("GET", r"/v1/audiobooks/(?P<id>[^/]+)/chapters")
def get_audiobook_chapters(request: Request) -> Any:
    ident, q = request.params["id"], request.query
    if ident not in _BOOKS:
        return error(404, "Resource not found")
    return chapters_page(ident, int_arg(q, "offset", 0), int_arg(q, "limit", 20), q.get("market"))


@route("GET", r"/v1/chapters/(?P<id>[^/]+)")
def get_chapter(request: Request) -> Any:
    return chapter_full(request.params["id"]) or error(404, "Resource not found")


@route("GET", r"/v1/chapters")
def get_chapters(request: Request) -> Any:
    ids = batch_ids(request)
    if isinstance(ids, Reply):
        return ids
    return {"chapters": [chapter_full(i) for i in ids]}


@route("GET", r"/v1/me/audiobooks")
def get_saved_audiobooks(request: Request) -> Any:
    offset, limit = int_arg(request.query, "offset", 0), int_arg(request.query, "limit", 20)
    books = [audiobook_simple(i) for i in saved("audiobook") if i in _BOOKS]
    return page("/me/audiobooks", window(books, offset, limit), offset, limit, len(books))


library_routes("audiobook", r"/v1/me/audiobooks")
