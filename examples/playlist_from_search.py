"""Make a playlist of the tracks a search finds.

    python examples/playlist_from_search.py [QUERY] [--count 20] [--name NAME] [--public]

QUERY is what to look for, with Spotify's filters if wanted ("finlandia artist:sibelius year:2001");
by default "sibelius". Since 2026 development-mode apps get at most 10 results a search request:
``spotlite.all_items`` walks the pages, 10 at a time, until --count tracks are found. The playlist
is private unless --public. Scopes: playlist-modify-private (playlist-modify-public with --public).
Credentials: SPOTIFY_CLIENT_ID, SPOTIFY_CLIENT_SECRET and SPOTIFY_USER_REFRESH (or spotlite.cfg);
without them it replays examples/cassettes/playlist_from_search.yaml.
"""

from __future__ import annotations

import argparse
import itertools
from collections.abc import Sequence

import _offline

import spotlite


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Make a playlist of the tracks a search finds.")
    parser.add_argument("query", nargs="?", default="sibelius", help="what to search for")
    parser.add_argument("--count", type=int, default=20, help="how many tracks to put in the playlist")
    parser.add_argument("--name", help='the playlist\'s name (default: "Search: QUERY")')
    parser.add_argument("--public", action="store_true", help="show it on your profile")
    args = parser.parse_args(argv)
    with _offline.configuration(__file__, "user") as conf:
        token = spotlite.refresh_user_token(conf.client_id, conf.client_secret, conf.refresh_token)
        found = spotlite.search(token, args.query, types=("track",), limit=10).tracks
        tracks = list(itertools.islice(spotlite.all_items(token, found), args.count)) if found else []
        if not tracks:
            print(f"Nothing found for {args.query!r}: no playlist made.")
            return 1
        playlist = spotlite.playlist_create(token, args.name or f"Search: {args.query}", public=args.public,
                                            description=f"The first {len(tracks)} tracks found for {args.query}")
        spotlite.playlist_add(token, playlist.id, [track.uri for track in tracks])
    for number, track in enumerate(tracks, 1):
        print(f"{number:>3}. {track.name} - {', '.join(artist.name for artist in track.artists)}")
    link = playlist.external_urls.spotify if playlist.external_urls else playlist.uri
    print(f"Made the {'public' if args.public else 'private'} playlist {playlist.name!r} of {len(tracks)} tracks: {link}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
