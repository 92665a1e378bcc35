"""The player: devices, what is playing, the queue and the listening history.

What plays may be a track, a podcast episode, an audiobook chapter or a
local file (``PlayableItem``); tell them apart with ``isinstance``. Spotify
reports audiobooks it plays as episodes of a show.
"""

from __future__ import annotations

from dataclasses import field
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
    name: str
    type: str
    is_active: bool
    is_restricted: bool
    is_private_session: bool | None = None
    supports_volume: bool | None = None
    volume_percent: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Context(Model):
    """What playback was started from: an album, artist, playlist or show.

    ``type`` is Spotify's word as sent; it may be one this library does not
    know (real answers have ``collection`` for the Liked Songs).
    """

    uri: str
    type: str | None = None
    href: str | None = None
    external_urls: ExternalUrls | None = None


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
    is_playing: bool
    progress_ms: int | None = None
    currently_playing_type: str | None = None
    item: PlayableItem | None = None
    context: Context | None = None
    actions: Actions | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class CurrentlyPlayingContext(CurrentlyPlaying):
    """The whole playback state (``playback``): what plays, where and how.

    ``repeat_state`` is ``off``, ``track`` or ``context``; ``smart_shuffle`` is
    only in newer answers.
    """

    device: Device
    repeat_state: str
    shuffle_state: bool
    smart_shuffle: bool | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class PlayHistory(Model):
    """A track the user played, when (ISO 8601) and from what context (None if unknown)."""

    track: FullTrack
    played_at: str
    context: Context | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class PlayHistoryPaging(CursorPaging[PlayHistory]):
    """A page of recently played tracks, newest first; ``cursors`` are Unix milliseconds as text."""

    items: tuple[PlayHistory, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Queue(Model):
    """The user's queue: what plays now (None when nothing does) and what comes next."""

    currently_playing: PlayableItem | None = None
    queue: tuple[PlayableItem, ...] = ()
