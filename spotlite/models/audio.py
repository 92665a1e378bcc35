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
    """The track's Spotify ID."""
    uri: str
    """The track's Spotify URI."""
    type: str = "audio_features"
    """``audio_features``."""
    acousticness: float
    """Confidence, 0 to 1, that the track is acoustic."""
    danceability: float
    """How suitable for dancing, 0 to 1."""
    energy: float
    """Perceived intensity and activity, 0 to 1."""
    instrumentalness: float
    """Likelihood, 0 to 1, that the track has no vocals."""
    liveness: float
    """Likelihood, 0 to 1, that an audience is present."""
    loudness: float
    """Average loudness in decibels (typically -60 to 0)."""
    speechiness: float
    """Presence of spoken words, 0 to 1."""
    valence: float
    """Musical positiveness, 0 (sad) to 1 (happy)."""
    tempo: float
    """Estimated tempo in beats per minute."""
    key: int
    """Key as pitch class: 0 is C, 1 C♯/D♭, ... 11 B; -1 when none was detected."""
    mode: int
    """1 for major, 0 for minor."""
    time_signature: int
    """Beats per bar, 3 to 7 (3/4 to 7/4)."""
    duration_ms: int
    """The track's length in milliseconds."""
    track_href: str
    """The Web API URL of the track."""
    analysis_url: str
    """The Web API URL of the track's audio analysis."""


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeInterval(Model):
    """A bar, beat or tatum: when it starts and how long it lasts (seconds)."""

    start: float
    """Start, in seconds from the beginning of the track."""
    duration: float
    """Length in seconds."""
    confidence: float
    """Confidence of the detection, 0 to 1."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Section(Model):
    """A part of a track with its own tempo, key, mode, time signature and loudness."""

    start: float
    """Start, in seconds from the beginning of the track."""
    duration: float
    """Length in seconds."""
    confidence: float
    """Confidence of the detection, 0 to 1."""
    loudness: float
    """Loudness in decibels (typically -60 to 0)."""
    tempo: float
    """Tempo in beats per minute."""
    tempo_confidence: float
    """Confidence of ``tempo``, 0 to 1."""
    key: int
    """Key as pitch class: 0 is C, 1 C♯/D♭, ... 11 B; -1 when none was detected."""
    key_confidence: float
    """Confidence of ``key``, 0 to 1."""
    mode: int
    """1 for major, 0 for minor."""
    mode_confidence: float
    """Confidence of ``mode``, 0 to 1."""
    time_signature: int
    """Beats per bar, 3 to 7 (3/4 to 7/4)."""
    time_signature_confidence: float
    """Confidence of ``time_signature``, 0 to 1."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Segment(Model):
    """A short sound of roughly even timbre and pitch; ``pitches`` and ``timbre`` hold 12 values."""

    start: float
    """Start, in seconds from the beginning of the track."""
    duration: float
    """Length in seconds."""
    confidence: float
    """Confidence of the detection, 0 to 1."""
    loudness_start: float
    """Loudness at the start, in decibels."""
    loudness_max: float
    """Peak loudness, in decibels."""
    loudness_max_time: float
    """When the peak comes, in seconds from the segment's start."""
    loudness_end: float
    """Loudness at the end, in decibels (for the last segment only)."""
    pitches: tuple[float, ...] = ()
    """Relative strength of the 12 pitch classes (C to B), each 0 to 1."""
    timbre: tuple[float, ...] = ()
    """12 timbre coefficients."""


@dataclass(frozen=True, slots=True, kw_only=True)
class AudioAnalysisMeta(Model):
    """How the analysis was made (analyser version, platform, status, time taken)."""

    analyzer_version: str
    """The analyser's version."""
    platform: str
    """The platform it ran on."""
    detailed_status: str
    """Its status, in words."""
    status_code: int
    """Its status: 0 for success."""
    timestamp: int
    """When it ran, Unix time in seconds."""
    analysis_time: float
    """Seconds it took."""
    input_process: str
    """How the input was processed."""


@dataclass(frozen=True, slots=True, kw_only=True)
class AudioAnalysisTrack(Model):
    """The analysis of the whole track: its overall measures and fingerprint strings."""

    num_samples: int
    """Samples analysed."""
    duration: float
    """Length of the track in seconds."""
    sample_md5: str
    """An empty string (was a checksum)."""
    offset_seconds: float
    """Offset of the analysis window (0)."""
    window_seconds: float
    """Length of the analysis window (0)."""
    analysis_sample_rate: int
    """Sample rate of the analysis, in Hz."""
    analysis_channels: int
    """Channels analysed."""
    end_of_fade_in: float
    """End of the fade-in, in seconds."""
    start_of_fade_out: float
    """Start of the fade-out, in seconds."""
    loudness: float
    """Loudness in decibels (typically -60 to 0)."""
    tempo: float
    """Tempo in beats per minute."""
    tempo_confidence: float
    """Confidence of ``tempo``, 0 to 1."""
    time_signature: int
    """Beats per bar, 3 to 7 (3/4 to 7/4)."""
    time_signature_confidence: float
    """Confidence of ``time_signature``, 0 to 1."""
    key: int
    """Key as pitch class: 0 is C, 1 C♯/D♭, ... 11 B; -1 when none was detected."""
    key_confidence: float
    """Confidence of ``key``, 0 to 1."""
    mode: int
    """1 for major, 0 for minor."""
    mode_confidence: float
    """Confidence of ``mode``, 0 to 1."""
    codestring: str
    """An Echo Nest Musical Fingerprint code string."""
    code_version: float
    """Version of ``codestring``."""
    echoprintstring: str
    """An EchoPrint code string."""
    echoprint_version: float
    """Version of ``echoprintstring``."""
    synchstring: str
    """A Synchstring, to synchronise the track with others."""
    synch_version: float
    """Version of ``synchstring``."""
    rhythmstring: str
    """A Rhythmstring."""
    rhythm_version: float
    """Version of ``rhythmstring``."""


@dataclass(frozen=True, slots=True, kw_only=True)
class AudioAnalysis(Model):
    """A track's audio analysis: its structure in time (bars, beats, tatums,
    sections, segments) and overall measures (``track``)."""

    bars: tuple[TimeInterval, ...] = ()
    """The bars: each a time interval."""
    beats: tuple[TimeInterval, ...] = ()
    """The beats."""
    tatums: tuple[TimeInterval, ...] = ()
    """The tatums: the smallest regular pulses."""
    sections: tuple[Section, ...] = ()
    """Sections: large parts differing in rhythm, timbre or loudness."""
    segments: tuple[Segment, ...] = ()
    """Segments: short sounds of even timbre and pitch."""
    meta: AudioAnalysisMeta | None = None
    """How the analysis was made."""
    track: AudioAnalysisTrack | None = None
    """Analysis of the whole track."""
