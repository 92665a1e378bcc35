"""Albums and tracks (one module: each refers to the other).

Fields the 2026 changes removed for development-mode apps (``popularity``,
``available_markets``, ``label``, ``linked_from``, ``album_group``...) are
optional; ``external_ids`` was removed and then restored, so it is optional too.
"""

from __future__ import annotations

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
    name: str
    uri: str
    album_type: str | None = None
    type: str = "album"
    total_tracks: int | None = None
    artists: tuple[SimpleArtist, ...] = ()
    images: tuple[Image, ...] = ()
    release_date: str | None = None
    release_date_precision: str | None = None
    href: str | None = None
    external_urls: ExternalUrls | None = None
    available_markets: tuple[str, ...] = ()
    restrictions: Restrictions | None = None
    is_playable: bool | None = None
    album_group: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class TrackLink(Model):
    """The track a relinked track stands in for (``linked_from``)."""

    id: str | None = None
    uri: str | None = None
    type: str = "track"
    href: str | None = None
    external_urls: ExternalUrls | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SimpleTrack(Model):
    """A track as listed on an album.

    With a ``market``, ``is_playable`` says whether it plays there, and
    ``linked_from`` names the original when Spotify relinked it.
    """

    id: str | None
    name: str
    uri: str
    type: str = "track"
    artists: tuple[SimpleArtist, ...] = ()
    duration_ms: int | None = None
    disc_number: int | None = None
    track_number: int | None = None
    explicit: bool | None = None
    is_local: bool = False
    is_playable: bool | None = None
    linked_from: TrackLink | None = None
    restrictions: Restrictions | None = None
    preview_url: str | None = None
    available_markets: tuple[str, ...] = ()
    href: str | None = None
    external_urls: ExternalUrls | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SimpleTrackPaging(OffsetPaging[SimpleTrack]):
    """A page of an album's tracks."""

    items: tuple[SimpleTrack, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class SimpleAlbumPaging(OffsetPaging[SimpleAlbum]):
    """A page of albums (an artist's albums, new releases, search)."""

    items: tuple[SimpleAlbum, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class FullAlbum(SimpleAlbum):
    """An album with its first page of tracks (``album.tracks.items``).

    ``tracks`` is always there (Spotify's spec requires it of a full album);
    ``genres`` is documented as always empty; ``label`` and ``popularity`` are
    not sent to development-mode apps.
    """

    tracks: SimpleTrackPaging
    copyrights: tuple[Copyright, ...] = ()
    external_ids: ExternalIds | None = None
    genres: tuple[str, ...] = ()
    label: str | None = None
    popularity: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class FullTrack(SimpleTrack):
    """A track with its album.

    ``track`` and ``episode`` are flags Spotify sets on items of a playlist.
    """

    album: SimpleAlbum | None = None
    external_ids: ExternalIds | None = None
    popularity: int | None = None
    track: bool | None = None
    episode: bool | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class FullTrackPaging(OffsetPaging[FullTrack]):
    """A page of tracks (top tracks, search)."""

    items: tuple[FullTrack, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class SavedAlbum(Model):
    """An album in the user's library, with when it was saved (ISO 8601)."""

    added_at: str
    album: FullAlbum


@dataclass(frozen=True, slots=True, kw_only=True)
class SavedAlbumPaging(OffsetPaging["SavedAlbum | None"]):
    """A page of the user's saved albums (real answers hold the odd null entry)."""

    items: tuple[SavedAlbum | None, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class SavedTrack(Model):
    """A track in the user's library, with when it was saved (ISO 8601)."""

    added_at: str
    track: FullTrack


@dataclass(frozen=True, slots=True, kw_only=True)
class SavedTrackPaging(OffsetPaging[SavedTrack]):
    """A page of the user's saved tracks."""

    items: tuple[SavedTrack, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class NewReleases(Model):
    """The answer of ``new_releases``: a page of albums."""

    albums: SimpleAlbumPaging
