"""The base of every model: a readable ``str`` and ``to_dict``."""

from __future__ import annotations

import dataclasses
from typing import Any

__all__ = ["Model", "to_dict"]

_SHOWN_ITEMS = 3  # elements of a long tuple shown by str()
_WIDTH = 120  # a model with only plain fields fits on one line this long


class Model:
    """Mixin of the frozen dataclasses spotlite returns."""

    __slots__ = ()

    def __str__(self) -> str:
        return "\n".join(_render(self, ""))

    def to_dict(self) -> dict[str, Any]:
        """The model as plain JSON-ready data, keyed by Spotify's names."""
        data: dict[str, Any] = to_dict(self)
        return data


def to_dict(value: Any) -> Any:
    """A model, a tuple of models or a plain value as plain JSON-ready data."""
    if isinstance(value, Model):
        return {f.name: to_dict(getattr(value, f.name)) for f in dataclasses.fields(value)}  # type: ignore[arg-type]
    if isinstance(value, tuple):
        return [to_dict(item) for item in value]
    return value


def _render(value: Any, indent: str) -> list[str]:
    """Lines of an indented tree; fields that are None or empty are left out."""
    if isinstance(value, Model):
        return _render_model(value, indent)
    if isinstance(value, tuple) and value and isinstance(value[0], Model):
        lines = ["("]
        for item in value[:_SHOWN_ITEMS]:
            lines += _nest("", item, indent)
        if len(value) > _SHOWN_ITEMS:
            lines.append(f"{indent}    ... {len(value) - _SHOWN_ITEMS} more")
        return [*lines, f"{indent})"]
    if isinstance(value, tuple) and len(value) > 2 * _SHOWN_ITEMS:
        shown = ", ".join(map(repr, value[:_SHOWN_ITEMS]))
        return [f"({shown}, ... {len(value) - _SHOWN_ITEMS} more)"]
    return [repr(value)]


def _render_model(value: Model, indent: str) -> list[str]:
    name = type(value).__name__
    shown = [
        (f.name, getattr(value, f.name))
        for f in dataclasses.fields(value)  # type: ignore[arg-type]
        if getattr(value, f.name) not in (None, ())
    ]
    if not any(isinstance(item, (Model, tuple)) for _, item in shown):
        line = f"{name}(" + ", ".join(f"{key}={item!r}" for key, item in shown) + ")"
        if len(indent) + len(line) <= _WIDTH:
            return [line]
    lines = [f"{name}("]
    for key, item in shown:
        lines += _nest(f"{key}=", item, indent)
    return [*lines, f"{indent})"]


def _nest(prefix: str, item: Any, indent: str) -> list[str]:
    """An item's lines one level in, behind ``prefix``, ending in a comma."""
    head, *rest = _render(item, indent + "    ")
    lines = [f"{indent}    {prefix}{head}", *rest]
    lines[-1] += ","
    return lines
