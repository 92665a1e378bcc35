"""Print an album's tracks: number, name and length.

    python examples/album_tracks.py [ALBUM]       # an ID, URI or open.spotify.com URL

ALBUM defaults to Sibelius's Finlandia album (3RBULTZJ97bvVzZLpxcB0j). Reading the catalogue needs
only the app's credentials, SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET: a client token, no user,
no scope. Without them it replays examples/cassettes/album_tracks.yaml (see _offline.py).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

import _offline

import spotlite

FINLANDIA_ALBUM = "3RBULTZJ97bvVzZLpxcB0j"


def minutes(ms: int | None) -> str:
    """A length as m:ss."""
    seconds = (ms or 0) // 1000
    return f"{seconds // 60}:{seconds % 60:02d}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print an album's tracks.")
    parser.add_argument("album", nargs="?", default=FINLANDIA_ALBUM, help="ID, URI or URL of the album")
    args = parser.parse_args(argv)
    with _offline.configuration(__file__) as conf:
        token = spotlite.request_client_token(conf.client_id, conf.client_secret)
        album = spotlite.album(token, args.album)
        artists = ", ".join(artist.name for artist in album.artists)
        print(f"{album.name} - {artists} ({album.release_date}, {album.total_tracks} tracks)")
        for track in spotlite.all_items(token, album.tracks):  # the first page came with the album
            print(f"{track.track_number:>3}. {track.name} ({minutes(track.duration_ms)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
