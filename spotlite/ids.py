"""Spotify IDs, URIs and open.spotify.com URLs.

Every function that takes an ID also takes the matching URI
(``spotify:track:6rqhFgbbKwnb9MLmUQDhG6``) or URL
(``https://open.spotify.com/intl-de/track/6rqhFgbbKwnb9MLmUQDhG6?si=...``).
``to_id`` turns any of them into the bare ID, and refuses one of another kind;
``segment`` gives that ID percent-encoded as one URL path segment.

IDs of most kinds are 22 letters and digits. User and category IDs are free
text (``john.smith``, ``1234@x``, ``party``): any text but the empty one, ``.``
and ``..`` (which would change the path's meaning) and text with ``/``, ``?``,
``#`` or ``&`` (never in a Spotify ID: most likely a path or URL pasted by
mistake). Everything else is percent-encoded in paths, so ``%41`` stays
``%41`` and does not become ``A``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import quote, unquote, urlsplit

from ._http import LONE_SURROGATE, encodable
from .errors import InvalidInput, quoted

__all__ = ["KINDS", "parse", "to_id", "to_ids", "to_uri"]

KINDS = frozenset(
    {"album", "artist", "audiobook", "chapter", "episode", "playlist", "show", "track", "user"}
)
# Kinds only ``to_id`` takes: free-text IDs with no URI of their own (used in paths).
_ID_ONLY_KINDS = frozenset({"category"})
_ID_KINDS = KINDS | _ID_ONLY_KINDS  # what to_id and to_ids take
# Spotify names audiobooks and chapters as shows and episodes in their URIs and URLs.
_SAME_KIND = {"audiobook": {"audiobook", "show"}, "chapter": {"chapter", "episode"}}
_BASE62 = re.compile(r"[0-9A-Za-z]{22}")
_URL_PATH = re.compile(r"/(?:intl-[a-zA-Z_-]+/)?(?:embed/)?([a-z]+)/([^/?#]+)/?$")
_NOT_IN_FREE_IDS = "/?#&"
_DOT_SEGMENTS = ("", ".", "..")  # a path segment of these would vanish or climb a level


def parse(value: str) -> tuple[str | None, str]:
    """Split a URI or URL into (kind, id); a bare ID gives (None, id).

    The ID of a URL is percent-decoded (``.../user/john%40x`` gives ``john@x``).

    >>> parse("spotify:album:3RBULTZJ97bvVzZLpxcB0j")
    ('album', '3RBULTZJ97bvVzZLpxcB0j')

    Args:
        value: a URI (``spotify:album:...``), an open.spotify.com URL or a bare ID.

    Returns:
        ``(kind, id)``: the kind is None for a bare ID.
    """
    if not isinstance(value, str):
        raise InvalidInput(f"expected an ID, URI or URL as str, got {type(value).__name__}")
    text = value.strip()
    if text.startswith("spotify:"):
        parts = text.split(":")
        if len(parts) == 5 and parts[1] == "user":  # spotify:user:name:playlist:id
            parts = ["spotify", parts[3], parts[4]]
        if len(parts) != 3 or not parts[2]:
            raise InvalidInput(f"{quoted(value)} is not a Spotify URI of the form spotify:kind:id")
        return parts[1], parts[2]
    if text.startswith(("https://", "http://", "open.spotify.com")):
        url = urlsplit(text if "://" in text else "https://" + text)
        match = _URL_PATH.search(url.path)
        if url.hostname not in ("open.spotify.com", "play.spotify.com") or match is None:
            raise InvalidInput(f"{quoted(value)} is not an open.spotify.com URL of an item")
        return match.group(1), unquote(match.group(2))
    return None, text


def to_id(value: str, kind: str) -> str:
    """The bare ID of a ``kind`` item given as an ID, URI or URL.

    ``kind`` is one of ``KINDS`` (or ``"category"``). Raises ``InvalidInput`` (a
    ``ValueError``) when the value is of another kind or is not a well-formed
    ID of that kind, and for an unknown kind.

    Args:
        value: an ID, URI or URL.
        kind: the kind expected, one of ``KINDS`` (or ``"category"``).

    Returns:
        The bare ID.
    """
    _check_kind("to_id", value, kind, _ID_KINDS)
    found, ident = parse(value)
    if found is not None and found not in _SAME_KIND.get(kind, {kind}):
        raise InvalidInput(
            f"expected an ID, URI or URL of kind {kind!r}, but {quoted(value)} is of kind {quoted(found)}")
    if kind == "user" or kind not in KINDS:
        _check_free_id(value, ident, kind)
    elif not _BASE62.fullmatch(ident):
        raise InvalidInput(f"{quoted(value)} is not a valid {kind} ID (22 letters and digits)")
    return ident


def segment(value: str, kind: str) -> str:
    """The ID of a ``kind`` item (ID, URI or URL), percent-encoded as one URL path segment.

    Checks the value as ``to_id`` does, so an empty ID, ``.`` and ``..`` raise
    ``InvalidInput`` before anything is sent; then encodes every character but
    letters, digits and ``-._~``: ``john smith`` gives ``john%20smith``, ``%41``
    gives ``%2541``.

    >>> segment("spotify:user:1234@x", "user")
    '1234%40x'
    """
    return quote(to_id(value, kind), safe="")


def _check_free_id(value: str, ident: str, kind: str) -> None:
    """Refuse a user or category ID that is empty, a dot segment, or holds a path or query character."""
    if ident in _DOT_SEGMENTS:
        reason = "it is empty" if not ident else f"{quoted(ident)} would change the URL's path"
        raise InvalidInput(f"{quoted(value)} is not a valid {kind} ID: {reason}")
    if any(c in ident for c in _NOT_IN_FREE_IDS):
        raise InvalidInput(f"{quoted(value)} is not a valid {kind} ID: it holds one of {_NOT_IN_FREE_IDS}")
    if not encodable(ident):
        raise InvalidInput(f"{quoted(value)} is not a valid {kind} ID: it {LONE_SURROGATE}")


def to_ids(values: Iterable[str], kind: str) -> list[str]:
    """Bare IDs of many items; refuses a lone string, an empty list and what is not a list.

    Args:
        values: IDs, URIs or URLs, any iterable of str.
        kind: the kind expected of every one, as for ``to_id``.

    Returns:
        The bare IDs, in the order given.
    """
    _check_kind("to_ids", values, kind, _ID_KINDS)
    if isinstance(values, (str, bytes)):
        raise InvalidInput(
            f"expected a list of {kind} IDs, got a single {type(values).__name__} {quoted(values)}")
    try:
        items = list(values)
    except TypeError:
        raise InvalidInput(f"expected a list of {kind} IDs, got {type(values).__name__}") from None
    ids = [to_id(value, kind) for value in items]
    if not ids:
        raise InvalidInput(f"expected at least one {kind} ID, got none")
    return ids


def to_uri(value: str, kind: str) -> str:
    """The ``spotify:kind:id`` URI of an item given as an ID, URI or URL.

    The value comes first, then its kind: ``to_uri("6rqhFgbbKwnb9MLmUQDhG6", "track")``
    (Tekore's ``to_uri`` takes them the other way round: swapped arguments are
    refused, as is any kind not in ``KINDS``). Local-file URIs
    (``spotify:local:...``) pass unchanged.

    Args:
        value: an ID, URI or URL.
        kind: the item's kind, one of ``KINDS``.

    Returns:
        The ``spotify:kind:id`` URI.
    """
    _check_kind("to_uri", value, kind, KINDS)
    if isinstance(value, str) and value.startswith("spotify:local:"):
        return value
    return f"spotify:{kind}:{to_id(value, kind)}"


def _check_kind(function: str, value: object, kind: object, kinds: frozenset[str]) -> None:
    """Refuse a kind ``function`` does not know, saying so when the value and kind look swapped."""
    if isinstance(kind, str) and kind in kinds:
        return
    if isinstance(value, str) and value in kinds:
        raise InvalidInput(
            f"{function}({quoted(value)}, {kind!r}): the arguments look swapped; spotlite's order is "
            f"{function}(value, kind), as in {function}({kind!r}, {quoted(value)})"
        )
    raise InvalidInput(f"{function} takes a kind among {', '.join(sorted(kinds))}, got {quoted(kind)}")
