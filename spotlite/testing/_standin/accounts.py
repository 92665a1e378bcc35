"""The accounts service: POST /api/token for every grant (tokens the fake issues: ``oauth.py``)."""

from __future__ import annotations

import itertools
from typing import Any

from .errors import SHORT_LIVED
from .oauth import client_of, token_answer
from .oauth import refused as _refused
from .server import Request, route
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


@route("POST", r"/accounts/api/token")
def token(request: Request) -> Any:
    form = request.form()
    grant = form.get("grant_type")
    pkce = "client_id" in form
    if not pkce and not request.headers.get("Authorization", "").startswith("Basic "):
        return _refused("invalid_client", "Invalid client")
    if issued := token_answer(form, client_of(request, form) or ""):
        return issued
    body: dict[str, Any] = {"access_token": "dummy-access-token", "token_type": "Bearer", "expires_in": 3600}
    if grant == "authorization_code":
        if form.get("code") == BAD_CODE:
            return _refused("invalid_grant", "Invalid authorization code")
        scope = "user-read-private user-top-read" if not pkce else "user-read-private"
        if form.get("code") in LOGINS:
            body["access_token"] = token_of(LOGINS[form["code"]])
        return {**body, "scope": scope, "refresh_token": "dummy-refresh-token"}
    if grant == "refresh_token":
        if form.get("refresh_token") == EXPIRED_REFRESH:
            return _refused("invalid_grant", "Refresh token revoked")
        if SHORT_LIVED in form.get("refresh_token", ""):
            n = next(_short_lived)
            return {**body, "access_token": f"dummy-{SHORT_LIVED}-access-token-{n}", "scope": "user-read-currently-playing",
                    "refresh_token": f"dummy-{SHORT_LIVED}-refresh-token-{n}"}
        fresh = {"refresh_token": "dummy-refresh-token"} if pkce else {}
        return {**body, "scope": "user-read-private user-top-read", **fresh}
    return _refused("unsupported_grant_type", f"grant_type {grant!r} is not supported")
