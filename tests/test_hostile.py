"""What a hostile server and a fuzzer tried, each ending in a documented spotlite error.

Answers that crash a parser (nesting deeper than ``json`` goes, an integer no
float holds), models that cannot be built or shown, and arguments that would
escape as raw errors (lone surrogates) or fill a log (a 10 MB value quoted
whole). The endpoint calls reuse the valid arguments of
``tests/test_argument_types.py``, so every endpoint function is probed.
"""

from __future__ import annotations

import asyncio
import inspect
import socket
import traceback
import tracemalloc
from collections.abc import Callable
from typing import Any

import pytest
from loopback import Handler, Request, Server, answer, reply
from test_argument_types import CASES, endpoint_names

import spotlite
from spotlite import aio, models
from spotlite.errors import HTTPError, InvalidInput, MappingError, SpotliteError, TransportError

Loopback = Callable[[Handler], Server]
NESTED = {"arrays": b"[" * 100_000, "objects": b'{"a":' * 100_000}
SURROGATES = ("\ud800", "ab\udfffcd")
BIG = "x" * 10_000_000
READABLE = 400  # characters: what a message quoting a 10 MB value may grow to
TRACK = "3hHWhvw2hjwfngWcFjIzqr"


def valid_arguments(function: str) -> dict[str, Any]:
    return next(arguments for name, arguments, *_ in CASES if name == function)


class Answering:
    """A loopback handler answering every request with one status and raw body, changed between calls."""

    def __init__(self) -> None:
        self.status, self.body = 200, b"{}"

    def __call__(self, request: Request, conn: socket.socket) -> None:
        conn.sendall(answer(self.status, raw=self.body))


@pytest.fixture
def answering(loopback: Loopback) -> Answering:
    handler = Answering()
    loopback(handler)
    spotlite.configure(retries=0)
    return handler


def assert_carries(error: SpotliteError, status: int) -> None:
    """The error names the answer's status: an HTTPError's ``status``, or a TransportError's message."""
    if isinstance(error, HTTPError):
        assert error.status == status
    else:
        assert isinstance(error, TransportError) and f"({status})" in str(error), error


# Answers nested deeper than json goes


@pytest.mark.parametrize("status", [200, 400, 401])
@pytest.mark.parametrize("shape", sorted(NESTED))
def test_a_deeply_nested_answer_is_a_spotlite_error_from_every_endpoint(
    answering: Answering, status: int, shape: str
) -> None:
    answering.status, answering.body = status, NESTED[shape]
    escaped = []
    for function in endpoint_names():
        try:
            getattr(spotlite, function)(**valid_arguments(function))
        except SpotliteError as error:
            assert_carries(error, status)
        except BaseException as error:  # noqa: BLE001 - collected, reported together below
            escaped.append(f"{function}: {type(error).__name__}")
        else:
            escaped.append(f"{function}: no error")
    assert escaped == []


@pytest.mark.parametrize("status", [200, 400, 401])
def test_a_deeply_nested_answer_is_a_spotlite_error_from_the_aio_twins(answering: Answering, status: int) -> None:
    answering.status, answering.body = status, NESTED["arrays"]

    async def call_all() -> list[str]:
        escaped = []
        for function in endpoint_names():
            try:
                await getattr(aio, function)(**valid_arguments(function))
            except SpotliteError as error:
                assert_carries(error, status)
            except BaseException as error:  # noqa: BLE001 - collected, reported together below
                escaped.append(f"{function}: {type(error).__name__}")
        return escaped

    assert asyncio.run(call_all()) == []


@pytest.mark.parametrize("status", [200, 400, 401])
@pytest.mark.parametrize("shape", sorted(NESTED))
def test_a_deeply_nested_answer_from_the_token_endpoint_is_a_spotlite_error(
    answering: Answering, status: int, shape: str
) -> None:
    answering.status, answering.body = status, NESTED[shape]
    for call in (lambda: spotlite.request_client_token("client-id", "client-secret"),
                 lambda: spotlite.refresh_user_token("client-id", "client-secret", "refresh-token"),
                 lambda: spotlite.refresh_pkce_token("client-id", "refresh-token")):
        with pytest.raises(SpotliteError) as raised:
            call()
        assert_carries(raised.value, status)


def test_a_deeply_nested_answer_is_refused_in_bounded_memory(answering: Answering) -> None:
    answering.body = b"[" * 10_000_000  # 10 MB of nesting
    tracemalloc.start()
    try:
        with pytest.raises(TransportError, match=r"\(200\)"):
            spotlite.request("dummy-token", "GET", "/me")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 40_000_000  # the body and its parts, not a structure per bracket


# Numbers no float holds


FEATURES = {
    "id": TRACK, "uri": f"spotify:track:{TRACK}", "type": "audio_features", "acousticness": 0.5, "danceability": 0.5,
    "energy": 0.5, "instrumentalness": 0.5, "liveness": 0.5, "loudness": -5.0, "speechiness": 0.1, "valence": 0.5,
    "key": 1, "mode": 1, "time_signature": 4, "duration_ms": 1000, "track_href": f"https://api.spotify.com/v1/tracks/{TRACK}",
    "analysis_url": f"https://api.spotify.com/v1/audio-analysis/{TRACK}", "tempo": 10**400,
}


def test_an_integer_too_large_for_a_float_is_a_mapping_error(loopback: Loopback) -> None:
    loopback(lambda request, conn: reply(conn, 200, FEATURES))
    with pytest.raises(MappingError, match="'tempo': expected float"):
        spotlite.track_audio_features("dummy-token", TRACK)
    with pytest.raises(MappingError, match="'tempo': expected float"):
        asyncio.run(aio.track_audio_features("dummy-token", TRACK))
    with pytest.raises(MappingError, match="'tempo': expected float"):
        models.from_dict(models.AudioFeatures, FEATURES)
    with pytest.raises(MappingError, match="'tempo': expected float"):
        models.from_dict(models.AudioFeatures, {**FEATURES, "tempo": -(10**400)})


def test_an_integer_too_large_for_a_float_in_a_list_is_a_mapping_error(loopback: Loopback) -> None:
    loopback(lambda request, conn: reply(conn, 200, {"audio_features": [FEATURES]}))
    with pytest.raises(MappingError, match="expected float"):
        spotlite.tracks_audio_features("dummy-token", [TRACK])


# Models that cannot be built or shown


@pytest.mark.parametrize("base", [models.Paging, models.OffsetPaging, models.CursorPaging,
                                  models.OffsetPaging[models.SimpleTrack]])
def test_from_dict_refuses_a_generic_paging_base(base: Any) -> None:
    page = {"href": "x", "items": [], "limit": 1, "next": None, "total": 0, "offset": 0}
    for data in ({}, page):
        with pytest.raises(InvalidInput, match="SimpleTrackPaging"):
            models.from_dict(base, data)
    assert models.from_dict(models.SimpleTrackPaging, page).total == 0


@pytest.mark.parametrize(("model", "data"), [
    (models.FullTrack, {"id": TRACK, "name": 5}),
    (models.SimpleTrackPaging, {"href": "x", "items": [{"id": 5}], "limit": 1, "total": 1, "offset": 0}),
    (models.FullAlbum, {"id": TRACK, "name": "x", "images": [{"url": "u", "height": "tall"}]}),
])
def test_locals_of_a_mapping_error_can_be_captured(model: Any, data: dict[str, Any]) -> None:
    """Error trackers call ``repr`` on every local of every frame, half-built models included."""
    with pytest.raises(MappingError) as raised:
        models.from_dict(model, data)
    error = raised.value
    shown = traceback.TracebackException(type(error), error, error.__traceback__, capture_locals=True)
    text = "".join(shown.format())
    assert "being built" in text
    frames = traceback.walk_tb(error.__traceback__)
    for frame, _ in frames:
        for value in frame.f_locals.values():
            repr(value), str(value)


def test_a_mapping_error_from_an_endpoint_can_be_captured_with_locals(loopback: Loopback) -> None:
    loopback(lambda request, conn: reply(conn, 200, {"id": TRACK, "name": 5, "type": "track"}))
    with pytest.raises(MappingError) as raised:
        spotlite.track("dummy-token", TRACK)
    error = raised.value
    traceback.TracebackException(type(error), error, error.__traceback__, capture_locals=True).format()


# Arguments: lone surrogates, and values too long to quote


def text_arguments() -> list[tuple[str, str, str]]:
    """(function, argument, annotation) of every argument of an endpoint that takes text."""
    found = []
    for function in endpoint_names():
        for name, parameter in inspect.signature(getattr(spotlite, function)).parameters.items():
            annotation = str(parameter.annotation)
            if name != "token" and ("str" in annotation or "Mapping" in annotation):
                found.append((function, name, annotation))
    return found


TEXT_ARGUMENTS = text_arguments()


def holding(annotation: str, text: str) -> list[Any]:
    """Values of the argument's own type that hold ``text``."""
    if "Mapping" in annotation:
        return [{"a": text}, {text: "a"}]
    values: list[Any] = [[text]] if "Iterable" in annotation else []
    return values + ([text] if annotation.split(" | ")[0] in ("str", "bytes") or "Iterable" not in annotation
                     else [])


@pytest.fixture
def server(loopback: Loopback) -> Server:
    return loopback(lambda request, conn: reply(conn, 404, {"error": {"status": 404, "message": "nothing here"}}))


def test_every_argument_that_takes_text_is_probed() -> None:
    named = {name for _, name, _ in TEXT_ARGUMENTS}
    assert {"user_id", "category_id", "query", "device_id", "fields", "locale", "name", "description",
            "user_ids", "genres", "path", "params", "market"} <= named
    assert len(TEXT_ARGUMENTS) > 140


@pytest.mark.parametrize("function", sorted({function for function, *_ in TEXT_ARGUMENTS}))
def test_a_lone_surrogate_in_any_argument_is_refused_before_sending(server: Server, function: str) -> None:
    escaped = []
    for name, annotation in ((n, a) for f, n, a in TEXT_ARGUMENTS if f == function):
        for surrogate in SURROGATES:
            for value in holding(annotation, surrogate):
                try:
                    getattr(spotlite, function)(**{**valid_arguments(function), name: value})
                except InvalidInput as error:
                    str(error).encode()  # the message itself can be printed and logged
                except BaseException as error:  # noqa: BLE001 - collected, reported together below
                    escaped.append(f"{name}={value!a}: {type(error).__name__}")
                else:
                    escaped.append(f"{name}={value!a}: no error")
                assert server.requests == [], f"{function}({name}={value!a}) sent a request"
    assert escaped == []


def test_a_lone_surrogate_is_refused_by_the_auth_functions(server: Server) -> None:
    redirect = "http://127.0.0.1:8080/callback"
    calls: list[Callable[[str], Any]] = [
        lambda s: spotlite.request_client_token(s, "client-secret"),
        lambda s: spotlite.request_client_token("client-id", s),
        lambda s: spotlite.request_user_token("client-id", "client-secret", redirect, s),
        lambda s: spotlite.request_user_token("client-id", "client-secret", redirect + s, "code"),
        lambda s: spotlite.refresh_user_token("client-id", "client-secret", s),
        lambda s: spotlite.request_pkce_token("client-id", redirect, "code", s),
        lambda s: spotlite.refresh_pkce_token(s, "refresh-token"),
        lambda s: spotlite.authorisation_url("client-id", redirect, state=s),
        lambda s: spotlite.authorisation_url("client-id", redirect, scope=s),
        lambda s: spotlite.begin_authorisation(s, redirect),
    ]
    for call in calls:
        with pytest.raises(InvalidInput, match="lone surrogate") as raised:
            call("VALUE-8c1f\ud800")
        assert "VALUE-8c1f" not in str(raised.value) and raised.value.__context__ is None
    assert server.requests == []


@pytest.mark.parametrize("function", sorted({function for function, *_ in TEXT_ARGUMENTS}))
def test_a_refused_10_mb_value_is_quoted_at_a_readable_length(server: Server, function: str) -> None:
    """Each value is refused (a lone surrogate at its end, or the wrong type), and its message stays short."""
    too_long = []
    for name, annotation in ((n, a) for f, n, a in TEXT_ARGUMENTS if f == function):
        wrong_type = [[5, BIG], [("a", BIG)]] + ([] if "Iterable" in annotation else [(BIG,)])
        for value in [*holding(annotation, BIG + "\ud800"), *wrong_type]:
            with pytest.raises(InvalidInput) as raised:
                getattr(spotlite, function)(**{**valid_arguments(function), name: value})
            if len(str(raised.value)) > READABLE:
                too_long.append(f"{name}: {len(str(raised.value))} characters: {str(raised.value)[:80]}")
        assert server.requests == []
    assert too_long == []


def test_every_message_quoting_a_value_cuts_it() -> None:
    """Messages that quote a value at sites the per-argument probes do not reach."""
    huge = BIG + "\ud800"
    probes: list[Callable[[], Any]] = [
        lambda: spotlite.configure(api_url=huge),
        lambda: spotlite.configure(timeout=huge),
        lambda: spotlite.configure(**{huge: 1}),
        lambda: spotlite.to_id(huge, "track"),
        lambda: spotlite.to_uri(huge, "track"),
        lambda: spotlite.to_id(f"spotify:album:{BIG}", "track"),
        lambda: spotlite.request("dummy-token", "GET", "https://elsewhere.example/" + BIG),
    ]
    for probe in probes:
        with pytest.raises(InvalidInput) as raised:
            probe()
        assert len(str(raised.value)) <= 1000, str(raised.value)[:200]
