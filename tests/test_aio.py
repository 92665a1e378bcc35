"""``spotlite.aio``: the sync functions as coroutines, on a loopback stand-in with emulated latency."""

from __future__ import annotations

import ast
import asyncio
import contextvars
import importlib
import inspect
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from loopback import Handler, Request, Server, answer, stall

import spotlite
from spotlite import aio
from spotlite.testing._standin.catalogue import BIG_ALBUM, MAIN_ALBUM, UNKNOWN
from spotlite.testing._standin.defaults import default_state
from spotlite.testing._standin.fakeserver import answer as standin_answer
from spotlite.testing._standin.server import Request as StandinRequest

TOKEN = "dummy-user-token"
LATENCY = 0.02
AIO_SOURCE = Path(aio.__file__)
OWN_NAMES = {"configure", "all_items", "all_pages"}  # not wrapped: aio's own
REPO = Path(__file__).resolve().parent.parent


def standin(latency: float = 0.0) -> Handler:
    """A loopback handler answering as the stand-in does, after ``latency`` seconds.

    It waits on an Event, not with ``time.sleep``: the autouse fixture makes that a no-op.
    """
    state = default_state()

    def handle(request: Request, conn: socket.socket) -> None:
        if latency:
            threading.Event().wait(latency)
        url = urlsplit(request.path)
        headers = {"-".join(part.capitalize() for part in name.split("-")): v for name, v in request.headers.items()}
        query = dict(parse_qsl(url.query, keep_blank_values=True))
        reply = standin_answer(StandinRequest(request.method, url.path, query, request.body, headers), state)
        raw = reply.body if isinstance(reply.body, bytes) else None
        conn.sendall(answer(reply.status, None if raw is not None else reply.body, reply.headers, raw=raw))

    return handle


async def requests_arrive(server: Server, count: int) -> None:
    """Wait until the server has read ``count`` requests (at most 2 s)."""
    for _ in range(200):
        if len(server.requests) >= count:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"{len(server.requests)} requests arrived, not {count}")


def asyncio_workers() -> list[threading.Thread]:
    """The threads of event loops' default executors still alive."""
    return [t for t in threading.enumerate() if t.name.startswith("asyncio_")]


@pytest.fixture
def executor() -> Iterator[ThreadPoolExecutor]:
    """An executor of the test's own, set with ``aio.configure`` and reset afterwards."""
    pool = ThreadPoolExecutor(1, thread_name_prefix="aio-test")
    old = aio.configure(executor=pool)
    yield pool
    aio.configure(executor=old)
    pool.shutdown(wait=False, cancel_futures=True)


# Concurrency


def test_concurrent_calls_overlap_and_the_loop_keeps_running(loopback: Callable[[Handler], Server]) -> None:
    """The first calls meet in the server at once, and the event loop ticks while the server holds them.

    No clock is read: calls run one after another, or a loop blocked by them, would leave the server
    waiting for its barrier or for a tick, and the generous waits below would fail instead of hanging.
    (How fast the calls are, and how long the loop waits, is measured by ``bench/aio.py``.)
    """
    together = 4  # fewer than the default executor's threads on any machine (min(32, CPUs + 4))
    arrived = threading.Barrier(together, timeout=30)
    held = threading.Event()  # the server holds ``together`` calls at once
    ticked = threading.Event()  # the loop ran while they were held
    outcomes: list[str] = []
    answer_as_standin = standin(LATENCY)

    def handle(request: Request, conn: socket.socket) -> None:
        if len(outcomes) < together and not held.is_set():
            try:
                arrived.wait()
                held.set()
                outcomes.append("ticked" if ticked.wait(30) else "the loop did not run while calls were held")
            except threading.BrokenBarrierError:
                outcomes.append("the calls did not overlap")
        answer_as_standin(request, conn)

    server = loopback(handle)
    calls = 50

    async def main() -> list[spotlite.models.FullAlbum]:
        done = asyncio.Event()

        async def ticker() -> None:
            while not done.is_set():
                await asyncio.sleep(0.005)
                if held.is_set():
                    ticked.set()

        ticking = asyncio.create_task(ticker())
        albums = await asyncio.gather(*(aio.album(TOKEN, MAIN_ALBUM) for _ in range(calls)))
        done.set()
        await ticking
        return albums

    albums = asyncio.run(main())
    assert outcomes == ["ticked"] * together
    assert len(server.requests) == calls
    assert {album.id for album in albums} == {MAIN_ALBUM}


def test_context_variables_reach_the_worker(loopback: Callable[[Handler], Server]) -> None:
    loopback(standin())
    seen: list[str] = []
    current = contextvars.ContextVar("current", default="unset")

    def token() -> str:  # a token source, called in the worker thread
        seen.append(f"{current.get()} in {threading.current_thread().name}")
        return TOKEN

    async def main() -> None:
        current.set("request 7")
        await aio.album(token, MAIN_ALBUM)

    asyncio.run(main())
    assert seen == [seen[0]] and seen[0].startswith("request 7 in asyncio_")


# Cancellation and timeouts


def test_a_cancelled_call_ends_within_the_deadline(loopback: Callable[[Handler], Server]) -> None:
    stalls: list[float] = []
    hung_up = threading.Event()

    def stalling(request: Request, conn: socket.socket) -> None:
        start = time.monotonic()
        stall(conn, 10)
        stalls.append(time.monotonic() - start)
        hung_up.set()

    server = loopback(stalling)
    spotlite.configure(deadline=2)  # the loopback fixture restores the settings

    async def main() -> float:
        task = asyncio.create_task(aio.album(TOKEN, MAIN_ALBUM))
        await requests_arrive(server, 1)
        cancelled = time.monotonic()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert time.monotonic() - cancelled < 1.5  # the await ends at once, not at the deadline; the worker goes on
        return cancelled

    cancelled = asyncio.run(main())  # waits for the default executor's threads when it ends
    assert time.monotonic() - cancelled < 5  # the deadline (2 s), with room; not the 10 s stall
    assert asyncio_workers() == []
    assert hung_up.wait(5) and stalls[0] < 5  # the worker hung up at the deadline, not after 10 s
    assert len(server.requests) == 1


def test_wait_for_timing_out_leaves_no_worker_past_the_deadline(loopback: Callable[[Handler], Server]) -> None:
    server = loopback(lambda request, conn: stall(conn, 10))
    spotlite.configure(deadline=2)

    async def main() -> float:
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(aio.album(TOKEN, MAIN_ALBUM), 0.1)
        return time.monotonic()

    timed_out = asyncio.run(main())
    assert time.monotonic() - timed_out < 5  # the deadline, not the stall
    assert asyncio_workers() == []
    assert len(server.requests) == 1


def test_a_queued_call_cancelled_is_never_sent(
    loopback: Callable[[Handler], Server], executor: ThreadPoolExecutor
) -> None:
    server = loopback(lambda request, conn: stall(conn, 10))
    spotlite.configure(deadline=2)

    async def main() -> float:
        running = asyncio.create_task(aio.album(TOKEN, MAIN_ALBUM))
        queued = asyncio.create_task(aio.track(TOKEN, MAIN_ALBUM))  # waits for the executor's only thread
        await requests_arrive(server, 1)
        running.cancel()
        queued.cancel()
        outcomes = await asyncio.gather(running, queued, return_exceptions=True)
        assert [type(outcome) for outcome in outcomes] == [asyncio.CancelledError] * 2
        return time.monotonic()

    cancelled = asyncio.run(main())
    ending = threading.Thread(target=executor.shutdown, kwargs={"wait": True})
    ending.start()
    ending.join(timeout=5)
    assert not ending.is_alive() and time.monotonic() - cancelled < 5  # the worker ended at the deadline
    assert [request.path.split("?")[0] for request in server.requests] == [f"/v1/albums/{MAIN_ALBUM}"]


# Errors, paging, tokens


def test_errors_arrive_as_spotlites_own(loopback: Callable[[Handler], Server]) -> None:
    server = loopback(standin())

    async def main() -> None:
        with pytest.raises(spotlite.NotFound, match="Resource not found") as missing:
            await aio.album(TOKEN, UNKNOWN)
        assert missing.value.status == 404 and missing.value.url.endswith(f"/albums/{UNKNOWN}")
        with pytest.raises(spotlite.InvalidInput, match="limit"):
            await aio.album_tracks(TOKEN, MAIN_ALBUM, limit=51)
        with pytest.raises(spotlite.InvalidInput):
            await aio.album(TOKEN, "..")
        with pytest.raises(spotlite.InvalidToken):
            await aio.album(42, MAIN_ALBUM)  # type: ignore[arg-type]

    asyncio.run(main())
    assert len(server.requests) == 1  # the invalid input never left


def test_pages_walked_asynchronously(loopback: Callable[[Handler], Server]) -> None:
    server = loopback(standin(LATENCY))

    async def main() -> None:
        first = await aio.album_tracks(TOKEN, BIG_ALBUM, limit=7)
        pages = [page async for page in aio.all_pages(TOKEN, first)]
        assert [len(page.items) for page in pages] == [7, 50, 3]
        assert [page.offset for page in pages] == [0, 7, 57]
        names = [track.name async for track in aio.all_items(TOKEN, first)]
        assert names == [f"Song No. {n}" for n in range(1, 61)]
        following = await aio.next_page(TOKEN, first)
        assert following is not None and following.offset == 7 and len(following.items) == 7
        assert await aio.previous_page(TOKEN, following) is not None
        assert await aio.previous_page(TOKEN, first) is None
        async for page in aio.all_pages(TOKEN, first):  # leaving early fetches no more
            break

    asyncio.run(main())
    assert len(server.requests) == 1 + 2 + 2 + 1 + 1  # the first page, all_pages, all_items, next, previous


def test_a_refreshing_token_refreshes_once_in_a_worker(loopback: Callable[[Handler], Server]) -> None:
    server = loopback(standin(LATENCY))
    due = spotlite.Token(access_token="dummy-old-token", expires_at=time.time(), refresh_token="dummy-refresh-token")
    refreshed_in: list[str] = []
    token = spotlite.RefreshingToken(due, "client-id", "client-secret",
                                     on_refresh=lambda new: refreshed_in.append(threading.current_thread().name))

    async def main() -> None:
        albums = await asyncio.gather(*(aio.album(token, MAIN_ALBUM) for _ in range(10)))
        assert len(albums) == 10

    asyncio.run(main())
    assert [r.path for r in server.requests].count("/accounts/api/token") == 1
    assert len(refreshed_in) == 1 and refreshed_in[0].startswith("asyncio_")
    assert token.token.access_token == "dummy-access-token"
    assert {r.headers["authorization"] for r in server.requests if r.path.startswith("/v1/")} == {
        "Bearer dummy-access-token"
    }


def test_a_refreshing_token_refreshes_after_a_401_for_an_expired_token(loopback: Callable[[Handler], Server]) -> None:
    server = loopback(standin())
    expired = spotlite.Token(access_token="dummy-expired-token", expires_at=time.time() + 3600,
                             refresh_token="dummy-refresh-token")
    token = spotlite.RefreshingToken(expired, "client-id", "client-secret")
    album = asyncio.run(aio.album(token, MAIN_ALBUM))
    assert album.id == MAIN_ALBUM
    assert [r.path.split("?")[0] for r in server.requests] == [
        f"/v1/albums/{MAIN_ALBUM}", "/accounts/api/token", f"/v1/albums/{MAIN_ALBUM}"
    ]


def test_auth_twins_talk_to_the_accounts_service(loopback: Callable[[Handler], Server]) -> None:
    loopback(standin())

    async def main() -> None:
        client = await aio.request_client_token("client-id", "client-secret")
        assert client.access_token and client.refresh_token is None  # a token the fake issued
        user = await aio.request_user_token("client-id", "client-secret", "http://127.0.0.1:8080/cb", "a-code")
        fresh = await aio.refresh(user, "client-id", "client-secret")
        assert fresh.refresh_token == "dummy-refresh-token"
        with pytest.raises(spotlite.AuthError, match="invalid_grant|revoked"):
            await aio.refresh_user_token("client-id", "client-secret", "dummy-expired-refresh-token")
        assert await aio.request(TOKEN, "GET", f"/albums/{MAIN_ALBUM}") is not None

    asyncio.run(main())


# The names, their signatures and their types


def test_every_twin_is_its_sync_function_as_a_coroutine() -> None:
    assert sorted(aio.__all__) == sorted(set(aio.__all__))
    twins = [name for name in aio.__all__ if name not in OWN_NAMES]
    endpoints = {name for module, names in spotlite._EXPORTS.items() if module.startswith("api.") for name in names}
    network_auth = {"request_client_token", "request_user_token", "refresh_user_token", "request_pkce_token",
                    "refresh_pkce_token", "refresh"}
    assert set(twins) == endpoints | network_auth | {"next_page", "previous_page"}
    assert len(endpoints) >= 100
    for name in aio.__all__:
        twin, sync = getattr(aio, name), getattr(spotlite, name, None)
        if name == "configure":
            continue
        assert sync is not None, name
        assert twin.__name__ == name and twin.__module__ == "spotlite.aio", name
        assert list(inspect.signature(twin).parameters) == list(inspect.signature(sync).parameters), name
        for mine, theirs in zip(inspect.signature(twin).parameters.values(), inspect.signature(sync).parameters.values()):
            assert (mine.kind, mine.default) == (theirs.kind, theirs.default), f"{name}: {mine}"
        assert f"The async twin of ``spotlite.{name}``" in (twin.__doc__ or ""), name
        if name in ("all_pages", "all_items"):
            assert inspect.isasyncgenfunction(twin), name
            assert (twin.__doc__ or "").splitlines()[0] == (sync.__doc__ or "").splitlines()[0], name
            continue
        assert (twin.__doc__ or "").startswith((sync.__doc__ or "").rstrip()), name
        assert inspect.iscoroutinefunction(twin) and twin.__wrapped__ is sync, name
        assert inspect.signature(twin) == inspect.signature(sync), name
        assert getattr(aio, name) is twin, f"{name} is built once"
    assert not hasattr(aio, "authorisation_url") and not hasattr(aio, "prompt_for_user_token")
    with pytest.raises(AttributeError, match="no attribute 'nonsense'"):
        aio.nonsense  # type: ignore[attr-defined]  # noqa: B018
    assert set(aio.__all__) <= set(dir(aio))


def test_the_declarations_for_type_checkers_match_the_names() -> None:
    """Each ``name = _async(_module.name)`` under TYPE_CHECKING, from the module the name lives in."""
    tree = ast.parse(AIO_SOURCE.read_text())
    checking = [node for node in tree.body if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"]
    modules: dict[str, str] = {}
    declared: dict[str, str] = {}
    for node in (statement for block in checking for statement in block.body):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            for alias in node.names:
                modules[alias.asname or alias.name] = ".".join(filter(None, [node.module, alias.name]))
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and ast.unparse(node.value.func) == "_async":
            (target,), (argument,) = node.targets, node.value.args
            assert isinstance(target, ast.Name) and isinstance(argument, ast.Attribute), ast.unparse(node)
            assert argument.attr == target.id, ast.unparse(node)
            declared[target.id] = modules[ast.unparse(argument.value)]
    assert declared == aio._HOME


def test_type_checkers_see_the_real_types(tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    checked = tmp_path / "uses_aio.py"
    checked.write_text(
        "from typing import Any\n"
        "from typing_extensions import assert_type\n"
        "from spotlite import aio\n"
        "from spotlite.models import FullAlbum, FullPlaylist, SimpleTrack, SimpleTrackPaging\n"
        "async def main(token: str, page: SimpleTrackPaging) -> None:\n"
        "    assert_type(await aio.album(token, 'x', market='FI'), FullAlbum)\n"
        "    assert_type(await aio.playlist(token, 'x'), FullPlaylist)\n"
        "    assert_type(await aio.playlist(token, 'x', fields='name'), dict[str, Any])\n"
        "    assert_type(await aio.playlist_items(token, 'x', fields='items'), dict[str, Any])\n"
        "    assert_type(await aio.next_page(token, page), SimpleTrackPaging | None)\n"
        "    async for track in aio.all_items(token, page):\n"
        "        assert_type(track, SimpleTrack)\n"
        "    async for each in aio.all_pages(token, page):\n"
        "        assert_type(each, SimpleTrackPaging)\n"
        "    await aio.album(token)\n"  # line 15: an argument missing
        "    await aio.album(token, 'x', markets='FI')\n"  # line 16: no such argument
        "    aio.albun\n"  # line 17: no such name
    )
    command = [sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent", "--no-incremental",
               "--cache-dir", str(tmp_path / "cache"), str(checked)]
    out = subprocess.run(command, check=False, capture_output=True, text=True, cwd=REPO).stdout
    errors = [line.split(": error: ")[0].rsplit(":", 1)[-1] for line in out.splitlines() if ": error: " in line]
    assert errors == ["15", "16", "17"], out


# Loading


def test_import_spotlite_loads_no_asyncio_and_aio_loads_no_endpoint() -> None:
    code = ("import sys; import spotlite; assert 'asyncio' not in sys.modules, 'asyncio'; "
            "from spotlite import aio; assert spotlite.aio is aio and 'asyncio' in sys.modules; "
            "print(sorted(m for m in sys.modules if m.startswith('spotlite.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == str(["spotlite.aio"])
    code = "import spotlite; print(spotlite.aio.album.__name__)"  # as an attribute, after import spotlite
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "album"


def test_configure_takes_a_thread_pool_or_none() -> None:
    from concurrent.futures import ProcessPoolExecutor

    pool = ThreadPoolExecutor(2)
    try:
        assert aio.configure(executor=pool) is None
        assert aio.configure(executor=None) is pool
        with ProcessPoolExecutor(1) as processes, pytest.raises(spotlite.InvalidInput, match="thread pool"):
            aio.configure(executor=processes)
        with pytest.raises(spotlite.InvalidInput):
            aio.configure(executor="threads")  # type: ignore[arg-type]
        assert aio.configure(executor=None) is None
    finally:
        pool.shutdown()


def test_vendored_aio_builds_its_twins_from_its_own_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    vendor = tmp_path / "vendored_aio" / "_vendor"
    shutil.copytree(Path(spotlite.__file__).parent, vendor / "spotlite", ignore=shutil.ignore_patterns("__pycache__"))
    for folder in (tmp_path / "vendored_aio", vendor):
        (folder / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    vendored: Any = importlib.import_module("vendored_aio._vendor.spotlite.aio")
    assert vendored.album.__wrapped__.__module__ == "vendored_aio._vendor.spotlite.api.albums"


# Sending on the event loop (aiohttp)


def test_calls_go_out_on_the_event_loop_not_in_threads(loopback: Callable[[Handler], Server]) -> None:
    loopback(standin())
    threads: list[str] = []
    original = spotlite._http.exchanged

    def noted(*args: Any) -> Any:
        threads.append(threading.current_thread().name)
        return original(*args)

    async def main() -> None:
        assert aio._native() is not None
        albums = await asyncio.gather(*(aio.album(TOKEN, MAIN_ALBUM) for _ in range(5)))
        assert {album.id for album in albums} == {MAIN_ALBUM}

    spotlite._http.exchanged = noted  # the sync path's exchange: never used here
    try:
        asyncio.run(main())
    finally:
        spotlite._http.exchanged = original
    assert threads == [] and asyncio_workers() == []


def test_a_function_of_several_requests_ends_in_a_worker_with_its_first_answer(
    loopback: Callable[[Handler], Server]
) -> None:
    server = loopback(standin())
    ids = [MAIN_ALBUM] * 25 + [BIG_ALBUM] * 5  # 20 per request: two requests

    async def main() -> None:
        few = await aio.albums(TOKEN, (album_id for album_id in ids[:3]))  # a one-shot iterator, read once
        assert [album.id for album in few if album] == [MAIN_ALBUM] * 3
        many = await aio.albums(TOKEN, iter(ids))
        assert [album.id for album in many if album] == ids

    asyncio.run(main())
    asked = [r.path.split("?")[0] for r in server.requests]
    assert asked == ["/v1/albums"] * 3  # the first request of the second call sent once, not again in the worker


def test_the_session_closes_when_asyncio_run_ends(loopback: Callable[[Handler], Server]) -> None:
    loopback(standin())
    from spotlite import _aiohttp

    async def main() -> Any:
        await aio.album(TOKEN, MAIN_ALBUM)
        return _aiohttp._session()

    session = asyncio.run(main())
    assert session.closed and _aiohttp._sessions == {}
    code = ("import asyncio, sys, warnings; warnings.simplefilter('error'); sys.path[:0] = ['tests']; "
            "import spotlite; from spotlite import aio; "
            f"spotlite.configure(api_url={spotlite.settings().api_url!r}); "
            f"print(asyncio.run(aio.album('{TOKEN}', '{MAIN_ALBUM}')).id)")
    done = subprocess.run([sys.executable, "-X", "dev", "-c", code], check=False, capture_output=True, text=True,
                          cwd=REPO)
    assert done.stdout.strip() == MAIN_ALBUM and "Unclosed" not in done.stderr, done.stderr


def test_a_function_that_sends_differently_when_run_again_is_refused(loopback: Callable[[Handler], Server]) -> None:
    loopback(standin())
    paths = iter([f"/albums/{MAIN_ALBUM}", f"/albums/{BIG_ALBUM}"])

    def fickle(token: str) -> Any:
        return spotlite.request(token, "GET", next(paths))

    with pytest.raises(RuntimeError, match="must send the same requests"):
        asyncio.run(aio._async(fickle)(TOKEN))


def test_a_token_from_a_store_refreshes_in_a_worker_not_on_the_loop(loopback: Callable[[Handler], Server]) -> None:
    from spotlite.stores.memory import MemoryStore

    server = loopback(standin())
    store = MemoryStore()
    store.save("someone", spotlite.Token(access_token="dummy-old-token", expires_at=time.time(),
                                         refresh_token="dummy-refresh-token"))
    token = spotlite.RefreshingToken.from_store(store, "someone", "client-id", "client-secret")
    loop_thread: list[str] = []
    saved_in: list[str] = []
    save = store.save

    def noted(key: str, new: spotlite.Token) -> None:
        saved_in.append(threading.current_thread().name)
        save(key, new)

    store.save = noted  # type: ignore[method-assign]

    async def main() -> None:
        loop_thread.append(threading.current_thread().name)
        albums = await asyncio.gather(*(aio.album(token, MAIN_ALBUM) for _ in range(5)))
        assert {album.id for album in albums} == {MAIN_ALBUM}

    asyncio.run(main())
    assert [r.path for r in server.requests].count("/accounts/api/token") == 1
    assert len(saved_in) == 1 and saved_in[0].startswith("asyncio_") and saved_in != loop_thread
    stored = store.load("someone")
    assert stored is not None and stored.access_token == "dummy-access-token"


def test_without_aiohttp_the_calls_run_in_worker_threads(
    loopback: Callable[[Handler], Server], monkeypatch: pytest.MonkeyPatch
) -> None:
    server = loopback(standin(LATENCY))
    monkeypatch.setattr(aio, "_driver", None)  # as when aiohttp is not installed
    workers: list[str] = []

    def token() -> str:
        workers.append(threading.current_thread().name)
        return TOKEN

    async def main() -> None:
        albums = await asyncio.gather(*(aio.album(token, MAIN_ALBUM) for _ in range(4)))
        assert {album.id for album in albums} == {MAIN_ALBUM}
        first = await aio.album_tracks(TOKEN, BIG_ALBUM, limit=7)
        assert [track.name async for track in aio.all_items(TOKEN, first)] == [f"Song No. {n}" for n in range(1, 61)]
        with pytest.raises(spotlite.NotFound):
            await aio.album(TOKEN, UNKNOWN)

    asyncio.run(main())
    assert len(workers) == 4 and all(name.startswith("asyncio_") for name in workers)
    assert len(server.requests) == 4 + 1 + 2 + 1
