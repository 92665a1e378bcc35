"""The HTTP cache: Spotify's ``Cache-Control`` and ``ETag`` followed, on the stand-in and on loopback servers."""

from __future__ import annotations

import asyncio
import hashlib
import socket
import threading
from collections.abc import Callable
from typing import Any

import pytest
from drivers import Call
from loopback import Handler, Request, Server, reply
from test_aio import standin

import spotlite
from spotlite import aio
from spotlite.errors import InvalidInput, NotFound
from spotlite.testing._standin.caching import cached
from spotlite.testing._standin.catalogue import BIG_ALBUM, FINLANDIA, MAIN_ALBUM, SINGLE
from spotlite.testing._standin.server import Reply

TOKEN, OTHER = "dummy-user-token", "another-users-token"
PLAYLIST = "37i9dQZF1DXcBWIGoYBM5M"


def sent(server: Server) -> list[tuple[str, str, str | None]]:
    """Method, path and ``If-None-Match`` of each request the server read."""
    return [(r.method, r.path.split("?")[0], r.headers.get("if-none-match")) for r in server.requests]


@pytest.fixture
def cache(loopback: Callable[[Handler], Server]) -> spotlite.MemoryCache:
    """A memory cache in force for the test (the loopback fixture restores the settings afterwards)."""
    memory = spotlite.MemoryCache()
    spotlite.configure(cache=memory)
    return memory


@pytest.fixture
def fake(loopback: Callable[[Handler], Server]) -> Server:
    """The stand-in on a loopback server, with Spotify's caching headers."""
    return loopback(standin())


def test_the_standin_sends_spotifys_caching_headers() -> None:
    def control(path: str) -> str:
        return str(cached("GET", path, {}, Reply(200, {"x": 1})).headers.get("Cache-Control"))

    album_age = int(control(f"/v1/albums/{MAIN_ALBUM}").removeprefix("public, max-age="))
    assert 72_000 <= album_age <= 80_000
    assert control("/v1/search") == control(f"/v1/tracks/{FINLANDIA}") == "public, max-age=7200"
    assert control("/v1/browse/categories") == "public, max-age=600"
    assert control(f"/v1/playlists/{PLAYLIST}") == control("/v1/users/someone") == "public, max-age=0"
    assert control("/v1/me") == "private, max-age=0"
    etag = cached("GET", "/v1/users/someone", {}, Reply(200, {"x": 1})).headers["ETag"]
    assert cached("GET", "/v1/users/someone", {"If-None-Match": etag}, Reply(200, {"x": 1})).status == 304
    assert cached("GET", "/v1/users/someone", {"If-None-Match": '"other"'}, Reply(200, {"x": 1})).status == 200
    assert cached("PUT", "/v1/me/tracks", {}, Reply(200, {"x": 1})).headers == {}


def test_a_fresh_album_is_served_without_a_request(call: Call, fake: Server, cache: spotlite.MemoryCache) -> None:
    first = call(spotlite.album, TOKEN, MAIN_ALBUM)
    again = call(spotlite.album, TOKEN, f"spotify:album:{MAIN_ALBUM}")
    assert sent(fake) == [("GET", f"/v1/albums/{MAIN_ALBUM}", None)]
    assert again is first  # the model built once from the kept body
    with spotlite.configured(cache=None):
        assert call(spotlite.album, TOKEN, MAIN_ALBUM) == first  # the same model as without a cache
    (kept,) = cache._entries.values()
    assert 72_000 <= kept.expires - kept.sent_at <= 80_000


def test_catalogue_answers_are_kept_for_every_token(call: Call, fake: Server, cache: spotlite.MemoryCache) -> None:
    call(spotlite.album, TOKEN, SINGLE)
    call(spotlite.album, OTHER, SINGLE)
    call(spotlite.track, TOKEN, FINLANDIA)
    call(spotlite.track, OTHER, FINLANDIA)
    call(spotlite.categories, TOKEN)
    call(spotlite.categories, OTHER)
    assert [path for _, path, _ in sent(fake)] == [f"/v1/albums/{SINGLE}", f"/v1/tracks/{FINLANDIA}",
                                                   "/v1/browse/categories"]


def test_a_playlist_is_revalidated_and_a_304_reuses_the_body(call: Call, fake: Server, cache: spotlite.MemoryCache) -> None:
    created = call(spotlite.playlist_create, TOKEN, "Revalidated")
    first = call(spotlite.playlist, TOKEN, created.id)
    again = call(spotlite.playlist, TOKEN, created.id)
    (_, _, _), (_, path, none), (_, path_again, etag) = sent(fake)
    assert path == path_again == f"/v1/playlists/{created.id}" and none is None
    assert etag is not None and etag.startswith('"MC-')
    assert again is first  # the 304 reused the kept body, and the model built from it


def test_a_playlist_edit_then_a_read_shows_the_edit(call: Call, fake: Server, cache: spotlite.MemoryCache) -> None:
    created = call(spotlite.playlist_create, TOKEN, "Edited")
    assert call(spotlite.playlist, TOKEN, created.id).items.total == 0
    call(spotlite.playlist_add, TOKEN, created.id, [f"spotify:track:{FINLANDIA}"])
    after = call(spotlite.playlist, TOKEN, created.id)
    assert after.items.total == 1 and after.items.items[0].item.id == FINLANDIA
    call(spotlite.playlist_change_details, TOKEN, created.id, name="Renamed")
    assert call(spotlite.playlist, TOKEN, created.id).name == "Renamed"


def versioned(cache_control: str) -> tuple[Handler, list[int]]:
    """A handler for playlists: a GET answers the playlist's version with ``cache_control``; a POST adds one."""
    version = [1]

    def handle(request: Request, conn: socket.socket) -> None:
        if request.method == "POST":
            version[0] += 1
            reply(conn, 201, {"snapshot_id": f"v{version[0]}"})
        else:
            name = request.path.split("/")[3].split("?")[0]
            reply(conn, 200, {"name": f"{name} v{version[0]}"}, {"Cache-Control": cache_control})

    return handle, version


def test_a_write_makes_the_kept_reads_of_its_resource_stale(call: Call, loopback: Callable[[Handler], Server],
                                                           cache: spotlite.MemoryCache) -> None:
    handler, _ = versioned("public, max-age=3600")  # kept for an hour, with no ETag to revalidate
    server = loopback(handler)
    with spotlite.configured(api_url=server.url + "/v1"):
        assert call(spotlite.request, TOKEN, "GET", "/playlists/a")["name"] == "a v1"
        assert call(spotlite.request, TOKEN, "GET", "/playlists/b")["name"] == "b v1"
        assert call(spotlite.request, TOKEN, "GET", "/playlists/a")["name"] == "a v1"  # served from the cache
        assert len(server.requests) == 2
        call(spotlite.request, TOKEN, "POST", "/playlists/a/items", json={"uris": []})
        assert call(spotlite.request, TOKEN, "GET", "/playlists/a")["name"] == "a v2"  # asked again
        assert call(spotlite.request, TOKEN, "GET", "/playlists/b")["name"] == "b v1"  # another resource: kept
    assert [path for _, path, _ in sent(server)] == ["/v1/playlists/a", "/v1/playlists/b", "/v1/playlists/a/items",
                                                     "/v1/playlists/a"]


def test_a_write_under_me_makes_every_kept_read_under_me_stale(call: Call, loopback: Callable[[Handler], Server],
                                                              cache: spotlite.MemoryCache) -> None:
    handler, _ = versioned("private, max-age=3600")
    server = loopback(handler)
    call(spotlite.request, TOKEN, "GET", "/me/playlists")
    call(spotlite.request, TOKEN, "GET", "/me/playlists")
    call(spotlite.request, TOKEN, "POST", "/playlists/new/items", json={"uris": []})  # a playlist the user has
    assert call(spotlite.request, TOKEN, "GET", "/me/playlists")["name"] == "playlists v2"
    assert len(server.requests) == 3


def per_token(cache_control: str) -> Handler:
    """Answers with the token it was sent (a stand-in for "the current user"), and ``cache_control``."""

    def handle(request: Request, conn: socket.socket) -> None:
        reply(conn, 200, {"id": request.headers["authorization"].removeprefix("Bearer ")},
              {"Cache-Control": cache_control})

    return handle


def test_private_answers_are_never_served_to_another_token(call: Call, loopback: Callable[[Handler], Server],
                                                           cache: spotlite.MemoryCache) -> None:
    server = loopback(per_token("private, max-age=3600"))
    assert call(spotlite.request, TOKEN, "GET", "/me")["id"] == TOKEN
    assert call(spotlite.request, OTHER, "GET", "/me")["id"] == OTHER
    assert call(spotlite.request, TOKEN, "GET", "/me")["id"] == TOKEN
    assert call(spotlite.request, OTHER, "GET", "/me")["id"] == OTHER
    assert len(server.requests) == 2
    keys = " ".join(cache._entries)
    assert TOKEN not in keys and OTHER not in keys  # kept under a hash of the token, never the token
    assert hashlib.sha256(TOKEN.encode()).hexdigest()[:32] in keys


def test_answers_for_the_tokens_market_are_kept_per_token(call: Call, loopback: Callable[[Handler], Server],
                                                          cache: spotlite.MemoryCache) -> None:
    server = loopback(per_token("public, max-age=3600"))
    asked = [call(spotlite.request, t, "GET", "/albums/x", params={"market": "from_token"})["id"] for t in (TOKEN, OTHER)]
    assert asked == [TOKEN, OTHER] and len(server.requests) == 2


def test_answers_without_public_are_kept_per_token(call: Call, loopback: Callable[[Handler], Server],
                                                   cache: spotlite.MemoryCache) -> None:
    server = loopback(per_token("max-age=3600"))
    assert [call(spotlite.request, t, "GET", "/me")["id"] for t in (TOKEN, OTHER, TOKEN)] == [TOKEN, OTHER, TOKEN]
    assert len(server.requests) == 2


@pytest.mark.parametrize("headers", [{"Cache-Control": "no-store, max-age=3600"}, {},
                                     {"Cache-Control": "public, max-age=100", "Age": "100"},
                                     {"Cache-Control": "public, no-cache, max-age=100"},
                                     {"Cache-Control": "public, max-age=3600", "Vary": "Authorization"}])
def test_answers_spotify_does_not_let_us_reuse_are_asked_again(call: Call, 
    loopback: Callable[[Handler], Server], cache: spotlite.MemoryCache, headers: dict[str, str]
) -> None:
    server = loopback(lambda request, conn: reply(conn, 200, {"n": len(server.requests)}, headers))
    assert [call(spotlite.request, TOKEN, "GET", "/albums/x")["n"] for _ in range(2)] == [1, 2]


def test_errors_are_not_kept(call: Call, loopback: Callable[[Handler], Server], cache: spotlite.MemoryCache) -> None:
    server = loopback(lambda request, conn: reply(conn, 404, {"error": {"status": 404, "message": "Not found"}},
                                                  {"Cache-Control": "public, max-age=3600"}))
    for _ in range(2):
        with pytest.raises(NotFound):
            call(spotlite.album, TOKEN, MAIN_ALBUM)
    assert len(server.requests) == 2 and len(cache) == 0


def test_a_304_makes_the_kept_answer_fresh_for_its_max_age(call: Call, loopback: Callable[[Handler], Server],
                                                          cache: spotlite.MemoryCache) -> None:
    def handle(request: Request, conn: socket.socket) -> None:
        if request.headers.get("if-none-match") == '"v1"':
            reply(conn, 304, None, {"Cache-Control": "public, max-age=3600", "ETag": '"v1"'})
        else:
            reply(conn, 200, {"name": "v1"}, {"Cache-Control": "public, max-age=0", "ETag": '"v1"'})

    server = loopback(handle)
    assert [call(spotlite.request, TOKEN, "GET", "/users/u")["name"] for _ in range(3)] == ["v1"] * 3
    assert [etag for _, _, etag in sent(server)] == [None, '"v1"']  # the third: fresh after the 304


def test_memory_is_bounded_least_recently_used_out(call: Call, fake: Server) -> None:
    with spotlite.configured(cache=spotlite.MemoryCache(max_entries=2)):
        for album in (MAIN_ALBUM, SINGLE, MAIN_ALBUM, BIG_ALBUM, MAIN_ALBUM, SINGLE):
            call(spotlite.album, TOKEN, album)
    assert [path.rsplit("/", 1)[1] for _, path, _ in sent(fake)] == [MAIN_ALBUM, SINGLE, BIG_ALBUM, SINGLE]
    one = spotlite.MemoryCache()
    with spotlite.configured(cache=one):
        call(spotlite.album, TOKEN, MAIN_ALBUM)
    small = spotlite.MemoryCache(max_bytes=one.size + 10)
    with spotlite.configured(cache=small):
        call(spotlite.album, TOKEN, BIG_ALBUM)
        call(spotlite.album, TOKEN, MAIN_ALBUM)
    assert len(small) == 1 and small.size <= one.size + 10
    with pytest.raises(InvalidInput, match="max_entries"):
        spotlite.MemoryCache(max_entries=0)


def test_raw_requests_get_json_of_their_own(call: Call, fake: Server, cache: spotlite.MemoryCache) -> None:
    first = call(spotlite.request, TOKEN, "GET", f"/albums/{MAIN_ALBUM}")
    first["name"] = "changed"
    first["tracks"]["items"].clear()
    again = call(spotlite.request, TOKEN, "GET", f"/albums/{MAIN_ALBUM}")
    assert again["name"] != "changed" and again["tracks"]["items"]
    assert type(again) is dict and len(fake.requests) == 1
    assert call(spotlite.album, TOKEN, MAIN_ALBUM).name == again["name"]


def test_configure_takes_a_cache_and_refuses_anything_else(call: Call, fake: Server) -> None:
    with pytest.raises(InvalidInput, match="cache must be"):
        spotlite.configure(cache={})
    spotlite.configure(cache=spotlite.MemoryCache())  # the loopback fixture restores the settings afterwards
    call(spotlite.album, TOKEN, MAIN_ALBUM)
    call(spotlite.album, TOKEN, MAIN_ALBUM)
    assert len(fake.requests) == 1


def test_threads_and_aio_share_the_cache(fake: Server, cache: spotlite.MemoryCache) -> None:
    spotlite.album(TOKEN, MAIN_ALBUM)
    barrier = threading.Barrier(8)
    models: list[Any] = []

    def read() -> None:
        barrier.wait()
        models.extend(spotlite.album(TOKEN, MAIN_ALBUM) for _ in range(50))

    threads = [threading.Thread(target=read) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    async def gather() -> list[Any]:
        return list(await asyncio.gather(*(aio.album(TOKEN, MAIN_ALBUM) for _ in range(8))))

    models += asyncio.run(gather())
    assert len(models) == 408 and all(model is models[0] for model in models)
    assert len(fake.requests) == 1


def test_a_cache_says_what_it_holds(call: Call, fake: Server, cache: spotlite.MemoryCache) -> None:
    assert repr(cache) == "MemoryCache(0 answers, 0 bytes)"
    call(spotlite.album, TOKEN, MAIN_ALBUM)
    assert repr(cache) == f"MemoryCache(1 answers, {cache.size} bytes)" and cache.size > 1000
    cache.clear()
    assert len(cache) == 0 and cache.size == 0


def test_a_cache_for_one_block_reaches_aio_and_ends_with_the_block(fake: Server) -> None:
    memory = spotlite.MemoryCache()

    async def twice() -> list[Any]:
        first = await aio.album(TOKEN, MAIN_ALBUM)
        return [first, await aio.album(TOKEN, MAIN_ALBUM)]

    with spotlite.configured(cache=memory):
        first, again = asyncio.run(twice())
    assert again is first and len(fake.requests) == 1
    assert spotlite.album(TOKEN, MAIN_ALBUM) == first and len(fake.requests) == 2  # no cache outside the block
