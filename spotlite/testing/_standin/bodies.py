"""Response bodies shaped like the live API's: the objects and pages it sends.

The catalogue is small and deterministic: ``fake_id(seed)`` gives a stable
base-62 ID, so re-recording yields the same cassettes.
"""

from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import urlencode

from .server import API

Json = dict[str, Any]
# Every market Spotify lists (GET /markets): extended-quota apps get this list on each track and album.
MARKETS = ["AD", "AE", "AG", "AL", "AM", "AO", "AR", "AT", "AU", "AZ", "BA", "BB", "BD", "BE", "BF", "BG",
           "BH", "BI", "BJ", "BN", "BO", "BR", "BS", "BT", "BW", "BY", "BZ", "CA", "CD", "CG", "CH", "CI",
           "CL", "CM", "CO", "CR", "CV", "CW", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
           "EG", "ES", "ET", "FI", "FJ", "FM", "FR", "GA", "GB", "GD", "GE", "GH", "GM", "GN", "GQ", "GR",
           "GT", "GW", "GY", "HK", "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IN", "IQ", "IS", "IT", "JM",
           "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KR", "KW", "KZ", "LA", "LB", "LC", "LI", "LK",
           "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MG", "MH", "MK", "ML", "MN", "MO",
           "MR", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA", "NE", "NG", "NI", "NL", "NO", "NP", "NR",
           "NZ", "OM", "PA", "PE", "PG", "PH", "PK", "PL", "PR", "PS", "PT", "PW", "PY", "QA", "RO", "RS",
           "RW", "SA", "SB", "SC", "SE", "SG", "SI", "SK", "SL", "SM", "SN", "SR", "ST", "SV", "SZ", "TD",
           "TG", "TH", "TJ", "TL", "TN", "TO", "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "US", "UY", "UZ",
           "VC", "VE", "VN", "VU", "WS", "XK", "ZA", "ZM", "ZW"]
_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def fake_id(seed: str) -> str:
    """A stable 22-character base-62 ID derived from ``seed``."""
    number = int.from_bytes(hashlib.sha256(seed.encode()).digest(), "big")
    chars = []
    for _ in range(22):
        number, rest = divmod(number, 62)
        chars.append(_ALPHABET[rest])
    return "".join(chars)


def links(kind: str, ident: str) -> Json:
    """``href``, ``uri`` and ``external_urls`` of an item."""
    plural = "audio-features" if kind == "audio_features" else kind + "s"
    return {
        "external_urls": {"spotify": f"https://open.spotify.com/{kind}/{ident}"},
        "href": f"{API}/{plural}/{ident}",
        "id": ident,
        "type": kind,
        "uri": f"spotify:{kind}:{ident}",
    }


def images(seed: str, sizes: tuple[int, ...] = (640, 300, 64)) -> list[Json]:
    return [{"url": f"https://i.scdn.co/image/ab67616d0000b273{fake_id(seed + str(s)).lower()[:24]}",
             "height": s, "width": s} for s in sizes]


def simple_artist(ident: str, name: str) -> Json:
    return {**links("artist", ident), "name": name}


def full_artist(ident: str, name: str, genres: list[str], followers: int, popularity: int) -> Json:
    return {**simple_artist(ident, name), "followers": {"href": None, "total": followers},
            "genres": genres, "images": images(ident, (640, 320, 160)), "popularity": popularity}


def simple_album(ident: str, name: str, artists: list[Json], *, album_type: str = "album",
                 release_date: str = "1999-05-04", precision: str = "day", total_tracks: int = 10) -> Json:
    return {
        "album_type": album_type, "total_tracks": total_tracks, "available_markets": MARKETS,
        **links("album", ident), "images": images(ident), "name": name,
        "release_date": release_date, "release_date_precision": precision, "artists": artists,
    }


def simple_track(ident: str, name: str, artists: list[Json], number: int, duration_ms: int,
                 *, disc: int = 1, explicit: bool = False) -> Json:
    return {
        "artists": artists, "available_markets": MARKETS, "disc_number": disc,
        "duration_ms": duration_ms, "explicit": explicit, **links("track", ident), "name": name,
        "preview_url": None, "track_number": number, "is_local": False,
    }


def full_track(simple: Json, album: Json, isrc: str, popularity: int) -> Json:
    return {**simple, "album": album, "external_ids": {"isrc": isrc}, "popularity": popularity}


def local_track(name: str, artist: str, album: str, duration_ms: int) -> Json:
    """A file from the user's device, as Spotify lists it: no IDs, no links."""
    uri = "spotify:local:{}:{}:{}:{}".format(*(part.replace(" ", "+") for part in (artist, album, name)),
                                              duration_ms // 1000)
    return {
        "album": {"album_type": None, "artists": [], "available_markets": [], "external_urls": {},
                  "href": None, "id": None, "images": [], "name": album, "release_date": None,
                  "release_date_precision": None, "type": "album", "uri": None},
        "artists": [{"external_urls": {}, "href": None, "id": None, "name": artist, "type": "artist",
                     "uri": None}],
        "available_markets": [], "disc_number": 0, "duration_ms": duration_ms, "explicit": False,
        "external_ids": {}, "external_urls": {}, "href": None, "id": None, "is_local": True,
        "name": name, "popularity": 0, "preview_url": None, "track_number": 0, "type": "track",
        "uri": uri,
    }


def page(path: str, items: list[Any], offset: int, limit: int, total: int, **query: Any) -> Json:
    """An offset page as Spotify sends it, with its own and its neighbours' URLs."""

    def url(at: int) -> str:
        return f"{API}{path}?" + urlencode({**query, "offset": at, "limit": limit})

    return {
        "href": url(offset), "items": items, "limit": limit,
        "next": url(offset + limit) if offset + limit < total else None,
        "offset": offset, "previous": url(max(offset - limit, 0)) if offset > 0 else None,
        "total": total,
    }


def window(items: list[Any], offset: int, limit: int) -> list[Any]:
    return items[offset : offset + limit]


def int_arg(query: dict[str, str], name: str, default: int) -> int:
    return int(query.get(name, default))
