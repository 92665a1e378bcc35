"""``python -m spotlite``: log in once, then print fresh access tokens.

::

    python -m spotlite login            # authorise in the browser, write spotlite.cfg
    curl -H "Authorization: Bearer $(python -m spotlite token)" https://api.spotify.com/v1/me

The file is Tekore's format (``[DEFAULT]`` with ``SPOTIFY_CLIENT_ID``,
``SPOTIFY_CLIENT_SECRET``, ``SPOTIFY_REDIRECT_URI``, ``SPOTIFY_USER_REFRESH``),
readable by its owner only; an empty secret means the login used PKCE.

Both commands hold a lock on the file while they read and write it (a byte
lock in ``.<file>.lock`` beside it), so ``token`` runs at once on one file
refresh one after the other, each with the refresh token the last one saved.
"""

from __future__ import annotations

import argparse
import configparser
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from functools import partial

from . import __version__
from . import scope as scopes
from ._token import Token
from .auth import refresh_pkce_token, refresh_user_token
from .config import config_from_file, config_to_file
from .errors import SpotliteError
from .login import REDIRECT_TIMEOUT, prompt_for_pkce_token, prompt_for_user_token

DEFAULT_FILE = "spotlite.cfg"
DEFAULT_REDIRECT = "http://127.0.0.1:8888/callback"


class Failure(Exception):
    """A failure to report in one line, without a traceback."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0, 1 for a failure, 2 for a usage error)."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        args.run(args)
    except (Failure, SpotliteError) as error:
        message = " ".join(str(error).splitlines())
        print(f"spotlite: {message}", file=sys.stderr)
        return 1
    except (KeyboardInterrupt, EOFError):
        print("\nspotlite: interrupted", file=sys.stderr)
        return 1
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m spotlite",
        description="Log a user in to Spotify once, then get fresh access tokens from the saved refresh token.",
    )
    parser.add_argument("--version", action="version", version=f"spotlite {__version__} (spotlite-client)")
    parser.set_defaults(command=None)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    login = commands.add_parser(
        "login",
        help="authorise in the browser and save the refresh token to a file",
        description=(
            "Authorise a user in the browser and write the client ID, secret, redirect URI and the user's "
            "refresh token to a file readable by you only. The client ID, secret and redirect URI come from "
            "SPOTIFY_CLIENT_ID, SPOTIFY_CLIENT_SECRET and SPOTIFY_REDIRECT_URI, or are asked for; an empty "
            "secret logs in by PKCE. A loopback redirect URI (http://127.0.0.1:PORT/...) is caught on that "
            "port; otherwise you paste the URL you were redirected to."
        ),
    )
    login.add_argument("--file", default=DEFAULT_FILE, help=f"the file to write (default: {DEFAULT_FILE})")
    login.add_argument(
        "--scope",
        action="append",
        metavar="SCOPE",
        help="a scope to ask for, or several separated by spaces; repeatable (default: every scope)",
    )
    login.add_argument("--no-browser", action="store_true", help="print the URL instead of opening the browser")
    login.add_argument("--no-catch", action="store_true", help="always paste the redirect URL, never listen for it")
    login.add_argument(
        "--timeout",
        type=float,
        default=REDIRECT_TIMEOUT,
        help=f"seconds to wait for the redirect before asking to paste it (default: {REDIRECT_TIMEOUT:g})",
    )
    login.set_defaults(command="login", run=_login)

    token = commands.add_parser(
        "token",
        help="print a fresh access token (and save a new refresh token if Spotify sent one)",
        description=(
            "Refresh the user's token with the file `login` wrote and print only the access token, for "
            'curl -H "Authorization: Bearer $(python -m spotlite token)". When Spotify rotates the refresh '
            "token, the new one is written back to the file."
        ),
    )
    token.add_argument("--file", default=DEFAULT_FILE, help=f"the file `login` wrote (default: {DEFAULT_FILE})")
    token.set_defaults(command="token", run=_token)
    return parser


def _login(args: argparse.Namespace) -> None:
    """Ask for what is missing, authorise, write the file."""
    client_id = os.environ.get("SPOTIFY_CLIENT_ID") or _ask("Client ID: ")
    if not client_id:
        raise Failure("a client ID is needed: see your app on https://developer.spotify.com/dashboard")
    if "SPOTIFY_CLIENT_SECRET" in os.environ:
        client_secret = os.environ["SPOTIFY_CLIENT_SECRET"]
    else:
        import getpass

        client_secret = getpass.getpass("Client secret (leave empty to log in by PKCE): ").strip()
    redirect_uri = os.environ.get("SPOTIFY_REDIRECT_URI") or _ask(f"Redirect URI [{DEFAULT_REDIRECT}]: ")
    redirect_uri = redirect_uri or DEFAULT_REDIRECT
    scope = " ".join(args.scope).replace(",", " ") if args.scope else scopes.every
    prompt = partial(prompt_for_pkce_token, client_id, redirect_uri, scope)
    if client_secret:
        prompt = partial(prompt_for_user_token, client_id, client_secret, redirect_uri, scope)
    token = prompt(read_input=input, open_browser=not args.no_browser, catch_redirect=not args.no_catch,
                   timeout=args.timeout)
    if not token.refresh_token:
        raise Failure("Spotify sent no refresh token: nothing to save")
    try:
        with _locked(args.file):
            config_to_file(args.file, (client_id, client_secret, redirect_uri, token.refresh_token))
    except OSError as error:
        raise Failure(f"cannot write {args.file}: {error.strerror or error}") from None
    flow = "PKCE" if token.uses_pkce else "the client secret"
    print(f"Logged in ({flow}). Wrote the refresh token to {os.path.abspath(args.file)} (readable by you only).")


def _token(args: argparse.Namespace) -> None:
    """Refresh from the file, print the access token, save a rotated refresh token: all under the file's lock."""
    with _locked(args.file):
        token = _refresh_file(args.file)
    print(token.access_token)


def _refresh_file(file: str) -> Token:
    """Refresh with the file's refresh token and save the one Spotify rotated in."""
    try:
        client_id, client_secret, _, refresh_token = config_from_file(file, return_refresh=True, missing_ok=True)
    except FileNotFoundError:
        raise Failure(f"no file {file}: run `python -m spotlite login` first") from None
    except OSError as error:
        raise Failure(f"cannot read {file}: {error.strerror or type(error).__name__}") from None
    except configparser.Error as error:  # its message may quote a line of the file: a secret
        raise Failure(f"cannot read {file}: not an INI file of Tekore's form ({type(error).__name__})") from None
    if not client_id or not refresh_token:
        raise Failure(f"{file} holds no client ID or no refresh token: run `python -m spotlite login`")
    token = _refresh(client_id, client_secret, refresh_token)
    if token.refresh_token and token.refresh_token != refresh_token:
        try:
            config_to_file(file, (None, None, None, token.refresh_token))
        except OSError as error:
            raise Failure(f"cannot save the new refresh token to {file}: {error.strerror or error}") from None
    return token


def _refresh(client_id: str, client_secret: str | None, refresh_token: str) -> Token:
    """A fresh token: by PKCE when the file holds no secret (``auth.refresh`` wants a whole Token)."""
    if client_secret:
        return refresh_user_token(client_id, client_secret, refresh_token)
    return refresh_pkce_token(client_id, refresh_token)


@contextmanager
def _locked(file: str) -> Iterator[None]:
    """Hold the lock of ``file`` among processes (where the system has POSIX record locks)."""
    from .stores import _oslock

    path = os.path.join(os.path.dirname(file), f".{os.path.basename(file)}.lock")
    try:
        import fcntl  # noqa: F401
    except ImportError:  # Windows: no lock, as before
        yield
        return
    with ExitStack() as stack:
        try:
            stack.enter_context(_oslock.hold(path, "config"))
        except OSError as error:
            raise Failure(f"cannot lock {file} (with {path}): {error.strerror or error}") from None
        yield


def _ask(prompt: str) -> str:
    return input(prompt).strip()


if __name__ == "__main__":
    sys.exit(main())
