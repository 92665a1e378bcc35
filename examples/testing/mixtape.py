"""Make a mixtape: a private playlist of the user's recent top tracks, ending with the favourite.

    SPOTIFY_CLIENT_ID=... SPOTIFY_CLIENT_SECRET=... SPOTIFY_USER_REFRESH=... python mixtape.py "Road trip"

The refresh token needs the scopes ``user-top-read`` and
``playlist-modify-private``. ``test_mixtape.py`` tests it offline on
``spotlite.testing.FakeSpotify``: the write flow, and what it does when
Spotify limits its rate, a token expires or a scope is missing.
"""

from __future__ import annotations

import sys

import spotlite
from spotlite.models import FullPlaylist

SCOPES = "user-top-read playlist-modify-private"


def mixtape(token: spotlite.TokenLike, name: str, size: int = 10) -> FullPlaylist:
    """Create the private playlist ``name`` of the user's ``size`` recent top tracks, then move the first one
    to the end, so the mixtape ends with the favourite. Returns the playlist as Spotify has it."""
    top = spotlite.current_user_top_tracks(token, limit=size, time_range="short_term").items
    chosen = [track.uri for track in top if track.uri]
    playlist = spotlite.playlist_create(token, name, public=False, description="Made by mixtape.py")
    if chosen:
        snapshot = spotlite.playlist_add(token, playlist.id, chosen)
        if len(chosen) > 1:
            spotlite.playlist_reorder(token, playlist.id, range_start=0, insert_before=len(chosen), snapshot_id=snapshot)
    return spotlite.playlist(token, playlist.id)


def explain(error: spotlite.SpotliteError) -> str:
    """What to tell the user when Spotify refused."""
    if isinstance(error, spotlite.Forbidden) and error.scopes:
        return f"the token lacks a scope: log in again granting {', '.join(error.scopes)}"
    if isinstance(error, spotlite.TooManyRequests):
        return f"Spotify is busy: try again in {error.retry_after:g} s"
    return f"Spotify refused: {error}"


def main(argv: list[str]) -> int:
    client_id, client_secret, _, refresh = spotlite.config_from_environment(return_refresh=True)
    if not (client_id and client_secret and refresh and argv):
        print("usage: SPOTIFY_CLIENT_ID=... SPOTIFY_CLIENT_SECRET=... SPOTIFY_USER_REFRESH=... python mixtape.py NAME")
        return 2
    token = spotlite.RefreshingToken(spotlite.refresh_user_token(client_id, client_secret, refresh),
                                     client_id, client_secret)
    try:
        made = mixtape(token, argv[0])
    except spotlite.SpotliteError as error:
        print(explain(error))
        return 1
    print(f"{made.name}: {made.items.total if made.items else 0} tracks")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
