"""Every function that talks to Spotify, as a coroutine, for asyncio programs.

::

    from spotlite import aio

    album = await aio.album(token, "3RBULTZJ97bvVzZLpxcB0j")
    tracks = await asyncio.gather(*(aio.track(token, i) for i in ids))
    async for item in aio.all_items(token, await aio.saved_tracks(token, limit=50)):
        ...

**What is here.** Every endpoint function, ``request``, the auth functions that
talk to the accounts service (``request_client_token``, ``request_user_token``,
``refresh_user_token``, ``request_pkce_token``, ``refresh_pkce_token``,
``refresh``), ``next_page`` and ``previous_page`` as coroutines, and
``all_pages`` and ``all_items`` as async iterators, each under the name of its
sync twin in ``spotlite``, with the same arguments and the same result. What
does no I/O stays in ``spotlite`` (``authorisation_url``, ``pkce_pair``,
``parse_code_from_url``, ids, scopes, models, errors, ``Token``,
``RefreshingToken``, ``configure``); so do the interactive prompts.

**How.** With aiohttp installed (``pip install 'spotlite-client[aio]'``; from a
clone ``pip install '.[aio]'``), the calls go out on the event loop itself, many at once, over one aiohttp session per loop
(up to 100 connections; closed when ``asyncio.run`` ends). Each coroutine runs
its sync function on the loop up to the point where it sends; the request
goes out asynchronously, driven by the same retry, 429, redirect, deadline
and refresh policy as sync calls (one implementation, two drivers), and the
function then runs again from the start and is handed the answer where it
sent. So every behaviour is the sync one: argument checks, models, chunked
writes and ``PartialWriteError``, the settings of ``spotlite.configure`` and
``spotlite.configured``, and the same exceptions (raised by the ``await``).
A function that needs a second request (a long list sent in chunks) runs on
in a worker thread from there. The work between I/O (checks, JSON, models)
takes turns of about 2 ms with the rest of the loop, so other coroutines
keep running while hundreds of calls are in flight.

Without aiohttp, with ``aio.configure(executor=...)``, or with your own
``requests.Session`` in the settings (which only the sync transport can use),
each coroutine runs the sync function in a worker thread instead: the event
loop's default executor (``min(32, CPUs + 4)`` threads, the one
``asyncio.to_thread`` uses) or your executor, so that many calls run at once
and the others wait for a free thread. Keep such a pool small (16 threads at
most): the threads compete with the event loop for the interpreter, and a
bigger pool makes the loop itself stall for tens of milliseconds. The context
variables of the caller are copied into each call, as ``asyncio.to_thread``
does.

**Paging.** ``all_pages`` and ``all_items`` fetch up to ``pages_ahead``
pages of an offset-paged list at once, as their sync twins do (see
``spotlite.all_pages``); breaking out of the ``async for`` cancels those
still in flight.

**Cancelling.** Cancelling the task awaiting a call (or an
``asyncio.wait_for``/``asyncio.timeout`` running out) does not recall a request
already sent: Spotify may carry it out. On the event loop the call's
connection is closed at once; in a worker thread the call finishes, bounded by
the ``deadline`` setting (30 s by default), and its result or exception is
dropped. A call still waiting for a free connection or thread is cancelled
before it starts and sends nothing. ``asyncio.run`` waits for the default
executor's threads when it ends, so a program that cancels a call in flight
exits once that call ends, within the deadline.

**RefreshingToken.** Pass it as the token, as in sync code. While its token
is fresh, a call reads it without blocking; when a refresh is due (or after a
401 for an expired token), the refresh runs in a worker thread of the loop's
default executor, never on the event loop: one refresh at a time, the other
calls wait for it, and ``on_refresh`` is called in that worker thread. Any
other callable token (a token store's) is called in a worker thread too. Do
not call the token or read its ``access_token`` on the event loop yourself
(that may refresh, blocking the loop); ``RefreshingToken.for_client`` requests
its first token as it is built, so build it with
``await asyncio.to_thread(spotlite.RefreshingToken.for_client, client_id, client_secret)``.

Types come from the sync functions: each coroutine is ``_async(sync_function)``
and a type checker sees its real arguments and result (both overloads of
``playlist`` and ``playlist_items`` included, with mypy 1.6 or later and pyright;
older checkers keep only the first overload), and for an endpoint its ``scope``,
``deprecated`` and ``limited``: import it as ``from spotlite import aio`` or
``import spotlite.aio``.
The twins are built on first use, so ``from spotlite import aio`` loads none of
the endpoint modules.
"""

from __future__ import annotations

import asyncio
import collections
import contextvars
import functools
import importlib
import sys
from collections.abc import Iterator
from concurrent.futures import Executor
from typing import overload  # asyncio has imported typing already

from . import _EXPORTS

TYPE_CHECKING = False  # not typing's: nothing of typing is needed at run time

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable, Coroutine
    from typing import Any, ParamSpec, TypeVar

    from ._endpoint import AsyncEndpoint, Endpoint
    from ._token import TokenLike
    from .models.common import Paging

    _Params = ParamSpec("_Params")
    _R = TypeVar("_R")
    _T = TypeVar("_T")
    _P = TypeVar("_P", bound=Paging[Any])

_AUTH = ("refresh", "refresh_pkce_token", "refresh_user_token", "request_client_token", "request_pkce_token",
         "request_user_token")
# Where the sync twin of each coroutine lives: every endpoint (and ``request``), auth and paging.
_HOME = {name: module for module, names in _EXPORTS.items() if module.startswith("api.") for name in names}
_HOME.update({name: "auth" for name in _AUTH}, next_page="paging", previous_page="paging")

_executor: Executor | None = None  # None: the event loop's default executor
_UNTRIED = object()
_driver: Any = _UNTRIED  # spotlite._aiohttp once imported; None when aiohttp is not installed


def configure(*, executor: Executor | None) -> Executor | None:
    """Run every call in a worker thread of ``executor`` (a ``ThreadPoolExecutor``); returns the previous one.

    None (the default) sends on the event loop itself when aiohttp is installed
    (``pip install 'spotlite-client[aio]'``; from a clone ``pip install '.[aio]'``),
    and otherwise runs the calls in the loop's default executor, the one ``asyncio.to_thread`` uses. The executor stays
    yours: spotlite never shuts it down. A process pool is refused (a call's
    token and context stay in this process).
    """
    global _executor
    process = sys.modules.get("concurrent.futures.process")
    if executor is not None and (
        not isinstance(executor, Executor) or (process is not None and isinstance(executor, process.ProcessPoolExecutor))
    ):
        from .errors import InvalidInput, quoted

        raise InvalidInput(
            f"executor must be a thread pool (concurrent.futures.Executor) or None, got {quoted(executor)}")
    old, _executor = _executor, executor
    return old


def _native() -> Any:
    """The async driver (``spotlite._aiohttp``) when calls go out on the event loop, else None (worker threads).

    Threads when aiohttp is missing, an executor is configured, or the settings
    hold a ``requests.Session`` of yours (which only the sync transport uses).
    """
    global _driver
    if _driver is _UNTRIED:
        try:
            _driver = importlib.import_module("._aiohttp", __package__)
        except ImportError:
            _driver = None
    if _driver is None or _executor is not None:
        return None
    from ._http import settings

    return None if settings().session is not None else _driver


async def _in_worker(call: Callable[[], _R]) -> _R:
    """``call()`` in a worker thread of the configured executor, in a copy of the caller's context."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_executor, contextvars.copy_context().run, call)


@overload
def _async(fn: Endpoint[_Params, _R]) -> AsyncEndpoint[_Params, _R]: ...
@overload
def _async(fn: Callable[_Params, _R]) -> Callable[_Params, Coroutine[Any, Any, _R]]: ...
def _async(fn: Callable[_Params, _R]) -> Callable[_Params, Coroutine[Any, Any, _R]]:
    """The async twin of the sync function ``fn``: the same arguments and result, without blocking the loop.

    An endpoint's twin carries its ``scope``, ``deprecated`` and ``limited`` (``update_wrapper`` copies them).
    """

    async def twin(*args: _Params.args, **kwargs: _Params.kwargs) -> _R:
        driver = _native()
        if driver is None:
            return await _in_worker(functools.partial(fn, *args, **kwargs))
        again: Callable[..., _R] = fn  # run more than once: one-shot iterators among the arguments read once, here
        return await _on_loop(driver, functools.partial(again, *map(_kept, args), **{k: _kept(v) for k, v in kwargs.items()}))

    functools.update_wrapper(twin, fn)  # __name__, __doc__, __wrapped__ (so inspect.signature is fn's)...
    twin.__module__ = __name__
    twin.__qualname__ = fn.__name__
    twin.__doc__ = _twin_doc(fn.__doc__, f"``spotlite.{fn.__name__}``: a coroutine that does not block the event loop")
    return twin


async def _on_loop(driver: Any, call: Callable[[], _R]) -> _R:
    """``call()``, a sync function, run on the event loop, its request sent by the async ``driver``.

    The function runs until it sends; there ``send`` stops it (``_Suspended``)
    and the request goes out on the loop; then the function runs again from
    the start, and ``send`` hands it the answer (or raises its error) where it
    sent. A function that sends a second request (a long list in chunks) runs
    to its end in a worker thread, handed the first answer the same way. So
    each function is the sync one, checks, models and errors included: only
    the exchange differs.
    """
    from ._http import _exchange

    answers: list[_Exchanged] = []
    slices = driver.slices()
    while True:
        await slices.turn()  # checks and models share the loop's time with the rest of the program
        replay = _Replay(answers)
        reset = _exchange.set(replay)
        try:
            return call()
        except _Suspended:
            pass
        finally:
            _exchange.reset(reset)
        if answers:
            return await _in_worker(functools.partial(_replayed, answers, call))
        config, request, token = replay.pending
        try:
            answers.append(_Exchanged(request, await driver.exchanged(config, request, token), None))
        except Exception as error:  # noqa: BLE001 - raised again where the function sent, as the sync path raises it
            answers.append(_Exchanged(request, None, error.with_traceback(None)))


def _replayed(answers: list[_Exchanged], call: Callable[[], _R]) -> _R:
    """``call()`` in a worker thread: its first requests answered from ``answers``, the rest sent (sync path)."""
    from ._http import _exchange

    _exchange.set(_Replay(answers, live=True))
    return call()


def _kept(argument: _T) -> _T:
    """A one-shot iterator of arguments as a tuple, so a function run again sees the same items."""
    return tuple(argument) if isinstance(argument, Iterator) else argument  # type: ignore[return-value]


class _Suspended(BaseException):
    """Raised by ``send`` in a function run on the event loop: its request goes out, then the function runs again.

    A ``BaseException``, so no ``except Exception`` in a function stops it.
    """


class _Exchanged:
    """A request sent on the loop, and its JSON or its error."""

    __slots__ = ("error", "request", "value")

    def __init__(self, request: Any, value: Any, error: Exception | None) -> None:
        self.request, self.value, self.error = request, value, error


class _Replay:
    """The exchange in a function run on the event loop: answers already had, then a stop (or, ``live``, a send)."""

    __slots__ = ("answers", "live", "pending", "sent")

    def __init__(self, answers: list[_Exchanged], live: bool = False) -> None:
        self.answers, self.live, self.sent = answers, live, 0
        self.pending: tuple[Any, Any, Any] = (None, None, None)

    def __call__(self, config: Any, request: Any, token: Any) -> Any:
        if self.sent < len(self.answers):
            had = self.answers[self.sent]
            self.sent += 1
            if (had.request.method, had.request.url) != (request.method, request.url):
                raise RuntimeError(f"the function sent {request.method} {request.url} where it sent "
                                   f"{had.request.method} {had.request.url} before: run again, a function must "
                                   f"send the same requests")
            if had.error is not None:
                raise had.error
            return had.value
        if self.live:
            from ._http import exchanged

            return exchanged(config, request, token)
        self.pending = config, request, token
        raise _Suspended


def _twin_doc(doc: str | None, what: str) -> str:
    """``doc`` with a last paragraph saying this is the async twin, indented as ``doc`` is."""
    lines = (doc or "").rstrip().splitlines()
    margins = [len(line) - len(line.lstrip()) for line in lines[1:] if line.strip()]
    note = f"{' ' * min(margins, default=0)}The async twin of {what} (see ``spotlite.aio``)."
    return "\n\n".join(["\n".join(lines), note]) if lines else note.lstrip()


async def all_pages(token: TokenLike, page: _P) -> AsyncIterator[_P]:
    """``page`` and every page after it, asking for the largest pages allowed."""
    from . import paging

    yield page
    ahead = paging._Ahead(page)
    fetch = _async(paging._fetch)
    last = page
    fetching: collections.deque[asyncio.Task[_P | None]] = collections.deque()
    try:
        while ahead.urls or fetching:
            while ahead.urls and len(fetching) < ahead.window:
                fetching.append(asyncio.ensure_future(fetch(token, page, ahead.urls.popleft())))
            current = await fetching.popleft()
            if current is None:
                return
            ahead.arrived()
            yield current
            if current.next is None:  # the list ended sooner than planned (it shrank)
                return
            last = current
    finally:
        for task in fetching:
            task.cancel()
    current = await fetch(token, last, paging._largest(last.next))
    while current is not None:
        yield current
        current = await fetch(token, current, paging._largest(current.next))


async def all_items(token: TokenLike, page: Paging[_T]) -> AsyncIterator[_T]:
    """Every item of ``page`` and of the pages after it.

    >>> async for track in aio.all_items(token, (await aio.album(token, album_id)).tracks): ...
    """
    async for each in all_pages(token, page):
        for item in each.items:
            yield item


all_pages.__doc__ = _twin_doc(all_pages.__doc__, "``spotlite.all_pages``: an async iterator fetching up to "
                                                 "``pages_ahead`` pages at once")
all_items.__doc__ = _twin_doc(all_items.__doc__, "``spotlite.all_items``: an async iterator fetching up to "
                                                 "``pages_ahead`` pages at once")

if TYPE_CHECKING:
    # What a type checker sees: each twin derived from its sync function (tests/test_aio.py checks this
    # list against ``_HOME``); at run time ``__getattr__`` builds the same twins on first use.
    from . import auth as _auth
    from . import paging as _paging
    from .api import albums as _albums
    from .api import artists as _artists
    from .api import audio as _audio
    from .api import audiobooks as _audiobooks
    from .api import browse as _browse
    from .api import chapters as _chapters
    from .api import episodes as _episodes
    from .api import follow as _follow
    from .api import library as _library
    from .api import markets as _markets
    from .api import player as _player
    from .api import playlists as _playlists
    from .api import raw as _raw
    from .api import recommendations as _recommendations
    from .api import search as _search
    from .api import shows as _shows
    from .api import tracks as _tracks
    from .api import users as _users

    refresh = _async(_auth.refresh)
    refresh_pkce_token = _async(_auth.refresh_pkce_token)
    refresh_user_token = _async(_auth.refresh_user_token)
    request_client_token = _async(_auth.request_client_token)
    request_pkce_token = _async(_auth.request_pkce_token)
    request_user_token = _async(_auth.request_user_token)
    next_page = _async(_paging.next_page)
    previous_page = _async(_paging.previous_page)
    request = _async(_raw.request)

    album = _async(_albums.album)
    album_tracks = _async(_albums.album_tracks)
    albums = _async(_albums.albums)
    new_releases = _async(_albums.new_releases)
    saved_albums = _async(_albums.saved_albums)
    saved_albums_add = _async(_albums.saved_albums_add)
    saved_albums_contains = _async(_albums.saved_albums_contains)
    saved_albums_delete = _async(_albums.saved_albums_delete)
    artist = _async(_artists.artist)
    artist_albums = _async(_artists.artist_albums)
    artist_related_artists = _async(_artists.artist_related_artists)
    artist_top_tracks = _async(_artists.artist_top_tracks)
    artists = _async(_artists.artists)
    saved_tracks = _async(_tracks.saved_tracks)
    saved_tracks_add = _async(_tracks.saved_tracks_add)
    saved_tracks_contains = _async(_tracks.saved_tracks_contains)
    saved_tracks_delete = _async(_tracks.saved_tracks_delete)
    track = _async(_tracks.track)
    tracks = _async(_tracks.tracks)
    saved_shows = _async(_shows.saved_shows)
    saved_shows_add = _async(_shows.saved_shows_add)
    saved_shows_contains = _async(_shows.saved_shows_contains)
    saved_shows_delete = _async(_shows.saved_shows_delete)
    show = _async(_shows.show)
    show_episodes = _async(_shows.show_episodes)
    shows = _async(_shows.shows)
    episode = _async(_episodes.episode)
    episodes = _async(_episodes.episodes)
    saved_episodes = _async(_episodes.saved_episodes)
    saved_episodes_add = _async(_episodes.saved_episodes_add)
    saved_episodes_contains = _async(_episodes.saved_episodes_contains)
    saved_episodes_delete = _async(_episodes.saved_episodes_delete)
    audiobook = _async(_audiobooks.audiobook)
    audiobook_chapters = _async(_audiobooks.audiobook_chapters)
    audiobooks = _async(_audiobooks.audiobooks)
    saved_audiobooks = _async(_audiobooks.saved_audiobooks)
    saved_audiobooks_add = _async(_audiobooks.saved_audiobooks_add)
    saved_audiobooks_contains = _async(_audiobooks.saved_audiobooks_contains)
    saved_audiobooks_delete = _async(_audiobooks.saved_audiobooks_delete)
    chapter = _async(_chapters.chapter)
    chapters = _async(_chapters.chapters)
    search = _async(_search.search)
    categories = _async(_browse.categories)
    category = _async(_browse.category)
    category_playlists = _async(_browse.category_playlists)
    featured_playlists = _async(_browse.featured_playlists)
    markets = _async(_markets.markets)
    recommendation_genre_seeds = _async(_recommendations.recommendation_genre_seeds)
    recommendations = _async(_recommendations.recommendations)
    track_audio_analysis = _async(_audio.track_audio_analysis)
    track_audio_features = _async(_audio.track_audio_features)
    tracks_audio_features = _async(_audio.tracks_audio_features)
    current_user = _async(_users.current_user)
    current_user_top_artists = _async(_users.current_user_top_artists)
    current_user_top_tracks = _async(_users.current_user_top_tracks)
    user = _async(_users.user)
    library_add = _async(_library.library_add)
    library_contains = _async(_library.library_contains)
    library_delete = _async(_library.library_delete)
    artists_follow = _async(_follow.artists_follow)
    artists_is_following = _async(_follow.artists_is_following)
    artists_unfollow = _async(_follow.artists_unfollow)
    followed_artists = _async(_follow.followed_artists)
    users_follow = _async(_follow.users_follow)
    users_is_following = _async(_follow.users_is_following)
    users_unfollow = _async(_follow.users_unfollow)
    followed_playlists = _async(_playlists.followed_playlists)
    playlist = _async(_playlists.playlist)  # both overloads survive: mypy and pyright keep them through ParamSpec
    playlist_add = _async(_playlists.playlist_add)
    playlist_change_details = _async(_playlists.playlist_change_details)
    playlist_clear = _async(_playlists.playlist_clear)
    playlist_cover_image = _async(_playlists.playlist_cover_image)
    playlist_cover_image_upload = _async(_playlists.playlist_cover_image_upload)
    playlist_create = _async(_playlists.playlist_create)
    playlist_create_for_user = _async(_playlists.playlist_create_for_user)
    playlist_follow = _async(_playlists.playlist_follow)
    playlist_is_following = _async(_playlists.playlist_is_following)
    playlist_items = _async(_playlists.playlist_items)
    playlist_remove = _async(_playlists.playlist_remove)
    playlist_reorder = _async(_playlists.playlist_reorder)
    playlist_replace = _async(_playlists.playlist_replace)
    playlist_unfollow = _async(_playlists.playlist_unfollow)
    playlists = _async(_playlists.playlists)
    playback = _async(_player.playback)
    playback_currently_playing = _async(_player.playback_currently_playing)
    playback_devices = _async(_player.playback_devices)
    playback_next = _async(_player.playback_next)
    playback_pause = _async(_player.playback_pause)
    playback_previous = _async(_player.playback_previous)
    playback_queue = _async(_player.playback_queue)
    playback_queue_add = _async(_player.playback_queue_add)
    playback_recently_played = _async(_player.playback_recently_played)
    playback_repeat = _async(_player.playback_repeat)
    playback_resume = _async(_player.playback_resume)
    playback_seek = _async(_player.playback_seek)
    playback_shuffle = _async(_player.playback_shuffle)
    playback_start_context = _async(_player.playback_start_context)
    playback_start_tracks = _async(_player.playback_start_tracks)
    playback_transfer = _async(_player.playback_transfer)
    playback_volume = _async(_player.playback_volume)
else:  # at run time: the names (hidden from type checkers, which read the declarations above), the twins on first use
    __all__ = ["all_items", "all_pages", "configure"]
    __all__.extend(sorted(_HOME))

    def __getattr__(name: str) -> Any:
        """The twin of ``name``, built on first use and kept."""
        home = _HOME.get(name)
        if home is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        twin = _async(getattr(importlib.import_module(f".{home}", __package__), name))
        globals()[name] = twin
        return twin


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOME})
