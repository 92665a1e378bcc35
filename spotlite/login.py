"""Logging users in: a web login in two pure steps, and prompts for scripts.

For a web app with many users, ``begin_authorisation`` makes a
``PendingAuthorisation``: send the user to its ``url`` and keep it (its
``to_dict()`` is JSON) in the user's session; when Spotify redirects back,
``finish_authorisation(pending, redirected_url, client_secret)`` checks the
``state`` and exchanges the code for the user's ``Token``. Nothing is kept
between the two steps but what you keep, so any number of users can log in
at once, on any number of processes.

For scripts, ``prompt_for_user_token`` and ``prompt_for_pkce_token`` open the
browser and ask you to paste the URL you were redirected to. When the redirect
URI is a loopback address (``http://127.0.0.1:PORT/...`` or
``http://[::1]:PORT/...``) they also catch the redirect on that port
themselves: whichever comes first, the redirect or the paste, is taken. Over
SSH or in a container, where the browser never comes back to the machine,
paste the URL at once.
"""

from __future__ import annotations

import builtins
import os
import secrets
import socket
import sys
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from . import auth
from ._catcher import Catcher
from ._token import Token
from .errors import InvalidInput

__all__ = [
    "PendingAuthorisation",
    "begin_authorisation",
    "finish_authorisation",
    "prompt_for_pkce_token",
    "prompt_for_user_token",
]

REDIRECT_TIMEOUT = 300.0  # seconds the prompts wait for the browser to come back
PASTE_PROMPT = "Paste the URL you were redirected to: "
_TERMINAL_INPUT = builtins.input  # read_input=input reads the terminal, watched without a thread


@dataclass(frozen=True, slots=True, kw_only=True)
class PendingAuthorisation:
    """An authorisation begun and not yet finished: what to keep in the user's session.

    Every field is a str (``code_verifier`` is None without PKCE), so
    ``to_dict()`` is JSON-ready and ``PendingAuthorisation(**d)`` or
    ``from_dict(d)`` rebuilds it. ``url`` is where to send the user; ``state``
    is the unguessable value the redirect must carry back; ``scope`` is the
    space-separated scopes asked for. ``repr`` hides the code verifier.

    Raises:
        InvalidInput: a field is missing, of the wrong type, or empty.
    """

    url: str
    """Where to send the user."""
    state: str
    """The unguessable value the redirect must carry back."""
    client_id: str
    """The app's client ID."""
    redirect_uri: str
    """The redirect URI the authorisation uses."""
    scope: str = ""
    """The scopes asked for, space-separated."""
    code_verifier: str | None = field(default=None, repr=False)
    """The PKCE code verifier; None without PKCE (hidden in ``repr``)."""

    def __post_init__(self) -> None:
        for name in ("url", "state", "client_id", "redirect_uri"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value:
                raise InvalidInput(f"a PendingAuthorisation needs {name} as a non-empty str, got {_kind(value)}")
        if not isinstance(self.scope, str):
            raise InvalidInput(f"a PendingAuthorisation's scope is a str, got {_kind(self.scope)}")
        if self.code_verifier is not None and (not isinstance(self.code_verifier, str) or not self.code_verifier):
            raise InvalidInput(f"a PendingAuthorisation's code_verifier is a non-empty str or None, "
                               f"got {_kind(self.code_verifier)}")

    @property
    def uses_pkce(self) -> bool:
        """True when the code is to be exchanged by PKCE (no client secret)."""
        return self.code_verifier is not None

    def to_dict(self) -> dict[str, str | None]:
        """The fields as a dict of str (and None), ready for JSON or a session."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PendingAuthorisation:
        """Rebuild from ``to_dict()``'s dict, e.g. read back from a session.

        Raises:
            InvalidInput: ``data`` is not such a dict (a key missing or unknown, a value of the wrong type).
        """
        if not isinstance(data, Mapping):
            raise InvalidInput(f"a PendingAuthorisation is rebuilt from a dict, got {_kind(data)}")
        names = {f.name for f in fields(cls)}
        unknown = sorted(str(key) for key in data if key not in names)
        if unknown:
            raise InvalidInput(f"not fields of a PendingAuthorisation: {', '.join(unknown)}")
        missing = sorted(name for name in ("url", "state", "client_id", "redirect_uri") if name not in data)
        if missing:
            raise InvalidInput(f"a PendingAuthorisation needs {', '.join(missing)}")
        return cls(**data)


def begin_authorisation(
    client_id: str,
    redirect_uri: str,
    scope: str | Iterable[str | Iterable[str]] | None = None,
    *,
    pkce: bool = False,
    show_dialog: bool = False,
) -> PendingAuthorisation:
    """Begin a user's authorisation: the URL to send them to, and what to keep until they come back.

    Sends nothing. Keep the result (``to_dict()``) in the user's session and
    hand it to ``finish_authorisation`` with the URL Spotify redirects to.

    Args:
        client_id: the app's client ID.
        redirect_uri: one of the app's registered redirect URIs.
        scope: scopes to ask for: a str of space-separated scopes, or any iterable of them
            (``spotlite.scope.every``, a list).
        pkce: use the PKCE flow (no client secret needed to finish); the verifier is kept in the result.
        show_dialog: ask the user again even if they granted access before.

    Returns:
        A ``PendingAuthorisation`` with a fresh unguessable ``state``.

    Raises:
        InvalidInput: an empty client ID or redirect URI, or a scope that is not text.
    """
    if not isinstance(client_id, str) or not client_id:
        raise InvalidInput("a client ID is needed to begin an authorisation")
    if not isinstance(redirect_uri, str) or not redirect_uri:
        raise InvalidInput("a redirect URI is needed to begin an authorisation")
    scope_text = _scope_text(scope)
    state = secrets.token_urlsafe(32)
    verifier, challenge = auth.pkce_pair() if pkce else (None, None)
    url = auth.authorisation_url(client_id, redirect_uri, scope_text or None, state=state,
                                 show_dialog=show_dialog, code_challenge=challenge)
    return PendingAuthorisation(url=url, state=state, client_id=client_id, redirect_uri=redirect_uri,
                                scope=scope_text, code_verifier=verifier)


def finish_authorisation(pending: PendingAuthorisation, redirected_url: str, client_secret: str | None = None) -> Token:
    """Finish an authorisation: check the redirect's state and exchange its code for the user's token.

    Args:
        pending: what ``begin_authorisation`` returned for this user (e.g. rebuilt with ``from_dict``).
        redirected_url: the whole URL Spotify redirected the user to (``request.url`` in a web app).
        client_secret: the app's secret; needed unless ``pending`` uses PKCE (ignored if it does).

    Returns:
        The user's ``Token``, with a refresh token.

    Raises:
        InvalidInput: no ``client_secret`` for a flow without PKCE, or the URL holds no code
            (raised before anything is sent).
        AuthError: the state differs from the pending one, or the user refused
            (``error=access_denied``), both before anything is sent; or the accounts
            service refused the code (e.g. ``invalid_grant`` for a code used twice).
    """
    if not isinstance(pending, PendingAuthorisation):
        raise InvalidInput(f"pending must be a PendingAuthorisation (see from_dict), got {_kind(pending)}")
    if pending.code_verifier is None and not client_secret:
        raise InvalidInput("a client secret is needed to finish an authorisation without PKCE")
    code = auth.parse_code_from_url(str(redirected_url).strip(), pending.state)
    if pending.code_verifier is not None:
        return auth.request_pkce_token(pending.client_id, pending.redirect_uri, code, pending.code_verifier)
    assert client_secret is not None
    return auth.request_user_token(pending.client_id, client_secret, pending.redirect_uri, code)


def prompt_for_user_token(
    client_id: str,
    client_secret: str,
    redirect_uri: str,
    scope: str | Iterable[str | Iterable[str]] | None = None,
    *,
    read_input: Callable[[str], str] = input,
    open_browser: bool | Callable[[str], Any] | None = True,
    catch_redirect: bool = True,
    timeout: float = REDIRECT_TIMEOUT,
) -> Token:
    """Authorise a user interactively: open the browser, catch (or read the pasted) redirect, get the token.

    Args:
        client_id: the app's client ID.
        client_secret: the app's client secret.
        redirect_uri: a registered redirect URI; a loopback one (``http://127.0.0.1:PORT/...``) is caught.
        scope: scopes to ask for, as in ``begin_authorisation``.
        read_input: asks the user for the pasted URL (``input`` by default), at once, while the redirect is
            awaited: ``input`` is read when a line arrives; another function is called in a thread, and its
            answer is ignored when the redirect comes first.
        open_browser: True (or None) opens ``webbrowser``; False only prints the URL; a callable
            gets the URL to open.
        catch_redirect: listen on a loopback redirect URI's port for the redirect;
            False always asks to paste.
        timeout: seconds to wait for the redirect; after them only a paste is awaited.

    Returns:
        The user's ``Token``, with a refresh token.

    Raises:
        InvalidInput: no client secret (use ``prompt_for_pkce_token``), or the pasted URL holds no code.
        AuthError: the user refused, the state differs, or the accounts service refused the code.
    """
    if not client_secret:
        raise InvalidInput("a client secret is needed; without one, use prompt_for_pkce_token")
    pending = begin_authorisation(client_id, redirect_uri, scope)
    redirected = _redirected_url(pending, read_input, open_browser, catch_redirect, timeout)
    return finish_authorisation(pending, redirected, client_secret)


def prompt_for_pkce_token(
    client_id: str,
    redirect_uri: str,
    scope: str | Iterable[str | Iterable[str]] | None = None,
    *,
    read_input: Callable[[str], str] = input,
    open_browser: bool | Callable[[str], Any] | None = True,
    catch_redirect: bool = True,
    timeout: float = REDIRECT_TIMEOUT,
) -> Token:
    """Like ``prompt_for_user_token``, by the PKCE flow (no client secret).

    Args:
        client_id: the app's client ID.
        redirect_uri: a registered redirect URI; a loopback one (``http://127.0.0.1:PORT/...``) is caught.
        scope: scopes to ask for, as in ``begin_authorisation``.
        read_input: asks the user for the pasted URL (``input`` by default), at once, while the redirect is
            awaited: ``input`` is read when a line arrives; another function is called in a thread, and its
            answer is ignored when the redirect comes first.
        open_browser: True (or None) opens ``webbrowser``; False only prints the URL; a callable gets the URL to
            open.
        catch_redirect: listen on a loopback redirect URI's port for the redirect; False always asks to paste.
        timeout: seconds to wait for the redirect; after them only a paste is awaited.

    Returns:
        The user's ``Token`` (``uses_pkce``), with a refresh token.

    Raises:
        InvalidInput: the pasted URL holds no code.
        AuthError: the user refused, the state differs, or the accounts service refused the code.
    """
    pending = begin_authorisation(client_id, redirect_uri, scope, pkce=True)
    redirected = _redirected_url(pending, read_input, open_browser, catch_redirect, timeout)
    return finish_authorisation(pending, redirected)


def _redirected_url(
    pending: PendingAuthorisation,
    read_input: Callable[[str], str],
    open_browser: bool | Callable[[str], Any] | None,
    catch_redirect: bool,
    timeout: float,
) -> str:
    """Show the user the authorisation URL, then catch the redirect or read it pasted."""
    opener = _opener(open_browser)
    catcher = Catcher.listen(pending.redirect_uri, pending.state) if catch_redirect else None
    try:
        if opener is None:
            print(f"Visit this URL to authorise:\n{pending.url}")
        else:
            print(f"Opening the browser to authorise. If it does not open, visit:\n{pending.url}")
            opener(pending.url)
        if catcher is not None:
            print(f"Waiting up to {timeout:g} s for the browser to come back to {pending.redirect_uri}; "
                  f"or paste the URL here.")
            return _caught_or_pasted(catcher, read_input, timeout)
    finally:
        if catcher is not None:
            catcher.close()
    return read_input(PASTE_PROMPT)


def _caught_or_pasted(catcher: Catcher, read_input: Callable[[str], str], timeout: float) -> str:
    """The redirect the catcher catches or the URL pasted, whichever comes first; after ``timeout``, the paste."""
    if read_input is _TERMINAL_INPUT and _selectable_stdin():
        print(PASTE_PROMPT, end="", flush=True)
        caught = catcher.wait(timeout, (sys.stdin, _pasted_line))
        if caught is None:
            print("\nNothing came back in time.")
            return read_input(PASTE_PROMPT)
        return caught
    pasted: list[str | BaseException] = []
    wake, woken = socket.socketpair()

    def ask() -> None:
        try:
            pasted.append(read_input(PASTE_PROMPT))
        except BaseException as error:  # noqa: BLE001 - raised in the caller's thread, if the redirect never comes
            pasted.append(error)
        try:
            wake.send(b"!")
        except OSError:  # the redirect came first, and the wait is over
            pass

    asking = threading.Thread(target=ask, name="spotlite paste", daemon=True)
    asking.start()
    try:
        caught = catcher.wait(timeout, (woken, lambda: _answer(pasted)))
    finally:
        wake.close()
        woken.close()
    if caught is not None:
        return caught
    print("\nNothing came back in time.")
    asking.join()
    answer = pasted[0]
    if isinstance(answer, BaseException):
        raise answer
    return answer


def _answer(pasted: list[str | BaseException]) -> str | None:
    """What the thread asking for the paste got: the URL, or None (stop watching) when it failed."""
    return pasted[0] if isinstance(pasted[0], str) else None


def _selectable_stdin() -> bool:
    """Whether a line on standard input can be awaited with ``select`` (not on Windows, not without a file)."""
    try:
        return os.name != "nt" and sys.stdin is not None and sys.stdin.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        return False


def _pasted_line() -> str | None:
    """A line pasted on standard input: the URL, ``""`` for a blank line, None at the end of the input."""
    line = sys.stdin.readline()
    return line.strip() or ("" if line else None)


def _opener(open_browser: bool | Callable[[str], Any] | None) -> Callable[[str], Any] | None:
    if open_browser is None or open_browser is True:
        import webbrowser

        return webbrowser.open
    if open_browser is False:
        return None
    if not callable(open_browser):
        raise InvalidInput(f"open_browser is a bool or a callable taking the URL, got {_kind(open_browser)}")
    return open_browser


def _scope_text(scope: str | Iterable[str | Iterable[str]] | None) -> str:
    """Scopes as one space-separated str: each once, sorted when given as an iterable.

    Takes a str of space-separated names, or an iterable of names, of ``Scope``
    objects, or of other iterables of names (a list of ``spotlite.scope`` constants).
    """
    if scope is None:
        return ""
    if isinstance(scope, str):
        return " ".join(scope.split())
    names: set[str] = set()
    for item in _items(scope):
        for name in [item] if isinstance(item, str) else _items(item):
            if not isinstance(name, str):
                raise InvalidInput(f"scope is a str or an iterable of str, got an item of type {_kind(name)}")
            names.update(name.split())
    return " ".join(sorted(names))


def _items(value: object) -> list[object]:
    if not isinstance(value, Iterable) or isinstance(value, (bytes, bytearray, Mapping)):
        raise InvalidInput(f"scope is a str or an iterable of str, got {_kind(value)}")
    return list(value)


def _kind(value: object) -> str:
    return "None" if value is None else type(value).__name__
