"""Follow the artists you listen to most.

    python examples/follow_top_artists.py [--time-range short_term|medium_term|long_term] [--limit 10] [--dry-run]

Scopes: user-top-read, user-follow-read, user-follow-modify.

Since February 2026, development-mode apps follow artists through the library, by URI: it checks
with ``library_contains`` (GET /me/library/contains, documented for artist URIs) and follows with
``library_add`` (PUT /me/library, which Spotify's migration guide names the replacement of PUT
/me/following). Spotify's reference lists no artist URIs for PUT /me/library, though, so should
Spotify answer 400 it falls back to ``artists_follow`` (the deprecated PUT /me/following, still
served to extended-quota apps). Credentials: SPOTIFY_CLIENT_ID, SPOTIFY_CLIENT_SECRET and
SPOTIFY_USER_REFRESH (or spotlite.cfg); without them it replays examples/cassettes/follow_top_artists.yaml.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

import _offline

import spotlite


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Follow the artists you listen to most.")
    parser.add_argument("--time-range", default="medium_term", choices=("short_term", "medium_term", "long_term"))
    parser.add_argument("--limit", type=int, default=10, help="how many top artists (1 to 50)")
    parser.add_argument("--dry-run", action="store_true", help="only say whom it would follow")
    args = parser.parse_args(argv)
    with _offline.configuration(__file__, "user") as conf:
        token = spotlite.refresh_user_token(conf.client_id, conf.client_secret, conf.refresh_token)
        top = spotlite.current_user_top_artists(token, time_range=args.time_range, limit=args.limit).items
        if not top:
            print("Spotify knows no top artists of yours yet.")
            return 0
        following = spotlite.library_contains(token, [artist.uri for artist in top])
        new = [artist for artist, followed in zip(top, following) if not followed]
        for artist, followed in zip(top, following):
            print(f"{'already following' if followed else 'to follow'}: {artist.name}")
        if new and not args.dry_run:
            try:
                spotlite.library_add(token, [artist.uri for artist in new])
            except spotlite.BadRequest:  # artist URIs refused by PUT /me/library: the older endpoint
                spotlite.artists_follow(token, [artist.id for artist in new])
    print(f"{'Would follow' if args.dry_run else 'Followed'} {len(new)} of your {len(top)} top artists.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
