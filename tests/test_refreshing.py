"""``RefreshingToken`` and ``refresh`` against loopback stand-ins of the accounts service and the API."""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Callable
from urllib.parse import parse_qs

import pytest
from drivers import Call
from loopback import Handler, Request, Server, reply, stall

import spotlite
from spotlite import _token
from spotlite.errors import AuthError, InvalidInput, ServiceUnavailable, Timeout, Unauthorised

Loopback = Callable[[Handler], Server]
ME = {"id": "someone", "type": "user", "uri": "spotify:user:someone", "display_name": "Someone",
      "href": "https://api.spotify.com/v1/users/someone", "external_urls": {}}
HOUR = 3600.0


class Accounts:
    """The token endpoint and ``/v1/me`` of a stand-in that hands out numbered tokens."""

    def __init__(self, *, rotate: bool = False, refuse: str | None = None, fail: bool = False) -> None:
        self.issued = 0
        self.rotate, self.refuse, self.fail = rotate, refuse, fail
        self.forms: list[dict[str, list[str]]] = []
        self.delay = 0.0
        self.lock = threading.Lock()

    def __call__(self, request: Request, conn: socket.socket) -> None:
        if request.path.startswith("/accounts/api/token"):
            self.token(request, conn)
        elif request.headers.get("authorization") == f"Bearer access-{self.issued}":
            reply(conn, 200, ME)
        elif request.headers.get("authorization", "").startswith("Bearer access-"):
            reply(conn, 401, {"error": {"status": 401, "message": "The access token expired"}})
        else:
            reply(conn, 401, {"error": {"status": 401, "message": "Invalid access token"}})

    def token(self, request: Request, conn: socket.socket) -> None:
        if self.delay:
            stall(conn, self.delay)
        with self.lock:
            self.forms.append(parse_qs(request.body.decode()))
            if self.fail:
                reply(conn, 503, {"error": {"status": 503, "message": "Service unavailable"}})
                return
            if self.refuse:
                reply(conn, 400, {"error": self.refuse, "error_description": "Refresh token revoked"})
                return
            self.issued += 1
            body = {"access_token": f"access-{self.issued}", "token_type": "Bearer", "expires_in": 3600, "scope": ""}
            if self.rotate:
                body["refresh_token"] = f"refresh-{self.issued}"
            reply(conn, 200, body)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """A clock for token expiry that tests move by hand: ``clock[0] += HOUR``."""
    now = [time.time()]
    monkeypatch.setattr(_token.time, "time", lambda: now[0])
    return now


def user_token(number: int = 0, *, pkce: bool = False, expires_in: float = HOUR) -> spotlite.Token:
    return spotlite.Token(access_token=f"access-{number}", expires_at=_token.time.time() + expires_in,
                          refresh_token="refresh-0", uses_pkce=pkce)


def test_a_token_expiring_in_a_long_loop_is_refreshed_once(call: Call, loopback: Loopback, clock: list[float]) -> None:
    accounts = Accounts()
    loopback(accounts)
    token = spotlite.RefreshingToken(user_token(), "client-id", "client-secret")
    for _ in range(150):  # two and a half hours, a call a minute: refreshes at 60 and 120 minutes
        assert call(spotlite.current_user, token).id == "someone"
        clock[0] += 60
    assert accounts.issued == 2 and len(accounts.forms) == 2
    assert accounts.forms[0]["grant_type"] == ["refresh_token"] and accounts.forms[0]["refresh_token"] == ["refresh-0"]


def test_a_401_for_an_expired_token_refreshes_once_and_resends(call: Call, loopback: Loopback, clock: list[float]) -> None:
    accounts = Accounts()
    accounts.issued = 1  # the API already expects access-1: access-0 gets "The access token expired"
    server = loopback(accounts)
    token = spotlite.RefreshingToken(user_token(0), "client-id", "client-secret")
    assert call(spotlite.current_user, token).id == "someone"
    assert [r.headers.get("authorization") for r in server.requests if r.path == "/v1/me"] == [
        "Bearer access-0", "Bearer access-2"]


def test_other_401s_are_not_refreshed(call: Call, loopback: Loopback) -> None:
    accounts = Accounts()
    loopback(accounts)
    token = spotlite.RefreshingToken(spotlite.Token(access_token="forged", expires_at=time.time() + HOUR,
                                                    refresh_token="refresh-0"), "client-id", "client-secret")
    with pytest.raises(Unauthorised, match="Invalid access token"):
        call(spotlite.current_user, token)
    assert accounts.forms == []


def test_threads_sharing_one_token_through_an_expiry_refresh_once(call: Call, loopback: Loopback, clock: list[float]) -> None:
    accounts = Accounts()
    accounts.delay = 0.2  # the refresh takes a while: the other threads must wait for it
    loopback(accounts)
    token = spotlite.RefreshingToken(user_token(), "client-id", "client-secret")
    clock[0] += HOUR  # expired
    barrier, names, errors = threading.Barrier(8), [], []

    def one_call() -> None:
        barrier.wait(timeout=5)
        try:
            names.append(call(spotlite.current_user, token).id)
        except Exception as error:  # noqa: BLE001 - collected
            errors.append(error)

    threads = [threading.Thread(target=one_call) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert errors == [] and names == ["someone"] * 8
    assert len(accounts.forms) == 1


def test_a_failed_refresh_fails_every_waiting_thread_then_is_tried_again(call: Call, loopback: Loopback, clock: list[float]) -> None:
    accounts = Accounts(fail=True)
    accounts.delay = 0.2
    loopback(accounts)
    spotlite.configure(retries=0)
    token = spotlite.RefreshingToken(user_token(), "client-id", "client-secret")
    clock[0] += HOUR
    barrier, errors = threading.Barrier(4), []

    def one_call() -> None:
        barrier.wait(timeout=5)
        try:
            call(spotlite.current_user, token)
        except Exception as error:  # noqa: BLE001 - collected
            errors.append(error)

    threads = [threading.Thread(target=one_call) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert len(errors) == 4 and all(isinstance(e, ServiceUnavailable) for e in errors)
    assert len(accounts.forms) == 1
    accounts.fail, accounts.delay = False, 0.0
    assert call(spotlite.current_user, token).id == "someone"  # the next call tries again
    assert len(accounts.forms) == 2


def test_a_revoked_refresh_token_says_to_authorise_again_for_good(call: Call, loopback: Loopback, clock: list[float]) -> None:
    accounts = Accounts(refuse="invalid_grant")
    loopback(accounts)
    token = spotlite.RefreshingToken(user_token(), "client-id", "client-secret")
    clock[0] += HOUR
    with pytest.raises(AuthError, match="authorise again"):
        call(spotlite.current_user, token)
    with pytest.raises(AuthError, match="invalid_grant"):
        call(spotlite.current_user, token)
    assert len(accounts.forms) == 1


def test_rotated_refresh_tokens_reach_on_refresh_and_are_used(call: Call, loopback: Loopback, clock: list[float]) -> None:
    accounts = Accounts(rotate=True)
    loopback(accounts)
    seen: list[spotlite.Token] = []
    token = spotlite.RefreshingToken(user_token(pkce=True), "client-id", on_refresh=seen.append)
    for _ in range(2):
        clock[0] += HOUR
        call(spotlite.current_user, token)
    assert [t.refresh_token for t in seen] == ["refresh-1", "refresh-2"] and token.refresh_token == "refresh-2"
    assert [form["refresh_token"] for form in accounts.forms] == [["refresh-0"], ["refresh-1"]]
    assert all(form["client_id"] == ["client-id"] for form in accounts.forms)  # PKCE: no secret, the client ID


def test_an_app_token_renews_itself(call: Call, loopback: Loopback, clock: list[float]) -> None:
    accounts = Accounts()
    loopback(accounts)
    token = spotlite.RefreshingToken.for_client("client-id", "client-secret")
    assert token().access_token == "access-1"
    clock[0] += HOUR
    assert call(spotlite.current_user, token).id == "someone"
    assert [form["grant_type"] for form in accounts.forms] == [["client_credentials"]] * 2


def test_refresh_picks_the_flow_of_the_token(call: Call, loopback: Loopback) -> None:
    accounts = Accounts()
    loopback(accounts)
    call(spotlite.refresh, user_token(pkce=True), "client-id")
    call(spotlite.refresh, user_token(), "client-id", "client-secret")
    assert "client_id" in accounts.forms[0] and "client_id" not in accounts.forms[1]
    with pytest.raises(InvalidInput, match="client secret"):
        call(spotlite.refresh, user_token(), "client-id")
    with pytest.raises(InvalidInput, match="refresh token"):
        call(spotlite.refresh, spotlite.Token(access_token="a", expires_at=0), "client-id")
    assert len(accounts.forms) == 2


def test_a_refreshing_token_shows_no_secret() -> None:
    token = spotlite.RefreshingToken(user_token(), "client-id", "client-secret")
    assert "access-0" not in repr(token) and "refresh-0" not in repr(token) and "client-secret" not in str(token)
    with pytest.raises(InvalidInput, match="client secret"):
        spotlite.RefreshingToken(user_token(), "client-id")
    with pytest.raises(InvalidInput, match="no refresh token"):
        spotlite.RefreshingToken(spotlite.Token(access_token="a", expires_at=0), "client-id", "secret")


def test_one_deadline_bounds_the_call_and_the_refresh_after_a_401(call: Call, loopback: Loopback) -> None:
    """The refresh after a 401 gets what is left of the call's deadline, not a deadline of its own."""
    accounts = Accounts()
    accounts.delay = 10.0  # the token endpoint stalls (until the client hangs up)

    def slow_api(request: Request, conn: socket.socket) -> None:
        if not request.path.startswith("/accounts"):
            threading.Event().wait(1.6)  # the 401 comes late: most of the deadline is gone
        accounts(request, conn)

    server = loopback(slow_api)
    spotlite.configure(deadline=2.0, retries=0)
    token = spotlite.RefreshingToken(user_token(5), "client-id", "client-secret")  # the API says it expired
    start = time.monotonic()
    with pytest.raises(Timeout, match="deadline"):
        call(spotlite.current_user, token)
    assert time.monotonic() - start < 3.1  # a refresh with a deadline of its own would end after 3.6 s
    assert [request.path for request in server.requests] == ["/v1/me", "/accounts/api/token"]


def test_a_failing_on_refresh_is_logged_and_offered_again_until_it_takes_the_token(
    loopback: Loopback, clock: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    accounts = Accounts(rotate=True)
    loopback(accounts)
    offered: list[str | None] = []

    def save(new: spotlite.Token) -> None:
        offered.append(new.refresh_token)
        if len(offered) in (1, 2, 4):
            raise OSError(f"disk full, {new.refresh_token} and {new.access_token} not written")

    token = spotlite.RefreshingToken(user_token(pkce=True), "client-id", on_refresh=save)
    clock[0] += HOUR
    with caplog.at_level(logging.WARNING, logger="spotlite"):
        assert spotlite.current_user(token).id == "someone"  # refreshed before the call; the save failed
        assert offered == ["refresh-1"] and token.refresh_token == "refresh-1"
        assert spotlite.current_user(token).id == "someone"  # offered again at the next call, failed again
        assert spotlite.current_user(token).id == "someone"  # offered again, taken
        assert spotlite.current_user(token).id == "someone"  # taken: not offered again
        assert offered == ["refresh-1"] * 3
        accounts.issued += 1  # the API now refuses access-1 as expired: a 401, a refresh, a failed save
        assert spotlite.current_user(token).id == "someone"
        assert offered[3:] == ["refresh-3"]
        assert spotlite.current_user(token).id == "someone"
        assert offered[3:] == ["refresh-3", "refresh-3"]
    records = [record for record in caplog.records if record.name.startswith("spotlite")]
    assert len(records) == 3 and {record.levelno for record in records} == {logging.WARNING}
    text = "\n".join(record.getMessage() for record in records)
    assert "OSError: disk full" in text and "offered to it again" in text
    assert not any(secret in text for secret in ("refresh-1", "access-1", "refresh-3", "access-3"))
