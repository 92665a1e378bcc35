"""The player: playback state, devices, playback control, the queue, recently played tracks.

Commands (start, pause, skip, seek, ...) need Spotify Premium and a device
running Spotify; without an active one, pass ``device_id`` from
``playback_devices``. Skipping and queueing are POSTs, which spotlite never
retries after a server error, so an item is not queued twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .._endpoint import endpoint
from .._http import send
from .._mapper import to_model
from .._token import TokenLike
from ..errors import InvalidInput, quoted
from ..ids import parse, to_ids, to_uri
from ..models.player import CurrentlyPlaying, CurrentlyPlayingContext, Device, PlayHistoryPaging, Queue
from ..scope import (
    user_modify_playback_state,
    user_read_currently_playing,
    user_read_playback_state,
    user_read_recently_played,
)
from ._helpers import check_bool, check_int, check_limit, check_offset, query, unwrap

__all__ = [
    "playback",
    "playback_currently_playing",
    "playback_devices",
    "playback_next",
    "playback_pause",
    "playback_previous",
    "playback_queue",
    "playback_queue_add",
    "playback_recently_played",
    "playback_repeat",
    "playback_resume",
    "playback_seek",
    "playback_shuffle",
    "playback_start_context",
    "playback_start_tracks",
    "playback_transfer",
    "playback_volume",
]

_READ_STATE = ("user-read-playback-state",)
_MODIFY = ("user-modify-playback-state",)
_NOTES: dict[int | str, str] = {
    "PREMIUM_REQUIRED": "Player commands need Spotify Premium",
    403: "The device or what plays does not allow this command now",
    404: "To control playback, start Spotify on a device, or pass a device_id from playback_devices",
}
_REPEAT_STATES = ("track", "context", "off")
_CONTEXT_KINDS = ("album", "artist", "playlist", "show")


@endpoint(user_read_playback_state)
def playback(token: TokenLike, market: str | None = None, tracks_only: bool = False) -> CurrentlyPlayingContext | None:
    """Get the playback state: the device, what plays, repeat and shuffle.

    Args:
        market: country code or ``"from_token"`` to relink tracks.
        tracks_only: ask for tracks only; otherwise episodes are reported too
            (Spotify leaves ``item`` None for an episode when this is True).

    Returns:
        The state, or None when no device is playing or paused.
    """
    body = send("GET", "/me/player", token=token, params=_reading(market, tracks_only), scopes=_READ_STATE)
    return None if body is None else to_model(CurrentlyPlayingContext, body)


@endpoint(user_read_currently_playing)
def playback_currently_playing(
    token: TokenLike, market: str | None = None, tracks_only: bool = False
) -> CurrentlyPlaying | None:
    """Get what the user is playing (as ``playback``, without device, repeat and shuffle).

    Args:
        market: country code or ``"from_token"`` to relink tracks.
        tracks_only: ask for tracks only; otherwise episodes are reported too (Spotify leaves ``item`` None for an
            episode when this is True).

    Returns:
        What plays, or None when nothing is playing or paused.
    """
    params = _reading(market, tracks_only)
    body = send("GET", "/me/player/currently-playing", token=token, params=params,
                scopes=("user-read-currently-playing",))
    return None if body is None else to_model(CurrentlyPlaying, body)


@endpoint(user_read_playback_state)
def playback_devices(token: TokenLike) -> list[Device]:
    """Get the user's devices that can play now.

    Returns:
        The devices (an empty list when no Spotify app is running); a device's
        ``id`` may be None, and ``is_restricted`` ones take no commands.
    """
    body = send("GET", "/me/player/devices", token=token, scopes=_READ_STATE)
    return [to_model(Device, device) for device in unwrap(body, "devices")]


@endpoint(user_modify_playback_state)
def playback_transfer(token: TokenLike, device_id: str, force_play: bool = False) -> None:
    """Move playback to another device.

    Needs Premium.

    Args:
        device_id: the ``id`` of a device from ``playback_devices``.
        force_play: start playing on the new device; otherwise keep the
            current state (paused stays paused).
    """
    check_bool("force_play", force_play)
    _command(token, "PUT", "", body={"device_ids": [_device(device_id)], "play": force_play})


@endpoint(user_modify_playback_state)
def playback_start_tracks(
    token: TokenLike,
    track_ids: Iterable[str],
    offset: int | str | None = None,
    position_ms: int | None = None,
    device_id: str | None = None,
) -> None:
    """Play a list of tracks, replacing what played.

    Needs Premium.

    Args:
        track_ids: IDs, URIs or URLs of the tracks.
        offset: where in the list to start: a position (0 is the first) or
            one of the tracks (ID, URI or URL).
        position_ms: where in that track to start, in milliseconds.
        device_id: the device to play on; default the active one.
    """
    uris = [f"spotify:track:{ident}" for ident in to_ids(track_ids, "track")]
    body = {"uris": uris, **_start_at(offset, position_ms, ("track",))}
    _command(token, "PUT", "/play", device_id, body=body)


@endpoint(user_modify_playback_state)
def playback_start_context(
    token: TokenLike,
    context_uri: str,
    offset: int | str | None = None,
    position_ms: int | None = None,
    device_id: str | None = None,
) -> None:
    """Play an album, an artist, a playlist or a show.

    Needs Premium.

    Args:
        context_uri: URI or URL of the album, artist, playlist or show.
        offset: where to start (albums, playlists and shows): a position
            (0 is the first item) or the URI or URL of an item; an ID alone is
            taken as a track's (an episode's for a show).
        position_ms: where in that item to start, in milliseconds.
        device_id: the device to play on; default the active one.
    """
    uri = _uri(context_uri, _CONTEXT_KINDS)
    kind = uri.split(":")[1]  # spotify:album:id
    kinds = {"show": ("episode",), "playlist": ("track", "episode")}.get(kind, ("track",))
    body = {"context_uri": uri, **_start_at(offset, position_ms, kinds)}
    _command(token, "PUT", "/play", device_id, body=body)


@endpoint(user_modify_playback_state)
def playback_resume(token: TokenLike, device_id: str | None = None) -> None:
    """Resume playback where it was paused.

    Needs Premium.

    Args:
        device_id: the device to act on (an ``id`` from ``playback_devices``); None for the active one.
    """
    _command(token, "PUT", "/play", device_id)


@endpoint(user_modify_playback_state)
def playback_pause(token: TokenLike, device_id: str | None = None) -> None:
    """Pause playback.

    Needs Premium.

    Args:
        device_id: the device to act on (an ``id`` from ``playback_devices``); None for the active one.
    """
    _command(token, "PUT", "/pause", device_id)


@endpoint(user_modify_playback_state)
def playback_next(token: TokenLike, device_id: str | None = None) -> None:
    """Skip to the next item in the queue (sent once: a POST is never retried).

    Needs Premium.

    Args:
        device_id: the device to act on (an ``id`` from ``playback_devices``); None for the active one.
    """
    _command(token, "POST", "/next", device_id)


@endpoint(user_modify_playback_state)
def playback_previous(token: TokenLike, device_id: str | None = None) -> None:
    """Skip to the previous item (sent once: a POST is never retried).

    Needs Premium.

    Args:
        device_id: the device to act on (an ``id`` from ``playback_devices``); None for the active one.
    """
    _command(token, "POST", "/previous", device_id)


@endpoint(user_modify_playback_state)
def playback_seek(token: TokenLike, position_ms: int, device_id: str | None = None) -> None:
    """Go to a position in what plays; beyond its end, the next item starts.

    Needs Premium.

    Args:
        position_ms: milliseconds from the start, 0 or more.
        device_id: the device to act on (an ``id`` from ``playback_devices``); None for the active one.
    """
    check_int("position_ms", position_ms)
    _command(token, "PUT", "/seek", device_id, position_ms=position_ms)


@endpoint(user_modify_playback_state)
def playback_repeat(token: TokenLike, state: str, device_id: str | None = None) -> None:
    """Set the repeat mode.

    Needs Premium.

    Args:
        state: ``"track"`` (repeat this item), ``"context"`` (repeat the album,
            playlist, ...) or ``"off"``.
        device_id: the device to act on (an ``id`` from ``playback_devices``); None for the active one.
    """
    if state not in _REPEAT_STATES:
        raise InvalidInput(f"state must be 'track', 'context' or 'off', got {quoted(state)}")
    _command(token, "PUT", "/repeat", device_id, state=state)


@endpoint(user_modify_playback_state)
def playback_volume(token: TokenLike, volume_percent: int, device_id: str | None = None) -> None:
    """Set the volume, 0 to 100 (devices whose ``supports_volume`` is False refuse).

    Needs Premium.

    Args:
        volume_percent: the volume, 0 to 100.
        device_id: the device to act on (an ``id`` from ``playback_devices``); None for the active one.
    """
    if isinstance(volume_percent, bool) or not isinstance(volume_percent, int) or not 0 <= volume_percent <= 100:
        raise InvalidInput(f"volume_percent must be an int from 0 to 100, got {quoted(volume_percent)}")
    _command(token, "PUT", "/volume", device_id, volume_percent=volume_percent)


@endpoint(user_modify_playback_state)
def playback_shuffle(token: TokenLike, state: bool, device_id: str | None = None) -> None:
    """Switch shuffle on (True) or off (False).

    Needs Premium.

    Args:
        state: True to shuffle, False to play in order.
        device_id: the device to act on (an ``id`` from ``playback_devices``); None for the active one.
    """
    check_bool("state", state)
    _command(token, "PUT", "/shuffle", device_id, state=state)


@endpoint(user_read_recently_played)
def playback_recently_played(
    token: TokenLike, limit: int = 20, after: int | None = None, before: int | None = None
) -> PlayHistoryPaging:
    """Get a page of the tracks the user played recently, newest first (``limit`` 1 to 50).

    Episodes are not listed.

    Args:
        limit: items per page, 1 to 50.
        after: only tracks played after this time (Unix milliseconds).
        before: only tracks played before this time; give ``after`` or ``before``, not both.

    Returns:
        A cursor page; ``spotlite.all_items`` walks back in time.
    """
    check_limit(limit, 50)
    if after is not None and before is not None:
        raise InvalidInput("give after or before, not both")
    for name, value in (("after", after), ("before", before)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            raise InvalidInput(f"{name} must be a time in Unix milliseconds (an int of 0 or more), got {quoted(value)}")
    params = query(limit=limit, after=after, before=before)
    body = send("GET", "/me/player/recently-played", token=token, params=params, scopes=("user-read-recently-played",))
    return to_model(PlayHistoryPaging, body)


@endpoint(user_read_currently_playing, user_read_playback_state)
def playback_queue(token: TokenLike) -> Queue:
    """Get the user's queue: what plays now and what comes next.

    Returns:
        What plays now (``currently_playing``) and the items after it (``queue``).
    """
    body = send("GET", "/me/player/queue", token=token,
                scopes=("user-read-currently-playing", "user-read-playback-state"))
    return to_model(Queue, body)


@endpoint(user_modify_playback_state)
def playback_queue_add(token: TokenLike, uri: str, device_id: str | None = None) -> None:
    """Add a track or an episode to the end of the queue (sent once: a POST is never retried).

    Needs Premium.

    Args:
        uri: URI or URL of the track or episode (an ID alone does not say which).
        device_id: the device to act on (an ``id`` from ``playback_devices``); None for the active one.
    """
    _command(token, "POST", "/queue", device_id, uri=_uri(uri, ("track", "episode")))


def _command(
    token: TokenLike, method: str, path: str, device_id: str | None = None, *, body: Any = None, **params: Any
) -> None:
    """Send a player command under /me/player, with advice for the player's errors."""
    device = None if device_id is None else _device(device_id)
    send(method, "/me/player" + path, token=token, params=query(**params, device_id=device), json=body,
         scopes=_MODIFY, notes=_NOTES)


def _reading(market: str | None, tracks_only: bool) -> dict[str, str | int]:
    """Query of the two reads of what plays: episodes too unless ``tracks_only``."""
    check_bool("tracks_only", tracks_only)
    return query(market=market, additional_types=None if tracks_only else "episode")


def _start_at(offset: int | str | None, position_ms: int | None, kinds: tuple[str, ...]) -> dict[str, Any]:
    """The ``offset`` and ``position_ms`` of a start-playback body, the unset ones left out."""
    start: dict[str, Any] = {}
    if isinstance(offset, str):
        start["offset"] = {"uri": _uri(offset, kinds, default=kinds[0])}
    elif offset is not None:
        check_offset(offset)
        start["offset"] = {"position": offset}
    if position_ms is not None:
        check_int("position_ms", position_ms)
        start["position_ms"] = position_ms
    return start


def _uri(value: str, kinds: tuple[str, ...], default: str | None = None) -> str:
    """The URI of an item of one of ``kinds``, given as a URI or URL (or an ID, taken as ``default``)."""
    kind = parse(value)[0] or default
    wanted = " or ".join(kinds)
    if kind is None:
        raise InvalidInput(f"{quoted(value)} is an ID alone: give the URI or URL of the {wanted}")
    if kind not in kinds:
        raise InvalidInput(f"expected the URI or URL of a {wanted}, but {quoted(value)} is of kind {quoted(kind)}")
    return to_uri(value, kind)


def _device(device_id: str) -> str:
    if not isinstance(device_id, str) or not device_id.strip():
        raise InvalidInput(f"device_id must be a device's id from playback_devices, got {quoted(device_id)}")
    return device_id

