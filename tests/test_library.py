"""The 2026 library endpoints (/me/library), replayed from cassettes."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

import spotlite
from spotlite.errors import BadRequest, InvalidInput, Unauthorised
from spotlite.testing._standin.bodies import fake_id
from spotlite.testing._standin.catalogue import BIG_ALBUM, FINLANDIA, MAIN_ALBUM, SIBELIUS, SINGER, SINGLE, UNKNOWN

TRACKS = [f"spotify:track:{fake_id(f'track:bulk:{n}')}" for n in range(90)]
EPISODE = fake_id("episode:sibelius-hour:1")
PLAYLIST = fake_id("playlist:road-trip")


def sent(cassette: Any) -> list[tuple[str, str, list[str]]]:
    """(method, path, the URIs asked) of every request of the test."""
    return [(r.method, urlsplit(r.uri).path, parse_qs(urlsplit(r.uri).query)["uris"][0].split(","))
            for r in cassette.requests]


def test_library_add_contains_delete(token: str, cassette: Any) -> None:
    items = [f"spotify:album:{SINGLE}", f"https://open.spotify.com/intl-fi/episode/{EPISODE}?si=77c2",
             f"open.spotify.com/playlist/{PLAYLIST}", f"spotify:audiobook:{fake_id('audiobook:kalevala')}"]
    uris = [f"spotify:album:{SINGLE}", f"spotify:episode:{EPISODE}", f"spotify:playlist:{PLAYLIST}",
            f"spotify:audiobook:{fake_id('audiobook:kalevala')}"]
    spotlite.library_add(token, items)
    assert spotlite.library_contains(token, [f"spotify:track:{FINLANDIA}", *items]) == [True] * 5
    spotlite.library_delete(token, items[1:])
    assert spotlite.library_contains(token, items) == [True, False, False, False]
    spotlite.library_delete(token, items[:1])
    assert sent(cassette) == [
        ("PUT", "/v1/me/library", uris),
        ("GET", "/v1/me/library/contains", [f"spotify:track:{FINLANDIA}", *uris]),
        ("DELETE", "/v1/me/library", uris[1:]),
        ("GET", "/v1/me/library/contains", uris),
        ("DELETE", "/v1/me/library", uris[:1]),
    ]
    assert cassette.requests[0].body is None


def test_library_chunked_by_40_in_order(token: str, cassette: Any) -> None:
    spotlite.library_add(token, TRACKS)
    spotlite.library_delete(token, TRACKS[::3])
    assert spotlite.library_contains(token, TRACKS) == [n % 3 != 0 for n in range(90)]
    spotlite.library_delete(token, TRACKS)
    assert sent(cassette) == [
        ("PUT", "/v1/me/library", TRACKS[:40]),
        ("PUT", "/v1/me/library", TRACKS[40:80]),
        ("PUT", "/v1/me/library", TRACKS[80:]),
        ("DELETE", "/v1/me/library", TRACKS[::3]),
        ("GET", "/v1/me/library/contains", TRACKS[:40]),
        ("GET", "/v1/me/library/contains", TRACKS[40:80]),
        ("GET", "/v1/me/library/contains", TRACKS[80:]),
        ("DELETE", "/v1/me/library", TRACKS[:40]),
        ("DELETE", "/v1/me/library", TRACKS[40:80]),
        ("DELETE", "/v1/me/library", TRACKS[80:]),
    ]


def test_library_bare_ids_with_kind(token: str, cassette: Any) -> None:
    assert spotlite.library_contains(token, [FINLANDIA, UNKNOWN], kind="track") == [True, False]
    assert spotlite.library_contains(token, [MAIN_ALBUM, f"spotify:album:{BIG_ALBUM}"], kind="album") == [True, False]
    assert sent(cassette) == [
        ("GET", "/v1/me/library/contains", [f"spotify:track:{FINLANDIA}", f"spotify:track:{UNKNOWN}"]),
        ("GET", "/v1/me/library/contains", [f"spotify:album:{MAIN_ALBUM}", f"spotify:album:{BIG_ALBUM}"]),
    ]


def test_library_artists_and_users_are_following(token: str, cassette: Any) -> None:
    people = [f"spotify:artist:{SIBELIUS}", f"https://open.spotify.com/artist/{SINGER}",
              "spotify:user:spotify", "https://open.spotify.com/user/nobody"]
    assert spotlite.library_contains(token, people) == [True, False, True, False]
    spotlite.library_add(token, [SINGER], kind="artist")
    assert spotlite.artists_is_following(token, [SINGER]) == [True]
    spotlite.library_delete(token, [f"spotify:artist:{SINGER}"])
    assert spotlite.library_contains(token, [f"spotify:artist:{SINGER}"]) == [False]
    assert [r.method for r in cassette.requests] == ["GET", "PUT", "GET", "DELETE", "GET"]
    assert cassette.requests[0].uri == (
        "https://api.spotify.com/v1/me/library/contains?uris="
        f"spotify%3Aartist%3A{SIBELIUS}%2Cspotify%3Aartist%3A{SINGER}%2Cspotify%3Auser%3Aspotify%2Cspotify%3Auser%3Anobody"
    )
    assert cassette.requests[1].uri == f"https://api.spotify.com/v1/me/library?uris=spotify%3Aartist%3A{SINGER}"


def test_library_checks_input_before_sending(token: str, cassette: Any) -> None:
    with pytest.raises(InvalidInput, match="at least one URI"):
        spotlite.library_add(token, [])
    with pytest.raises(InvalidInput, match="bare ID: give a URI or URL, or say its kind"):
        spotlite.library_contains(token, [f"spotify:track:{FINLANDIA}", FINLANDIA])
    with pytest.raises(InvalidInput, match="of kind 'chapter'; the library takes track, album"):
        spotlite.library_add(token, [f"spotify:chapter:{FINLANDIA}"])
    with pytest.raises(InvalidInput, match="kind must be one of track, .*, artist, got 'chapter'"):
        spotlite.library_delete(token, [FINLANDIA], kind="chapter")
    with pytest.raises(InvalidInput, match="of kind 'track', but .* is of kind 'album'"):
        spotlite.library_add(token, [FINLANDIA, f"spotify:album:{MAIN_ALBUM}"], kind="track")
    with pytest.raises(InvalidInput, match="not a valid track ID"):
        spotlite.library_contains(token, ["spotify:track:finlandia"])
    with pytest.raises(InvalidInput, match="not a Spotify URI"):
        spotlite.library_add(token, ["spotify:local:Sibelius:Finlandia:Finlandia:480"])
    with pytest.raises(InvalidInput, match="a single str"):
        spotlite.library_delete(token, f"spotify:track:{FINLANDIA}")
    assert cassette.requests == []


def test_library_more_than_40_is_refused_by_spotify(token: str) -> None:
    with pytest.raises(BadRequest, match="at most 40"):
        spotlite.request(token, "PUT", "/me/library", params={"uris": ",".join(TRACKS[:41])})


def test_library_invalid_token_names_scopes(revoked_token: str) -> None:
    with pytest.raises(Unauthorised, match="user-library-read, user-follow-read, playlist-read-private"):
        spotlite.library_contains(revoked_token, [f"spotify:track:{FINLANDIA}"])
    with pytest.raises(Unauthorised, match="user-library-modify, user-follow-modify, playlist-modify-public"):
        spotlite.library_add(revoked_token, [f"spotify:track:{FINLANDIA}"])
