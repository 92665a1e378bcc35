"""Export a playlist to CSV: one row per entry, every page of entries.

    python examples/playlist_to_csv.py [PLAYLIST] [-o FILE]

It writes FILE, or playlist.csv in a new temporary folder, and prints where.
PLAYLIST is an ID, URI or URL; by default, your first own playlist. Since 2026 Spotify gives a
playlist's entries only to its owner and collaborators. Scope: playlist-read-private.
Credentials: SPOTIFY_CLIENT_ID, SPOTIFY_CLIENT_SECRET and SPOTIFY_USER_REFRESH (or the spotlite.cfg
that ``python -m spotlite login`` writes); without them it replays examples/cassettes/playlist_to_csv.yaml.
"""

from __future__ import annotations

import argparse
import csv
from collections.abc import Sequence

import _offline

import spotlite
from spotlite.models import FullEpisode, PlaylistTrack

COLUMNS = ("position", "added_at", "kind", "name", "by", "album", "duration_ms", "uri")


def row(position: int, entry: PlaylistTrack) -> tuple[object, ...]:
    """An entry as a CSV row: a track, an episode, a local file, or one Spotify no longer has."""
    item, added_at = entry.item, spotlite.to_dict(entry.added_at)  # a datetime, written as Spotify does: ...Z
    if item is None:
        return (position, added_at, "unavailable", "", "", "", "", "")
    if isinstance(item, FullEpisode):
        kind, by, album = "episode", item.show.name if item.show else "", ""
    else:  # a FullTrack or a LocalTrack (a file from the user's device)
        kind = "local" if item.is_local else "track"
        by, album = ", ".join(artist.name for artist in item.artists), item.album.name if item.album else ""
    return (position, added_at, kind, item.name, by, album, item.duration_ms, item.uri)


def first_own_playlist(token: spotlite.TokenLike) -> str:
    """The ID of the first playlist the user owns."""
    me = spotlite.current_user(token).id
    for playlist in spotlite.all_items(token, spotlite.followed_playlists(token, limit=50)):
        if playlist is not None and playlist.owner.id == me:
            return playlist.id
    raise SystemExit("You own no playlist.")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Export a playlist to CSV.")
    parser.add_argument("playlist", nargs="?", help="ID, URI or URL of the playlist (default: your first own)")
    parser.add_argument("-o", "--output", help="the CSV file to write (default: playlist.csv in a new temporary folder)")
    args = parser.parse_args(argv)
    with _offline.configuration(__file__, "user") as conf:
        token = spotlite.refresh_user_token(conf.client_id, conf.client_secret, conf.refresh_token)
        playlist_id = args.playlist or first_own_playlist(token)
        entries = spotlite.all_items(token, spotlite.playlist_items(token, playlist_id, limit=50))
        output = _offline.output_file(args.output, "playlist.csv")
        with open(output, "w", newline="", encoding="utf-8") as file:
            writer = csv.writer(file)
            writer.writerow(COLUMNS)
            count = 0
            for count, entry in enumerate(entries, 1):  # each page is fetched as the rows are written
                writer.writerow(row(count, entry))
    print(f"Wrote {count} entries to {output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
