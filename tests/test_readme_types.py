"""The README's Getting Started passes ``mypy --strict`` as written (also run by ``tox -e type``)."""

from __future__ import annotations

import pytest
import typecheck_readme

pytest.importorskip("mypy", reason="mypy is in the tox type environment, not the test one")


def test_getting_started_type_checks() -> None:
    result = typecheck_readme.check()
    assert result.returncode == 0, result.stdout + result.stderr
