"""Logging users in: the two-step web login, and the prompts that catch the redirect themselves."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import socket
import threading
import time
import webbrowser
from collections.abc import Callable
from typing import Any

import pytest
from browser import Browser, accounts, form_of, free_port, query_of
from loopback import Handler, Server

import spotlite
from spotlite import PendingAuthorisation
from spotlite._catcher import loopback_address
from spotlite.errors import AuthError, InvalidInput

CLIENT_ID = "dummy-client-id"
CLIENT_SECRET = "dummy-client-secret"
WEB_REDIRECT = "https://app.example/callback"

Loopback = Callable[[Handler], Server]


def never_asked(prompt: str) -> str:
    raise AssertionError(f"asked {prompt!r}")


def redirected(pending: PendingAuthorisation, **params: str) -> str:
    """The URL Spotify would send the user back to."""
    query = "&".join(f"{name}={value}" for name, value in {"state": pending.state, **params}.items())
    return f"{pending.redirect_uri}?{query}"


def through_session(pending: PendingAuthorisation) -> PendingAuthorisation:
    """What a web app gets back from the user's session: the dict, through JSON."""
    return PendingAuthorisation.from_dict(json.loads(json.dumps(pending.to_dict())))


# The two-step web login


def test_two_users_log_in_at_once(loopback: Loopback) -> None:
    server = loopback(accounts)
    alice = spotlite.begin_authorisation(CLIENT_ID, WEB_REDIRECT, spotlite.scope.every)
    bob = spotlite.begin_authorisation(CLIENT_ID, WEB_REDIRECT, "user-read-private", pkce=True)
    assert alice.state != bob.state and len(alice.state) >= 32
    assert server.requests == []  # beginning sends nothing

    bob_token = spotlite.finish_authorisation(through_session(bob), redirected(bob, code="bob"))
    alice_token = spotlite.finish_authorisation(through_session(alice), redirected(alice, code="alice"), CLIENT_SECRET)

    assert (alice_token.access_token, alice_token.refresh_token) == ("access-for-alice", "refresh-for-alice")
    assert (bob_token.access_token, bob_token.refresh_token) == ("access-for-bob", "refresh-for-bob")
    assert bob_token.uses_pkce and not alice_token.uses_pkce
    bob_sent, alice_sent = server.requests
    assert form_of(bob_sent) == {"grant_type": "authorization_code", "code": "bob", "redirect_uri": WEB_REDIRECT,
                                 "client_id": CLIENT_ID, "code_verifier": bob.code_verifier}
    assert "authorization" not in bob_sent.headers
    assert form_of(alice_sent) == {"grant_type": "authorization_code", "code": "alice", "redirect_uri": WEB_REDIRECT}
    pair = base64.b64decode(alice_sent.headers["authorization"].removeprefix("Basic ")).decode()
    assert pair == f"{CLIENT_ID}:{CLIENT_SECRET}"


def test_a_users_redirect_does_not_finish_another_users_login(loopback: Loopback) -> None:
    server = loopback(accounts)
    alice = spotlite.begin_authorisation(CLIENT_ID, WEB_REDIRECT)
    bob = spotlite.begin_authorisation(CLIENT_ID, WEB_REDIRECT)
    with pytest.raises(AuthError, match="state") as caught:
        spotlite.finish_authorisation(alice, redirected(bob, code="bob"), CLIENT_SECRET)
    assert caught.value.error == "state_mismatch"
    assert server.requests == []


def test_refusal_and_missing_secret_send_nothing(loopback: Loopback) -> None:
    server = loopback(accounts)
    pending = spotlite.begin_authorisation(CLIENT_ID, WEB_REDIRECT)
    with pytest.raises(AuthError) as caught:
        spotlite.finish_authorisation(pending, redirected(pending, error="access_denied"), CLIENT_SECRET)
    assert caught.value.error == "access_denied"
    with pytest.raises(InvalidInput, match="client secret"):
        spotlite.finish_authorisation(pending, redirected(pending, code="c"))
    with pytest.raises(InvalidInput, match="no code"):
        spotlite.finish_authorisation(pending, redirected(pending), CLIENT_SECRET)
    with pytest.raises(InvalidInput, match="PendingAuthorisation"):
        spotlite.finish_authorisation(pending.to_dict(), redirected(pending, code="c"), CLIENT_SECRET)  # type: ignore[arg-type]
    assert server.requests == []


def test_pending_is_json_and_builds_the_url() -> None:
    pending = spotlite.begin_authorisation(CLIENT_ID, WEB_REDIRECT, ["user-top-read", "user-read-private",
                                                                     "user-top-read"], pkce=True, show_dialog=True)
    data = pending.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert set(data) == {"url", "state", "client_id", "redirect_uri", "scope", "code_verifier"}
    assert PendingAuthorisation(**data) == pending == through_session(pending)  # type: ignore[arg-type]
    assert pending.scope == "user-read-private user-top-read" and pending.uses_pkce
    assert pending.code_verifier is not None and pending.code_verifier not in repr(pending)
    assert query_of(pending.url) == {
        "client_id": CLIENT_ID, "response_type": "code", "redirect_uri": WEB_REDIRECT,
        "scope": "user-read-private user-top-read", "state": pending.state, "show_dialog": "true",
        "code_challenge": base64.urlsafe_b64encode(hashlib.sha256(pending.code_verifier.encode()).digest())
        .decode().rstrip("="),
        "code_challenge_method": "S256",
    }
    with pytest.raises(dataclasses.FrozenInstanceError):
        pending.state = "other"  # type: ignore[misc]

    plain = spotlite.begin_authorisation(CLIENT_ID, WEB_REDIRECT, frozenset({"user-read-email"}))
    assert plain.to_dict()["code_verifier"] is None and not plain.uses_pkce
    assert "code_challenge" not in query_of(plain.url) and query_of(plain.url)["scope"] == "user-read-email"
    assert "scope" not in query_of(spotlite.begin_authorisation(CLIENT_ID, WEB_REDIRECT).url)
    constants = [spotlite.scope.user_top_read, spotlite.scope.user_read_email]  # str or Scope: both work
    assert spotlite.begin_authorisation(CLIENT_ID, WEB_REDIRECT, constants).scope == "user-read-email user-top-read"
    assert spotlite.begin_authorisation(CLIENT_ID, WEB_REDIRECT, " a  b ").scope == "a b"


def test_a_bad_pending_dict_is_invalid_input() -> None:
    data = spotlite.begin_authorisation(CLIENT_ID, WEB_REDIRECT).to_dict()
    cases: list[tuple[dict[str, Any], str]] = [
        ({**data, "state": ""}, "state"),
        ({**data, "state": None}, "state"),
        ({**data, "code_verifier": 5}, "code_verifier"),
        ({**data, "extra": "x"}, "extra"),
        ({k: v for k, v in data.items() if k != "url"}, "url"),
    ]
    for bad, message in cases:
        with pytest.raises(InvalidInput, match=message):
            PendingAuthorisation.from_dict(bad)
    with pytest.raises(InvalidInput):
        PendingAuthorisation.from_dict(["not", "a", "dict"])  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="client ID"):
        spotlite.begin_authorisation("", WEB_REDIRECT)
    with pytest.raises(InvalidInput, match="iterable of str"):
        spotlite.begin_authorisation(CLIENT_ID, WEB_REDIRECT, [1, 2])  # type: ignore[list-item]


# Prompts for scripts


def test_the_prompt_catches_the_redirect(loopback: Loopback, capsys: pytest.CaptureFixture[str]) -> None:
    server = loopback(accounts)
    redirect = f"http://127.0.0.1:{free_port()}/callback"
    browser = Browser(code="caught", detours=("/favicon.ico", "/callback?code=stale&state=old-tab", "/callback"))
    token = spotlite.prompt_for_user_token(CLIENT_ID, CLIENT_SECRET, redirect, spotlite.scope.every,
                                           read_input=never_asked, open_browser=browser, timeout=5)
    browser.join()
    assert token.access_token == "access-for-caught"
    assert [status for status, _ in browser.answers] == [404, 400, 400, 200]
    assert "close this tab" in browser.answers[-1][1]
    assert [form_of(r)["code"] for r in server.requests] == ["caught"]
    assert browser.opened[0] in capsys.readouterr().out


def test_the_pkce_prompt_catches_the_redirect(loopback: Loopback) -> None:
    server = loopback(accounts)
    redirect = f"http://127.0.0.1:{free_port()}/"
    browser = Browser(code="pkce")
    token = spotlite.prompt_for_pkce_token(CLIENT_ID, redirect, "user-read-private",
                                           read_input=never_asked, open_browser=browser, timeout=5)
    browser.join()
    assert token.uses_pkce and token.refresh_token == "refresh-for-pkce"
    assert "code_verifier" in form_of(server.requests[0])


def test_a_refusal_caught_sends_nothing(loopback: Loopback) -> None:
    server = loopback(accounts)
    browser = Browser(error="access_denied")
    with pytest.raises(AuthError) as caught:
        spotlite.prompt_for_user_token(CLIENT_ID, CLIENT_SECRET, f"http://127.0.0.1:{free_port()}/cb",
                                       read_input=never_asked, open_browser=browser, timeout=5)
    browser.join()
    assert caught.value.error == "access_denied" and browser.answers[-1][0] == 200
    assert server.requests == []


def test_without_a_browser_a_paste_is_taken_at_once(loopback: Loopback, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """Over SSH the browser never comes back to this machine: the paste is asked for and taken at once."""
    loopback(accounts)
    monkeypatch.setattr(webbrowser, "open", lambda url: pytest.fail("opened a browser"))
    redirect = f"http://127.0.0.1:{free_port()}/callback"

    def paste(prompt: str) -> str:
        out = capsys.readouterr().out
        assert "Visit this URL" in out and "or paste the URL here" in out and prompt.startswith("Paste")
        url = next(line for line in out.splitlines() if line.startswith("http"))
        return f"{redirect}?code=pasted&state={query_of(url)['state']}\n"

    started = time.monotonic()
    for prompt in (spotlite.prompt_for_user_token, spotlite.prompt_for_pkce_token):
        arguments = (CLIENT_ID, CLIENT_SECRET, redirect) if prompt is spotlite.prompt_for_user_token else (
            CLIENT_ID, redirect)
        token = prompt(*arguments, read_input=paste, open_browser=False, timeout=20)  # type: ignore[operator]
        assert token.access_token == "access-for-pasted"
    assert time.monotonic() - started < 10  # not after the 20 s given to the browser


def test_nothing_back_in_time_then_the_paste(loopback: Loopback, capsys: pytest.CaptureFixture[str]) -> None:
    loopback(accounts)
    redirect = f"http://127.0.0.1:{free_port()}/callback"
    opened: list[str] = []

    def slow_paste(prompt: str) -> str:
        threading.Event().wait(0.3)  # longer than the browser was given
        return f"{redirect}?code=pasted&state={query_of(opened[0])['state']}"

    token = spotlite.prompt_for_user_token(CLIENT_ID, CLIENT_SECRET, redirect, read_input=slow_paste,
                                           open_browser=opened.append, timeout=0.05)
    assert token.access_token == "access-for-pasted" and "Nothing came back in time" in capsys.readouterr().out


def test_the_redirect_caught_while_the_paste_is_asked_for_wins(loopback: Loopback) -> None:
    server = loopback(accounts)
    redirect = f"http://127.0.0.1:{free_port()}/callback"
    asked, never = threading.Event(), threading.Event()

    def no_paste(prompt: str) -> str:  # a user who never pastes: asked at once, and waiting
        asked.set()
        never.wait(30)
        return "too late"

    browser = Browser(code="caught")

    def open_late(url: str) -> bool:  # the browser comes back once the paste was asked for
        threading.Thread(target=lambda: asked.wait(5) and browser(url), daemon=True).start()
        return True

    try:
        token = spotlite.prompt_for_pkce_token(CLIENT_ID, redirect, read_input=no_paste, open_browser=open_late,
                                               timeout=10)
    finally:
        never.set()
    browser.join()
    assert asked.is_set() and token.access_token == "access-for-caught"
    assert [form_of(r)["code"] for r in server.requests] == ["caught"]


def test_a_busy_port_means_pasting_at_once(loopback: Loopback) -> None:
    loopback(accounts)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        redirect = f"http://127.0.0.1:{busy.getsockname()[1]}/callback"
        opened: list[str] = []

        def paste(prompt: str) -> str:
            return f"{redirect}?code=pasted&state={query_of(opened[0])['state']}"

        started = time.monotonic()
        token = spotlite.prompt_for_pkce_token(CLIENT_ID, redirect, read_input=paste, open_browser=opened.append,
                                               timeout=60)
    assert time.monotonic() - started < 5
    assert token.access_token == "access-for-pasted"


def test_open_browser_true_is_webbrowser(loopback: Loopback, monkeypatch: pytest.MonkeyPatch) -> None:
    loopback(accounts)
    browser = Browser(code="default")
    monkeypatch.setattr(webbrowser, "open", browser)
    token = spotlite.prompt_for_user_token(CLIENT_ID, CLIENT_SECRET, f"http://127.0.0.1:{free_port()}/cb",
                                           read_input=never_asked, timeout=5)
    browser.join()
    assert token.access_token == "access-for-default"


@pytest.mark.parametrize(("redirect", "catch"), [(f"http://127.0.0.1:{free_port()}/cb", False),
                                               ("http://localhost:8888/cb", True)])
def test_catching_off_or_not_loopback_pastes_at_once(loopback: Loopback, redirect: str, catch: bool) -> None:
    loopback(accounts)
    opened: list[str] = []

    def paste(prompt: str) -> str:
        return f"{redirect}?code=pasted&state={query_of(opened[0])['state']}"

    started = time.monotonic()
    token = spotlite.prompt_for_user_token(CLIENT_ID, CLIENT_SECRET, redirect, read_input=paste,
                                           open_browser=opened.append, catch_redirect=catch, timeout=60)
    assert time.monotonic() - started < 5 and token.access_token == "access-for-pasted"


def test_prompt_checks_before_asking() -> None:
    with pytest.raises(InvalidInput, match="prompt_for_pkce_token"):
        spotlite.prompt_for_user_token(CLIENT_ID, "", WEB_REDIRECT, read_input=never_asked, open_browser=False)
    with pytest.raises(InvalidInput, match="open_browser"):
        spotlite.prompt_for_user_token(CLIENT_ID, CLIENT_SECRET, WEB_REDIRECT, read_input=never_asked,
                                       open_browser="firefox")  # type: ignore[arg-type]


@pytest.mark.parametrize(("uri", "address"), [
    ("http://127.0.0.1:8888/callback", ("127.0.0.1", 8888)),
    ("http://127.0.0.2:9000", ("127.0.0.2", 9000)),
    ("http://[::1]:8888/callback", ("::1", 8888)),
    ("http://localhost:8888/callback", None),
    ("https://127.0.0.1:8888/callback", None),
    ("http://127.0.0.1/callback", None),
    ("http://10.0.0.1:8888/callback", None),
    ("http://127.0.0.1:99999/callback", None),
    ("https://app.example/callback", None),
])
def test_which_redirects_are_caught(uri: str, address: tuple[str, int] | None) -> None:
    assert loopback_address(uri) == address


def test_an_idle_connection_does_not_hold_up_the_redirect(loopback: Loopback) -> None:  # loopback: no cassette
    from spotlite._catcher import Catcher

    redirect = f"http://127.0.0.1:{free_port()}/callback"
    catcher = Catcher.listen(redirect, "s1")
    assert catcher is not None
    with socket.create_connection(("127.0.0.1", int(redirect.split(":")[2].split("/")[0])), timeout=5):  # a preconnect
        browser = Browser(code="late")
        browser(f"https://accounts.example/authorize?redirect_uri={redirect}&state=s1")
        started = time.monotonic()
        assert catcher.wait(5) == f"{redirect}?code=late&state=s1"
        assert time.monotonic() - started < 4
    browser.join()
    assert browser.answers == [(200, browser.answers[0][1])] and "close this tab" in browser.answers[0][1]


def test_idle_connections_time_out_and_never_lock_the_redirect_out(
    loopback: Loopback, monkeypatch: pytest.MonkeyPatch  # loopback: no cassette
) -> None:
    from spotlite import _catcher

    monkeypatch.setattr(_catcher, "HEAD_TIMEOUT", 0.5, raising=False)  # raising: the probe runs on any version
    port = free_port()
    redirect = f"http://127.0.0.1:{port}/callback"
    catcher = _catcher.Catcher.listen(redirect, "s1")
    assert catcher is not None
    caught: list[str | None] = []
    waiting = threading.Thread(target=lambda: caught.append(catcher.wait(20)), daemon=True)
    waiting.start()
    idle: list[socket.socket] = []
    try:
        lone = socket.create_connection(("127.0.0.1", port), timeout=5)
        idle.append(lone)
        assert lone.recv(1) == b""  # closed by the catcher, which is still waiting
        assert waiting.is_alive() and caught == []
        for _ in range(3 * _catcher.MAX_CONNECTIONS):  # many more idle ones than may be open at once
            idle.append(socket.create_connection(("127.0.0.1", port), timeout=5))
        idle[-1].sendall(b"GET /callback?state=s1 HTTP/1.1\r\n")  # a head that never ends
        browser = Browser(code="late")
        browser(f"https://accounts.example/authorize?redirect_uri={redirect}&state=s1")
        browser.join()
        waiting.join(10)
    finally:
        for conn in idle:
            conn.close()
    assert caught == [f"{redirect}?code=late&state=s1"]
    assert browser.answers[0][0] == 200 and "close this tab" in browser.answers[0][1]
