"""Audio features and audio analysis: /audio-features, /audio-features/{id}, /audio-analysis/{id}.

Measures are derived from each track's ID, so they are stable; Finlandia has
hand-written values and a short analysis with whole numbers where Spotify
sends them (``"confidence": 1``, ``"loudness_end": -60``).
"""

from __future__ import annotations

import hashlib
from typing import Any

from .bodies import Json, links
from .catalogue import ALL_TRACKS, FINLANDIA
from .errors import batch_ids, special
from .server import API, Reply, Request, error, route

_DURATIONS = {track["id"]: track["duration_ms"] for track in ALL_TRACKS}


def _unit(seed: str) -> float:
    """A stable number from 0 to 1 with three decimals."""
    return int.from_bytes(hashlib.sha256(seed.encode()).digest()[:4], "big") % 1000 / 1000


def features(ident: str) -> Json:
    if ident == FINLANDIA:
        measures: dict[str, Any] = {
            "danceability": 0.212, "energy": 0.318, "key": 5, "loudness": -14.523, "mode": 1,
            "speechiness": 0.0397, "acousticness": 0.946, "instrumentalness": 0.902, "liveness": 0.107,
            "valence": 0.0385, "tempo": 76.043,
        }
    else:
        measures = {name: _unit(f"{name}:{ident}") for name in (
            "danceability", "energy", "speechiness", "acousticness", "instrumentalness", "liveness", "valence")}
        measures |= {"key": int(_unit(f"key:{ident}") * 12), "loudness": round(-30 * _unit(f"dB:{ident}"), 3),
                     "mode": int(_unit(f"mode:{ident}") * 2), "tempo": round(60 + 120 * _unit(f"bpm:{ident}"), 3)}
    return {
        **measures, **links("audio_features", ident), "uri": f"spotify:track:{ident}",
        "track_href": f"{API}/tracks/{ident}", "analysis_url": f"{API}/audio-analysis/{ident}",
        "duration_ms": _DURATIONS[ident], "time_signature": 4,
    }


@route("GET", r"/v1/audio-features/(?P<id>[^/]+)")
def get_features(request: Request) -> Any:
    ident = request.params["id"]
    if reply := special(ident, request.path):
        return reply
    return features(ident) if ident in _DURATIONS else error(404, "analysis not found")


@route("GET", r"/v1/audio-features")
def get_several_features(request: Request) -> Any:
    ids = batch_ids(request, 100)
    if isinstance(ids, Reply):
        return ids
    return {"audio_features": [features(i) if i in _DURATIONS else None for i in ids]}


def _interval(start: float, duration: float, confidence: float) -> Json:
    return {"start": start, "duration": duration, "confidence": confidence}


FINLANDIA_ANALYSIS: Json = {
    "meta": {"analyzer_version": "4.0.0", "platform": "Linux", "detailed_status": "OK", "status_code": 0,
             "timestamp": 1496718340, "analysis_time": 6.3211, "input_process": "libvorbisfile L+R 44100->22050"},
    "track": {
        "num_samples": 4143614, "duration": 187.91901, "sample_md5": "", "offset_seconds": 0, "window_seconds": 0,
        "analysis_sample_rate": 22050, "analysis_channels": 1, "end_of_fade_in": 0.26122,
        "start_of_fade_out": 180.28408, "loudness": -14.523, "tempo": 76.043, "tempo_confidence": 0.318,
        "time_signature": 4, "time_signature_confidence": 1, "key": 5, "key_confidence": 0.447, "mode": 1,
        "mode_confidence": 0.596, "codestring": "eJzNnQm4XVV5h7_8z7...",
        "code_version": 3.15, "echoprintstring": "eJzFfWuu3DqS7lZyAxKSIPXe_8amX....",
        "echoprint_version": 4.12, "synchstring": "eJyFmV2S3CAMhK-SI-Dn_e9tuyWMqX3IVq....",
        "synch_version": 1, "rhythmstring": "eJzlXFuS5Lhy3dZaAR8AwZ5___...",
        "rhythm_version": 1,
    },
    "bars": [_interval(0.26122, 3.15467, 0.582), _interval(3.41589, 3.1625, 0.441), _interval(6.57839, 3.14993, 1)],
    "beats": [_interval(0.26122, 0.78867, 0.729), _interval(1.04989, 0.78867, 0.466),
              _interval(1.83856, 0.78867, 0.552), _interval(2.62723, 0.78866, 0.6)],
    "tatums": [_interval(0.26122, 0.39433, 0.729), _interval(0.65555, 0.39434, 0.729)],
    "sections": [
        {"start": 0, "duration": 57.80371, "confidence": 1, "loudness": -20.311, "tempo": 74.902,
         "tempo_confidence": 0.455, "key": 0, "key_confidence": 0.284, "mode": 0, "mode_confidence": 0.521,
         "time_signature": 4, "time_signature_confidence": 1},
        {"start": 57.80371, "duration": 73.2431, "confidence": 0.612, "loudness": -11.035, "tempo": 77.152,
         "tempo_confidence": 0.37, "key": 5, "key_confidence": 0.618, "mode": 1, "mode_confidence": 0.645,
         "time_signature": 4, "time_signature_confidence": 0.883},
        {"start": 131.04681, "duration": 56.8722, "confidence": 0.734, "loudness": -9.874, "tempo": 76.011,
         "tempo_confidence": 0.402, "key": 5, "key_confidence": 0.702, "mode": 1, "mode_confidence": 0.688,
         "time_signature": 4, "time_signature_confidence": 1},
    ],
    "segments": [
        {"start": 0, "duration": 0.26122, "confidence": 0, "loudness_start": -60, "loudness_max_time": 0,
         "loudness_max": -60, "loudness_end": 0, "pitches": [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
         "timbre": [0, 171.13, 9.469, -28.48, 57.491, -50.067, 14.833, 5.359, -27.228, 0.973, -10.64, -7.228]},
        {"start": 0.26122, "duration": 0.52245, "confidence": 0.814, "loudness_start": -39.416,
         "loudness_max_time": 0.08715, "loudness_max": -21.302, "loudness_end": 0,
         "pitches": [0.211, 0.093, 0.158, 0.066, 0.124, 1, 0.137, 0.339, 0.09, 0.311, 0.106, 0.281],
         "timbre": [34.181, -43.472, 67.202, 18.406, 21.612, -12.351, 2.17, -4.313, 9.081, -3.216, 1.444, -0.552]},
        {"start": 0.78367, "duration": 2.84127, "confidence": 0.947, "loudness_start": -25.872,
         "loudness_max_time": 0.11322, "loudness_max": -12.604, "loudness_end": -60,
         "pitches": [0.318, 0.047, 0.081, 0.105, 0.263, 1, 0.072, 0.412, 0.058, 0.227, 0.134, 0.093],
         "timbre": [41.907, 12.388, -31.542, 27.613, 38.06, -64.229, 8.714, 19.305, -12.91, -22.478, 4.652,
                    -9.861]},
    ],
}


@route("GET", r"/v1/audio-analysis/(?P<id>[^/]+)")
def get_analysis(request: Request) -> Any:
    ident = request.params["id"]
    return FINLANDIA_ANALYSIS if ident == FINLANDIA else error(404, "analysis not found")
