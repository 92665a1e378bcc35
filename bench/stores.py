"""One user's token shared by processes through each store, against an accounts service that rotates.

    python bench/stores.py            # or: tox -e bench

A loopback accounts service (in this process) issues access tokens that live
``LIFETIME`` seconds and rotates the refresh token on every refresh, refusing
the old one (``invalid_grant``) as Spotify does for PKCE. Worker processes
(``PROCESSES`` x ``THREADS``) call its API with ``RefreshingToken.from_store``
on one key of the store for ``DURATION`` seconds: every call must succeed,
each token is refreshed once when it is due (refreshes == expiries), and no
refresh token is ever sent after it was rotated out. Part way through, a
process takes the key's lock just before the token is due and is killed with
SIGKILL while holding it: the others wait no longer than the store's bound.

Then the cost of a warm call: ``token()`` and a whole ``spotlite.request`` on
loopback, plain ``RefreshingToken`` against one made by ``from_store``, and
the Redis commands a warm call sends (none).

The tests (``tests/test_stores_shared.py``) run the same scenario, shorter.
Workers treat a token as due ``MARGIN`` seconds before it expires instead of
spotlite's minute, so that tokens of two seconds make sense.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import spotlite

LIFETIME, MARGIN = 2.0, 1.0  # seconds a token lives; due this long before it expires
PROCESSES, THREADS, DURATION = 4, 8, 20.0
PAUSE = 0.005  # seconds between one thread's calls
SLOW = 0.2  # calls longer than this are reported with their times
KEY = "user-1"
CLIENT_ID, CLIENT_SECRET = "bench-client", "bench-secret"


class Accounts:
    """The accounts service and a one-endpoint API: tokens rotate on refresh; old refresh tokens are refused."""

    def __init__(self, lifetime: float, margin: float) -> None:
        self.lifetime, self.margin = lifetime, margin
        self.lock = threading.Lock()
        self.generation = 0
        self.refresh_token = "refresh-0"
        self.issued = {"access-0": time.time()}  # access token -> when issued
        self.refreshes = self.invalid_grants = self.early = self.calls = self.rejected = 0
        self.last_call = 0.0  # when the last API call arrived

    def seed(self) -> spotlite.Token:
        """The first token, as a login would have saved it."""
        with self.lock:
            self.issued = {"access-0": time.time()}
            return spotlite.Token(access_token="access-0", expires_at=self.issued["access-0"] + self.lifetime,
                                  refresh_token=self.refresh_token, scope="user-read-private")

    def token(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        with self.lock:
            if form.get("refresh_token") != self.refresh_token:
                self.invalid_grants += 1
                return 400, {"error": "invalid_grant", "error_description": "Invalid refresh token"}
            current = f"access-{self.generation}"
            if self.issued[current] + self.lifetime - self.margin > time.time() + 0.05:
                self.early += 1  # refreshed before it was due
            self.generation += 1
            self.refreshes += 1
            access, self.refresh_token = f"access-{self.generation}", f"refresh-{self.generation}"
            self.issued[access] = time.time()
        return 200, {"access_token": access, "token_type": "Bearer", "expires_in": self.lifetime,
                     "refresh_token": self.refresh_token, "scope": "user-read-private"}

    def me(self, authorization: str) -> tuple[int, dict[str, Any]]:
        issued = self.issued.get(authorization.removeprefix("Bearer "))
        with self.lock:
            self.calls += 1
            self.last_call = time.time()
            if issued is None or issued + self.lifetime < time.time():
                self.rejected += 1
                return 401, {"error": {"status": 401, "message": "The access token expired"}}
        return 200, {"id": KEY, "type": "user"}

    def expiries(self) -> int:
        """Tokens that became due before the last call arrived: each must have been refreshed once.

        The last call, not the planned end: on a busy machine the workers' last
        calls arrive late, and a token falling due meanwhile is refreshed too.
        """
        with self.lock:
            return sum(1 for issued in self.issued.values() if issued + self.lifetime - self.margin < self.last_call)

    def stats(self) -> dict[str, int]:
        with self.lock:
            return {"refreshes": self.refreshes, "invalid_grants": self.invalid_grants, "early": self.early,
                    "calls": self.calls, "rejected": self.rejected}


@contextmanager
def serving(accounts: Accounts) -> Iterator[str]:
    """The service on 127.0.0.1 (a free port) for the block; its URL."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body are two writes: no 40 ms wait for an ACK between them
        timeout = 10  # an idle connection's thread ends

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            form = {k: v[0] for k, v in parse_qs(body.decode()).items()}
            self.answer(*accounts.token(form))

        def do_GET(self) -> None:
            self.answer(*accounts.me(self.headers.get("Authorization", "")))

        def answer(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    class Server(ThreadingHTTPServer):
        request_queue_size = 128  # 32 threads connect at once: a backlog of 5 would drop SYNs (a 1 s retry each)

    server = Server(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


NO_REDIS = "needs Debian's redis-server (apt-get install redis-server; .ci/run installs it)"


@contextmanager
def redis_server() -> Iterator[str]:
    """A real ``redis-server`` on 127.0.0.1 (a free port, nothing saved to disk) for the block; its URL."""
    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(200):  # up to 10 s to start listening
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError(f"redis-server ended with {process.returncode}") from None
                time.sleep(0.05)
        else:
            raise RuntimeError("redis-server did not listen within 10 s")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(10)


def open_store(spec: dict[str, Any]) -> Any:
    """The store a spec names: ``{"kind": "file" | "sqlite" | "redis" | "memory", "where": ..., "lock_timeout": ...}``."""
    kind, where = spec["kind"], spec.get("where")
    if kind == "file":
        return spotlite.FileStore(where)
    if kind == "sqlite":
        return spotlite.SQLiteStore(where)
    if kind == "redis":
        return spotlite.RedisStore.from_url(where, prefix="bench:", lock_timeout=spec["lock_timeout"])
    return spotlite.MemoryStore()


def calls(spec: dict[str, Any], token: Callable[[], spotlite.Token], threads: int) -> dict[str, Any]:
    """``threads`` threads calling the API from ``spec["start"]`` until ``spec["end"]`` (wall clock)."""
    results: list[dict[str, Any]] = []
    barrier = threading.Barrier(threads)

    def run() -> None:
        done, errors, slow = 0, [], []
        barrier.wait()
        time.sleep(max(0.0, spec["start"] - time.time()))
        while time.time() < spec["end"]:
            begun = time.time()
            try:
                spotlite.request(token, "GET", "me")
                done += 1
            except Exception as error:  # noqa: BLE001  (every failure is reported: none is expected)
                errors.append(f"{type(error).__name__}: {error}")
            ended = time.time()
            if ended - begun > SLOW:
                slow.append((begun, ended))
            time.sleep(PAUSE)
        results.append({"calls": done, "errors": errors, "slow": slow})

    workers = [threading.Thread(target=run) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return {"calls": sum(r["calls"] for r in results), "errors": [e for r in results for e in r["errors"]],
            "slow": [s for r in results for s in r["slow"]]}


def worker(spec: dict[str, Any], store: Any = None) -> dict[str, Any]:
    """One process: ``spec["threads"]`` threads sharing one ``RefreshingToken.from_store``."""
    spotlite.configure(accounts_url=spec["url"], api_url=spec["url"] + "/v1")
    spotlite._token.EXPIRING_SECONDS = spec["margin"]  # due MARGIN seconds before expiry, not a minute
    store = open_store(spec) if store is None else store
    token = spotlite.RefreshingToken.from_store(store, KEY, CLIENT_ID, CLIENT_SECRET)
    return calls(spec, token, spec["threads"])


def hold(spec: dict[str, Any]) -> None:
    """Take the key's lock, say so, and sleep: to be killed while holding it."""
    store = open_store(spec)
    with store.lock(KEY):
        print("held", flush=True)
        time.sleep(600)


def share(spec: dict[str, Any], processes: int, threads: int, duration: float, kill: bool = True) -> dict[str, Any]:
    """Run the scenario on one store; the service's counts, the workers' calls and the delay a kill caused."""
    accounts = Accounts(LIFETIME, MARGIN)
    with serving(accounts) as url:
        spec = {**spec, "url": url, "margin": MARGIN, "threads": threads}
        store = open_store(spec)
        store.save(KEY, accounts.seed())
        spec["start"] = time.time() + 2.0  # the workers' imports done
        spec["end"] = spec["start"] + duration
        here = os.path.abspath(__file__)
        if spec["kind"] == "memory":  # one process: the store is its memory
            spec["threads"] = processes * threads
            margin = spotlite._token.EXPIRING_SECONDS
            try:
                results = [worker(spec, store)]
            finally:
                spotlite._token.EXPIRING_SECONDS = margin
            killed = None
        else:
            procs = [subprocess.Popen([sys.executable, here, "worker", json.dumps(spec)], stdout=subprocess.PIPE,
                                      text=True) for _ in range(processes)]
            killed = kill_a_holder(spec, here) if kill else None
            results = []
            for proc in procs:
                out, _ = proc.communicate(timeout=duration + 60)
                if proc.returncode:
                    raise RuntimeError(f"a worker ended with {proc.returncode}")
                results.append(json.loads(out))
        stats = accounts.stats()
        stats["expiries"] = accounts.expiries()
    slow = [s for r in results for s in r["slow"]]
    stats.update(
        processes=1 if spec["kind"] == "memory" else processes, threads=spec["threads"], duration=duration,
        worker_calls=sum(r["calls"] for r in results), errors=[e for r in results for e in r["errors"]],
        slowest=max((end - begun for begun, end in slow), default=0.0),
        delay_after_kill=None if killed is None else max(
            (end - killed for begun, end in slow if begun < killed < end), default=0.0),
    )
    return stats


def kill_a_holder(spec: dict[str, Any], here: str) -> float:
    """Have a process take the lock as the token of the second generation falls due, and SIGKILL it."""
    due = spec["start"] + 2 * (LIFETIME - MARGIN)
    time.sleep(max(0.0, due - 0.3 - time.time()))
    holder = subprocess.Popen([sys.executable, here, "hold", json.dumps(spec)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None
    if holder.stdout.readline().strip() != "held":
        raise RuntimeError("the holder did not take the lock")
    time.sleep(max(0.0, due + 0.5 - time.time()))  # the others are waiting for it now
    holder.send_signal(signal.SIGKILL)
    killed = time.time()
    holder.wait(10)
    return killed


def specs(folder: Path, redis_url: str | None, lock_timeout: float) -> dict[str, dict[str, Any]]:
    """One spec per store; the bound a dead holder's lock is free within, per store."""
    found = {"memory": {"kind": "memory"}, "file": {"kind": "file", "where": str(folder / "tokens")},
             "sqlite": {"kind": "sqlite", "where": str(folder / "tokens.db")}}
    if redis_url is not None:
        found["redis"] = {"kind": "redis", "where": redis_url, "lock_timeout": lock_timeout}
    return found


# -- the cost of a warm call --------------------------------------------------------------------------------

ROUNDS, SECONDS = 7, 0.3


def rate(call: Callable[[], object]) -> float:
    count, begun = 0, time.perf_counter()
    while time.perf_counter() - begun < SECONDS:
        call()
        count += 1
    return count / (time.perf_counter() - begun)


def warm_costs(folder: Path, redis_url: str | None) -> list[tuple[str, float, float, float, float]]:
    """Per store: token() ns and calls/s, against a plain RefreshingToken in interleaved rounds."""
    accounts = Accounts(3600.0, 60.0)
    rows = []
    with serving(accounts) as url:
        spotlite.configure(accounts_url=url, api_url=url + "/v1")
        plain = spotlite.RefreshingToken(accounts.seed(), CLIENT_ID, CLIENT_SECRET)
        for name, spec in specs(folder, redis_url, 30.0).items():
            store = open_store(spec)
            store.save(KEY, plain.token)
            stored = spotlite.RefreshingToken.from_store(store, KEY, CLIENT_ID, CLIENT_SECRET)
            hand: dict[str, list[float]] = {"plain": [], "store": []}
            whole: dict[str, list[float]] = {"plain": [], "store": []}
            for _ in range(ROUNDS):
                for label, token in (("plain", plain), ("store", stored)):
                    hand[label].append(rate(token))
                    whole[label].append(rate(lambda token=token: spotlite.request(token, "GET", "me")))
            ns = {label: 1e9 / statistics.median(values) for label, values in hand.items()}
            per_s = {label: statistics.median(values) for label, values in whole.items()}
            rows.append((name, ns["plain"], ns["store"], per_s["plain"], per_s["store"]))
    return rows


def redis_commands_per_warm_call(redis_url: str) -> float:
    import redis

    client = redis.Redis.from_url(redis_url)
    accounts = Accounts(3600.0, 60.0)
    with serving(accounts) as url:
        spotlite.configure(accounts_url=url, api_url=url + "/v1")
        store = spotlite.RedisStore(client, prefix="warm:")
        store.save(KEY, accounts.seed())
        token = spotlite.RefreshingToken.from_store(store, KEY, CLIENT_ID, CLIENT_SECRET)
        before = int(client.info("stats")["total_commands_processed"])
        for _ in range(1000):
            spotlite.request(token, "GET", "me")
        after = int(client.info("stats")["total_commands_processed"])
    return (after - before - 1) / 1000  # the second INFO is one command


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="spotlite-bench-"))
    try:
        with (redis_server() if shutil.which("redis-server") else _nothing()) as redis_url:
            if redis_url is None:
                print("redis-server is not installed: the Redis store is left out")
            print(f"{PROCESSES} processes x {THREADS} threads on one key, tokens of {LIFETIME:g} s (due after "
                  f"{LIFETIME - MARGIN:g} s), {DURATION:g} s, a lock holder killed with SIGKILL part way:")
            print("| store | calls | failed | refreshes | expiries | invalid_grant | early | slowest call | "
                  "delay after the kill | bound |")
            print("|---|---|---|---|---|---|---|---|---|---|")
            for name, spec in specs(folder, redis_url, 3.0).items():
                stats = share(spec, PROCESSES, THREADS, DURATION)
                bound = "3 s (lock_timeout)" if name == "redis" else "at once" if name != "memory" else "-"
                delay = stats["delay_after_kill"]
                print(f"| {name} ({stats['processes']}x{stats['threads']}) | {stats['worker_calls']} | {len(stats['errors'])} | "
                      f"{stats['refreshes']} | {stats['expiries']} | {stats['invalid_grants']} | {stats['early']} | "
                      f"{stats['slowest']:.2f} s | {'-' if delay is None else f'{delay:.2f} s'} | {bound} |")
                for error in stats["errors"][:3]:
                    print("   ", error)
            print("\nA warm call: the token handed out, and a whole spotlite.request on loopback (medians of 7):")
            print("| store | token() plain | token() from_store | calls/s plain | calls/s from_store | ratio |")
            print("|---|---|---|---|---|---|")
            for name, plain_ns, store_ns, plain_rate, store_rate in warm_costs(folder, redis_url):
                print(f"| {name} | {plain_ns:.0f} ns | {store_ns:.0f} ns | {plain_rate:.0f} | {store_rate:.0f} | "
                      f"{store_rate / plain_rate:.3f} |")
            if redis_url is not None:
                print(f"\nRedis commands per warm call: {redis_commands_per_warm_call(redis_url):.3f}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def _nothing() -> Iterator[None]:
    yield None


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "worker":
        print(json.dumps(worker(json.loads(sys.argv[2]))))
    elif len(sys.argv) == 3 and sys.argv[1] == "hold":
        hold(json.loads(sys.argv[2]))
    else:
        main()
