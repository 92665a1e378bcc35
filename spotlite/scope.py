"""OAuth scopes: one constant per scope, and the sets ``every``, ``read``, ``write``.

Every constant is a ``Scope``: a frozen set of scope names that combines as
Tekore's ``Scope`` does and still stands in for the scope's text::

    scope.user_top_read == "user-top-read"            # True; f"{scope.user_top_read}" too
    wanted = scope.user_read_email + scope.user_read_private   # or |; - removes
    str(wanted)                                        # 'user-read-email user-read-private'
    list(wanted), len(wanted), "user-read-email" in wanted

Functions taking a ``scope`` accept a ``Scope``, any iterable of scopes or
scope names, or a space-separated str.

Why a ``frozenset`` subclass and not a ``str`` one: a set of scopes *is* a set,
so iteration, ``in``, ``len``, ``|``, ``-``, ``<=`` and equality mean what they
mean for sets, ``every``, ``read`` and ``write`` stay the frozensets they were,
and ``Scope`` hands out plain ``str`` names when iterated. A ``str`` subclass
would instead have to make ``len``, ``in`` and iteration lie about the text it
is (``"read" in scope.user_top_read`` no longer a substring test, ``len`` no
longer its length), which is its own trap for code that treats it as the str it
claims to be.

What keeps a ``Scope`` usable where a str is expected: ``str()`` and f-strings
give the names sorted and space-separated; ``==`` against a str compares the
str's space-separated names as a set (``"b a"`` equals ``Scope("a b")``); and a
single scope hashes as its name, so ``scope.user_top_read in {"user-top-read"}``
and dict lookups by name work (a set of several scopes hashes as a frozenset).
The seam left: a ``Scope`` is not a ``str``, so str methods (``.split``,
``" ".join([...])``) need ``str(scope)`` first.
"""

from __future__ import annotations

__all__ = [
    "Scope",
    "app_remote_control",
    "every",
    "playlist_modify_private",
    "playlist_modify_public",
    "playlist_read_collaborative",
    "playlist_read_private",
    "read",
    "streaming",
    "ugc_image_upload",
    "user_follow_modify",
    "user_follow_read",
    "user_library_modify",
    "user_library_read",
    "user_modify_playback_state",
    "user_read_currently_playing",
    "user_read_email",
    "user_read_playback_position",
    "user_read_playback_state",
    "user_read_private",
    "user_read_recently_played",
    "user_top_read",
    "write",
]

TYPE_CHECKING = False  # not typing's: this module stays as cheap as ``import spotlite``
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator


class Scope(frozenset[str]):
    """A frozen set of OAuth scope names that combines and prints as Tekore's ``Scope``.

    ``Scope("user-read-email", scope.user_top_read, ["playlist-read-private"])``
    takes scope names (a str may hold several, space-separated), scopes and
    iterables of either. ``+`` and ``|`` give the union, ``-`` the
    difference, ``&`` and ``^`` what they give for sets, each a ``Scope``, with
    a str, a ``Scope`` or any iterable of names on either side. Iteration is
    sorted; ``str()`` joins the names sorted, space-separated.
    """

    __slots__ = ()

    def __new__(cls, *scopes: str | Iterable[str | Scope]) -> Scope:  # noqa: PYI034 - no Self on 3.10
        names: set[str] = set()
        for value in scopes:
            _add_names(names, value)
        return super().__new__(cls, names)

    def __str__(self) -> str:
        return " ".join(self)

    def __repr__(self) -> str:
        return f"Scope({str(self)!r})"

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(frozenset.__iter__(self)))

    def __contains__(self, item: object) -> bool:
        """A scope name, or every name of a space-separated str or of a ``Scope``, is in this set."""
        if isinstance(item, (str, Scope)):
            names = Scope(item)
            return bool(names) and frozenset.issubset(names, self)
        return frozenset.__contains__(self, item)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, str):
            return frozenset.__eq__(self, frozenset(other.split()))
        return frozenset.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        if len(self) == 1:
            return hash(next(frozenset.__iter__(self)))  # as its name: equal to it, so found in sets of str
        return frozenset.__hash__(self)

    def __add__(self, other: str | Iterable[str | Scope]) -> Scope:
        return _combine(self, other, frozenset.union)

    __radd__ = __add__

    def __or__(self, other: str | Iterable[str | Scope]) -> Scope:  # type: ignore[override]
        return _combine(self, other, frozenset.union)

    __ror__ = __or__

    def __and__(self, other: str | Iterable[str | Scope]) -> Scope:  # type: ignore[override]
        return _combine(self, other, frozenset.intersection)

    __rand__ = __and__

    def __xor__(self, other: str | Iterable[str | Scope]) -> Scope:  # type: ignore[override]
        return _combine(self, other, frozenset.symmetric_difference)

    __rxor__ = __xor__

    def __sub__(self, other: str | Iterable[str | Scope]) -> Scope:  # type: ignore[override]
        return _combine(self, other, frozenset.difference)

    def __rsub__(self, other: str | Iterable[str | Scope]) -> Scope:
        return _combine(self, other, lambda mine, theirs: frozenset.difference(theirs, mine))


def _add_names(names: set[str], value: object) -> None:
    """Add the scope names of a str, a ``Scope`` or an iterable of either; refuse anything else."""
    if isinstance(value, str):
        names.update(value.split())
        return
    if isinstance(value, Scope):
        names.update(frozenset.__iter__(value))
        return
    try:
        items = iter(value)  # type: ignore[call-overload]
    except TypeError:
        raise TypeError(f"scopes must be str or iterables of str, got {type(value).__name__}") from None
    for item in items:
        if not isinstance(item, (str, Scope)):
            raise TypeError(f"scopes must be str or iterables of str, got an item of type {type(item).__name__}")
        _add_names(names, item)


def _combine(mine: Scope, other: object, operation: Callable[[Scope, Scope], frozenset[str]]) -> Scope:
    """``operation`` on two sets of scopes, as a ``Scope``; NotImplemented when ``other`` holds no scopes."""
    try:
        theirs = Scope(other)  # type: ignore[arg-type]
    except TypeError:
        result: Scope = NotImplemented
        return result
    return Scope(operation(mine, theirs))


app_remote_control = Scope("app-remote-control")
playlist_modify_private = Scope("playlist-modify-private")
playlist_modify_public = Scope("playlist-modify-public")
playlist_read_collaborative = Scope("playlist-read-collaborative")
playlist_read_private = Scope("playlist-read-private")
streaming = Scope("streaming")
ugc_image_upload = Scope("ugc-image-upload")
user_follow_modify = Scope("user-follow-modify")
user_follow_read = Scope("user-follow-read")
user_library_modify = Scope("user-library-modify")
user_library_read = Scope("user-library-read")
user_modify_playback_state = Scope("user-modify-playback-state")
user_read_currently_playing = Scope("user-read-currently-playing")
user_read_email = Scope("user-read-email")
user_read_playback_position = Scope("user-read-playback-position")
user_read_playback_state = Scope("user-read-playback-state")
user_read_private = Scope("user-read-private")
user_read_recently_played = Scope("user-read-recently-played")
user_top_read = Scope("user-top-read")

every = Scope(
    app_remote_control,
    playlist_modify_private,
    playlist_modify_public,
    playlist_read_collaborative,
    playlist_read_private,
    streaming,
    ugc_image_upload,
    user_follow_modify,
    user_follow_read,
    user_library_modify,
    user_library_read,
    user_modify_playback_state,
    user_read_currently_playing,
    user_read_email,
    user_read_playback_position,
    user_read_playback_state,
    user_read_private,
    user_read_recently_played,
    user_top_read,
)
"""Every scope Spotify's spec defines."""
read = Scope(s for s in every if "read" in s)
"""Every scope that lets an app read the user's data."""
write = Scope(s for s in every if "modify" in s or s == ugc_image_upload)
"""Every scope that lets an app change the user's data."""
