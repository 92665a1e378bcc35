"""Markets, replayed from cassettes."""

from __future__ import annotations

import pytest

import spotlite
from spotlite.errors import Forbidden
from spotlite.testing._standin.bodies import MARKETS


def test_markets(token: str) -> None:
    codes = spotlite.markets(token)
    assert codes == MARKETS
    assert codes[:3] == ["AD", "AE", "AG"] and "FI" in codes and "US" in codes
    assert all(len(code) == 2 and code.isupper() for code in codes)


def test_markets_forbidden_in_development_mode() -> None:
    with pytest.raises(Forbidden, match="Spotify has deprecated this endpoint"):
        spotlite.markets("dummy-dev-mode-token")
