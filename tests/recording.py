"""The cassette recorder's settings, shared by the tests and examples/getting_started.py.

Cassettes match on method, URL and body, so each proves the exact request;
secrets are filtered on the way in and out (see ``scrub_request`` and
``scrub_response``); the stand-in's loopback address is written as Spotify's.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

import vcr

CASSETTES = Path(__file__).resolve().parent.parent / "cassettes"
RECORDING = os.environ.get("SPOTLITE_RECORD") == "1"
CREDENTIALS = ("SPOTIFY_CLIENT_ID", "SPOTIFY_CLIENT_SECRET", "SPOTIFY_USER_REFRESH")
LIVE = RECORDING and all(os.environ.get(name) for name in CREDENTIALS)
SECRET_FIELDS = ("client_secret", "refresh_token", "code", "code_verifier")
HOSTS = {"https://api.spotify.com": "", "https://accounts.spotify.com": ""}  # filled when recording


def scrub_request(request: Any) -> Any:
    """Secrets out of form bodies; the stand-in's loopback address back to Spotify's."""
    for real, loopback in sorted(HOSTS.items(), key=lambda pair: -len(pair[1])):
        if loopback and request.uri.startswith(loopback):
            request.uri = real + request.uri[len(loopback):]
            break
    body = request.body
    if body and b"grant_type=" in (body if isinstance(body, bytes) else body.encode()):
        text = body.decode() if isinstance(body, bytes) else body
        form = [(k, "REDACTED" if k in SECRET_FIELDS else v) for k, v in parse_qsl(text, keep_blank_values=True)]
        request.body = urlencode(form)
    return request


def scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    """Tokens in token answers become placeholders."""
    raw = response["body"]["string"]
    try:
        data = json.loads(raw) if raw else None
    except ValueError:
        return response
    if isinstance(data, dict) and "access_token" in data:
        data["access_token"] = "dummy-access-token"
        if "refresh_token" in data:
            data["refresh_token"] = "dummy-refresh-token"
        response["body"]["string"] = json.dumps(data).encode()
    return response


recorder = vcr.VCR(
    cassette_library_dir=str(CASSETTES),
    record_mode="all" if RECORDING else "none",
    match_on=("method", "scheme", "host", "port", "path", "query", "body"),
    filter_headers=["authorization", "cookie", "set-cookie"],
    before_record_request=scrub_request,
    before_record_response=scrub_response,
    decode_compressed_response=True,
    serializer="yaml",
)


