"""Artist endpoints, replayed from cassettes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import spotlite
from spotlite.errors import BadRequest, InvalidInput
from spotlite.testing._standin.catalogue import ORCHESTRA, SIBELIUS, SINGER, UNKNOWN


def test_artist(token: str) -> None:
    artist = spotlite.artist(token, f"spotify:artist:{SIBELIUS}")
    assert artist.name == "Jean Sibelius"
    assert artist.genres == ("classical", "finnish classical")
    assert artist.followers is not None and artist.followers.total == 1_204_311
    assert artist.images[1].height == 320


def test_artists_keep_order_and_nulls(token: str) -> None:
    found = spotlite.artists(token, [SINGER, UNKNOWN, SIBELIUS])
    assert [a.name if a else None for a in found] == ["Aino Virtanen", None, "Jean Sibelius"]


def test_artist_albums_without_limit_sends_none(token: str, cassette: object) -> None:
    albums = spotlite.artist_albums(token, SINGER)
    assert albums.limit == 5
    assert {a.album_group for a in albums.items} == {"compilation", "appears_on"}
    assert "limit" not in cassette.requests[0].uri  # type: ignore[attr-defined]


def test_artist_albums_groups(token: str) -> None:
    albums = spotlite.artist_albums(token, SIBELIUS, include_groups=["album"], market="FI", limit=10)
    assert [a.name for a in albums.items] == ["Sibelius: Finlandia, Karelia Suite & Symphony No. 2"]


def test_artist_albums_over_ten_explains_development_mode(token: str, canned: Callable[[int, Any], None]) -> None:
    canned(400, {"error": {"status": 400, "message": "Invalid limit"}})
    with pytest.raises(BadRequest, match="Invalid limit. Since 2026 development-mode apps may ask at most 10"):
        spotlite.artist_albums(token, SIBELIUS, limit=20)


def test_artist_albums_over_fifty_refused(token: str) -> None:
    with pytest.raises(InvalidInput, match="between 1 and 50, got 51"):
        spotlite.artist_albums(token, SIBELIUS, limit=51)


def test_artist_top_tracks(token: str) -> None:
    top = spotlite.artist_top_tracks(token, SINGER, "FI")
    assert [t.name for t in top][:2] == ["Song No. 1", "Song No. 2"]
    assert top[0].album is not None and top[0].album.album_type == "compilation"


def test_artist_related_artists(token: str) -> None:
    related = spotlite.artist_related_artists(token, SIBELIUS)
    assert {a.id for a in related} == {ORCHESTRA, SINGER}
