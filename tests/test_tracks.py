"""Track endpoints, replayed from cassettes."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from conftest import body_of

import spotlite
from spotlite.errors import InvalidInput, Unauthorised
from spotlite.testing._standin.catalogue import FINLANDIA, MAIN_ALBUM, RELINKED, UNKNOWN

UTC = timezone.utc


def test_track(token: str) -> None:
    track = spotlite.track(token, f"https://open.spotify.com/track/{FINLANDIA}?si=0b9f")
    assert track.name == "Finlandia, Op. 26"
    assert track.album is not None and track.album.id == MAIN_ALBUM
    assert track.external_ids is not None and track.external_ids.isrc == "FI3RB0000001"
    assert (track.duration_ms, track.track_number, track.is_local) == (187_919, 1, False)


def test_track_relinked_in_market(token: str) -> None:
    track = spotlite.track(token, RELINKED, market="from_token")
    assert track.id == FINLANDIA
    assert track.linked_from is not None and track.linked_from.id == RELINKED
    assert track.is_playable is True


def test_tracks_with_unknown_id(token: str) -> None:
    found = spotlite.tracks(token, [FINLANDIA, UNKNOWN])
    assert found[0] is not None and found[0].name == "Finlandia, Op. 26"
    assert found[1] is None


def test_saved_tracks_page_of_fifty(token: str) -> None:
    page = spotlite.saved_tracks(token, limit=50)
    assert (len(page.items), page.total) == (50, 57)
    assert page.items[0].added_at == datetime(2025, 1, 1, 8, 0, 0, tzinfo=UTC)
    assert page.items[0].track.id == FINLANDIA
    rest = spotlite.next_page(token, page)
    assert rest is not None and len(rest.items) == 7 and spotlite.next_page(token, rest) is None


def test_saved_tracks_invalid_token_names_scope(revoked_token: str) -> None:
    with pytest.raises(Unauthorised, match="Invalid access token.*user-library-read"):
        spotlite.saved_tracks(revoked_token)


def test_saved_tracks_add_contains_delete_chunked(token: str, cassette: object) -> None:
    page = spotlite.saved_tracks(token, limit=50)
    ids = [item.track.id for item in page.items if item.track.id] + [UNKNOWN] * 10
    assert spotlite.saved_tracks_contains(token, ids) == [True] * 50 + [False] * 10
    spotlite.saved_tracks_delete(token, [FINLANDIA])
    spotlite.saved_tracks_add(token, [FINLANDIA])
    requests = cassette.requests  # type: ignore[attr-defined]
    assert [r.method for r in requests] == ["GET", "GET", "GET", "DELETE", "PUT"]
    assert requests[1].uri.count("%2C") + requests[1].uri.count(",") == 49
    assert requests[3].uri == f"https://api.spotify.com/v1/me/tracks?ids={FINLANDIA}"
    assert (requests[4].uri, json.loads(body_of(requests[4]))) == (
        "https://api.spotify.com/v1/me/tracks", {"ids": [FINLANDIA]})


def test_tracks_refuses_a_lone_string(token: str) -> None:
    with pytest.raises(InvalidInput, match="a single str"):
        spotlite.tracks(token, FINLANDIA)  # type: ignore[arg-type]


def test_saved_tracks_past_the_end_is_an_empty_page(token: str) -> None:
    page = spotlite.saved_tracks(token, limit=20, offset=60)
    assert (page.items, page.total, page.offset, page.next) == ((), 57, 60, None)
    assert list(spotlite.all_items(token, page)) == []
