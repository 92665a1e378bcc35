"""Episode endpoints, replayed from cassettes."""

from __future__ import annotations

from datetime import datetime, timezone
from urllib.parse import parse_qs, urlsplit

import pytest

import spotlite
from spotlite.errors import InvalidInput, NotFound
from spotlite.testing._standin.catalogue import UNKNOWN
from spotlite.testing._standin.podcasts import BIG_SHOW, FULLY_PLAYED, HALF_HEARD, SMALL_SHOW

UTC = timezone.utc


def test_episode_with_resume_point(token: str) -> None:
    episode = spotlite.episode(token, f"spotify:episode:{HALF_HEARD}")
    assert (episode.name, episode.type, episode.duration_ms) == ("#59: Finlandia, part 59", "episode", 5_399_177)
    assert episode.resume_point is not None
    assert (episode.resume_point.fully_played, episode.resume_point.resume_position_ms) == (False, 754_000)
    assert episode.show is not None and (episode.show.id, episode.show.name) == (BIG_SHOW, "Notes from the Concert Hall")
    assert (episode.language, episode.languages, episode.is_playable) == ("en", ("en",), True)
    assert episode.release_date == "2024-02-16" and episode.restrictions is None


def test_episode_with_market(token: str, cassette: object) -> None:
    episode = spotlite.episode(token, f"https://open.spotify.com/episode/{FULLY_PLAYED}", market="FI")
    assert episode.resume_point is not None and episode.resume_point.fully_played is True
    assert cassette.requests[0].uri.endswith(f"/episodes/{FULLY_PLAYED}?market=FI")  # type: ignore[attr-defined]


def test_episode_not_found(token: str) -> None:
    with pytest.raises(NotFound):
        spotlite.episode(token, UNKNOWN)


def test_episode_bad_id_refused_before_sending(token: str) -> None:
    with pytest.raises(InvalidInput, match="not a valid episode ID"):
        spotlite.episode(token, "not-an-id")


def test_episodes_with_unknown_id_gives_none(token: str) -> None:
    found = spotlite.episodes(token, [HALF_HEARD, UNKNOWN, FULLY_PLAYED])
    assert found[1] is None
    assert found[0] is not None and found[0].id == HALF_HEARD
    assert found[2] is not None and found[2].show is not None and found[2].show.total_episodes == 60


def test_episodes_chunked_by_50(token: str, cassette: object) -> None:
    show = spotlite.show(token, BIG_SHOW)
    assert show.episodes is not None
    ids = [e.id for e in show.episodes.items if e.id] + [HALF_HEARD] * 10
    found = spotlite.episodes(token, ids)
    assert [e.id for e in found if e] == ids
    asked = [parse_qs(urlsplit(r.uri).query)["ids"][0].split(",") for r in cassette.requests[1:]]  # type: ignore[attr-defined]
    assert [len(chunk) for chunk in asked] == [50, 10] and asked[0] + asked[1] == ids


def test_saved_episodes_with_ghost(token: str) -> None:
    saved = spotlite.saved_episodes(token, market="FI", limit=5)
    assert saved.total == 3 and saved.href is not None and "market=FI" in saved.href
    first, second, ghost = saved.items
    assert (first.added_at, first.episode.id) == (datetime(2025, 11, 20, 6, 30, 0, tzinfo=UTC), HALF_HEARD)
    assert second.episode.show is not None and second.episode.show.id == SMALL_SHOW
    assert ghost.added_at == datetime(2024, 6, 7, 15, 8, 30, tzinfo=UTC)
    assert (ghost.episode.id, ghost.episode.name, ghost.episode.uri, ghost.episode.languages) == (None, None, None,
                                                                                                  (None,))
    assert ghost.episode.resume_point is not None and ghost.episode.resume_point.resume_position_ms is None
    assert ghost.episode.show is not None and ghost.episode.show.name is None


def test_saved_episodes_limit_checked(token: str) -> None:
    with pytest.raises(InvalidInput, match="between 1 and 50, got 100"):
        spotlite.saved_episodes(token, limit=100)


def test_saved_episodes_add_contains_delete(token: str, cassette: object) -> None:
    spotlite.saved_episodes_add(token, [FULLY_PLAYED])
    assert spotlite.saved_episodes_contains(token, [FULLY_PLAYED, UNKNOWN, HALF_HEARD]) == [True, False, True]
    spotlite.saved_episodes_delete(token, [f"spotify:episode:{FULLY_PLAYED}"])
    assert spotlite.saved_episodes_contains(token, [FULLY_PLAYED]) == [False]
    requests = cassette.requests  # type: ignore[attr-defined]
    assert [r.method for r in requests] == ["PUT", "GET", "DELETE", "GET"]
    assert requests[0].uri == requests[2].uri == f"https://api.spotify.com/v1/me/episodes?ids={FULLY_PLAYED}"


def test_saved_episodes_delete_chunked_by_50(token: str, cassette: object) -> None:
    spotlite.saved_episodes_delete(token, [UNKNOWN] * 60)
    requests = cassette.requests  # type: ignore[attr-defined]
    assert [(r.method, r.uri.count(UNKNOWN)) for r in requests] == [("DELETE", 50), ("DELETE", 10)]


def test_saved_episodes_add_refuses_wrong_kind(token: str) -> None:
    with pytest.raises(InvalidInput, match="of kind .episode., but .* is of kind .show."):
        spotlite.saved_episodes_add(token, [HALF_HEARD, f"spotify:show:{BIG_SHOW}"])
