"""A Griffe extension of the documentation build (named in mkdocs.yml, never part of the site).

spotlite's models (and ``Token``, ``Settings``, ``PendingAuthorisation``) are dataclasses: their fields
are annotated class attributes, documented by the string under each. This extension gives each such
class a *Fields* section listing every field, inherited ones first as the dataclass orders them,
with its type (a Griffe expression, so a type that is a model links to it) and its description, then
its read-only properties. The pages then show one compact table per class instead of a heading per field.

The exceptions set their attributes in ``__init__``, each with its docstring: they get an *Attributes*
table the same way (typed as the ``__init__`` parameter of the same name), in place of those members.
"""

from __future__ import annotations

from typing import Any

import griffe


def _is_dataclass(cls: griffe.Class) -> bool:
    return any(str(decorator.callable_path).endswith("dataclass") for decorator in cls.decorators)


def _summary(obj: griffe.Object | griffe.Alias) -> str:
    """The first paragraph of a member's docstring ("" when it has none)."""
    docstring = obj.docstring
    return docstring.value.split("\n\n", 1)[0] if docstring else ""


def _rows(cls: griffe.Class) -> list[griffe.DocstringAttribute]:
    fields: dict[str, griffe.DocstringAttribute] = {}
    properties: dict[str, griffe.DocstringAttribute] = {}
    for each in [*reversed(cls.mro()), cls]:  # the bases first: dataclass field order
        if not isinstance(each, griffe.Class) or not _is_dataclass(each):
            continue
        for name, member in each.members.items():
            if name.startswith("_"):
                continue
            if "property" in member.labels:
                returns = member.returns if member.is_function else member.annotation
                description = f"(read-only property) {_summary(member)}".strip()
                properties[name] = griffe.DocstringAttribute(name, annotation=returns, description=description)
            elif member.is_attribute and member.annotation is not None:
                if str(member.annotation).startswith("ClassVar"):
                    continue
                old = fields.get(name)
                description = _summary(member) or (old.description if old else "")
                fields[name] = griffe.DocstringAttribute(name, annotation=member.annotation, description=description)
    return [*fields.values(), *properties.values()]


def _instance_rows(cls: griffe.Class) -> list[griffe.DocstringAttribute]:
    """The documented attributes a plain class sets (``self.x = x`` with a docstring), typed by ``__init__``."""
    init = cls.members.get("__init__")
    parameters = {p.name: p.annotation for p in init.parameters} if isinstance(init, griffe.Function) else {}
    rows = []
    for name, member in list(cls.members.items()):
        if name.startswith("_") or not member.is_attribute or member.docstring is None:
            continue
        if "instance-attribute" not in member.labels and member.annotation is None:
            continue
        annotation = member.annotation if member.annotation is not None else parameters.get(name)
        rows.append(griffe.DocstringAttribute(name, annotation=annotation, description=_summary(member)))
        del cls.members[name]  # shown in the table instead
    return rows


class DataclassFields(griffe.Extension):
    """Add an *Attributes* section of every field to each dataclass of spotlite."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        if pkg.name != "spotlite":
            return
        classes: list[griffe.Class] = []
        plain: list[griffe.Class] = []
        stack: list[griffe.Object | griffe.Alias] = [pkg]
        while stack:
            obj = stack.pop()
            if obj.is_alias:
                continue
            if isinstance(obj, griffe.Class):
                (classes if _is_dataclass(obj) else plain).append(obj)
            stack.extend(member for member in obj.members.values() if not member.is_alias)
        for cls in classes:
            rows = _rows(cls)
            if not rows:
                continue
            if cls.docstring is None:
                cls.docstring = griffe.Docstring("", parent=cls)
            cls.docstring.parsed.append(griffe.DocstringSectionAttributes(rows, title="Fields"))
        for cls in plain:
            rows = _instance_rows(cls)
            if rows:
                if cls.docstring is None:
                    cls.docstring = griffe.Docstring("", parent=cls)
                cls.docstring.parsed.append(griffe.DocstringSectionAttributes(rows, title="Attributes"))
