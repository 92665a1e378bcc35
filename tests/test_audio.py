"""Audio features and audio analysis, replayed from cassettes."""

from __future__ import annotations

from typing import Any

import pytest

import spotlite
from spotlite.errors import InvalidInput, NotFound
from spotlite.testing._standin.catalogue import ALL_TRACKS, FINLANDIA, MAIN_ALBUM, UNKNOWN


def test_track_audio_features(token: str) -> None:
    features = spotlite.track_audio_features(token, f"spotify:track:{FINLANDIA}")
    assert (features.id, features.uri) == (FINLANDIA, f"spotify:track:{FINLANDIA}")
    assert (features.key, features.mode, features.time_signature) == (5, 1, 4)
    assert (features.tempo, features.loudness, features.energy) == (76.043, -14.523, 0.318)
    assert features.duration_ms == 187_919
    assert features.analysis_url == f"https://api.spotify.com/v1/audio-analysis/{FINLANDIA}"


def test_track_audio_features_not_found(token: str) -> None:
    with pytest.raises(NotFound, match="Resource not found"):
        spotlite.track_audio_features(token, UNKNOWN)


def test_track_audio_features_wrong_kind_refused_before_sending(token: str) -> None:
    with pytest.raises(InvalidInput, match="of kind 'track', but .* is of kind 'album'"):
        spotlite.track_audio_features(token, f"spotify:album:{MAIN_ALBUM}")


def test_tracks_audio_features_with_unknown_id_gives_none(token: str) -> None:
    choral = ALL_TRACKS[-1]["id"]
    found = spotlite.tracks_audio_features(token, [FINLANDIA, UNKNOWN, f"spotify:track:{choral}"])
    assert found[1] is None
    assert found[0] is not None and found[0].danceability == 0.212
    assert found[2] is not None and found[2].id == choral and isinstance(found[2].valence, float)


def test_tracks_audio_features_chunked_by_100(token: str, cassette: Any) -> None:
    ids = [track["id"] for track in ALL_TRACKS] * 2
    found = spotlite.tracks_audio_features(token, ids)
    assert [f.id for f in found if f] == ids
    assert [r.uri.count("%2C") + 1 for r in cassette.requests] == [100, len(ids) - 100]


def test_tracks_audio_features_refuses_empty_list(token: str) -> None:
    with pytest.raises(InvalidInput, match="at least one track ID"):
        spotlite.tracks_audio_features(token, [])


def test_track_audio_analysis(token: str) -> None:
    analysis = spotlite.track_audio_analysis(token, FINLANDIA)
    assert analysis.track is not None and analysis.meta is not None
    assert (analysis.track.duration, analysis.track.key, analysis.track.tempo) == (187.91901, 5, 76.043)
    assert analysis.track.num_samples == 4_143_614 and analysis.meta.status_code == 0
    assert [section.key for section in analysis.sections] == [0, 5, 5]
    assert [len(analysis.bars), len(analysis.beats), len(analysis.tatums), len(analysis.segments)] == [3, 4, 2, 3]
    first = analysis.segments[0]
    assert first.pitches == (1.0,) * 12 and len(first.timbre) == 12
    # whole numbers sent for float measures arrive as floats
    assert isinstance(analysis.sections[0].confidence, float) and analysis.sections[0].confidence == 1.0
    assert isinstance(analysis.segments[2].loudness_end, float) and analysis.segments[2].loudness_end == -60.0


def test_track_audio_analysis_not_found(token: str) -> None:
    with pytest.raises(NotFound, match="analysis not found"):
        spotlite.track_audio_analysis(token, ALL_TRACKS[-1]["id"])
