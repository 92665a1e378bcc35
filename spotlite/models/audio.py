"""Audio features and audio analysis of tracks (deprecated by Spotify in November 2024).

Spotify sends whole numbers for some measures documented as floats
(``"loudness_end": -60``, ``"confidence": 1``): the float fields accept them.
"""

from __future__ import annotations

from ._base import Model, dataclass

__all__ = [
    "AudioAnalysis",
    "AudioAnalysisMeta",
    "AudioAnalysisTrack",
    "AudioFeatures",
    "Section",
    "Segment",
    "TimeInterval",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class AudioFeatures(Model):
    """A track's audio features: measures from 0.0 to 1.0 (``energy``, ``valence``...),
    ``loudness`` in dB, ``tempo`` in BPM, ``key`` as a pitch class (-1 when unknown),
    ``mode`` 1 for major and 0 for minor."""

    id: str
    uri: str
    type: str = "audio_features"
    acousticness: float | None = None
    danceability: float | None = None
    energy: float | None = None
    instrumentalness: float | None = None
    liveness: float | None = None
    loudness: float | None = None
    speechiness: float | None = None
    valence: float | None = None
    tempo: float | None = None
    key: int | None = None
    mode: int | None = None
    time_signature: int | None = None
    duration_ms: int | None = None
    track_href: str | None = None
    analysis_url: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeInterval(Model):
    """A bar, beat or tatum: when it starts and how long it lasts (seconds)."""

    start: float
    duration: float
    confidence: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Section(Model):
    """A part of a track with its own tempo, key, mode, time signature and loudness."""

    start: float
    duration: float
    confidence: float | None = None
    loudness: float | None = None
    tempo: float | None = None
    tempo_confidence: float | None = None
    key: int | None = None
    key_confidence: float | None = None
    mode: int | None = None
    mode_confidence: float | None = None
    time_signature: int | None = None
    time_signature_confidence: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Segment(Model):
    """A short sound of roughly even timbre and pitch; ``pitches`` and ``timbre`` hold 12 values."""

    start: float
    duration: float
    confidence: float | None = None
    loudness_start: float | None = None
    loudness_max: float | None = None
    loudness_max_time: float | None = None
    loudness_end: float | None = None
    pitches: tuple[float, ...] = ()
    timbre: tuple[float, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class AudioAnalysisMeta(Model):
    """How the analysis was made (analyser version, platform, status, time taken)."""

    analyzer_version: str | None = None
    platform: str | None = None
    detailed_status: str | None = None
    status_code: int | None = None
    timestamp: int | None = None
    analysis_time: float | None = None
    input_process: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class AudioAnalysisTrack(Model):
    """The analysis of the whole track: its overall measures and fingerprint strings."""

    num_samples: int | None = None
    duration: float | None = None
    sample_md5: str | None = None
    offset_seconds: float | None = None
    window_seconds: float | None = None
    analysis_sample_rate: int | None = None
    analysis_channels: int | None = None
    end_of_fade_in: float | None = None
    start_of_fade_out: float | None = None
    loudness: float | None = None
    tempo: float | None = None
    tempo_confidence: float | None = None
    time_signature: int | None = None
    time_signature_confidence: float | None = None
    key: int | None = None
    key_confidence: float | None = None
    mode: int | None = None
    mode_confidence: float | None = None
    codestring: str | None = None
    code_version: float | None = None
    echoprintstring: str | None = None
    echoprint_version: float | None = None
    synchstring: str | None = None
    synch_version: float | None = None
    rhythmstring: str | None = None
    rhythm_version: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class AudioAnalysis(Model):
    """A track's audio analysis: its structure in time (bars, beats, tatums,
    sections, segments) and overall measures (``track``)."""

    bars: tuple[TimeInterval, ...] = ()
    beats: tuple[TimeInterval, ...] = ()
    tatums: tuple[TimeInterval, ...] = ()
    sections: tuple[Section, ...] = ()
    segments: tuple[Segment, ...] = ()
    meta: AudioAnalysisMeta | None = None
    track: AudioAnalysisTrack | None = None
