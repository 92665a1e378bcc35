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
    id: str | None = None
    uri: str | None = None
    type: str = "artist"
    href: str | None = None
    external_urls: ExternalUrls | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class LocalAlbum(Model):
    """The album of a local track, as its file names it (``name`` may be empty); no IDs, no images."""

    name: str = ""
    id: str | None = None
    uri: str | None = None
    type: str = "album"
    album_type: str | None = None
    artists: tuple[LocalArtist, ...] = ()
    images: tuple[Image, ...] = ()
    release_date: str | None = None
    release_date_precision: str | None = None
    href: str | None = None
    external_urls: ExternalUrls | None = None
    available_markets: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class LocalTrack(Model):
    """A file from the user's device in a playlist: ``is_local`` is true and ``id`` is None.

    ``uri`` is ``spotify:local:artist:album:title:seconds`` (parts URL-encoded,
    possibly empty); it is what ``playlist_remove`` takes to remove the file.
    """

    name: str
    uri: str
    is_local: Literal[True] = True
    id: str | None = None
    type: str = "track"
    artists: tuple[LocalArtist, ...] = ()
    album: LocalAlbum | None = None
    duration_ms: int | None = None
    disc_number: int | None = None
    track_number: int | None = None
    explicit: bool | None = None
    popularity: int | None = None
    preview_url: str | None = None
    available_markets: tuple[str, ...] = ()
    external_ids: ExternalIds | None = None
    external_urls: ExternalUrls | None = None
    href: str | None = None


# What a playlist entry holds; the mapper tries the members in this order, most specific first.
PlaylistItem: TypeAlias = LocalTrack | FullEpisode | FullTrack


@dataclass(frozen=True, slots=True, kw_only=True)
class VideoThumbnail(Model):
    """An entry's video thumbnail (``url`` is null in every answer seen so far)."""

    url: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaylistTrack(Model):
    """An entry of a playlist: its item, who added it and when.

    ``item`` (``track`` before 2026, still readable as ``track``) is a
    ``FullTrack``, a ``FullEpisode``, a ``LocalTrack``, or None when Spotify no
    longer has the item. ``added_at`` (ISO 8601) and ``added_by`` are None on
    some very old playlists; ``added_by`` has no ``display_name``.
    """

    added_at: str | None = None
    added_by: PublicUser | None = None
    is_local: bool = False
    primary_color: str | None = None
    video_thumbnail: VideoThumbnail | None = None
    item: PlaylistItem | None = field(default=None, metadata=alias("track"))

    @property
    def track(self) -> PlaylistItem | None:
        """The entry's item under its pre-2026 name (same as ``item``)."""
        return self.item


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaylistTrackPaging(OffsetPaging[PlaylistTrack]):
    """A page of a playlist's entries."""

    items: tuple[PlaylistTrack, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaylistItemsRef(Model):
    """Where a short playlist's entries are (``href``) and how many there are (``total``).

    Tekore calls it ``Tracks``; Spotify ``PlaylistTracksRefObject``.
    """

    href: str | None = None
    total: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class _Playlist(Model):
    """What the short and the full form of a playlist share.

    ``public`` is None when the status does not apply; ``images`` may be empty
    (Spotify also sends null); ``description`` is None unless the owner set one.
    """

    id: str
    name: str
    uri: str
    owner: PublicUser
    type: str = "playlist"
    collaborative: bool = False
    public: bool | None = None
    description: str | None = None
    snapshot_id: str | None = None
    images: tuple[Image, ...] = ()
    primary_color: str | None = None
    href: str | None = None
    external_urls: ExternalUrls | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SimplePlaylist(_Playlist):
    """A playlist in a list of playlists.

    ``items`` (``tracks`` before 2026, still readable as ``tracks``) gives the
    ``href`` and ``total`` of its entries; None when Spotify sends neither key
    (since 2026, for playlists the user neither owns nor collaborates on).
    """

    items: PlaylistItemsRef | None = field(default=None, metadata=alias("tracks"))

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


@dataclass(frozen=True, slots=True, kw_only=True)
class FullPlaylist(_Playlist):
    """A playlist with its followers and the first page of its entries.

    ``items`` (``tracks`` before 2026, still readable as ``tracks``) is that
    page; None when Spotify sends neither key: since 2026 only playlists the
    user owns or collaborates on come with their entries.
    """

    followers: Followers | None = None
    items: PlaylistTrackPaging | None = field(default=None, metadata=alias("tracks"))

    @property
    def tracks(self) -> PlaylistTrackPaging | None:
        """``items`` under its pre-2026 name."""
        return self.items
