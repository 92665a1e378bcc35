"""Shows (podcasts) and their episodes (one module: each refers to the other).

Real answers hold "ghost" episodes whose every field is null (a saved episode
that no longer exists), so almost every field is optional, ``id``, ``name``
and ``uri`` included. The 2026 changes removed ``available_markets`` and
``publisher`` of shows for development-mode apps; both are optional.
"""

from __future__ import annotations

from dataclasses import field
from datetime import datetime
from typing import Literal

from .._mapper import alias
from ._base import Model, dataclass
from .artist import SimpleArtist
from .common import Copyright, ExternalIds, ExternalUrls, Image, OffsetPaging, Restrictions

__all__ = [
    "FullEpisode",
    "FullShow",
    "ResumePoint",
    "SavedEpisode",
    "SavedEpisodePaging",
    "SavedShow",
    "SavedShowPaging",
    "ShowAsAlbum",
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

    fully_played: bool
    """Whether it was played to the end."""
    resume_position_ms: int | None = None
    """Where playback stopped, in milliseconds."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SimpleShow(Model):
    """A show as it appears on an episode, in the user's library or in search.

    ``media_type`` is Spotify's word (``audio``, ``video``, ``mixed``);
    ``available_markets`` and ``publisher`` are no longer sent to
    development-mode apps (2026). ``languages`` may hold None (real data).
    """

    id: str | None = None
    """The Spotify ID."""
    name: str | None = None
    """The show's name."""
    uri: str | None = None
    """The Spotify URI."""
    type: str = "show"
    """``show``."""
    publisher: str | None = None
    """The publisher; not sent to development-mode apps since 2026."""
    description: str | None = None
    """The description, plain text."""
    html_description: str | None = None
    """The description, with HTML tags."""
    explicit: bool
    """Whether it has explicit content (None when unknown)."""
    media_type: str | None = None
    """``audio`` or ``mixed``."""
    languages: tuple[str | None, ...] = ()
    """Languages used, as ISO 639 codes."""
    images: tuple[Image, ...] = ()
    """Cover art, largest first."""
    copyrights: tuple[Copyright, ...] = ()
    """Copyright notices."""
    is_externally_hosted: bool | None = None
    """Whether it is hosted outside Spotify."""
    total_episodes: int | None = None
    """How many episodes the show has."""
    available_markets: tuple[str, ...] = ()
    """Country codes (ISO 3166-1 alpha-2) of the markets where it is available; empty for development-mode apps since
    2026."""
    href: str
    """The Web API URL of the full object."""
    external_urls: ExternalUrls
    """Web pages of the item; ``external_urls.spotify`` is its open.spotify.com page."""


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
    """The Spotify ID (None for an item Spotify no longer has)."""
    name: str | None = None
    """The name."""
    uri: str | None = None
    """The Spotify URI."""
    description: str | None = None
    """The description, plain text."""
    html_description: str | None = None
    """The description, with HTML tags."""
    duration_ms: int | None = None
    """Length in milliseconds."""
    explicit: bool
    """Whether it has explicit content (None when unknown)."""
    release_date: str
    """First release date as Spotify sends it, ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as
    ``release_date_precision`` says: a str, not a date, since its precision varies."""
    release_date_precision: str
    """``year``, ``month`` or ``day``: how much of ``release_date`` is known."""
    resume_point: ResumePoint | None = None
    """Where the user stopped (scope ``user-read-playback-position``)."""
    images: tuple[Image, ...] = ()
    """Images in several sizes, largest first."""
    languages: tuple[str | None, ...] = ()
    """Languages used, as ISO 639 codes."""
    is_playable: bool | None = None
    """With a ``market``: whether it plays there."""
    audio_preview_url: str | None = None
    """A 30 second MP3 preview, when there is one."""
    restriction: Restrictions | None = field(default=None, metadata=alias("restrictions"))
    """Why it cannot be played, when it cannot."""
    available_markets: tuple[str, ...] = ()
    """Country codes (ISO 3166-1 alpha-2) of the markets where it is available; empty for development-mode apps since
    2026."""
    href: str
    """The Web API URL of the full object."""
    external_urls: ExternalUrls
    """Web pages of the item; ``external_urls.spotify`` is its open.spotify.com page."""

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
    """``episode``."""
    language: str | None = None
    """The language, ISO 639 (deprecated by Spotify: use ``languages``)."""
    is_externally_hosted: bool | None = None
    """Whether the episode is hosted outside Spotify."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SimpleEpisodePaging(OffsetPaging["SimpleEpisode | None"]):
    """A page of episodes (a show's, or found by search); None where Spotify
    sends null for an episode it will not show (real search answers do)."""

    items: tuple[SimpleEpisode | None, ...]
    """The items of this page."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SimpleShowPaging(OffsetPaging[SimpleShow]):
    """A page of shows (search)."""

    items: tuple[SimpleShow, ...]
    """The items of this page."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FullShow(SimpleShow):
    """A show with its first page of episodes (``show.episodes.items``)."""

    episodes: SimpleEpisodePaging
    """The first page of the show's episodes."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ShowAsAlbum(Model):
    """The show of an episode sent in track form (in a playlist), shaped as an album.

    It carries what the show has (``name``, ``id``, ``uri``...) under an album's
    keys; an album's other keys (``album_type``, ``release_date``...) are None
    or empty, as Spotify sends them so.
    """

    name: str
    """The show's name."""
    id: str | None = None
    """The show's Spotify ID."""
    uri: str | None = None
    """The show's Spotify URI."""
    type: str | None = None
    """``show`` (or ``album``)."""
    album_type: str | None = None
    """Usually None."""
    artists: tuple[SimpleArtist, ...] = ()
    """Usually the show, as an artist."""
    images: tuple[Image, ...] = ()
    """Cover art, largest first."""
    release_date: str | None = None
    """Usually None."""
    release_date_precision: str | None = None
    """Usually None."""
    href: str | None = None
    """The Web API URL of the show."""
    external_urls: ExternalUrls | None = None
    """Web pages of the item; ``external_urls.spotify`` is its open.spotify.com page."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FullEpisode(SimpleEpisode):
    """An episode with its show; also an item of a playlist or of the player
    (told from a track by ``type == "episode"``).

    In a playlist Spotify sets the flags ``episode`` (True) and ``track``
    (False), and may add track-like keys (``album``, ``artists``,
    ``external_ids``), kept here as sent.
    """

    show: SimpleShow | None = None
    """The show the episode belongs to."""
    episode: bool | None = None
    """In a playlist: True for an episode."""
    track: bool | None = None
    """In a playlist: True for an episode sent in track form."""
    album: ShowAsAlbum | None = None
    """In a playlist in track form: the show, as an album."""
    artists: tuple[SimpleArtist, ...] = ()
    """In a playlist in track form: the show, as an artist."""
    external_ids: ExternalIds | None = None
    """In a playlist in track form: identifiers outside Spotify."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SavedShow(Model):
    """A show in the user's library, with when it was saved."""

    added_at: datetime
    """When it was saved (UTC)."""
    show: SimpleShow
    """The show."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SavedShowPaging(OffsetPaging[SavedShow]):
    """A page of the user's saved shows."""

    items: tuple[SavedShow, ...]
    """The items of this page."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SavedEpisode(Model):
    """An episode in the user's library, with when it was saved."""

    added_at: datetime
    """When it was saved (UTC)."""
    episode: FullEpisode
    """The episode (every field None when Spotify no longer has it)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SavedEpisodePaging(OffsetPaging[SavedEpisode]):
    """A page of the user's saved episodes."""

    items: tuple[SavedEpisode, ...]
    """The items of this page."""
