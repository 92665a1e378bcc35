"""Any endpoint, as raw JSON."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._http import send
from .._mapper import plain
from .._token import TokenLike
from ..errors import InvalidInput, quoted
from ._helpers import check_str

__all__ = ["request"]


def request(
    token: TokenLike,
    method: str,
    path: str,
    params: Mapping[str, Any] | None = None,
    json: Any = None,
) -> Any:
    """Send any request to the Web API and return its JSON body (None when empty).

    For what the typed functions do not cover: ``request(token, "GET", "/me/top/tracks")``.
    ``path`` is relative to the API's base URL (or a full URL, as in a page's ``next``).
    Errors raise the same exceptions as every other function.

    Args:
        method: the HTTP method: ``"GET"``, ``"POST"``, ``"PUT"`` or ``"DELETE"``.
        path: the path under the API's base URL (``"/me/top/tracks"``), or a full URL.
        params: query parameters, each a str or a number (join a list yourself: ``",".join(ids)``).
        json: a JSON body, for writes.

    Returns:
        The answer's JSON, or None when it has no body.
    """
    check_str("method", method, empty=False)
    if not (method.isascii() and method.isalpha()):
        raise InvalidInput(f"method must be an HTTP method such as GET or POST, got {quoted(method)}")
    check_str("path", path, empty=False)
    if params is not None and not isinstance(params, Mapping):
        raise InvalidInput(f"params must be a dict of query parameters or None, got {type(params).__name__}")
    return plain(send(method.upper(), path, token=token, params=params, json=json))
