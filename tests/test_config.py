"""Configuration from the environment and from INI files (Tekore's format)."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

import spotlite
from spotlite.errors import InvalidInput


def test_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPOTIFY_CLIENT_ID", "id")
    monkeypatch.setenv("SPOTIFY_CLIENT_SECRET", "secret")
    monkeypatch.delenv("SPOTIFY_REDIRECT_URI", raising=False)
    monkeypatch.setenv("SPOTIFY_USER_REFRESH", "refresh")
    assert spotlite.config_from_environment() == ("id", "secret", None)
    assert spotlite.config_from_environment(return_refresh=True) == ("id", "secret", None, "refresh")


def test_round_trip_is_private(tmp_path: Path) -> None:
    path = tmp_path / "spotlite.cfg"
    spotlite.config_to_file(path, ("id", "secret", "http://127.0.0.1:8888/callback", "refresh"))
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert spotlite.config_from_file(path, return_refresh=True) == (
        "id", "secret", "http://127.0.0.1:8888/callback", "refresh")
    assert "SPOTIFY_CLIENT_ID = id" in path.read_text()


def test_reads_a_tekore_file_and_keeps_other_sections(tmp_path: Path) -> None:
    path = tmp_path / "tekore.cfg"
    path.write_text("[DEFAULT]\nspotify_client_id = old-id\nspotify_client_secret = s\n\n[other]\nkeep = me\n")
    assert spotlite.config_from_file(path, missing_ok=True) == ("old-id", "s", None)
    with pytest.raises(InvalidInput, match="sets no SPOTIFY_REDIRECT_URI in \\[DEFAULT\\]"):
        spotlite.config_from_file(path)
    spotlite.config_to_file(path, ("new-id", None, "uri"))
    assert spotlite.config_from_file(path) == ("new-id", "s", "uri")
    assert "keep = me" in path.read_text().lower()
    assert [p.name for p in tmp_path.iterdir()] == ["tekore.cfg"]  # no temporary file left


def test_sections(tmp_path: Path) -> None:
    path = tmp_path / "c.cfg"
    spotlite.config_to_file(path, ("a", "b", "c"), section="work")
    assert spotlite.config_from_file(path, section="work") == ("a", "b", "c")
    with pytest.raises(InvalidInput, match="no section \\[home\\]"):
        spotlite.config_from_file(path, section="home")
    with pytest.raises(InvalidInput, match="3 or 4 values"):
        spotlite.config_to_file(path, ("a",))


def test_a_value_asked_for_must_be_set(tmp_path: Path) -> None:
    path = tmp_path / "c.cfg"
    spotlite.config_to_file(path, ("id", "secret", "http://127.0.0.1:8888/callback"))
    with pytest.raises(InvalidInput, match="sets no SPOTIFY_USER_REFRESH in \\[DEFAULT\\]"):
        spotlite.config_from_file(path, return_refresh=True)
    assert spotlite.config_from_file(path, return_refresh=True, missing_ok=True)[3] is None
    spotlite.config_to_file(path, (None, None, None, "refresh"))
    client_id, client_secret, redirect_uri, refresh_token = spotlite.config_from_file(path, "DEFAULT", True)
    assert (client_id, client_secret, redirect_uri, refresh_token) == (
        "id", "secret", "http://127.0.0.1:8888/callback", "refresh")
    with pytest.raises(InvalidInput, match="return_refresh must be True or False"):
        spotlite.config_from_file(path, return_refresh="yes")  # type: ignore[call-overload]


KILLED_WRITER = """
import resource, signal, sys
import spotlite
signal.signal(signal.SIGXFSZ, signal.SIG_DFL)  # Python ignores it; the kernel's default kills the writer
limit = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))  # no file may grow past this: the write is cut there
spotlite.config_to_file(sys.argv[1], ("new-id", "new-secret", "http://127.0.0.1:8888/" + "x" * 200_000, "refresh"))
"""


@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="needs POSIX's file size limit")
@pytest.mark.parametrize("cut_at", [0, 4096, 150_000])
def test_a_writer_killed_part_way_leaves_the_config_whole_and_no_temporary_file(tmp_path: Path, cut_at: int) -> None:
    path = tmp_path / "spotlite.cfg"
    old = ("id", "secret", "http://127.0.0.1:8888/callback", "refresh")
    spotlite.config_to_file(path, old)
    before = path.read_bytes()
    writer = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(path), str(cut_at)], capture_output=True,
                            timeout=60, check=False)
    assert writer.returncode == -signal.SIGXFSZ, writer.stderr.decode()  # killed by the kernel mid-write
    assert [p.name for p in tmp_path.iterdir()] == ["spotlite.cfg"]  # nothing left beside it
    assert path.read_bytes() == before and spotlite.config_from_file(path, return_refresh=True) == old


def test_a_lone_surrogate_is_refused_and_the_secret_not_shown(tmp_path: Path) -> None:
    path = tmp_path / "spotlite.cfg"
    with pytest.raises(InvalidInput, match="SPOTIFY_CLIENT_SECRET holds a lone surrogate") as refused:
        spotlite.config_to_file(path, ("id", "SECRET-VALUE\ud800", "http://127.0.0.1:8888/callback"))
    assert "SECRET-VALUE" not in str(refused.value) and refused.value.__context__ is None
    assert not path.exists() and list(tmp_path.iterdir()) == []


def test_a_temporary_file_left_by_a_killed_writer_long_ago_is_removed(tmp_path: Path) -> None:
    path = tmp_path / "spotlite.cfg"
    stale, fresh = tmp_path / ".spotlite.cfg.4242-0a1b2c3d.tmp", tmp_path / ".spotlite.cfg.4343-0a1b2c3d.tmp"
    for leftover in (stale, fresh):
        leftover.write_text("[DEFAULT]\nSPOTIFY_CLIENT_ID = half")
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    spotlite.config_to_file(path, ("id", "secret", "http://127.0.0.1:8888/callback"))
    assert sorted(p.name for p in tmp_path.iterdir()) == [fresh.name, "spotlite.cfg"]  # a fresh one may be writing
