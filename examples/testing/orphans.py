"""Which of my saved tracks are in none of my playlists?

    SPOTIFY_CLIENT_ID=... SPOTIFY_CLIENT_SECRET=... SPOTIFY_USER_REFRESH=... python orphans.py

The refresh token needs the scopes ``user-library-read`` and
``playlist-read-private``. Playlists whose entries Spotify does not show
(since 2026: those you neither own nor collaborate on) are left out.

``test_orphans.py`` tests it offline, from the cassettes in ``cassettes/``.
"""

from __future__ import annotations

import spotlite
from spotlite.models import FullTrack


def tracks_in_playlists(token: spotlite.TokenLike) -> set[str]:
    """The IDs of the tracks in the user's playlists (those whose entries Spotify shows)."""
    found: set[str] = set()
    for playlist in spotlite.all_items(token, spotlite.followed_playlists(token, limit=50)):
        if playlist is None:  # Spotify lists some playlists as null
            continue
        try:
            entries = list(spotlite.all_items(token, spotlite.playlist_items(token, playlist.id, limit=50)))
        except spotlite.Forbidden:  # someone else's playlist: its entries are not shown
            continue
        found.update(entry.item.id for entry in entries if isinstance(entry.item, FullTrack) and entry.item.id)
    return found


def orphans(token: spotlite.TokenLike) -> list[FullTrack]:
    """The user's saved tracks that are in none of their playlists, in the order they were saved."""
    listed = tracks_in_playlists(token)
    saved = spotlite.all_items(token, spotlite.saved_tracks(token, limit=50))
    return [each.track for each in saved if each.track.id not in listed]


def report(tracks: list[FullTrack]) -> str:
    """What the program prints."""
    if not tracks:
        return "Every saved track is in a playlist."
    lines = [f"{len(tracks)} saved track{'s' * (len(tracks) != 1)} in no playlist:"]
    lines += [f"  {track.name} - {', '.join(artist.name for artist in track.artists)}" for track in tracks]
    return "\n".join(lines)


def main() -> None:
    client_id, client_secret, _, refresh = spotlite.config_from_environment(return_refresh=True)
    if not (client_id and client_secret and refresh):
        raise SystemExit("set SPOTIFY_CLIENT_ID, SPOTIFY_CLIENT_SECRET and SPOTIFY_USER_REFRESH")
    print(report(orphans(spotlite.refresh_user_token(client_id, client_secret, refresh))))


if __name__ == "__main__":
    main()
