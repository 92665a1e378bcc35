"""The HTTP cache and the rate-limit gate shared by processes, through SQLite and a real ``redis-server``.

Each process is a fresh interpreter; the server is a loopback server of this
test process, which notes what every process sent.
"""

from __future__ import annotations

import json
import logging
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from loopback import Handler, Server
from test_aio import standin
from test_cache import per_token, sent, versioned
from test_gate import WINDOW, Limited

import spotlite
from spotlite.testing._standin.catalogue import MAIN_ALBUM

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

REPO = Path(__file__).resolve().parent.parent
TOKEN = "dummy-user-token"
CHILD = """
import json, sys, spotlite
spec, calls = json.loads(sys.argv[1]), json.loads(sys.argv[2])
if spec["kind"] == "sqlite":
    store = spotlite.SQLiteStore(spec["where"])
else:
    store = spotlite.RedisStore.from_url(spec["where"], prefix=spec["prefix"])
shared = {"cache": spotlite.SharedCache(store), "gate": spotlite.RateLimitGate(store)}
spotlite.configure(api_url=spec["api_url"], retries=spec.get("retries", 3),
                   **{name: shared[name] for name in spec["share"]})
out = []
for method, path, *body in calls:
    try:
        out.append(spotlite.request(spec["token"], method, path, json=body[0] if body else None))
    except spotlite.SpotliteError as error:
        out.append(type(error).__name__)
print(json.dumps(out))
"""



@pytest.fixture(params=["sqlite", "redis"])
def shared(request: pytest.FixtureRequest, tmp_path: Path, real_sleep: None) -> dict[str, Any]:
    """Where the processes of a test share their state: an SQLite file, or a real Redis (a prefix of its own)."""
    if request.param == "sqlite":
        return {"kind": "sqlite", "where": str(tmp_path / "shared.db")}
    return {"kind": "redis", "where": request.getfixturevalue("redis_url"), "prefix": f"test-{time.time_ns()}:"}


def process(spec: dict[str, Any], server: Server, calls: list[tuple[Any, ...]], *, share: tuple[str, ...] = ("cache",),
            token: str = TOKEN, **settings: Any) -> list[Any]:
    """Run ``calls`` in a fresh interpreter sharing ``share`` through the store; their answers (or error names)."""
    child = {**spec, "api_url": server.url + "/v1", "share": share, "token": token, **settings}
    done = subprocess.run([sys.executable, "-c", CHILD, json.dumps(child), json.dumps(calls)], cwd=REPO,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    answers: list[Any] = json.loads(done.stdout)
    return answers


def test_an_album_kept_by_one_process_is_served_to_another(loopback: Callable[[Handler], Server],
                                                           shared: dict[str, Any]) -> None:
    server = loopback(standin())
    album = ("GET", f"/albums/{MAIN_ALBUM}")
    first = process(shared, server, [album])
    assert process(shared, server, [album, album]) == first * 2
    assert sent(server) == [("GET", f"/v1/albums/{MAIN_ALBUM}", None)]


def test_a_playlist_kept_by_one_process_is_revalidated_by_another(loopback: Callable[[Handler], Server],
                                                                  shared: dict[str, Any]) -> None:
    server = loopback(standin())
    created = process(shared, server, [("POST", "/me/playlists", {"name": "Shared"})])[0]
    read = ("GET", f"/playlists/{created['id']}")
    assert process(shared, server, [read]) == process(shared, server, [read])
    _, (_, _, none), (_, _, revalidated) = sent(server)
    assert none is None and revalidated is not None and revalidated.startswith('"MC-')


def test_a_write_in_one_process_makes_another_ask_again(loopback: Callable[[Handler], Server],
                                                        shared: dict[str, Any]) -> None:
    handler, _ = versioned("public, max-age=3600")
    server = loopback(handler)
    read = ("GET", "/playlists/a")
    assert process(shared, server, [read, read]) == [{"name": "a v1"}] * 2
    assert process(shared, server, [("POST", "/playlists/a/items", {"uris": []}), read]) == [{"snapshot_id": "v2"}, {"name": "a v2"}]
    assert process(shared, server, [read]) == [{"name": "a v2"}]
    assert len(server.requests) == 3


def test_private_answers_stay_with_their_token_across_processes(loopback: Callable[[Handler], Server],
                                                                shared: dict[str, Any]) -> None:
    server = loopback(per_token("private, max-age=3600"))
    me = ("GET", "/me")
    assert process(shared, server, [me], token="first-users-token") == [{"id": "first-users-token"}]
    assert process(shared, server, [me], token="other-users-token") == [{"id": "other-users-token"}]
    assert process(shared, server, [me], token="first-users-token") == [{"id": "first-users-token"}]
    assert len(server.requests) == 2


def test_a_429_in_one_process_holds_the_calls_of_another(loopback: Callable[[Handler], Server],
                                                         shared: dict[str, Any]) -> None:
    limited = Limited()
    server = loopback(limited)
    album = ("GET", f"/albums/{MAIN_ALBUM}")
    assert process(shared, server, [album], share=("gate",), retries=0) == ["TooManyRequests"]
    assert process(shared, server, [album], share=("gate",)) == [{"id": "x", "name": "ok"}]
    assert limited.arrived[1] >= limited.limited_at + WINDOW  # the second process waited out the first's 429


def test_without_a_shared_gate_another_process_sends_at_once(loopback: Callable[[Handler], Server],
                                                             shared: dict[str, Any]) -> None:
    limited = Limited(retry_after=30)
    server = loopback(limited)
    album = ("GET", f"/albums/{MAIN_ALBUM}")
    assert process(shared, server, [album], share=(), retries=0) == ["TooManyRequests"]
    assert process(shared, server, [album], share=()) == [{"id": "x", "name": "ok"}]
    assert limited.arrived[1] < limited.limited_at + 30


def test_a_shared_cache_keeps_no_token_and_skips_what_it_did_not_write(loopback: Callable[[Handler], Server]) -> None:
    server = loopback(per_token("private, max-age=3600"))
    store = spotlite.MemoryStore()
    with spotlite.configured(cache=spotlite.SharedCache(store)):
        assert spotlite.request(TOKEN, "GET", "/me") == spotlite.request(TOKEN, "GET", "/me") == {"id": TOKEN}
        keys = list(store._values)
        assert len(keys) == 1 and TOKEN not in keys[0] and keys[0].startswith("http:")
        store.put(keys[0], b"not an answer this cache wrote")
        assert spotlite.request(TOKEN, "GET", "/me") == {"id": TOKEN}
    assert len(server.requests) == 2
    with pytest.raises(spotlite.InvalidInput, match="keep"):
        spotlite.SharedCache(store, keep=-1)
    assert repr(spotlite.RateLimitGate(store)) == f"RateLimitGate({store!r})"


def test_calls_go_on_when_the_store_fails(loopback: Callable[[Handler], Server],
                                          caplog: pytest.LogCaptureFixture) -> None:
    server = loopback(Limited(retry_after=1))
    with socket.socket() as unused:  # a port nothing listens on: a Redis that is down
        unused.bind(("127.0.0.1", 0))
        down = spotlite.RedisStore.from_url(f"redis://127.0.0.1:{unused.getsockname()[1]}/0")
    with spotlite.configured(cache=spotlite.SharedCache(down), gate=spotlite.RateLimitGate(down)), \
            caplog.at_level(logging.WARNING, logger="spotlite"):
        assert spotlite.request(TOKEN, "GET", "/albums/x") == {"id": "x", "name": "ok"}  # after a 429 and a retry
    assert len(server.requests) == 2
    failed = {(r.name, r.getMessage().split(" (")[0]) for r in caplog.records if "store failed" in r.getMessage()}
    assert failed == {("spotlite._cache", "the HTTP cache: its store failed"),
                      ("spotlite._gate", "the rate-limit gate: its store failed")}
