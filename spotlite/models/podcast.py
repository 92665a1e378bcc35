"""Shows (podcasts) and their episodes (one module: each refers to the other).

Real answers hold "ghost" episodes whose every field is null (a saved episode
that no longer exists), so almost every field is optional, ``id``, ``name``
and ``uri`` included. The 2026 changes removed ``available_markets`` and
``publisher`` of shows for development-mode apps; both are optional.
"""

from __future__ import annotations

from dataclasses import field
from typing import Literal

from .._mapper import alias
from ._base import Model, dataclass
from .artist import SimpleArtist
from .common import Copyright, ExternalIds, ExternalUrls, Image, OffsetPaging, Restrictions
from .music import SimpleAlbum

__all__ = [
    "FullEpisode",
    "FullShow",
    "ResumePoint",
    "SavedEpisode",
    "SavedEpisodePaging",
    "SavedShow",
    "SavedShowPaging",
    "SimpleEpisode",
    "SimpleEpisodePaging",
    "SimpleShow",
    "SimpleShowPaging",
    "SpokenAudio",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class ResumePoint(Model):
    """Where the user stopped in an episode or chapter (needs the scope
    ``user-read-playback-position``); ``resume_position_ms`` is None when unknown."""

    fully_played: bool | None = None
    resume_position_ms: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SimpleShow(Model):
    """A show as it appears on an episode, in the user's library or in search.

    ``media_type`` is Spotify's word (``audio``, ``video``, ``mixed``);
    ``available_markets`` and ``publisher`` are no longer sent to
    development-mode apps (2026). ``languages`` may hold None (real data).
    """

    id: str | None = None
    name: str | None = None
    uri: str | None = None
    type: str = "show"
    publisher: str | None = None
    description: str | None = None
    html_description: str | None = None
    explicit: bool | None = None
    media_type: str | None = None
    languages: tuple[str | None, ...] = ()
    images: tuple[Image, ...] = ()
    copyrights: tuple[Copyright, ...] = ()
    is_externally_hosted: bool | None = None
    total_episodes: int | None = None
    available_markets: tuple[str, ...] = ()
    href: str | None = None
    external_urls: ExternalUrls | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SpokenAudio(Model):
    """What episodes and chapters share.

    ``resume_point`` needs the scope ``user-read-playback-position``.
    Spotify calls the restriction key ``restriction`` in real answers (e.g.
    ``payment_required``) and ``restrictions`` in its reference; both fill
    ``restriction`` (and the ``restrictions`` property). ``available_markets``
    is no longer sent to development-mode apps (2026).
    """

    id: str | None = None
    name: str | None = None
    uri: str | None = None
    description: str | None = None
    html_description: str | None = None
    duration_ms: int | None = None
    explicit: bool | None = None
    release_date: str | None = None
    release_date_precision: str | None = None
    resume_point: ResumePoint | None = None
    images: tuple[Image, ...] = ()
    languages: tuple[str | None, ...] = ()
    is_playable: bool | None = None
    audio_preview_url: str | None = None
    restriction: Restrictions | None = field(default=None, metadata=alias("restrictions"))
    available_markets: tuple[str, ...] = ()
    href: str | None = None
    external_urls: ExternalUrls | None = None

    @property
    def restrictions(self) -> Restrictions | None:
        """The same as ``restriction`` (the key's name in Spotify's reference)."""
        return self.restriction


@dataclass(frozen=True, slots=True, kw_only=True)
class SimpleEpisode(SpokenAudio):
    """An episode as listed in a show (the fields of ``SpokenAudio`` and these).

    ``language`` is deprecated: see ``languages``.
    """

    type: Literal["episode"] = "episode"
    language: str | None = None
    is_externally_hosted: bool | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SimpleEpisodePaging(OffsetPaging["SimpleEpisode | None"]):
    """A page of episodes (a show's, or found by search); None where Spotify
    sends null for an episode it will not show (real search answers do)."""

    items: tuple[SimpleEpisode | None, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class SimpleShowPaging(OffsetPaging[SimpleShow]):
    """A page of shows (search)."""

    items: tuple[SimpleShow, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class FullShow(SimpleShow):
    """A show with its first page of episodes (``show.episodes.items``)."""

    episodes: SimpleEpisodePaging | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class FullEpisode(SimpleEpisode):
    """An episode with its show; also an item of a playlist or of the player
    (told from a track by ``type == "episode"``).

    In a playlist Spotify sets the flags ``episode`` (True) and ``track``
    (False), and may add track-like keys (``album``, ``artists``,
    ``external_ids``), kept here as sent.
    """

    show: SimpleShow | None = None
    episode: bool | None = None
    track: bool | None = None
    album: SimpleAlbum | None = None
    artists: tuple[SimpleArtist, ...] = ()
    external_ids: ExternalIds | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SavedShow(Model):
    """A show in the user's library, with when it was saved (ISO 8601)."""

    added_at: str
    show: SimpleShow


@dataclass(frozen=True, slots=True, kw_only=True)
class SavedShowPaging(OffsetPaging[SavedShow]):
    """A page of the user's saved shows."""

    items: tuple[SavedShow, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class SavedEpisode(Model):
    """An episode in the user's library, with when it was saved (ISO 8601)."""

    added_at: str
    episode: FullEpisode


@dataclass(frozen=True, slots=True, kw_only=True)
class SavedEpisodePaging(OffsetPaging[SavedEpisode]):
    """A page of the user's saved episodes."""

    items: tuple[SavedEpisode, ...]
