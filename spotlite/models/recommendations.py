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
    """The seed's ID (an artist or track ID, or a genre)."""
    type: str
    """``artist``, ``track`` or ``genre`` (as sent)."""
    href: str | None = None
    """The seed's Web API URL (None for a genre)."""
    initialPoolSize: int
    """Tracks available for the seed before filtering."""
    afterFilteringSize: int
    """Tracks left after the tunable attributes filtered them."""
    afterRelinkingSize: int
    """Tracks left after relinking to the market."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Recommendations(Model):
    """Tracks recommended from seeds, with what each seed contributed."""

    seeds: tuple[RecommendationSeed, ...] = ()
    """Each seed, with how many tracks it yielded."""
    tracks: tuple[FullTrack, ...] = ()
    """The recommended tracks."""
