"""Getting tokens from Spotify's accounts service: pure functions, no server.

- Client credentials (no user): ``request_client_token``.
- Authorisation code: ``authorisation_url``, then ``parse_code_from_url`` on the
  URL Spotify redirected to, then ``request_user_token``; ``refresh_user_token``.
- With PKCE (no client secret): ``pkce_pair``, ``authorisation_url(...,
  code_challenge=challenge)``, ``request_pkce_token``; ``refresh_pkce_token``.
- For a web app with many users, or a script: see ``spotlite.login``
  (``begin_authorisation``/``finish_authorisation``, ``prompt_for_user_token``).

Spotify removed the implicit grant; loopback redirect URIs must use
``http://127.0.0.1:PORT/...``, not ``localhost``. Failures raise ``AuthError``
carrying the accounts service's ``error`` and description.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qs, urlsplit

from . import _http
from ._token import Token, token_from_answer
from .errors import AuthError, HTTPError, InvalidInput
from .scope import Scope

__all__ = [
    "authorisation_url",
    "parse_code_from_url",
    "pkce_pair",
    "refresh",
    "refresh_pkce_token",
    "refresh_user_token",
    "request_client_token",
    "request_pkce_token",
    "request_user_token",
]

EXPIRED_REFRESH = (
    "the refresh token is invalid, revoked or expired (since 2026 Spotify's refresh tokens "
    "expire six months after authorisation): ask the user to authorise again"
)


def request_client_token(client_id: str, client_secret: str) -> Token:
    """Get an app token by the client credentials flow (no user data).

    Args:
        client_id: the app's client ID.
        client_secret: the app's client secret.

    Returns:
        A ``Token`` without a refresh token; request a new one when it expires.
    """
    return _token_request({"grant_type": "client_credentials"}, client_id, client_secret)


def authorisation_url(
    client_id: str,
    redirect_uri: str,
    scope: str | Iterable[str | Scope] | None = None,
    state: str | None = None,
    show_dialog: bool = False,
    code_challenge: str | None = None,
) -> str:
    """The URL where the user grants the app access.

    Args:
        client_id: the app's client ID.
        redirect_uri: one of the app's registered redirect URIs.
        scope: scopes to ask for: a ``Scope`` (``spotlite.scope.every``,
            ``scope.user_top_read + scope.user_read_private``), a list, or a str.
        state: an unguessable value to check in the redirect (see ``parse_code_from_url``).
        show_dialog: ask again even if the user granted access before.
        code_challenge: the S256 challenge of ``pkce_pair``, for the PKCE flow.

    Returns:
        The URL to send the user to.
    """
    params = {"client_id": client_id, "response_type": "code", "redirect_uri": redirect_uri}
    if scope:
        params["scope"] = _scope_text(scope)
    if state is not None:
        params["state"] = state
    if show_dialog:
        params["show_dialog"] = "true"
    if code_challenge is not None:
        params.update(code_challenge=code_challenge, code_challenge_method="S256")
    return f"{_http.settings().accounts_url}/authorize?{_http.urlencoded(params, 'parameter')}"


def request_user_token(client_id: str, client_secret: str, redirect_uri: str, code: str) -> Token:
    """Exchange the code of the authorisation redirect for a user token.

    Args:
        client_id: the app's client ID.
        client_secret: the app's client secret.
        redirect_uri: the redirect URI given to ``authorisation_url``.
        code: the ``code`` of the redirect (``parse_code_from_url``).

    Returns:
        The user's ``Token``, with a refresh token.
    """
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri}
    return _token_request(form, client_id, client_secret)


def refresh_user_token(client_id: str, client_secret: str, refresh_token: str) -> Token:
    """Get a fresh user token; the refresh token is kept when Spotify sends no new one.

    Args:
        client_id: the app's client ID.
        client_secret: the app's client secret.
        refresh_token: the user's refresh token.

    Returns:
        A new ``Token`` for the user.
    """
    form = {"grant_type": "refresh_token", "refresh_token": refresh_token}
    return _token_request(form, client_id, client_secret, refresh_token=refresh_token)


def pkce_pair(length: int = 64) -> tuple[str, str]:
    """A PKCE code verifier of ``length`` characters (43 to 128) and its S256 challenge.

    Args:
        length: characters of the verifier, 43 to 128.

    Returns:
        ``(verifier, challenge)``: send the challenge in ``authorisation_url``,
        keep the verifier for ``request_pkce_token``.
    """
    if not 43 <= length <= 128:
        raise InvalidInput(f"a PKCE verifier has 43 to 128 characters, got {length}")
    verifier = secrets.token_urlsafe(96)[:length]
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return verifier, base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def request_pkce_token(client_id: str, redirect_uri: str, code: str, verifier: str) -> Token:
    """Exchange the code of a PKCE authorisation for a user token.

    Args:
        client_id: the app's client ID.
        redirect_uri: the redirect URI given to ``authorisation_url``.
        code: the ``code`` of the redirect (``parse_code_from_url``).
        verifier: the verifier of the ``pkce_pair`` whose challenge was sent.

    Returns:
        The user's ``Token`` (``uses_pkce``), with a refresh token.
    """
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri,
        "client_id": client_id,
        "code_verifier": verifier,
    }
    return _token_request(form)


def refresh_pkce_token(client_id: str, refresh_token: str) -> Token:
    """Get a fresh PKCE user token; keeps the old refresh token when no new one comes.

    Args:
        client_id: the app's client ID.
        refresh_token: the user's latest refresh token.

    Returns:
        A new ``Token`` for the user; keep its refresh token, which Spotify may have rotated.
    """
    form = {"grant_type": "refresh_token", "refresh_token": refresh_token, "client_id": client_id}
    return _token_request(form, refresh_token=refresh_token)


def refresh(token: Token, client_id: str, client_secret: str | None = None) -> Token:
    """Get a fresh user token for ``token``, by the refresh its flow takes (PKCE or normal).

    Args:
        token: a user token with a refresh token; ``token.uses_pkce`` picks the flow.
        client_id: the app's client ID.
        client_secret: needed for a token of the normal flow, not for PKCE.

    Returns:
        The new token; it keeps the old refresh token when Spotify sends no new one.
    """
    if not isinstance(token, Token) or token.refresh_token is None:
        raise InvalidInput("refresh takes a user Token with a refresh token")
    if token.uses_pkce:
        return refresh_pkce_token(client_id, token.refresh_token)
    if client_secret is None:
        raise InvalidInput("this token came from the normal flow: refreshing it needs the client secret")
    return refresh_user_token(client_id, client_secret, token.refresh_token)


def parse_code_from_url(url: str, state: str | None = None) -> str:
    """The ``code`` of the URL Spotify redirected the user to.

    Args:
        url: the whole URL Spotify redirected the user to.
        state: the ``state`` sent in ``authorisation_url``, checked against the URL's; None skips the check.

    Returns:
        The authorisation code, for ``request_user_token`` or ``request_pkce_token``.

    Raises:
        AuthError: the user refused (``error=access_denied``) or ``state`` differs.
        InvalidInput: the URL holds no code.
    """
    query = parse_qs(urlsplit(url).query)
    if "error" in query:
        raise AuthError(query["error"][0], "the authorisation was not granted")
    if state is not None and query.get("state", [None])[0] != state:
        raise AuthError("state_mismatch", "the redirect's state is not the one sent: start again")
    codes = query.get("code")
    if not codes or not codes[0]:
        raise InvalidInput("the URL holds no code: paste the whole URL you were redirected to")
    return codes[0]


def _scope_text(scope: str | Iterable[str | Scope]) -> str:
    """The scopes as Spotify takes them: names sorted, space-separated (from a str, a ``Scope`` or a list of either)."""
    try:
        return str(Scope(scope))
    except TypeError as error:
        raise InvalidInput(f"scope must be a str, a Scope or an iterable of them: {error}") from None


def _token_request(
    form: dict[str, str],
    client_id: str | None = None,
    client_secret: str | None = None,
    *,
    refresh_token: str | None = None,
) -> Token:
    """POST to the token endpoint and build the Token, or raise AuthError."""
    headers = {}
    if client_id is not None and client_secret is not None:
        if not (_http.encodable(client_id) and _http.encodable(client_secret)):  # the value is a secret: not shown
            raise InvalidInput(f"the client ID or secret {_http.LONE_SURROGATE}")
        pair = base64.b64encode(f"{client_id}:{client_secret}".encode()).decode("ascii")
        headers["Authorization"] = f"Basic {pair}"
    url = f"{_http.settings().accounts_url}/api/token"
    refused: AuthError | None = None
    try:
        body = _http.send("POST", url, token=None, data=form, headers=headers, bearer=False)
    except HTTPError as error:
        if error.status >= 500 or error.reason is None:
            raise
        hint = f"; {EXPIRED_REFRESH}" if refresh_token and error.reason == "invalid_grant" else ""
        refused = AuthError(error.reason, error.message + hint)
    if refused is not None:
        raise refused  # outside the handler: no chain back to the request
    return _token_from(body, pkce="code_verifier" in form or "client_id" in form, refresh_token=refresh_token)


def _token_from(body: Any, *, pkce: bool, refresh_token: str | None) -> Token:
    """Build the Token of the token endpoint's JSON answer, checking every field.

    Missing optional fields take Spotify's defaults (``Bearer``, an hour, no
    scope, the ``refresh_token`` passed in). A malformed answer raises
    ``AuthError("invalid_response", ...)`` naming the field; no message ever
    holds the value of the access or refresh token.
    """
    problem = None
    try:
        return token_from_answer(body, uses_pkce=pkce, refresh_token=refresh_token)
    except InvalidInput as error:
        problem = str(error)
    raise _malformed(problem)  # outside the handler: no chain


def _malformed(problem: str) -> AuthError:
    return AuthError("invalid_response", f"the accounts service answered a malformed token: {problem}")
