"""The models spotlite returns: frozen dataclasses named after Tekore's.

``str(model)`` is a readable tree; ``model.to_dict()`` gives plain data back.
"""

from ._base import Model, to_dict
from .artist import FullArtist, FullArtistCursorPaging, FullArtistOffsetPaging, SimpleArtist
from .common import (
    Copyright,
    CursorPaging,
    Cursors,
    ExternalIds,
    ExternalUrls,
    Followers,
    Image,
    OffsetPaging,
    Paging,
    Restrictions,
)
from .music import (
    FullAlbum,
    FullTrack,
    FullTrackPaging,
    NewReleases,
    SavedAlbum,
    SavedAlbumPaging,
    SavedTrack,
    SavedTrackPaging,
    SimpleAlbum,
    SimpleAlbumPaging,
    SimpleTrack,
    SimpleTrackPaging,
    TrackLink,
)

__all__ = [
    "Model",
    "to_dict",
    "Copyright",
    "CursorPaging",
    "Cursors",
    "ExternalIds",
    "ExternalUrls",
    "Followers",
    "Image",
    "OffsetPaging",
    "Paging",
    "Restrictions",
    "SimpleArtist",
    "FullArtist",
    "FullArtistOffsetPaging",
    "FullArtistCursorPaging",
    "SimpleAlbum",
    "SimpleAlbumPaging",
    "FullAlbum",
    "SavedAlbum",
    "SavedAlbumPaging",
    "TrackLink",
    "SimpleTrack",
    "SimpleTrackPaging",
    "FullTrack",
    "FullTrackPaging",
    "NewReleases",
    "SavedTrack",
    "SavedTrackPaging",
]
