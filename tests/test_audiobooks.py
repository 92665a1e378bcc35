"""Audiobook endpoints, replayed from cassettes."""

from __future__ import annotations

import pytest

import spotlite
from spotlite.errors import InvalidInput, NotFound
from spotlite.testing._standin.audiobooks import KALEVALA, RESTRICTED_CHAPTER, SEVEN_BROTHERS
from spotlite.testing._standin.catalogue import UNKNOWN


def test_audiobook(token: str) -> None:
    book = spotlite.audiobook(token, KALEVALA)
    assert (book.name, book.edition, book.publisher, book.total_chapters) == (
        "The Kalevala", "Unabridged", "Lahti Audio", 62)
    assert [a.name for a in book.authors] == ["Elias Lönnrot"]
    assert [n.name for n in book.narrators] == ["Aino Virtanen", "Pekka Laine"]
    assert book.uri == f"spotify:show:{KALEVALA}" and book.type == "audiobook"
    assert book.chapters is not None and (book.chapters.total, len(book.chapters.items)) == (62, 50)
    opening, restricted = book.chapters.items[0], book.chapters.items[3]
    assert (opening.name, opening.is_playable, opening.restriction) == ("Opening Credits", True, None)
    assert opening.resume_point is not None and opening.resume_point.fully_played is True
    assert (restricted.id, restricted.is_playable) == (RESTRICTED_CHAPTER, False)
    assert restricted.restrictions is not None and restricted.restrictions.reason == "payment_required"


def test_audiobook_with_market(token: str) -> None:
    book = spotlite.audiobook(token, f"spotify:audiobook:{SEVEN_BROTHERS}", market="FI")
    assert (book.name, book.edition, book.languages) == ("Seven Brothers", "Abridged", ("English", "Finnish"))
    assert book.chapters is not None and book.chapters.href is not None and "market=FI" in book.chapters.href
    assert [c.chapter_number for c in book.chapters.items] == [0, 1, 2, 3]


def test_audiobook_not_found(token: str) -> None:
    with pytest.raises(NotFound):
        spotlite.audiobook(token, UNKNOWN)


def test_audiobook_wrong_kind_refused_before_sending(token: str) -> None:
    with pytest.raises(InvalidInput, match="of kind .audiobook., but .* is of kind .album."):
        spotlite.audiobook(token, f"spotify:album:{KALEVALA}")


def test_audiobooks_with_unknown_id_gives_none(token: str) -> None:
    found = spotlite.audiobooks(token, [SEVEN_BROTHERS, UNKNOWN])
    assert found[0] is not None and found[0].narrators[0].name == "Pekka Laine"
    assert found[1] is None


def test_audiobooks_chunked_by_50(token: str, cassette: object) -> None:
    found = spotlite.audiobooks(token, [KALEVALA] * 30 + [SEVEN_BROTHERS] * 30)
    assert [b.name for b in found if b] == ["The Kalevala"] * 30 + ["Seven Brothers"] * 30
    requests = cassette.requests  # type: ignore[attr-defined]
    assert [(r.uri.count(KALEVALA), r.uri.count(SEVEN_BROTHERS)) for r in requests] == [(30, 20), (0, 10)]


def test_audiobook_chapters_pages(token: str, cassette: object) -> None:
    first = spotlite.audiobook_chapters(token, KALEVALA, limit=50)
    assert (first.total, len(first.items), first.next is not None) == (62, 50, True)
    chapters = list(spotlite.all_items(token, first))
    assert [c.chapter_number for c in chapters] == list(range(62))
    assert (chapters[-1].name, chapters[-1].restriction is not None) == ("End Credits", True)
    assert len(cassette.requests) == 2  # type: ignore[attr-defined]


def test_audiobook_chapters_offset_and_market(token: str) -> None:
    page = spotlite.audiobook_chapters(token, SEVEN_BROTHERS, market="FI", limit=2, offset=2)
    assert [(c.name, c.is_playable) for c in page.items] == [("Chapter 2", True), ("End Credits", False)]
    assert page.next is None and page.previous is not None and "market=FI" in page.previous


def test_audiobook_chapters_input_checked(token: str) -> None:
    with pytest.raises(InvalidInput, match="between 1 and 50"):
        spotlite.audiobook_chapters(token, KALEVALA, limit=0)
    with pytest.raises(InvalidInput, match="offset"):
        spotlite.audiobook_chapters(token, KALEVALA, offset=True)


def test_saved_audiobooks(token: str) -> None:
    saved = spotlite.saved_audiobooks(token, limit=10)
    assert (saved.total, saved.limit) == (1, 10)
    assert [(b.id, b.name, b.total_chapters) for b in saved.items] == [(KALEVALA, "The Kalevala", 62)]


def test_saved_audiobooks_add_contains_delete(token: str, cassette: object) -> None:
    spotlite.saved_audiobooks_add(token, [SEVEN_BROTHERS])
    assert spotlite.saved_audiobooks_contains(token, [SEVEN_BROTHERS, UNKNOWN, KALEVALA]) == [True, False, True]
    spotlite.saved_audiobooks_delete(token, [SEVEN_BROTHERS])
    assert spotlite.saved_audiobooks_contains(token, [SEVEN_BROTHERS]) == [False]
    requests = cassette.requests  # type: ignore[attr-defined]
    assert [r.method for r in requests] == ["PUT", "GET", "DELETE", "GET"]
    assert requests[2].uri == f"https://api.spotify.com/v1/me/audiobooks?ids={SEVEN_BROTHERS}"


def test_saved_audiobooks_contains_chunked_by_50(token: str, cassette: object) -> None:
    answers = spotlite.saved_audiobooks_contains(token, [KALEVALA] * 60)
    assert answers == [True] * 60
    assert len(cassette.requests) == 2  # type: ignore[attr-defined]


def test_saved_audiobooks_delete_refuses_empty_list(token: str) -> None:
    with pytest.raises(InvalidInput, match="at least one audiobook ID"):
        spotlite.saved_audiobooks_delete(token, [])
