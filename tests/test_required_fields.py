"""Every model is required where Spotify always sends a field and optional where it may not, both ways.

The rule is in ``tests/required_fields.py``; what it gives for Spotify's spec is
``tests/data/required_fields.json``. Every model is checked against that table on
any checkout; our cassettes always, and real answers recorded by other projects
where they are at hand (``SPOTLITE_REAL_ANSWERS``, by default a folder
``shared/real-responses`` beside the repository), are checked against it too.
"""

from __future__ import annotations

import dataclasses
import json
import os
import typing
from pathlib import Path

import pytest
from answers import cassette_answers, indexed_answers, met, replay
from required_fields import SCHEMAS, TABLE, derive

import spotlite.models
from spotlite._mapper import _hints, _unwrap
from spotlite.errors import MappingError
from spotlite.models import Model

ROOT = Path(__file__).resolve().parent.parent
RULE: dict[str, dict[str, str]] = json.loads(TABLE.read_text(encoding="utf-8"))
SPEC = Path(os.environ.get("SPOTLITE_SPEC", ROOT.parent / "shared" / "spec" / "spotify-openapi.yml"))
REAL = Path(os.environ.get("SPOTLITE_REAL_ANSWERS", ROOT.parent / "shared" / "real-responses"))

# Real answers that fail, each with the path its MappingError names. Old shapes: the field is one Spotify's
# reference describes as always present today (album ``total_tracks``, ``release_date`` and ``album_type``, track
# ``track_number``, playback ``currently_playing_type``), and the answer, recorded years ago or re-encoded by a
# library that dropped the field, lacks it. Three failed before the rule too: a playlist asked with ``fields``
# (no ``id``), a 404 body, and category playlists without their ``playlists`` page.
FAILING: dict[str, str] = json.loads((ROOT / "tests" / "data" / "failing_real_answers.json").read_text(encoding="utf-8"))


def models() -> list[str]:
    return sorted(name for name in spotlite.models.__all__
                  if isinstance(getattr(spotlite.models, name), type) and issubclass(getattr(spotlite.models, name), Model)
                  and dataclasses.is_dataclass(getattr(spotlite.models, name)))


def test_every_model_has_a_rule() -> None:
    assert set(RULE) == set(models()) == set(SCHEMAS)


@pytest.mark.parametrize("name", models())
def test_the_model_is_required_where_the_rule_says_and_optional_elsewhere(name: str) -> None:
    cls = getattr(spotlite.models, name)
    hints = _hints(cls)
    fields = [f for f in dataclasses.fields(cls) if f.repr]
    assert sorted(RULE[name]) == sorted(f.name for f in fields)
    wrong = []
    for f in fields:
        nullable = _unwrap(hints[f.name])[1]
        has_default = f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
        if RULE[name][f.name] == "required" and nullable:
            wrong.append(f"{name}.{f.name} is {hints[f.name]} but Spotify always sends it")
        if RULE[name][f.name] != "required" and not nullable and not has_default:
            wrong.append(f"{name}.{f.name} is required but {RULE[name][f.name]}")
    assert wrong == []


@pytest.mark.skipif(not SPEC.is_file(), reason="Spotify's spec is not at hand (SPOTLITE_SPEC)")
def test_the_table_is_what_the_spec_gives() -> None:
    yaml = pytest.importorskip("yaml")
    assert derive(yaml.safe_load(SPEC.read_text(encoding="utf-8"))) == RULE, "run tests/required_fields.py again"


def collection(model: str, field: str) -> bool:
    """Whether the field is a tuple or a dict, which Spotify's null leaves empty."""
    inner = _hints(getattr(spotlite.models, model))[field]
    return typing.get_origin(inner) in (tuple, dict)


def disagreements(answers: list[tuple[str, str, bytes]]) -> tuple[list[str], dict[str, str]]:
    """Where answers send null for a field the rule requires, and the answers that fail (label: path)."""
    wrong, failing = [], {}
    for label, endpoint, body in answers:
        try:
            data = json.loads(body)
        except ValueError:
            continue  # not one JSON document
        try:
            result = replay(endpoint, body)
        except MappingError as error:
            failing[label] = ".".join(map(str, error.path))
            continue
        for model, field, state in met(result, data):
            if RULE[model][field] == "required" and state == "null" and not collection(model, field):
                wrong.append(f"{label}: {model}.{field} is null")
    return wrong, failing


def test_our_cassettes_hold_every_required_field() -> None:
    answers = list(cassette_answers(ROOT / "cassettes"))
    assert len(answers) > 150
    wrong, failing = disagreements(answers)
    assert (wrong, failing) == ([], {})
    missing = sorted({f"{model}.{field}" for label, endpoint, body in answers
                      for model, field, state in met(replay(endpoint, body), json.loads(body))
                      if RULE[model][field] == "required" and state == "missing"})
    assert missing == []


@pytest.mark.skipif(not REAL.is_dir(), reason="no real answers at hand (SPOTLITE_REAL_ANSWERS)")
def test_real_answers_parse_but_old_shapes_and_send_no_null_where_the_rule_requires() -> None:
    wrong, failing = disagreements(list(indexed_answers(REAL)))
    assert wrong == []
    assert failing == FAILING
