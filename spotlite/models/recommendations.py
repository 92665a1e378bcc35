"""Recommendations (deprecated by Spotify in November 2024)."""

from __future__ import annotations

from ._base import Model, dataclass
from .music import FullTrack

__all__ = ["RecommendationSeed", "Recommendations"]


@dataclass(frozen=True, slots=True, kw_only=True)
class RecommendationSeed(Model):
    """A seed of recommendations and how many tracks it yielded.

    ``type`` is upper case as Spotify sends it (``ARTIST``, ``TRACK``, ``GENRE``);
    ``id`` is the genre name for a genre seed, whose ``href`` is None. The pool
    sizes keep Spotify's camelCase names.
    """

    id: str
    type: str
    href: str | None = None
    initialPoolSize: int | None = None
    afterFilteringSize: int | None = None
    afterRelinkingSize: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Recommendations(Model):
    """Tracks recommended from seeds, with what each seed contributed."""

    seeds: tuple[RecommendationSeed, ...] = ()
    tracks: tuple[FullTrack, ...] = ()
