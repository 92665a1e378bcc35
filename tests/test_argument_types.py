"""Every argument of every endpoint function is checked before anything is sent.

For each public function of ``spotlite/api/*.py`` and each of its arguments,
the cases come from the signature: a valid call (the required arguments, from
``VALID``), then the same call with one argument of a wrong type for its
annotation (``wrong_values``). Each wrong call must raise ``InvalidInput`` and
send nothing to the loopback server; the valid one must get as far as sending.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pytest
from loopback import Handler, Server, reply

import spotlite
from spotlite.errors import InvalidInput, NotFound

ID = "3RBULTZJ97bvVzZLpxcB0j"
TRACK_URI = "spotify:track:3hHWhvw2hjwfngWcFjIzqr"
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 16

# A valid value for each argument name; per-function ones in VALID_FOR.
VALID: dict[str, Any] = {
    "token": "dummy-token",
    **{f"{kind}_id": ID for kind in ("album", "artist", "audiobook", "chapter", "episode", "playlist", "show", "track")},
    **{f"{kind}_ids": [ID] for kind in ("album", "artist", "audiobook", "chapter", "episode", "show", "track")},
    "user_id": "smedjan",
    "user_ids": ["smedjan"],
    "category_id": "party",
    "market": "FI",
    "limit": 5,
    "offset": 0,
    "locale": "sv_SE",
    "fields": "name",
    "as_tracks": False,
    "include_groups": ["album"],
    "time_range": "short_term",
    "query": "finlandia",
    "types": ["track"],
    "include_external": "audio",
    "genres": ["classical"],
    "uris": [TRACK_URI],
    "kind": "track",
    "name": "My list",
    "public": False,
    "collaborative": False,
    "description": "mine",
    "position": 0,
    "snapshot_id": "c25hcHNob3Q",
    "range_start": 0,
    "insert_before": 2,
    "range_length": 1,
    "image": JPEG,
    "device_id": "a-device",
    "force_play": True,
    "position_ms": 0,
    "context_uri": f"spotify:album:{ID}",
    "volume_percent": 50,
    "uri": TRACK_URI,
    "tracks_only": False,
    "method": "GET",
    "path": "/me",
    "params": {"a": "b"},
    "before": 1_700_000_000_000,
}
VALID_FOR: dict[str, dict[str, Any]] = {
    "playback_repeat": {"state": "off"},
    "playback_shuffle": {"state": True},
    "followed_artists": {"after": ID},
    "playback_recently_played": {"after": 1_700_000_000_000, "before": None},
    "playlist_change_details": {"name": "A new name"},
    "recommendations": {"genres": ["classical"]},
}
# Arguments whose annotation allows more than it says: search's ``types`` takes a lone str as one type.
LONE_STR_ALLOWED = {("search", "types")}
SKIPPED = {"json"}  # raw request's JSON body: anything JSON-ready


def endpoint_names() -> list[str]:
    return sorted(
        name for name in spotlite.__all__
        if getattr(getattr(spotlite, name), "__module__", "").startswith("spotlite.api.")
    )


def valid(function: str, name: str) -> Any:
    return VALID_FOR.get(function, {}).get(name, VALID.get(name))


def wrong_values(function: str, name: str, annotation: str) -> list[Any]:
    """Values of a wrong type (or, for ``market``, a wrong form) for an annotation."""
    optional = annotation.endswith("| None")
    kinds = annotation.removesuffix(" | None")
    values: list[Any] = [] if optional else [None]
    if kinds == "TokenLike":
        return [5, None, b"token"]
    if kinds == "bool":
        values += [1, 0, "yes", 1.0]
    elif kinds == "bool | Iterable[str]":
        values += [1, 2.5, [5]]
    elif kinds == "int":
        values += [True, "1", 1.5]
    elif kinds == "int | str":
        values += [True, 1.5, [0]]
    elif kinds == "bytes | str":
        values += [5, [JPEG]]
    elif kinds == "str":
        values += [5, b"text", [valid(function, name) or "x"], True]
    elif kinds == "Iterable[str]":
        values += [5, [5], [None], (b"x",), True]
        if (function, name) not in LONE_STR_ALLOWED:
            values += ["abc"]
    elif kinds == "Mapping[str, Any]":
        values += [5, "a=b", ["a"]]
    else:
        raise AssertionError(f"{function}({name}: {annotation}): no wrong values for this annotation")
    if name == "market":
        values += ["FIN", "", "F1", "from token"]
    return values


def cases() -> list[tuple[str, dict[str, Any], str, Any]]:
    """(function, valid arguments, argument made wrong, wrong value) for every endpoint and argument."""
    found = []
    for function in endpoint_names():
        signature = inspect.signature(getattr(spotlite, function))
        arguments = {
            name: valid(function, name)
            for name, p in signature.parameters.items()
            if p.kind is not p.VAR_KEYWORD and (p.default is p.empty or name in VALID_FOR.get(function, {}))
        }
        for name, p in signature.parameters.items():
            if p.kind is p.VAR_KEYWORD or name in SKIPPED:
                continue
            assert name in VALID or name in VALID_FOR.get(function, {}), f"{function}: no valid value for {name}"
            for value in wrong_values(function, name, str(p.annotation)):
                found.append((function, arguments, name, value))
    return found


CASES = cases()


@pytest.fixture
def server(loopback: Callable[[Handler], Server]) -> Server:
    """Answers 404 to anything: a valid call gets as far as sending, then raises NotFound."""
    return loopback(lambda request, conn: reply(conn, 404, {"error": {"status": 404, "message": "nothing here"}}))


def test_every_endpoint_and_argument_is_covered() -> None:
    functions = {function for function, *_ in CASES}
    assert len(functions) == 101  # the 100 endpoints and ``request``
    assert len(CASES) > 500


@pytest.mark.parametrize("function", endpoint_names())
def test_a_valid_call_sends(server: Server, function: str) -> None:
    """The baseline of the wrong calls below is valid: it gets as far as a request."""
    arguments = next(arguments for name, arguments, *_ in CASES if name == function)
    with pytest.raises(NotFound):
        getattr(spotlite, function)(**arguments)
    assert server.requests


@pytest.mark.parametrize("function", endpoint_names())
def test_a_wrong_type_is_refused_before_sending(server: Server, function: str) -> None:
    accepted = []
    for _, arguments, name, value in (case for case in CASES if case[0] == function):
        try:
            getattr(spotlite, function)(**{**arguments, name: value})
        except InvalidInput:
            pass
        except Exception as error:  # noqa: BLE001 - collected, reported together below
            accepted.append(f"{name}={value!r}: {type(error).__name__}: {error}")
        else:
            accepted.append(f"{name}={value!r}: no error")
        assert server.requests == [], f"{function}({name}={value!r}) sent a request"
    assert accepted == []


def test_playlist_create_in_tekores_order_points_to_playlist_create_for_user(server: Server) -> None:
    with pytest.raises(InvalidInput, match="playlist_create_for_user"):
        spotlite.playlist_create("dummy-token", "smedjan", "My list")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="playlist_create_for_user"):
        spotlite.playlist_create("dummy-token", "spotify:user:smedjan", "My list", "mine")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="public must be True or False") as refused:
        spotlite.playlist_create("dummy-token", "My list", "yes")  # type: ignore[arg-type]
    assert "playlist_create_for_user" not in str(refused.value)  # a name with a space is no user ID
    assert server.requests == []
