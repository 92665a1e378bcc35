"""The accounts service: every grant, errors, the interactive prompt."""

from __future__ import annotations

import base64
import hashlib
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import body_of
from recording import RECORDING

import spotlite
from spotlite.errors import AuthError, InvalidInput
from spotlite.testing._standin.accounts import BAD_CODE, EXPIRED_REFRESH

CLIENT_ID = "dummy-client-id"
CLIENT_SECRET = "dummy-client-secret"
REDIRECT = "http://127.0.0.1:8888/callback"


@pytest.mark.cassette_only  # the token answer's placeholders and filtered secrets are the cassette's
def test_client_token() -> None:
    token = spotlite.request_client_token(CLIENT_ID, CLIENT_SECRET)
    if not RECORDING:  # the cassette holds the placeholder; a recording gets the fake's (or Spotify's) own token
        assert token.access_token == "dummy-access-token"
    assert token.refresh_token is None and token.token_type == "Bearer"
    assert 3590 < token.expires_at - time.time() <= 3600
    assert not token.is_expiring


@pytest.mark.cassette_only  # the token answer's placeholders and filtered secrets are the cassette's
def test_client_token_request_is_basic_auth_form(cassette: object) -> None:
    spotlite.request_client_token(CLIENT_ID, CLIENT_SECRET)
    sent = cassette.requests[0]  # type: ignore[attr-defined]
    assert (sent.method, sent.uri) == ("POST", "https://accounts.spotify.com/api/token")
    assert body_of(sent) == "grant_type=client_credentials"
    assert "authorization" not in {k.lower() for k in sent.headers}  # filtered from the cassette


def test_user_token_from_code() -> None:
    token = spotlite.request_user_token(CLIENT_ID, CLIENT_SECRET, REDIRECT, "dummy-code")
    assert token.refresh_token == "dummy-refresh-token"
    assert token.scope == "user-read-private user-top-read"
    assert token.uses_pkce is False


def test_used_code_is_invalid_grant() -> None:
    with pytest.raises(AuthError) as caught:
        spotlite.request_user_token(CLIENT_ID, CLIENT_SECRET, REDIRECT, BAD_CODE)
    assert (caught.value.error, caught.value.description) == ("invalid_grant", "Invalid authorization code")


def test_refresh_keeps_old_refresh_token() -> None:
    token = spotlite.refresh_user_token(CLIENT_ID, CLIENT_SECRET, "dummy-old-refresh")
    assert token.access_token == "dummy-access-token"
    assert token.refresh_token == "dummy-old-refresh"


def test_expired_refresh_token_says_so() -> None:
    with pytest.raises(AuthError, match="Refresh token revoked; the refresh token is invalid, revoked or expired"):
        spotlite.refresh_user_token(CLIENT_ID, CLIENT_SECRET, EXPIRED_REFRESH)


def test_pkce_pair_is_s256() -> None:
    verifier, challenge = spotlite.pkce_pair()
    assert len(verifier) == 64
    digest = hashlib.sha256(verifier.encode()).digest()
    assert challenge == base64.urlsafe_b64encode(digest).decode().rstrip("=")
    with pytest.raises(InvalidInput):
        spotlite.pkce_pair(42)


@pytest.mark.cassette_only  # the token answer's placeholders and filtered secrets are the cassette's
def test_pkce_token_and_refresh_rotates(cassette: object) -> None:
    verifier, _ = spotlite.pkce_pair()
    token = spotlite.request_pkce_token(CLIENT_ID, REDIRECT, "dummy-code", verifier)
    assert token.uses_pkce and token.scope == "user-read-private"
    fresh = spotlite.refresh_pkce_token(CLIENT_ID, "dummy-old-refresh")
    assert fresh.refresh_token == "dummy-refresh-token"
    form = parse_qs(body_of(cassette.requests[0]))  # type: ignore[attr-defined]
    assert form["client_id"] == [CLIENT_ID] and form["code_verifier"] == ["REDACTED"]


def test_authorisation_url() -> None:
    url = spotlite.authorisation_url(CLIENT_ID, REDIRECT, scope=["user-top-read", "user-read-private"],
                                     state="xyz", show_dialog=True, code_challenge="abc")
    parts = urlsplit(url)
    assert (parts.netloc, parts.path) == ("accounts.spotify.com", "/authorize")
    assert parse_qs(parts.query) == {
        "client_id": [CLIENT_ID], "response_type": ["code"], "redirect_uri": [REDIRECT],
        "scope": ["user-read-private user-top-read"], "state": ["xyz"], "show_dialog": ["true"],
        "code_challenge": ["abc"], "code_challenge_method": ["S256"],
    }


def test_parse_code_from_url_checks_state() -> None:
    assert spotlite.parse_code_from_url(f"{REDIRECT}?code=abc&state=s1", "s1") == "abc"
    with pytest.raises(AuthError, match="state"):
        spotlite.parse_code_from_url(f"{REDIRECT}?code=abc&state=other", "s1")
    with pytest.raises(AuthError, match="access_denied"):
        spotlite.parse_code_from_url(f"{REDIRECT}?error=access_denied&state=s1", "s1")
    with pytest.raises(InvalidInput, match="no code"):
        spotlite.parse_code_from_url(REDIRECT)


def test_prompt_for_user_token(capsys: pytest.CaptureFixture[str]) -> None:
    opened: list[str] = []

    def paste(prompt: str) -> str:
        state = parse_qs(urlsplit(opened[0]).query)["state"][0]
        return f"{REDIRECT}?code=dummy-code&state={state}"

    token = spotlite.prompt_for_user_token(CLIENT_ID, CLIENT_SECRET, REDIRECT, spotlite.scope.every,
                                           read_input=paste, open_browser=opened.append, catch_redirect=False)
    assert token.refresh_token == "dummy-refresh-token"
    assert "scope=" in opened[0] and opened[0] in capsys.readouterr().out


def test_prompt_for_pkce_token() -> None:
    opened: list[str] = []

    def paste(prompt: str) -> str:
        query = parse_qs(urlsplit(opened[0]).query)
        assert query["code_challenge_method"] == ["S256"]
        return f"{REDIRECT}?code=dummy-code&state={query['state'][0]}"

    token = spotlite.prompt_for_pkce_token(CLIENT_ID, REDIRECT, "user-read-private",
                                           read_input=paste, open_browser=opened.append, catch_redirect=False)
    assert token.uses_pkce and token.refresh_token == "dummy-refresh-token"


def test_token_repr_masks_secrets() -> None:
    token = spotlite.Token(access_token="real-access", refresh_token="real-refresh", expires_at=1.0)
    for text in (repr(token), str(token)):
        assert "real-access" not in text and "real-refresh" not in text
    assert token.is_expiring


def test_scope_sets() -> None:
    assert spotlite.scope.user_top_read == "user-top-read"
    assert len(spotlite.scope.every) == 19
    assert spotlite.scope.read | spotlite.scope.write <= spotlite.scope.every
    assert "user-library-modify" in spotlite.scope.write and "user-library-read" in spotlite.scope.read
