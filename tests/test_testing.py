"""spotlite.testing: users' cassettes recorded and replayed, secrets kept out, the check, the pytest plugin.

Recording goes to loopback servers only (the stand-in, or a handler); every
replay runs with the server stopped. The plugin runs in temporary projects
(pytester), in process, with spotlite's plugin loaded explicitly.
"""

from __future__ import annotations

import ast
import asyncio
import base64
import dataclasses
import gzip
import json
import secrets
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import requests
from loopback import Handler, Request, Server, answer, reply
from requests.adapters import HTTPAdapter

import spotlite
import spotlite.testing.plugin  # before pytester's in-process runs, which drop the modules they import
from spotlite import models
from spotlite.models import FullAlbum, Model, to_dict
from spotlite.testing import MissingInteraction, cassette, check, is_placeholder, record_mode
from spotlite.testing.__main__ import main as cli
from spotlite.testing._standin.audiobooks import KALEVALA, RESTRICTED_CHAPTER, SEVEN_BROTHERS
from spotlite.testing._standin.browse import CLASSICAL
from spotlite.testing._standin.catalogue import (
    BIG_ALBUM,
    FINLANDIA,
    MAIN_ALBUM,
    ORCHESTRA,
    RELINKED,
    SIBELIUS,
    SINGLE,
    UNKNOWN,
)
from spotlite.testing._standin.playlists import ESSENTIALS, EVENINGS
from spotlite.testing._standin.podcasts import BIG_SHOW, HALF_HEARD, SMALL_SHOW
from spotlite.testing._standin.server import start as start_standin
from spotlite.testing._standin.state import Grant

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "testing"
TOKEN = "dummy-user-token"
PLUGIN = ("-p", "spotlite.testing.plugin", "-p", "no:cacheprovider")
CREDENTIALS = ("SPOTIFY_CLIENT_ID", "SPOTIFY_CLIENT_SECRET", "SPOTIFY_USER_REFRESH")
OWN_TOKEN = "BQ-my-very-own-secret-token"  # a token the stand-in issued (it refuses tokens it does not know)


@pytest.fixture(autouse=True)
def replay_unless_told(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests set the record mode themselves, even in a run that records the suite's cassettes."""
    monkeypatch.delenv("SPOTLITE_RECORD", raising=False)


@pytest.fixture
def standin_api(loopback: Callable[[Handler], Server]) -> Iterator[SimpleNamespace]:
    """The stand-in on loopback, spotlite's ``api_url`` and ``accounts_url`` pointing at it (no test cassette).

    ``stop()`` stops it for good; the settings come back after the test.
    """
    server, base = start_standin()
    spotlite.configure(api_url=base + "/v1", accounts_url=base + "/accounts", session=None)
    server.state.tokens[OWN_TOKEN] = Grant(server.state.me, frozenset(), "app", server.state.clock + 3600)

    def stop() -> None:
        server.shutdown()
        server.server_close()

    yield SimpleNamespace(base=base, stop=stop)
    stop()


def default_urls() -> None:
    """Spotify's URLs and spotlite's own session (a test using ``loopback`` gets its settings back after)."""
    spotlite.configure(api_url="https://api.spotify.com/v1", accounts_url="https://accounts.spotify.com",
                       session=None)


READS: list[Callable[[str], Any]] = [
    lambda t: spotlite.album(t, MAIN_ALBUM),
    lambda t: spotlite.albums(t, [MAIN_ALBUM, SINGLE, UNKNOWN]),
    lambda t: list(spotlite.all_items(t, spotlite.album_tracks(t, BIG_ALBUM, limit=50))),
    lambda t: spotlite.saved_albums(t),
    lambda t: spotlite.new_releases(t),
    lambda t: spotlite.artist(t, SIBELIUS),
    lambda t: spotlite.artists(t, [SIBELIUS, ORCHESTRA]),
    lambda t: spotlite.artist_albums(t, SIBELIUS),
    lambda t: spotlite.artist_top_tracks(t, SIBELIUS, "FI"),
    lambda t: spotlite.artist_related_artists(t, SIBELIUS),
    lambda t: spotlite.track(t, FINLANDIA),
    lambda t: spotlite.track(t, RELINKED, market="FI"),
    lambda t: spotlite.tracks(t, [FINLANDIA, UNKNOWN]),
    lambda t: spotlite.saved_tracks(t, limit=50),
    lambda t: spotlite.show(t, SMALL_SHOW),
    lambda t: spotlite.shows(t, [SMALL_SHOW, BIG_SHOW]),
    lambda t: spotlite.show_episodes(t, BIG_SHOW),
    lambda t: spotlite.saved_shows(t),
    lambda t: spotlite.episode(t, HALF_HEARD),
    lambda t: spotlite.saved_episodes(t),
    lambda t: spotlite.audiobook(t, KALEVALA),
    lambda t: spotlite.audiobooks(t, [KALEVALA, SEVEN_BROTHERS]),
    lambda t: spotlite.audiobook_chapters(t, SEVEN_BROTHERS),
    lambda t: spotlite.saved_audiobooks(t),
    lambda t: spotlite.chapter(t, RESTRICTED_CHAPTER),
    lambda t: spotlite.search(t, "Finlandia", types=("track", "album", "artist", "playlist", "show", "episode"),
                              market="FI", limit=10),
    lambda t: spotlite.categories(t),
    lambda t: spotlite.category(t, "party"),
    lambda t: spotlite.category_playlists(t, CLASSICAL),
    lambda t: spotlite.featured_playlists(t),
    lambda t: spotlite.markets(t),
    lambda t: spotlite.recommendation_genre_seeds(t),
    lambda t: spotlite.recommendations(t, genres=["classical"]),
    lambda t: spotlite.track_audio_features(t, FINLANDIA),
    lambda t: spotlite.track_audio_analysis(t, FINLANDIA),
    lambda t: spotlite.current_user(t),
    lambda t: spotlite.user(t, "lahtisymphony"),
    lambda t: spotlite.current_user_top_artists(t),
    lambda t: spotlite.current_user_top_tracks(t),
    lambda t: spotlite.followed_artists(t),
    lambda t: spotlite.followed_playlists(t),
    lambda t: spotlite.playlist(t, EVENINGS),
    lambda t: spotlite.playlist(t, ESSENTIALS),
    lambda t: spotlite.playlist_items(t, EVENINGS, limit=50),
    lambda t: spotlite.playlist_cover_image(t, EVENINGS),
    lambda t: spotlite.playback(t + "-roundtrip"),
    lambda t: spotlite.playback_devices(t + "-roundtrip"),
    lambda t: spotlite.playback_queue(t + "-roundtrip"),
    lambda t: spotlite.playback_recently_played(t + "-roundtrip"),
]


def models_in(value: Any) -> Iterator[Model]:
    """Every model in ``value``, nested ones too."""
    if isinstance(value, Model):
        yield value
        for field in dataclasses.fields(value):  # type: ignore[arg-type]
            yield from models_in(getattr(value, field.name))
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from models_in(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from models_in(item)


@pytest.fixture(scope="module")
def recorded_reads(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[list[Any], list[Any]]]:
    """What READS give live from the stand-in while recording, and from the cassette with the stand-in stopped."""
    path = tmp_path_factory.mktemp("reads") / "cassettes" / "reads.yaml"
    server, base = start_standin()
    old = spotlite.configure(api_url=base + "/v1", accounts_url=base + "/accounts", session=None)
    try:
        with cassette(path, record="all") as recording:
            live = [read(TOKEN) for read in READS]
        assert len(recording.requests) >= len(READS)
        server.shutdown()
        server.server_close()
        with cassette(path, record="none") as replaying:
            replayed = [read(TOKEN) for read in READS]
        assert replaying.play_count == len(recording.requests)
        yield live, replayed
    finally:
        server.shutdown()
        server.server_close()
        spotlite.configure(**{name: getattr(old, name) for name in old.__slots__})


def test_recorded_through_api_url_replays_offline(recorded_reads: tuple[list[Any], list[Any]]) -> None:
    live, replayed = recorded_reads
    assert replayed == live
    assert live[0].name == "Sibelius: Finlandia, Karelia Suite & Symphony No. 2"


def test_the_cassette_holds_spotify_urls_and_replays_under_them(standin_api: SimpleNamespace, tmp_path: Path) -> None:
    path = tmp_path / "album.yaml"
    with cassette(path, record="all"):
        live = spotlite.album(TOKEN, MAIN_ALBUM)
    text = path.read_text()
    assert "uri: https://api.spotify.com/v1/albums/3RBULTZJ97bvVzZLpxcB0j" in text
    assert standin_api.base not in text and "127.0.0.1" not in text
    standin_api.stop()
    default_urls()
    with cassette(path):
        assert spotlite.album(TOKEN, MAIN_ALBUM) == live


class ToLoopback(HTTPAdapter):
    """A transport adapter delivering requests for Spotify's hosts to a loopback server (URLs kept above it)."""

    def __init__(self, routes: dict[str, str]) -> None:
        super().__init__()
        self.routes = routes

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        original = request.url or ""
        for real, loopback in self.routes.items():
            if original.startswith(real):
                request.url = loopback + original[len(real):]
        response = super().send(request, **kwargs)
        response.url = original
        return response


def test_recorded_through_a_transport_adapter_replays_offline(standin_api: SimpleNamespace, tmp_path: Path) -> None:
    routes = {"https://api.spotify.com": standin_api.base, "https://accounts.spotify.com": standin_api.base + "/accounts"}
    session = requests.Session()
    session.mount("https://", ToLoopback(routes))
    spotlite.configure(api_url="https://api.spotify.com/v1", accounts_url="https://accounts.spotify.com",
                       session=session)
    path = tmp_path / "adapter.yaml"
    with cassette(path, record="all", hosts={loopback: real for real, loopback in routes.items()}) as recording:
        app = spotlite.request_client_token("dummy-client-id", "dummy-client-secret")
        live = [spotlite.album(app, MAIN_ALBUM), list(spotlite.all_items(app, spotlite.album_tracks(app, BIG_ALBUM)))]
    assert [request.uri.split("?")[0] for request in recording.requests][:3] == [
        "https://accounts.spotify.com/api/token", "https://api.spotify.com/v1/albums/3RBULTZJ97bvVzZLpxcB0j",
        f"https://api.spotify.com/v1/albums/{BIG_ALBUM}/tracks"]
    standin_api.stop()
    default_urls()
    with cassette(path):
        app = spotlite.request_client_token("dummy-client-id", "dummy-client-secret")
        assert app.access_token == "dummy-access-token"
        assert [spotlite.album(app, MAIN_ALBUM), list(spotlite.all_items(app, spotlite.album_tracks(app, BIG_ALBUM)))] \
            == live


def test_from_dict_rebuilds_every_recorded_model(recorded_reads: tuple[list[Any], list[Any]]) -> None:
    _, replayed = recorded_reads
    found = list(models_in(replayed))
    for model in found:
        assert spotlite.from_dict(type(model), to_dict(model)) == model, type(model).__name__
    assert len(found) > 1000
    assert len({type(model) for model in found}) >= 60


def test_from_dict_reads_json_as_spotify_sends_it(standin_api: SimpleNamespace) -> None:
    body = requests.get(f"{standin_api.base}/v1/albums/{MAIN_ALBUM}", headers={"Authorization": "Bearer dummy"},
                        timeout=5).json()
    album = spotlite.from_dict(FullAlbum, body)
    assert album == spotlite.album(TOKEN, MAIN_ALBUM)
    assert spotlite.from_dict(FullAlbum, json.loads(json.dumps(album.to_dict()))) == album
    assert models.from_dict is spotlite.from_dict
    with pytest.raises(spotlite.MappingError, match="tracks"):
        spotlite.from_dict(FullAlbum, {**body, "tracks": "none"})
    with pytest.raises(TypeError, match="spotlite's models"):
        spotlite.from_dict(dict, body)  # type: ignore[type-var]


# Secrets


CLIENT_ID = "5fe01282e44241328a84e7c5cc169165"
CLIENT_SECRET = "9a1c6e0f3b8d4c2aa7e5f1d0c3b2a190"
CODE = "AQDc" + secrets.token_urlsafe(150)
VERIFIER = secrets.token_urlsafe(64)
ACCESS = "BQ" + secrets.token_urlsafe(120)
REFRESH = "AQ" + secrets.token_urlsafe(100)
COOKIE = secrets.token_hex(16)
REDIRECT = "http://127.0.0.1:8888/callback"
ME = {"id": "smedjan.fi", "display_name": "Sanna", "type": "user", "uri": "spotify:user:smedjan.fi",
      "href": "https://api.spotify.com/v1/users/smedjan.fi", "external_urls": {}}


def accounts_and_me(request: Request, conn: Any) -> None:
    """Spotify's accounts service (live tokens, a session cookie) and /me (which wants the live token)."""
    if request.path.startswith("/accounts/api/token"):
        reply(conn, 200, {"access_token": ACCESS, "token_type": "Bearer", "expires_in": 3600, "refresh_token": REFRESH,
                          "scope": "user-read-private"}, {"Set-Cookie": f"sp_session={COOKIE}; Secure; HttpOnly"})
    elif request.headers.get("authorization") == f"Bearer {ACCESS}":
        reply(conn, 200, ME)
    else:
        reply(conn, 401, {"error": {"status": 401, "message": "Invalid access token"}})


def test_secrets_sent_while_recording_never_reach_the_cassette(
    loopback: Callable[[Handler], Server], tmp_path: Path
) -> None:
    server = loopback(accounts_and_me)
    path = tmp_path / "auth.yaml"
    with cassette(path, record="all"):
        token = spotlite.request_user_token(CLIENT_ID, CLIENT_SECRET, REDIRECT, CODE)
        assert (token.access_token, token.refresh_token) == (ACCESS, REFRESH)  # the code under test gets them
        assert spotlite.current_user(token).id == "smedjan.fi"
        spotlite.refresh_user_token(CLIENT_ID, CLIENT_SECRET, REFRESH)
        spotlite.request_pkce_token(CLIENT_ID, REDIRECT, CODE, VERIFIER)
        spotlite.configure(session=requests.Session())  # the user's own session sends the token too
        assert spotlite.current_user(token).id == "smedjan.fi"
    text = path.read_text()
    basic = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
    for secret in (CLIENT_SECRET, CODE, VERIFIER, ACCESS, REFRESH, COOKIE, basic, "Set-Cookie", "Authorization",
                   server.url):
        assert secret not in text
    assert text.count("code=REDACTED") == 2 and "code_verifier=REDACTED" in text
    assert text.count("refresh_token=REDACTED") == 1 and f"client_id={CLIENT_ID}" in text
    assert '"access_token": "dummy-access-token"' in text and '"refresh_token": "dummy-refresh-token"' in text
    assert check([path]).findings == ()

    server.stop()  # replay: other secrets match, and the answers give placeholders
    with cassette(path):
        token = spotlite.request_user_token(CLIENT_ID, "another-secret", REDIRECT, "another-code")
        assert (token.access_token, token.refresh_token) == ("dummy-access-token", "dummy-refresh-token")
        assert spotlite.current_user(token).id == "smedjan.fi"


def test_a_token_answer_with_a_byte_order_mark_is_redacted_as_it_is_parsed(
    loopback: Callable[[Handler], Server], tmp_path: Path
) -> None:
    body = b"\xef\xbb\xbf" + json.dumps({"access_token": ACCESS, "token_type": "Bearer", "expires_in": 3600,
                                          "refresh_token": REFRESH}).encode()
    loopback(lambda request, conn: conn.sendall(answer(200, raw=body)))
    path = tmp_path / "bom.yaml"
    with cassette(path, record="all"):
        token = spotlite.refresh_user_token(CLIENT_ID, CLIENT_SECRET, REFRESH)
    assert (token.access_token, token.refresh_token) == (ACCESS, REFRESH)  # spotlite's parser accepts the mark
    text = path.read_text()
    assert ACCESS not in text and REFRESH not in text  # ... and the cassette kit redacts the same body
    assert '"access_token": "dummy-access-token"' in text
    assert check([path]).findings == ()


def test_a_cassette_written_with_tokens_replays_placeholders(
    loopback: Callable[[Handler], Server], tmp_path: Path
) -> None:
    server = loopback(accounts_and_me)
    path = tmp_path / "old.yaml"
    with cassette(path, record="all"):
        spotlite.refresh_user_token(CLIENT_ID, CLIENT_SECRET, REFRESH)
    server.stop()
    path.write_text(path.read_text().replace("dummy-access-token", ACCESS))  # as an older recorder left it
    assert [finding.kind for finding in check([path]).findings] == ["a live access_token"]
    with cassette(path):
        assert spotlite.refresh_user_token(CLIENT_ID, CLIENT_SECRET, REFRESH).access_token == "dummy-access-token"


def test_compressed_answers_are_stored_decoded(loopback: Callable[[Handler], Server], tmp_path: Path) -> None:
    body = json.dumps({"markets": ["FI", "SE"]}, indent=2).encode()
    server = loopback(lambda request, conn: conn.sendall(
        answer(200, raw=gzip.compress(body), headers={"Content-Encoding": "gzip"})))
    path = tmp_path / "gzip.yaml"
    with cassette(path, record="all"):
        assert spotlite.markets(TOKEN) == ["FI", "SE"]
    server.stop()
    text = path.read_text()
    assert "!!binary" not in text and "Content-Encoding" not in text
    assert '    string: |-\n        {\n          "markets": [\n            "FI",' in text  # JSON as JSON
    with cassette(path):
        assert spotlite.markets(TOKEN) == ["FI", "SE"]


def test_json_cassettes(loopback: Callable[[Handler], Server], tmp_path: Path) -> None:
    server = loopback(lambda request, conn: reply(conn, 200, {"markets": ["FI"]}))
    path = tmp_path / "markets.json"
    with cassette(path, record="all"):
        spotlite.markets(TOKEN)
    server.stop()
    assert json.loads(path.read_text())["interactions"][0]["request"]["uri"] == "https://api.spotify.com/v1/markets"
    with cassette(path):
        assert spotlite.markets(TOKEN) == ["FI"]


# Record modes, a missing interaction, the decorator


def test_record_mode_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for value, mode in (("", "none"), ("0", "none"), ("none", "none"), ("1", "new_episodes"), ("ALL", "all"),
                        ("once", "once"), ("new_episodes", "new_episodes")):
        monkeypatch.setenv("SPOTLITE_RECORD", value)
        assert record_mode() == mode
    assert record_mode("all") == "all"  # record= wins
    monkeypatch.setenv("SPOTLITE_RECORD", "yes please")
    with pytest.raises(ValueError, match=r"SPOTLITE_RECORD=yes please is not a record mode: use 1 \(record what"):
        record_mode()
    with pytest.raises(ValueError, match="record='sometimes'"):
        cassette("x.yaml", record="sometimes")
    with pytest.raises(ValueError, match="URL prefixes"):
        cassette("x.yaml", hosts={"127.0.0.1:8080": "https://api.spotify.com"})


def test_a_missing_interaction_says_how_to_record_it(tmp_path: Path, loopback: Callable[[Handler], Server]) -> None:
    default_urls()  # even in a run recording the suite against the stand-in
    path = tmp_path / "cassettes" / "none.yaml"
    with cassette(path), pytest.raises(MissingInteraction) as raised:
        try:
            spotlite.album(TOKEN, MAIN_ALBUM)
        except Exception:  # noqa: BLE001 - the code under test may catch everything: not this
            pytest.fail("MissingInteraction was caught as an Exception (spotlite would have retried it)")
    message = str(raised.value)
    assert message.startswith(f"GET https://api.spotify.com/v1/albums/{MAIN_ALBUM} is not in the cassette {path} "
                              "(the file does not exist yet); record mode 'none' plays back only what it holds.")
    assert "run the test again with SPOTLITE_RECORD=1 (records what is missing) or SPOTLITE_RECORD=all" in message
    assert f"python -m spotlite.testing check {path.parent}" in message
    assert not path.exists()
    with cassette(path, record="none"), pytest.raises(MissingInteraction, match="open the cassette with record=None"):
        spotlite.markets(TOKEN)


def test_new_episodes_adds_what_is_missing_and_all_starts_afresh(
    loopback: Callable[[Handler], Server], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loopback(lambda request, conn: reply(conn, 200, {"markets": [request.path[-2:]]}))
    path = tmp_path / "modes.yaml"
    monkeypatch.setenv("SPOTLITE_RECORD", "1")
    with cassette(path):
        spotlite.request(TOKEN, "GET", "/markets", {"m": "FI"})
    with cassette(path) as both:
        spotlite.request(TOKEN, "GET", "/markets", {"m": "FI"})  # played back
        spotlite.request(TOKEN, "GET", "/markets", {"m": "SE"})  # recorded
    assert both.play_count == 1 and len(both) == 2
    monkeypatch.setenv("SPOTLITE_RECORD", "all")
    with cassette(path):
        spotlite.request(TOKEN, "GET", "/markets", {"m": "NO"})
    assert path.read_text().count("uri: ") == 1 and "m=NO" in path.read_text()


def test_as_a_decorator_each_call_gets_the_cassette_afresh(
    loopback: Callable[[Handler], Server], tmp_path: Path
) -> None:
    server = loopback(lambda request, conn: reply(conn, 200, {"markets": ["FI"]}))
    path = tmp_path / "decorated.yaml"
    cassette(path, record="all")(lambda: spotlite.markets(TOKEN))()
    server.stop()

    @cassette(path)
    def markets(prefix: str) -> list[str]:
        """Kept."""
        return [prefix + market for market in spotlite.markets(TOKEN)]

    assert markets("x") == markets("x") == ["xFI"]  # the one recorded answer, played back on each call
    assert markets.__doc__ == "Kept."
    use = cassette(path)
    with use, pytest.raises(RuntimeError, match="already in use"), use:
        pass


def test_an_async_function_as_decorated_replays_spotlite_aio(
    loopback: Callable[[Handler], Server], tmp_path: Path
) -> None:
    from spotlite import aio

    server = loopback(lambda request, conn: reply(conn, 200, {"markets": ["FI"]}))
    path = tmp_path / "aio.yaml"

    @cassette(path, record="all")
    async def record() -> list[str]:
        return await aio.markets(TOKEN)

    assert asyncio.run(record()) == ["FI"]
    server.stop()

    @cassette(path)
    async def replay() -> list[list[str]]:
        return [await aio.markets(TOKEN), await aio.markets(TOKEN)]  # the second is not recorded

    with pytest.raises(MissingInteraction, match="GET https://api.spotify.com/v1/markets is not in the cassette"):
        asyncio.run(replay())


# The check


def planted(tmp_path: Path) -> tuple[Path, str]:
    token = "BQ" + secrets.token_urlsafe(120)
    folder = tmp_path / "cassettes" / "test_user"
    folder.mkdir(parents=True)
    (folder / "clean.yaml").write_text("interactions: []\nversion: 1\n")
    (folder / "leaky.yaml").write_text(f"""interactions:
- request:
    body: grant_type=authorization_code&code=AQB{'c' * 40}9&redirect_uri=x&client_secret=9a1c6e0f3b8d4c2aa7e5
    headers:
      Authorization:
      - Bearer {token}
    method: POST
    uri: https://accounts.spotify.com/api/token
  response:
    body:
      string: '{{"access_token": "dummy-access-token", "refresh_token": "AQ{'x1Y' * 40}"}}'
    headers: {{}}
    status: {{code: 200, message: OK}}
version: 1
""")
    (folder / "leaky.json").write_text(json.dumps({"interactions": [{"request": {
        "body": None, "headers": {"Authorization": ["Bearer dummy-user-token"]}, "method": "GET",
        "uri": "https://api.spotify.com/v1/me"}, "response": {"body": {"string": f"note: {token}"}}}]}, indent=2))
    return tmp_path / "cassettes", token


def test_check_finds_planted_secrets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder, token = planted(tmp_path)
    assert cli(["check", str(folder)]) == 1
    out, err = capsys.readouterr()
    leaky = folder / "test_user" / "leaky"
    assert out.splitlines() == [
        f"{leaky}.json:16: a Spotify access token (interaction 1, response body): BQ{token[2:4]}... (162 characters)",
        f"{leaky}.yaml:3: code= in a form body (interaction 1, request body): AQBc... (44 characters)",
        f"{leaky}.yaml:3: client_secret= in a form body (interaction 1, request body): 9a... (20 characters)",
        (f"{leaky}.yaml:6: a live Authorization header (interaction 1, request header Authorization): "
         f"Bearer BQ{token[2:4]}... (162 characters)"),
        f"{leaky}.yaml:11: a live refresh_token (interaction 1, response body): AQx1... (122 characters)",
    ]
    assert token not in out + err
    assert err == "spotlite.testing check: 5 possible secrets in 2 files (3 files, 2 interactions); replace them " \
                  "with placeholders or record again\n"


def test_check_passes_on_our_cassettes(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["check", str(ROOT / "cassettes"), str(EXAMPLE / "cassettes")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("spotlite.testing check: no token or secret found (") and out.count("\n") == 1


def test_check_reads_what_does_not_parse_line_by_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(f"interactions: [\n  client_secret=9a1c6e0f3b8d4c2aa7e5f1d0c3b2a190&x=1\n  "
                      f"Authorization: Bearer {ACCESS}\n")
    assert cli(["check", str(broken)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"{broken}:2: client_secret= in a form body or URL (line 2): 9a1c... (32 characters)",
        f"{broken}:3: a Spotify access token (line 3): BQ{ACCESS[2:4]}... ({len(ACCESS)} characters)",
        f"{broken}:3: a live authorization header (line 3): Bearer BQ{ACCESS[2:4]}... ({len(ACCESS)} characters)",
    ]
    assert f"{broken}: not valid YAML or JSON: searched line by line" in err
    assert cli(["check", str(tmp_path / "nowhere")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


SHAPED = "BQC" + "a1B2c3D4" * 20  # a Spotify-shaped access token
REFRESH_SHAPED = "AQB" + "x9Y8z7W6" * 20  # and refresh token

# What the second round of probing slipped past the check, each in a hand-written cassette.
MISSED: dict[str, str] = {
    "token after =": f"""interactions:
- request: {{body: null, headers: {{}}, method: GET, uri: 'https://api.spotify.com/v1/me?t={SHAPED}'}}
  response: {{body: {{string: ''}}, headers: {{}}, status: {{code: 200, message: OK}}}}
version: 1
""",
    "Set-Cookie sp_dc": f"""interactions:
- request: {{body: null, headers: {{}}, method: GET, uri: 'https://api.spotify.com/v1/me'}}
  response:
    body: {{string: ''}}
    headers:
      Set-Cookie:
      - sp_dc={REFRESH_SHAPED}; Path=/; Secure
    status: {{code: 200, message: OK}}
version: 1
""",
    "form body ending in a newline": """interactions:
- request:
    body: "grant_type=refresh_token&refresh_token=9f8e7d6c5b4a39281706f5e4\\n"
    headers: {}
    method: POST
    uri: https://accounts.spotify.com/api/token
  response: {body: {string: ''}, headers: {}, status: {code: 400, message: Bad Request}}
version: 1
""",
    "Authorization in multi-document YAML": """interactions: []
version: 1
---
interactions:
- request:
    body: null
    headers:
      Authorization:
      - Bearer 4f3e2d1c0b9a8f7e6d5c
    method: GET
    uri: https://api.spotify.com/v1/me
  response: {body: {string: ''}, headers: {}, status: {code: 200, message: OK}}
version: 1
""",
    "code= in a Location header": """interactions:
- request: {body: null, headers: {}, method: GET, uri: 'https://accounts.spotify.com/authorize'}
  response:
    body: {string: ''}
    headers:
      Location:
      - http://127.0.0.1:8080/callback?code=AQD7f6e5d4c3b2a1908&state=xyz
    status: {code: 303, message: See Other}
version: 1
""",
    "token in a YAML comment": f"""# recorded with {SHAPED}
interactions: []
version: 1
""",
}
MISSED_SECRETS = {"token after =": SHAPED, "Set-Cookie sp_dc": REFRESH_SHAPED,
                  "form body ending in a newline": "9f8e7d6c5b4a39281706f5e4",
                  "Authorization in multi-document YAML": "4f3e2d1c0b9a8f7e6d5c",
                  "code= in a Location header": "AQD7f6e5d4c3b2a1908", "token in a YAML comment": SHAPED}


@pytest.mark.parametrize("case", sorted(MISSED))
def test_check_finds_what_the_probes_planted(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    planted = tmp_path / "planted.yaml"
    planted.write_text(MISSED[case])
    assert cli(["check", str(planted)]) == 1
    out, err = capsys.readouterr()
    secret = MISSED_SECRETS[case]
    assert f"{secret[:2]}... ({len(secret)} characters)" in out or f"{secret[:4]}... ({len(secret)}" in out, out
    assert secret not in out + err
    assert "possible secret" in err


@pytest.mark.parametrize("opening", ["[" * 100_000, '{"a":' * 100_000])
@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_check_never_crashes_on_a_deeply_nested_file(
    opening: str, suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = json.dumps(opening + f'{{"access_token": "{SHAPED}"}}')
    nested = tmp_path / f"nested{suffix}"
    nested.write_text(opening if suffix == ".json" else f"interactions:\n- response: {{body: {{string: {body}}}}}\n")
    deep = tmp_path / f"deep{suffix}"
    deep.write_text(opening + "1" + ("]" * 100_000 if opening[0] == "[" else "}" * 100_000))
    found = check([nested, deep])
    assert {Path(path).name for path in found.unreadable} >= {deep.name}
    if suffix == ".yaml":  # the token inside the nested body is still found, in the raw text
        assert [finding.kind for finding in found.findings] == ["a Spotify access token"]
    assert cli(["check", str(tmp_path)]) in (0, 1)
    assert "not valid YAML or JSON" in capsys.readouterr().err


def test_placeholders() -> None:
    for value in ("dummy-access-token", "REDACTED", "***", "xxxxxxxxxxxx", "<your token>", "{{ token }}", "short",
                  "placeholder_refresh_token", "Bearer-FAKE-value"):
        assert is_placeholder(value), value
    for value in (ACCESS, REFRESH, CLIENT_SECRET, "testing-value-1234567"):
        assert not is_placeholder(value), value


# The package without the kit, the plugin


def test_vendored_copy_without_testing_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, loopback: Callable[[Handler], Server]
) -> None:
    package = Path(spotlite.__file__).parent
    vendor = tmp_path / "bare" / "_vendor"
    shutil.copytree(package, vendor / "spotlite", ignore=shutil.ignore_patterns("__pycache__", "testing"))
    for folder in (tmp_path / "bare", vendor):
        (folder / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    from bare._vendor import spotlite as vendored  # type: ignore[import-not-found]

    server = loopback(lambda request, conn: reply(conn, 200, {"markets": ["FI", "SE"]}))
    vendored.configure(api_url=server.url + "/v1")
    assert vendored.markets(TOKEN) == ["FI", "SE"]
    assert not (vendor / "spotlite" / "testing").exists() and "bare._vendor.spotlite.testing" not in sys.modules
    assert not hasattr(vendored, "testing")  # an AttributeError, as for any name the copy lacks


def test_the_plugin_imports_neither_vcrpy_nor_yaml_when_loaded() -> None:
    tree = ast.parse(Path(spotlite.testing.plugin.__file__).read_text())
    top = [node for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))]
    names = {alias.name for node in top if isinstance(node, ast.Import) for alias in node.names}
    names |= {node.module or "" for node in top if isinstance(node, ast.ImportFrom)}
    assert names == {"__future__", "os", "re", "collections.abc", "pathlib", "typing", "pytest", "_common"}
    init = ast.parse(Path(spotlite.testing.__file__).read_text())
    assert {node.module for node in init.body if isinstance(node, ast.ImportFrom)} == {"__future__", "typing",
                                                                                       "_common"}


def test_the_plugin_is_declared() -> None:
    setup = (ROOT / "setup.cfg").read_text()
    assert "pytest11 =\n    spotlite = spotlite.testing.plugin\n" in setup
    assert "testing =\n    vcrpy>=8.3\n" in setup


@pytest.fixture
def project(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch,
            loopback: Callable[[Handler], Server]) -> pytest.Pytester:
    """A temporary project whose pytest loads spotlite's plugin once (installed or not), with nothing recorded."""
    default_urls()  # even in a run recording the suite against the stand-in
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    for name in CREDENTIALS:
        monkeypatch.delenv(name, raising=False)
    return pytester


ALBUM_TEST = f"""
import spotlite

def test_album(spotify_cassette, spotify_token):
    assert spotlite.album(spotify_token, "{MAIN_ALBUM}").name == "Sibelius: Finlandia, Karelia Suite & Symphony No. 2"
    assert len(spotify_cassette.requests) == 1
"""


def test_plugin_replays_a_recorded_cassette(project: pytest.Pytester, standin_api: SimpleNamespace) -> None:
    with cassette(project.path / "cassettes" / "test_replay" / "test_album.yaml", record="all"):
        spotlite.album(TOKEN, MAIN_ALBUM)
    standin_api.stop()
    project.makepyfile(test_replay=ALBUM_TEST + "\n\ndef test_token(spotify_token):\n"
                                                "    assert spotify_token == 'dummy-user-token'\n")
    project.runpytest(*PLUGIN).assert_outcomes(passed=2)


def test_plugin_fails_a_missing_cassette_saying_how_to_record(project: pytest.Pytester) -> None:
    project.makepyfile(test_missing=ALBUM_TEST)
    result = project.runpytest(*PLUGIN)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        ("*MissingInteraction: GET https://api.spotify.com/v1/albums/* is not in the cassette "
         f"{project.path}/cassettes/test_missing/test_album.yaml (the file does not exist yet)*"),
        "*run the test again with SPOTLITE_RECORD=1 (records what is missing) or SPOTLITE_RECORD=all*",
    ])
    assert "TransportError" not in result.stdout.str()


def test_plugin_records_when_the_environment_says(
    project: pytest.Pytester, standin_api: SimpleNamespace, monkeypatch: pytest.MonkeyPatch
) -> None:
    project.makepyfile(test_record="""
        import spotlite

        class TestAlbum:
            def test_album(self, spotify_cassette):
                assert spotlite.album("BQ-my-very-own-secret-token", "3RBULTZJ97bvVzZLpxcB0j").tracks.total == 12
        """)
    project.makeini("[pytest]\nspotify_cassettes = recorded/here\n")
    monkeypatch.setenv("SPOTLITE_RECORD", "1")
    project.runpytest(*PLUGIN).assert_outcomes(passed=1)
    written = project.path / "recorded" / "here" / "test_record" / "TestAlbum.test_album.yaml"
    text = written.read_text()
    assert "uri: https://api.spotify.com/v1/albums/3RBULTZJ97bvVzZLpxcB0j" in text and "secret" not in text

    standin_api.stop()
    monkeypatch.delenv("SPOTLITE_RECORD")
    project.runpytest(*PLUGIN).assert_outcomes(passed=1)  # replayed
    monkeypatch.setenv("SPOTLITE_RECORD", "sometimes")
    result = project.runpytest(*PLUGIN)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*SPOTLITE_RECORD=sometimes is not a record mode*"])


def test_plugin_token_is_live_when_recording(
    project: pytest.Pytester, standin_api: SimpleNamespace, monkeypatch: pytest.MonkeyPatch
) -> None:
    project.makepyfile(test_token="""
        import spotlite

        def test_live(spotify_token):
            assert isinstance(spotify_token, spotlite.RefreshingToken)
            assert spotlite.current_user(spotify_token).id == "smedjan.fi"
        """)
    monkeypatch.setenv("SPOTLITE_RECORD", "1")
    result = project.runpytest(*PLUGIN)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines([("*SPOTLITE_RECORD is set, so spotify_token must be a live token: set "
                                  "SPOTIFY_CLIENT_ID, SPOTIFY_CLIENT_SECRET, SPOTIFY_USER_REFRESH*")])
    for name in CREDENTIALS:  # the stand-in's accounts service takes any
        monkeypatch.setenv(name, f"dummy-{name.lower()}")
    project.runpytest(*PLUGIN).assert_outcomes(passed=1)


def test_plugin_is_inert_for_tests_without_its_fixtures(
    project: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    project.makepyfile(test_plain="def test_plain():\n    assert True\n")
    monkeypatch.setenv("SPOTLITE_RECORD", "a value the plugin would refuse")
    project.runpytest(*PLUGIN).assert_outcomes(passed=1)
    assert not (project.path / "cassettes").exists()


def test_the_example_replays_offline(project: pytest.Pytester) -> None:
    result = project.runpytest(*PLUGIN, "-c", str(EXAMPLE / "pytest.ini"), "--rootdir", str(EXAMPLE), str(EXAMPLE))
    result.assert_outcomes(passed=7)  # test_orphans on its cassette, test_mixtape on the fake


def test_a_cassette_fetches_pages_one_after_another_inside_it_only(tmp_path: Path) -> None:
    before = spotlite.settings()
    with spotlite.testing.cassette(tmp_path / "empty.yaml", record="none"):
        assert spotlite.settings().pages_ahead == 1
    assert spotlite.settings() is before
