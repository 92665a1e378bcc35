"""Any endpoint, as raw JSON."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._http import send
from .._token import TokenLike
from ..errors import InvalidInput
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
    """
    check_str("method", method, empty=False)
    check_str("path", path, empty=False)
    if params is not None and not isinstance(params, Mapping):
        raise InvalidInput(f"params must be a dict of query parameters or None, got {type(params).__name__}")
    return send(method.upper(), path, token=token, params=params, json=json)
