"""Show endpoints, replayed from cassettes."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

import spotlite
from spotlite.errors import InvalidInput, NotFound, Unauthorised
from spotlite.testing._standin.catalogue import UNKNOWN
from spotlite.testing._standin.podcasts import BIG_SHOW, FULLY_PLAYED, HALF_HEARD, SMALL_SHOW

UTC = timezone.utc


def test_show(token: str) -> None:
    show = spotlite.show(token, BIG_SHOW)
    assert (show.name, show.publisher, show.media_type) == ("Notes from the Concert Hall", "Lahti Radio", "audio")
    assert (show.total_episodes, show.explicit, show.languages) == (60, False, ("en",))
    assert show.copyrights[0].text == "2024 Lahti Radio"
    assert show.episodes is not None and (show.episodes.total, len(show.episodes.items)) == (60, 50)
    newest = show.episodes.items[0]
    assert (newest.id, newest.name, newest.release_date) == (FULLY_PLAYED, "#60: Symphony No. 2, part 60", "2024-02-23")
    assert newest.resume_point is not None and newest.resume_point.fully_played is True
    assert show.episodes.items[1].id == HALF_HEARD


def test_show_from_url_with_market(token: str) -> None:
    show = spotlite.show(token, f"https://open.spotify.com/show/{SMALL_SHOW}?si=7a1e", market="FI")
    assert (show.name, show.explicit, show.media_type) == ("Sauna Talks", True, "mixed")
    assert show.episodes is not None and show.episodes.href is not None and "market=FI" in show.episodes.href
    assert [e.name for e in show.episodes.items] == ["#3: Finlandia, part 3", "#2: Symphony No. 2, part 2",
                                                     "#1: Finlandia, part 1"]


def test_show_not_found(token: str) -> None:
    with pytest.raises(NotFound, match="Resource not found"):
        spotlite.show(token, UNKNOWN)


def test_show_invalid_token_names_scope(revoked_token: str) -> None:
    with pytest.raises(Unauthorised, match="user-read-playback-position"):
        spotlite.show(revoked_token, BIG_SHOW)


def test_show_wrong_kind_refused_before_sending(token: str) -> None:
    with pytest.raises(InvalidInput, match="of kind .show., but .* is of kind .episode."):
        spotlite.show(token, f"spotify:episode:{HALF_HEARD}")


def test_shows_with_unknown_id_gives_none(token: str) -> None:
    found = spotlite.shows(token, [SMALL_SHOW, UNKNOWN, f"spotify:show:{BIG_SHOW}"])
    assert found[0] is not None and found[0].name == "Sauna Talks"
    assert found[1] is None
    assert found[2] is not None and found[2].total_episodes == 60


def test_shows_chunked_by_50(token: str, cassette: object) -> None:
    ids = [BIG_SHOW, SMALL_SHOW] * 30
    found = spotlite.shows(token, ids, market="FI")
    assert [s.id for s in found if s] == ids
    requests = cassette.requests  # type: ignore[attr-defined]
    assert len(requests) == 2
    assert requests[0].uri.count(BIG_SHOW) == 25 and requests[1].uri.count(SMALL_SHOW) == 5
    assert all("market=FI" in r.uri for r in requests)


def test_show_episodes_pages(token: str, cassette: object) -> None:
    first = spotlite.show_episodes(token, BIG_SHOW, limit=50)
    assert (first.offset, first.limit, first.total, len(first.items)) == (0, 50, 60, 50)
    numbers = [int(e.name.split(":")[0][1:]) for e in spotlite.all_items(token, first) if e.name]
    assert numbers == list(range(60, 0, -1))
    assert len(cassette.requests) == 2  # type: ignore[attr-defined]


def test_show_episodes_offset_and_market(token: str) -> None:
    page = spotlite.show_episodes(token, BIG_SHOW, market="from_token", limit=2, offset=58)
    assert [e.name for e in page.items] == ["#2: Symphony No. 2, part 2", "#1: Finlandia, part 1"]
    assert page.next is None and page.previous is not None
    assert page.items[1].duration_ms == 1_861_003 and page.items[1].release_date == "2023-01-06"


def test_show_episodes_input_checked(token: str) -> None:
    with pytest.raises(InvalidInput, match="between 1 and 50"):
        spotlite.show_episodes(token, BIG_SHOW, limit=51)
    with pytest.raises(InvalidInput, match="offset"):
        spotlite.show_episodes(token, BIG_SHOW, offset=-1)


def test_saved_shows(token: str) -> None:
    saved = spotlite.saved_shows(token, limit=10)
    assert saved.total == 2
    assert [(s.added_at, s.show.name) for s in saved.items] == [
        (datetime(2024, 2, 3, 7, 45, 10, tzinfo=UTC), "Notes from the Concert Hall"), (datetime(2025, 10, 1, 18, 2, 33, tzinfo=UTC), "Sauna Talks")]


def test_saved_shows_limit_checked(token: str) -> None:
    with pytest.raises(InvalidInput, match="between 1 and 50, got 0"):
        spotlite.saved_shows(token, limit=0)


def test_saved_shows_delete_contains_add(token: str, cassette: object) -> None:
    spotlite.saved_shows_delete(token, [SMALL_SHOW], market="FI")
    assert spotlite.saved_shows_contains(token, [BIG_SHOW, SMALL_SHOW, UNKNOWN]) == [True, False, False]
    spotlite.saved_shows_add(token, [f"spotify:show:{SMALL_SHOW}"])
    assert spotlite.saved_shows_contains(token, [SMALL_SHOW]) == [True]
    requests = cassette.requests  # type: ignore[attr-defined]
    assert [r.method for r in requests] == ["DELETE", "GET", "PUT", "GET"]
    assert requests[0].uri == f"https://api.spotify.com/v1/me/shows?market=FI&ids={SMALL_SHOW}"
    assert requests[2].uri == f"https://api.spotify.com/v1/me/shows?ids={SMALL_SHOW}"


def test_saved_shows_add_chunked_by_50(token: str, cassette: object) -> None:
    spotlite.saved_shows_add(token, [BIG_SHOW] * 55)
    requests = cassette.requests  # type: ignore[attr-defined]
    assert [(r.method, r.uri.count(BIG_SHOW)) for r in requests] == [("PUT", 50), ("PUT", 5)]


def test_saved_shows_contains_refuses_bad_input(token: str) -> None:
    with pytest.raises(InvalidInput, match="at least one show ID"):
        spotlite.saved_shows_contains(token, [])
    with pytest.raises(InvalidInput, match="a single str"):
        spotlite.saved_shows_contains(token, BIG_SHOW)  # type: ignore[arg-type]
