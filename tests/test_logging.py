"""Logs for operators: a logger per module under ``spotlite``, silent unless configured, never a secret.

Every record of the whole test run is also checked for secrets (``conftest.SecretWatch``).
"""

from __future__ import annotations

import logging
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import SecretWatch
from drivers import Call
from loopback import Handler, Server, answer, reset, scripted

import spotlite
from spotlite.errors import PartialWriteError

Loopback = Callable[[Handler], Server]
TOKEN = "SECRET-BEARER-TOKEN-for-logs-0123"
ALBUM = "3RBULTZJ97bvVzZLpxcB0j"
OK = answer(200, {"id": ALBUM, "name": "ok"})
UNAVAILABLE = answer(503, {"error": {"status": 503, "message": "Service unavailable"}})
LIMITED = answer(429, {"error": {"status": 429, "message": "API rate limit exceeded"}}, {"Retry-After": "2"})
REPO = Path(__file__).resolve().parent.parent


def lines(caplog: pytest.LogCaptureFixture) -> list[tuple[str, str, str]]:
    return [(r.name, r.levelname, r.getMessage()) for r in caplog.records if r.name.startswith("spotlite")]


def test_one_debug_line_per_attempt_and_a_warning_per_retry(call: Call, loopback: Loopback,
                                                          caplog: pytest.LogCaptureFixture) -> None:
    loopback(scripted(UNAVAILABLE, LIMITED, lambda request, conn: reset(conn), OK))
    with caplog.at_level(logging.DEBUG, logger="spotlite"):
        call(spotlite.request, TOKEN, "GET", f"/albums/{ALBUM}", params={"market": "FI"})
    found = lines(caplog)
    assert [level for _, level, _ in found] == ["DEBUG", "WARNING"] * 3 + ["DEBUG"]
    assert {name for name, _, _ in found} == {"spotlite._http"}
    path = f"/v1/albums/{ALBUM}"  # never the query
    assert re.fullmatch(rf"GET {path} 503 \d+ ms \(attempt 1\)", found[0][2])
    assert re.fullmatch(rf"GET {path}: 503 Service Unavailable; waiting \d\.\d s before retry 1 of 3", found[1][2])
    assert re.fullmatch(rf"GET {path} 429 \d+ ms \(attempt 2\)", found[2][2])
    assert found[3][2] == f"GET {path}: 429 Too Many Requests: rate limited; waiting 2.0 s before retry 2 of 3"
    assert re.fullmatch(rf"GET {path} TransportError \d+ ms \(attempt 3\)", found[4][2])
    assert re.fullmatch(rf"GET {path}: failed \((ConnectionError|ClientOSError): .*\); waiting \d\.\d s before retry 3 of 3",
                        found[5][2])
    assert re.fullmatch(rf"GET {path} 200 \d+ ms \(attempt 4\)", found[6][2])


def test_at_warning_only_the_retries_show(call: Call, loopback: Loopback, caplog: pytest.LogCaptureFixture) -> None:
    loopback(scripted(UNAVAILABLE, OK))
    with caplog.at_level(logging.WARNING, logger="spotlite"):
        call(spotlite.request, TOKEN, "GET", f"/albums/{ALBUM}")
        call(spotlite.request, TOKEN, "GET", f"/albums/{ALBUM}")
    assert [level for _, level, _ in lines(caplog)] == ["WARNING"]


def test_a_partial_write_is_a_warning(call: Call, loopback: Loopback, caplog: pytest.LogCaptureFixture) -> None:
    loopback(scripted(answer(201, {"snapshot_id": "s1"}), UNAVAILABLE))
    items = [f"spotify:track:{n:022d}" for n in range(150)]
    with caplog.at_level(logging.WARNING, logger="spotlite"), pytest.raises(PartialWriteError) as caught:
        call(spotlite.playlist_add, TOKEN, "37i9dQZF1DXcBWIGoYBM5M", items)
    ((name, level, message),) = lines(caplog)
    assert (name, level) == ("spotlite.api._helpers", "WARNING")
    assert message.startswith("playlist_add: 100 of 150 items written before request 2 of 2 failed (ServiceUnavail")
    assert message in str(caught.value)


def test_a_refresh_is_logged_at_info_without_the_token(loopback: Loopback, caplog: pytest.LogCaptureFixture) -> None:
    issued = "SECRET-NEW-ACCESS-TOKEN-4567"
    loopback(lambda request, conn: conn.sendall(answer(200, {"access_token": issued, "token_type": "Bearer",
                                                             "expires_in": 3600, "refresh_token": "SECRET-R-89"})))
    old = spotlite.Token(access_token="SECRET-OLD-ACCESS-0123", expires_at=0, refresh_token="SECRET-REFRESH-0123")
    token = spotlite.RefreshingToken(old, "client-id", "SECRET-CLIENT-SECRET-for-logs")
    with caplog.at_level(logging.DEBUG, logger="spotlite"):
        assert token.access_token == issued
    found = lines(caplog)
    assert ("spotlite.refreshing", "INFO", "token refreshed; the new one expires in 3600 s") in found
    text = " ".join(message for _, _, message in found)
    assert "SECRET" not in text and "POST /accounts/api/token 200" in text


def test_cache_hits_are_logged_at_debug(call: Call, loopback: Loopback, caplog: pytest.LogCaptureFixture) -> None:
    loopback(lambda request, conn: conn.sendall(answer(200, {"id": "x"}, {"Cache-Control": "public, max-age=60"})))
    with spotlite.configured(cache=spotlite.MemoryCache()), caplog.at_level(logging.DEBUG, logger="spotlite"):
        call(spotlite.request, TOKEN, "GET", "/albums/x")
        call(spotlite.request, TOKEN, "GET", "/albums/x")
    assert re.fullmatch(r"GET /v1/albums/x from the cache \(fresh for (59|60) s more\)", lines(caplog)[-1][2])


def test_nothing_is_printed_unless_the_program_configures_logging(loopback: Loopback) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        server = loopback(scripted(UNAVAILABLE, OK))
        script = ("import logging, sys, spotlite\n"
                  f"spotlite.configure(api_url={server.url + '/v1'!r}, backoff=0.01)\n"
                  "if sys.argv[1:] == ['configured']:\n"
                  "    logging.basicConfig(level=logging.WARNING, format='%(name)s %(levelname)s %(message)s')\n"
                  f"spotlite.request({TOKEN!r}, 'GET', '/albums/x')\n"
                  "print(logging.getLogger('spotlite').handlers)\n")
        return subprocess.run([sys.executable, "-c", script, *args], check=False, capture_output=True, text=True,
                              timeout=60, cwd=REPO)

    silent = run()
    assert (silent.returncode, silent.stderr, silent.stdout) == (0, "", "[<NullHandler (NOTSET)>]\n")
    shown = run("configured")
    assert shown.stderr.startswith("spotlite._http WARNING GET /v1/albums/x: 503 Service Unavailable; waiting")


def test_the_watch_over_the_whole_run_finds_a_secret() -> None:
    sent = SimpleNamespace(
        headers={"Authorization": "Basic Y2xpZW50LWlkOmNsaWVudC1zZWNyZXQ=",
                 "Content-Type": "application/x-www-form-urlencoded"},
        body=b"grant_type=authorization_code&code=SECRET-CODE-123&code_verifier=SECRET-VERIFIER-456",
    )
    watch = SecretWatch()
    watch.saw_request(sent)
    watch.saw("SECRET-ACCESS-789")
    watch.saw_answer({"access_token": "SECRET-ISSUED-ACCESS", "refresh_token": "SECRET-ISSUED-REFRESH"})
    assert watch.secrets == {"client-secret", "Y2xpZW50LWlkOmNsaWVudC1zZWNyZXQ=", "SECRET-CODE-123",
                             "SECRET-VERIFIER-456", "SECRET-ACCESS-789", "SECRET-ISSUED-ACCESS",
                             "SECRET-ISSUED-REFRESH"}
    leak = logging.LogRecord("spotlite._http", logging.DEBUG, __file__, 1, "sent %s", ("SECRET-VERIFIER-456",), None)
    fine = logging.LogRecord("spotlite._http", logging.DEBUG, __file__, 1, "GET %s", ("/v1/me",), None)
    assert watch.leaks([leak, fine]) == ["spotlite._http DEBUG sent SECRET-VERIFIER-456"]
