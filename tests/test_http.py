"""The HTTP layer: errors, retries, sessions, token arguments."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from drivers import Call
from loopback import Handler, Server, answer, reply, reset, scripted
from requests import PreparedRequest, Response, Session
from requests.adapters import HTTPAdapter

import spotlite
from spotlite import _http
from spotlite.errors import (
    BadRequest,
    ClientError,
    HTTPError,
    ServerError,
    ServiceUnavailable,
    TooManyRequests,
    TransportError,
    error_class,
)
from spotlite.testing._standin.catalogue import ALWAYS_LIMITED, BROKEN, FLAKY, MAIN_ALBUM, RATE_LIMITED_ONCE

Loopback = Callable[[Handler], Server]
ALBUM_NAME = "Sibelius: Finlandia, Karelia Suite & Symphony No. 2"


@pytest.fixture
def settings() -> Iterator[None]:
    """Restore the settings a test changes."""
    old = spotlite.configure()
    yield
    spotlite.configure(**{name: getattr(old, name) for name in old.__dataclass_fields__})


def test_429_waits_retry_after_then_succeeds(call: Call, token: str, slept: list[float]) -> None:
    assert call(spotlite.album, token, RATE_LIMITED_ONCE).name == ALBUM_NAME
    assert slept == [2.0]


def test_429_gives_up_after_retries(call: Call, token: str, slept: list[float]) -> None:
    with pytest.raises(TooManyRequests) as caught:
        call(spotlite.album, token, ALWAYS_LIMITED)
    assert caught.value.retry_after == 2.0
    assert caught.value.message == "API rate limit exceeded"
    assert slept == [2.0, 2.0, 2.0]


def test_429_total_wait_is_capped(call: Call, token: str, slept: list[float], settings: None) -> None:
    spotlite.configure(max_wait=3)
    with pytest.raises(TooManyRequests):
        call(spotlite.album, token, ALWAYS_LIMITED)
    assert slept == [2.0]


def test_retries_switched_off(call: Call, token: str, slept: list[float], settings: None) -> None:
    spotlite.configure(retries=0)
    with pytest.raises(TooManyRequests):
        call(spotlite.album, token, ALWAYS_LIMITED)
    assert slept == []


def test_503_html_retried_for_get(call: Call, token: str, slept: list[float]) -> None:
    assert call(spotlite.album, token, FLAKY).name == ALBUM_NAME
    assert len(slept) == 1 and 0.25 <= slept[0] <= 0.5


def test_503_html_body_becomes_service_unavailable(call: Call, token: str, slept: list[float]) -> None:
    with pytest.raises(ServiceUnavailable, match="503: Service Unavailable \\(the body was not JSON but text/html\\)"):
        call(spotlite.album, token, BROKEN)
    assert len(slept) == 3


def test_post_is_not_retried_on_5xx(call: Call, loopback: Loopback, slept: list[float]) -> None:
    server = loopback(lambda request, conn: reply(conn, 502, {"error": {"status": 502, "message": "Bad gateway"}}))
    with pytest.raises(ServerError, match="502: Bad gateway"):
        call(spotlite.request, "token", "POST", "/me/player/next")
    assert len(server.requests) == 1 and slept == []


def test_connection_error_retried_for_get(call: Call, loopback: Loopback, slept: list[float]) -> None:
    server = loopback(scripted(lambda request, conn: reset(conn), answer(200, {"id": "x"})))
    assert call(spotlite.request, "token", "GET", "/me") == {"id": "x"}
    assert len(server.requests) == 2 and len(slept) == 1


def test_connection_error_of_post_raises_at_once(call: Call, loopback: Loopback, slept: list[float]) -> None:
    server = loopback(lambda request, conn: reset(conn))
    with pytest.raises(TransportError, match=r"POST http://127.0.0.1:\d+/v1/me/player/next: failed") as caught:
        call(spotlite.request, "token", "POST", "/me/player/next")
    assert len(server.requests) == 1 and slept == []
    assert caught.value.method == "POST" and caught.value.__context__ is None


def test_204_is_none_and_settings_used(call: Call, loopback: Loopback) -> None:
    server = loopback(lambda request, conn: reply(conn, 204))
    spotlite.configure(timeout=2.5)
    assert call(spotlite.request, "secret-token", "PUT", "/me/player/pause", params={"device_id": "d"}) is None
    sent = server.requests[0]
    assert (sent.method, sent.path) == ("PUT", "/v1/me/player/pause?device_id=d")
    assert sent.headers["authorization"] == "Bearer secret-token"


def test_token_may_be_a_token_or_a_callable(call: Call, loopback: Loopback) -> None:
    server = loopback(lambda request, conn: reply(conn, 200, {"a": 1}))
    token = spotlite.Token(access_token="from-token-object", expires_at=0)
    call(spotlite.request, token, "GET", "/me")
    call(spotlite.request, lambda: token, "GET", "/me")
    assert [r.headers["authorization"] for r in server.requests] == ["Bearer from-token-object"] * 2


def test_non_json_success_body_is_an_error(call: Call, loopback: Loopback) -> None:
    loopback(lambda request, conn: conn.sendall(answer(200, raw=b"<html>hello</html>",
                                                       headers={"Content-Type": "text/html"})))
    with pytest.raises(TransportError, match="body that is not JSON \\(text/html, 18 bytes\\)"):
        call(spotlite.request, "token", "GET", "/me")


def test_error_carries_reason_and_response(call: Call, loopback: Loopback) -> None:
    body = {"error": {"status": 400, "message": "Invalid limit", "reason": "BAD_LIMIT"}}
    loopback(lambda request, conn: reply(conn, 400, body, {"X-Trace": "abc"}))
    with pytest.raises(BadRequest) as caught:
        call(spotlite.request, "token", "GET", "/search")
    error = caught.value
    assert (error.status, error.message, error.reason) == (400, "Invalid limit", "BAD_LIMIT")
    assert error.response is not None and error.response.status_code == 400
    assert error.response.headers["x-trace"] == "abc" and error.response.json() == body
    assert str(error) == "400: Invalid limit [BAD_LIMIT]"


def test_unknown_statuses_fall_back_to_their_family() -> None:
    assert error_class(418) is ClientError
    assert error_class(599) is ServerError
    assert issubclass(error_class(404), HTTPError)


def test_bad_token_argument_refused(call: Call, ) -> None:
    with pytest.raises(TypeError, match="a token must be"):
        call(spotlite.album, None, MAIN_ALBUM)  # type: ignore[arg-type]


def test_a_note_for_spotifys_reason_wins_over_the_status_note(loopback: Loopback) -> None:
    body = {"error": {"status": 403, "message": "Player command failed: Premium required", "reason": "PREMIUM_REQUIRED"}}
    loopback(scripted(answer(403, body), answer(403, {"error": {"status": 403}})))
    notes = {"PREMIUM_REQUIRED": "Needs Premium", 403: "Not allowed now"}
    with pytest.raises(HTTPError, match="Premium required. Needs Premium"):
        _http.send("PUT", "/me/player/pause", token="t", notes=notes)
    with pytest.raises(HTTPError, match="Forbidden|HTTP error") as caught:
        _http.send("PUT", "/me/player/pause", token="t", notes=notes)
    assert str(caught.value).endswith("Not allowed now")


class CannedAdapter(HTTPAdapter):
    """A transport adapter answering with a body already read, as test doubles and caches do."""

    def send(self, request: PreparedRequest, *args: object, **kwargs: object) -> Response:  # type: ignore[override]
        answer = Response()
        answer.status_code, answer._content, answer.url = 200, b'{"id": "canned"}', request.url or ""
        answer.headers["Content-Type"] = "application/json"
        return answer


def test_an_adapter_answering_with_a_read_body_works(loopback: Loopback, monkeypatch: pytest.MonkeyPatch) -> None:
    """requests' transport adapters are the sync driver's (spotlite.aio with your session runs in worker threads)."""
    server = loopback(lambda request, conn: reply(conn, 500, None))
    session = Session()
    session.mount("http://", CannedAdapter())
    spotlite.configure(session=session)
    assert spotlite.request("token", "GET", "/me") == {"id": "canned"}
    spotlite.configure(session=None)
    monkeypatch.setattr(HTTPAdapter, "send", CannedAdapter.send)  # spotlite's own session, patched as mocks do
    assert spotlite.request("token", "GET", "/me") == {"id": "canned"}
    assert server.requests == []
