"""``python -m spotlite login`` and ``python -m spotlite token``, in-process and as a real subprocess."""

from __future__ import annotations

import base64
import builtins
import getpass
import os
import stat
import subprocess
import sys
import time
import webbrowser
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from browser import Browser, accounts, form_of, free_port, query_of
from loopback import Handler, Request, Server, reply

import spotlite
from spotlite.__main__ import main

CHANGELOG = Path(__file__).resolve().parent.parent / "CHANGELOG.md"

CLIENT_ID = "dummy-client-id"
CLIENT_SECRET = "dummy-client-secret"
ROOT = Path(__file__).resolve().parent.parent
SLEEP = time.sleep  # the autouse fixture makes time.sleep return at once
NAMES = ("SPOTIFY_CLIENT_ID", "SPOTIFY_CLIENT_SECRET", "SPOTIFY_REDIRECT_URI", "SPOTIFY_USER_REFRESH")

Loopback = Callable[[Handler], Server]


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in NAMES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(webbrowser, "open", lambda url: pytest.fail("opened a real browser"))


def answers(monkeypatch: pytest.MonkeyPatch, replies: dict[str, str | Callable[[], str]], secret: str | None) -> None:
    """Answer ``input`` by the start of its prompt, and ``getpass`` with ``secret`` (None: must not be asked)."""

    def ask(prompt: str = "") -> str:
        reply = next(value for start, value in replies.items() if prompt.startswith(start))
        return reply if isinstance(reply, str) else reply()

    def ask_secret(prompt: str = "Password: ", stream: object = None) -> str:
        assert secret is not None, "asked for the secret"
        return secret

    monkeypatch.setattr(builtins, "input", ask)
    monkeypatch.setattr(getpass, "getpass", ask_secret)


def test_login_catches_the_redirect_and_writes_a_private_file(
    loopback: Loopback, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server = loopback(accounts)
    redirect = f"http://127.0.0.1:{free_port()}/callback"
    browser = Browser(code="cli")
    monkeypatch.setattr(webbrowser, "open", browser)
    answers(monkeypatch, {"Client ID": CLIENT_ID, "Redirect URI": redirect}, CLIENT_SECRET)
    path = tmp_path / "user.cfg"

    assert main(["login", "--file", str(path), "--timeout", "5"]) == 0
    browser.join()

    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert spotlite.config_from_file(path, return_refresh=True) == (CLIENT_ID, CLIENT_SECRET, redirect,
                                                                     "refresh-for-cli")
    assert path.read_text().startswith("[DEFAULT]\nSPOTIFY_CLIENT_ID = dummy-client-id\n")
    assert len(query_of(browser.opened[0])["scope"].split()) == len(spotlite.scope.every)
    assert form_of(server.requests[0])["code"] == "cli"
    out = capsys.readouterr().out
    assert f"Wrote the refresh token to {path}" in out and "refresh-for-cli" not in out


def test_pkce_login_from_the_environment_pasted(
    loopback: Loopback, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server = loopback(accounts)
    redirect = f"http://127.0.0.1:{free_port()}/callback"
    monkeypatch.setenv("SPOTIFY_CLIENT_ID", CLIENT_ID)
    monkeypatch.setenv("SPOTIFY_CLIENT_SECRET", "")  # set and empty: PKCE, no question
    monkeypatch.setenv("SPOTIFY_REDIRECT_URI", redirect)
    monkeypatch.chdir(tmp_path)
    opened: list[str] = []

    def paste() -> str:
        url = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("http"))
        opened.append(url)
        return f"{redirect}?code=pkce&state={query_of(url)['state']}"

    answers(monkeypatch, {"Paste": paste}, None)
    argv = ["login", "--no-browser", "--no-catch", "--scope", "user-top-read user-read-private", "--scope",
            "user-read-email"]
    assert main(argv) == 0

    path = tmp_path / "spotlite.cfg"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert spotlite.config_from_file(path, return_refresh=True, missing_ok=True) == (
        CLIENT_ID, None, redirect, "refresh-for-pkce")
    assert "SPOTIFY_CLIENT_SECRET = \n" in path.read_text()
    assert query_of(opened[0])["scope"] == "user-read-email user-read-private user-top-read"
    assert "code_verifier" in form_of(server.requests[0])


def test_login_needs_a_client_id(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    answers(monkeypatch, {"Client ID": ""}, None)
    assert main(["login", "--file", str(tmp_path / "x.cfg")]) == 1
    assert capsys.readouterr().err.startswith("spotlite: a client ID is needed")
    assert not (tmp_path / "x.cfg").exists()


def test_token_prints_only_the_access_token(loopback: Loopback, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    server = loopback(accounts)
    path = tmp_path / "spotlite.cfg"
    spotlite.config_to_file(path, (CLIENT_ID, CLIENT_SECRET, "http://127.0.0.1:8888/callback", "old"))
    before = path.read_text()

    assert main(["token", "--file", str(path)]) == 0
    assert capsys.readouterr() == ("access-for-old\n", "")
    assert path.read_text() == before  # no new refresh token: the file is left alone
    sent = server.requests[0]
    assert form_of(sent) == {"grant_type": "refresh_token", "refresh_token": "old"}
    assert base64.b64decode(sent.headers["authorization"].removeprefix("Basic ")).decode() == (
        f"{CLIENT_ID}:{CLIENT_SECRET}")


def test_token_saves_a_rotated_refresh_token(loopback: Loopback, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    server = loopback(accounts)
    path = tmp_path / "spotlite.cfg"
    spotlite.config_to_file(path, (CLIENT_ID, "", "http://127.0.0.1:8888/callback", "old"))  # PKCE

    assert main(["token", "--file", str(path)]) == 0
    assert capsys.readouterr() == ("access-for-old\n", "")
    assert form_of(server.requests[0]) == {"grant_type": "refresh_token", "refresh_token": "old",
                                           "client_id": CLIENT_ID}
    assert "authorization" not in server.requests[0].headers
    assert spotlite.config_from_file(path, return_refresh=True, missing_ok=True) == (
        CLIENT_ID, None, "http://127.0.0.1:8888/callback", "refresh-for-old")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_token_failures_are_one_line(loopback: Loopback, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    loopback(accounts)
    assert main(["token", "--file", str(tmp_path / "missing.cfg")]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err == f"spotlite: no file {tmp_path / 'missing.cfg'}: run `python -m spotlite login` first\n"

    path = tmp_path / "spotlite.cfg"
    spotlite.config_to_file(path, (CLIENT_ID, CLIENT_SECRET, "http://127.0.0.1:8888/callback", "dummy-refused"))
    assert main(["token", "--file", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("spotlite: ") and err.count("\n") == 1 and "invalid_grant" in err
    assert "dummy-refused" not in err

    path.write_text("secret-looking-line\n")
    assert main(["token", "--file", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"spotlite: cannot read {path}: not an INI file") and err.count("\n") == 1
    assert "secret-looking-line" not in err

    spotlite.config_to_file(tmp_path / "bare.cfg", (CLIENT_ID, CLIENT_SECRET, "uri"))
    assert main(["token", "--file", str(tmp_path / "bare.cfg")]) == 1
    assert "no refresh token" in capsys.readouterr().err


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    err = capsys.readouterr().err
    assert "login" in err and "token" in err


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "spotlite", *args], capture_output=True, text=True, env=env,
                          timeout=30, check=False)


def test_help_as_a_real_program() -> None:
    top = run("--help")
    assert top.returncode == 0 and "login" in top.stdout and "token" in top.stdout
    token = run("token", "--help")
    assert token.returncode == 0 and "--file" in token.stdout and "Authorization: Bearer" in token.stdout
    login = run("login", "--help")
    assert login.returncode == 0 and "--scope" in login.stdout and "PKCE" in login.stdout


def test_a_missing_file_as_a_real_program(tmp_path: Path) -> None:
    done = run("token", "--file", str(tmp_path / "none.cfg"))
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.startswith("spotlite: no file") and "Traceback" not in done.stderr


def test_version_is_the_package_version() -> None:
    done = subprocess.run([sys.executable, "-m", "spotlite", "--version"], capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 0
    assert done.stdout == f"spotlite {spotlite.__version__} (spotlite-client)\n"
    assert spotlite.__version__.count(".") == 2 and f"## {spotlite.__version__}" in CHANGELOG.read_text()


LOGIN_PROGRAM = """
import sys
import spotlite
from spotlite.__main__ import main
spotlite.configure(accounts_url=sys.argv[1])
sys.exit(main(sys.argv[2:]))
"""


def test_login_without_a_browser_takes_the_paste_at_once_as_a_real_program(
    loopback: Loopback, tmp_path: Path
) -> None:
    """``python -m spotlite login --no-browser`` over SSH: the URL pasted on its standard input, at once."""
    server = loopback(accounts)
    redirect = f"http://127.0.0.1:{free_port()}/callback"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SPOTIFY_CLIENT_ID": CLIENT_ID,
           "SPOTIFY_CLIENT_SECRET": CLIENT_SECRET, "SPOTIFY_REDIRECT_URI": redirect}
    path = tmp_path / "user.cfg"
    argv = [server.url + "/accounts", "login", "--no-browser", "--timeout", "30", "--file", str(path)]
    started = time.monotonic()
    with subprocess.Popen([sys.executable, "-u", "-c", LOGIN_PROGRAM, *argv], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) as login:
        assert login.stdin is not None and login.stdout is not None
        try:
            shown = [login.stdout.readline()]
            while shown[-1] and not shown[-1].startswith("Waiting"):  # the URL, then the wait for either
                shown.append(login.stdout.readline())
            assert "or paste the URL here" in shown[-1]
            url = next(line.strip() for line in shown if line.startswith("http"))
            login.stdin.write(f"{redirect}?code=pasted&state={query_of(url)['state']}\n")
            login.stdin.flush()
            out, err = login.communicate(timeout=20)
        finally:
            login.kill()
    assert login.returncode == 0, err
    assert time.monotonic() - started < 15  # not after the 30 s given to the browser
    assert "Logged in" in out
    assert spotlite.config_from_file(path, return_refresh=True)[3] == "refresh-for-pasted"


TOKEN_RUN = """
import sys
sys.path.insert(0, sys.argv[1])
import spotlite
from spotlite.__main__ import main
spotlite.configure(accounts_url=sys.argv[2])
sys.exit(main(["token", "--file", sys.argv[3]]))
"""


def test_token_runs_at_once_on_one_file_both_succeed(loopback: Loopback, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Spotify rotates the refresh token and refuses the old one: the runs take turns, each with the latest."""
    monkeypatch.setattr(time, "sleep", SLEEP)
    latest = ["old"]

    def rotating(request: Request, conn: Any) -> None:
        sent = form_of(request)["refresh_token"]
        if sent != latest[0]:
            reply(conn, 400, {"error": "invalid_grant", "error_description": "Invalid refresh token"})
            return
        SLEEP(0.3)  # long enough for the other run to try meanwhile, were it not waiting
        latest[0] = sent + "+"
        reply(conn, 200, {"access_token": f"access-for-{sent}", "expires_in": 3600, "refresh_token": latest[0]})

    server = loopback(rotating)
    path = tmp_path / "spotlite.cfg"
    spotlite.config_to_file(path, (CLIENT_ID, "", "http://127.0.0.1:8888/callback", "old"))  # PKCE
    runs = [subprocess.Popen([sys.executable, "-c", TOKEN_RUN, str(ROOT), server.url + "/accounts", str(path)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    done = [run.communicate(timeout=60) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], done
    assert sorted(out for out, _ in done) == ["access-for-old\n", "access-for-old+\n"]
    assert spotlite.config_from_file(path, return_refresh=True, missing_ok=True)[3] == "old++"
