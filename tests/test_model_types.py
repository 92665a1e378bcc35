"""Programs ported from Tekore and Spotipy type-check where spotlite's annotations are true, and fail where
Spotify may send nothing (``tests/typecheck_models.py``, also run by ``tox -e type``)."""

from __future__ import annotations

import pytest
import typecheck_models

pytest.importorskip("mypy", reason="mypy is in the tox type environment, not the test one")


def test_ported_programs_type_check_as_they_should() -> None:
    assert typecheck_models.failures() == []
