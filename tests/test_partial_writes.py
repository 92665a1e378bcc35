"""Writes split into several requests that fail part way: ``PartialWriteError``.

Every chunked write (playlist add, replace and remove; library add and delete;
the saved_* and follow functions) says what the successful requests wrote,
which items the failing one carried and which remain, and stops sending. When
the very first request fails, its own error is raised, unwrapped.
"""

from __future__ import annotations

import json
import pickle
import socket
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from drivers import Call
from loopback import Handler, Request, Server, answer, scripted

import spotlite
from spotlite.errors import PartialWriteError, ServiceUnavailable, SpotliteError, TransportError

Loopback = Callable[[Handler], Server]

TOKEN = "dummy-token"
PLAYLIST = "37i9dQZF1DXcBWIGoYBM5M"
UNAVAILABLE = answer(503, {"error": {"status": 503, "message": "Service unavailable"}})


def ids(count: int, start: int = 0) -> list[str]:
    """``count`` distinct, valid 22-character IDs."""
    return [f"{n:022d}" for n in range(start, start + count)]


def uris(count: int, kind: str = "track") -> list[str]:
    return [f"spotify:{kind}:{id_}" for id_ in ids(count)]


def snapshot(value: str, status: int = 200) -> bytes:
    return answer(status, {"snapshot_id": value})


def hang_up(request: Request, conn: socket.socket) -> None:
    """Close the connection without answering."""
    conn.close()


def body(request: Request) -> Any:
    return json.loads(request.body)


def query_list(request: Request, name: str) -> list[str]:
    """A comma-joined query parameter of a recorded request, split."""
    return parse_qs(urlsplit(request.path).query)[name][0].split(",")


def raised(call: Callable[[], object]) -> PartialWriteError:
    with pytest.raises(PartialWriteError) as info:
        call()
    return info.value


def test_playlist_add_second_request_fails(call: Call, loopback: Loopback) -> None:
    items = uris(250)
    server = loopback(scripted(snapshot("s1", 201), UNAVAILABLE))

    error = raised(lambda: call(spotlite.playlist_add, TOKEN, PLAYLIST, items))

    assert error.written == tuple(items[:100])
    assert error.failed == tuple(items[100:200])
    assert error.remaining == tuple(items[100:])
    assert error.snapshot_id == "s1"
    assert isinstance(error.error, ServiceUnavailable)
    assert error.__cause__ is error.error
    assert [request.method for request in server.requests] == ["POST", "POST"]  # no third request
    assert [body(request)["uris"] for request in server.requests] == [items[:100], items[100:200]]
    message = str(error)
    assert message.startswith("playlist_add: 100 of 250 items written before request 2 of 3 failed")
    assert "503: Service unavailable" in message
    assert "the playlist's snapshot is now 's1'" in message
    assert message.endswith("Pass .remaining to playlist_add to resume.")


def test_playlist_add_at_a_position_says_where_to_resume(call: Call, loopback: Loopback) -> None:
    items = uris(250)
    server = loopback(scripted(snapshot("s1", 201), snapshot("s2", 201), UNAVAILABLE))

    error = raised(lambda: call(spotlite.playlist_add, TOKEN, PLAYLIST, items, position=5))

    assert [body(request)["position"] for request in server.requests] == [5, 105, 205]
    assert error.written == tuple(items[:200])
    assert error.remaining == error.failed == tuple(items[200:])
    assert error.snapshot_id == "s2"
    assert "200 of 250 items written before request 3 of 3 failed" in str(error)
    assert str(error).endswith("Pass .remaining to playlist_add with position=205 to resume.")


def test_first_request_failing_raises_the_plain_error(call: Call, loopback: Loopback) -> None:
    spotlite.configure(retries=0)
    server = loopback(scripted(UNAVAILABLE))

    with pytest.raises(ServiceUnavailable) as add:
        call(spotlite.playlist_add, TOKEN, PLAYLIST, uris(250))
    with pytest.raises(ServiceUnavailable) as library:
        call(spotlite.library_add, TOKEN, uris(100))

    assert not isinstance(add.value, PartialWriteError) and not isinstance(library.value, PartialWriteError)
    assert [request.method for request in server.requests] == ["POST", "PUT"]  # one request each, nothing after


def test_playlist_remove_chains_snapshots_and_reports_the_last(call: Call, loopback: Loopback) -> None:
    spotlite.configure(retries=0)
    items = uris(250)
    server = loopback(scripted(snapshot("s1"), snapshot("s2"), UNAVAILABLE))

    error = raised(lambda: call(spotlite.playlist_remove, TOKEN, PLAYLIST, items, snapshot_id="s0"))

    sent = [body(request) for request in server.requests]
    assert [payload["snapshot_id"] for payload in sent] == ["s0", "s1", "s2"]
    assert [[item["uri"] for item in payload["items"]] for payload in sent] == [items[:100], items[100:200],
                                                                                 items[200:]]
    assert error.written == tuple(items[:200])
    assert error.failed == error.remaining == tuple(items[200:])
    assert error.snapshot_id == "s2"
    assert str(error).startswith("playlist_remove: 200 of 250 items written before request 3 of 3 failed")
    assert "snapshot_id=.snapshot_id" in str(error)


def test_playlist_replace_counts_the_put_as_written(call: Call, loopback: Loopback) -> None:
    spotlite.configure(retries=0)
    items = uris(250)
    server = loopback(scripted(snapshot("s1"), snapshot("s2", 201), UNAVAILABLE))

    error = raised(lambda: call(spotlite.playlist_replace, TOKEN, PLAYLIST, items))

    assert [request.method for request in server.requests] == ["PUT", "POST", "POST"]
    assert body(server.requests[0]) == {"uris": items[:100]}
    assert error.written == tuple(items[:200])  # the PUT's 100 and the first add's
    assert error.failed == error.remaining == tuple(items[200:])
    assert error.snapshot_id == "s2"
    message = str(error)
    assert message.startswith("playlist_replace: 200 of 250 items written before request 3 of 3 failed")
    assert "Pass .remaining to playlist_add to resume" in message  # replacing again would drop what was written


def test_playlist_replace_failing_right_after_the_put(call: Call, loopback: Loopback) -> None:
    items = uris(150)
    loopback(scripted(snapshot("s1"), UNAVAILABLE))  # the add is a POST: not retried

    error = raised(lambda: call(spotlite.playlist_replace, TOKEN, PLAYLIST, items))

    assert error.written == tuple(items[:100])
    assert error.remaining == error.failed == tuple(items[100:])
    assert error.snapshot_id == "s1"


def test_library_add_third_request_fails(call: Call, loopback: Loopback) -> None:
    spotlite.configure(retries=0)
    items = uris(100)
    server = loopback(scripted(answer(200), answer(200), UNAVAILABLE))

    error = raised(lambda: call(spotlite.library_add, TOKEN, items))

    assert [query_list(request, "uris") for request in server.requests] == [items[:40], items[40:80], items[80:]]
    assert error.written == tuple(items[:80])
    assert error.failed == error.remaining == tuple(items[80:])
    assert error.snapshot_id is None
    assert isinstance(error.error, ServiceUnavailable)
    assert error.__cause__ is error.error
    message = str(error)
    assert message.startswith("library_add: 80 of 100 items written before request 3 of 3 failed")
    assert "snapshot" not in message
    assert message.endswith("Pass .remaining to library_add to resume.")


def test_library_delete_names_itself_and_resumes_with_remaining(call: Call, loopback: Loopback) -> None:
    spotlite.configure(retries=0)
    items = uris(100, "album")
    server = loopback(scripted(answer(200), UNAVAILABLE, answer(200)))

    error = raised(lambda: call(spotlite.library_delete, TOKEN, items))
    assert str(error).startswith("library_delete: 40 of 100 items written before request 2 of 3 failed")

    call(spotlite.library_delete, TOKEN, error.remaining)  # the server answers 200 from now on
    resumed = server.requests[2:]
    assert [request.method for request in resumed] == ["DELETE", "DELETE"]
    assert [uri for request in resumed for uri in query_list(request, "uris")] == items[40:]


def test_saved_tracks_add_via_change_library(call: Call, loopback: Loopback) -> None:
    spotlite.configure(retries=0)
    items = ids(120)
    server = loopback(scripted(answer(200), UNAVAILABLE))

    error = raised(lambda: call(spotlite.saved_tracks_add, TOKEN, items))

    assert [body(request) for request in server.requests] == [{"ids": items[:50]}, {"ids": items[50:100]}]
    assert all(urlsplit(request.path).query == "" for request in server.requests)  # the IDs go in the body only
    assert error.written == tuple(items[:50])
    assert error.failed == tuple(items[50:100])
    assert error.remaining == tuple(items[50:])
    assert error.snapshot_id is None
    assert str(error).startswith("saved_tracks_add: 50 of 120 items written before request 2 of 3 failed")


def test_artists_follow(call: Call, loopback: Loopback) -> None:
    spotlite.configure(retries=0)
    items = ids(120)
    server = loopback(scripted(answer(204), UNAVAILABLE))

    error = raised(lambda: call(spotlite.artists_follow, TOKEN, [f"spotify:artist:{id_}" for id_ in items]))

    assert [parse_qs(urlsplit(request.path).query)["type"] for request in server.requests] == [["artist"]] * 2
    assert [query_list(request, "ids") for request in server.requests] == [items[:50], items[50:100]]
    assert error.written == tuple(items[:50])  # as sent: IDs
    assert error.remaining == tuple(items[50:])
    assert str(error).startswith("artists_follow: 50 of 120 items written before request 2 of 3 failed")
    assert str(error).endswith("Pass .remaining to artists_follow to resume.")


def test_retries_come_before_the_partial_write(call: Call, loopback: Loopback) -> None:
    spotlite.configure(retries=2)
    items = uris(100)
    server = loopback(scripted(answer(200), UNAVAILABLE))

    error = raised(lambda: call(spotlite.library_add, TOKEN, items))

    assert len(server.requests) == 4  # the first, then the second and its two retries
    assert error.written == tuple(items[:40])


def test_a_broken_connection_fails_a_post(call: Call, loopback: Loopback) -> None:
    items = uris(150)
    server = loopback(scripted(snapshot("s1", 201), hang_up))

    error = raised(lambda: call(spotlite.playlist_add, TOKEN, PLAYLIST, items))

    assert len(server.requests) == 2  # a POST is never re-sent
    assert isinstance(error.error, TransportError)
    assert error.__cause__ is error.error
    assert error.written == tuple(items[:100])
    assert error.remaining == error.failed == tuple(items[100:])
    assert error.snapshot_id == "s1"
    assert "the failed request may or may not have taken effect" in str(error)


def test_bad_input_is_refused_before_any_request(call: Call, loopback: Loopback) -> None:
    server = loopback(scripted(snapshot("s1", 201)))

    with pytest.raises(spotlite.errors.InvalidInput):
        call(spotlite.playlist_add, TOKEN, PLAYLIST, [*uris(150), "not a uri"])

    assert server.requests == []


def test_the_error_pickles(call: Call, loopback: Loopback) -> None:
    items = uris(250)
    loopback(scripted(snapshot("s1", 201), UNAVAILABLE))
    error = raised(lambda: call(spotlite.playlist_add, TOKEN, PLAYLIST, items))

    copy = pickle.loads(pickle.dumps(error))

    assert type(copy) is PartialWriteError
    assert (copy.written, copy.failed, copy.remaining, copy.snapshot_id) == (
        error.written, error.failed, error.remaining, "s1")
    assert isinstance(copy.error, ServiceUnavailable) and copy.error.status == 503
    assert str(copy) == str(error)
    assert isinstance(copy, SpotliteError)
