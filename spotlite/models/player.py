"""The player: devices, what is playing, the queue and the listening history.

What plays may be a track, a podcast episode, an audiobook chapter or a
local file (``PlayableItem``); tell them apart with ``isinstance``. Spotify
reports audiobooks it plays as episodes of a show.
"""

from __future__ import annotations

from dataclasses import field
from datetime import datetime
from typing import TypeAlias

from ._base import Model, dataclass
from .audiobook import FullChapter
from .common import CursorPaging, ExternalUrls
from .music import FullTrack
from .playlist import LocalTrack
from .podcast import FullEpisode

__all__ = [
    "Actions",
    "Context",
    "CurrentlyPlaying",
    "CurrentlyPlayingContext",
    "Device",
    "PlayHistory",
    "PlayHistoryPaging",
    "PlayableItem",
    "Queue",
]

# What plays or is queued; the mapper tries the members in this order, most specific first
# (FullTrack has no tag of its own, so it comes last).
PlayableItem: TypeAlias = LocalTrack | FullEpisode | FullChapter | FullTrack


@dataclass(frozen=True, slots=True, kw_only=True)
class Device(Model):
    """A device the user can play on (a computer, phone, speaker...).

    ``id`` is None for some devices (Spotify Connect speakers it will not let
    the Web API address); ``is_restricted`` devices accept no Web API command.
    ``volume_percent`` is None where the volume is unknown;
    ``supports_volume`` and ``is_private_session`` are missing in older answers.
    ``type`` is Spotify's word as sent (``Computer``, ``Smartphone``, ``Speaker``...).
    """

    id: str | None
    """The device's ID, for the ``device_id`` arguments; None for some devices."""
    name: str
    """The name the user sees."""
    type: str
    """``computer``, ``smartphone``, ``speaker``..."""
    is_active: bool
    """Whether it is the active device."""
    is_restricted: bool
    """Whether it takes no Web API commands."""
    is_private_session: bool | None = None
    """Whether it is in a private session."""
    supports_volume: bool | None = None
    """Whether its volume can be set."""
    volume_percent: int | None = None
    """Its volume, 0 to 100."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Context(Model):
    """What playback was started from: an album, artist, playlist or show.

    ``type`` is Spotify's word as sent; it may be one this library does not
    know (real answers have ``collection`` for the Liked Songs).
    """

    uri: str
    """The URI of the album, artist, playlist or show."""
    type: str
    """``album``, ``artist``, ``playlist`` or ``show``."""
    href: str
    """Its Web API URL."""
    external_urls: ExternalUrls | None = None
    """Web pages of the item; ``external_urls.spotify`` is its open.spotify.com page."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Actions(Model):
    """What the player does not allow right now.

    ``disallows`` maps an action to True when it is disallowed; Spotify sends
    only those (``pausing``, ``resuming``, ``seeking``, ``skipping_next``,
    ``skipping_prev``, ``toggling_repeat_context``, ``toggling_repeat_track``,
    ``toggling_shuffle``, ``interrupting_playback``, ``transferring_playback``),
    and action names it adds later are kept.
    """

    disallows: dict[str, bool] = field(default_factory=dict)
    """The actions not allowed now (``pausing``, ``skipping_next``...), each True when disallowed."""

    def allows(self, action: str) -> bool:
        """Whether ``action`` (such as ``"pausing"``) is allowed now."""
        return not self.disallows.get(action, False)


@dataclass(frozen=True, slots=True, kw_only=True)
class CurrentlyPlaying(Model):
    """What the user is playing (``playback_currently_playing``).

    ``item`` is the track, episode, chapter or local file, or None (an
    advertisement, or nothing known); ``currently_playing_type`` is ``track``, ``episode``,
    ``ad`` or ``unknown``. ``context`` is None when playback did not start from
    an album, artist, playlist or show. ``timestamp`` is in Unix milliseconds.
    """

    timestamp: int
    """When this was read, Unix time in milliseconds."""
    is_playing: bool
    """Whether something is playing now (False when paused)."""
    progress_ms: int | None = None
    """Position in the item, in milliseconds."""
    currently_playing_type: str
    """``track``, ``episode``, ``ad`` or ``unknown``."""
    item: PlayableItem | None = None
    """The track, episode, chapter or local file; None for an ad, or when unknown."""
    context: Context | None = None
    """What the item plays from (an album, playlist, artist or show), when known."""
    actions: Actions
    """What may be done now."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CurrentlyPlayingContext(CurrentlyPlaying):
    """The whole playback state (``playback``): what plays, where and how.

    ``repeat_state`` is ``off``, ``track`` or ``context``; ``smart_shuffle`` is
    only in newer answers.
    """

    device: Device
    """The device playing."""
    repeat_state: str
    """``off``, ``track`` or ``context``."""
    shuffle_state: bool
    """Whether shuffle is on."""
    smart_shuffle: bool | None = None
    """Whether smart shuffle is on."""


@dataclass(frozen=True, slots=True, kw_only=True)
class PlayHistory(Model):
    """A track the user played, when (a UTC ``datetime``) and from what context (None if unknown)."""

    track: FullTrack
    """The track played."""
    played_at: datetime
    """When it was played (UTC)."""
    context: Context | None = None
    """What it played from, when known."""


@dataclass(frozen=True, slots=True, kw_only=True)
class PlayHistoryPaging(CursorPaging[PlayHistory]):
    """A page of recently played tracks, newest first; ``cursors`` are Unix milliseconds as text."""

    items: tuple[PlayHistory, ...]
    """The items of this page."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Queue(Model):
    """The user's queue: what plays now (None when nothing does) and what comes next."""

    currently_playing: PlayableItem | None = None
    """What plays now; None when nothing does."""
    queue: tuple[PlayableItem, ...] = ()
    """What plays next, in order."""
