"""Chapter endpoints, replayed from cassettes."""

from __future__ import annotations

import pytest

import spotlite
from spotlite.errors import InvalidInput, NotFound
from spotlite.testing._standin.audiobooks import KALEVALA, RESTRICTED_CHAPTER, SEVEN_BROTHERS
from spotlite.testing._standin.catalogue import UNKNOWN


def test_chapter_restricted(token: str) -> None:
    chapter = spotlite.chapter(token, RESTRICTED_CHAPTER)
    assert (chapter.name, chapter.chapter_number, chapter.type) == ("Runo 3", 3, "chapter")
    assert chapter.is_playable is False
    assert chapter.restriction is not None and chapter.restriction.reason == "payment_required"
    assert chapter.restrictions is chapter.restriction
    assert chapter.uri == f"spotify:episode:{RESTRICTED_CHAPTER}"
    assert chapter.audiobook is not None and (chapter.audiobook.id, chapter.audiobook.name) == (
        KALEVALA, "The Kalevala")
    assert chapter.audiobook.authors[0].name == "Elias Lönnrot"


def test_chapter_playable_with_market(token: str, cassette: object) -> None:
    book = spotlite.audiobook(token, SEVEN_BROTHERS)
    assert book.chapters is not None and book.chapters.items[1].id is not None
    chapter = spotlite.chapter(token, f"spotify:chapter:{book.chapters.items[1].id}", market="FI")
    assert (chapter.name, chapter.is_playable, chapter.restriction) == ("Chapter 1", True, None)
    assert (chapter.duration_ms, chapter.release_date, chapter.release_date_precision) == (612_345, "2019", "year")
    assert chapter.resume_point is not None and chapter.resume_point.fully_played is False
    assert cassette.requests[1].uri.endswith("?market=FI")  # type: ignore[attr-defined]


def test_chapter_not_found(token: str) -> None:
    with pytest.raises(NotFound):
        spotlite.chapter(token, UNKNOWN)


def test_chapter_wrong_kind_refused_before_sending(token: str) -> None:
    with pytest.raises(InvalidInput, match="of kind .chapter., but .* is of kind .track."):
        spotlite.chapter(token, f"https://open.spotify.com/track/{RESTRICTED_CHAPTER}")


def test_chapters_with_unknown_id_gives_none(token: str) -> None:
    found = spotlite.chapters(token, [UNKNOWN, RESTRICTED_CHAPTER])
    assert found[0] is None
    assert found[1] is not None and found[1].audiobook is not None and found[1].audiobook.total_chapters == 62


def test_chapters_chunked_by_50(token: str, cassette: object) -> None:
    first = spotlite.audiobook_chapters(token, KALEVALA, limit=50)
    ids = [c.id for c in first.items if c.id] + [RESTRICTED_CHAPTER] * 10
    found = spotlite.chapters(token, ids, market="FI")
    assert [c.id for c in found if c] == ids
    requests = cassette.requests[1:]  # type: ignore[attr-defined]
    assert len(requests) == 2 and all("market=FI" in r.uri for r in requests)


def test_chapters_refuse_a_lone_string(token: str) -> None:
    with pytest.raises(InvalidInput, match="a single str"):
        spotlite.chapters(token, RESTRICTED_CHAPTER)  # type: ignore[arg-type]
