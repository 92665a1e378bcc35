"""Playlists: reading, creating, changing items and details, following, cover images.

Since 2026 the items of a playlist live at ``/playlists/{id}/items`` (was
``/tracks``) and are given only for playlists the user owns or collaborates
on; ``POST /me/playlists`` creates a playlist. Writes that may take more items
than one request allows are split into requests of 100, in order, and return
the snapshot ID of the playlist after the last one. When a request fails after
others succeeded, they raise ``PartialWriteError``: which items were written,
which failed and which remain (pass those to resume), and the playlist's
snapshot ID after the last request that succeeded.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable, Sequence
from typing import Any, overload

from .._endpoint import endpoint
from .._http import send
from .._mapper import plain, to_model
from .._token import TokenLike
from ..errors import InvalidInput, MappingError, quoted
from ..ids import parse, segment, to_uri
from ..models.common import Image
from ..models.playlist import FullPlaylist, PlaylistTrackPaging, SimplePlaylistPaging
from ..scope import (
    playlist_modify_private,
    playlist_modify_public,
    playlist_read_collaborative,
    playlist_read_private,
    ugc_image_upload,
)
from ._helpers import (
    DEPRECATED,
    check_bool,
    check_int,
    check_list,
    check_str,
    contains,
    get_page,
    query,
    unwrap,
    write_chunks,
)

__all__ = [
    "followed_playlists",
    "playlist",
    "playlist_add",
    "playlist_change_details",
    "playlist_clear",
    "playlist_cover_image",
    "playlist_cover_image_upload",
    "playlist_create",
    "playlist_create_for_user",
    "playlist_follow",
    "playlist_is_following",
    "playlist_items",
    "playlist_remove",
    "playlist_reorder",
    "playlist_replace",
    "playlist_unfollow",
    "playlists",
]

MODIFY = ("playlist-modify-public", "playlist-modify-private")
NOT_OWNED = "Since 2026 Spotify gives the items only of playlists the user owns or collaborates on"
EDITORIAL = "Spotify-owned editorial and algorithmic playlists answer 404 to apps created since November 2024"
CHUNK = 100  # items per add, replace or remove request
TYPES = ("track", "episode")  # the item types additional_types may name
MAX_IMAGE = 256 * 1024  # Spotify's limit on the base64 text of a cover image
JPEG = b"\xff\xd8\xff"


@overload
def playlist(
    token: TokenLike,
    playlist_id: str,
    fields: None = None,
    market: str | None = None,
    as_tracks: bool | Iterable[str] = False,
) -> FullPlaylist: ...
@overload
def playlist(
    token: TokenLike,
    playlist_id: str,
    fields: str,
    market: str | None = None,
    as_tracks: bool | Iterable[str] = False,
) -> dict[str, Any]: ...
@endpoint()
def playlist(
    token: TokenLike,
    playlist_id: str,
    fields: str | None = None,
    market: str | None = None,
    as_tracks: bool | Iterable[str] = False,
) -> FullPlaylist | dict[str, Any]:
    """Get a playlist with the first page of its items.

    Args:
        playlist_id: ID, URI or URL of the playlist.
        fields: Spotify's filter of the answer (``"name,items(total)"``); with
            it the answer comes back as a plain dict, as Spotify sent it.
        market: country code or ``"from_token"``.
        as_tracks: as in Tekore: False (the default) asks for episodes as
            episodes (``additional_types=track,episode``); True asks for every
            item in Spotify's older track-shaped form; a list of types
            (``["episode"]``) asks for those types track-shaped.

    Returns:
        The playlist; its ``items`` is None (since 2026) unless the user owns
        or collaborates on it. A dict when ``fields`` is given.
    """
    check_str("fields", fields, optional=True)
    params = query(fields=fields, market=market, additional_types=_additional_types(as_tracks))
    body = send("GET", f"/playlists/{segment(playlist_id, 'playlist')}", token=token, params=params,
                notes={404: EDITORIAL})
    return _object(body) if fields is not None else to_model(FullPlaylist, body)


@overload
def playlist_items(
    token: TokenLike,
    playlist_id: str,
    fields: None = None,
    market: str | None = None,
    as_tracks: bool | Iterable[str] = False,
    limit: int = 20,
    offset: int = 0,
) -> PlaylistTrackPaging: ...
@overload
def playlist_items(
    token: TokenLike,
    playlist_id: str,
    fields: str,
    market: str | None = None,
    as_tracks: bool | Iterable[str] = False,
    limit: int = 20,
    offset: int = 0,
) -> dict[str, Any]: ...
@endpoint(playlist_read_private)
def playlist_items(
    token: TokenLike,
    playlist_id: str,
    fields: str | None = None,
    market: str | None = None,
    as_tracks: bool | Iterable[str] = False,
    limit: int = 20,
    offset: int = 0,
) -> PlaylistTrackPaging | dict[str, Any]:
    """Get a page of a playlist's entries (``limit`` 1 to 50).

    Since 2026 only for playlists the user owns or collaborates on (Spotify
    answers 403 for others).

    Args:
        playlist_id: ID, URI or URL of the playlist.
        fields: Spotify's filter of the answer, as for ``playlist``; with it a dict comes back.
        market: country code or ``"from_token"``.
        as_tracks: as for ``playlist``: True (or a list of types) asks for items in the older track-shaped form.
        limit: items per page, 1 to 50.
        offset: index of the first item (0 for the first page).

    Returns:
        A page of entries, each with its ``item``: a ``FullTrack``,
        ``FullEpisode``, ``LocalTrack`` or None. A dict when ``fields`` is given.
    """
    check_str("fields", fields, optional=True)
    body = get_page(token, _items_path(playlist_id), limit, offset, scopes=("playlist-read-private",),
                    notes={403: NOT_OWNED}, fields=fields, market=market,
                    additional_types=_additional_types(as_tracks))
    return _object(body) if fields is not None else to_model(PlaylistTrackPaging, body)


@endpoint(playlist_read_private, playlist_read_collaborative)
def followed_playlists(token: TokenLike, limit: int = 20, offset: int = 0) -> SimplePlaylistPaging:
    """Get a page of the playlists the user owns or follows (``limit`` 1 to 50).

    ``playlist-read-collaborative`` is needed for collaborative ones.

    Args:
        limit: items per page, 1 to 50.
        offset: index of the first item (0 for the first page).

    Returns:
        A page of playlists (short form: ``items`` holds only their ``href`` and ``total``).
    """
    body = get_page(token, "/me/playlists", limit, offset, max_offset=100_000, scopes=("playlist-read-private",))
    return to_model(SimplePlaylistPaging, body)


@endpoint(playlist_read_private, playlist_read_collaborative, deprecated="development-mode apps get 403.")
def playlists(token: TokenLike, user_id: str, limit: int = 20, offset: int = 0) -> SimplePlaylistPaging:
    """Get a page of the public playlists a user owns or follows (``limit`` 1 to 50).

    The scopes are needed for the user's own private and collaborative playlists.

    Args:
        user_id: the user's ID, URI or URL.
        limit: items per page, 1 to 50.
        offset: index of the first item (0 for the first page).

    Returns:
        A page of playlists (short form).
    """
    body = get_page(token, f"/users/{segment(user_id, 'user')}/playlists", limit, offset, max_offset=100_000,
                    scopes=("playlist-read-private", "playlist-read-collaborative"), notes={403: DEPRECATED})
    return to_model(SimplePlaylistPaging, body)


@endpoint(MODIFY)
def playlist_create(
    token: TokenLike, name: str, public: bool = True, description: str = "", collaborative: bool = False
) -> FullPlaylist:
    """Create a playlist for the user (the 2026 endpoint).

    ``playlist-modify-private`` is needed for a private one. A collaborative
    playlist must not be public.

    Tekore's ``playlist_create(user_id, name, public, description)`` is
    ``playlist_create_for_user`` here; called in Tekore's order this function
    refuses the name where ``public`` is expected.

    Args:
        name: the playlist's name.
        public: whether it shows on the user's profile.
        description: its description.
        collaborative: whether others may change it (it must then not be public).

    Returns:
        The new, empty playlist.
    """
    given: object = public  # a str here is the name in Tekore's order (user_id, name, public, description)
    if isinstance(given, str) and _looks_like_user_id(name):
        raise InvalidInput(
            f"public must be True or False, got {quoted(public)}: to create a playlist for the user {quoted(name)} "
            f"in Tekore's order (user_id, name, public, description), call playlist_create_for_user(token, "
            f"{quoted(name)}, {quoted(public)}, ...); playlist_create(token, name, public, description, "
            "collaborative) creates one for the current user"
        )
    _check_details(name, public, collaborative, description)
    payload = {"name": name, "public": public, "collaborative": collaborative, "description": description}
    return to_model(FullPlaylist, send("POST", "/me/playlists", token=token, json=payload, scopes=MODIFY))


@endpoint(MODIFY, deprecated="development-mode apps use ``playlist_create``.")
def playlist_create_for_user(
    token: TokenLike, user_id: str, name: str, public: bool = True, description: str = ""
) -> FullPlaylist:
    """Create a playlist for a user, who must be the current user (Tekore's ``playlist_create``).

    ``playlist-modify-private`` is needed for a private one.

    Args:
        user_id: the current user's ID, URI or URL.
        name: the playlist's name.
        public: whether it shows on the user's profile.
        description: its description.

    Returns:
        The new, empty playlist.
    """
    _check_details(name, public, False, description)
    payload = {"name": name, "public": public, "description": description}
    body = send("POST", f"/users/{segment(user_id, 'user')}/playlists", token=token, json=payload,
                scopes=MODIFY, notes={403: DEPRECATED})
    return to_model(FullPlaylist, body)


@endpoint(MODIFY)
def playlist_change_details(
    token: TokenLike,
    playlist_id: str,
    name: str | None = None,
    public: bool | None = None,
    collaborative: bool | None = None,
    description: str | None = None,
) -> None:
    """Change a playlist's name, public status, collaborative status or description.

    Only what is given is sent; a collaborative playlist must not be public.

    Args:
        playlist_id: ID, URI or URL of the playlist.
        name: the new name; None keeps it.
        public: True to show it on the user's profile, False to hide it; None keeps it.
        collaborative: True to let others change it (it must then not be public); None keeps it.
        description: the new description; None keeps it.
    """
    _check_details(name, public, collaborative, description, changing=True)
    payload = _json(name=name, public=public, collaborative=collaborative, description=description)
    if not payload:
        raise InvalidInput("nothing to change: give name, public, collaborative or description")
    send("PUT", f"/playlists/{segment(playlist_id, 'playlist')}", token=token, json=payload, scopes=MODIFY)


@endpoint(MODIFY)
def playlist_add(token: TokenLike, playlist_id: str, uris: Iterable[str], position: int | None = None) -> str:
    """Add tracks and episodes to a playlist, 100 per request, in the order given.

    Args:
        playlist_id: ID, URI or URL of the playlist.
        uris: URIs or URLs of tracks and episodes (a bare ID does not say which).
        position: where to insert them (0 is the top); None appends. Each
            request inserts right after the one before, so the order holds.

    Returns:
        The playlist's snapshot ID after the last request.

    If a later request fails, raises ``PartialWriteError`` saying what was
    written; see its docs.
    """
    path, items = _items_path(playlist_id), _item_uris(uris)
    if position is not None:
        check_int("position", position)

    def add(start: int, chunk: Sequence[str], snapshot: str | None) -> str:
        return _add(token, path, chunk, None if position is None else position + start)

    def resume(written: int) -> str:
        at = "" if position is None else f" with position={position + written}"
        return f"Pass .remaining to playlist_add{at} to resume."

    return write_chunks("playlist_add", items, CHUNK, add, resume=resume)


@endpoint(MODIFY)
def playlist_replace(token: TokenLike, playlist_id: str, uris: Iterable[str]) -> str:
    """Replace every item of a playlist with tracks and episodes, in the order given.

    Spotify takes 100 in one request: beyond that, the first 100 replace the
    items and the rest are added after them.

    Args:
        playlist_id: ID, URI or URL of the playlist.
        uris: URIs or URLs of tracks and episodes; an empty list clears the playlist.

    Returns:
        The playlist's snapshot ID after the last request.

    If a later request fails, raises ``PartialWriteError`` saying what was
    written; see its docs.
    """
    items = _item_uris(uris, empty=True)
    path = _items_path(playlist_id)

    def replace_or_add(start: int, chunk: Sequence[str], snapshot: str | None) -> str:
        if start == 0:
            return _snapshot(send("PUT", path, token=token, json={"uris": list(chunk)}, scopes=MODIFY))
        return _add(token, path, chunk, None)

    def resume(written: int) -> str:
        return "Pass .remaining to playlist_add to resume (not to playlist_replace: it would drop what was written)."

    return write_chunks("playlist_replace", items, CHUNK, replace_or_add, resume=resume)


@endpoint(MODIFY)
def playlist_clear(token: TokenLike, playlist_id: str) -> str:
    """Remove every item of a playlist.

    Args:
        playlist_id: ID, URI or URL of the playlist.

    Returns:
        The playlist's new snapshot ID.
    """
    return playlist_replace(token, playlist_id, [])


@endpoint(MODIFY)
def playlist_reorder(
    token: TokenLike,
    playlist_id: str,
    range_start: int,
    insert_before: int,
    range_length: int = 1,
    snapshot_id: str | None = None,
) -> str:
    """Move ``range_length`` items starting at ``range_start`` to before ``insert_before``.

    Never retried: a repeated move would move again.

    Args:
        playlist_id: ID, URI or URL of the playlist.
        range_start: position of the first item to move (0 is the top).
        insert_before: position to move them before, as counted before the move.
        range_length: how many items to move.
        snapshot_id: the playlist version the positions refer to.

    Returns:
        The playlist's new snapshot ID.
    """
    check_int("range_start", range_start)
    check_int("insert_before", insert_before)
    check_int("range_length", range_length, 1)
    check_str("snapshot_id", snapshot_id, optional=True, empty=False)
    payload = _json(range_start=range_start, insert_before=insert_before, range_length=range_length,
                    snapshot_id=snapshot_id)
    return _snapshot(send("PUT", _items_path(playlist_id), token=token, json=payload, scopes=MODIFY,
                          idempotent=False))


@endpoint(MODIFY)
def playlist_remove(token: TokenLike, playlist_id: str, uris: Iterable[str], snapshot_id: str | None = None) -> str:
    """Remove every occurrence of tracks, episodes or local files from a playlist, 100 per request.

    Args:
        playlist_id: ID, URI or URL of the playlist.
        uris: URIs or URLs of tracks and episodes, or ``spotify:local:...`` URIs.
        snapshot_id: the playlist version to remove from; each later request
            names the version the one before it returned.

    Returns:
        The playlist's snapshot ID after the last request.

    If a later request fails, raises ``PartialWriteError`` saying what was
    written; see its docs.
    """
    path, items = _items_path(playlist_id), _item_uris(uris, local=True)
    check_str("snapshot_id", snapshot_id, optional=True, empty=False)

    def remove(start: int, chunk: Sequence[str], snapshot: str | None) -> str:
        payload = _json(items=[{"uri": uri} for uri in chunk], snapshot_id=snapshot)
        return _snapshot(send("DELETE", path, token=token, json=payload, scopes=MODIFY))

    def resume(written: int) -> str:
        return "Pass .remaining to playlist_remove with snapshot_id=.snapshot_id to resume."

    return write_chunks("playlist_remove", items, CHUNK, remove, snapshot_id=snapshot_id, resume=resume)


@endpoint()
def playlist_cover_image(token: TokenLike, playlist_id: str) -> list[Image]:
    """Get a playlist's cover images (their ``height`` and ``width`` are often None).

    Args:
        playlist_id: ID, URI or URL of the playlist.

    Returns:
        The images, largest first; their URLs expire within a day.
    """
    body = send("GET", f"/playlists/{segment(playlist_id, 'playlist')}/images", token=token)
    if not isinstance(body, list):
        raise MappingError("array", body)
    return [to_model(Image, image) for image in body]


@endpoint(ugc_image_upload, playlist_modify_public, playlist_modify_private)
def playlist_cover_image_upload(token: TokenLike, playlist_id: str, image: bytes | str) -> None:
    """Set a playlist's cover image.

    Args:
        playlist_id: ID, URI or URL of the playlist.
        image: a JPEG, as the file's bytes or as base64 text; its base64 form
            may be at most 256 KB. Anything else is refused before sending.
    """
    path = f"/playlists/{segment(playlist_id, 'playlist')}/images"
    send("PUT", path, token=token, data=_jpeg_base64(image), headers={"Content-Type": "image/jpeg"},
         scopes=("ugc-image-upload", *MODIFY))


@endpoint(MODIFY, deprecated="development-mode apps use ``library_add`` with the playlist's URI.")
def playlist_follow(token: TokenLike, playlist_id: str, public: bool = True) -> None:
    """Follow a playlist, publicly (shown on the user's profile) or not.

    ``playlist-modify-private`` is needed to follow privately.

    Args:
        playlist_id: ID, URI or URL of the playlist.
        public: whether the playlist shows on the user's profile.
    """
    check_bool("public", public)
    send("PUT", _followers_path(playlist_id), token=token, json={"public": public}, scopes=MODIFY,
         notes={403: DEPRECATED})


@endpoint(MODIFY, deprecated="development-mode apps use ``library_delete``.")
def playlist_unfollow(token: TokenLike, playlist_id: str) -> None:
    """Unfollow a playlist (for its owner: delete it from their library).

    Args:
        playlist_id: ID, URI or URL of the playlist.
    """
    send("DELETE", _followers_path(playlist_id), token=token, scopes=MODIFY, notes={403: DEPRECATED})


@endpoint(playlist_read_private, deprecated="development-mode apps use ``library_contains`` with the playlist's URI.")
def playlist_is_following(token: TokenLike, playlist_id: str, user_ids: Iterable[str]) -> list[bool]:
    """Tell which users follow a playlist, one user per request (as the spec allows).

    Spotify now answers only for the current user; ``playlist-read-private``
    is needed for a private playlist.

    Args:
        playlist_id: ID, URI or URL of the playlist.
        user_ids: IDs, URIs or URLs of the users (one request each).

    Returns:
        One bool per user ID, in the order asked.
    """
    path = _followers_path(playlist_id) + "/contains"
    return contains(token, path, "user", user_ids, 1, "playlist-read-private")


def _add(token: TokenLike, path: str, uris: Sequence[str], position: int | None) -> str:
    """POST one chunk of items (at most 100) at ``position`` (None appends); the new snapshot ID."""
    return _snapshot(send("POST", path, token=token, json=_json(uris=list(uris), position=position), scopes=MODIFY))


def _items_path(playlist_id: str) -> str:
    return f"/playlists/{segment(playlist_id, 'playlist')}/items"


def _followers_path(playlist_id: str) -> str:
    return f"/playlists/{segment(playlist_id, 'playlist')}/followers"


def _additional_types(as_tracks: bool | Iterable[str]) -> list[str] | None:
    """``additional_types``: the item types Spotify should send in their own shape, not as tracks."""
    refused = InvalidInput(f"as_tracks takes True, False or types among {TYPES}, got {quoted(as_tracks)}")
    if isinstance(as_tracks, bool):
        shaped = set(TYPES) if as_tracks else set()
    elif isinstance(as_tracks, str):
        shaped = {as_tracks}
    else:
        try:
            items = list(as_tracks)
        except TypeError:
            raise refused from None
        if not all(isinstance(item, str) for item in items):
            raise refused
        shaped = set(items)
    if not shaped <= set(TYPES):
        raise refused
    return [kind for kind in TYPES if kind not in shaped] or None


def _item_uris(values: Iterable[str], *, local: bool = False, empty: bool = False) -> list[str]:
    """URIs of tracks and episodes (and local files when ``local``), checked before sending."""
    uris = [_item_uri(value, local) for value in check_list("uris", values, "URIs")]
    if not uris and not empty:
        raise InvalidInput("expected at least one URI, got none")
    return uris


def _item_uri(value: str, local: bool) -> str:
    if isinstance(value, str) and value.startswith("spotify:local:"):
        if local:
            return value
        raise InvalidInput(f"Spotify cannot add local files to a playlist: {quoted(value)}")
    kind, _ = parse(value)
    if kind not in TYPES:
        hint = " (a bare ID does not say whether it is a track or an episode)" if kind is None else ""
        raise InvalidInput(f"expected the URI or URL of a track or an episode, got {quoted(value)}{hint}")
    return to_uri(value, kind)


def _check_details(
    name: str | None,
    public: bool | None,
    collaborative: bool | None,
    description: str | None,
    *,
    changing: bool = False,
) -> None:
    """Check a playlist's details; when ``changing``, each may be None (left as it is)."""
    if not (changing and name is None) and (not isinstance(name, str) or not name.strip()):
        raise InvalidInput(f"a playlist name must be a non-empty str, got {quoted(name)}")
    check_bool("public", public, optional=changing)
    check_bool("collaborative", collaborative, optional=changing)
    check_str("description", description, optional=changing)
    if collaborative and public:
        raise InvalidInput("a collaborative playlist cannot be public: pass public=False")


def _looks_like_user_id(value: object) -> bool:
    """A user's URI or URL, or text that could be a user ID (no spaces, no path or query characters)."""
    if not isinstance(value, str):
        return False
    try:
        kind, ident = parse(value)
    except InvalidInput:
        return False
    return kind == "user" or (kind is None and bool(ident) and not any(c.isspace() or c in "/?#&" for c in ident))


def _json(**values: Any) -> dict[str, Any]:
    """A JSON body without the unset values."""
    return {key: value for key, value in values.items() if value is not None}


def _snapshot(body: Any) -> str:
    """The ``snapshot_id`` of a write's answer."""
    snapshot = unwrap(body, "snapshot_id")
    if not isinstance(snapshot, str):
        raise MappingError("str", snapshot)
    return snapshot


def _object(body: Any) -> dict[str, Any]:
    """An answer asked with ``fields``, as the plain dict it is."""
    if not isinstance(body, dict):
        raise MappingError("object", body)
    mine: dict[str, Any] = plain(body)  # the caller's own, never the HTTP cache's
    return mine


def _jpeg_base64(image: bytes | str) -> bytes:
    """The base64 text of a JPEG given as bytes or as base64 text; refuses anything else."""
    if isinstance(image, str):
        text = "".join(image.split()).encode("ascii", "replace")
        try:
            raw = base64.b64decode(text, validate=True)
        except binascii.Error:
            raise InvalidInput("image as a str must be the base64 text of a JPEG") from None
    elif isinstance(image, bytes):
        raw, text = image, base64.b64encode(image)
    else:
        raise InvalidInput(f"image must be JPEG bytes or base64 text, got {type(image).__name__}")
    if not raw.startswith(JPEG):
        raise InvalidInput(f"image must be a JPEG (starting FF D8 FF), got one starting {raw[:4].hex(' ').upper()}")
    if len(text) > MAX_IMAGE:
        raise InvalidInput(f"image is {len(text)} bytes as base64; Spotify takes at most {MAX_IMAGE} (256 KB)")
    return text
