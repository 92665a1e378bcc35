"""The README's walkthrough (examples/getting_started.py) runs from its cassette."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "getting_started.py"
sys.path.insert(0, str(EXAMPLE.parent))
import getting_started


def test_walkthrough(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    getting_started.replay_walkthrough(tmp_path / "spotlite.cfg")  # in this test's cassette (or the fake)
    captured = capsys.readouterr()
    assert "1 Finlandia, Op. 26\n2 Valse triste, Op. 44 No. 1\n" in captured.out
    assert "FullAlbum(\n" in captured.out
    assert "Visit this URL to authorise:\nhttps://accounts.spotify.com/authorize?" in captured.out
    assert "browser" not in captured.out + captured.err  # a replay opens none and says so
    assert "refreshed the user token" in captured.out and "scope" not in captured.out.split("Finlandia, Op. 26")[-1]
    assert "the recorded redirect is pasted" in captured.err


def test_the_script_replays_its_cassette(tmp_path: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("SPOTIFY_", "SPOTLITE_"))}
    done = subprocess.run([sys.executable, str(EXAMPLE)], capture_output=True, text=True, cwd=tmp_path,
                          env=environment, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith("getting_started.py: SPOTIFY_CLIENT_ID, SPOTIFY_CLIENT_SECRET and "
                                  "SPOTIFY_REDIRECT_URI not set: replaying")
    assert "1 Finlandia, Op. 26" in done.stdout and "browser" not in done.stdout + done.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == []  # nothing left where it ran


def test_replaying_without_vcrpy_says_what_to_install(tmp_path: Path) -> None:
    script = "import sys, runpy; sys.modules['vcr'] = None; runpy.run_path(sys.argv[1], run_name='__main__')"
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SPOTIFY_")}
    done = subprocess.run([sys.executable, "-c", script, str(EXAMPLE)], capture_output=True, text=True, check=False,
                          cwd=tmp_path, env=environment, timeout=120)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.splitlines()[-1] == ("getting_started.py: replaying the recorded session needs vcrpy: "
                                            "pip install '.[testing]' (from a clone), or set the credentials to "
                                            "call Spotify")
