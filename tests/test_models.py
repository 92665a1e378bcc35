"""What every model offers: a readable str and plain data back."""

from __future__ import annotations

import copy
import dataclasses
import importlib
import inspect
import json
import pickle
import subprocess
import sys
import threading
import types
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import spotlite
import spotlite.models
from spotlite.models import Copyright, ExternalUrls, Image, Model, SimpleAlbum, to_dict
from spotlite.models._base import dataclass as model_dataclass
from spotlite.testing._standin.catalogue import MAIN_ALBUM


def test_str_is_an_indented_tree(token: str) -> None:
    text = str(spotlite.album(token, MAIN_ALBUM))
    lines = text.splitlines()
    assert lines[0] == "FullAlbum("
    assert "    name='Sibelius: Finlandia, Karelia Suite & Symphony No. 2'," in lines
    assert "        Image(url='https://i.scdn.co/image/" in text
    assert "... 9 more" in text  # twelve tracks, three shown
    assert "available_markets=('AD', 'AE', 'AG', ... 182 more)," in text
    assert lines[-1] == ")"


def test_to_dict_gives_plain_json_ready_data(token: str) -> None:
    album = spotlite.album(token, MAIN_ALBUM)
    data = album.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["tracks"]["items"][0]["name"] == "Finlandia, Op. 26"
    assert data["images"][0] == {"url": album.images[0].url, "height": 640, "width": 640}
    assert to_dict((Image(url="u"),)) == [{"url": "u", "height": None, "width": None}]
    assert spotlite.to_dict(album) == data


def test_small_models_print_on_one_line() -> None:
    assert str(Image(url="u", width=64, height=64)) == "Image(url='u', height=64, width=64)"
    assert str(Copyright(text="t", type="C")) == "Copyright(text='t', type='C')"


# The models' decorator (spotlite.models._base.dataclass) against dataclasses.dataclass.

MODULES = [name for name in spotlite.models._MODULES if name != "_base"]


def model_classes() -> list[type]:
    return [cls for cls in vars(spotlite.models).values() if isinstance(cls, type) and dataclasses.is_dataclass(cls)]


def reference_module(name: str) -> types.ModuleType:
    """The module ``spotlite.models.<name>`` again, its classes made by ``dataclasses.dataclass`` itself.

    Its classes derive from those of the other modules, which the models' decorator made.
    """
    path = Path(spotlite.models.__file__).with_name(f"{name}.py")
    ours = "from ._base import Model, dataclass\n"
    assert ours in path.read_text()
    source = path.read_text().replace(ours, "from dataclasses import dataclass\n\nfrom ._base import Model\n")
    module = types.ModuleType(f"spotlite.models._reference_{name}")
    module.__package__ = "spotlite.models"
    sys.modules[module.__name__] = module  # dataclass reads the module's globals
    try:
        exec(compile(source, str(path), "exec"), module.__dict__)  # noqa: S102 - our own module
    finally:
        del sys.modules[module.__name__]
    return module


def example(cls: type) -> Any:
    """An instance of ``cls`` with every field that has no default set to a string."""
    required = {f.name: f"{f.name}!" for f in dataclasses.fields(cls)
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}
    return cls(**required)


def field_facts(cls: type) -> list[tuple[Any, ...]]:
    return [(f.name, f.type, f.default, f.default_factory, f.init, f.repr, f.hash, f.compare, dict(f.metadata),
             f.kw_only, f._field_type) for f in dataclasses.fields(cls)]  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", MODULES)
def test_every_model_is_what_dataclass_makes_of_it(name: str) -> None:
    ours, theirs = importlib.import_module(f"spotlite.models.{name}"), reference_module(name)
    for class_name in ours.__all__:
        mine, reference = getattr(ours, class_name), getattr(theirs, class_name)
        if not dataclasses.is_dataclass(mine):  # a union's alias
            continue
        assert field_facts(mine) == field_facts(reference), class_name
        assert repr(mine.__dataclass_params__) == repr(reference.__dataclass_params__)
        assert mine.__match_args__ == reference.__match_args__ == ()
        inherited = {slot for base in mine.__mro__[1:] for slot in vars(base).get("__slots__", ())}
        assert mine.__slots__ == tuple(s for s in reference.__slots__ if s not in inherited)  # 3.10 repeats them
        assert str(inspect.signature(mine)) == str(inspect.signature(reference))
        assert mine.__doc__ == reference.__doc__ and mine.__qualname__ == reference.__qualname__
        assert set(vars(reference)) - set(vars(mine)) - set(reference.__slots__) - {"__weakref__"} == set()  # 3.10
        assert set(vars(mine)) - set(vars(reference)) <= {"__replace__"}  # Python 3.13 adds it too
        one, other = example(mine), example(reference)
        assert repr(one) == repr(other)
        if all(not isinstance(getattr(one, f.name), dict) for f in dataclasses.fields(one)):
            assert hash(one) == hash(other) == hash(example(mine))
        assert dataclasses.asdict(one) == dataclasses.asdict(other)


def test_every_model_is_a_frozen_slotted_keyword_only_dataclass() -> None:
    classes = model_classes()
    assert len(classes) > 80
    for cls in classes:
        model = example(cls)
        assert dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen  # type: ignore[attr-defined]
        assert "__slots__" in vars(cls) and not hasattr(model, "__dict__")
        field = dataclasses.fields(cls)[0].name
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(model, field, "changed")
        with pytest.raises(dataclasses.FrozenInstanceError):
            delattr(model, field)
        with pytest.raises(TypeError):
            cls("positional")
        changed = dataclasses.replace(model, **{field: "changed"})
        assert getattr(changed, field) == "changed" and type(changed) is cls and changed != model
        assert pickle.loads(pickle.dumps(model)) == model == copy.deepcopy(model) == copy.copy(model)
        assert model.__eq__("a string") is NotImplemented and model == example(cls)
        assert repr(model).startswith(f"{cls.__qualname__}(")
        assert isinstance(model, Model) and cls.__match_args__ == ()


def test_models_compare_hash_and_print_by_their_fields() -> None:
    image = Image(url="u", height=64)
    assert image == Image(url="u", height=64, width=None) and hash(image) == hash(Image(url="u", height=64))
    assert image != Image(url="u") and image != Copyright(text="u", type="C")
    assert repr(image) == "Image(url='u', height=64, width=None)"
    assert {image, Image(url="u", height=64)} == {image}
    match SimpleAlbum(id="i", name="n", uri="u", images=(image,), album_type="album", total_tracks=1, release_date="2020",
                      release_date_precision="year", href="h", external_urls=ExternalUrls()):
        case SimpleAlbum(name=name, images=(Image(height=height),)):
            assert (name, height) == ("n", 64)
        case _:
            pytest.fail("no match")


def test_methods_are_compiled_on_first_use() -> None:
    @model_dataclass(frozen=True, slots=True, kw_only=True)
    class Sample(Model):
        """A sample."""

        name: str
        tags: tuple[str, ...] = ()
        flags: dict[str, bool] = dataclasses.field(default_factory=dict)

    compiled = ["__init__", "__repr__", "__eq__", "__hash__"]
    assert [type(vars(Sample)[name]).__name__ for name in compiled] == ["_Compiled"] * 4
    first, second = Sample(name="a"), Sample(name="a")
    assert all(isinstance(vars(Sample)[name], types.FunctionType) for name in compiled)
    assert [vars(Sample)[name].__qualname__ for name in compiled] == [f"{Sample.__qualname__}.{name}" for name in compiled]
    assert first == second and first.flags == {} and first.flags is not second.flags
    assert str(inspect.signature(Sample)) == (
        "(*, name: 'str', tags: 'tuple[str, ...]' = (), flags: 'dict[str, bool]' = <factory>) -> None")
    with pytest.raises(TypeError, match="missing 1 required keyword-only argument: 'name'"):
        Sample()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected keyword argument 'nonsense'"):
        Sample(name="a", nonsense=1)  # type: ignore[call-arg]


def test_threads_meeting_an_uncompiled_init_all_get_one() -> None:
    @model_dataclass(frozen=True, slots=True, kw_only=True)
    class Sample(Model):
        """A sample."""

        name: str

    start = threading.Barrier(8)

    def make(index: int) -> Sample:
        start.wait()
        return Sample(name=str(index))

    with ThreadPoolExecutor(8) as pool:
        made = list(pool.map(make, range(8)))
    assert [sample.name for sample in made] == [str(index) for index in range(8)]


def test_a_standard_dataclass_may_derive_from_a_model() -> None:
    @dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
    class Annotated(Image):
        note: str = ""

    annotated = Annotated(url="u", note="n")
    assert annotated.url == "u"
    assert [f.name for f in dataclasses.fields(annotated)] == ["url", "height", "width", "note"]
    with pytest.raises(TypeError, match="cannot inherit non-frozen dataclass from a frozen one"):
        dataclasses.dataclass(type("Thawed", (Image,), {"__annotations__": {"note": "str"}}))


def test_the_decorator_refuses_what_it_does_not_make() -> None:
    with pytest.raises(TypeError, match="frozen=True, slots=True, kw_only=True"):
        model_dataclass(frozen=False, slots=True, kw_only=True)
    make = model_dataclass(frozen=True, slots=True, kw_only=True)
    with pytest.raises(ValueError, match="mutable default"):
        make(type("Bad", (Model,), {"__annotations__": {"x": "list[int]"}, "x": []}))
    with pytest.raises(TypeError, match="plain fields, annotated as text, only"):
        make(type("Bad", (Model,), {"__annotations__": {"x": "ClassVar[int]"}}))
    with pytest.raises(TypeError, match="writes those"):
        make(type("Bad", (Model,), {"__repr__": lambda self: ""}))
    thawed = dataclasses.dataclass(type("Thawed", (), {"__annotations__": {"x": "int"}}))
    with pytest.raises(TypeError, match="cannot inherit frozen dataclass from a non-frozen one"):
        make(type("Bad", (thawed,), {}))


def test_loading_the_models_compiles_nothing() -> None:
    code = """if True:
        import builtins, importlib
        compiled = []
        original = builtins.exec
        def spy(source, *args):
            if isinstance(source, str):
                compiled.append(source)
            return original(source, *args)
        builtins.exec = spy
        import spotlite.models
        spotlite.models.__all__  # every module
        builtins.exec = original
        print(len(compiled))
    """
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["0"]
