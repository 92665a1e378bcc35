"""Playlists, their entries, and the local tracks only playlists hold.

The 2026 renames: a playlist's ``tracks`` became ``items`` (``{href, total}``
on the short form, a page of entries on the full form) and each entry's
``track`` became ``item``. Spotify sends the new key, the old one, both, or
(for playlists the user neither owns nor collaborates on) neither; the models
read the new key and fall back to the old one, and keep ``tracks`` and
``track`` as read-only aliases.

An entry's ``item`` is a ``FullTrack``, a ``FullEpisode``, a ``LocalTrack``
(a file from the user's device: ``is_local`` true, no IDs) or None (an item
Spotify no longer has): tell them apart with ``isinstance``.
"""

from __future__ import annotations

from dataclasses import field
from datetime import datetime
from typing import Literal, TypeAlias

from .._mapper import alias
from ._base import Model, dataclass
from .common import ExternalIds, ExternalUrls, Followers, Image, OffsetPaging
from .music import FullTrack
from .podcast import FullEpisode
from .user import PublicUser

__all__ = [
    "FullPlaylist",
    "LocalAlbum",
    "LocalArtist",
    "LocalTrack",
    "PlaylistItem",
    "PlaylistItemsRef",
    "PlaylistTrack",
    "PlaylistTrackPaging",
    "SimplePlaylist",
    "SimplePlaylistPaging",
    "VideoThumbnail",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class LocalArtist(Model):
    """The artist of a local track, as its file names it: ``id``, ``uri`` and ``href`` are None."""

    name: str
    """The artist name from the file's tags."""
    id: str | None = None
    """Always None for a local file."""
    uri: str | None = None
    """Always None for a local file."""
    type: str = "artist"
    """``artist``."""
    href: str | None = None
    """The Web API URL of the full object."""
    external_urls: ExternalUrls | None = None
    """Web pages of the item; ``external_urls.spotify`` is its open.spotify.com page."""


@dataclass(frozen=True, slots=True, kw_only=True)
class LocalAlbum(Model):
    """The album of a local track, as its file names it (``name`` may be empty); no IDs, no images."""

    name: str = ""
    """The album name from the file's tags."""
    id: str | None = None
    """Always None for a local file."""
    uri: str | None = None
    """Always None for a local file."""
    type: str = "album"
    """``album``."""
    album_type: str | None = None
    """``album``, ``single`` or ``compilation`` (as sent: real data also has ``ALBUM``)."""
    artists: tuple[LocalArtist, ...] = ()
    """Artists from the file's tags (usually none)."""
    images: tuple[Image, ...] = ()
    """Images in several sizes, largest first."""
    release_date: str | None = None
    """First release date, ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as ``release_date_precision`` says."""
    release_date_precision: str | None = None
    """``year``, ``month`` or ``day``: how much of ``release_date`` is known."""
    href: str | None = None
    """The Web API URL of the full object."""
    external_urls: ExternalUrls | None = None
    """Web pages of the item; ``external_urls.spotify`` is its open.spotify.com page."""
    available_markets: tuple[str, ...] = ()
    """Country codes (ISO 3166-1 alpha-2) of the markets where it is available; empty for development-mode apps since
    2026."""


@dataclass(frozen=True, slots=True, kw_only=True)
class LocalTrack(Model):
    """A file from the user's device in a playlist: ``is_local`` is true and ``id`` is None.

    ``uri`` is ``spotify:local:artist:album:title:seconds`` (parts URL-encoded,
    possibly empty); it is what ``playlist_remove`` takes to remove the file.
    """

    name: str
    """The file's track name."""
    uri: str
    """The ``spotify:local:...`` URI."""
    is_local: Literal[True] = True
    """Always True."""
    id: str | None = None
    """Always None for a local file."""
    type: str = "track"
    """``track``."""
    artists: tuple[LocalArtist, ...] = ()
    """The artists from the file's tags."""
    album: LocalAlbum | None = None
    """The album from the file's tags."""
    duration_ms: int | None = None
    """Length in milliseconds."""
    disc_number: int | None = None
    """Disc number (1 unless the album has several discs)."""
    track_number: int | None = None
    """Position on its disc, from 1."""
    explicit: bool | None = None
    """Whether it has explicit content (None when unknown)."""
    popularity: int | None = None
    """Popularity from 0 to 100, from recent plays; not sent to development-mode apps since 2026."""
    preview_url: str | None = None
    """A 30 second MP3 preview; None for most apps since November 2024."""
    available_markets: tuple[str, ...] = ()
    """Country codes (ISO 3166-1 alpha-2) of the markets where it is available; empty for development-mode apps since
    2026."""
    external_ids: ExternalIds | None = None
    """Identifiers outside Spotify (ISRC, EAN, UPC)."""
    external_urls: ExternalUrls | None = None
    """Web pages of the item; ``external_urls.spotify`` is its open.spotify.com page."""
    href: str | None = None
    """The Web API URL of the full object."""


# What a playlist entry holds; the mapper tries the members in this order, most specific first.
PlaylistItem: TypeAlias = LocalTrack | FullEpisode | FullTrack


@dataclass(frozen=True, slots=True, kw_only=True)
class VideoThumbnail(Model):
    """An entry's video thumbnail (``url`` is null in every answer seen so far)."""

    url: str | None = None
    """Always None in Spotify's answers."""


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaylistTrack(Model):
    """An entry of a playlist: its item, who added it and when.

    ``item`` (``track`` before 2026, still readable as ``track``) is a
    ``FullTrack``, a ``FullEpisode``, a ``LocalTrack``, or None when Spotify no
    longer has the item. ``added_at`` (a UTC ``datetime``) and ``added_by`` are None on
    some very old playlists; ``added_by`` has no ``display_name``.
    """

    added_at: datetime | None = None
    """When the entry was added, UTC (None for very old playlists)."""
    added_by: PublicUser | None = None
    """Who added it (None for very old playlists)."""
    is_local: bool = False
    """Whether the entry is a local file."""
    primary_color: str | None = None
    """A colour Spotify may set; usually None."""
    video_thumbnail: VideoThumbnail | None = None
    """A video thumbnail Spotify may set; its ``url`` is usually None."""
    item: PlaylistItem | None = field(default=None, metadata=alias("track"))
    """The track, episode or local file; None where Spotify hides it. Read also as ``track``."""

    @property
    def track(self) -> PlaylistItem | None:
        """The entry's item under its pre-2026 name (same as ``item``)."""
        return self.item


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaylistTrackPaging(OffsetPaging[PlaylistTrack]):
    """A page of a playlist's entries."""

    items: tuple[PlaylistTrack, ...]
    """The items of this page."""


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaylistItemsRef(Model):
    """Where a short playlist's entries are (``href``) and how many there are (``total``).

    Tekore calls it ``Tracks``; Spotify ``PlaylistTracksRefObject``.
    """

    href: str
    """The Web API URL of the entries."""
    total: int = 0
    """How many entries the playlist has."""


@dataclass(frozen=True, slots=True, kw_only=True)
class _Playlist(Model):
    """What the short and the full form of a playlist share.

    ``public`` is None when the status does not apply; ``images`` may be empty
    (Spotify also sends null); ``description`` is None unless the owner set one.
    """

    id: str
    """The playlist's Spotify ID."""
    name: str
    """The playlist's name."""
    uri: str
    """The Spotify URI (``spotify:<type>:<id>``)."""
    owner: PublicUser
    """The user who owns the playlist."""
    type: str = "playlist"
    """``playlist``."""
    collaborative: bool = False
    """Whether others may change it."""
    public: bool | None = None
    """Whether it shows on the owner's profile; None when the status does not apply."""
    description: str | None = None
    """The description; None unless the owner set one."""
    snapshot_id: str
    """The version of the playlist, for changes that name one."""
    images: tuple[Image, ...] = ()
    """Cover images, largest first (their sizes are often None)."""
    primary_color: str | None = None
    """A colour Spotify sets on some playlists."""
    href: str
    """The Web API URL of the full object."""
    external_urls: ExternalUrls
    """Web pages of the item; ``external_urls.spotify`` is its open.spotify.com page."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SimplePlaylist(_Playlist):
    """A playlist in a list of playlists.

    ``items`` (``tracks`` before 2026, still readable as ``tracks``) gives the
    ``href`` and ``total`` of its entries; None when Spotify sends neither key
    (since 2026, for playlists the user neither owns nor collaborates on).
    """

    items: PlaylistItemsRef | None = field(default=None, metadata=alias("tracks"))
    """Where to get the entries and how many there are. Read also as ``tracks``."""

    @property
    def tracks(self) -> PlaylistItemsRef | None:
        """``items`` under its pre-2026 name."""
        return self.items


@dataclass(frozen=True, slots=True, kw_only=True)
class SimplePlaylistPaging(OffsetPaging["SimplePlaylist | None"]):
    """A page of playlists (the user's, a user's, featured, search).

    None stands where Spotify hides a playlist from the app: search and browse
    answers hold such nulls since November 2024.
    """

    items: tuple[SimplePlaylist | None, ...]
    """The items of this page."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FullPlaylist(_Playlist):
    """A playlist with its followers and the first page of its entries.

    ``items`` (``tracks`` before 2026, still readable as ``tracks``) is that
    page; None when Spotify sends neither key: since 2026 only playlists the
    user owns or collaborates on come with their entries.
    """

    followers: Followers | None = None
    """Follower count; not sent to development-mode apps since 2026."""
    items: PlaylistTrackPaging | None = field(default=None, metadata=alias("tracks"))
    """The first page of entries; None (since 2026) unless the user owns or collaborates on the playlist. Read also as
    ``tracks``."""

    @property
    def tracks(self) -> PlaylistTrackPaging | None:
        """``items`` under its pre-2026 name."""
        return self.items
