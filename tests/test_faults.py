"""Faults a long-running program meets, on a real loopback server: resets, stalls, trickles, bad bodies,
429 storms, redirects, and what exceptions carry.

Handlers wait with ``threading.Event().wait`` because the tests' ``time.sleep`` is a no-op.
"""

from __future__ import annotations

import asyncio
import gzip
import math
import pickle
import socket
import threading
import time
from collections.abc import Callable

import pytest
import requests
from drivers import Call
from loopback import Handler, Request, Server, answer, reply, reset, scripted, stall

import spotlite
from spotlite import _aiohttp, _http
from spotlite.errors import (
    AuthError,
    BadGateway,
    InvalidInput,
    InvalidToken,
    RedirectError,
    ServiceUnavailable,
    SpotliteError,
    Timeout,
    TooManyRequests,
    TransportError,
    Unauthorised,
)

Loopback = Callable[[Handler], Server]
BEARER = "SECRET-BEARER-TOKEN-0123456789"
CLIENT_SECRET = "SECRET-CLIENT-SECRET-abcdef"
REFRESH = "SECRET-REFRESH-TOKEN-fedcba"
ME = {"id": "someone", "type": "user", "uri": "spotify:user:someone"}


def wait(seconds: float) -> None:
    threading.Event().wait(seconds)


def head(status: int, length: int, extra: str = "") -> bytes:
    return f"HTTP/1.1 {status} OK\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n{extra}\r\n".encode()


def half_body_then(end: Callable[[socket.socket], None]) -> Handler:
    def handle(request: Request, conn: socket.socket) -> None:
        body = b'{"id": "someone", "type": "user", "display_name": "' + b"x" * 2000 + b'"}'
        conn.sendall(head(200, len(body)) + body[:1000])
        wait(0.05)
        end(conn)

    return handle


# Connections that break


def test_reset_before_the_answer_is_retried_for_a_get(call: Call, loopback: Loopback, slept: list[float]) -> None:
    server = loopback(scripted(lambda r, c: reset(c), lambda r, c: reset(c), answer(200, ME)))
    assert call(spotlite.request, BEARER, "GET", "/me") == ME
    assert len(server.requests) == 3 and len(slept) == 2


def test_reset_mid_body_is_retried_for_a_get(call: Call, loopback: Loopback, slept: list[float]) -> None:
    server = loopback(scripted(half_body_then(reset), answer(200, ME)))
    assert call(spotlite.request, BEARER, "GET", "/me") == ME
    assert len(server.requests) == 2


def test_a_body_cut_short_is_retried_then_raises(call: Call, loopback: Loopback, slept: list[float]) -> None:
    server = loopback(half_body_then(lambda conn: conn.close()))
    with pytest.raises(TransportError, match="GET http://127.0.0.1:\\d+/v1/me: failed") as caught:
        call(spotlite.request, BEARER, "GET", "/me")
    assert len(server.requests) == 4 and len(slept) == 3
    assert caught.value.__context__ is None and caught.value.__cause__ is None


def test_a_reset_post_is_not_sent_again(call: Call, loopback: Loopback, slept: list[float]) -> None:
    server = loopback(half_body_then(reset))
    with pytest.raises(TransportError):
        call(spotlite.request, BEARER, "POST", "/me/player/next")
    assert len(server.requests) == 1 and slept == []


def test_a_refused_connection_is_retried_even_for_a_post(call: Call, loopback: Loopback, slept: list[float]) -> None:
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    listener.close()  # nothing listens there now: the request never leaves
    spotlite.configure(api_url=f"http://127.0.0.1:{port}/v1")
    with pytest.raises(TransportError, match="failed .*Conn"):
        call(spotlite.request, BEARER, "POST", "/me/player/next")
    assert len(slept) == 3


# Time


def test_a_server_that_never_answers_times_out(call: Call, loopback: Loopback) -> None:
    loopback(lambda request, conn: stall(conn, 3))
    spotlite.configure(timeout=0.2, retries=0)
    start = time.monotonic()
    with pytest.raises(Timeout, match="timed out"):
        call(spotlite.request, BEARER, "GET", "/me")
    assert time.monotonic() - start < 2


def test_a_trickling_body_is_cut_at_the_deadline(call: Call, loopback: Loopback) -> None:
    def trickle(request: Request, conn: socket.socket) -> None:
        body = b'{"id": "' + b"x" * 200 + b'"}'
        conn.sendall(head(200, len(body)))
        for byte in body:  # one byte every 20 ms: each read is quick, the whole takes 4 s
            if not wait_and_send(conn, bytes([byte])):
                return

    loopback(trickle)
    spotlite.configure(timeout=1, deadline=0.5)
    start = time.monotonic()
    with pytest.raises(Timeout, match="deadline"):
        call(spotlite.request, BEARER, "GET", "/me")
    assert time.monotonic() - start < 3  # the deadline with room, not the 4 s the body takes


def wait_and_send(conn: socket.socket, data: bytes) -> bool:
    wait(0.02)
    try:
        conn.sendall(data)
    except OSError:
        return False
    return True


def test_the_deadline_bounds_retries_and_waits(call: Call, loopback: Loopback, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_http.time, "sleep", wait)  # really wait between retries here
    monkeypatch.setattr(_aiohttp, "_sleep", asyncio.sleep)

    def slow_503(request: Request, conn: socket.socket) -> None:
        wait(0.15)
        reply(conn, 503, {"error": {"status": 503, "message": "Service unavailable"}})

    server = loopback(slow_503)
    spotlite.configure(deadline=2.0, retries=20, backoff=0.05)  # an attempt takes 0.15 s: no load makes it 2 s
    start = time.monotonic()
    # the last 503, when the deadline falls in a wait; Timeout, when it falls in an attempt (the machine's pace decides)
    with pytest.raises((ServiceUnavailable, Timeout)):
        call(spotlite.request, BEARER, "GET", "/me")
    assert time.monotonic() - start < 10.0  # 20 retries, each wait doubling from 0.05 s, would take over 50 s
    assert 2 <= len(server.requests) <= 7


# Bodies


def test_a_body_marked_gzip_that_is_not_raises_transport_error(call: Call, loopback: Loopback) -> None:
    loopback(lambda r, c: c.sendall(answer(200, raw=b'{"id": "x"}', headers={"Content-Encoding": "gzip"})))
    with pytest.raises(TransportError, match="Decod"):
        call(spotlite.request, BEARER, "GET", "/me")


def test_a_gzip_body_is_decoded(call: Call, loopback: Loopback) -> None:
    server = loopback(lambda r, c: c.sendall(answer(200, raw=gzip.compress(b'{"id": "x"}'),
                                                    headers={"Content-Encoding": "gzip"})))
    assert call(spotlite.request, BEARER, "GET", "/me") == {"id": "x"}
    assert "gzip" in server.requests[0].headers["accept-encoding"]


def test_an_html_error_page_is_the_status_error(call: Call, loopback: Loopback) -> None:
    page = b"<html><body>Bad gateway</body></html>"
    loopback(lambda r, c: c.sendall(answer(502, raw=page, headers={"Content-Type": "text/html"})))
    spotlite.configure(retries=0)
    with pytest.raises(BadGateway, match="502: Bad Gateway \\(the body was not JSON but text/html\\)") as caught:
        call(spotlite.request, BEARER, "GET", "/me")
    assert caught.value.response is not None and caught.value.response.text == page.decode()


@pytest.mark.parametrize("body", [b"<html>login</html>", b'{"id": "x", "na', b"\xff\xfe\x00garbage"])
def test_a_success_that_is_not_json_raises_transport_error(call: Call, loopback: Loopback, body: bytes) -> None:
    loopback(lambda r, c: c.sendall(answer(200, raw=body)))
    with pytest.raises(TransportError, match="not JSON"):
        call(spotlite.request, BEARER, "GET", "/me")


# 429 storms


def test_a_429_storm_gives_up_with_retry_after(call: Call, loopback: Loopback, slept: list[float]) -> None:
    server = loopback(lambda r, c: reply(c, 429, {"error": {"status": 429, "message": "API rate limit exceeded"}},
                                         {"Retry-After": "1"}))
    with pytest.raises(TooManyRequests) as caught:
        call(spotlite.request, BEARER, "GET", "/me")
    assert caught.value.retry_after == 1.0 and slept == [1.0, 1.0, 1.0] and len(server.requests) == 4


@pytest.mark.parametrize("value", ["-1", "nan", "inf", "-inf", "soon", "", "1e999"])
def test_unusable_retry_after_falls_back_to_backoff(call: Call, loopback: Loopback, slept: list[float], value: str) -> None:
    loopback(scripted(answer(429, {"error": {"status": 429}}, {"Retry-After": value}), answer(200, ME)))
    assert call(spotlite.request, BEARER, "GET", "/me") == ME
    assert len(slept) == 1 and 0.25 <= slept[0] <= 0.5 and math.isfinite(slept[0])


def test_retry_after_as_a_date(call: Call, loopback: Loopback, slept: list[float]) -> None:
    loopback(scripted(answer(429, None, {"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}), answer(200, ME)))
    assert call(spotlite.request, BEARER, "GET", "/me") == ME
    assert slept == [0.0]  # a date in the past: retry at once


def test_a_retry_after_beyond_max_wait_raises_at_once(call: Call, loopback: Loopback, slept: list[float]) -> None:
    loopback(lambda r, c: reply(c, 429, None, {"Retry-After": "86400"}))
    with pytest.raises(TooManyRequests) as caught:
        call(spotlite.request, BEARER, "GET", "/me")
    assert caught.value.retry_after == 86400 and slept == []


# Redirects


def test_a_read_follows_a_redirect_on_the_same_host_with_the_token(call: Call, loopback: Loopback) -> None:
    server = loopback(scripted(answer(302, None, {"Location": "/v1/users/someone"}), answer(200, ME)))
    assert call(spotlite.request, BEARER, "GET", "/me") == ME
    assert [r.path for r in server.requests] == ["/v1/me", "/v1/users/someone"]
    assert all(r.headers["authorization"] == f"Bearer {BEARER}" for r in server.requests)


def test_the_token_never_follows_a_redirect_to_another_host(call: Call, loopback: Loopback) -> None:
    elsewhere = loopback(lambda r, c: reply(c, 200, ME))
    api = loopback(lambda r, c: reply(c, 301, None, {"Location": elsewhere.url + "/somewhere"}))
    assert call(spotlite.request, BEARER, "GET", "/me") == ME
    assert len(api.requests) == 1 and "authorization" not in elsewhere.requests[0].headers


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_write_is_never_redirected(call: Call, loopback: Loopback, status: int) -> None:
    server = loopback(lambda r, c: reply(c, status, None, {"Location": "/v1/elsewhere"}))
    with pytest.raises(RedirectError, match="never re-sends a write") as caught:
        call(spotlite.playlist_add, BEARER, "3cEYpjA9oz9GiPac4AsH4n", ["spotify:track:6rqhFgbbKwnb9MLmUQDhG6"])
    assert [r.method for r in server.requests] == ["POST"]
    assert caught.value.status == status and caught.value.location == "/v1/elsewhere"


def test_a_redirect_loop_ends(call: Call, loopback: Loopback) -> None:
    server = loopback(lambda r, c: reply(c, 302, None, {"Location": "/v1/me"}))
    with pytest.raises(RedirectError, match="more than 5 redirects"):
        call(spotlite.request, BEARER, "GET", "/me")
    assert len(server.requests) == 6


# Where requests go


def test_paging_follows_next_under_the_configured_api_url(call: Call, loopback: Loopback) -> None:
    page = {"href": "", "items": [], "limit": 1, "offset": 1, "total": 2, "previous": None,
            "next": "https://api.spotify.com/v1/me/tracks?offset=2&limit=1"}
    server = loopback(lambda r, c: reply(c, 200, page))
    first = call(spotlite.saved_tracks, BEARER, limit=1)
    call(spotlite.next_page, BEARER, first)
    assert server.requests[1].path == "/v1/me/tracks?offset=2&limit=1"


def test_a_next_url_on_another_host_is_refused(call: Call, loopback: Loopback) -> None:
    page = {"href": "", "items": [], "limit": 1, "offset": 1, "total": 2, "previous": None,
            "next": "https://evil.example/v1/me/tracks?offset=2"}
    server = loopback(lambda r, c: reply(c, 200, page))
    first = call(spotlite.saved_tracks, BEARER, limit=1)
    with pytest.raises(InvalidInput, match="refusing to send the token"):
        call(spotlite.next_page, BEARER, first)
    assert len(server.requests) == 1


@pytest.mark.parametrize("own_session", [True, False])
def test_netrc_never_replaces_the_token(call: Call, loopback: Loopback, tmp_path: object, monkeypatch: pytest.MonkeyPatch,
                                        own_session: bool) -> None:
    netrc = tmp_path / "netrc"  # type: ignore[operator]
    netrc.write_text("machine 127.0.0.1 login someone password netrc-password\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    server = loopback(lambda r, c: reply(c, 200, ME))
    if not own_session:
        spotlite.configure(session=requests.Session())
    call(spotlite.request, BEARER, "GET", "/me")
    assert server.requests[0].headers["authorization"] == f"Bearer {BEARER}"


def test_a_token_that_cannot_go_in_a_header_is_refused_unseen(call: Call, loopback: Loopback) -> None:
    server = loopback(lambda r, c: reply(c, 200, ME))
    with pytest.raises(InvalidToken) as caught:
        call(spotlite.request, BEARER + "\n", "GET", "/me")
    assert BEARER not in str(caught.value) and server.requests == []
    assert isinstance(caught.value, TypeError) and isinstance(caught.value, ValueError)


def test_settings_are_checked(loopback: Loopback) -> None:
    loopback(lambda r, c: reply(c, 200, ME))
    for bad in ({"timeout": -1}, {"deadline": 0}, {"retries": -1}, {"retries": 1.5}, {"api_url": "api.spotify.com"},
                {"backoff": float("nan")}, {"timeot": 3}):
        with pytest.raises(InvalidInput):
            spotlite.configure(**bad)


# What exceptions carry


def secrets_in(error: BaseException) -> list[str]:
    """The planted secrets found in the error, its pickle, and its chain."""
    found = []
    chain: BaseException | None = error
    while chain is not None:
        text = repr(chain) + str(chain) + repr(vars(chain)) + repr(pickle.dumps(chain))
        response = getattr(chain, "response", None)
        if response is not None:
            text += repr(pickle.dumps(response)) + repr(getattr(response, "headers", ""))
        found += [secret for secret in (BEARER, CLIENT_SECRET, REFRESH) if secret in text]
        chain = chain.__cause__ or chain.__context__
    return found


def test_an_unauthorised_error_carries_no_token(call: Call, loopback: Loopback) -> None:
    loopback(lambda r, c: reply(c, 401, {"error": {"status": 401, "message": "The access token expired"}}))
    with pytest.raises(Unauthorised) as caught:
        call(spotlite.current_user, BEARER)
    assert secrets_in(caught.value) == []
    copy = pickle.loads(pickle.dumps(caught.value))
    assert (copy.status, copy.message, copy.url) == (401, caught.value.message, caught.value.url)
    assert copy.response is not None and copy.response.json()["error"]["status"] == 401


def test_an_auth_error_carries_no_secret(call: Call, loopback: Loopback) -> None:
    loopback(lambda r, c: reply(c, 400, {"error": "invalid_grant", "error_description": "Refresh token revoked"}))
    with pytest.raises(AuthError) as caught:
        call(spotlite.refresh_user_token, "client-id", CLIENT_SECRET, REFRESH)
    assert secrets_in(caught.value) == [] and caught.value.__context__ is None
    assert pickle.loads(pickle.dumps(caught.value)).error == "invalid_grant"


@pytest.mark.parametrize("handler", [lambda r, c: reset(c), lambda r, c: stall(c, 1)])
def test_transport_errors_carry_no_token(call: Call, loopback: Loopback, handler: Handler) -> None:
    loopback(handler)
    spotlite.configure(timeout=0.2, retries=0)
    with pytest.raises(TransportError) as caught:
        call(spotlite.current_user, BEARER)
    assert secrets_in(caught.value) == []
    copy = pickle.loads(pickle.dumps(caught.value))
    assert type(copy) is type(caught.value) and str(copy) == str(caught.value)


def test_every_failure_is_a_spotlite_error(call: Call, loopback: Loopback) -> None:
    faults: list[Handler] = [
        lambda r, c: reset(c),
        half_body_then(reset),
        lambda r, c: c.sendall(answer(200, raw=b"{}", headers={"Content-Encoding": "gzip"})),
        lambda r, c: c.sendall(b"NOT HTTP AT ALL\r\n\r\n"),
        lambda r, c: c.sendall(answer(200, raw=b"<html>")),
        lambda r, c: reply(c, 599, None),
    ]
    spotlite.configure(retries=0, timeout=0.5)
    for fault in faults:
        loopback(fault)
        with pytest.raises(SpotliteError) as caught:
            call(spotlite.current_user, BEARER)
        assert caught.value.__context__ is None and secrets_in(caught.value) == []
