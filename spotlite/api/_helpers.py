"""What the endpoint functions share: query building, checks, chunked calls."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

from .._http import send
from .._log import get_logger
from .._mapper import to_model
from .._token import TokenLike
from ..errors import InvalidInput, MappingError, PartialWriteError, SpotliteError, TransportError, quoted
from ..ids import to_ids

_log = get_logger(__name__)
T = TypeVar("T")
S = TypeVar("S", bound="str | None")  # what a chunk of a write returns: a playlist's snapshot ID, or None

DEPRECATED = "Spotify has deprecated this endpoint; development-mode apps get 403 or 404"
DEV_MODE_LIMIT = "Since 2026 development-mode apps may ask at most 10 items per page (extended quota: 50)"


def query(**values: Any) -> dict[str, str | int]:
    """Query parameters without the unset ones; bools as 'true'/'false', lists comma-joined.

    A ``market`` is checked here (``check_market``), so every endpoint taking one refuses a wrong one.
    """
    params: dict[str, str | int] = {}
    for key, value in values.items():
        if value is None:
            continue
        if key == "market":
            check_market(value)
        if isinstance(value, bool):
            params[key] = "true" if value else "false"
        elif isinstance(value, (list, tuple)):
            params[key] = ",".join(value)
        else:
            params[key] = value
    return params


def check_limit(limit: int | None, maximum: int, minimum: int = 1, *, optional: bool = False) -> None:
    """Refuse a page size the endpoint would refuse; None only when ``optional`` (then Spotify's default)."""
    if limit is None and optional:
        return
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise InvalidInput(f"limit must be an int, got {type(limit).__name__}")
    if not minimum <= limit <= maximum:
        raise InvalidInput(f"limit must be between {minimum} and {maximum}, got {limit}")


def check_bool(name: str, value: bool | None, *, optional: bool = False) -> None:
    """Refuse a value that is not True or False (None too, unless ``optional``): ``1`` and ``"yes"`` are not bools."""
    if not isinstance(value, bool) and not (optional and value is None):
        raise InvalidInput(f"{name} must be True or False{' (or None)' if optional else ''}, got {_shown(value)}")


def check_str(name: str, value: str | None, *, optional: bool = False, empty: bool = True) -> None:
    """Refuse a value that is not a str (None too, unless ``optional``; an empty or blank one unless ``empty``)."""
    if optional and value is None:
        return
    if not isinstance(value, str) or not (empty or value.strip()):
        raise InvalidInput(f"{name} must be a {'' if empty else 'non-empty '}str, got {_shown(value)}")


def check_market(market: str | None, *, optional: bool = True) -> None:
    """Refuse a market that is neither an ISO 3166-1 alpha-2 country code nor ``"from_token"``."""
    if optional and market is None:
        return
    if not isinstance(market, str) or not (market == "from_token" or _is_country(market)):
        raise InvalidInput(f"market must be a country code (ISO 3166-1 alpha-2, e.g. 'FI') or 'from_token', "
                           f"got {_shown(market)}")


def _is_country(text: str) -> bool:
    return len(text) == 2 and text.isascii() and text.isalpha()


def check_list(name: str, values: Iterable[T], what: str) -> list[T]:
    """The items of a list argument (any iterable); refuses a lone str or bytes and what is not iterable.

    ``what`` names the items in the message (``"genre names"``).
    """
    if isinstance(values, (str, bytes)):
        raise InvalidInput(f"{name} must be a list of {what}, got a single {type(values).__name__} {quoted(values)}")
    try:
        return list(values)
    except TypeError:
        raise InvalidInput(f"{name} must be a list of {what}, got {_shown(values)}") from None


def check_strs(name: str, values: Iterable[str], what: str) -> list[str]:
    """``check_list``, and every item a str."""
    items = check_list(name, values, what)
    wrong = [item for item in items if not isinstance(item, str)]
    if wrong:
        raise InvalidInput(f"{name} must be a list of {what} (str), got an item {_shown(wrong[0])}")
    return items


def _shown(value: object) -> str:
    """A wrong value in a message: its repr with its type, shortened."""
    text = quoted(value)
    return text if value is None or isinstance(value, (str, bool)) else f"{text} ({type(value).__name__})"


def dev_mode_notes(limit: int | None) -> dict[int, str] | None:
    """Explain a 400 to a page size over the development-mode cap of 10 (search, artist albums)."""
    return {400: DEV_MODE_LIMIT} if isinstance(limit, int) and limit > 10 else None  # a bad limit: get_page says


def check_offset(offset: int, maximum: int | None = None) -> None:
    """Refuse a negative (or too large) offset."""
    check_int("offset", offset, 0, maximum)


def check_int(name: str, value: int, minimum: int = 0, maximum: int | None = None) -> None:
    """Refuse a value that is not an int (bools included) from ``minimum`` to ``maximum``."""
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise InvalidInput(f"{name} must be an int of {minimum} or more, got {quoted(value)}")
    if maximum is not None and value > maximum:
        raise InvalidInput(f"{name} must be at most {maximum}, got {value}")


def get_page(
    token: TokenLike,
    path: str,
    limit: int | None,
    offset: int,
    /,
    *,
    max_offset: int | None = None,
    optional_limit: bool = False,
    scopes: Iterable[str] = (),
    notes: Mapping[Any, str] | None = None,
    **params: Any,
) -> Any:
    """GET one offset page of ``path`` (``limit`` 1 to 50) and return its parsed body.

    ``limit`` and ``offset`` are checked before sending and come last in the
    query, after ``params``; ``limit`` may be None (Spotify's default) only
    when ``optional_limit``.
    """
    check_limit(limit, 50, optional=optional_limit)
    check_offset(offset, max_offset)
    return send("GET", path, token=token, params=query(**params, limit=limit, offset=offset), scopes=scopes,
                notes=notes)


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """Consecutive slices of at most ``size`` items."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def get_many(
    token: TokenLike,
    path: str,
    kind: str,
    values: Iterable[str],
    model: type[T],
    size: int,
    market: str | None = None,
    scopes: tuple[str, ...] = (),
) -> list[T | None]:
    """A batch read (``GET /albums?ids=``), chunked; None where Spotify knows no item.

    ``scopes`` are named in a 401/403 error (those the endpoint may need).
    """
    ids = to_ids(values, kind)
    key = path.strip("/").replace("-", "_")  # /audio-features answers {"audio_features": [...]}
    found: list[T | None] = []
    for chunk in chunks(ids, size):
        params = query(ids=chunk, market=market)
        body = send("GET", path, token=token, params=params, scopes=scopes, notes={403: DEPRECATED})
        found += [None if item is None else to_model(model, item) for item in unwrap(body, key)]
    return found


def contains(
    token: TokenLike, path: str, kind: str, values: Iterable[str], size: int, scope: str, **extra: str
) -> list[bool]:
    """A ``.../contains`` check, chunked, answers in the order asked; ``extra`` adds query parameters."""
    answers: list[bool] = []
    for chunk in chunks(to_ids(values, kind), size):
        params = query(**extra, ids=chunk)
        body = send("GET", path, token=token, params=params, scopes=(scope,), notes={403: DEPRECATED})
        answers += list_of(bool, body)
    return answers


def unwrap(body: Any, key: str) -> Any:
    """The value under ``key`` of an answer such as ``{"albums": [...]}``."""
    if not isinstance(body, dict) or key not in body:
        raise MappingError(f"object with {key!r}", body)
    return body[key]


def list_of(kind: type[T], body: Any) -> list[T]:
    """Check that an answer is a JSON array of one kind (booleans, market codes, genres)."""
    if not isinstance(body, list) or not all(type(item) is kind for item in body):
        raise MappingError(f"array of {kind.__name__}", body)
    return list(body)  # the caller's own, never the HTTP cache's


def change_library(
    name: str,
    method: str,
    token: TokenLike,
    path: str,
    kind: str,
    values: Iterable[str],
    size: int,
    scope: str = "user-library-modify",
    *,
    ids_in_body: bool = False,
    **extra: str | None,
) -> None:
    """Save (PUT) or remove (DELETE) items by ID, chunked; ``extra`` adds query parameters (``type="artist"``),
    None ones left out.

    ``name`` is the public function, named in a ``PartialWriteError``; ``ids_in_body`` sends the IDs as a JSON
    body (``{"ids": [...]}``) instead of the ``ids`` query parameter.
    """

    def send_chunk(start: int, chunk: Sequence[str], snapshot: None) -> None:
        if ids_in_body:
            send(method, path, token=token, params=query(**extra) or None, json={"ids": list(chunk)},
                 scopes=(scope,), notes={403: DEPRECATED})
        else:
            send(method, path, token=token, params=query(**extra, ids=chunk), scopes=(scope,),
                 notes={403: DEPRECATED})

    write_chunks(name, to_ids(values, kind), size, send_chunk)


def write_chunks(
    name: str,
    items: Sequence[str],
    size: int,
    send_chunk: Callable[[int, Sequence[str], S | None], S],
    *,
    snapshot_id: S | None = None,
    resume: Callable[[int], str] | None = None,
) -> S:
    """Send a write of ``items`` as requests of at most ``size`` items, in order, and return the last one's result.

    ``send_chunk(start, chunk, snapshot)`` sends the items from index ``start``,
    given what the request before returned (``snapshot_id`` for the first), and
    returns the playlist's new snapshot ID (None for writes without one). At
    least one request is sent, with no items when there are none.

    When the first request fails its error is raised as it is: nothing was
    written. When a later one fails with a ``SpotliteError``, a
    ``PartialWriteError`` is raised from it, saying what was written, what
    failed and what remains. Its message names ``name`` (the function the user
    called) and ends with ``resume(written)``, how to resume after ``written``
    items (by default: pass ``.remaining`` to ``name``).
    """
    parts = list(chunks(items, size)) or [items]  # no items: one request all the same (an empty replace)
    snapshot, done = snapshot_id, 0
    for number, part in enumerate(parts, 1):
        try:
            result = send_chunk(done, part, snapshot)
        except SpotliteError as error:
            if number == 1:
                raise
            hint = resume(done) if resume is not None else f"Pass .remaining to {name} to resume."
            message = f"{name}: {done} of {len(items)} items written before request {number} of {len(parts)} failed"
            message += f" ({type(error).__name__}: {error})"
            if isinstance(error, TransportError):
                message += "; the failed request may or may not have taken effect"
            if snapshot is not None:
                message += f"; the playlist's snapshot is now {snapshot!r}"
            _log.warning("%s", message)
            raise PartialWriteError(
                f"{message}. {hint}",
                written=tuple(items[:done]),
                failed=tuple(part),
                remaining=tuple(items[done:]),
                snapshot_id=snapshot,
                error=error,
            ) from error
        snapshot, done = result, done + len(part)
    return result
