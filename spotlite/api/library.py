"""The user's library, by URI: /me/library (2026).

One endpoint for every kind of item: tracks, albums, episodes, shows,
audiobooks, playlists, and (as following) artists and users. It replaces the
per-kind ``saved_*_add``/``_delete``/``_contains`` and the follow functions,
which development-mode apps can no longer call.

Items are given as URIs (``spotify:track:...``) or open.spotify.com URLs. Bare
IDs say nothing of their kind, so they are refused unless ``kind`` names it:
``library_add(token, ids, kind="track")``. The URIs are sent comma-joined in
the ``uris`` query parameter, as Spotify's reference documents (whether a JSON
body is also taken is an open question).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .._endpoint import endpoint
from .._http import send
from .._token import TokenLike
from ..errors import InvalidInput, quoted
from ..ids import parse, to_uri
from ..scope import (
    playlist_modify_public,
    playlist_read_private,
    user_follow_modify,
    user_follow_read,
    user_library_modify,
    user_library_read,
)
from ._helpers import check_list, chunks, list_of, query, write_chunks

__all__ = ["library_add", "library_contains", "library_delete"]

_KINDS = ("track", "album", "episode", "show", "audiobook", "playlist", "user", "artist")
_MODIFY = ("user-library-modify", "user-follow-modify", "playlist-modify-public")
_READ = ("user-library-read", "user-follow-read", "playlist-read-private")
_SIZE = 40


@endpoint(user_library_modify, user_follow_modify, playlist_modify_public)
def library_add(token: TokenLike, uris: Iterable[str], *, kind: str | None = None) -> None:
    """Save items to the user's library, 40 per request.

    Which scope depends on the kind: ``user-library-modify`` for tracks, albums,
    episodes, shows and audiobooks; ``user-follow-modify`` for artists and users;
    ``playlist-modify-public`` for playlists.

    Spotify documents tracks, albums, episodes, shows, audiobooks, users and
    playlists here; whether artist URIs are taken is an open question (sources
    disagree): if Spotify answers 400, use ``artists_follow``.

    Args:
        uris: URIs or open.spotify.com URLs of tracks, albums, episodes,
            shows, audiobooks, playlists, users or artists; or IDs when
            ``kind`` is given.
        kind: the kind of every item (``"track"``, ...), needed for bare IDs;
            a URI or URL of another kind is then refused.

    If a later request fails, raises ``PartialWriteError`` saying what was
    written; see its docs.
    """
    _change("library_add", "PUT", token, uris, kind)


@endpoint(user_library_modify, user_follow_modify, playlist_modify_public)
def library_delete(token: TokenLike, uris: Iterable[str], *, kind: str | None = None) -> None:
    """Remove items from the user's library, 40 per request.

    Which scope depends on the kind: ``user-library-modify`` for tracks, albums,
    episodes, shows and audiobooks; ``user-follow-modify`` for artists and users;
    ``playlist-modify-public`` for playlists.

    Kinds and arguments as for ``library_add`` (artist URIs: use
    ``artists_unfollow`` if Spotify answers 400).

    Args:
        uris: URIs or open.spotify.com URLs of the items; or IDs when ``kind`` is given.
        kind: the kind of every item (``"track"``, ...), needed for bare IDs.

    If a later request fails, raises ``PartialWriteError`` saying what was
    written; see its docs.
    """
    _change("library_delete", "DELETE", token, uris, kind)


@endpoint(user_library_read, user_follow_read, playlist_read_private)
def library_contains(token: TokenLike, uris: Iterable[str], *, kind: str | None = None) -> list[bool]:
    """Tell which items are saved in the user's library, 40 per request.

    Which scope depends on the kind: ``user-library-read`` for tracks, albums,
    episodes, shows and audiobooks; ``user-follow-read`` for artists and users;
    ``playlist-read-private`` for playlists. Spotify documents every kind
    here, artists included.

    Args:
        uris: URIs or open.spotify.com URLs of the items; or IDs when ``kind``
            is given.
        kind: the kind of every item (``"track"``, ...), needed for bare IDs.

    Returns:
        One bool per item, in the order asked.
    """
    answers: list[bool] = []
    for chunk in chunks(_uris(uris, kind), _SIZE):
        answers += list_of(bool, send("GET", "/me/library/contains", token=token, params=query(uris=chunk), scopes=_READ))
    return answers


def _change(name: str, method: str, token: TokenLike, uris: Iterable[str], kind: str | None) -> None:
    def send_chunk(start: int, chunk: Sequence[str], snapshot: None) -> None:
        send(method, "/me/library", token=token, params=query(uris=chunk), scopes=_MODIFY)

    write_chunks(name, _uris(uris, kind), _SIZE, send_chunk)


def _uris(values: Iterable[str], kind: str | None) -> list[str]:
    """``spotify:kind:id`` URIs of library items; refuses bare IDs without ``kind``, and other kinds."""
    items = check_list("uris", values, "URIs")
    if kind is not None and kind not in _KINDS:
        raise InvalidInput(f"kind must be one of {', '.join(_KINDS)}, got {quoted(kind)}")
    uris = [_library_uri(value, kind) for value in items]
    if not uris:
        raise InvalidInput("expected at least one URI, got none")
    return uris


def _library_uri(value: str, kind: str | None) -> str:
    if kind is None:
        kind, _ = parse(value)
        if kind is None:
            raise InvalidInput(f"{quoted(value)} is a bare ID: give a URI or URL, or say its kind (kind='track')")
        if kind not in _KINDS:
            raise InvalidInput(f"{quoted(value)} is of kind {quoted(kind)}; the library takes {', '.join(_KINDS)}")
    return to_uri(value, kind)
