"""Back up your liked songs (the tracks saved in your library) to a JSON file, every page of them.

    python examples/backup_liked_songs.py [-o FILE]

It writes FILE, or liked_songs.json in a new temporary folder, and prints where.
Each entry is ``spotlite.to_dict`` of a ``SavedTrack`` (``{"added_at": ..., "track": {...}}``, keyed
by Spotify's names), newest first, so ``spotlite.from_dict(SavedTrack, entry)`` reads it back.
Scope: user-library-read. Credentials: SPOTIFY_CLIENT_ID, SPOTIFY_CLIENT_SECRET and
SPOTIFY_USER_REFRESH (or the spotlite.cfg that ``python -m spotlite login`` writes); without them
it replays examples/cassettes/backup_liked_songs.yaml.
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Sequence

import _offline

import spotlite


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Back up your liked songs to JSON.")
    parser.add_argument("-o", "--output", help="the JSON file to write (default: liked_songs.json in a new temporary folder)")
    args = parser.parse_args(argv)
    with _offline.configuration(__file__, "user") as conf:
        token = spotlite.refresh_user_token(conf.client_id, conf.client_secret, conf.refresh_token)
        first = spotlite.saved_tracks(token, limit=50)
        saved = [spotlite.to_dict(each) for each in spotlite.all_items(token, first)]
    output = _offline.output_file(args.output, "liked_songs.json")
    partial = output.with_name(output.name + ".partial")  # an old backup stays whole until the new one is
    partial.write_text(json.dumps(saved, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(partial, output)
    print(f"Backed up {len(saved)} liked songs to {output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
