"""The accounts service: POST /api/token for every grant."""

from __future__ import annotations

from typing import Any

from .server import Reply, Request, route

EXPIRED_REFRESH = "dummy-expired-refresh-token"
BAD_CODE = "dummy-used-code"


def _refused(error: str, description: str) -> Reply:
    return Reply(400, {"error": error, "error_description": description})


@route("POST", r"/accounts/api/token")
def token(request: Request) -> Any:
    form = request.form()
    grant = form.get("grant_type")
    pkce = "client_id" in form
    if not pkce and not request.headers.get("Authorization", "").startswith("Basic "):
        return _refused("invalid_client", "Invalid client")
    body: dict[str, Any] = {"access_token": "dummy-access-token", "token_type": "Bearer", "expires_in": 3600}
    if grant == "client_credentials":
        return body
    if grant == "authorization_code":
        if form.get("code") == BAD_CODE:
            return _refused("invalid_grant", "Invalid authorization code")
        scope = "user-read-private user-top-read" if not pkce else "user-read-private"
        return {**body, "scope": scope, "refresh_token": "dummy-refresh-token"}
    if grant == "refresh_token":
        if form.get("refresh_token") == EXPIRED_REFRESH:
            return _refused("invalid_grant", "Refresh token revoked")
        fresh = {"refresh_token": "dummy-refresh-token"} if pkce else {}
        return {**body, "scope": "user-read-private user-top-read", **fresh}
    return _refused("unsupported_grant_type", f"grant_type {grant!r} is not supported")
