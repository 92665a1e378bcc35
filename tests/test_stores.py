"""The stores: each backend's values, TTLs and locks, tokens as data, and RefreshingToken.from_store.

Redis is a real ``redis-server`` started on 127.0.0.1 for these tests; locks
held by processes are held by real child processes, killed for real.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from loopback import Request, Server, reply

import spotlite
from spotlite.stores import Backend

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import stores as scenario

SLEEP = time.sleep  # the tests' autouse fixture makes time.sleep return at once; these tests need it real
KINDS = ["memory", "file", "sqlite", "redis"]



@pytest.fixture(params=KINDS)
def spec(request: pytest.FixtureRequest, tmp_path: Path, real_sleep: None) -> dict[str, Any]:
    kind = request.param
    found: dict[str, Any] = {"kind": kind}
    if kind == "file":
        found["where"] = str(tmp_path / "tokens")
    elif kind == "sqlite":
        found["where"] = str(tmp_path / "tokens.db")
    elif kind == "redis":
        url = request.getfixturevalue("redis_url")
        found.update(where=url, lock_timeout=2.0)
        import redis

        redis.Redis.from_url(url).flushdb()
    return found


@pytest.fixture
def store(spec: dict[str, Any]) -> Any:
    return scenario.open_store(spec)


def user_token(access: str = "access-0", refresh: str | None = "refresh-0", expires_in: float = 3600) -> spotlite.Token:
    return spotlite.Token(access_token=access, expires_at=time.time() + expires_in, refresh_token=refresh,
                          scope="user-read-private")


# -- tokens as data --------------------------------------------------------------------------------------------


def test_a_token_survives_json() -> None:
    token = user_token()
    assert spotlite.Token.from_dict(json.loads(json.dumps(token.to_dict()))) == token
    assert spotlite.from_dict(spotlite.Token, spotlite.to_dict(token)) == token
    pkce = spotlite.Token(access_token="a", expires_at=1.5, uses_pkce=True)
    assert spotlite.Token.from_dict(pkce.to_dict()) == pkce


def test_from_dict_reads_spotifys_answer_and_spotipys_cache() -> None:
    answer = {"access_token": "a", "token_type": "bearer", "expires_in": 3600, "scope": "user-read-private",
              "refresh_token": "r"}
    before = time.time()
    token = spotlite.Token.from_dict(answer)
    assert before + 3600 <= token.expires_at <= time.time() + 3600
    assert (token.token_type, token.scope, token.refresh_token, token.uses_pkce) == ("Bearer", "user-read-private",
                                                                                       "r", False)
    spotipy = {**answer, "expires_at": 1767225600}  # Spotipy's .cache: expires_at is absolute
    assert spotlite.Token.from_dict(spotipy).expires_at == 1767225600


@pytest.mark.parametrize(("data", "message"), [
    ({"expires_at": 5}, "access_token must be a non-empty string, got none"),
    ({"access_token": "secret-value", "expires_at": "soon"}, "expires_at must be a number of seconds, got a string"),
    ({"access_token": "secret-value", "uses_pkce": "yes"}, "uses_pkce must be true or false, got a string"),
    ({"access_token": "secret-value", "refresh_token": 5}, "refresh_token must be a non-empty string, got a number"),
    (["secret-value"], "a token is read from a mapping, got an array"),
])
def test_from_dict_names_what_is_wrong_never_a_token(data: Any, message: str) -> None:
    with pytest.raises(spotlite.InvalidInput, match=message) as caught:
        spotlite.Token.from_dict(data)
    assert "secret-value" not in str(caught.value)


# -- every backend -----------------------------------------------------------------------------------------------


def test_values_by_key(store: Any) -> None:
    assert isinstance(store, Backend) and isinstance(store, spotlite.TokenStore)
    assert store.get("a key/with:odd..chars") is None
    store.put("a key/with:odd..chars", b"\x00\xffvalue")
    store.put(".lock", b"not the lock file")
    assert store.get("a key/with:odd..chars") == b"\x00\xffvalue"
    assert store.get(".lock") == b"not the lock file"
    store.put("a key/with:odd..chars", b"new")
    assert store.get("a key/with:odd..chars") == b"new"
    store.delete("a key/with:odd..chars")
    store.delete("never there")
    assert store.get("a key/with:odd..chars") is None
    long = "k" * 1000
    store.put(long, b"long key")
    assert store.get(long) == b"long key"


def test_a_value_expires_after_its_ttl(store: Any) -> None:
    store.put("short", b"v", ttl=0.3)
    store.put("kept", b"v")
    assert store.get("short") == b"v"
    SLEEP(0.5)
    assert store.get("short") is None
    assert store.get("kept") == b"v"


@pytest.mark.parametrize(("call", "message"), [
    (lambda s: s.get(""), "a store key must be a non-empty str"),
    (lambda s: s.put("k", "text"), "a store keeps bytes, got str"),
    (lambda s: s.put("k", b"v", ttl=0), "ttl must be None or a number of seconds more than 0"),
    (lambda s: s.save("k", {"access_token": "a"}), "save takes a Token, got dict"),
])
def test_bad_input_is_refused(store: Any, call: Callable[[Any], object], message: str) -> None:
    with pytest.raises(spotlite.InvalidInput, match=message):
        call(store)


def test_tokens_by_key_without_the_secret(store: Any) -> None:
    token = user_token()
    store.save("user-1", token)
    assert store.load("user-1") == token
    assert b"client-secret" not in (store.get("user-1") or b"")
    store.delete("user-1")
    assert store.load("user-1") is None


def test_a_lock_orders_threads(store: Any) -> None:
    inside, most = [0], [0]
    barrier = threading.Barrier(8)

    def take() -> None:
        barrier.wait()
        for _ in range(20):
            with store.lock("user-1"):
                inside[0] += 1
                most[0] = max(most[0], inside[0])
                SLEEP(0.0005)
                inside[0] -= 1

    threads = [threading.Thread(target=take) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert most[0] == 1
    with store.lock("user-1"), store.lock("user-2"):  # keys lock apart
        pass


@pytest.mark.parametrize("spec", ["file", "sqlite", "redis"], indirect=True)
def test_a_killed_holders_lock_is_free_within_the_bound(spec: dict[str, Any], store: Any) -> None:
    holder = subprocess.Popen([sys.executable, scenario.__file__, "hold", json.dumps(spec)], stdout=subprocess.PIPE,
                              text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    taken = threading.Event()

    def take() -> None:
        with store.lock(scenario.KEY):
            taken.set()

    waiter = threading.Thread(target=take)
    waiter.start()
    assert not taken.wait(0.3)  # the holder has it
    holder.send_signal(signal.SIGKILL)
    killed = time.monotonic()
    holder.wait(10)
    bound = spec.get("lock_timeout", 0.0)  # Redis: the lock's lifetime; files and SQLite: at once
    assert taken.wait(bound + 5.0)
    waiter.join(5)
    assert time.monotonic() - killed <= bound + 5.0


def test_a_redis_lock_is_released_only_by_its_holder(redis_url: str, real_sleep: None) -> None:
    import redis

    client = redis.Redis.from_url(redis_url)
    store = spotlite.RedisStore(client, prefix="t:", lock_timeout=0.3)
    with store.lock("k"):
        SLEEP(0.5)  # expired: another holder takes it
        assert client.set("t:lock:k", "another holder", nx=True, px=5000)
    assert client.get("t:lock:k") == b"another holder"  # the first holder's release left it alone
    assert client.pttl("t:lock:k") > 0


# -- the file store on disk ----------------------------------------------------------------------------------------


def test_file_store_is_private(tmp_path: Path) -> None:
    store = spotlite.FileStore(tmp_path / "tokens")
    store.save("user-1", user_token())
    assert stat.S_IMODE((tmp_path / "tokens").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "tokens" / "user-1").stat().st_mode) == 0o600
    assert json.loads((tmp_path / "tokens" / "user-1").read_text())["refresh_token"] == "refresh-0"
    database = spotlite.SQLiteStore(tmp_path / "tokens.db")
    assert stat.S_IMODE(os.stat(database.path).st_mode) == 0o600


WRITER = """
import sys
sys.path.insert(0, sys.argv[2])
import spotlite
store = spotlite.FileStore(sys.argv[1])
n = 1
store.put("user-1", b"1" * 200_000)  # one whole value first, however slowly this machine runs
print("writing", flush=True)
while True:
    n += 1
    store.put("user-1", str(n).encode() * 200_000)
"""


def test_a_killed_writer_leaves_a_whole_value_and_no_temporary_file(tmp_path: Path, real_sleep: None) -> None:
    folder = tmp_path / "tokens"
    for delay in (0.05, 0.11, 0.23):
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(folder), str(Path(spotlite.__file__).parents[1])],
                                  stdout=subprocess.PIPE, text=True)
        assert writer.stdout is not None and writer.stdout.readline().strip() == "writing"
        SLEEP(delay)
        writer.send_signal(signal.SIGKILL)
        writer.wait(10)
        for path in folder.iterdir():  # the value, and a finished file killed between its naming and its move
            assert path.name == "user-1" or (path.name.startswith(".user-1.") and path.name.endswith(".tmp"))
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
            value = path.read_bytes()
            digits = value[: len(value) // 200_000]
            assert value == digits * 200_000  # whole, never part of a value
            os.utime(path, (time.time() - 120, time.time() - 120))
        spotlite.FileStore(folder)  # the next store opened removes what a killed writer left
        assert sorted(p.name for p in folder.iterdir()) == ["user-1"]


# -- RefreshingToken.from_store -------------------------------------------------------------------------------------


class Accounts:
    """Rotates the refresh token on every refresh and refuses the old one; the API says 401 expired to ``dead``."""

    def __init__(self) -> None:
        self.refresh, self.generation, self.refreshes, self.dead = "refresh-0", 0, 0, {""}

    def __call__(self, request: Request, conn: Any) -> None:
        if request.path.endswith("/api/token"):
            form = dict(pair.split("=", 1) for pair in request.body.decode().split("&"))
            if form["refresh_token"] != self.refresh:
                reply(conn, 400, {"error": "invalid_grant", "error_description": "Invalid refresh token"})
                return
            self.generation += 1
            self.refreshes += 1
            self.refresh = f"refresh-{self.generation}"
            reply(conn, 200, {"access_token": f"access-{self.generation}", "token_type": "Bearer",
                              "expires_in": 3600, "refresh_token": self.refresh})
        elif request.headers.get("authorization", "").removeprefix("Bearer ") in self.dead:
            reply(conn, 401, {"error": {"status": 401, "message": "The access token expired"}})
        else:
            reply(conn, 200, {"id": "user-1"})


@pytest.fixture
def accounts(loopback: Callable[..., Server]) -> Accounts:
    service = Accounts()
    loopback(service)
    return service


def test_a_second_process_uses_the_token_the_first_refreshed(accounts: Accounts, store: Any) -> None:
    store.save("user-1", user_token(expires_in=10))  # due
    first = spotlite.RefreshingToken.from_store(store, "user-1", "id", "secret")
    second = spotlite.RefreshingToken.from_store(store, "user-1", "id", "secret")  # as another process would
    assert first().access_token == "access-1"
    saved = store.load("user-1")
    assert (saved.access_token, saved.refresh_token) == ("access-1", "refresh-1")
    assert second().access_token == "access-1"  # read again under the lock: no second refresh
    assert accounts.refreshes == 1


def test_a_warm_token_does_not_read_the_store(accounts: Accounts, store: Any) -> None:
    store.save("user-1", user_token())
    token = spotlite.RefreshingToken.from_store(store, "user-1", "id", "secret")
    store.delete("user-1")
    assert spotlite.request(token, "GET", "me") == {"id": "user-1"}


def test_after_a_401_another_processs_refresh_is_used(accounts: Accounts, store: Any) -> None:
    store.save("user-1", user_token())
    first = spotlite.RefreshingToken.from_store(store, "user-1", "id", "secret")
    second = spotlite.RefreshingToken.from_store(store, "user-1", "id", "secret")
    accounts.dead.add("access-0")  # revoked early: both get a 401 "expired"
    assert spotlite.request(first, "GET", "me") == {"id": "user-1"}
    assert spotlite.request(second, "GET", "me") == {"id": "user-1"}
    assert accounts.refreshes == 1
    assert second.token.access_token == "access-1"


def test_a_deleted_key_is_a_logged_out_user(accounts: Accounts, store: Any) -> None:
    with pytest.raises(spotlite.AuthError, match="no token is saved under the key 'user-1': the user logged out"):
        spotlite.RefreshingToken.from_store(store, "user-1", "id", "secret")
    store.save("user-1", user_token(expires_in=10))
    token = spotlite.RefreshingToken.from_store(store, "user-1", "id", "secret")
    store.delete("user-1")
    with pytest.raises(spotlite.AuthError, match="the user logged out") as caught:
        token()
    assert caught.value.error == "no_token"
    assert accounts.refreshes == 0


def test_from_store_checks_like_the_constructor(store: Any) -> None:
    store.save("user-1", user_token(refresh=None))
    with pytest.raises(spotlite.InvalidInput, match="no refresh token"):
        spotlite.RefreshingToken.from_store(store, "user-1", "id", "secret")
