"""The README's Getting Started walkthrough, runnable.

    python examples/getting_started.py

With SPOTIFY_CLIENT_ID, SPOTIFY_CLIENT_SECRET and SPOTIFY_REDIRECT_URI set
(the redirect URI registered for your app, e.g. http://127.0.0.1:8888/callback),
it talks to Spotify and asks you to authorise in the browser. Without them it
replays the recorded cassette (cassettes/test_getting_started/), says so on
stderr, and needs vcrpy for that: pip install '.[testing]' from a clone.
"""

from __future__ import annotations

import io
import re
import sys
import tempfile
from collections.abc import Callable
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import spotlite

REPLAY_CASSETTE = Path(__file__).resolve().parent.parent / "cassettes/test_getting_started/test_walkthrough.yaml"
REPLAY_CONFIG = ("dummy-client-id", "dummy-client-secret", "http://127.0.0.1:8888/callback")


def walkthrough(
    client_id: str,
    client_secret: str,
    redirect_uri: str,
    config_file: Path,
    read_input: Callable[[str], str] = input,
    open_browser: bool | Callable[[str], Any] | None = None,
    catch_redirect: bool = True,
) -> None:
    """Every line of the walkthrough, in order (``catch_redirect=False`` when the redirect is pasted)."""
    token = spotlite.request_client_token(client_id, client_secret)
    album = spotlite.album(token, "3RBULTZJ97bvVzZLpxcB0j")
    assert album.tracks is not None
    for track in album.tracks.items:
        print(track.track_number, track.name)
    print(album)

    user_token = spotlite.prompt_for_user_token(client_id, client_secret, redirect_uri, scope=spotlite.scope.every,
                                                read_input=read_input, open_browser=open_browser,
                                                catch_redirect=catch_redirect)
    for top in spotlite.current_user_top_tracks(user_token, limit=10).items:
        print(top.name)
    spotlite.playback_start_tracks(user_token, ["3hHWhvw2hjwfngWcFjIzqr"])  # Finlandia

    spotlite.config_to_file(config_file, (client_id, client_secret, redirect_uri, user_token.refresh_token))
    conf = spotlite.config_from_file(config_file, return_refresh=True)
    client_id, client_secret, _, refresh = conf
    assert client_id and client_secret and refresh
    user_token = spotlite.refresh_user_token(client_id, client_secret, refresh)
    print("refreshed the user token with the refresh token saved in the configuration file")


class Shown(io.TextIOBase):
    """What is printed, passed on to the terminal and kept (replay only: the prompt's URL holds the state)."""

    def __init__(self, terminal: io.TextIOBase | Any) -> None:
        self.terminal = terminal
        self.text = ""

    def write(self, text: str) -> int:
        self.text += text
        return int(self.terminal.write(text))


def paste_redirect(shown: Shown, redirect_uri: str) -> Callable[[str], str]:
    """Stand in for the user pasting the URL Spotify redirected to, with the state of the URL shown (replay only)."""

    def paste(prompt: str) -> str:
        found = re.search(r"[?&]state=([^&\s]+)", shown.text)
        assert found, "the prompt showed no authorisation URL"
        print(f"{prompt}(replay: the recorded redirect is pasted)", file=sys.stderr)
        return f"{redirect_uri}?code=dummy-code&state={found.group(1)}"

    return paste


def replay(config_file: Path) -> None:
    """Run the walkthrough against the recorded cassette; nothing leaves the machine, no browser opens."""
    try:
        import spotlite.testing

        cassette = spotlite.testing.cassette(REPLAY_CASSETTE, record="none")
    except ModuleNotFoundError:
        raise SystemExit("getting_started.py: replaying the recorded session needs vcrpy: "
                         "pip install '.[testing]' (from a clone), or set the credentials to call Spotify") from None
    with cassette:
        replay_walkthrough(config_file)


def replay_walkthrough(config_file: Path) -> None:
    """The walkthrough with the recorded credentials, no browser, and the redirect pasted for the user."""
    shown = Shown(sys.stdout)
    with redirect_stdout(shown):
        walkthrough(*REPLAY_CONFIG, config_file, paste_redirect(shown, REPLAY_CONFIG[2]), open_browser=False,
                    catch_redirect=False)


def main() -> None:
    client_id, client_secret, redirect_uri = spotlite.config_from_environment()
    with tempfile.TemporaryDirectory() as folder:
        config_file = Path(folder) / "spotlite.cfg"
        if client_id and client_secret and redirect_uri:
            walkthrough(client_id, client_secret, redirect_uri, config_file)
        else:
            print("getting_started.py: SPOTIFY_CLIENT_ID, SPOTIFY_CLIENT_SECRET and SPOTIFY_REDIRECT_URI not set: "
                  "replaying the recorded answers of cassettes/test_getting_started/; nothing leaves the machine",
                  file=sys.stderr)
            replay(config_file)


if __name__ == "__main__":
    main()
