"""The guides' recipes run as written: each ``<!-- recipe: name -->`` code block, against a loopback server.

A recipe uses the names a reader has (``token``, ``client_id``...); the test gives it those, runs the
block as it stands in the guide, and checks what reached the server.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from loopback import Handler, Request, Server, reply
from test_aio import standin

import spotlite
from spotlite.scope import Scope
from spotlite.testing._standin.defaults import default_state
from spotlite.testing._standin.fakeserver import answer as standin_answer
from spotlite.testing._standin.server import Request as StandinRequest

GUIDES = Path(__file__).resolve().parent.parent / "docs" / "guides"
RECIPE = re.compile(r"<!-- recipe: ([\w-]+) -->\n```python\n(.*?)\n```", re.DOTALL)
RECIPES = {name: code for page in sorted(GUIDES.glob("*.md")) for name, code in RECIPE.findall(page.read_text())}
PLAYLIST = "3cEYpjA9oz9GiPac4AsH4n"


def run(name: str, **names: Any) -> dict[str, Any]:
    """Run the recipe ``name`` as a reader's program would, with ``names`` defined; its names afterwards.

    A name the recipe sets to an example value (``proxy = "http://proxy.internal:3128"``) takes the
    test's value instead, when ``names`` has one.
    """
    code = RECIPES[name]
    for variable, value in names.items():
        code = re.sub(rf"^{variable} = .*?(  +#.*)?$", f"{variable} = {value!r}\\1", code, flags=re.MULTILINE)
    namespace: dict[str, Any] = {"__name__": f"recipe_{name}", **names}
    exec(compile(code, f"<recipe {name}>", "exec"), namespace)  # noqa: S102 - the guide's own code
    return namespace


def test_the_guides_hold_the_recipes() -> None:
    assert set(RECIPES) == {"dynamic-scoping", "localisation", "proxy-and-ca-bundle"}


def test_dynamic_scoping_asks_for_the_union_and_calls_again(
    loopback: Callable[[Handler], Server], monkeypatch: pytest.MonkeyPatch
) -> None:
    needs = {"/v1/me/top/tracks": "user-top-read", f"/v1/playlists/{PLAYLIST}/items": "playlist-modify-public"}
    answer = standin()

    def spotify(request: Request, conn: socket.socket) -> None:
        granted = Scope(request.headers["authorization"].removeprefix("Bearer granted:").split(","))
        needed = needs[request.path.split("?")[0]]
        if needed not in granted:
            reply(conn, 403, {"error": {"status": 403, "message": "Insufficient client scope"}})
        elif request.method == "POST":
            reply(conn, 201, {"snapshot_id": "snapshot-2"})
        else:  # the stand-in answers for its own user, whose token the granted scopes stand in for here
            request.headers["authorization"] = "Bearer dummy-user-token"
            answer(request, conn)

    server = loopback(spotify)
    consents: list[Scope] = []

    def consent(client_id: str, client_secret: str, redirect_uri: str, scope: Scope) -> spotlite.Token:
        consents.append(scope)
        return spotlite.Token(access_token="granted:" + ",".join(scope), expires_at=time.time() + 3600)

    monkeypatch.setattr(spotlite, "prompt_for_user_token", consent)
    names = run("dynamic-scoping", client_id="dummy-client-id", client_secret="dummy-client-secret",
                redirect_uri="http://127.0.0.1:8888/callback", playlist_id=PLAYLIST)
    assert consents == [Scope("user-top-read"),
                        Scope("user-top-read playlist-modify-public playlist-modify-private")]
    assert names["snapshot"] == "snapshot-2" and names["top"].items
    assert [request.method for request in server.requests] == ["GET", "POST", "POST"]  # refused once, then sent


def test_dynamic_scoping_lets_other_refusals_through(
    loopback: Callable[[Handler], Server], monkeypatch: pytest.MonkeyPatch
) -> None:
    loopback(lambda request, conn: reply(conn, 403, {"error": {"status": 403, "message": "Player command failed: "
                                                               "Premium required", "reason": "PREMIUM_REQUIRED"}}))
    monkeypatch.setattr(spotlite, "prompt_for_user_token", lambda *args, scope: spotlite.Token(
        access_token="granted:" + ",".join(scope), expires_at=time.time() + 3600))
    with pytest.raises(spotlite.Forbidden, match="Premium"):
        run("dynamic-scoping", client_id="i", client_secret="s", redirect_uri="r", playlist_id=PLAYLIST)


def test_localisation_sends_the_language_and_the_market(loopback: Callable[[Handler], Server]) -> None:
    server = loopback(standin())
    names = run("localisation", token="dummy-token")
    assert names["album"].name and names["mine"].id == names["album"].id
    assert [request.headers.get("accept-language") for request in server.requests] == ["fi", "fi"]
    assert [request.path.split("?")[1] for request in server.requests] == ["market=FI", "market=from_token"]


@pytest.fixture
def tls(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A stand-in served over TLS on 127.0.0.1, with a certificate of its own CA: its URL and that CA's file."""
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command, to make the server's certificate (apt-get install openssl)")
    cert, key = tmp_path / "company-ca.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True, timeout=60)

    class Answer(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            answered = standin_answer(StandinRequest("GET", self.path.split("?")[0], {}, b"", dict(self.headers)), state)
            body = json.dumps(answered.body).encode()
            self.send_response(answered.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    state = default_state()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Answer)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    serving = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    serving.start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}", cert
    finally:
        server.shutdown()
        server.server_close()
        serving.join(timeout=5)


def test_a_proxy_in_a_session(loopback: Callable[[Handler], Server], tmp_path: Path) -> None:
    proxy = loopback(standin())  # the proxy: answers what it is asked to forward, as the stand-in would
    loopback(lambda request, conn: reply(conn, 500, {}))  # the API, which only the proxy may reach
    names = run("proxy-and-ca-bundle", token="dummy-token", proxy=proxy.url, ca_bundle=str(tmp_path / "unused.pem"))
    assert names["me"].id
    assert [request.path for request in proxy.requests] == [f"{spotlite.settings().api_url}/me"]  # absolute: proxied


def test_a_ca_bundle_in_a_session(loopback: Callable[[Handler], Server], tls: tuple[str, Path]) -> None:
    url, ca_bundle = tls
    loopback(lambda request, conn: reply(conn, 500, {}))  # restores the settings after the test
    spotlite.configure(api_url=f"{url}/v1")
    names = run("proxy-and-ca-bundle", token="dummy-token", proxy=None, ca_bundle=str(ca_bundle))
    assert names["me"].id  # the server's certificate checked against the bundle
    names["session"].verify = True  # the usual CAs do not know this one
    with pytest.raises(spotlite.TransportError, match="CERTIFICATE_VERIFY_FAILED"):
        spotlite.current_user("dummy-token")
