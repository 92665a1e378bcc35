"""Print what you are playing every --interval seconds, for as long as you like (hours, days).

    python examples/now_playing.py [--interval 30] [--iterations N]     # N polls; by default until Ctrl-C

The token is a ``spotlite.RefreshingToken``: it gets a new access token before the old one's hour
is up (or after a 401 saying it expired), and ``on_refresh`` keeps the refresh token Spotify sends
with it (Spotify may rotate it) in spotlite.cfg with ``config_to_file``, so the next run starts from
the latest one. Scope: user-read-currently-playing. Credentials: spotlite.cfg (``python -m spotlite
login`` writes it) or SPOTIFY_CLIENT_ID, SPOTIFY_CLIENT_SECRET and SPOTIFY_USER_REFRESH; without
them it replays examples/cassettes/now_playing.yaml, where the token expires and is refreshed mid-run.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections.abc import Sequence

import _offline

import spotlite
from spotlite.models import CurrentlyPlaying, FullChapter, FullEpisode

REPLAYED_POLLS = 5  # what the cassette holds, recorded one after another


def describe(playing: CurrentlyPlaying | None) -> str:
    """A line about what plays: its name, who made it, how far it is."""
    item = playing.item if playing else None
    if playing is None or item is None:
        return "nothing playing"
    if isinstance(item, FullEpisode):
        by = item.show.name if item.show else ""
    elif isinstance(item, FullChapter):
        by = item.audiobook.name if item.audiobook else ""
    else:
        by = ", ".join(artist.name or "" for artist in item.artists)
    at, length = (playing.progress_ms or 0) // 1000, (item.duration_ms or 0) // 1000
    state = "playing" if playing.is_playing else "paused"
    return f"{state}: {item.name} - {by} [{at // 60}:{at % 60:02d} / {length // 60}:{length % 60:02d}]"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print what you are playing, again and again.")
    parser.add_argument("--interval", type=float, default=30.0, help="seconds between polls")
    parser.add_argument("--iterations", type=int, default=0, help="polls before stopping (0: until Ctrl-C)")
    args = parser.parse_args(argv)
    with _offline.configuration(__file__, "user") as conf:

        def keep(token: spotlite.Token) -> None:
            spotlite.config_to_file(conf.file, (conf.client_id, conf.client_secret, None, token.refresh_token))
            print(f"{time.strftime('%H:%M:%S')} new access token; refresh token kept in {conf.file}", file=sys.stderr)

        first = spotlite.refresh_user_token(conf.client_id, conf.client_secret, conf.refresh_token)
        keep(first)
        token = spotlite.RefreshingToken(first, conf.client_id, conf.client_secret, on_refresh=keep)
        iterations, interval = args.iterations, args.interval
        if conf.replaying:  # only the polls the cassette holds, without waiting between them
            iterations, interval = min(iterations or REPLAYED_POLLS, REPLAYED_POLLS), 0.0
        try:
            for poll in itertools.count(1):
                print(time.strftime("%H:%M:%S"), describe(spotlite.playback_currently_playing(token)), flush=True)
                if poll == iterations:
                    break
                time.sleep(interval)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
