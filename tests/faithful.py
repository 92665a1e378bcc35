"""Whether an answer of the fake is one Spotify could give: checked against tests/spec_facts.json.

``spec_facts.json`` is our compact copy of what Spotify's OpenAPI spec says of
each operation (``tests/spec_facts.py`` regenerates it where the spec is at
hand). An answer is faithful when:

- a success answer with a JSON body has every field the spec requires, each of
  its JSON type (``null`` only where the spec allows it), nested objects,
  arrays and ``oneOf`` choices (by ``type``) included. Two exceptions, as
  Spotify's live answers have them: an array may hold ``null`` (an unknown ID
  in a batch read, a hidden item in a search or a playlist), and the fields
  Spotify removed for development-mode apps in 2026 may be missing;
- an error answer of the Web API is Spotify's ``{"error": {"status", "message"}}``
  (with ``reason`` a string when there is one) and its status that of the answer,
  or a proxy's HTML page for a 5xx;
- the accounts service answers a token (``access_token``, ``token_type``,
  ``expires_in``) or its own ``{"error", "error_description"}``.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from spotlite.testing._standin.trim import FIELDS as REMOVED_IN_2026
from spotlite.testing._standin.trim import PROFILE as PROFILE_REMOVED_IN_2026

FACTS = Path(__file__).resolve().parent / "spec_facts.json"
_TYPES: dict[str, tuple[type, ...]] = {"string": (str,), "integer": (int,), "number": (int, float),
                                        "boolean": (bool,), "object": (dict,), "array": (list,)}


@cache
def operations() -> list[tuple[str, re.Pattern[str], dict[str, Any]]]:
    facts = json.loads(FACTS.read_text())["operations"]
    return [(op["method"], re.compile("/v1" + re.sub(r"\{[^}]+\}", "[^/]+", op["path"]) + "$"), op) for op in facts]


def operation(method: str, path: str) -> dict[str, Any] | None:
    """The spec's operation for a request (the most specific path when several match), or None."""
    hits = [op for m, pattern, op in operations() if m == method and pattern.match(path)]
    return min(hits, key=lambda op: op["path"].count("{")) if hits else None


def shape_problems(value: Any, shape: dict[str, Any], where: str = "", in_array: bool = False) -> list[str]:
    """How ``value`` differs from a compact shape of spec_facts.json (empty: it fits)."""
    if value is None and in_array:
        return []
    if value is None:
        return [] if shape.get("nullable") or not shape else [f"{where or 'body'}: null where the spec wants a value"]
    if "oneOf" in shape:
        choices = [c for c in shape["oneOf"] if isinstance(value, dict) and value.get("type") in c.get("kind", ())]
        found = [shape_problems(value, choice, where) for choice in choices or shape["oneOf"]]
        return [] if not found or any(not f for f in found) else found[0]
    kind = shape.get("type")
    if kind and (not isinstance(value, _TYPES[kind]) or (kind != "boolean" and isinstance(value, bool))):
        return [f"{where or 'body'}: {type(value).__name__} where the spec wants {kind}"]
    problems = []
    if isinstance(value, dict):
        removed = REMOVED_IN_2026.get(value.get("type"), ()) if isinstance(value.get("type"), str) else ()
        removed += PROFILE_REMOVED_IN_2026 if value.get("type") == "user" else ()
        for name, sub in shape.get("required", {}).items():
            if name not in value and name in removed:
                continue
            if name not in value:
                problems.append(f"{where}.{name}: missing" if where else f"{name}: missing")
            else:
                problems += shape_problems(value[name], sub, f"{where}.{name}" if where else name)
    if isinstance(value, list) and "items" in shape:
        for n, item in enumerate(value):
            problems += shape_problems(item, shape["items"], f"{where}[{n}]", in_array=True)
    return problems


def unfaithful(request: Any) -> list[str]:
    """What is wrong with the fake's answer to ``request`` (a ``FakeSpotify.requests`` entry); empty if nothing."""
    reply = request.answer
    if reply is None:  # a fault cut it off
        return []
    name = f"{request.method} {request.path} -> {reply.status}"
    if isinstance(reply.body, bytes):
        html = reply.headers.get("Content-Type", "").startswith("text/html")
        return [] if html and (reply.status >= 500 or request.path.startswith("/accounts/")) else [f"{name}: bytes"]
    if request.path.startswith("/accounts/"):
        return [f"{name}: {p}" for p in _accounts_problems(request.path, reply.status, reply.body)]
    if reply.status == 304:  # Not Modified: no body, as Spotify answers a matching If-None-Match
        return [] if reply.body is None else [f"{name}: a body"]
    if reply.status >= 300:
        return [f"{name}: {p}" for p in _error_problems(reply.status, reply.body)]
    op = operation(request.method, request.path)
    if op is None:
        return [f"{name}: no operation of the spec"]
    if reply.body is None or op["answer"] is None or "fields" in request.query:  # ``fields``: the parts asked for
        return []
    return [f"{name}: {p}" for p in shape_problems(reply.body, op["answer"])]


def _error_problems(status: int, body: Any) -> list[str]:
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict):
        return [f"not Spotify's error body: {body!r:.200}"]
    problems = [] if error.get("status") == status else [f"error.status {error.get('status')!r}"]
    if not isinstance(error.get("message"), str):
        problems.append("error.message is not a string")
    if "reason" in error and not isinstance(error["reason"], str):
        problems.append("error.reason is not a string")
    return problems


def _accounts_problems(path: str, status: int, body: Any) -> list[str]:
    if path.endswith("/authorize"):
        return []
    if status == 200:
        wanted = {"access_token": str, "token_type": str, "expires_in": int}
        return [f"{key}: not a {kind.__name__}" for key, kind in wanted.items()
                if not isinstance(body, dict) or not isinstance(body.get(key), kind)]
    fine = isinstance(body, dict) and isinstance(body.get("error"), str) and isinstance(body.get("error_description"), str)
    return [] if fine else [f"not the accounts service's error body: {body!r:.200}"]
