"""The accounts service's flows for tokens the fake issues: the consent page, codes, PKCE, refresh with rotation.

Tokens carry the user and the scopes they were granted (``tokens.issue``).
The consent page (GET /authorize) approves at once, for the state's
``consent_user``, unless the state says the user refuses (``consent`` False).
A code works once, for the same client and redirect URI (and the PKCE
verifier when a challenge was given); refreshing rotates the refresh token:
the old one is refused afterwards. Placeholder codes and refresh tokens
(``dummy-...``) are left to ``accounts.token``, which answers them as the
stand-in always did.
"""

from __future__ import annotations

import base64
import hashlib
from urllib.parse import urlencode, urlsplit

from .._common import is_placeholder
from .server import Reply, Request, route
from .state import current
from .tokens import issue, mint

Answer = Reply | dict[str, object]


def refused(error: str, description: str) -> Reply:
    """The accounts service's error answer."""
    return Reply(400, {"error": error, "error_description": description})


def _loopback_or_https(uri: str) -> bool:
    url = urlsplit(uri)
    return url.scheme == "https" or (url.scheme == "http" and url.hostname in ("127.0.0.1", "::1"))


def _page(text: str) -> Reply:
    return Reply(400, text.encode(), {"Content-Type": "text/html"})


@route("GET", r"/accounts/authorize")
def authorize(request: Request) -> Reply:
    """The consent page: redirects to the app with a code (or ``error=access_denied`` when the user refuses)."""
    q, state = request.query, current()
    redirect_uri = q.get("redirect_uri", "")
    if not q.get("client_id"):
        return _page("INVALID_CLIENT: Invalid client")
    if not _loopback_or_https(redirect_uri):
        return _page("INVALID_CLIENT: Insecure redirect URI")
    if q.get("response_type") != "code":
        return _page("unsupported_response_type")
    answer = {"state": q["state"]} if "state" in q else {}
    if not state.consent:
        answer = {"error": "access_denied", **answer}
    else:
        code = mint("AQ")
        state.codes[code] = {"client_id": q["client_id"], "redirect_uri": redirect_uri,
                             "user": state.consent_user or state.me, "scopes": q.get("scope", "").split(),
                             "challenge": q.get("code_challenge")}
        answer = {"code": code, **answer}
    return Reply(303, b"", {"Location": f"{redirect_uri}?{urlencode(answer)}", "Content-Type": "text/html"})


def client_of(request: Request, form: dict[str, str]) -> str | None:
    """The client ID of a token request: from Basic authentication, or the form's (PKCE)."""
    header = request.headers.get("Authorization", "")
    if header.startswith("Basic "):
        return base64.b64decode(header[len("Basic "):]).decode().partition(":")[0]
    return form.get("client_id")


def token_answer(form: dict[str, str], client: str) -> Answer | None:
    """The answer to a token request the fake issues tokens for; None for placeholders, which the stand-in's
    own answers serve."""
    grant, state = form.get("grant_type"), current()
    if grant == "client_credentials":
        return issue(None, frozenset(), client, refresh=False)
    if grant == "authorization_code":
        code = form.get("code", "")
        if code in state.codes:
            return _exchange(form, client)
        return None if is_placeholder(code) else refused("invalid_grant", "Invalid authorization code")
    if grant == "refresh_token":
        token = form.get("refresh_token", "")
        if token in state.refresh_tokens:
            return _refresh(token, client)
        return None if is_placeholder(token) else refused("invalid_grant", "Invalid refresh token")
    return None


def _exchange(form: dict[str, str], client: str) -> Answer:
    asked = current().codes.pop(form["code"])
    if asked["client_id"] != client or asked["redirect_uri"] != form.get("redirect_uri"):
        return refused("invalid_grant", "Invalid redirect URI")
    if asked["challenge"] is not None:
        verifier = form.get("code_verifier", "").encode()
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b"=").decode()
        if challenge != asked["challenge"]:
            return refused("invalid_grant", "code_verifier was incorrect")
    return issue(asked["user"], frozenset(asked["scopes"]), client, refresh=True)


def _refresh(token: str, client: str) -> Answer:
    grant = current().refresh_tokens[token]
    if grant.client_id != client:
        return refused("invalid_client", "Invalid client")
    del current().refresh_tokens[token]
    return issue(grant.user, grant.scopes, client, refresh=True)
