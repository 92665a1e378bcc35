"""A stand-in for the user's browser and for Spotify's accounts service, on 127.0.0.1 only.

``Browser`` is what a prompt's ``open_browser`` gets: given the authorisation
URL, a thread plays Spotify's redirect by GETting the redirect URI with a
code and the URL's state, as a browser would after the user agreed.
``accounts`` answers the token endpoint with tokens named after the code (or
refresh token) sent, so a test can tell users apart.
"""

from __future__ import annotations

import socket
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from loopback import Request, reply

WAIT = 5.0  # seconds any step may take


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (just now)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def query_of(url: str) -> dict[str, str]:
    """The first value of each query parameter."""
    return {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}


def get(url: str) -> tuple[int, str]:
    """GET a 127.0.0.1 URL without proxies: its status and text."""
    assert urlsplit(url).hostname == "127.0.0.1"
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=WAIT) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@dataclass
class Browser:
    """Callable as ``open_browser``: follows the redirect in a thread, after any ``detours`` (paths to GET first)."""

    code: str = "dummy-code"
    error: str | None = None
    detours: tuple[str, ...] = ()
    opened: list[str] = field(default_factory=list)
    answers: list[tuple[int, str]] = field(default_factory=list)
    threads: list[threading.Thread] = field(default_factory=list)

    def __call__(self, url: str) -> bool:
        self.opened.append(url)
        thread = threading.Thread(target=self._follow, args=(url,), daemon=True)
        self.threads.append(thread)
        thread.start()
        return True

    def _follow(self, url: str) -> None:
        query = query_of(url)
        redirect = query["redirect_uri"]
        base = f"{urlsplit(redirect).scheme}://{urlsplit(redirect).netloc}"
        for detour in self.detours:
            self.answers.append(get(base + detour))
        granted = {"error": self.error} if self.error else {"code": self.code}
        self.answers.append(get(f"{redirect}?{urlencode({**granted, 'state': query['state']})}"))

    def join(self) -> None:
        for thread in self.threads:
            thread.join(WAIT)
            assert not thread.is_alive()


def form_of(request: Request) -> dict[str, str]:
    """The form a token request sent."""
    return query_of("?" + request.body.decode())


def accounts(request: Request, conn: Any, *, rotate: bool = True) -> None:
    """The token endpoint: tokens named after the code or refresh token sent."""
    form = form_of(request)
    if request.path != "/accounts/api/token" or request.method != "POST":
        reply(conn, 404, {"error": "not_found"})
        return
    name = form.get("code") or form.get("refresh_token", "")
    if name == "dummy-refused":
        reply(conn, 400, {"error": "invalid_grant", "error_description": "Refresh token revoked"})
        return
    body: dict[str, Any] = {"access_token": f"access-for-{name}", "token_type": "Bearer", "expires_in": 3600,
                            "scope": "user-read-private"}
    if form.get("grant_type") == "authorization_code" or (rotate and "client_id" in form):
        body["refresh_token"] = f"refresh-for-{name}"
    reply(conn, 200, body)
