"""Recommendations and genre seeds, replayed from cassettes."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

import spotlite
from spotlite.errors import BadRequest, Forbidden, InvalidInput
from spotlite.testing._standin.catalogue import FINLANDIA, MAIN_ALBUM, SIBELIUS


def test_recommendations(token: str, cassette: Any) -> None:
    found = spotlite.recommendations(token, artist_ids=[SIBELIUS], genres=["classical"],
                                     track_ids=[f"spotify:track:{FINLANDIA}"], limit=5, market="FI",
                                     min_duration_ms=200_000, max_duration_ms=260_000, target_energy=0.3)
    assert [(seed.type, seed.id) for seed in found.seeds] == [("ARTIST", SIBELIUS), ("GENRE", "classical"),
                                                              ("TRACK", FINLANDIA)]
    assert found.seeds[0].href == f"https://api.spotify.com/v1/artists/{SIBELIUS}"
    assert found.seeds[1].href is None
    assert (found.seeds[2].initialPoolSize, found.seeds[2].afterFilteringSize) == (250, 16)
    assert len(found.tracks) == 5
    assert all(200_000 <= (track.duration_ms or 0) <= 260_000 for track in found.tracks)
    assert found.tracks[0].album is not None and found.tracks[0].album.album_type == "ALBUM"
    sent = dict(parse_qsl(urlsplit(cassette.requests[0].uri).query))
    assert sent == {"limit": "5", "market": "FI", "seed_artists": SIBELIUS, "seed_genres": "classical",
                    "seed_tracks": FINLANDIA, "min_duration_ms": "200000", "max_duration_ms": "260000",
                    "target_energy": "0.3"}


def test_recommendations_from_genres_only(token: str, cassette: Any) -> None:
    found = spotlite.recommendations(token, genres=["classical", "piano"])
    assert [seed.id for seed in found.seeds] == ["classical", "piano"]
    assert len(found.tracks) == 20
    assert "seed_artists" not in cassette.requests[0].uri and "seed_tracks" not in cassette.requests[0].uri


def test_recommendations_unknown_genre(token: str) -> None:
    with pytest.raises(BadRequest, match="invalid request"):
        spotlite.recommendations(token, genres=["humppa-metal"])


def test_recommendations_forbidden_in_development_mode() -> None:
    with pytest.raises(Forbidden, match="deprecated this endpoint"):
        spotlite.recommendations("dummy-dev-mode-token", artist_ids=[SIBELIUS])


def test_recommendations_check_seeds_before_sending(token: str) -> None:
    with pytest.raises(InvalidInput, match="1 to 5 seeds .* got 0"):
        spotlite.recommendations(token)
    with pytest.raises(InvalidInput, match="1 to 5 seeds .* got 6"):
        spotlite.recommendations(token, artist_ids=[SIBELIUS] * 3, genres=["jazz", "folk", "blues"])
    with pytest.raises(InvalidInput, match="of kind 'artist', but .* is of kind 'album'"):
        spotlite.recommendations(token, artist_ids=[f"spotify:album:{MAIN_ALBUM}"])
    with pytest.raises(InvalidInput, match="list of genre names"):
        spotlite.recommendations(token, genres="classical")


def test_recommendations_check_attributes_before_sending(token: str) -> None:
    with pytest.raises(InvalidInput, match="unknown recommendation attribute 'min_happiness'"):
        spotlite.recommendations(token, genres=["jazz"], min_happiness=0.5)
    with pytest.raises(InvalidInput, match="unknown recommendation attribute 'energy'"):
        spotlite.recommendations(token, genres=["jazz"], energy=0.5)
    with pytest.raises(InvalidInput, match="target_key must be an int, got 5.5"):
        spotlite.recommendations(token, genres=["jazz"], target_key=5.5)
    with pytest.raises(InvalidInput, match="max_valence must be a number"):
        spotlite.recommendations(token, genres=["jazz"], max_valence="high")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="between 1 and 100"):
        spotlite.recommendations(token, genres=["jazz"], limit=101)


def test_recommendation_genre_seeds(token: str) -> None:
    genres = spotlite.recommendation_genre_seeds(token)
    assert genres[:3] == ["acoustic", "ambient", "blues"]
    assert "classical" in genres and len(genres) == 10
