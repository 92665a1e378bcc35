"""Every example of examples/ runs offline from its cassette, as a user runs it: a process of its own, started
in an empty folder with no credentials set, whose output is then read.

The processes are all started at once (each takes about half a second) and waited for, within a time limit.
web_login.py needs Flask, which is no test dependency: without it, its run is skipped.
"""

from __future__ import annotations

import ast
import csv
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

import spotlite
from spotlite.models import SavedTrack
from spotlite.testing import check

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
sys.path.insert(0, str(EXAMPLES))
import _offline

# What each example runs with, in its folder; "testing" is examples/testing's tests, run with pytest.
RUNS: dict[str, list[str]] = {
    "album_tracks": [],
    "playlist_to_csv": ["-o", "evenings.csv"],
    "backup_liked_songs": [],
    "follow_top_artists": [],
    "playlist_from_search": [],
    "now_playing": ["--iterations", "5", "--interval", "0"],
    "web_login": [],
    "async_bot": [],
    "testing": [],
}
SCRIPTS = [name for name in RUNS if name != "testing"]
HAS_FLASK = importlib.util.find_spec("flask") is not None
TIME_LIMIT = 60  # seconds for all of them; they take about one
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Run:
    status: int
    out: str
    err: str
    folder: Path


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Run]]:
    env = {name: value for name, value in os.environ.items() if not name.startswith(("SPOTIFY_", "SPOTLITE_", "PYTEST_"))}
    env["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"  # examples/testing gets spotlite's plugin by -p, however installed
    started = {}
    for name, args in RUNS.items():
        if name == "web_login" and not HAS_FLASK:
            continue
        folder = tmp_path_factory.mktemp(name)
        command = ([sys.executable, "-m", "pytest", "-q", "-p", "spotlite.testing.plugin", "-p", "no:cacheprovider",
                    str(EXAMPLES / "testing")] if name == "testing" else [sys.executable, str(EXAMPLES / f"{name}.py")])
        with open(folder / "out.txt", "w") as out, open(folder / "err.txt", "w") as err:
            started[name] = (folder, subprocess.Popen([*command, *args], cwd=folder, env=env, stdout=out, stderr=err))
    results = {}
    try:
        for name, (folder, process) in started.items():
            status = process.wait(timeout=TIME_LIMIT)
            results[name] = Run(status, (folder / "out.txt").read_text(), (folder / "err.txt").read_text(), folder)
        yield results
    finally:
        for _, process in started.values():
            if process.poll() is None:
                process.kill()
                process.wait()


def run_of(runs: dict[str, Run], name: str) -> Run:
    if name not in runs:
        pytest.skip("web_login.py needs Flask (pip install flask)")
    run = runs[name]
    assert run.status == 0, f"{name} failed:\n{run.out}\n{run.err}"
    return run


@pytest.mark.parametrize("name", SCRIPTS)
def test_each_says_in_one_line_that_it_replays(runs: dict[str, Run], name: str) -> None:
    notice, *rest = run_of(runs, name).err.splitlines()
    assert notice.startswith(f"{name}.py: SPOTIFY_CLIENT_ID, SPOTIFY_CLIENT_SECRET")
    assert f"replaying the recorded answers of examples/cassettes/{name}.yaml; nothing leaves the machine" in notice
    assert not [line for line in rest if "replaying" in line or "Traceback" in line]


@pytest.mark.parametrize("name", [name for name, args in RUNS.items() if "-o" not in args])
def test_each_leaves_the_folder_it_runs_in_as_it_found_it(runs: dict[str, Run], name: str) -> None:
    run = run_of(runs, name)
    assert sorted(path.name for path in run.folder.iterdir()) == ["err.txt", "out.txt"]


def test_web_login_says_it_needs_flask(tmp_path: Path) -> None:
    script = ("import os, sys, runpy; sys.modules['flask'] = None; sys.path.insert(0, os.path.dirname(sys.argv[1])); "
              "runpy.run_path(sys.argv[1], run_name='__main__')")
    done = subprocess.run([sys.executable, "-c", script, str(EXAMPLES / "web_login.py")], capture_output=True,
                          text=True, cwd=tmp_path, timeout=TIME_LIMIT, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (1, "", "web_login.py needs Flask: pip install flask\n")


def test_album_tracks(runs: dict[str, Run]) -> None:
    header, *tracks = run_of(runs, "album_tracks").out.splitlines()
    assert header == ("Sibelius: Finlandia, Karelia Suite & Symphony No. 2 - Jean Sibelius, Lahti Symphony Orchestra "
                      "(2001-09-10, 12 tracks)")
    assert len(tracks) == 12 and all(re.fullmatch(r" *\d+\. .+ \(\d+:\d\d\)", line) for line in tracks)
    assert tracks[0] == "  1. Finlandia, Op. 26 (3:07)" and tracks[-1].startswith(" 12. Spring Song")


def test_playlist_to_csv(runs: dict[str, Run]) -> None:
    run = run_of(runs, "playlist_to_csv")
    assert run.out == "Wrote 136 entries to evenings.csv\n"
    with open(run.folder / "evenings.csv", newline="", encoding="utf-8") as file:
        header, *rows = list(csv.reader(file))
    assert header == ["position", "added_at", "kind", "name", "by", "album", "duration_ms", "uri"]
    assert len(rows) == 136 and [row[0] for row in rows] == [str(n) for n in range(1, 137)]  # three pages of 50
    assert rows[0][2:5] == ["track", "Finlandia, Op. 26", "Jean Sibelius, Lahti Symphony Orchestra"]
    assert rows[0][1] == "2025-01-05T20:00:00Z"  # Spotify's form of the entry's added_at
    assert [row[2] for row in rows[2:7]] == ["local", "track", "episode", "track", "unavailable"]
    assert rows[2][7].startswith("spotify:local:") and rows[6][3:] == ["", "", "", "", ""]


def test_backup_liked_songs(runs: dict[str, Run]) -> None:
    run = run_of(runs, "backup_liked_songs")
    found = re.fullmatch(r"Backed up 57 liked songs to (.+)\n", run.out)
    assert found, run.out
    output = Path(found.group(1))  # no -o: a new temporary folder, not the folder it ran in
    assert output.name == "liked_songs.json" and output.parent.name.startswith("spotlite-example-")
    saved = json.loads(output.read_text(encoding="utf-8"))
    shutil.rmtree(output.parent)
    assert len(saved) == 57  # two pages of 50
    assert len({entry["track"]["id"] for entry in saved}) == 57
    assert all(spotlite.to_dict(spotlite.from_dict(SavedTrack, entry)) == entry for entry in saved)  # reads back
    assert not list(run.folder.glob("*.partial"))


def test_follow_top_artists(runs: dict[str, Run]) -> None:
    assert run_of(runs, "follow_top_artists").out.splitlines() == [
        "already following: Jean Sibelius",
        "already following: Lahti Symphony Orchestra",
        "to follow: Aino Virtanen",
        "Followed 1 of your 3 top artists.",
    ]


def test_playlist_from_search(runs: dict[str, Run]) -> None:
    *tracks, made = run_of(runs, "playlist_from_search").out.splitlines()
    assert len(tracks) == 20 and tracks[0] == "  1. Finlandia, Op. 26 - Jean Sibelius, Lahti Symphony Orchestra"
    assert tracks[-1] == " 20. Song No. 8 - Jean Sibelius, Aino Virtanen"  # from the second page of results
    assert re.fullmatch(r"Made the private playlist 'Search: sibelius' of 20 tracks: "
                        r"https://open\.spotify\.com/playlist/\w{22}", made)


def test_now_playing(runs: dict[str, Run]) -> None:
    run = run_of(runs, "now_playing")
    polls = run.out.splitlines()
    assert len(polls) == 5
    assert all(re.fullmatch(r"\d\d:\d\d:\d\d playing: Finlandia, Op. 26 - Jean Sibelius, Lahti Symphony Orchestra "
                            r"\[1:13 / 3:07\]", line) for line in polls)
    kept = [line for line in run.err.splitlines() if "new access token; refresh token kept in" in line]
    assert len(kept) == 2  # the first token, and the one that replaced it when it expired after three polls
    assert not (run.folder / "spotlite.cfg").exists()  # a replay keeps the placeholders in a temporary file


def test_web_login(runs: dict[str, Run]) -> None:
    assert run_of(runs, "web_login").out.splitlines() == [
        "browser 1: Logged in as Sanna Smedberg. Log out",
        "browser 2: Logged in as Lahti Symphony Orchestra. Log out",
        "browser 1 logs out: Log in with Spotify",
        "browser 2: Logged in as Lahti Symphony Orchestra. Log out",
    ]


def test_async_bot(runs: dict[str, Run]) -> None:
    assert run_of(runs, "async_bot").out.splitlines() == [
        "> !search finlandia",
        "Finlandia, Op. 26 - Jean Sibelius, Lahti Symphony Orchestra (3hHWhvw2hjwfngWcFjIzqr)",
        "Finlandia (Choral Version) - Aino Virtanen (nzRVNiV8t52SehENSCZWR3)",
        "> !track 3hHWhvw2hjwfngWcFjIzqr",
        ("Finlandia, Op. 26 - Jean Sibelius, Lahti Symphony Orchestra, from Sibelius: Finlandia, Karelia Suite & "
         "Symphony No. 2"),
        "> !search valse triste",
        "Valse triste, Op. 44 No. 1 - Jean Sibelius, Lahti Symphony Orchestra (8aQ9mYjyoS8dOnE15gxwmv)",
        "> !track 0000000000000000000000",
        "no track '0000000000000000000000'",
        "> !play",
        "commands: !search WORDS, !track ID",
    ]


def test_the_testing_example(runs: dict[str, Run]) -> None:
    assert "7 passed" in run_of(runs, "testing").out  # 2 on the cassette and from_dict, 5 on the fake


def test_cassettes_hold_spotify_s_urls_and_no_secret() -> None:
    cassettes = sorted((EXAMPLES / "cassettes").iterdir())
    assert [path.name for path in cassettes] == sorted(f"{name}.yaml" for name in SCRIPTS)
    for path in cassettes:
        for interaction in yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)["interactions"]:
            assert interaction["request"]["uri"].startswith(
                ("https://api.spotify.com/v1/", "https://accounts.spotify.com/api/token")), path.name
    report = check([EXAMPLES / "cassettes"])
    assert not report.findings, report.summary()


@pytest.mark.parametrize("name", SCRIPTS)
def test_each_says_what_it_does_how_to_run_it_and_its_scopes(name: str) -> None:
    tree = ast.parse((EXAMPLES / f"{name}.py").read_text(encoding="utf-8"))
    doc = ast.get_docstring(tree) or ""
    assert f"python examples/{name}.py" in doc
    assert "scope" in doc.lower()
    assert any(isinstance(node, ast.FunctionDef) and node.name == "main" for node in tree.body)


# _offline's choice: Spotify when credentials are set, a replay otherwise, a recording when asked.


@pytest.fixture
def no_credentials(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in (*spotlite.config.NAMES, "SPOTLITE_RECORD"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_credentials_in_the_environment_talk_to_spotify(no_credentials: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPOTIFY_CLIENT_ID", "an-id")
    monkeypatch.setenv("SPOTIFY_CLIENT_SECRET", "a-secret")
    with _offline.configuration("album_tracks.py") as conf:
        assert conf.live and not conf.replaying
        assert (conf.client_id, conf.client_secret, conf.file) == ("an-id", "a-secret", Path("spotlite.cfg"))
    with _offline.configuration("now_playing.py", "user") as conf:  # no refresh token: replays
        assert conf.replaying and conf.client_id == "dummy-client-id"


def test_credentials_in_spotlite_cfg_talk_to_spotify(no_credentials: Path) -> None:
    spotlite.config_to_file("spotlite.cfg", ("an-id", "a-secret", "http://127.0.0.1:8888/callback", "a-refresh"))
    with _offline.configuration("now_playing.py", "user") as conf:
        assert conf.live and (conf.refresh_token, conf.redirect_uri) == ("a-refresh", "http://127.0.0.1:8888/callback")


def test_without_credentials_the_cassette_replays(no_credentials: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with _offline.configuration("web_login.py", "login") as conf:
        assert conf.replaying and not conf.live
        assert (conf.client_id, conf.redirect_uri) == ("dummy-client-id", "http://127.0.0.1:5000/callback")
        assert conf.file.parent != no_credentials and not conf.file.exists()
    assert capsys.readouterr().err.count("\n") == 1


def test_with_spotlite_record_set_it_records(no_credentials: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPOTIFY_CLIENT_ID", "an-id")
    monkeypatch.setenv("SPOTIFY_CLIENT_SECRET", "a-secret")
    monkeypatch.setenv("SPOTLITE_RECORD", "1")
    with _offline.configuration("no_such_example.py") as conf:  # nothing sent: no cassette written
        assert not conf.live and not conf.replaying and conf.client_id == "an-id"
    assert not (EXAMPLES / "cassettes" / "no_such_example.yaml").exists()


@pytest.mark.cassette_only  # the examples replay their own recordings: no fake under them
def test_a_request_the_recording_lacks_says_so_in_a_line(no_credentials: Path) -> None:
    with pytest.raises(SystemExit) as raised, _offline.configuration("album_tracks.py"):
        spotlite.album("dummy-token", "0000000000000000000000")
    assert str(raised.value).startswith("album_tracks.py: the recording holds no answer to "
                                      "GET https://api.spotify.com/v1/albums/0000000000000000000000: offline,")
