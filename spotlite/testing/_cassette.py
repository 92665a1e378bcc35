"""``cassette``: vcrpy set up as spotlite's own tests use it.

Requests match on method, scheme, host, port, path, query and body, so a
cassette proves the exact request. Secrets are filtered both ways:

- requests, as recorded and as matched on replay: no ``Authorization``,
  ``Proxy-Authorization`` or ``Cookie`` header; ``client_secret``,
  ``refresh_token``, ``code`` and ``code_verifier`` in form bodies become
  ``REDACTED`` (a replayed request with any secret matches);
- answers, as written and as replayed: ``access_token`` and ``refresh_token``
  in JSON answers become ``dummy-access-token`` and ``dummy-refresh-token``,
  ``Set-Cookie`` headers are dropped. While recording, the code under test
  still gets the real answer; only the cassette holds placeholders.

Compressed answers are stored decoded; multi-line bodies (JSON as Spotify
sends it) are written as YAML literal blocks, so a cassette reads like the JSON
it holds. Requests sent to spotlite's configured ``api_url`` and
``accounts_url`` (a stand-in, a proxy) are written as sent to Spotify.
"""

from __future__ import annotations

import functools
import inspect
import json
import os
import textwrap
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar, cast
from urllib.parse import parse_qsl, urlencode

import vcr
import vcr.cassette
import vcr.errors
import yaml
from vcr.serializers import yamlserializer

from .._http import SPOTIFY_API, configured, settings
from ._common import ANSWER_SECRETS, CREDENTIALS, FORM_SECRETS, RECORD_VARIABLE, REDACTED, record_mode

__all__ = ["CassetteUse", "MissingInteraction", "cassette"]

SPOTIFY_ACCOUNTS = "https://accounts.spotify.com"
MATCH_ON = ("method", "scheme", "host", "port", "path", "query", "body")
FILTERED_HEADERS = ("authorization", "proxy-authorization", "cookie")

F = TypeVar("F", bound=Callable[..., Any])


class MissingInteraction(BaseException):
    """A request the cassette does not hold, in a record mode that does not record it.

    Its message names the request and the cassette and says how to record it.
    Like ``pytest.fail``'s exception it derives from ``BaseException``, not
    ``Exception``: neither spotlite (which would turn it into a
    ``TransportError`` and retry) nor an ``except Exception`` in the code under
    test swallows it, so the test fails with the message.
    """


def cassette(
    path: str | os.PathLike[str], *, record: str | None = None, hosts: Mapping[str, str] | None = None
) -> CassetteUse:
    """A vcrpy cassette at ``path``, set up as spotlite's own tests use theirs: a context manager and a decorator.

    ::

        with spotlite.testing.cassette("cassettes/albums.yaml"):
            album = spotlite.album(token, "3RBULTZJ97bvVzZLpxcB0j")

        @spotlite.testing.cassette("cassettes/top.yaml")
        def test_top_tracks() -> None: ...

    The ``with`` block gets vcrpy's ``Cassette`` (``.requests``, ``.responses``,
    ``.play_count``). ``path`` is a file (relative to the working directory),
    YAML unless it ends in ``.json``. Inside it, pages are fetched one after
    another (``pages_ahead=1``): vcrpy cannot replay connections opened at once.

    Args:
        record: the record mode; None (the default) takes it from the
            environment (``SPOTLITE_RECORD``: unset replays only, ``1`` records
            what is missing, ``all`` records the cassette again, ``once``
            records a cassette that does not exist); or one of ``"none"``,
            ``"new_episodes"``, ``"once"``, ``"all"``.
        hosts: more URL prefixes to write as others, ``{sent to: written as}``
            (``{"http://127.0.0.1:8080": "https://api.spotify.com"}``), for
            requests routed below spotlite (a transport adapter). Requests
            under the configured ``api_url`` and ``accounts_url`` are always
            written as sent to Spotify.

    A request the cassette does not hold raises ``MissingInteraction`` when the
    record mode does not record it. In mode ``all`` the cassette file is
    deleted when the block starts, so it holds only what was recorded again.
    """
    if record is not None:
        record_mode(record)  # a wrong value fails here, where it is written
    for sent, written in (hosts or {}).items():
        if "://" not in sent or "://" not in written:
            raise ValueError(f"hosts maps URL prefixes (scheme://host...), got {sent!r}: {written!r}")
    return CassetteUse(Path(path), record, hosts or {})


class CassetteUse:
    """What ``cassette`` returns: one use at a time as a ``with`` block; as a decorator, one per call."""

    def __init__(self, path: Path, record: str | None, hosts: Mapping[str, str]) -> None:
        self.path = path
        self.record = record
        self.hosts = {sent.rstrip("/"): written.rstrip("/") for sent, written in hosts.items()}
        self._context: Any = None

    def __repr__(self) -> str:
        return f"spotlite.testing.cassette({str(self.path)!r}, record={self.record!r})"

    def __enter__(self) -> Any:
        if self._context is not None:
            raise RuntimeError(f"{self!r} is already in use: enter it once at a time")
        mode = record_mode(self.record)
        if mode == "all":
            self.path.unlink(missing_ok=True)  # vcrpy's "all" would keep what is not recorded again
        recorder = vcr.VCR(
            record_mode=mode,
            match_on=MATCH_ON,
            filter_headers=list(FILTERED_HEADERS),
            before_record_request=functools.partial(_scrub_request, self.hosts),
            before_record_response=_scrub_response,
            decode_compressed_response=True,
            serializer="json" if self.path.suffix.lower() == ".json" else "spotlite-yaml",
        )
        recorder.register_serializer("spotlite-yaml", _YamlSerializer)
        context = _Cassette.use(**recorder.get_merged_config(path=str(self.path)))
        recorded = context.__enter__()
        recorded.spotlite_record = self.record
        # Pages one after another inside a cassette: vcrpy puts the real connection classes back, process-wide,
        # while it opens a connection, so connections opened at once by paging-ahead threads could bypass it.
        one_at_a_time = configured(pages_ahead=1)
        one_at_a_time.__enter__()
        self._context = (context, one_at_a_time)
        return recorded

    def __exit__(self, *exc_info: object) -> None:
        (context, one_at_a_time), self._context = self._context, None
        try:
            one_at_a_time.__exit__(*exc_info)
        finally:
            context.__exit__(*exc_info)

    def __call__(self, function: F) -> F:
        """Decorate ``function`` (sync or async): each call runs inside a fresh use of the cassette."""
        if inspect.iscoroutinefunction(function):

            @functools.wraps(function)
            async def run_async(*args: Any, **kwargs: Any) -> Any:
                with CassetteUse(self.path, self.record, self.hosts):
                    return await function(*args, **kwargs)

            return cast(F, run_async)

        @functools.wraps(function)
        def run(*args: Any, **kwargs: Any) -> Any:
            with CassetteUse(self.path, self.record, self.hosts):
                return function(*args, **kwargs)

        return cast(F, run)


class _Cassette(vcr.cassette.Cassette):  # type: ignore[misc,unused-ignore]
    """vcrpy's cassette, raising ``MissingInteraction`` where vcrpy would raise its own exception.

    For a request a cassette can neither play nor record, every vcrpy stub
    (requests, urllib3, httpx, aiohttp...) asks ``filter_request`` whether it is
    to be recorded at all, and then raises vcrpy's exception, which spotlite
    would turn into a ``TransportError`` and retry. ``filter_request`` raises
    first, for a request that is not ignored, cannot be played, and the
    cassette is write-protected: exactly when vcrpy would.
    """

    spotlite_record: str | None = None

    def filter_request(self, request: Any) -> Any:
        filtered = super().filter_request(request)
        if filtered and self.write_protected and not super().can_play_response_for(request):
            raise MissingInteraction(_missing(self, filtered))
        return filtered


def _missing(recorded: Any, request: Any) -> str:
    """The message of ``MissingInteraction``: the request, the cassette, and how to record it."""
    path = str(getattr(recorded, "_path", "") or "the cassette")
    mode = getattr(recorded.record_mode, "value", recorded.record_mode)
    where = "" if Path(path).exists() else " (the file does not exist yet)"
    if recorded.spotlite_record is None:
        how = (f"To record it, run the test again with {RECORD_VARIABLE}=1 (records what is missing) or "
               f"{RECORD_VARIABLE}=all (records the whole cassette again),")
    else:
        how = (f"To record it, open the cassette with record=None and run the test again with {RECORD_VARIABLE}=1 "
               f"(or with record='new_episodes' for one run),")
    lines = [
        (f"{request.method} {request.uri} is not in the cassette {path}{where}; record mode {mode!r} plays back "
         f"only what it holds."),
        how,
        f"against Spotify: with {', '.join(CREDENTIALS)} set, the spotify_token fixture gives a live token.",
        f"Then look for secrets with `python -m spotlite.testing check {Path(path).parent}` and commit the cassette.",
    ]
    try:
        details = str(vcr.errors.CannotOverwriteExistingCassetteException(cassette=recorded, failed_request=request))
    except Exception:  # noqa: BLE001 - vcrpy's explanation is a bonus
        details = ""
    if details:
        lines += ["", "vcrpy's view:", textwrap.indent(details, "    ")]
    return "\n".join(lines)


def _scrub_request(hosts: Mapping[str, str], request: Any) -> Any:
    """The request as the cassette holds it: under Spotify's URLs, without secrets in its form body.

    vcrpy hands a copy (the request sent is unchanged) and runs this on every
    request recorded, loaded or matched.
    """
    request.uri = _written(request.uri, hosts)
    body = request.body
    if body:
        text = body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body)
        kind = request.headers.get("Content-Type") or ""
        if "grant_type=" in text or "x-www-form-urlencoded" in kind.lower():
            form = parse_qsl(text, keep_blank_values=True)
            if any(key in FORM_SECRETS for key, _ in form):
                request.body = urlencode([(key, REDACTED if key in FORM_SECRETS else value) for key, value in form])
    return request


def _written(uri: str, hosts: Mapping[str, str]) -> str:
    """``uri`` as written in a cassette: under Spotify's URLs when sent under the configured ones."""
    config = settings()
    prefixes = {config.api_url: SPOTIFY_API, config.accounts_url: SPOTIFY_ACCOUNTS, **hosts}
    for sent in sorted(prefixes, key=len, reverse=True):
        written = prefixes[sent]
        if sent != written and (uri == sent or uri.startswith((sent + "/", sent + "?"))):
            return written + uri[len(sent):]
    return uri


def _scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    """The answer as the cassette holds it: tokens as placeholders, no cookies.

    vcrpy hands a copy when recording (the code under test gets the real
    answer) and runs this on every answer loaded, so a replay gives
    placeholders even from a cassette that was written with tokens.
    """
    headers = response.get("headers") or {}
    for name in [name for name in headers if name.lower() == "set-cookie"]:
        del headers[name]
    body = (response.get("body") or {}).get("string")
    if not body:
        return response
    try:
        text = body.decode("utf-8-sig") if isinstance(body, bytes) else str(body)
    except UnicodeDecodeError:
        return response
    text = text.removeprefix("\ufeff")  # a byte-order mark, which spotlite's parser accepts as json does
    if not text.lstrip().startswith("{") or not any(f'"{key}"' in text for key in ANSWER_SECRETS):
        return response
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return response
    if not isinstance(data, dict):
        return response
    changed = False
    for key, placeholder in ANSWER_SECRETS.items():
        if isinstance(data.get(key), str) and data[key] != placeholder:
            data[key] = placeholder
            changed = True
    if changed:
        new = json.dumps(data, indent=2).encode()
        response["body"]["string"] = new if isinstance(body, bytes) else new.decode()
        for name in headers:
            if name.lower() == "content-length":
                headers[name] = [str(len(new))]
    return response


def _literal(dumper: Any, value: str) -> Any:
    """A string as a YAML literal block when it spans lines (PyYAML falls back when it cannot)."""
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper: Any = type("_Dumper", (getattr(yaml, "CSafeDumper", yaml.SafeDumper),), {})
_Dumper.add_representer(str, _literal)


class _YamlSerializer:
    """vcrpy's YAML format, written with bodies as literal blocks; read by vcrpy's own reader."""

    @staticmethod
    def serialize(data: Any) -> str:
        try:
            text: str = yaml.dump(data, Dumper=_Dumper)
        except yaml.YAMLError:  # something PyYAML's safe dumper cannot write: vcrpy's own way
            text = yamlserializer.serialize(data)
        return text

    @staticmethod
    def deserialize(text: str) -> Any:
        return yamlserializer.deserialize(text)
