"""A Griffe extension of the documentation build (named in mkdocs.yml, never part of the site).

Every endpoint function carries its facts as data (``@endpoint`` in ``spotlite/_endpoint.py``): ``scope``,
``deprecated`` and ``limited``. This extension reads them from the functions themselves, imported from
this checkout, and shows them as boxes under the function's first line: *Scopes* (the scope names and
nothing else; no box when none is needed), *Deprecated by Spotify* and *Limited in development mode*.
Nothing is read from the prose.

It also links every error class named in a docstring (````PartialWriteError````) to its entry.
"""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path
from typing import Any

import griffe

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's spotlite, not an installed one

BOXES = (("deprecated", "warning", "Deprecated by Spotify"), ("limited", "note", "Limited in development mode"))


def facts(function: object) -> list[griffe.DocstringSectionAdmonition]:
    """The boxes of an endpoint function's facts (none for anything else)."""
    boxes = []
    scope = getattr(function, "scope", None)
    if scope:
        boxes.append(griffe.DocstringSectionAdmonition("info", " ".join(f"`{name}`" for name in scope), "Scopes"))
    for attribute, kind, title in BOXES:
        text = getattr(function, attribute, None)
        if text:
            boxes.append(griffe.DocstringSectionAdmonition(kind, text[0].upper() + text[1:], title))
    return boxes


def _with_boxes(function: griffe.Function, boxes: list[griffe.DocstringSectionAdmonition]) -> None:
    """Put ``boxes`` right after the first line of the function's docstring."""
    if function.docstring is None:
        function.docstring = griffe.Docstring("", parent=function)
    sections = function.docstring.parsed
    first = sections[0] if sections and isinstance(sections[0], griffe.DocstringSectionText) else None
    if first is None:
        sections[:0] = boxes
        return
    summary, _, rest = first.value.partition("\n\n")
    first.value = summary
    sections[1:1] = [*boxes, *([griffe.DocstringSectionText(rest)] if rest.strip() else [])]


def _link_errors(obj: griffe.Object, errors: re.Pattern[str]) -> None:
    """Turn ````SomeError```` in the docstring's text into a link to the error's entry."""
    if obj.docstring is None:
        return
    for section in obj.docstring.parsed:
        if isinstance(section, griffe.DocstringSectionText):
            section.value = errors.sub(r"[``\1``][spotlite.\1]", section.value)


class EndpointFacts(griffe.Extension):
    """Boxes from each endpoint function's ``scope``, ``deprecated`` and ``limited``; links to errors."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        if pkg.name != "spotlite":
            return
        error_names = importlib.import_module("spotlite.errors").__all__
        errors = re.compile(r"(?<!\[)``(" + "|".join(error_names) + r")``")
        stack: list[griffe.Object | griffe.Alias] = [pkg]
        while stack:
            obj = stack.pop()
            if obj.is_alias:
                continue
            stack.extend(member for member in obj.members.values() if not member.is_alias)
            if isinstance(obj, (griffe.Function, griffe.Class, griffe.Module)) and obj.path != "spotlite.errors":
                _link_errors(obj, errors)
            if isinstance(obj, griffe.Function) and obj.parent is not None and obj.parent.path.startswith("spotlite.api."):
                boxes = facts(getattr(importlib.import_module(obj.parent.path), obj.name, None))
                if boxes:
                    _with_boxes(obj, boxes)
