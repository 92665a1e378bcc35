"""The stand-in's music: a few artists, albums and tracks, and IDs with special answers."""

from __future__ import annotations

from typing import Any

from .bodies import Json, fake_id, full_artist, full_track, simple_album, simple_artist, simple_track
from .state import CURRENT

SIBELIUS = fake_id("artist:sibelius")
ORCHESTRA = fake_id("artist:orchestra")
SINGER = fake_id("artist:singer")
MAIN_ALBUM = "3RBULTZJ97bvVzZLpxcB0j"
BIG_ALBUM = fake_id("album:big")  # 60 tracks: its own page of tracks has a next page
SINGLE = fake_id("album:single")
FINLANDIA = "3hHWhvw2hjwfngWcFjIzqr"
RELINKED = fake_id("track:relinked")  # asked with a market, answers as another track
UNKNOWN = fake_id("unknown")  # no such item: 404, or null in a batch
RATE_LIMITED_ONCE = fake_id("special:429-once")
ALWAYS_LIMITED = fake_id("special:429-always")
FLAKY = fake_id("special:503-once")
BROKEN = fake_id("special:503-always")

ARTISTS: dict[str, Json] = {
    SIBELIUS: full_artist(SIBELIUS, "Jean Sibelius", ["classical", "finnish classical"], 1_204_311, 62),
    ORCHESTRA: full_artist(ORCHESTRA, "Lahti Symphony Orchestra", ["finnish orchestra"], 18_442, 41),
    SINGER: full_artist(SINGER, "Aino Virtanen", ["finnish pop"], 3_120, 28),
}
_CREDIT = [simple_artist(SIBELIUS, "Jean Sibelius"), simple_artist(ORCHESTRA, "Lahti Symphony Orchestra")]
_MAIN_TITLES = ["Finlandia, Op. 26", "Valse triste, Op. 44 No. 1", "Karelia Suite, Op. 11: I. Intermezzo",
                "Karelia Suite, Op. 11: II. Ballade", "Karelia Suite, Op. 11: III. Alla marcia",
                "The Swan of Tuonela, Op. 22 No. 2", "Andante festivo, JS 34b",
                "Symphony No. 2 in D Major, Op. 43: I. Allegretto",
                "Symphony No. 2 in D Major, Op. 43: II. Tempo andante, ma rubato",
                "Symphony No. 2 in D Major, Op. 43: III. Vivacissimo",
                "Symphony No. 2 in D Major, Op. 43: IV. Finale. Allegro moderato", "Spring Song, Op. 16"]


def _album(ident: str, name: str, titles: list[str], artists: list[Json], **extra: Any) -> tuple[Json, list[Json]]:
    album = simple_album(ident, name, artists, total_tracks=len(titles), **extra)
    tracks = [
        simple_track(FINLANDIA if (ident, n) == (MAIN_ALBUM, 1) else fake_id(f"track:{ident}:{n}"),
                     title, artists, n, 180_000 + 7_919 * n)
        for n, title in enumerate(titles, 1)
    ]
    return album, tracks


ALBUMS: dict[str, tuple[Json, list[Json]]] = {
    MAIN_ALBUM: _album(MAIN_ALBUM, "Sibelius: Finlandia, Karelia Suite & Symphony No. 2", _MAIN_TITLES, _CREDIT,
                       release_date="2001-09-10"),
    BIG_ALBUM: _album(BIG_ALBUM, "Sibelius: The Complete Songs", [f"Song No. {n}" for n in range(1, 61)],
                      [simple_artist(SIBELIUS, "Jean Sibelius"), simple_artist(SINGER, "Aino Virtanen")],
                      album_type="compilation", release_date="2015", precision="year"),
    SINGLE: _album(SINGLE, "Finlandia (Choral Version)", ["Finlandia (Choral Version)"],
                   [simple_artist(SINGER, "Aino Virtanen")], album_type="single", release_date="2024-12-06"),
}


def albums() -> dict[str, tuple[Json, list[Json]]]:
    """The albums of the fake serving this request: ``ALBUMS`` and those a test added (``ALBUMS`` outside one)."""
    state = CURRENT.get(None)
    return ALBUMS if state is None else state.albums


def artists() -> dict[str, Json]:
    """The artists of the fake serving this request (``ARTISTS`` outside one)."""
    state = CURRENT.get(None)
    return ARTISTS if state is None else state.artists


def all_tracks() -> list[Json]:
    """Every track of the fake serving this request, album by album."""
    return [t for ident, (_, tracks) in albums().items() for t in (track_full(x["id"]) for x in tracks) if t]


def album_full(ident: str, tracks_page: Json) -> Json:
    album, _ = albums()[ident]
    return {
        **album, "tracks": tracks_page,
        "copyrights": [{"text": "2001 Lahti Records", "type": "C"}, {"text": "2001 Lahti Records", "type": "P"}],
        "external_ids": {"upc": "0" + str(int(ident.encode().hex(), 16))[:11]},
        "genres": [], "label": "Lahti Records", "popularity": 44,
    }


def track_full(ident: str) -> Json | None:
    for album_id, (album, tracks) in albums().items():
        for track in tracks:
            if track["id"] == ident:
                return full_track(track, album, f"FI{album_id[:3].upper()}{track['track_number']:07d}", 38)
    return None


ALL_TRACKS: list[Json] = [t for ident in ALBUMS for t in (track_full(x["id"]) for x in ALBUMS[ident][1]) if t]
