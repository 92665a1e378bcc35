"""What the cassettes, the pytest plugin and ``check`` share: record modes, placeholders, secret names.

No vcrpy here: the plugin reads the record mode without loading it.
"""

from __future__ import annotations

import os
import re

RECORD_VARIABLE = "SPOTLITE_RECORD"
CREDENTIALS = ("SPOTIFY_CLIENT_ID", "SPOTIFY_CLIENT_SECRET", "SPOTIFY_USER_REFRESH")

# What secrets become in a cassette. The names are spotlite's own tests' (their cassettes hold them).
REDACTED = "REDACTED"  # a secret in a form body
ACCESS_TOKEN = "dummy-access-token"  # the access token of a token answer
REFRESH_TOKEN = "dummy-refresh-token"  # the refresh token of a token answer
USER_TOKEN = "dummy-user-token"  # what spotify_token gives when replaying

FORM_SECRETS = ("client_secret", "refresh_token", "code", "code_verifier")  # redacted in form bodies
ANSWER_SECRETS = {"access_token": ACCESS_TOKEN, "refresh_token": REFRESH_TOKEN}  # replaced in token answers

_MODES = {"": "none", "0": "none", "none": "none", "1": "new_episodes", "new_episodes": "new_episodes",
          "once": "once", "all": "all"}
_PLACEHOLDER_WORDS = frozenset({"dummy", "redacted", "placeholder", "fake", "filtered", "masked", "example",
                                "hidden", "removed", "scrubbed", "sanitized", "sanitised", "xxx", "xxxx"})
_MASKED = re.compile(r"[*xX.#_\- ]*|<[^<>]*>|\{\{[^{}]*\}\}|\$\{[^{}]*\}|%\([^()]*\)s")
SHORTEST_SECRET = 8  # shorter values are no real token, secret or code


def record_mode(record: str | None = None) -> str:
    """The vcrpy record mode: ``record`` when given, else the one ``SPOTLITE_RECORD`` asks for.

    ``SPOTLITE_RECORD`` unset, empty, ``0`` or ``none``: ``"none"`` (replay
    only, the default); ``1`` or ``new_episodes``: ``"new_episodes"`` (record
    what is missing); ``once``: ``"once"`` (record a cassette that does not
    exist yet); ``all``: ``"all"`` (record every cassette again).

    Raises:
        ValueError: an unknown value, naming the known ones.
    """
    value = os.environ.get(RECORD_VARIABLE, "") if record is None else record
    mode = _MODES.get(value.strip().lower()) if isinstance(value, str) else None
    if mode is None:
        where = f"{RECORD_VARIABLE}={value}" if record is None else f"record={value!r}"
        raise ValueError(f"{where} is not a record mode: use 1 (record what is missing), all (record again), "
                         f"once (record missing cassettes), or none / 0 / unset (replay only)")
    return mode


def is_placeholder(value: str) -> bool:
    """Whether ``value`` stands in for a secret rather than being one.

    Placeholders are short (under 8 characters), masks (``***``, ``xxxx``,
    ``<token>``, ``{{ token }}``) or hold a word such as ``dummy``,
    ``redacted``, ``placeholder`` or ``fake`` (``dummy-access-token``).
    """
    text = value.strip()
    if len(text) < SHORTEST_SECRET or _MASKED.fullmatch(text):
        return True
    return any(word in _PLACEHOLDER_WORDS for word in re.split(r"[^a-z0-9]+", text.lower()))
