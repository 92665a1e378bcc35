"""The accounts service: the consent page (GET /authorize) and POST /api/token for every grant.

Tokens the fake issues carry the user and the scopes they were granted
(``tokens.issue``): the authorisation code flow with or without PKCE, client
credentials, and refreshing, which rotates the refresh token (the old one is
refused afterwards). The consent page approves at once, for the state's
``consent_user``, unless the state says the user refuses (``consent`` False).

Placeholder codes and refresh tokens (``dummy-...``) get the stand-in's
placeholder answers, so the tests' recordings stay as they were.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
from typing import Any
from urllib.parse import urlencode, urlsplit

from .._common import is_placeholder
from .errors import SHORT_LIVED
from .server import Reply, Request, route
from .state import current
from .tokens import issue, mint
from .users import token_of

EXPIRED_REFRESH = "dummy-expired-refresh-token"
BAD_CODE = "dummy-used-code"
# A refresh token with "short-lived" in it is refreshed to an access token that expires after a few requests
# (errors.SHORT_LIVED_USES), and is rotated: for a program that runs longer than its token.
SHORT_LIVED_REFRESH = f"dummy-{SHORT_LIVED}-refresh-token"
_short_lived = itertools.count(1)
# Authorisation codes that log in a user other than users.ME: code -> user ID (of users.USERS). Empty unless a
# recording sets the scene (tests/record_examples.py, for the web login of two users).
LOGINS: dict[str, str] = {}


def _refused(error: str, description: str) -> Reply:
    return Reply(400, {"error": error, "error_description": description})


def _loopback_or_https(uri: str) -> bool:
    url = urlsplit(uri)
    return url.scheme == "https" or (url.scheme == "http" and url.hostname in ("127.0.0.1", "::1"))


@route("GET", r"/accounts/authorize")
def authorize(request: Request) -> Reply:
    """The consent page: redirects to the app with a code (or ``error=access_denied`` when the user refuses)."""
    q, state = request.query, current()
    redirect_uri = q.get("redirect_uri", "")
    if not q.get("client_id"):
        return Reply(400, b"INVALID_CLIENT: Invalid client", {"Content-Type": "text/html"})
    if not _loopback_or_https(redirect_uri):
        return Reply(400, b"INVALID_CLIENT: Insecure redirect URI", {"Content-Type": "text/html"})
    if q.get("response_type") != "code":
        return Reply(400, b"unsupported_response_type", {"Content-Type": "text/html"})
    answer = {"state": q["state"]} if "state" in q else {}
    if not state.consent:
        answer = {"error": "access_denied", **answer}
    else:
        code = mint("AQ")
        state.codes[code] = {"client_id": q["client_id"], "redirect_uri": redirect_uri, "user": state.consent_user or state.me,
                             "scopes": q.get("scope", "").split(), "challenge": q.get("code_challenge")}
        answer = {"code": code, **answer}
    return Reply(303, b"", {"Location": f"{redirect_uri}?{urlencode(answer)}", "Content-Type": "text/html"})


def _client(request: Request, form: dict[str, str]) -> str | None:
    """The client ID of a token request: from Basic authentication, or the form's for PKCE."""
    header = request.headers.get("Authorization", "")
    if header.startswith("Basic "):
        return base64.b64decode(header[len("Basic "):]).decode().partition(":")[0]
    return form.get("client_id")


@route("POST", r"/accounts/api/token")
def token(request: Request) -> Any:
    form = request.form()
    grant = form.get("grant_type")
    client = _client(request, form)
    if client is None:
        return _refused("invalid_client", "Invalid client")
    if grant == "client_credentials":
        return issue(None, frozenset(), client, refresh=False)
    if grant == "authorization_code":
        return _exchange(form, client) if form.get("code") in current().codes else _placeholder_code(form)
    if grant == "refresh_token":
        return _refresh(form, client) if form.get("refresh_token") in current().refresh_tokens else _placeholder_refresh(form)
    return _refused("unsupported_grant_type", f"grant_type {grant!r} is not supported")


def _exchange(form: dict[str, str], client: str) -> Reply | dict[str, object]:
    """A code the consent page gave: once, to the same client and redirect URI, with the PKCE verifier if asked."""
    asked = current().codes.pop(form["code"])
    if asked["client_id"] != client or asked["redirect_uri"] != form.get("redirect_uri"):
        return _refused("invalid_grant", "Invalid redirect URI")
    if asked["challenge"] is not None:
        verifier = form.get("code_verifier", "").encode()
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b"=").decode()
        if challenge != asked["challenge"]:
            return _refused("invalid_grant", "code_verifier was incorrect")
    return issue(asked["user"], frozenset(asked["scopes"]), client, refresh=True)


def _refresh(form: dict[str, str], client: str) -> Reply | dict[str, object]:
    """A refresh token the fake issued: a new access token with the same scopes, and a new refresh token."""
    grant = current().refresh_tokens[form["refresh_token"]]
    if grant.client_id != client:
        return _refused("invalid_client", "Invalid client")
    del current().refresh_tokens[form["refresh_token"]]
    return issue(grant.user, grant.scopes, client, refresh=True)


def _placeholder_code(form: dict[str, str]) -> Reply | dict[str, object]:
    code = form.get("code", "")
    if code == BAD_CODE or not is_placeholder(code):
        return _refused("invalid_grant", "Invalid authorization code")
    body: dict[str, object] = {"access_token": "dummy-access-token", "token_type": "Bearer", "expires_in": 3600}
    scope = "user-read-private user-top-read" if "client_id" not in form else "user-read-private"
    if code in LOGINS:
        body["access_token"] = token_of(LOGINS[code])
    return {**body, "scope": scope, "refresh_token": "dummy-refresh-token"}


def _placeholder_refresh(form: dict[str, str]) -> Reply | dict[str, object]:
    refresh = form.get("refresh_token", "")
    if refresh == EXPIRED_REFRESH:
        return _refused("invalid_grant", "Refresh token revoked")
    if not is_placeholder(refresh):
        return _refused("invalid_grant", "Invalid refresh token")
    body: dict[str, object] = {"access_token": "dummy-access-token", "token_type": "Bearer", "expires_in": 3600}
    if SHORT_LIVED in refresh:
        n = next(_short_lived)
        return {**body, "access_token": f"dummy-{SHORT_LIVED}-access-token-{n}", "scope": "user-read-currently-playing",
                "refresh_token": f"dummy-{SHORT_LIVED}-refresh-token-{n}"}
    fresh = {"refresh_token": "dummy-refresh-token"} if "client_id" in form else {}
    return {**body, "scope": "user-read-private user-top-read", **fresh}
