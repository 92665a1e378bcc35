"""Audio features and audio analysis of tracks.

Deprecated by Spotify in November 2024: new and development-mode apps get 403.
"""

from __future__ import annotations

from collections.abc import Iterable

from .._endpoint import endpoint
from .._http import send
from .._mapper import to_model
from .._token import TokenLike
from ..ids import segment
from ..models.audio import AudioAnalysis, AudioFeatures
from ._helpers import DEPRECATED, get_many

__all__ = ["track_audio_analysis", "track_audio_features", "tracks_audio_features"]


@endpoint(deprecated="since November 2024 new and development-mode apps get 403.")
def track_audio_features(token: TokenLike, track_id: str) -> AudioFeatures:
    """Get a track's audio features (danceability, energy, tempo, key...).

    Args:
        track_id: ID, URI or URL of the track.

    Returns:
        The track's audio features: ``danceability``, ``energy``, ``tempo``...
    """
    body = send("GET", f"/audio-features/{segment(track_id, 'track')}", token=token, notes={403: DEPRECATED})
    return to_model(AudioFeatures, body)


@endpoint(deprecated="since November 2024 new and development-mode apps get 403.")
def tracks_audio_features(token: TokenLike, track_ids: Iterable[str]) -> list[AudioFeatures | None]:
    """Get the audio features of several tracks, 100 per request, in the order asked.

    Args:
        track_ids: IDs, URIs or URLs of the tracks, as many as wanted (sent 100 per request).

    Returns:
        One entry per ID; None where Spotify has no features for that track.
    """
    return get_many(token, "/audio-features", "track", track_ids, AudioFeatures, 100)


@endpoint(deprecated="since November 2024 new and development-mode apps get 403.")
def track_audio_analysis(token: TokenLike, track_id: str) -> AudioAnalysis:
    """Get a track's audio analysis: bars, beats, tatums, sections and segments.

    Args:
        track_id: ID, URI or URL of the track.

    Returns:
        The track's analysis: its bars, beats, sections, segments and tatums.
    """
    body = send("GET", f"/audio-analysis/{segment(track_id, 'track')}", token=token, notes={403: DEPRECATED})
    return to_model(AudioAnalysis, body)
