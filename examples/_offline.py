"""How the examples run without a Spotify account: not part of what a user writes.

Each example runs inside ``with _offline.configuration(__file__, needs) as conf:`` and reads its
app's credentials from ``conf``:

- when they are set, in the environment (``SPOTIFY_CLIENT_ID``, ``SPOTIFY_CLIENT_SECRET``, and
  ``SPOTIFY_USER_REFRESH`` for a user's data or ``SPOTIFY_REDIRECT_URI`` for a web login) or in
  ``spotlite.cfg`` in the working directory (what ``python -m spotlite login`` writes), the example
  talks to Spotify;
- when they are not, it replays ``examples/cassettes/<script>.yaml`` with placeholder credentials,
  says so in one line on stderr, and nothing leaves the machine (replaying needs vcrpy:
  ``pip install '.[testing]'`` from a clone);
- when they are set and ``SPOTLITE_RECORD`` is too, it records that cassette, as
  ``tests/record_examples.py`` does against spotlite's stand-in.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import spotlite
import spotlite.testing

CASSETTES = Path(__file__).resolve().parent / "cassettes"
CONFIG_FILE = "spotlite.cfg"
# What a replay runs with: a cassette holds no secret, and the redirect URI is what was recorded.
PLACEHOLDERS = ("dummy-client-id", "dummy-client-secret", "http://127.0.0.1:5000/callback", "dummy-refresh-token")
NEEDED = {"app": (0, 1), "login": (0, 1, 2), "user": (0, 1, 3)}  # which of the four values each kind needs
NAMES = spotlite.config.NAMES  # SPOTIFY_CLIENT_ID, SPOTIFY_CLIENT_SECRET, SPOTIFY_REDIRECT_URI, SPOTIFY_USER_REFRESH


@dataclass(frozen=True)
class Config:
    """The app's credentials ("" for those not asked for), and how the example runs."""

    client_id: str
    client_secret: str
    redirect_uri: str
    refresh_token: str
    file: Path  # where to keep the configuration: spotlite.cfg, a temporary file when a cassette is used
    live: bool  # talking to Spotify, no cassette
    replaying: bool  # the answers come from the cassette; nothing is sent


@contextmanager
def configuration(script: str, needs: Literal["app", "login", "user"] = "app") -> Iterator[Config]:
    """The credentials ``needs`` asks for; without them, the script's cassette replays until the block ends."""
    found = _found(NEEDED[needs])
    recording = found is not None and spotlite.testing.record_mode() != "none"
    if found is not None and not recording:
        yield Config(*found, file=Path(CONFIG_FILE), live=True, replaying=False)
        return
    name, path = Path(script).name, CASSETTES / f"{Path(script).stem}.yaml"
    if found is None:
        names = ", ".join(NAMES[i] for i in NEEDED[needs])
        print(f"{name}: {names} not set (nor in {CONFIG_FILE}): replaying the recorded answers of "
              f"examples/cassettes/{path.name}; nothing leaves the machine", file=sys.stderr)
    try:
        cassette = spotlite.testing.cassette(path, record=None if recording else "none")
    except ModuleNotFoundError as error:  # vcrpy
        raise SystemExit(f"{name}: replaying needs vcrpy: pip install '.[testing]' (from a clone)") from error
    with tempfile.TemporaryDirectory() as folder, cassette:
        try:
            yield Config(*(found or PLACEHOLDERS), file=Path(folder) / CONFIG_FILE, live=False, replaying=found is None)
        except spotlite.testing.MissingInteraction as missing:  # asked for more than was recorded
            if recording:
                raise
            request = str(missing).split(" is not in the cassette")[0]
            raise SystemExit(f"{name}: the recording holds no answer to {request}: offline, only the run recorded "
                             "replays (see tests/record_examples.py); set the credentials to ask Spotify") from None


def output_file(given: str | None, name: str) -> Path:
    """Where an example writes its file: the path given, else ``name`` in a new temporary folder, kept for you to read.

    So a run leaves the folder it runs in (a clone of spotlite, say) as it found it.
    """
    return Path(given) if given else Path(tempfile.mkdtemp(prefix="spotlite-example-")) / name


def _found(needed: tuple[int, ...]) -> tuple[str, str, str, str] | None:
    """The four values from the environment, else from spotlite.cfg; None when neither has every one needed."""
    values = _four(spotlite.config_from_environment(return_refresh=True))
    if not all(values[i] for i in needed) and Path(CONFIG_FILE).is_file():
        values = _four(spotlite.config_from_file(CONFIG_FILE, return_refresh=True, missing_ok=True))
    return values if all(values[i] for i in needed) else None


def _four(config: tuple[str | None, ...]) -> tuple[str, str, str, str]:
    client_id, client_secret, redirect_uri, refresh = (value or "" for value in config)
    return client_id, client_secret, redirect_uri, refresh
