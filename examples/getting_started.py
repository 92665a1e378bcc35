"""The README's Getting Started walkthrough, runnable.

    python examples/getting_started.py

With SPOTIFY_CLIENT_ID, SPOTIFY_CLIENT_SECRET and SPOTIFY_REDIRECT_URI set
(the redirect URI registered for your app, e.g. http://127.0.0.1:8888/callback),
it talks to Spotify and asks you to authorise in the browser. Without them it
replays the recorded cassette (cassettes/test_getting_started/), and says so.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import spotlite

REPLAY_CASSETTE = "test_getting_started/test_walkthrough.yaml"
REPLAY_CONFIG = ("dummy-client-id", "dummy-client-secret", "http://127.0.0.1:8888/callback")


def walkthrough(
    client_id: str,
    client_secret: str,
    redirect_uri: str,
    config_file: Path,
    read_input: Callable[[str], str] = input,
    open_browser: Callable[[str], Any] | None = None,
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
    print("refreshed:", user_token)


def answer_prompt_from(opened: list[str], redirect_uri: str) -> Callable[[str], str]:
    """Stand in for the user pasting the redirect URL (replay only)."""

    def paste(prompt: str) -> str:
        state = parse_qs(urlsplit(opened[-1]).query)["state"][0]
        return f"{redirect_uri}?code=dummy-code&state={state}"

    return paste


def replay(config_file: Path) -> None:
    """Run the walkthrough against the recorded cassette; nothing leaves the machine."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from recording import recorder

    opened: list[str] = []
    with recorder.use_cassette(REPLAY_CASSETTE):
        walkthrough(*REPLAY_CONFIG, config_file, answer_prompt_from(opened, REPLAY_CONFIG[2]), opened.append,
                    catch_redirect=False)


def main() -> None:
    client_id, client_secret, redirect_uri = spotlite.config_from_environment()
    with tempfile.TemporaryDirectory() as folder:
        config_file = Path(folder) / "spotlite.cfg"
        if client_id and client_secret and redirect_uri:
            walkthrough(client_id, client_secret, redirect_uri, config_file)
        else:
            print("No SPOTIFY_CLIENT_ID, SPOTIFY_CLIENT_SECRET and SPOTIFY_REDIRECT_URI set:")
            print(f"replaying the recorded cassette cassettes/{REPLAY_CASSETTE} instead of calling Spotify.\n")
            replay(config_file)


if __name__ == "__main__":
    main()
