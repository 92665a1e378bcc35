"""Tokens as Spotify checks them: issued by the fake's accounts service, with scopes and a lifetime.

A token the fake issued names its user, its scopes and when it expires (on
the fake's clock, which ``FakeSpotify.advance`` moves): past that it answers
401 "The access token expired"; an endpoint needing a scope the token lacks
answers 403 "Insufficient client scope"; a user endpoint called with a client
credentials token answers 401 "Valid user authentication required".

A placeholder token (``dummy-user-token``: see ``spotlite.testing.is_placeholder``)
stands for the fake's main user with every scope, so code and cassettes made
for the stand-in keep working; one with ``expired``, ``revoked`` or
``short-lived`` in it answers as ``errors.unauthorised`` says. Any other token
is unknown: 401 "Invalid access token".
"""

from __future__ import annotations

import re
import secrets

from .._common import is_placeholder
from .errors import unauthorised
from .scopes import SCOPES
from .server import Reply, Request, error
from .state import TOKEN, USER, Grant, current
from .users import logged_in

LIFETIME = 3600  # seconds, as Spotify's tokens
# Scopes the spec lists for an operation that only add to its answer: the call works without them.
OPTIONAL = {("GET", "/me"), ("GET", "/shows/{id}"), ("GET", "/shows/{id}/episodes"), ("GET", "/episodes/{id}"),
            ("GET", "/episodes"), ("GET", "/users/{user_id}/playlists")}
_PATTERNS = [(method, re.compile("/v1" + re.sub(r"\{[^}]+\}", "[^/]+", path) + "$"), (method, path))
             for method, path in SCOPES]


def operation(method: str, path: str) -> tuple[str, str] | None:
    """The spec's (method, path template) of a request, or None."""
    hits = [key for m, pattern, key in _PATTERNS if m == method and pattern.match(path)]
    return min(hits, key=lambda key: key[1].count("{")) if hits else None  # /me/albums before /me/{x}


def needed_scopes(method: str, path: str) -> tuple[str, ...]:
    """The scopes of which a token needs one to call ``method path`` (none for most of the catalogue)."""
    key = operation(method, path)
    return () if key is None or key in OPTIONAL else SCOPES[key]


def authorise(request: Request) -> Reply | None:
    """Spotify's 401 or 403 for the token of an API request, or None (and ``USER`` set) when it may go on."""
    if not request.path.startswith("/v1/"):
        return None
    authorization = request.headers.get("Authorization", "")
    if not authorization.startswith("Bearer "):
        return error(401, "No token provided")
    token = authorization[len("Bearer "):]
    TOKEN.set(token)
    grant = current().tokens.get(token)
    if grant is None:
        if not is_placeholder(token):
            return error(401, "Invalid access token")
        USER.set(logged_in(request))
        return unauthorised(request.headers)
    if grant.expires_at <= current().clock:
        return error(401, "The access token expired")
    needed = needed_scopes(request.method, request.path)
    if grant.user is None and (needed or request.path.startswith("/v1/me")):
        return error(401, "Valid user authentication required")
    if needed and not grant.scopes.intersection(needed):
        return error(403, "Insufficient client scope")
    USER.set(grant.user or current().me)
    return None


def mint(prefix: str) -> str:
    """A new token or code: random and shaped like Spotify's (``BQ...`` access, ``AQ...`` refresh), no placeholder."""
    return prefix + secrets.token_urlsafe(48)


def grant_token(grant: Grant) -> str:
    """A new access token for ``grant``, remembered."""
    token = mint("BQ")
    current().tokens[token] = grant
    return token


def issue(user: str | None, scopes: frozenset[str], client_id: str, *, refresh: bool) -> dict[str, object]:
    """A token answer of the accounts service, its tokens remembered; a refresh token only when ``refresh``."""
    state = current()
    grant = Grant(user, scopes, client_id, state.clock + LIFETIME)
    body: dict[str, object] = {"access_token": grant_token(grant), "token_type": "Bearer", "expires_in": LIFETIME}
    if scopes:
        body["scope"] = " ".join(sorted(scopes))
    if refresh:
        token = mint("AQ")
        state.refresh_tokens[token] = grant
        body["refresh_token"] = token
    return body
