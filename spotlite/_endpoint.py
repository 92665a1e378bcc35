"""What every endpoint function carries as data: the scopes it needs, and how Spotify restricts it.

``spotlite.scope_of(spotlite.playlist_add, spotlite.saved_tracks)`` joins the scopes of several.

``@endpoint(user_library_read)`` above a function sets its ``scope`` (a ``Scope``, empty when none is
needed), ``deprecated`` and ``limited`` (a sentence, or None), and says the same at the top of its
``__doc__`` for ``help()``. The documentation's boxes and the README's function index are built from
these attributes, never from the prose. The function itself is returned, unchanged otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Iterable
from typing import Any, ParamSpec, Protocol, TypeVar

from .scope import Scope

__all__ = ["AsyncEndpoint", "Endpoint", "scope_of"]

_Params = ParamSpec("_Params")
_R = TypeVar("_R")
_R_co = TypeVar("_R_co", covariant=True)


class Endpoint(Protocol[_Params, _R_co]):
    """An endpoint function (``spotlite.playlist_add``...): callable as its signature says, with its facts.

    ``Endpoint[[TokenLike, str], FullAlbum]`` is a function taking a token and a str and returning a
    ``FullAlbum``.
    """

    scope: Scope
    """The scopes the function may need, all of them (some only for some arguments, as its docs say); empty when none."""
    deprecated: str | None
    """Spotify has deprecated the endpoint: what development-mode apps get or use instead; None when not deprecated."""
    limited: str | None
    """What development-mode apps get less of since 2026; None when nothing."""

    def __call__(self, *args: _Params.args, **kwargs: _Params.kwargs) -> _R_co: ...


class AsyncEndpoint(Protocol[_Params, _R_co]):
    """The async twin of an endpoint function (``spotlite.aio.playlist_add``...), with the same facts."""

    scope: Scope
    """As the sync function's ``scope``."""
    deprecated: str | None
    """As the sync function's ``deprecated``."""
    limited: str | None
    """As the sync function's ``limited``."""

    def __call__(self, *args: _Params.args, **kwargs: _Params.kwargs) -> Coroutine[Any, Any, _R_co]: ...


def scope_of(*functions: Callable[..., object]) -> Scope:
    """Every scope the endpoint functions need, to ask the user for at once.

    ::

        wanted = spotlite.scope_of(spotlite.playlist_add, spotlite.saved_tracks)
        wanted = spotlite.playlist_add.scope + spotlite.saved_tracks.scope   # the same
        wanted = spotlite.scope_of(spotlite.aio.playlist_add)                # the async twins too

    Each function's ``scope`` holds every scope it may need (some only for some
    of its arguments, as its docs say). Raises ``InvalidInput`` for anything
    that is not an endpoint function of spotlite.
    """
    scopes = []
    for function in functions:
        scope = getattr(function, "scope", None)
        if not isinstance(scope, Scope):
            from .errors import InvalidInput

            name = getattr(function, "__name__", repr(function))
            raise InvalidInput(f"scope_of takes spotlite's endpoint functions, got {name}, which carries no scope")
        scopes.append(scope)
    return Scope(*scopes)


def endpoint(
    *scopes: str | Iterable[str], deprecated: str | None = None, limited: str | None = None
) -> Callable[[Callable[_Params, _R]], Endpoint[_Params, _R]]:
    """Mark an endpoint function with the scopes it needs and Spotify's restrictions on it."""
    needed = Scope(*scopes)

    def mark(function: Callable[_Params, _R]) -> Endpoint[_Params, _R]:
        marked: Any = function
        marked.scope, marked.deprecated, marked.limited = needed, deprecated, limited
        marked.__doc__ = _with_facts(function.__doc__, needed, deprecated, limited)
        result: Endpoint[_Params, _R] = marked
        return result

    return mark


def _with_facts(doc: str | None, scope: Scope, deprecated: str | None, limited: str | None) -> str | None:
    """``doc`` with paragraphs on the scopes and restrictions after its first line (None stays None: python -OO)."""
    if doc is None:
        return None
    facts = [f"Scopes: {', '.join(f'``{name}``' for name in scope)}." if scope else "Scopes: none."]
    facts += [f"Deprecated by Spotify: {deprecated}"] if deprecated else []
    facts += [f"Limited in development mode: {limited}"] if limited else []
    summary, _, rest = doc.partition("\n\n")
    margin = next((line[: len(line) - len(line.lstrip())] for line in rest.splitlines() if line.strip()), "    ")
    return "\n\n".join([summary, *(margin + fact for fact in facts), rest] if rest else [summary, *facts])
