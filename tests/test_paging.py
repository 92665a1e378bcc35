"""next_page, previous_page, all_pages and all_items."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import spotlite
from spotlite.testing._standin.catalogue import BIG_ALBUM


def test_all_items_of_a_page_nested_in_a_model(token: str, cassette: object) -> None:
    album = spotlite.album(token, BIG_ALBUM)
    assert album.tracks is not None and len(album.tracks.items) == 50
    names = [track.name for track in spotlite.all_items(token, album.tracks)]
    assert names == [f"Song No. {n}" for n in range(1, 61)]
    asked = parse_qs(urlsplit(cassette.requests[1].uri).query)  # type: ignore[attr-defined]
    assert (asked["offset"], asked["limit"]) == (["50"], ["50"])


def test_all_pages_ask_for_the_largest_page(token: str, cassette: object) -> None:
    first = spotlite.album_tracks(token, BIG_ALBUM, limit=7)
    pages = list(spotlite.all_pages(token, first))
    assert [len(p.items) for p in pages] == [7, 50, 3]
    assert [p.offset for p in pages] == [0, 7, 57]


def test_next_and_previous_page(token: str) -> None:
    middle = spotlite.album_tracks(token, BIG_ALBUM, limit=20, offset=20)
    following = spotlite.next_page(token, middle)
    preceding = spotlite.previous_page(token, middle)
    assert following is not None and following.items[0].track_number == 41
    assert preceding is not None and preceding.items[0].track_number == 1
    assert spotlite.previous_page(token, preceding) is None
    assert following.next is None and spotlite.next_page(token, following) is None
