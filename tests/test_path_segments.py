"""Free-text IDs in URL paths, as they go on the wire: one percent-encoded segment each.

User and category IDs are free text. Each is percent-encoded as one path
segment (``requests`` re-quotes URLs, so what the server reads is checked, not
what spotlite built); an empty ID, ``.`` and ``..`` are refused before
anything is sent.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import Any

import pytest
from loopback import Request, Server, reply

import spotlite
from spotlite.errors import InvalidInput

TOKEN = "dummy-token"
PAGE = {"items": [], "href": "https://api.spotify.com/v1/x", "limit": 20, "offset": 0, "total": 0}
USER = {"id": "someone", "uri": "spotify:user:someone", "href": "https://api.spotify.com/v1/users/someone",
        "external_urls": {"spotify": "https://open.spotify.com/user/someone"}}
PLAYLIST = {"id": "p", "name": "Mix", "uri": "spotify:playlist:p", "owner": USER, "snapshot_id": "s",
            "href": "https://api.spotify.com/v1/playlists/p", "external_urls": {}}

# name: (call with the ID, answer body, the path with {} for the ID)
ENDPOINTS: dict[str, tuple[Callable[[str], Any], Any, str]] = {
    "user": (lambda value: spotlite.user(TOKEN, value), USER, "/v1/users/{}"),
    "playlists": (lambda value: spotlite.playlists(TOKEN, value), PAGE, "/v1/users/{}/playlists"),
    "playlist_create_for_user": (lambda value: spotlite.playlist_create_for_user(TOKEN, value, "Mix"), PLAYLIST,
                                 "/v1/users/{}/playlists"),
    "category": (lambda value: spotlite.category(TOKEN, value), {"id": "c", "name": "C", "href": "h"}, "/v1/browse/categories/{}"),
    "category_playlists": (lambda value: spotlite.category_playlists(TOKEN, value), {"playlists": PAGE},
                           "/v1/browse/categories/{}/playlists"),
}
USER_ENDPOINTS = ["user", "playlists", "playlist_create_for_user"]

ON_THE_WIRE = [
    ("john.smith", "john.smith"),
    ("1234@x", "1234%40x"),
    ("%41", "%2541"),  # not decoded to "A"
    ("a%2Fb", "a%252Fb"),  # not decoded to a second segment
    ("é", "%C3%A9"),
    ("john smith", "john%20smith"),
    ("a+b:c;d=e", "a%2Bb%3Ac%3Bd%3De"),
    ("...", "..."),  # not a dot segment
]
REFUSED = ["", " ", ".", "..", " .. ", "a/b", "a?b", "a#b", "a&b", "../me"]


def answering(body: Any) -> Callable[[Request, socket.socket], None]:
    """A handler giving every request the same JSON answer."""

    def handle(request: Request, conn: socket.socket) -> None:
        reply(conn, 200, body)

    return handle


def paths_sent(server: Server, call: Callable[[str], Any], values: list[str]) -> list[str]:
    """Call with each value in turn; the paths the server read, without their queries."""
    for value in values:
        call(value)
    return [request.path.split("?", 1)[0] for request in server.requests]


@pytest.mark.parametrize("name", ENDPOINTS)
def test_free_text_id_is_one_encoded_segment(loopback: Callable[..., Server], name: str) -> None:
    call, body, path = ENDPOINTS[name]
    server = loopback(answering(body))
    sent = paths_sent(server, call, [value for value, _ in ON_THE_WIRE])
    assert sent == [path.format(wire) for _, wire in ON_THE_WIRE]


@pytest.mark.parametrize("name", ENDPOINTS)
def test_refused_before_sending(loopback: Callable[..., Server], name: str) -> None:
    call, body, _ = ENDPOINTS[name]
    server = loopback(answering(body))
    kind = "category" if name.startswith("category") else "user"
    for value in REFUSED:
        with pytest.raises(InvalidInput, match=f"is not a valid {kind} ID"):
            call(value)
    assert server.requests == []


@pytest.mark.parametrize("name", USER_ENDPOINTS)
def test_user_uris_and_urls(loopback: Callable[..., Server], name: str) -> None:
    call, body, path = ENDPOINTS[name]
    server = loopback(answering(body))
    values = ["spotify:user:1234@x",
              "https://open.spotify.com/user/1234%40x?si=abc",  # decoded from the URL, encoded once
              "https://open.spotify.com/user/john.smith"]
    assert paths_sent(server, call, values) == [path.format("1234%40x")] * 2 + [path.format("john.smith")]


@pytest.mark.parametrize("name", USER_ENDPOINTS)
def test_user_uris_and_urls_checked_after_decoding(loopback: Callable[..., Server], name: str) -> None:
    call, body, _ = ENDPOINTS[name]
    server = loopback(answering(body))
    for value in ["spotify:user:..", "https://open.spotify.com/user/%2E%2E", "https://open.spotify.com/user/a%2Fb"]:
        with pytest.raises(InvalidInput, match="is not a valid user ID"):
            call(value)
    assert server.requests == []


def test_user_ids_in_a_query_are_encoded_once(loopback: Callable[..., Server]) -> None:
    server = loopback(answering([True, False, True]))
    assert spotlite.users_is_following(TOKEN, ["1234@x", "%41", "john smith"]) == [True, False, True]
    query = server.requests[0].path.split("?", 1)[1]
    assert "ids=1234%40x%2C%2541%2Cjohn+smith" in query.split("&")


def test_base62_paths_refuse_dot_segments(loopback: Callable[..., Server]) -> None:
    server = loopback(answering(PLAYLIST))
    for value in ("", ".", ".."):
        with pytest.raises(InvalidInput, match="not a valid playlist ID"):
            spotlite.playlist(TOKEN, value)
    assert server.requests == []
