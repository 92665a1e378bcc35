"""Recorded answers of the API, replayed through the endpoint functions, and which keys each model met.

``tests/test_required_fields.py`` uses it over our cassettes and, where they are
at hand, over real answers recorded by other projects (a folder outside this
repository; see CONTRIBUTING.md). Each answer is served to the endpoint
function that asks for it by a session whose transport adapter returns the
answer: nothing leaves the machine. ``met`` then walks the function's result
beside the JSON it came from and says, for every model object, which of its
fields the JSON held (not null) and which it lacked.
"""

from __future__ import annotations

import base64
import dataclasses
import gzip
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
import yaml
from requests.adapters import HTTPAdapter

import spotlite
from spotlite.models import Model

ID = "3RBULTZJ97bvVzZLpxcB0j"
IDS = [ID, "0sNOF9WDwhWunNAHPD3Baj", "6akEvsycLGftJxYudPjmqK"]
_ALL_TYPES = ("track", "artist", "album", "playlist", "show", "episode", "audiobook")
# A GET endpoint that answers with models -> (function, positional arguments after the token, keyword arguments).
CALLS: dict[str, tuple[str, list[Any], dict[str, Any]]] = {
    "/albums/{id}": ("album", [ID], {}),
    "/albums": ("albums", [IDS], {}),
    "/albums/{id}/tracks": ("album_tracks", [ID], {}),
    "/artists/{id}": ("artist", [ID], {}),
    "/artists": ("artists", [IDS], {}),
    "/artists/{id}/albums": ("artist_albums", [ID], {}),
    "/artists/{id}/related-artists": ("artist_related_artists", [ID], {}),
    "/artists/{id}/top-tracks": ("artist_top_tracks", [ID, "FI"], {}),
    "/audio-analysis/{id}": ("track_audio_analysis", [ID], {}),
    "/audio-features": ("tracks_audio_features", [IDS], {}),
    "/audio-features/{id}": ("track_audio_features", [ID], {}),
    "/audiobooks/{id}": ("audiobook", [ID], {}),
    "/audiobooks": ("audiobooks", [IDS], {}),
    "/audiobooks/{id}/chapters": ("audiobook_chapters", [ID], {}),
    "/browse/categories": ("categories", [], {}),
    "/browse/categories/{id}": ("category", ["party"], {}),
    "/browse/categories/{id}/playlists": ("category_playlists", ["party"], {}),
    "/browse/featured-playlists": ("featured_playlists", [], {}),
    "/browse/new-releases": ("new_releases", [], {}),
    "/chapters/{id}": ("chapter", [ID], {}),
    "/chapters": ("chapters", [IDS], {}),
    "/episodes": ("episodes", [IDS], {}),
    "/episodes/{id}": ("episode", [ID], {}),
    "/me": ("current_user", [], {}),
    "/me/albums": ("saved_albums", [], {}),
    "/me/audiobooks": ("saved_audiobooks", [], {}),
    "/me/episodes": ("saved_episodes", [], {}),
    "/me/following": ("followed_artists", [], {}),
    "/me/player": ("playback", [], {}),
    "/me/player/currently-playing": ("playback_currently_playing", [], {}),
    "/me/player/devices": ("playback_devices", [], {}),
    "/me/player/queue": ("playback_queue", [], {}),
    "/me/player/recently-played": ("playback_recently_played", [], {}),
    "/me/playlists": ("followed_playlists", [], {}),
    "/me/shows": ("saved_shows", [], {}),
    "/me/top/artists": ("current_user_top_artists", [], {}),
    "/me/top/tracks": ("current_user_top_tracks", [], {}),
    "/me/tracks": ("saved_tracks", [], {}),
    "/playlists/{id}": ("playlist", [ID], {}),
    "/playlists/{id}/items": ("playlist_items", [ID], {}),
    "/playlists/{id}/tracks": ("playlist_items", [ID], {}),
    "/recommendations": ("recommendations", [], {"artist_ids": [ID]}),
    "/search": ("search", ["crumb"], {"types": _ALL_TYPES}),
    "/shows": ("shows", [IDS], {}),
    "/shows/{id}": ("show", [ID], {}),
    "/shows/{id}/episodes": ("show_episodes", [ID], {}),
    "/tracks": ("tracks", [IDS], {}),
    "/tracks/{id}": ("track", [ID], {}),
    "/users/{id}": ("user", ["spotifyuser"], {}),
    "/users/{id}/playlists": ("playlists", ["spotifyuser"], {}),
}
_PATTERNS = [(re.compile("^" + re.sub(r"\\\{id\\\}", "[^/]+", re.escape(path)) + "$"), path) for path in CALLS]


def endpoint_of(url: str) -> str | None:
    """The ``CALLS`` key of a GET request's URL, or None."""
    path = urlsplit(url).path.removeprefix("/v1").rstrip("/")
    return next((key for pattern, key in _PATTERNS if pattern.match(path)), None)


def cassette_answers(folder: Path) -> Iterator[tuple[str, str, bytes]]:
    """(label, endpoint, body) of every 200 answer to a GET of ``CALLS`` in the cassettes under ``folder``."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!binary", lambda loader, node: base64.b64decode(loader.construct_scalar(node)))
    for path in sorted(folder.glob("**/*.y*ml")):
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=Loader) or {}
        for i, interaction in enumerate(document.get("interactions") or document.get("http_interactions") or []):
            request, response = interaction["request"], interaction["response"]
            if response["status"]["code"] != 200 or request["method"].upper() != "GET":
                continue
            if "api.spotify.com" not in request["uri"] or "fields=" in request["uri"]:
                continue
            body = response["body"].get("string") or b""
            body = body if isinstance(body, bytes) else body.encode()
            if body[:2] == b"\x1f\x8b":
                body = gzip.decompress(body)
            endpoint = endpoint_of(request["uri"])
            if endpoint is not None and body:
                yield f"{path.relative_to(folder)}#{i}", endpoint, body


def indexed_answers(folder: Path) -> Iterator[tuple[str, str, bytes]]:
    """(label, endpoint, body) of the answers an ``index.tsv`` (file, "GET /path") lists, then of its cassettes."""
    for line in (folder / "index.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        file, method_path, *_ = line.split("\t")
        method, _, path = method_path.partition(" ")
        endpoint = endpoint_of(re.sub(r"\{[^}]+\}", "x", path.split("?")[0]))
        if method == "GET" and endpoint is not None:
            yield file, endpoint, (folder / file).read_bytes()
    yield from cassette_answers(folder / "cassettes")


class _Replay(HTTPAdapter):
    """A transport adapter answering every request with one recorded body."""

    def __init__(self, body: bytes) -> None:
        super().__init__()
        self.body = body

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        response = requests.Response()
        response.status_code, response._content, response.url = 200, self.body, request.url or ""
        response.headers["Content-Type"] = "application/json; charset=utf-8"
        response.request, response.encoding = request, "utf-8"
        return response


def replay(endpoint: str, body: bytes) -> Any:
    """What the endpoint's function returns when Spotify answers ``body``."""
    name, args, kwargs = CALLS[endpoint]
    session = requests.Session()
    session.mount("https://", _Replay(body))
    old = spotlite.configure(session=session, retries=0)
    try:
        return getattr(spotlite, name)("TOKEN", *args, **kwargs)
    finally:
        spotlite.configure(session=old.session, retries=old.retries)


def met(result: Any, data: Any) -> Iterator[tuple[str, str, str]]:
    """(model, field, ``held``, ``null`` or ``missing``) for every field of every model object in ``result``.

    ``data`` is the JSON ``result`` came from; a list endpoint's
    ``{"albums": [...]}`` stands for its tuple of models.
    """
    if isinstance(result, tuple) and isinstance(data, dict):
        lists = [value for value in data.values() if isinstance(value, list)]
        data = lists[0] if len(lists) == 1 else data
    if isinstance(result, Model) and isinstance(data, dict):
        for f in dataclasses.fields(result):  # type: ignore[arg-type]
            if not f.repr:
                continue
            keys = [f.name, f.metadata["alias"]] if "alias" in f.metadata else [f.name]
            value = next((data[key] for key in keys if data.get(key) is not None), None)
            state = "held" if value is not None else "null" if any(key in data for key in keys) else "missing"
            yield type(result).__name__, f.name, state
            yield from met(getattr(result, f.name), value)
    elif isinstance(result, tuple) and isinstance(data, list):
        for item, value in zip(result, data):
            yield from met(item, value)
