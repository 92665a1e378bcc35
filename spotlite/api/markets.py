"""Markets: the countries where Spotify is available."""

from __future__ import annotations

from .._endpoint import endpoint
from .._http import send
from .._token import TokenLike
from ._helpers import DEPRECATED, list_of, unwrap

__all__ = ["markets"]


@endpoint(deprecated="development-mode apps get 403 since 2026.")
def markets(token: TokenLike) -> list[str]:
    """Get the markets where Spotify is available, as ISO 3166-1 alpha-2 country codes.

    Returns:
        The country codes, e.g. ``["AD", "AE", ...]``.
    """
    return list_of(str, unwrap(send("GET", "/markets", token=token, notes={403: DEPRECATED}), "markets"))
