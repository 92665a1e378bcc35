"""Type-check what a program ported from Tekore or Spotipy writes, with ``mypy --strict``.

    python tests/typecheck_models.py      # tox -e type runs it

``PASSES`` must type-check as written: fields Spotify always sends are not
optional, timestamps are datetimes, and a search for one type is typed by that
type (sync and async). Each snippet of ``FAILS`` must fail, with the error
given: where Spotify may send nothing, or several types were asked, the
annotation says ``None`` is possible.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = """\
from datetime import datetime

import spotlite
from spotlite import aio
from spotlite.models import (
    FullArtistOffsetPaging, FullTrackPaging, SimpleAlbumPaging, SimpleAudiobookPaging, SimpleEpisodePaging,
    SimplePlaylistPaging, SimpleShowPaging,
)

token: str
q: str
last_run: datetime
"""

PASSES = """\
# 1. What Spotify always sends is not optional.
track = spotlite.track(token, "3hHWhvw2hjwfngWcFjIzqr")
if track.duration_ms <= 80000 and track.album.album_type == "single":
    print(track.album.release_date[:4], track.external_urls.spotify, track.id.upper())
page = spotlite.saved_tracks(token, limit=50)
print(page.total - page.offset, page.href, page.limit)

# 2. Timestamps are datetimes: compare them with the last run, as with Tekore.
fresh = [saved.track.name for saved in page.items if saved.added_at >= last_run]
played = [p.played_at.isoformat() for p in spotlite.playback_recently_played(token).items]

# 3. A search for one type is typed by it, and unpacks into its page.
tracks, = spotlite.search(token, q, types=("track",))
first_tracks: FullTrackPaging = tracks
default_tracks: FullTrackPaging = spotlite.search(token, q).tracks
albums: SimpleAlbumPaging = spotlite.search(token, q, types=("album",)).albums
artists: FullArtistOffsetPaging = spotlite.search(token, q, types=("artist",)).artists
playlists: SimplePlaylistPaging = spotlite.search(token, q, types=("playlist",)).playlists
shows: SimpleShowPaging = spotlite.search(token, q, types="show", market="FI").shows
episodes: SimpleEpisodePaging = spotlite.search(token, q, types=("episode",), market="FI").episodes
audiobooks: SimpleAudiobookPaging = spotlite.search(token, q, types=("audiobook",), market="FI").audiobooks
both = spotlite.search(token, q, types=("track", "artist"))  # several types keep working
print(both.tracks and both.tracks.total, [page and page.total for page in both])


async def async_search() -> None:
    tracks, = await aio.search(token, q, types=("track",))
    first: FullTrackPaging = tracks
    albums: SimpleAlbumPaging = (await aio.search(token, q, types=("album",))).albums
    print(first.total, albums.total)
"""

# Each snippet and the error mypy must give for it.
FAILS = {
    "popular = spotlite.track(token, 'x').popularity + 1":  # not sent to development-mode apps since 2026
        'Unsupported operand types for + ("None" and "int")',
    "several: FullTrackPaging = spotlite.search(token, q, types=('track', 'artist')).tracks":
        'Incompatible types in assignment (expression has type "FullTrackPaging | None"',
    "label: str = spotlite.album(token, 'x').label":  # not sent to development-mode apps since 2026
        'Incompatible types in assignment (expression has type "str | None"',
}


def check(source: str) -> subprocess.CompletedProcess[str]:
    """mypy --strict (with the project's configuration) over ``HEADER`` and ``source``; its result."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ported_program.py"
        path.write_text(HEADER + "\n" + source, encoding="utf-8")
        command = [sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent", "--no-incremental",
                   "--config-file", str(ROOT / "setup.cfg"), str(path)]
        return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)


def failures() -> list[str]:
    """What is wrong: ``PASSES`` with errors, or a snippet of ``FAILS`` without its error."""
    wrong = []
    passes = check(PASSES)
    if passes.returncode != 0:
        wrong.append(f"PASSES does not type-check:\n{passes.stdout}{passes.stderr}")
    for snippet, error in FAILS.items():
        result = check(snippet + "\n")
        if result.returncode == 0 or error not in result.stdout:
            wrong.append(f"{snippet!r} should fail with {error!r}:\n{result.stdout}{result.stderr}")
    return wrong


def main() -> int:
    wrong = failures()
    print("\n".join(wrong) or "the ported programs type-check as they should")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
