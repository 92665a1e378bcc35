"""The HTTP layer: errors, retries, sessions, token arguments."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from standin.catalogue import ALWAYS_LIMITED, BROKEN, FLAKY, MAIN_ALBUM, RATE_LIMITED_ONCE

import spotlite
from spotlite import _http
from spotlite.errors import (
    BadRequest,
    ClientError,
    HTTPError,
    ServerError,
    ServiceUnavailable,
    SpotliteError,
    TooManyRequests,
    error_class,
)

ALBUM_NAME = "Sibelius: Finlandia, Karelia Suite & Symphony No. 2"


@pytest.fixture
def slept(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The delays the retry loop asked for (nothing really sleeps)."""
    delays: list[float] = []
    monkeypatch.setattr(_http.time, "sleep", delays.append)
    return delays


@pytest.fixture
def settings() -> Iterator[None]:
    """Restore the settings a test changes."""
    old = spotlite.configure()
    yield
    spotlite.configure(**{name: getattr(old, name) for name in old.__dataclass_fields__})


class FakeSession:
    """A session answering from a list of canned responses (or exceptions)."""

    def __init__(self, *answers: requests.Response | Exception) -> None:
        self.answers = list(answers)
        self.calls: list[tuple[str, str, dict[str, Any]]] = []

    def request(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        self.calls.append((method, url, kwargs))
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer


def response(status: int, body: Any = None, headers: dict[str, str] | None = None) -> requests.Response:
    answer = requests.Response()
    answer.status_code = status
    answer._content = b"" if body is None else json.dumps(body).encode()
    answer.headers.update(headers or {"Content-Type": "application/json"})
    answer.url = "https://api.spotify.com/v1/test"
    return answer


def test_429_waits_retry_after_then_succeeds(token: str, slept: list[float]) -> None:
    assert spotlite.album(token, RATE_LIMITED_ONCE).name == ALBUM_NAME
    assert slept == [2.0]


def test_429_gives_up_after_retries(token: str, slept: list[float]) -> None:
    with pytest.raises(TooManyRequests) as caught:
        spotlite.album(token, ALWAYS_LIMITED)
    assert caught.value.retry_after == 2.0
    assert caught.value.message == "API rate limit exceeded"
    assert slept == [2.0, 2.0, 2.0]


def test_429_total_wait_is_capped(token: str, slept: list[float], settings: None) -> None:
    spotlite.configure(max_wait=3)
    with pytest.raises(TooManyRequests):
        spotlite.album(token, ALWAYS_LIMITED)
    assert slept == [2.0]


def test_retries_switched_off(token: str, slept: list[float], settings: None) -> None:
    spotlite.configure(retries=0)
    with pytest.raises(TooManyRequests):
        spotlite.album(token, ALWAYS_LIMITED)
    assert slept == []


def test_503_html_retried_for_get(token: str, slept: list[float]) -> None:
    assert spotlite.album(token, FLAKY).name == ALBUM_NAME
    assert len(slept) == 1 and 0.25 <= slept[0] <= 0.5


def test_503_html_body_becomes_service_unavailable(token: str, slept: list[float]) -> None:
    with pytest.raises(ServiceUnavailable, match="503: Service Unavailable \\(the body was not JSON but text/html\\)"):
        spotlite.album(token, BROKEN)
    assert len(slept) == 3


def test_post_is_not_retried_on_5xx(slept: list[float], settings: None) -> None:
    session = FakeSession(response(502, {"error": {"status": 502, "message": "Bad gateway"}}))
    spotlite.configure(session=session)
    with pytest.raises(ServerError, match="502: Bad gateway"):
        spotlite.request("token", "POST", "/me/player/next")
    assert len(session.calls) == 1 and slept == []


def test_connection_error_retried_for_get(slept: list[float], settings: None) -> None:
    session = FakeSession(requests.ConnectionError("reset"), response(200, {"id": "x"}))
    spotlite.configure(session=session)
    assert spotlite.request("token", "GET", "/me") == {"id": "x"}
    assert len(session.calls) == 2 and len(slept) == 1


def test_connection_error_of_post_raises_at_once(slept: list[float], settings: None) -> None:
    session = FakeSession(requests.ConnectionError("reset"))
    spotlite.configure(session=session)
    with pytest.raises(SpotliteError, match="POST https://api.spotify.com/v1/me/player/next failed: ConnectionError"):
        spotlite.request("token", "POST", "/me/player/next")
    assert slept == []


def test_204_is_none_and_session_settings_used(settings: None) -> None:
    session = FakeSession(response(204))
    spotlite.configure(session=session, timeout=2.5, api_url="http://127.0.0.1:9/v1")
    assert spotlite.request("secret-token", "PUT", "/me/player/pause", params={"device_id": "d"}) is None
    method, url, options = session.calls[0]
    assert (method, url, options["timeout"], options["params"]) == ("PUT", "http://127.0.0.1:9/v1/me/player/pause",
                                                                     2.5, {"device_id": "d"})
    assert options["headers"]["Authorization"] == "Bearer secret-token"


def test_token_may_be_a_token_or_a_callable(settings: None) -> None:
    session = FakeSession(response(200, {"a": 1}), response(200, {"a": 2}))
    spotlite.configure(session=session)
    token = spotlite.Token(access_token="from-token-object", expires_at=0)
    spotlite.request(token, "GET", "/me")
    spotlite.request(lambda: token, "GET", "/me")
    assert [c[2]["headers"]["Authorization"] for c in session.calls] == ["Bearer from-token-object"] * 2


def test_non_json_success_body_is_an_error(settings: None) -> None:
    answer = response(200)
    answer._content = b"<html>hello</html>"
    answer.headers["Content-Type"] = "text/html"
    spotlite.configure(session=FakeSession(answer))
    with pytest.raises(SpotliteError, match="body that is not JSON \\(text/html\\)"):
        spotlite.request("token", "GET", "/me")


def test_error_carries_reason_and_response(settings: None) -> None:
    body = {"error": {"status": 400, "message": "Invalid limit", "reason": "BAD_LIMIT"}}
    spotlite.configure(session=FakeSession(response(400, body)))
    with pytest.raises(BadRequest) as caught:
        spotlite.request("token", "GET", "/search")
    error = caught.value
    assert (error.status, error.message, error.reason) == (400, "Invalid limit", "BAD_LIMIT")
    assert error.response is not None and error.response.status_code == 400
    assert str(error) == "400: Invalid limit [BAD_LIMIT]"


def test_unknown_statuses_fall_back_to_their_family() -> None:
    assert error_class(418) is ClientError
    assert error_class(599) is ServerError
    assert issubclass(error_class(404), HTTPError)


def test_bad_token_argument_refused() -> None:
    with pytest.raises(TypeError, match="a token must be"):
        spotlite.album(None, MAIN_ALBUM)  # type: ignore[arg-type]


def test_a_note_for_spotifys_reason_wins_over_the_status_note(settings: None) -> None:
    body = {"error": {"status": 403, "message": "Player command failed: Premium required", "reason": "PREMIUM_REQUIRED"}}
    spotlite.configure(session=FakeSession(response(403, body), response(403, {"error": {"status": 403}})))
    notes = {"PREMIUM_REQUIRED": "Needs Premium", 403: "Not allowed now"}
    with pytest.raises(HTTPError, match="Premium required. Needs Premium"):
        _http.send("PUT", "/me/player/pause", token="t", notes=notes)
    with pytest.raises(HTTPError, match="Forbidden|HTTP error") as caught:
        _http.send("PUT", "/me/player/pause", token="t", notes=notes)
    assert str(caught.value).endswith("Not allowed now")
