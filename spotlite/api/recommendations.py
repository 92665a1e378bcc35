"""Recommendations from seed artists, genres and tracks, and the genres usable as seeds.

Deprecated by Spotify in November 2024: new and development-mode apps get 403 or 404.
"""

from __future__ import annotations

from collections.abc import Iterable

from .._endpoint import endpoint
from .._http import send
from .._mapper import to_model
from .._token import TokenLike
from ..errors import InvalidInput, quoted
from ..ids import to_ids
from ..models.recommendations import Recommendations
from ._helpers import DEPRECATED, check_limit, check_strs, list_of, query, unwrap

__all__ = ["recommendation_genre_seeds", "recommendations"]

# The tunable track attributes; each takes a min_, max_ and target_ prefix.
ATTRIBUTES = frozenset({
    "acousticness", "danceability", "duration_ms", "energy", "instrumentalness", "key", "liveness",
    "loudness", "mode", "popularity", "speechiness", "tempo", "time_signature", "valence",
})
_INTEGER_ATTRIBUTES = frozenset({"duration_ms", "key", "mode", "popularity", "time_signature"})
_PREFIXES = ("min_", "max_", "target_")
_NOTES = {403: DEPRECATED, 404: DEPRECATED}


@endpoint(deprecated="since November 2024 new and development-mode apps get 403 or 404.")
def recommendations(
    token: TokenLike,
    artist_ids: Iterable[str] | None = None,
    genres: Iterable[str] | None = None,
    track_ids: Iterable[str] | None = None,
    limit: int = 20,
    market: str | None = None,
    **attributes: float,
) -> Recommendations:
    """Get tracks recommended from seeds (1 to 5 artists, genres and tracks together).

    Args:
        artist_ids: IDs, URIs or URLs of seed artists.
        genres: names from ``recommendation_genre_seeds``.
        track_ids: IDs, URIs or URLs of seed tracks.
        limit: tracks wanted, 1 to 100.
        market: ISO 3166-1 country code, or ``"from_token"`` for the user's; with one, a track not playable there
            may be relinked (``linked_from``) or marked ``is_playable=False``.
        attributes: tunable track attributes with a ``min_``, ``max_`` or
            ``target_`` prefix, e.g. ``min_energy=0.4, target_tempo=120``
            (acousticness, danceability, duration_ms, energy, instrumentalness,
            key, liveness, loudness, mode, popularity, speechiness, tempo,
            time_signature, valence).

    Returns:
        The tracks, and per seed how many tracks it yielded.
    """
    artists, genre_names, tracks = _seeds(artist_ids, "artist"), _genres(genres), _seeds(track_ids, "track")
    count = len(artists) + len(genre_names) + len(tracks)
    if not 1 <= count <= 5:
        raise InvalidInput(f"recommendations take 1 to 5 seeds (artists, genres and tracks together), got {count}")
    check_limit(limit, 100)
    _check_attributes(attributes)
    params = query(limit=limit, market=market, seed_artists=artists or None, seed_genres=genre_names or None,
                   seed_tracks=tracks or None, **attributes)
    return to_model(Recommendations, send("GET", "/recommendations", token=token, params=params, notes=_NOTES))


@endpoint(deprecated="since November 2024 new and development-mode apps get 403 or 404.")
def recommendation_genre_seeds(token: TokenLike) -> list[str]:
    """Get the genres usable as seeds of ``recommendations``.

    Returns:
        The genre names, e.g. ``["acoustic", "afrobeat", ...]``.
    """
    body = send("GET", "/recommendations/available-genre-seeds", token=token, notes=_NOTES)
    return list_of(str, unwrap(body, "genres"))


def _seeds(values: Iterable[str] | None, kind: str) -> list[str]:
    return [] if values is None else to_ids(values, kind)


def _genres(values: Iterable[str] | None) -> list[str]:
    genres = [] if values is None else check_strs("genres", values, "genre names")
    if not all(genre.strip() for genre in genres):
        raise InvalidInput(f"genres must be non-empty strings, got {quoted(genres)}")
    return genres


def _check_attributes(attributes: dict[str, float]) -> None:
    """Refuse attribute names Spotify does not know and values that are not numbers."""
    for name, value in attributes.items():
        prefix = next((p for p in _PREFIXES if name.startswith(p)), None)
        attribute = name.removeprefix(prefix or "")
        if prefix is None or attribute not in ATTRIBUTES:
            raise InvalidInput(
                f"unknown recommendation attribute {quoted(name)}: use min_, max_ or target_ and one of "
                + ", ".join(sorted(ATTRIBUTES))
            )
        kinds = (int,) if attribute in _INTEGER_ATTRIBUTES else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds):
            expected = "an int" if attribute in _INTEGER_ATTRIBUTES else "a number"
            raise InvalidInput(f"{name} must be {expected}, got {quoted(value)}")
