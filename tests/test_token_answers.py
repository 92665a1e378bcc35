"""The accounts service's token answers: each field is checked, and no error shows a secret.

A loopback server stands in for POST /accounts/api/token and answers with the
JSON under test.
"""

from __future__ import annotations

import pickle
import socket
import time
from collections.abc import Callable
from typing import Any

import pytest
from loopback import Request, Server, reply

import spotlite
from spotlite.errors import AuthError

ACCESS = "SECRET-ACCESS-xyz"
REFRESH = "SECRET-REFRESH-xyz"
OLD_REFRESH = "SECRET-OLD-REFRESH-xyz"
SECRETS = (ACCESS, REFRESH, OLD_REFRESH)
HUGE = 10**400  # an int no float holds


def answering(body: Any) -> Callable[[Request, socket.socket], None]:
    """A handler giving every request the token endpoint's answer."""

    def handle(request: Request, conn: socket.socket) -> None:
        reply(conn, 200, body)

    return handle


def good(**fields: Any) -> dict[str, Any]:
    """A well-formed answer with ``fields`` changed (a value of ``...`` drops the field)."""
    body = {"access_token": ACCESS, "token_type": "Bearer", "expires_in": 3600, "scope": "", "refresh_token": REFRESH}
    body.update(fields)
    return {name: value for name, value in body.items() if value is not ...}


MALFORMED: list[tuple[str, Any, str]] = [
    # (case, answer, the field the message names)
    ("array", [ACCESS], "JSON object"),
    ("string", ACCESS, "JSON object"),
    ("number", 42, "JSON object"),
    ("empty body", None, "JSON object"),
    ("no access_token", good(access_token=...), "access_token"),
    ("null access_token", good(access_token=None), "access_token"),
    ("empty access_token", good(access_token=""), "access_token"),
    ("numeric access_token", good(access_token=12345), "access_token"),
    ("access_token in a list", good(access_token=[ACCESS]), "access_token"),
    ("null token_type", good(token_type=None), "token_type"),
    ("mac token_type", good(token_type="mac"), "token_type"),
    ("empty token_type", good(token_type=""), "token_type"),
    ("secret as token_type", good(token_type=ACCESS), "token_type"),
    ("numeric token_type", good(token_type=1), "token_type"),
    ("null expires_in", good(expires_in=None), "expires_in"),
    ("word expires_in", good(expires_in="soon"), "expires_in"),
    ("numeric string expires_in", good(expires_in="3600"), "expires_in"),
    ("bool expires_in", good(expires_in=True), "expires_in"),
    ("negative expires_in", good(expires_in=-1), "expires_in"),
    ("negative float expires_in", good(expires_in=-0.5), "expires_in"),
    ("NaN expires_in", good(expires_in=float("nan")), "expires_in"),
    ("infinite expires_in", good(expires_in=float("inf")), "expires_in"),
    ("huge expires_in", good(expires_in=HUGE), "expires_in"),
    ("object expires_in", good(expires_in={"seconds": 3600}), "expires_in"),
    ("numeric scope", good(scope=7), "scope"),
    ("list scope", good(scope=["user-read-email"]), "scope"),
    ("empty refresh_token", good(refresh_token=""), "refresh_token"),
    ("numeric refresh_token", good(refresh_token=12345), "refresh_token"),
    ("bool refresh_token", good(refresh_token=False), "refresh_token"),
    ("refresh_token in a list", good(refresh_token=[REFRESH]), "refresh_token"),
    ("refresh_token in an object", good(refresh_token={"value": REFRESH}), "refresh_token"),
]


FLOWS: list[Callable[[], spotlite.Token]] = [
    lambda: spotlite.request_client_token("id", "secret"),
    lambda: spotlite.refresh_user_token("id", "secret", OLD_REFRESH),
    lambda: spotlite.refresh_pkce_token("id", OLD_REFRESH),
]


@pytest.mark.parametrize(("body", "field"), [case[1:] for case in MALFORMED], ids=[case[0] for case in MALFORMED])
def test_malformed_answer_names_the_field_and_hides_secrets(
    loopback: Callable[..., Server], body: Any, field: str
) -> None:
    server = loopback(answering(body))
    for flow in FLOWS:
        with pytest.raises(AuthError) as caught:
            flow()
        check(caught.value, field)
    assert [(r.method, r.path) for r in server.requests] == [("POST", "/accounts/api/token")] * len(FLOWS)


def check(error: AuthError, field: str) -> None:
    """The error names the field and shows no secret, nor chains to an exception that might."""
    assert error.error == "invalid_response"
    assert field in error.description and field in str(error)
    shown = [str(error), repr(error), repr(error.args), error.description, repr(pickle.loads(pickle.dumps(error)))]
    assert not [text for text in shown if any(secret in text for secret in SECRETS)]
    assert error.__cause__ is None and error.__context__ is None


@pytest.mark.parametrize(
    ("body", "expires_in"),
    [
        (good(), 3600),
        (good(expires_in=3600.0), 3600),  # an integer-valued float
        (good(expires_in=1.5), 1.5),
        (good(expires_in=0), 0),
        (good(expires_in=...), 3600),  # missing: an hour
    ],
)
def test_expires_in(loopback: Callable[..., Server], body: Any, expires_in: float) -> None:
    loopback(answering(body))
    before = time.time()
    token = spotlite.request_client_token("id", "secret")
    after = time.time()
    assert before + expires_in - 1 <= token.expires_at <= after + expires_in + 1


@pytest.mark.parametrize("token_type", ["Bearer", "bearer", "BEARER", ...])
def test_token_type_is_always_bearer(loopback: Callable[..., Server], token_type: Any) -> None:
    loopback(answering(good(token_type=token_type)))
    assert spotlite.request_client_token("id", "secret").token_type == "Bearer"


@pytest.mark.parametrize(("scope", "kept"), [("user-read-email playlist-modify-private",) * 2, ("", ""),
                                             (None, ""), (..., "")])
def test_scope(loopback: Callable[..., Server], scope: Any, kept: str) -> None:
    loopback(answering(good(scope=scope)))
    assert spotlite.request_client_token("id", "secret").scope == kept


def test_minimal_client_token(loopback: Callable[..., Server]) -> None:
    loopback(answering({"access_token": ACCESS}))
    token = spotlite.request_client_token("id", "secret")
    assert (token.access_token, token.token_type, token.scope, token.refresh_token) == (ACCESS, "Bearer", "", None)
    assert token.uses_pkce is False


@pytest.mark.parametrize(("refresh_token", "kept"), [(REFRESH, REFRESH), (None, OLD_REFRESH), (..., OLD_REFRESH)])
def test_refresh_keeps_the_old_refresh_token_when_none_comes(
    loopback: Callable[..., Server], refresh_token: Any, kept: str
) -> None:
    loopback(answering(good(refresh_token=refresh_token)))
    assert spotlite.refresh_user_token("id", "secret", OLD_REFRESH).refresh_token == kept
    assert spotlite.refresh_pkce_token("id", OLD_REFRESH).refresh_token == kept
