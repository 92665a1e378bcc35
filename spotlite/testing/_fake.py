"""``FakeSpotify``: a stateful Spotify on 127.0.0.1 for tests, with its accounts service, able to fail on demand.

No vcrpy and no network: the fake is an HTTP server of the standard library,
in a thread of the test's process (the modules of ``_standin``).
"""

from __future__ import annotations

import threading
import types
import urllib.request
from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from .._http import Settings
    from .._token import Token
    from ._standin.fakeserver import FakeServer
    from ._standin.playlists import Playlist
    from ._standin.server import Request
    from ._standin.state import State

__all__ = ["FakeSpotify"]

FAULTS = ("reset", "slow", "trickle")  # the faults besides an HTTP status that ``FakeSpotify.fail`` inflicts
CLIENT_ID = "fake-client-id"
CLIENT_SECRET = "fake-client-secret"
REDIRECT_URI = "http://127.0.0.1:8080/callback"
_Fake = TypeVar("_Fake", bound="FakeSpotify")  # typing.Self is Python 3.11's


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class FakeSpotify:
    """A fake Spotify Web API and accounts service on 127.0.0.1, for tests: stateful, faithful, failing on demand.

    ``with FakeSpotify() as fake:`` starts it on a free port in a thread and
    points spotlite at it for the code inside the block (``spotlite.configured``
    with its ``api_url`` and ``accounts_url``); on leaving the block the
    settings are restored and the server stops. The settings are scoped to this
    thread or asyncio task and to what it starts with a copy of its context
    (``spotlite.aio`` included); for threads started otherwise, pass
    ``configure_process=True`` to point the process-wide settings at the fake
    too (restored on exit), or run them with ``contextvars.copy_context().run``.
    Inside the block, change other settings with ``spotlite.configured`` too:
    ``spotlite.configure`` changes the process-wide ones, which the block's own
    settings hide.

    It starts with a small catalogue and a user (``me``, a Premium account with
    playlists, a library, follows and a player with devices); a test adds its
    own with ``add_user``, ``add_artist``, ``add_album``, ``add_track``,
    ``add_playlist``, ``add_device``, ``save`` (saved items and follows) or ``add``
    (a JSON body as Spotify sends it). Writes change the state as Spotify would:
    playlists (every edit, with a new snapshot ID), the library, follows, the
    player. ``state`` and ``requests`` are there to assert on.

    Tokens: ``login`` (the authorisation code flow, the consent approved by the
    fake), ``token`` (one minted directly), or spotlite's own auth functions
    against the fake (client credentials, authorisation code, PKCE, refresh
    with rotation); the consent page refuses when ``consent`` is False. A token
    the fake issued carries scopes and a lifetime of an hour on the fake's
    clock (``advance``): a missing scope answers 403 "Insufficient client
    scope", an old token 401 "The access token expired". A placeholder token
    (``"dummy-user-token"``, what ``spotify_token`` gives) stands for ``me``
    with every scope.

    Args:
        dev_mode: answer as Spotify answers development-mode apps since 2026
            (removed endpoints answer 403, removed fields are left out).
        configure_process: also point the process-wide settings at the fake.
    """

    def __init__(self, *, dev_mode: bool = False, configure_process: bool = False) -> None:
        from ._standin.defaults import default_state
        from ._standin.faults import Faults

        self._state = default_state()
        self._faults = Faults()
        self._state.dev_mode = dev_mode
        self._configure_process = configure_process
        self._server: FakeServer | None = None
        self._requests: list[Request] = []  # kept after the fake stops, for assertions after the block
        self._scope: AbstractContextManager[Settings] | None = None
        self._old: Settings | None = None

    # -- running ---------------------------------------------------------------------------------------------------

    def start(self: _Fake) -> _Fake:  # noqa: PYI019
        """Start serving (``with`` does this, and points spotlite at the fake); returns the fake."""
        from ._standin.fakeserver import FakeServer

        if self._server is None:
            self._server = FakeServer(self._state)
            self._server.requests = self._requests
            self._server.faults = self._faults
            threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.01},  # quick to stop
                             name="FakeSpotify", daemon=True).start()
        return self

    def stop(self) -> None:
        """Stop serving and close the port (``with`` does this on leaving the block)."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self: _Fake) -> _Fake:  # noqa: PYI019
        from .. import _http

        self.start()
        urls = {"api_url": self.api_url, "accounts_url": self.accounts_url}
        try:
            if self._configure_process:
                self._old = _http.configure(**urls)
            self._scope = _http.configured(**urls)
            self._scope.__enter__()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: types.TracebackType | None) -> None:
        from .. import _http

        try:
            if self._scope is not None:
                self._scope.__exit__(kind, error, trace)
                self._scope = None
            if self._old is not None:
                _http.configure(api_url=self._old.api_url, accounts_url=self._old.accounts_url)
                self._old = None
        finally:
            self.stop()

    @property
    def url(self) -> str:
        """``http://127.0.0.1:<port>``, where the fake listens."""
        if self._server is None:
            raise RuntimeError("the fake is not running: use it in a with block, or call start()")
        return self._server.url

    @property
    def api_url(self) -> str:
        """The Web API's base URL on the fake (``.../v1``), for ``api_url`` settings or code that is not spotlite."""
        return self.url + "/v1"

    @property
    def accounts_url(self) -> str:
        """The accounts service's base URL on the fake (its ``/authorize`` and ``/api/token``)."""
        return self.url + "/accounts"

    # -- what happened ---------------------------------------------------------------------------------------------

    @property
    def state(self) -> State:
        """What the fake remembers (``users``, ``playlists``, ``saved``, ``followed_artists``, ``players``...)."""
        return self._state

    @property
    def me(self) -> str:
        """The ID of the fake's main user, whose placeholder tokens stand for them."""
        return self._state.me

    @property
    def requests(self) -> list[Request]:
        """The requests the fake received, in order: ``method``, ``path``, ``query``, ``body`` (``.json()``),
        ``headers``, ``url`` (as meant for Spotify's hosts) and ``answer`` (``status``, ``body``, ``headers``;
        None when a fault cut it off)."""
        return list(self._requests)

    def playlist(self, playlist_id: str) -> Playlist:
        """The fake's playlist (``name``, ``owner``, ``entries``, ``snapshot``...); KeyError if there is none."""
        return self._state.playlists[playlist_id]

    def uris(self, playlist_id: str) -> list[str | None]:
        """The URIs of a playlist's entries, in order (None for an entry whose item is gone)."""
        return [entry["item"]["uri"] if entry["item"] else None for entry in self.playlist(playlist_id).entries]

    # -- time, consent, development mode ---------------------------------------------------------------------------

    def advance(self, seconds: float) -> None:
        """Move the fake's clock on: tokens issued more than an hour before answer 401 "The access token expired"."""
        with self._state.lock:
            self._state.clock += seconds

    @property
    def consent(self) -> bool:
        """Whether the user approves on the consent page (True); False: redirects with ``error=access_denied``."""
        return self._state.consent

    @consent.setter
    def consent(self, approve: bool) -> None:
        self._state.consent = approve

    @property
    def dev_mode(self) -> bool:
        """Whether the fake answers as Spotify answers development-mode apps since 2026."""
        return self._state.dev_mode

    @dev_mode.setter
    def dev_mode(self, on: bool) -> None:
        self._state.dev_mode = on

    # -- failures on demand ----------------------------------------------------------------------------------------

    def fail(self, fault: int | str = 429, *, times: int = 1, path: str | None = None, method: str | None = None,
             retry_after: int = 1, quota: bool = False, html: bool = False, seconds: float = 1.0) -> None:
        """Make the next ``times`` requests matching ``method`` and ``path`` fail.

        Args:
            fault: an HTTP status (429 with ``Retry-After``, 500, 502, 503...: Spotify's error body),
                ``"reset"`` (the connection is reset before any answer), ``"slow"`` (the answer comes after
                ``seconds``) or ``"trickle"`` (the body comes in pieces over ``seconds``).
            times: how many matching requests fail.
            path: a regular expression searched in the request's path (``"/v1/me/player"``,
                ``"/accounts/api/token"``); None: any path.
            method: ``"GET"``, ``"PUT"``...; None: any method.
            retry_after: the ``Retry-After`` seconds of a 429.
            quota: a 429 with ``"reason": "QUOTA_EXCEEDED"`` (a development-mode app over its quota).
            html: a 5xx with a proxy's HTML page instead of Spotify's JSON.
            seconds: how long a slow answer waits, or a trickled body takes.

        Raises:
            ValueError: an unknown fault, or ``times`` below 1.
        """
        import re

        from ._standin.faults import Fault, status_reply

        if isinstance(fault, bool) or not (isinstance(fault, int) and 400 <= fault <= 599 or fault in FAULTS):
            raise ValueError(f"fault must be an HTTP error status (400 to 599) or one of {', '.join(FAULTS)}; "
                             f"got {fault!r}")
        if times < 1:
            raise ValueError(f"times must be at least 1, got {times}")
        reply = status_reply(fault, retry_after=retry_after, quota=quota, html=html) if isinstance(fault, int) else None
        kind = "status" if isinstance(fault, int) else fault
        self._faults.add(Fault(kind, method.upper() if method else None, re.compile(path or ""), times, reply,
                                 seconds))

    # -- tokens ----------------------------------------------------------------------------------------------------

    def token(self, scope: str | Iterable[str] = "", *, user: str | None = None, lifetime: float = 3600) -> str:
        """An access token for ``user`` (default ``me``) with ``scope``, issued now, expiring after ``lifetime``
        seconds on the fake's clock: for tests that need a token but not the login."""
        from ._standin.state import Grant, serving
        from ._standin.tokens import grant_token

        scopes = frozenset(scope.split() if isinstance(scope, str) else (str(s) for s in scope))
        with serving(self._state):
            return grant_token(Grant(user or self.me, scopes, CLIENT_ID, self._state.clock + lifetime))

    def authorise(self, url: str) -> str:
        """Visit the consent page at ``url`` as the user's browser would; returns the URL it redirects to
        (with ``code`` and ``state``, or ``error=access_denied`` when ``consent`` is False)."""
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            with opener.open(url, timeout=10) as answer:
                raise RuntimeError(f"the consent page answered {answer.status}, not a redirect")
        except urllib.error.HTTPError as redirect:
            location = redirect.headers.get("Location")
            if redirect.code not in (302, 303) or not location:
                raise RuntimeError(f"the consent page refused: {redirect.code} {redirect.read()[:200]!r}") from None
            return str(location)

    def browser(self, url: str) -> bool:
        """An ``open_browser`` for spotlite's prompts: consents at ``url``, then delivers the redirect to the
        prompt's loopback catcher, as a browser would (in a thread, so the prompt can answer it)."""
        redirected = self.authorise(url)
        if urlsplit(redirected).hostname in ("127.0.0.1", "::1"):
            threading.Thread(target=_visit, args=(redirected,), daemon=True).start()
        return True

    def login(self, scope: str | Iterable[str] = "", *, user: str | None = None, client_id: str = CLIENT_ID,
              client_secret: str = CLIENT_SECRET, redirect_uri: str = REDIRECT_URI) -> Token:
        """Log ``user`` (default ``me``) in with the authorisation code flow against the fake, with spotlite's own
        functions; returns their ``Token`` (with a refresh token)."""
        from .. import _http, auth

        with _http.configured(accounts_url=self.accounts_url):  # this fake's, in a with block or not
            url = auth.authorisation_url(client_id, redirect_uri, _scope_text(scope), state="fake-state")
            self._state.consent_user, old = user, self._state.consent_user
            try:
                code = auth.parse_code_from_url(self.authorise(url), "fake-state")
            finally:
                self._state.consent_user = old
            return auth.request_user_token(client_id, client_secret, redirect_uri, code)

    # -- seeding ---------------------------------------------------------------------------------------------------

    def add_user(self, user_id: str, display_name: str | None = None, *, product: str = "premium",
                 country: str = "FI", email: str | None = None, followers: int = 0) -> str:
        """Add a user (``product`` ``"free"``: player commands answer 403 ``PREMIUM_REQUIRED``); returns the ID."""
        from ._seed import add_user

        return add_user(self._state, user_id, display_name, product=product, country=country, email=email,
                        followers=followers)

    def add_artist(self, name: str, *, artist_id: str | None = None, genres: Sequence[str] = (), followers: int = 0,
                   popularity: int = 50) -> str:
        """Add an artist to the catalogue; returns the artist's ID (made up from the name unless given)."""
        from ._seed import add_artist

        return add_artist(self._state, name, artist_id=artist_id, genres=genres, followers=followers,
                          popularity=popularity)

    def add_album(self, name: str, tracks: Sequence[str], *, artists: Sequence[str] = (), album_id: str | None = None,
                  album_type: str = "album", release_date: str = "2026-01-16") -> str:
        """Add an album with tracks of these names, by ``artists`` (IDs the fake knows, or names: new names
        become artists); returns the album's ID (``track_ids`` gives its tracks')."""
        from ._seed import add_album

        return add_album(self._state, name, tracks, artists=artists, album_id=album_id, album_type=album_type,
                         release_date=release_date)

    def track_ids(self, album_id: str) -> list[str]:
        """The IDs of an album's tracks, in order."""
        return [track["id"] for track in self._state.albums[album_id][1]]

    def add_track(self, name: str, *, artists: Sequence[str] = (), album: str | None = None,
                  duration_ms: int = 200_000, track_id: str | None = None) -> str:
        """Add a track (to the album of that ID, or a single of its own); returns its ID."""
        from ._seed import add_track

        return add_track(self._state, name, artists=artists, album=album, duration_ms=duration_ms, track_id=track_id)

    def add_playlist(self, name: str, uris: Sequence[str] = (), *, owner: str | None = None, public: bool = True,
                     collaborative: bool = False, description: str = "") -> str:
        """Add a playlist of ``owner`` (default ``me``, who follows it) holding the items of ``uris``; returns its ID."""
        from ._seed import add_playlist

        return add_playlist(self._state, name, uris, owner=owner, public=public, collaborative=collaborative,
                            description=description)

    def add_device(self, name: str, *, device_type: str = "Computer", volume_percent: int | None = 50,
                   device_id: str | None = None) -> str:
        """Add a device to every player (those made later too); returns its ID."""
        from ._seed import add_device

        return add_device(self._state, name, device_type=device_type, volume_percent=volume_percent,
                          device_id=device_id)

    def save(self, *uris: str, user: str | None = None) -> None:
        """Save items to a user's library (``spotify:track:...``, album, episode, show, audiobook, playlist);
        artist and user URIs are followed, as ``PUT /me/library`` does."""
        from ._seed import save

        save(self._state, uris, user or self.me)

    def add(self, body: Mapping[str, Any]) -> list[str]:
        """Add what a JSON body as Spotify sends it holds: a track, album, artist, playlist or user, a list or
        page of them, an answer wrapping them (``{"tracks": [...]}``), saved tracks or albums (a page of
        ``/me/tracks``: saved to ``me``'s library) or devices (``/me/player/devices``); returns the IDs added."""
        from ._seed import add

        return add(self._state, body)


def _visit(url: str) -> None:
    try:
        urllib.request.urlopen(url, timeout=10).close()
    except OSError:  # the catcher has answered, or was not listening: the prompt reports what it saw
        pass


def _scope_text(scope: str | Iterable[str]) -> str:
    return scope if isinstance(scope, str) else " ".join(str(s) for s in scope)
