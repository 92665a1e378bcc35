"""Albums and tracks (one module: each refers to the other).

Fields the 2026 changes removed for development-mode apps (``popularity``,
``available_markets``, ``label``, ``linked_from``, ``album_group``...) are
optional; ``external_ids`` was removed and then restored, so it is optional too.
"""

from __future__ import annotations

from datetime import datetime

from ._base import Model, dataclass
from .artist import SimpleArtist
from .common import Copyright, ExternalIds, ExternalUrls, Image, OffsetPaging, Restrictions

__all__ = [
    "FullAlbum",
    "FullTrack",
    "FullTrackPaging",
    "NewReleases",
    "SavedAlbum",
    "SavedAlbumPaging",
    "SavedTrack",
    "SavedTrackPaging",
    "SimpleAlbum",
    "SimpleAlbumPaging",
    "SimpleTrack",
    "SimpleTrackPaging",
    "TrackLink",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class SimpleAlbum(Model):
    """An album as it appears on a track or in a list of albums.

    ``album_type`` is Spotify's word as sent (``album``, ``single``,
    ``compilation``; real data also has ``ALBUM``); ``album_group`` is set in an
    artist's discography; ``release_date_precision`` is ``year``, ``month`` or ``day``.
    """

    id: str
    """The Spotify ID."""
    name: str
    """The album's name."""
    uri: str
    """The Spotify URI (``spotify:<type>:<id>``)."""
    album_type: str
    """``album``, ``single`` or ``compilation`` (as sent: real data also has ``ALBUM``)."""
    type: str = "album"
    """``album``."""
    total_tracks: int
    """How many tracks the album has."""
    artists: tuple[SimpleArtist, ...] = ()
    """The album's artists."""
    images: tuple[Image, ...] = ()
    """Cover art, largest first."""
    release_date: str
    """First release date as Spotify sends it, ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as
    ``release_date_precision`` says: a str, not a date, since its precision varies."""
    release_date_precision: str
    """``year``, ``month`` or ``day``: how much of ``release_date`` is known."""
    href: str
    """The Web API URL of the full object."""
    external_urls: ExternalUrls
    """Web pages of the item; ``external_urls.spotify`` is its open.spotify.com page."""
    available_markets: tuple[str, ...] = ()
    """Country codes (ISO 3166-1 alpha-2) of the markets where it is available; empty for development-mode apps since
    2026."""
    restrictions: Restrictions | None = None
    """Why it cannot be played, when it cannot (``restrictions.reason``)."""
    is_playable: bool | None = None
    """With a ``market``: whether the album plays there."""
    album_group: str | None = None
    """In an artist's discography: ``album``, ``single``, ``compilation`` or ``appears_on``; not sent to
    development-mode apps since 2026."""


@dataclass(frozen=True, slots=True, kw_only=True)
class TrackLink(Model):
    """The track a relinked track stands in for (``linked_from``)."""

    id: str | None = None
    """The ID of the track asked for."""
    uri: str
    """The URI of the track asked for."""
    type: str = "track"
    """``track``."""
    href: str
    """The Web API URL of the track asked for."""
    external_urls: ExternalUrls
    """Web pages of the item; ``external_urls.spotify`` is its open.spotify.com page."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SimpleTrack(Model):
    """A track as listed on an album.

    With a ``market``, ``is_playable`` says whether it plays there, and
    ``linked_from`` names the original when Spotify relinked it.
    """

    id: str
    """The Spotify ID (a playlist's local files are ``LocalTrack``, without one)."""
    name: str
    """The track's name."""
    uri: str
    """The Spotify URI (``spotify:<type>:<id>``)."""
    type: str = "track"
    """``track``."""
    artists: tuple[SimpleArtist, ...] = ()
    """The track's artists."""
    duration_ms: int
    """Length in milliseconds."""
    disc_number: int
    """Disc number (1 unless the album has several discs)."""
    track_number: int
    """Position on its disc, from 1."""
    explicit: bool
    """Whether it has explicit content (None when unknown)."""
    is_local: bool = False
    """Whether it is a local file (only playlists hold local files)."""
    is_playable: bool | None = None
    """With a ``market``: whether the track plays there."""
    linked_from: TrackLink | None = None
    """With a ``market``, when Spotify relinked the track: the track asked for."""
    restrictions: Restrictions | None = None
    """Why it cannot be played, when it cannot (``restrictions.reason``)."""
    preview_url: str | None = None
    """A 30 second MP3 preview; None for most apps since November 2024."""
    available_markets: tuple[str, ...] = ()
    """Country codes (ISO 3166-1 alpha-2) of the markets where it is available; empty for development-mode apps since
    2026."""
    href: str
    """The Web API URL of the full object."""
    external_urls: ExternalUrls
    """Web pages of the item; ``external_urls.spotify`` is its open.spotify.com page."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SimpleTrackPaging(OffsetPaging[SimpleTrack]):
    """A page of an album's tracks."""

    items: tuple[SimpleTrack, ...]
    """The items of this page."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SimpleAlbumPaging(OffsetPaging[SimpleAlbum]):
    """A page of albums (an artist's albums, new releases, search)."""

    items: tuple[SimpleAlbum, ...]
    """The items of this page."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FullAlbum(SimpleAlbum):
    """An album with its first page of tracks (``album.tracks.items``).

    ``tracks`` is always there (Spotify's spec requires it of a full album);
    ``genres`` is documented as always empty; ``label`` and ``popularity`` are
    not sent to development-mode apps.
    """

    tracks: SimpleTrackPaging
    """The first page of the album's tracks; ``spotlite.all_items`` walks the rest."""
    copyrights: tuple[Copyright, ...] = ()
    """Copyright notices."""
    external_ids: ExternalIds | None = None
    """Identifiers outside Spotify (ISRC, EAN, UPC)."""
    genres: tuple[str, ...] = ()
    """Documented by Spotify as always empty."""
    label: str | None = None
    """The record label; not sent to development-mode apps since 2026."""
    popularity: int | None = None
    """Popularity from 0 to 100, from recent plays; not sent to development-mode apps since 2026."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FullTrack(SimpleTrack):
    """A track with its album.

    ``track`` and ``episode`` are flags Spotify sets on items of a playlist.
    """

    album: SimpleAlbum
    """The album the track is on."""
    external_ids: ExternalIds | None = None
    """Identifiers outside Spotify (ISRC, EAN, UPC)."""
    popularity: int | None = None
    """Popularity from 0 to 100, from recent plays; not sent to development-mode apps since 2026."""
    track: bool | None = None
    """In a playlist: True for a track."""
    episode: bool | None = None
    """In a playlist: True for an episode sent in track form."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FullTrackPaging(OffsetPaging[FullTrack]):
    """A page of tracks (top tracks, search)."""

    items: tuple[FullTrack, ...]
    """The items of this page."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SavedAlbum(Model):
    """An album in the user's library, with when it was saved."""

    added_at: datetime
    """When it was saved (UTC)."""
    album: FullAlbum
    """The album."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SavedAlbumPaging(OffsetPaging["SavedAlbum | None"]):
    """A page of the user's saved albums (real answers hold the odd null entry)."""

    items: tuple[SavedAlbum | None, ...]
    """The items of this page."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SavedTrack(Model):
    """A track in the user's library, with when it was saved."""

    added_at: datetime
    """When it was saved (UTC)."""
    track: FullTrack
    """The track."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SavedTrackPaging(OffsetPaging[SavedTrack]):
    """A page of the user's saved tracks."""

    items: tuple[SavedTrack, ...]
    """The items of this page."""


@dataclass(frozen=True, slots=True, kw_only=True)
class NewReleases(Model):
    """The answer of ``new_releases``: a page of albums."""

    albums: SimpleAlbumPaging
    """The page of albums."""
