"""The README's walkthrough (examples/getting_started.py) runs from its cassette."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "examples"))
import getting_started


def test_walkthrough(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    opened: list[str] = []
    redirect = getting_started.REPLAY_CONFIG[2]
    getting_started.walkthrough(*getting_started.REPLAY_CONFIG, tmp_path / "spotlite.cfg",
                                getting_started.answer_prompt_from(opened, redirect), opened.append,
                                catch_redirect=False)
    out = capsys.readouterr().out
    assert "1 Finlandia, Op. 26\n2 Valse triste, Op. 44 No. 1\n" in out
    assert "FullAlbum(\n" in out
    assert "refreshed: Token(access_token='***'" in out
    assert opened and "scope=" in opened[0]
