"""JSON to frozen dataclasses, one generated converter per model class.

``to_model(FullTrack, data)`` turns parsed JSON into a ``FullTrack``. The first
call for a class reads its type hints and writes a small Python function for
it (see ``_source``); later calls only run that function. Unknown keys are
ignored, ``null`` and missing keys give the field's default, and a value of the
wrong kind raises ``MappingError`` naming its path in the document.

Supported annotations: ``str``, ``int``, ``float``, ``bool``, ``datetime``
(from Spotify's ISO 8601 text, as a timezone-aware UTC value), ``Any``, model
classes, ``X | None``, ``tuple[X, ...]`` (elements may be ``None`` when ``X``
allows it), ``dict[str, X]`` (objects with open sets of keys), ``Literal[...]``
and unions of models, which are told apart by their ``Literal`` fields
(``type: Literal["episode"]``). A field whose metadata holds ``alias`` falls
back to that key when its own key is null or missing (the 2026
``items``/``tracks`` rename); a ``default_factory`` gives the value of a null
or missing key.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import json
import sys
import threading
import types
import typing
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any, Literal, TypeVar, Union

from .errors import MappingError

__all__ = ["SharedJSON", "alias", "plain", "to_model"]

T = TypeVar("T")
Converter = Callable[[Any], Any]

_CONVERTERS: dict[Any, Converter] = {}  # finished converters only: read without a lock
_PENDING: dict[Any, Converter] = {}  # being compiled by the thread holding _LOCK
_LOCK = threading.RLock()
_SHARED: dict[str, tuple[str, ...]] = {}  # long lists of strings seen lately, see _strings
_SHARED_MIN, _SHARED_MAX = 16, 32
_SCALARS = {str: "str", int: "int", float: "float", bool: "bool"}
_ANNOTATIONS: dict[str, types.CodeType] = {}  # compiled annotations, see _hints


class SharedJSON(dict[str, Any]):
    """A JSON object the HTTP cache parsed once and hands to every call that reads it.

    Nothing changes it, so the model of each class built from it is built once
    (``to_model``) and shared: models are frozen. ``plain`` gives a caller who
    may change what it gets its own copy.
    """

    __slots__ = ("body", "models")

    def __init__(self, body: bytes, parsed: dict[str, Any]) -> None:
        super().__init__(parsed)
        self.body = body
        """The answer's body, as it came."""
        self.models: dict[type, Any] = {}
        """The models built from it, by class."""


def to_model(cls: type[T], data: object) -> T:
    """Build ``cls`` from parsed JSON, compiling its converter on first use (once per class for a ``SharedJSON``)."""
    if type(data) is SharedJSON:
        model: T | None = data.models.get(cls)
        if model is None:
            model = data.models[cls] = _convert(cls, dict(data))  # converters take plain dicts
        return model
    return _convert(cls, data)


def _convert(cls: type[T], data: object) -> T:
    convert = _CONVERTERS.get(cls) or _compile(cls)
    result: T = convert(data)
    return result


def plain(data: Any) -> Any:
    """``data`` itself, or for a ``SharedJSON`` a fresh parse of its body that the caller may change."""
    return json.loads(data.body) if type(data) is SharedJSON else data


def alias(key: str) -> dict[str, str]:
    """Field metadata: read ``key`` when the field's own key is null or missing."""
    return {"alias": key}


def _compile(tp: Any) -> Converter:
    """The converter of a type, built once and cached.

    Compiling happens under one lock. What a compilation builds (a model's
    converter may build those of the models it holds) stays in ``_PENDING``,
    seen only by the compiling thread, and is published to ``_CONVERTERS``
    when the outermost compilation ends: another thread never meets a
    converter whose parts are still being built.
    """
    converter = _CONVERTERS.get(tp)
    if converter is not None:
        return converter
    with _LOCK:
        converter = _CONVERTERS.get(tp) or _PENDING.get(tp)
        if converter is not None:
            return converter
        outermost = not _PENDING
        try:
            if dataclasses.is_dataclass(tp):
                _PENDING[tp] = lambda data: _CONVERTERS[tp](data)  # a model holding itself, while compiling
                _PENDING[tp] = converter = _compile_model(tp)
            else:
                _PENDING[tp] = converter = _compile_type(tp)
            if outermost:
                _CONVERTERS.update(_PENDING)
        finally:
            if outermost:
                _PENDING.clear()
    return converter


def _compile_type(tp: Any) -> Converter:
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if tp is Any:
        return lambda value: value
    if tp in _SCALARS:
        return _scalar(tp)
    if tp is datetime:
        return _timestamp
    if origin in (Union, types.UnionType):
        members = [a for a in args if a is not type(None)]
        inner = _compile(members[0]) if len(members) == 1 else _dispatch(members)
        if len(members) == len(args):
            return inner
        return lambda value: None if value is None else inner(value)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        if args[0] in _SCALARS:
            return _tuple_of_scalars(args[0], _compile(args[0]))
        return _tuple_of(_compile(args[0]))
    if origin is dict and args[0] is str:
        return _dict_of(_compile(args[1]))
    if origin is Literal:
        return _literal(args)
    raise TypeError(f"spotlite's mapper cannot convert {tp!r}")


def _scalar(kind: type) -> Converter:
    name = _SCALARS[kind]

    def convert(value: Any) -> Any:
        if value.__class__ is kind:
            return value
        if kind is float and value.__class__ is int:
            try:
                return float(value)
            except OverflowError:  # JSON's integers have no bound; 10**400 is no float
                raise MappingError("float (a number no larger than 1.8e308)", value) from None
        if kind is int and value.__class__ is float and value.is_integer():
            return int(value)
        raise MappingError(name, value)

    return convert


_TIMESTAMP = "date-time (ISO 8601, such as 2026-03-01T10:00:00Z)"
_FORMATS = ("%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S.%f%z")  # what fromisoformat reads only since Python 3.11
_OLD_ISO = sys.version_info < (3, 11)


def _timestamp(value: Any) -> datetime:
    """Spotify's ``2026-03-01T10:00:00Z`` (or ``.123Z``, or an offset) as a timezone-aware UTC datetime."""
    if value.__class__ is not str:
        raise MappingError(_TIMESTAMP, value)
    try:  # Python 3.10's fromisoformat reads no Z and only 3 or 6 digits of a second
        parsed = datetime.fromisoformat(value[:-1] + "+00:00" if _OLD_ISO and value[-1:] == "Z" else value)
    except ValueError:
        parsed = _strptime(value)
    if parsed.tzinfo is timezone.utc:
        return parsed
    return parsed.replace(tzinfo=timezone.utc) if parsed.tzinfo is None else parsed.astimezone(timezone.utc)


def _strptime(value: str) -> datetime:
    for form in _FORMATS:
        try:
            return datetime.strptime(value, form)
        except ValueError:
            pass
    raise MappingError(_TIMESTAMP, value)


def _literal(values: tuple[Any, ...]) -> Converter:
    def convert(value: Any) -> Any:
        if value in values:
            return value
        raise MappingError(" or ".join(map(repr, values)), value)

    return convert


def _tuple_of(element: Converter) -> Converter:
    def convert(value: Any) -> tuple[Any, ...]:
        if value.__class__ is not list:
            raise MappingError("array", value)
        try:
            return tuple([element(item) for item in value])
        except MappingError:
            for index, item in enumerate(value):  # find the index for the message
                try:
                    element(item)
                except MappingError as error:
                    raise error.at(index) from None
            raise

    return convert


def _dict_of(element: Converter) -> Converter:
    def convert(value: Any) -> dict[str, Any]:
        if value.__class__ is not dict:
            raise MappingError("object", value)
        converted: dict[str, Any] = {}
        for key, item in value.items():
            try:
                converted[key] = element(item)
            except MappingError as error:
                raise error.at(key) from None
        return converted

    return convert


def _tuple_of_scalars(kind: type, element: Converter) -> Converter:
    """A tuple of str, int, ...: checked at C speed when every element has the kind.

    Other kinds than str compare the set of element types. Mixed lists go one
    by one (ints for floats...) or fail there.
    """
    general = _tuple_of(element)
    exact = {kind}

    def convert(value: Any) -> Any:
        if value.__class__ is list:
            if kind is str:
                strings = _strings(value)
                if strings is not None:
                    return strings
            elif set(map(type, value)) <= exact:
                return tuple(value)
        return general(value)

    return convert


def _strings(value: list[Any]) -> tuple[str, ...] | None:
    """A list of str as a tuple, or None when an element is not a str.

    ``str.join`` refuses any element that is not a str, which makes it the
    fastest check of a long list of market codes. The joined text then keys
    ``_SHARED``: Spotify repeats one list of 185 markets on every track and
    album of a page, and sharing one tuple of it lets a page's models hold a
    fifth of the memory and maps the page 8% faster (``bench/``).

    The separator, a control character, keeps the key unambiguous unless an
    element contains it. Such a list is never stored, and it has fewer
    elements than a stored list with the same key, so it never borrows one
    either. The table is emptied when full: it holds at most ``_SHARED_MAX``
    lists.
    """
    try:
        key = "\x1f".join(value)
    except TypeError:
        return None
    shared = _SHARED.get(key)
    if shared is not None and len(shared) == len(value):  # else an element holds the separator
        return shared
    strings = tuple(value)
    if len(value) >= _SHARED_MIN and key.count("\x1f") == len(value) - 1:
        if len(_SHARED) >= _SHARED_MAX:
            _SHARED.clear()
        _SHARED[key] = strings
    return strings


def _tags(cls: Any) -> list[tuple[str, tuple[Any, ...]]]:
    """A model's ``Literal`` fields: the key/value pairs that identify it in a union."""
    hints = _hints(cls)
    return [
        (f.name, typing.get_args(hints[f.name]))
        for f in dataclasses.fields(cls)
        if typing.get_origin(hints[f.name]) is Literal
    ]


def _dispatch(members: list[Any]) -> Converter:
    """Pick the first member whose ``Literal`` fields all match the JSON object."""
    table = [(_tags(member), _compile(member)) for member in members]
    expected = " or ".join(member.__name__ for member in members)

    def convert(value: Any) -> Any:
        if value.__class__ is dict:
            for tags, member in table:
                if all(value.get(key) in allowed for key, allowed in tags):
                    return member(value)
        raise MappingError(expected, value)

    return convert


def _compile_model(cls: Any) -> Converter:
    namespace: dict[str, Any] = {"new": object.__new__, "MappingError": MappingError, "locate": _locate}
    exec(_source(cls, namespace), namespace)  # noqa: S102 - our own generated code
    converter: Converter = namespace["convert"]
    return converter


def _source(cls: Any, namespace: dict[str, Any]) -> str:
    """Python source of the converter of one model class.

    It fills the slots of a new instance of the class's writable twin (see
    ``_twin``) and then makes it an instance of the class, which is three
    times faster than calling the frozen dataclass's ``__init__``. It builds
    small models of plain fields (images, external URLs...) inline rather than
    by a call. The conversions do not track which field they are at: one
    ``try`` around them all (free in Python 3.11 and later until something
    raises) has ``_locate`` find the field that failed. Short source compiles
    fast, and compiling is most of the cost of a script's first call.
    """
    return "\n".join([
        "def convert(d):",
        "    if d.__class__ is not dict:",
        "        raise MappingError('object', d)",
        "    try:",
        *_model_lines(cls, namespace, "", "o", "d", "        "),
        "    except MappingError as e:",
        "        raise locate(K, d, e) from None",
        "    return o",
    ])


def _locate(cls: Any, data: dict[str, Any], error: MappingError) -> MappingError:
    """``error``, which a converter of ``cls`` met in ``data``, with its path.

    It converts the fields again one by one, as the converter did, and gives
    the error of the first one that fails, one level further out.
    """
    hints = _hints(cls)
    for f in dataclasses.fields(cls):
        value = data.get(f.name)
        if value is None and "alias" in f.metadata:
            value = data.get(f.metadata["alias"])
        inner, nullable = _unwrap(hints[f.name])
        try:
            if value is not None:
                _compile(inner)(value)
            elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING and not nullable:
                raise MappingError(_describe(inner), None)
        except MappingError as located:
            return located.at(f.name)
    return error


def _model_lines(cls: Any, ns: dict[str, Any], tag: str, obj: str, source: str, indent: str) -> list[str]:
    """Lines that build ``obj``, an instance of ``cls``, from the JSON object ``source``.

    The object is made as an instance of ``cls``'s writable twin, filled by
    plain attribute stores, and then becomes a ``cls``.
    """
    hints = _hints(cls)
    ns[f"K{tag}"], ns[f"W{tag}"] = cls, _twin(cls)
    lines = [f"{indent}g{tag} = {source}.get", f"{indent}{obj} = new(W{tag})"]
    for i, f in enumerate(dataclasses.fields(cls)):
        lines.append(f"{indent}v = g{tag}({f.name!r})")
        if "alias" in f.metadata:
            lines.append(f"{indent}if v is None: v = g{tag}({f.metadata['alias']!r})")
        lines += _field_lines(f, hints[f.name], f"{tag}_{i}", obj, ns, indent)
    return [*lines, f"{indent}{obj}.__class__ = K{tag}"]


@functools.cache  # one twin per model, however many models build it inline
def _twin(cls: Any) -> type:
    """A class with ``cls``'s bases and slots but ordinary attribute stores.

    Python lets an object change its class to one of the same layout, and a
    plain store into a slot is several times faster than going round the
    frozen ``__setattr__`` through the slot's descriptor.
    """
    if "__slots__" not in cls.__dict__:
        raise TypeError(f"{cls.__name__} has no slots: models need @dataclass(slots=True)")
    namespace = {"__slots__": cls.__slots__, "__setattr__": object.__setattr__, "__module__": cls.__module__,
                 "__repr__": _being_built, "__str__": _being_built}
    return type(f"Writable{cls.__name__}", cls.__bases__, namespace)


def _being_built(model: Any) -> str:
    """The ``repr`` of a model the mapper is still filling: it never reads a slot not yet set.

    A ``MappingError`` leaves one in its traceback's frames, where error
    trackers capturing locals (``TracebackException(capture_locals=True)``) call ``repr``.
    """
    name = type(model).__name__.removeprefix("Writable")
    slots = [slot for klass in reversed(type(model).__mro__) for slot in klass.__dict__.get("__slots__", ())]
    filled = [slot for slot in slots if hasattr(model, slot)]
    return f"<{name} being built, fields set: {', '.join(filled) or 'none'}>"


@functools.cache
def _hints(cls: Any) -> dict[str, Any]:
    """``typing.get_type_hints(cls)``, in a fifth of the time, once per class.

    The annotations of models are strings (``from __future__ import
    annotations``): each distinct one is compiled once and evaluated in its
    class's module. Anything else (a name only the class body defines, a
    string left inside the result) is left to ``typing.get_type_hints``.
    """
    hints: dict[str, Any] = {}
    for base in reversed(cls.__mro__):
        annotations = inspect.get_annotations(base)
        if not annotations:
            continue
        module = sys.modules.get(base.__module__)
        for name, annotation in annotations.items():
            if module is None or not isinstance(annotation, str):
                return typing.get_type_hints(cls)
            code = _ANNOTATIONS.get(annotation)
            if code is None:
                code = _ANNOTATIONS[annotation] = compile(annotation, "<annotation>", "eval")
            try:
                hint = eval(code, module.__dict__)
            except NameError:
                return typing.get_type_hints(cls)
            hints[name] = type(None) if hint is None else hint
    if not all(map(_resolved, hints.values())):
        return typing.get_type_hints(cls)
    return hints


def _resolved(tp: Any) -> bool:
    """No string or ForwardRef inside ``tp`` (but for the values of a ``Literal``)."""
    if isinstance(tp, (str, typing.ForwardRef)):
        return False
    return typing.get_origin(tp) is Literal or all(map(_resolved, typing.get_args(tp)))


def _is_leaf(tp: Any) -> bool:
    """A model of plain fields only, built inline by the model holding it."""
    if not (isinstance(tp, type) and dataclasses.is_dataclass(tp)):
        return False
    hints = _hints(tp)
    return all(
        not f.metadata and f.default_factory is dataclasses.MISSING
        and all(a in _SCALARS or a is type(None) for a in (typing.get_args(hints[f.name]) or (hints[f.name],)))
        for f in dataclasses.fields(tp)
    )


def _field_lines(f: dataclasses.Field[Any], hint: Any, key: str, obj: str, ns: dict[str, Any], indent: str) -> list[str]:
    """Lines that set the slot of one field of ``obj`` from the JSON value ``v``.

    A value of the wrong kind raises ``MappingError`` without a path (see ``_locate``).
    """
    inner, nullable = _unwrap(hint)
    if f.default is not dataclasses.MISSING:
        ns[f"d{key}"] = f.default
        on_none = f"d{key}"
    elif f.default_factory is not dataclasses.MISSING:
        ns[f"d{key}"] = f.default_factory
        on_none = f"d{key}()"
    else:
        on_none = "None" if nullable else ""  # "": a required field, which None fails
    refuse_none = f"raise MappingError({_describe(inner)!r}, None)"
    if _is_leaf(inner):
        return [
            f"{indent}if v is None:",
            f"{indent}    {obj}.{f.name} = {on_none}" if on_none else f"{indent}    {refuse_none}",
            f"{indent}else:",
            f"{indent}    if v.__class__ is not dict:",
            f"{indent}        raise MappingError('object', v)",
            *_model_lines(inner, ns, key, f"w{key}", "v", indent + "    "),
            f"{indent}    {obj}.{f.name} = w{key}",
        ]
    ns[f"c{key}"] = _compile(inner)
    convert = f"{on_none} if v is None else c{key}(v)" if on_none else f"c{key}(v)"
    if inner in _SCALARS:  # the usual case first: a value of the right kind (a scalar's converter refuses None)
        return [f"{indent}{obj}.{f.name} = v if v.__class__ is {inner.__name__} else {convert}"]
    if on_none:
        return [f"{indent}{obj}.{f.name} = {convert}"]
    return [f"{indent}if v is None:", f"{indent}    {refuse_none}", f"{indent}{obj}.{f.name} = {convert}"]


def _unwrap(hint: Any) -> tuple[Any, bool]:
    """The type inside ``X | None``, and whether it was there; other types as they are."""
    members = [a for a in typing.get_args(hint) if a is not type(None)]
    nullable = typing.get_origin(hint) in (Union, types.UnionType) and len(members) == 1
    return (members[0] if nullable else hint), nullable


def _describe(tp: Any) -> str:
    if tp is datetime:
        return _TIMESTAMP
    return _SCALARS.get(tp) or getattr(tp, "__name__", None) or str(tp)
