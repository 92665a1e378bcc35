"""What the endpoint functions share: query building, checks, chunked calls."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar

from .._http import send
from .._mapper import to_model
from .._token import TokenLike
from ..errors import InvalidInput, MappingError
from ..ids import to_ids

T = TypeVar("T")

DEPRECATED = "Spotify has deprecated this endpoint; development-mode apps get 403 or 404"


def query(**values: Any) -> dict[str, str | int]:
    """Query parameters without the unset ones; bools as 'true'/'false', lists comma-joined."""
    params: dict[str, str | int] = {}
    for key, value in values.items():
        if value is None:
            continue
        if isinstance(value, bool):
            params[key] = "true" if value else "false"
        elif isinstance(value, (list, tuple)):
            params[key] = ",".join(value)
        else:
            params[key] = value
    return params


def check_limit(limit: int | None, maximum: int, minimum: int = 1) -> None:
    """Refuse a page size the endpoint would refuse."""
    if limit is None:
        return
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise InvalidInput(f"limit must be an int, got {type(limit).__name__}")
    if not minimum <= limit <= maximum:
        raise InvalidInput(f"limit must be between {minimum} and {maximum}, got {limit}")


def check_offset(offset: int, maximum: int | None = None) -> None:
    """Refuse a negative (or too large) offset."""
    if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
        raise InvalidInput(f"offset must be an int of 0 or more, got {offset!r}")
    if maximum is not None and offset > maximum:
        raise InvalidInput(f"offset must be at most {maximum}, got {offset}")


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
) -> list[T | None]:
    """A batch read (``GET /albums?ids=``), chunked; None where Spotify knows no item."""
    ids = to_ids(values, kind)
    key = path.strip("/")
    found: list[T | None] = []
    for chunk in chunks(ids, size):
        body = send("GET", path, token=token, params=query(ids=chunk, market=market), notes={403: DEPRECATED})
        found += [None if item is None else to_model(model, item) for item in unwrap(body, key)]
    return found


def contains(token: TokenLike, path: str, kind: str, values: Iterable[str], size: int, scope: str) -> list[bool]:
    """A ``.../contains`` check, chunked, answers in the order asked."""
    answers: list[bool] = []
    for chunk in chunks(to_ids(values, kind), size):
        body = send("GET", path, token=token, params=query(ids=chunk), scopes=(scope,), notes={403: DEPRECATED})
        answers += booleans(body)
    return answers


def unwrap(body: Any, key: str) -> Any:
    """The value under ``key`` of an answer such as ``{"albums": [...]}``."""
    if not isinstance(body, dict) or key not in body:
        raise MappingError(f"object with {key!r}", body)
    return body[key]


def booleans(body: Any) -> list[bool]:
    """Check that an answer is a JSON array of booleans."""
    if not isinstance(body, list) or not all(isinstance(item, bool) for item in body):
        raise MappingError("array of bool", body)
    return body


def change_library(method: str, token: TokenLike, path: str, kind: str, values: Iterable[str], size: int) -> None:
    """Save (PUT) or remove (DELETE) items by ID, chunked."""
    for chunk in chunks(to_ids(values, kind), size):
        send(method, path, token=token, params=query(ids=chunk), scopes=("user-library-modify",), notes={403: DEPRECATED})
