"""Timestamps (``added_at``, ``played_at``) are timezone-aware UTC datetimes, and go back out in Spotify's form."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

import spotlite
from spotlite.errors import MappingError
from spotlite.models import PlayHistory, PlaylistTrack, SavedTrack, SavedTrackPaging, from_dict, to_dict
from spotlite.testing._standin.catalogue import FINLANDIA, track_full

UTC = timezone.utc


@pytest.mark.parametrize(("sent", "read"), [
    ("2026-03-01T10:00:00Z", datetime(2026, 3, 1, 10, tzinfo=UTC)),
    ("2016-12-13T20:44:04.589Z", datetime(2016, 12, 13, 20, 44, 4, 589000, tzinfo=UTC)),
    ("2016-12-13T20:44:04.58Z", datetime(2016, 12, 13, 20, 44, 4, 580000, tzinfo=UTC)),  # not 3.10's fromisoformat
    ("2026-03-01T12:00:00+02:00", datetime(2026, 3, 1, 10, tzinfo=UTC)),
    ("2026-03-01T10:00:00", datetime(2026, 3, 1, 10, tzinfo=UTC)),  # no zone: Spotify's times are UTC
])
def test_spotify_times_are_read_as_utc_datetimes_on_every_python(sent: str, read: datetime) -> None:
    entry = from_dict(PlaylistTrack, {"added_at": sent})
    assert entry.added_at == read and entry.added_at is not None
    assert entry.added_at.tzinfo is UTC and entry.added_at.utcoffset() == timedelta(0)


def test_a_time_that_is_not_one_names_its_path() -> None:
    with pytest.raises(MappingError) as caught:
        from_dict(PlaylistTrack, {"added_at": "yesterday"})
    assert str(caught.value) == "'added_at': expected date-time (ISO 8601, such as 2026-03-01T10:00:00Z), got str"
    with pytest.raises(MappingError, match="'played_at': expected date-time"):
        from_dict(PlayHistory, {"played_at": 1_700_000_000, "track": track_full(FINLANDIA)})


def test_to_dict_writes_spotify_s_form_and_reads_back_equal(token: str) -> None:
    page = spotlite.saved_tracks(token, limit=50)
    data = to_dict(page)
    assert data["items"][0]["added_at"] == "2025-01-01T08:00:00Z"
    assert from_dict(SavedTrackPaging, data) == page
    first = page.items[0]
    for when, text in [
        (datetime(2026, 3, 1, 10, tzinfo=UTC), "2026-03-01T10:00:00Z"),
        (datetime(2026, 3, 1, 10, 0, 0, 589000, tzinfo=UTC), "2026-03-01T10:00:00.589Z"),
        (datetime(2026, 3, 1, 10, 0, 0, 589123, tzinfo=UTC), "2026-03-01T10:00:00.589123Z"),
        (datetime(2026, 3, 1, 12, tzinfo=timezone(timedelta(hours=2))), "2026-03-01T10:00:00Z"),
        (datetime(2026, 3, 1, 10), "2026-03-01T10:00:00Z"),  # naive: taken as UTC
    ]:
        saved = SavedTrack(added_at=when, track=first.track)
        assert saved.to_dict()["added_at"] == text
        assert from_dict(SavedTrack, saved.to_dict()) == SavedTrack(added_at=when.replace(tzinfo=when.tzinfo or UTC),
                                                                    track=first.track)


def test_recently_played_can_be_compared_with_a_last_run(token: str) -> None:
    last_run = datetime(2026, 11, 18, 11, 0, tzinfo=UTC)
    page = spotlite.playback_recently_played(token)
    newer = [played for played in page.items if played.played_at >= last_run]
    assert 0 < len(newer) < len(page.items)
