"""``check``: look through cassettes for anything that looks like a live token, secret or code.

It reads vcrpy cassettes (YAML or JSON; other YAML and JSON files too) and
reports, with a masked preview:

- ``Authorization`` and ``Proxy-Authorization`` headers that are not
  placeholders (a ``Basic`` one when the client secret in it is not);
- ``access_token``, ``refresh_token``, ``client_secret``, ``code_verifier``
  and ``id_token`` values in JSON bodies and documents;
- ``client_secret=``, ``code=``, ``code_verifier=``, ``refresh_token=`` and
  ``access_token=`` in form bodies and URL queries;
- the shapes of Spotify's tokens anywhere: access tokens (``BQ...``) and
  refresh tokens (``AQ...``), long base64url strings.

A placeholder is a value under 8 characters, a mask (``***``, ``<token>``) or
a value holding a word such as ``dummy``, ``redacted`` or ``placeholder``
(see ``is_placeholder``).

Each file is searched twice: parsed (every document of a YAML file), and as
raw text line by line, so what the parsed structure hides (a YAML comment, a
header's value on the line after its name) is found too. A file that cannot
be parsed (or read, or nests too deeply) is reported, and still searched line
by line; nothing in a file makes the check crash.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import gzip
import json
import os
import re
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import yaml

from ._common import is_placeholder

__all__ = ["Finding", "Report", "check"]

SUFFIXES = (".yaml", ".yml", ".json")
JSON_SECRETS = ("access_token", "refresh_token", "client_secret", "code_verifier", "id_token")
FORM_SECRETS = ("client_secret", "code", "code_verifier", "refresh_token", "access_token")
AUTH_HEADERS = ("authorization", "proxy-authorization")
_BASE64URL = r"A-Za-z0-9_\-"
# A token may follow anything but a character of base64 (after ``=`` in ``?t=BQ...`` or ``sp_dc=AQ...``, after
# ``/`` in a path); it must end where base64 would not go on, so a run inside a base64 blob is not one.
_TOKEN_SHAPE = re.compile(rf"(?<![{_BASE64URL}+])([AB]Q[{_BASE64URL}]{{70,}})(?![{_BASE64URL}+/=])")
_RAW_FORM = re.compile(r"\b(client_secret|code|code_verifier|refresh_token|access_token)=([^&\s\"'\\]+)")
_RAW_JSON = re.compile(r"\\?\"(access_token|refresh_token|client_secret|code_verifier|id_token)\\?\"\s*:\s*"
                       r"\\?\"([^\"\\]+)")


@dataclasses.dataclass(frozen=True)
class Finding:
    """Something in a cassette that looks like a secret; ``preview`` shows only its start."""

    path: str
    line: int | None  # None when the secret could not be placed on a line
    where: str  # "interaction 3, request header Authorization"
    kind: str  # "an Authorization header", "a Spotify access token"...
    preview: str

    def __str__(self) -> str:
        place = f"{self.path}:{self.line}" if self.line else self.path
        return f"{place}: {self.kind} ({self.where}): {self.preview}"


@dataclasses.dataclass(frozen=True)
class Report:
    """What ``check`` looked through and found."""

    files: int
    interactions: int
    findings: tuple[Finding, ...]
    unreadable: tuple[str, ...] = ()  # files that could not be parsed (searched line by line)

    def summary(self) -> str:
        looked = f"{self.files} file{'s' * (self.files != 1)}, {self.interactions} interactions"
        if not self.findings:
            return f"spotlite.testing check: no token or secret found ({looked})"
        files = len({finding.path for finding in self.findings})
        return (f"spotlite.testing check: {len(self.findings)} possible secret{'s' * (len(self.findings) != 1)} "
                f"in {files} file{'s' * (files != 1)} ({looked}); replace them with placeholders or record again")


def check(paths: Iterable[str | os.PathLike[str]]) -> Report:
    """Look through cassette files, and folders of them (recursively, ``.yaml``, ``.yml``, ``.json``).

    Raises:
        FileNotFoundError: a path does not exist.
    """
    files: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
        elif path.exists():
            files.append(path)
        else:
            raise FileNotFoundError(f"no such file or folder: {os.fspath(given)}")
    findings: list[Finding] = []
    interactions = 0
    unreadable: list[str] = []
    for path in dict.fromkeys(files):
        count, found, parsed = _check_file(path)
        interactions += count
        findings += found
        if not parsed:
            unreadable.append(str(path))
    return Report(len(set(files)), interactions, tuple(findings), tuple(unreadable))


def _check_file(path: Path) -> tuple[int, list[Finding], bool]:
    """The interactions, findings and whether the file parsed: found in its structure, then in its raw lines."""
    try:
        text = path.read_bytes().decode("utf-8", "replace")
    except OSError:
        return 0, [], False
    lines = text.splitlines()
    raw = list(_search_lines(lines))
    try:
        interactions, found, ranges = _check_parsed(text, path.suffix.lower() == ".json")
    except Exception:  # noqa: BLE001 - not YAML or JSON, nested too deeply, anything: the raw lines still count
        return 0, [_finding(path, lines, {}, *each) for each in raw], False
    found += [each for each in raw if not any(_same(each[2], other) for *_, other in found)]
    findings = [_finding(path, lines, ranges, *each) for each in found]
    return interactions, sorted(findings, key=lambda finding: finding.line or len(lines) + 1), True


def _same(secret: str, other: str) -> bool:
    return secret in other or other in secret


def _check_parsed(text: str, is_json: bool) -> tuple[int, list[tuple[str, str, str]], dict[str, range]]:
    """The interactions, ``(where, kind, secret)`` found and line ranges of every document of a file."""
    documents, ranges = ([json.loads(text)], {}) if is_json else _load_yaml(text)
    found: list[tuple[str, str, str]] = []
    interactions = 0
    for document in documents:
        if isinstance(document, dict) and isinstance(document.get("interactions"), list):
            for interaction in document["interactions"]:
                interactions += 1
                if isinstance(interaction, dict):
                    found += _once(_interaction(interactions, interaction))
            rest = {key: value for key, value in document.items() if key != "interactions"}
        else:
            rest = {"document": document}
        found += _once(_walk("", rest))
    return interactions, found, ranges


def _load_yaml(text: str) -> tuple[list[Any], dict[str, range]]:
    """Every document, and the lines of each interaction and of its request and response (by ``where``).

    Interactions are numbered on through the documents of a multi-document file.
    """
    loader = _Loader(text)
    documents: list[Any] = []
    ranges: dict[str, range] = {}
    number = 0
    try:
        while loader.check_node():
            node = loader.get_node()
            documents.append(loader.construct_document(node))
            for key, value in node.value if isinstance(node, yaml.MappingNode) else ():
                if key.value == "interactions" and isinstance(value, yaml.SequenceNode):
                    for item in value.value:
                        number += 1
                        ranges[f"interaction {number}"] = _lines(item)
                        for part, inner in item.value if isinstance(item, yaml.MappingNode) else ():
                            ranges[f"interaction {number}, {part.value}"] = _lines(inner)
    finally:
        loader.dispose()
    return documents, ranges


def _lines(node: Any) -> range:
    return range(node.start_mark.line, node.end_mark.line + 1)


def _once(found: Iterable[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Each secret once in each place, as first found there (the most telling kind comes first)."""
    kept: list[tuple[str, str, str]] = []
    for where, kind, secret in found:
        if not any(place == where and (secret in other or other in secret) for place, _, other in kept):
            kept.append((where, kind, secret))
    return kept


def _interaction(number: int, interaction: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    """``(where, kind, secret)`` of one interaction."""
    request = _part(interaction, "request")
    response = _part(interaction, "response")
    for side, part in (("request", request), ("response", response)):
        for name, values in _part(part, "headers").items():
            for value in values if isinstance(values, list) else [values]:
                where = f"interaction {number}, {side} header {name}"
                if side == "request" and str(name).lower() in AUTH_HEADERS and isinstance(value, str):
                    if _live_authorization(value):
                        yield where, f"a live {name} header", value
                else:
                    yield from _walk(where, value)
                    if isinstance(value, str) and "?" in value:  # a Location back to a redirect URI
                        yield from _query(where, value)
    uri = request.get("uri")
    if isinstance(uri, str):
        where = f"interaction {number}, request URL"
        yield from _query(where, uri)
        yield from ((where, kind, secret) for kind, secret in _shapes(uri))
    yield from _body(f"interaction {number}, request body", request.get("body"))
    yield from _body(f"interaction {number}, response body", response.get("body"))
    rest = {"request": {k: v for k, v in request.items() if k not in ("headers", "uri", "body")},
            "response": {k: v for k, v in response.items() if k not in ("headers", "body")},
            **{k: v for k, v in interaction.items() if k not in ("request", "response")}}
    for where, kind, secret in _walk("", rest):  # token shapes and secret keys anywhere else
        yield f"interaction {number}, {where}", kind, secret


def _query(where: str, url: str) -> Iterator[tuple[str, str, str]]:
    """Secrets in a URL's query (``code=`` in a redirect)."""
    try:
        query = urlsplit(url).query
    except ValueError:
        return
    for key, value in parse_qsl(query, keep_blank_values=True):
        if key in FORM_SECRETS and not is_placeholder(value):
            yield where, f"{key}= in a URL", value


def _part(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def _live_authorization(value: str) -> bool:
    scheme, _, credential = value.strip().partition(" ")
    if not credential:
        return not is_placeholder(scheme)
    if scheme.lower() == "basic":
        try:
            decoded = base64.b64decode(credential, validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return not is_placeholder(credential)
        _, colon, secret = decoded.partition(":")
        return not is_placeholder(secret if colon else decoded)
    return not is_placeholder(credential)


def _body(where: str, body: Any) -> Iterator[tuple[str, str, str]]:
    """Secrets in a body: JSON keys, form fields, token shapes."""
    text = _text(body)
    if not text:
        return
    stripped = text.strip()
    if stripped.startswith(("{", "[")):
        if any(f'"{key}"' in text for key in JSON_SECRETS):
            try:
                data = json.loads(text)
            except (ValueError, RecursionError):  # not JSON, or nested too deeply: the text is still searched
                data = None
            if data is not None:
                yield from ((where, kind, secret) for _, kind, secret in _walk("", data))
    elif "=" in text and not any(c.isspace() for c in stripped):
        for key, value in parse_qsl(stripped, keep_blank_values=True):
            if key in FORM_SECRETS and not is_placeholder(value):
                yield where, f"{key}= in a form body", value
    yield from ((where, kind, secret) for kind, secret in _shapes(text))


def _text(body: Any) -> str:
    """A body as text: bytes decompressed when gzip or zlib, then decoded."""
    if isinstance(body, dict):  # vcrpy's JSON format keeps {"string": ...}
        body = body.get("string")
    if isinstance(body, (bytes, bytearray)):
        data = bytes(body)
        try:
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            elif data[:1] == b"\x78":
                data = zlib.decompress(data)
        except (OSError, zlib.error, EOFError):
            pass
        return data.decode("utf-8", "replace")
    return body if isinstance(body, str) else ""


def _walk(where: str, value: Any) -> Iterator[tuple[str, str, str]]:
    """Secret keys with live values, and token shapes in every string, anywhere in parsed data."""
    if isinstance(value, dict):
        for key, item in value.items():
            inner = f"{where}.{key}" if where else str(key)
            if key in JSON_SECRETS and isinstance(item, str) and not is_placeholder(item):
                yield inner, f"a live {key}", item
            yield from _walk(inner, item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(where, item)
    elif isinstance(value, (str, bytes, bytearray)):
        yield from ((where, kind, secret) for kind, secret in _shapes(_text(value)))


def _shapes(text: str) -> Iterator[tuple[str, str]]:
    for match in _TOKEN_SHAPE.finditer(text):
        token = match.group(1)
        if any(c.islower() for c in token) and any(c.isupper() for c in token) and any(c.isdigit() for c in token):
            yield ("a Spotify refresh token" if token.startswith("AQ") else "a Spotify access token"), token


def _search_lines(lines: list[str]) -> Iterator[tuple[str, str, str]]:
    """What a file shows line by line, parsed or not: comments, text the parser would not reach."""
    for number, line in enumerate(lines, 1):
        for kind, secret in _shapes(line):
            yield f"line {number}", kind, secret
        for pattern, form in ((_RAW_FORM, "{}= in a form body or URL"), (_RAW_JSON, "a live {}")):
            for match in pattern.finditer(line):
                if not is_placeholder(match.group(2)):
                    yield f"line {number}", form.format(match.group(1)), match.group(2)
        for name in AUTH_HEADERS:
            at = line.lower().find(name + ":")
            value = line[at + len(name) + 1:].strip().strip("'\"[]- ") if at >= 0 else ""
            if at >= 0 and not value and number < len(lines):  # YAML: the value is the next line's list item
                value = lines[number].strip().strip("'\"[]- ")
            if value and _live_authorization(value):
                yield f"line {number}", f"a live {name} header", value


def _finding(path: Path, lines: list[str], ranges: dict[str, range], where: str, kind: str, secret: str) -> Finding:
    """A finding, placed on the first line holding the secret's start in its part of the file."""
    parts = sorted((key for key in ranges if where.startswith(key)), key=len, reverse=True)
    for span in [*(ranges[key] for key in parts), range(len(lines))]:
        for probe in dict.fromkeys((secret[:24], secret[:10])):
            for index in span:
                if index < len(lines) and probe in lines[index]:
                    return Finding(str(path), index + 1, where, kind, _masked(secret))
    return Finding(str(path), None, where, kind, _masked(secret))


def _masked(secret: str) -> str:
    """The start of a secret and its length, never the whole: ``BQAb... (171 characters)``."""
    scheme, space, credential = secret.partition(" ")
    if space and scheme.lower() in ("bearer", "basic", "token", "oauth"):
        return f"{scheme} {_masked(credential)}"
    shown = 4 if len(secret) >= 24 else 2 if len(secret) >= 8 else 0
    return f"{secret[:shown]}... ({len(secret)} characters)"


def _construct_any(loader: Any, suffix: str, node: Any) -> Any:
    """Data of a tag the safe loader does not know (``!!python/tuple``...), as plain data."""
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_scalar(node)


_Loader: Any = type("_Loader", (getattr(yaml, "CSafeLoader", yaml.SafeLoader),), {})
_Loader.add_multi_constructor("", _construct_any)
