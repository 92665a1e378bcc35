"""The base of every model: a readable ``str``, ``to_dict``, and the decorator that makes the models.

The models' ``@dataclass(frozen=True, slots=True, kw_only=True)`` is this
module's ``dataclass``, not the standard one, though to mypy it is
``dataclasses.dataclass`` itself. It makes the class the standard one makes:
the same fields, parameters, slots and methods, for ``dataclasses.fields``,
``replace`` and ``asdict``, pickle and copy, ``==``, ``hash`` and ``repr``. But
it compiles nothing when a module of models loads, where the standard one
compiles six functions a class on Python 3.11 (1 ms a class; a script getting
one album made 28 classes). The frozen ``__setattr__`` and ``__delattr__`` are
closures over the class's fields, and ``__init__``, ``__repr__``, ``__eq__``
and ``__hash__``, as ``dataclass`` writes them, are compiled in one go when
one of them is first used (the mapper makes models without any of them).
"""

from __future__ import annotations

import dataclasses
import inspect
import reprlib
import sys
import types
from collections.abc import Callable
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, TypeVar, overload

if TYPE_CHECKING:
    from .._token import Token  # loaded on use: its dataclass would compile functions when the models load

__all__ = ["Model", "from_dict", "to_dict"]

_SHOWN_ITEMS = 3  # elements of a long tuple shown by str()
_WIDTH = 120  # a model with only plain fields fits on one line this long


class Model:
    """Mixin of the frozen dataclasses spotlite returns.

    A field declared with ``repr=False`` is spotlite's own bookkeeping, not
    Spotify's data (``SearchResult``'s order of the types asked): ``str()``
    and ``to_dict`` leave it out too.
    """

    __slots__ = ()

    def __str__(self) -> str:
        return "\n".join(_render(self, ""))

    def to_dict(self) -> dict[str, Any]:
        """The model as plain JSON-ready data, keyed by Spotify's names."""
        data: dict[str, Any] = to_dict(self)
        return data


def to_dict(value: Any) -> Any:
    """A model, a tuple of models or a plain value as plain JSON-ready data.

    Args:
        value: a model, a tuple of models, a ``Token``, or a plain value.

    Returns:
        Dicts, lists and plain values, keyed by Spotify's names; datetimes
        (``added_at``, ``played_at``) as Spotify writes them,
        ``2026-03-01T10:00:00Z``.
    """
    if isinstance(value, Model):
        fields = dataclasses.fields(value)  # type: ignore[arg-type]
        return {f.name: to_dict(getattr(value, f.name)) for f in fields if f.repr}
    if isinstance(value, tuple):
        return [to_dict(item) for item in value]
    if isinstance(value, datetime):
        return spotify_time(value)
    as_dict = getattr(value, "to_dict", None)  # a Token
    return value if as_dict is None else as_dict()


def spotify_time(value: datetime) -> str:
    """A datetime in Spotify's form, UTC with a ``Z``: ``2026-03-01T10:00:00Z`` (``.123Z`` when it has
    milliseconds, six digits when it has microseconds); a naive datetime is taken as UTC."""
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    fraction = value.microsecond
    precision = "seconds" if not fraction else "milliseconds" if fraction % 1000 == 0 else "microseconds"
    return value.isoformat(timespec=precision) + "Z"


M = TypeVar("M", bound=Model)


@overload
def from_dict(model: type[Token], data: Any) -> Token: ...
@overload
def from_dict(model: type[M], data: Any) -> M: ...
def from_dict(model: type[M | Token], data: Any) -> M | Token:
    """A model built from plain data: what ``to_dict`` gives, or JSON as Spotify sends it.

    ``from_dict(type(m), to_dict(m)) == m``. ``from_dict(Token, data)`` is
    ``Token.from_dict(data)``. For JSON a program keeps (test
    fixtures, caches): unknown keys are ignored, missing and null ones take
    the field's default, and a value of the wrong kind raises ``MappingError``
    naming its path.

    Args:
        model: the model class to build (``FullTrack``, ...).
        data: a dict as ``to_dict`` gives it or as Spotify sends it.

    Returns:
        The model.

    Raises:
        MappingError: a value of the wrong kind, naming its path.
        InvalidInput: ``model`` is a generic base (``Paging``, ``OffsetPaging``, ``CursorPaging``).
    """
    from .._mapper import to_model
    from .._token import Token
    from ..errors import InvalidInput

    if model is Token:
        return Token.from_dict(data)
    generic = getattr(model, "__origin__", model)
    if getattr(generic, "__parameters__", ()) or generic is not model:  # Paging, OffsetPaging[SimpleTrack]...
        name = getattr(generic, "__name__", "the model")
        raise InvalidInput(f"from_dict cannot build the generic {name}: give the paging model of a kind of "
                           f"item, such as SimpleTrackPaging or SavedTrackPaging")
    if not (isinstance(model, type) and issubclass(model, Model)):
        raise TypeError(f"from_dict builds spotlite's models (spotlite.models), not {model!r}")
    return to_model(model, data)


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
        if f.repr and getattr(value, f.name) not in (None, ())
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


# The decorator. ``dataclasses`` has no public way to make the Fields and
# parameters of a class without generating its methods, so two private names
# of it are used: ``_FIELD`` (the kind of field ``dataclasses.fields`` keeps)
# and ``_DataclassParams``, both unchanged from Python 3.10 to 3.13;
# tests/test_models.py compares every model with what ``dataclasses.dataclass``
# makes of the same class.

T = TypeVar("T")
_MISSING: Any = dataclasses.MISSING
_FIELD: object = dataclasses._FIELD  # type: ignore[attr-defined]
_OWN = frozenset({"__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__", "__getstate__",
                  "__setstate__", "__replace__", "__match_args__", "__slots__", "__post_init__"})
_OPTIONS = {"init": True, "repr": True, "eq": True, "order": False, "unsafe_hash": False, "frozen": True,
            "match_args": True, "kw_only": True, "slots": True, "weakref_slot": False}
_PARAMETERS: Any = dataclasses._DataclassParams  # type: ignore[attr-defined]
_PARAMS = _PARAMETERS(*[_OPTIONS[name] for name in _PARAMETERS.__slots__])  # every model's, shared, never changed


class _Factory:
    """The default of a parameter whose field has a ``default_factory``."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Factory()


def _dataclass(*, frozen: bool, slots: bool, kw_only: bool) -> Callable[[type[T]], type[T]]:
    if not (frozen is True and slots is True and kw_only is True):
        raise TypeError("models are made with @dataclass(frozen=True, slots=True, kw_only=True)")
    return _build


if TYPE_CHECKING:
    from dataclasses import dataclass as dataclass  # noqa: PLC0414 - re-exported, for the model modules
else:
    dataclass = _dataclass


def _build(cls: type[T]) -> type[T]:
    """What ``dataclass(frozen=True, slots=True, kw_only=True)`` makes of ``cls``, with nothing compiled."""
    fields: dict[str, dataclasses.Field[Any]] = {}
    for base in cls.__mro__[-1:0:-1]:
        base_fields = getattr(base, "__dataclass_fields__", None)
        if base_fields is not None:
            if not base.__dataclass_params__.frozen:  # type: ignore[attr-defined]
                raise TypeError("cannot inherit frozen dataclass from a non-frozen one")
            fields.update(base_fields)
    annotations = inspect.get_annotations(cls)
    for name, annotation in annotations.items():
        fields[name] = _field(cls, name, annotation)
    for name, value in cls.__dict__.items():
        if isinstance(value, dataclasses.Field) and name not in annotations:
            raise TypeError(f"{name!r} is a field but has no type annotation")
    if _OWN & cls.__dict__.keys() or hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} defines {sorted(_OWN & vars(cls).keys())}: @dataclass writes those")
    inherited = {slot for base in cls.__mro__[1:-1] for slot in _slots(base)}
    namespace = {key: value for key, value in cls.__dict__.items() if key not in fields}
    namespace.pop("__dict__", None)
    namespace.pop("__weakref__", None)

    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is new or name in fields:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        super(new, self).__setattr__(name, value)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is new or name in fields:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        super(new, self).__delattr__(name)

    __setattr__.__qualname__ = f"{cls.__qualname__}.__setattr__"
    __delattr__.__qualname__ = f"{cls.__qualname__}.__delattr__"
    namespace.update({name: _Compiled() for name in _COMPILED}, __setattr__=__setattr__, __delattr__=__delattr__,
                     __slots__=tuple(name for name in fields if name not in inherited), __qualname__=cls.__qualname__,
                     __dataclass_fields__=fields, __dataclass_params__=_PARAMS, __match_args__=(),
                     __getstate__=_getstate, __setstate__=_setstate, __replace__=_replace)
    metaclass: Any = type(cls)
    new: type[T] = metaclass(cls.__name__, cls.__bases__, namespace)
    return new


def _field(cls: type, name: str, annotation: Any) -> dataclasses.Field[Any]:
    """The Field ``dataclass`` makes of one annotation of ``cls`` (only plain kw-only fields are supported)."""
    if not isinstance(annotation, str) or "ClassVar" in annotation or "InitVar" in annotation or "KW_ONLY" in annotation:
        raise TypeError(f"{cls.__name__}.{name}: @dataclass supports plain fields, annotated as text, only")
    default = getattr(cls, name, _MISSING)
    if isinstance(default, dataclasses.Field):
        f = default
        if not f.init or f.kw_only is False:
            raise TypeError(f"{cls.__name__}.{name}: @dataclass supports keyword-only fields in __init__ only")
        f.kw_only = True
    else:
        if isinstance(default, types.MemberDescriptorType):  # a slot of a base: no default
            default = _MISSING
        f = dataclasses.field(default=default, kw_only=True)
    if f.default.__class__.__hash__ is None:
        raise ValueError(f"mutable default {type(f.default)} for field {name} is not allowed: use default_factory")
    f.name, f.type = name, annotation
    f._field_type = _FIELD  # type: ignore[attr-defined]
    return f


def _slots(cls: type) -> tuple[str, ...]:
    slots = cls.__dict__.get("__slots__", ())
    return (slots,) if isinstance(slots, str) else tuple(slots)


def _getstate(self: Any) -> list[Any]:
    return [getattr(self, f.name) for f in dataclasses.fields(self)]


def _setstate(self: Any, state: list[Any]) -> None:
    for f, value in zip(dataclasses.fields(self), state):
        object.__setattr__(self, f.name, value)


def _replace(self: Any, /, **changes: Any) -> Any:
    return dataclasses.replace(self, **changes)


class _Compiled:
    """Stands for one of a model's ``_COMPILED`` methods until first looked up.

    Then the class's methods are compiled, all in one go, and take the places
    of their stand-ins. Two threads may both compile them; each gets complete
    methods, and either set stays.
    """

    __slots__ = ("name", "owner")
    name: str
    owner: type

    def __set_name__(self, owner: type, name: str) -> None:
        self.owner, self.name = owner, name

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        methods = _methods(self.owner)
        for name, method in methods.items():
            setattr(self.owner, name, method)
        method = methods[self.name]
        return method if instance is None else types.MethodType(method, instance)


_COMPILED = ("__init__", "__repr__", "__eq__", "__hash__")


def _methods(cls: type) -> dict[str, Callable[..., Any]]:
    """The methods ``dataclass`` writes for a frozen class of keyword-only fields, as it writes them."""
    fields: list[dataclasses.Field[Any]] = list(cls.__dataclass_fields__.values())  # type: ignore[attr-defined]
    me = "__dataclass_self__" if any(f.name == "self" for f in fields) else "self"
    names: dict[str, Any] = {"_model_set": object.__setattr__, "_model_factory": _FACTORY, "_model_return": None,
                             "_model_recursive_repr": reprlib.recursive_repr}
    parameters, lines = [], []
    for f in fields:
        names[f"_model_type_{f.name}"] = f.type
        value = f.name
        if f.default is not _MISSING:
            names[f"_model_default_{f.name}"] = f.default
            parameters.append(f"{f.name}: _model_type_{f.name} = _model_default_{f.name}")
        elif f.default_factory is not _MISSING:
            names[f"_model_default_{f.name}"] = f.default_factory
            parameters.append(f"{f.name}: _model_type_{f.name} = _model_factory")
            value = f"_model_default_{f.name}() if {f.name} is _model_factory else {f.name}"
        else:
            parameters.append(f"{f.name}: _model_type_{f.name}")
        lines.append(f"  _model_set({me}, {f.name!r}, {value})")
    star = ", *, " + ", ".join(parameters) if parameters else ""
    shown = ", ".join(f"{f.name}={{self.{f.name}!r}}" for f in fields if f.repr)
    compared = [f.name for f in fields if f.compare]
    hashed = [f.name for f in fields if (f.compare if f.hash is None else f.hash)]
    source = "\n".join([
        f"def __create_fn__({', '.join(names)}):",
        f" def __init__({me}{star}) -> _model_return:",
        *(lines or ["  pass"]),
        " @_model_recursive_repr()",
        " def __repr__(self):",
        f"  return self.__class__.__qualname__ + f\"({shown})\"",
        " def __eq__(self, other):",
        "  if other.__class__ is self.__class__:",
        f"   return {_tuple('self', compared)} == {_tuple('other', compared)}",
        "  return NotImplemented",
        " def __hash__(self):",
        f"  return hash({_tuple('self', hashed)})",
        " return __init__, __repr__, __eq__, __hash__",
    ])
    module = sys.modules.get(cls.__module__)
    local: dict[str, Any] = {}
    code = compile(source, "<string>", "exec", dont_inherit=True)  # not this module's annotations future
    exec(code, module.__dict__ if module is not None else {}, local)  # noqa: S102 - our own generated code
    methods = dict(zip(_COMPILED, local["__create_fn__"](**names)))
    for name, method in methods.items():
        method.__qualname__ = f"{cls.__qualname__}.{name}"
    return methods


def _tuple(obj: str, names: list[str]) -> str:
    return f"({','.join(f'{obj}.{name}' for name in names)},)" if names else "()"
