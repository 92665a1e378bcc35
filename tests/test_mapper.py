"""The mapper: JSON to frozen dataclasses."""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass, field
from typing import Any, Literal

import pytest

from spotlite import _mapper
from spotlite._mapper import alias, to_model
from spotlite.errors import MappingError
from spotlite.models import FullTrack, Model, SavedTrackPaging
from spotlite.testing._standin.catalogue import FINLANDIA, track_full


@dataclass(frozen=True, slots=True, kw_only=True)
class Leaf(Model):
    name: str
    count: int | None = None
    ratio: float = 0.0


@dataclass(frozen=True, slots=True, kw_only=True)
class Song(Model):
    type: Literal["song"]
    title: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Talk(Model):
    type: Literal["talk"]
    speaker: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Tree(Model):
    leaves: tuple[Leaf | None, ...] = ()
    tags: tuple[str, ...] = ()
    best: Leaf | None = None
    entry: Song | Talk | None = None
    items: tuple[int, ...] = field(default=(), metadata=alias("tracks"))
    extra: Any = None


def test_nested_optional_and_defaults() -> None:
    tree = to_model(Tree, {"leaves": [{"name": "a", "count": 2}, None], "best": {"name": "b"}, "unknown": 1})
    assert tree.leaves == (Leaf(name="a", count=2), None)
    assert tree.best == Leaf(name="b") and tree.tags == () and tree.entry is None
    assert dataclasses.is_dataclass(tree)


def test_null_gives_the_default() -> None:
    assert to_model(Tree, {"tags": None, "best": None}) == Tree()


def test_union_dispatched_on_literal_fields() -> None:
    assert to_model(Tree, {"entry": {"type": "talk", "speaker": "x"}}).entry == Talk(type="talk", speaker="x")
    assert to_model(Tree, {"entry": {"type": "song", "title": "y"}}).entry == Song(type="song", title="y")
    with pytest.raises(MappingError, match="'entry': expected Song or Talk, got dict"):
        to_model(Tree, {"entry": {"type": "video"}})


def test_alias_read_when_the_new_key_is_missing() -> None:
    assert to_model(Tree, {"tracks": [1, 2]}).items == (1, 2)
    assert to_model(Tree, {"items": [3], "tracks": [1, 2]}).items == (3,)


def test_numbers() -> None:
    leaf = to_model(Leaf, {"name": "n", "count": 4.9022656e7, "ratio": 1})
    assert (leaf.count, leaf.ratio) == (49022656, 1.0)
    assert isinstance(leaf.ratio, float)
    with pytest.raises(MappingError, match="'count': expected int, got float"):
        to_model(Leaf, {"name": "n", "count": 2.5})
    with pytest.raises(MappingError, match="'count': expected int, got bool"):
        to_model(Leaf, {"name": "n", "count": True})


def test_wrong_kind_names_the_path() -> None:
    track = track_full(FINLANDIA)
    saved = {"added_at": "2026-03-01T10:00:00Z", "track": track}
    data = {"items": [saved, saved, {**saved, "track": {**track, "duration_ms": "long"}}], "href": "h", "limit": 3, "total": 3}
    with pytest.raises(MappingError) as caught:
        to_model(SavedTrackPaging, data)
    assert str(caught.value) == "'items[2].track.duration_ms': expected int, got str"
    assert caught.value.path == ("items", 2, "track", "duration_ms")


def test_missing_required_field() -> None:
    with pytest.raises(MappingError, match="'name': expected str, got null or nothing"):
        to_model(FullTrack, {"id": "x", "uri": "u"})
    with pytest.raises(MappingError, match="'\\(root\\)': expected object, got list"):
        to_model(FullTrack, [])


def test_array_expected() -> None:
    with pytest.raises(MappingError, match="'tags': expected array, got str"):
        to_model(Tree, {"tags": "rock"})


def test_models_are_frozen() -> None:
    leaf = Leaf(name="x")
    with pytest.raises(dataclasses.FrozenInstanceError):
        leaf.name = "y"  # type: ignore[misc]


@dataclass(frozen=True, slots=True, kw_only=True)
class Flags(Model):
    flags: dict[str, bool] = field(default_factory=dict)


def test_mapping_keeps_every_key_and_defaults_from_factory() -> None:
    assert to_model(Flags, {"flags": {"pausing": True, "new_action": False}}).flags == {
        "pausing": True, "new_action": False,
    }
    assert to_model(Flags, {}).flags == {} and to_model(Flags, {"flags": None}).flags == {}
    with pytest.raises(MappingError, match="'flags.seeking': expected bool, got str"):
        to_model(Flags, {"flags": {"seeking": "yes"}})
    with pytest.raises(MappingError, match="'flags': expected object, got list"):
        to_model(Flags, {"flags": []})


def test_errors_inside_models_built_inline_name_the_path() -> None:
    with pytest.raises(MappingError, match="'best.name': expected str, got int"):
        to_model(Tree, {"best": {"name": 3}})
    with pytest.raises(MappingError, match="'best': expected object, got list"):
        to_model(Tree, {"best": []})
    with pytest.raises(MappingError, match="'leaves\\[1\\].count': expected int, got str"):
        to_model(Tree, {"leaves": [{"name": "a"}, {"name": "b", "count": "x"}]})


def test_mapped_models_are_frozen_instances_of_their_own_class() -> None:
    tree = to_model(Tree, {"best": {"name": "b"}, "leaves": [{"name": "a"}]})
    assert type(tree) is Tree and type(tree.best) is Leaf and type(tree.leaves[0]) is Leaf
    assert hash(tree.best) == hash(Leaf(name="b"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        tree.best.name = "c"  # type: ignore[misc, union-attr]
    track = to_model(FullTrack, {**track_full(FINLANDIA), "name": "n"})
    assert type(track) is FullTrack and track.name == "n" and track.album.name == "Sibelius: Finlandia, Karelia Suite & Symphony No. 2"
    with pytest.raises(dataclasses.FrozenInstanceError):
        track.name = "m"  # type: ignore[misc]


MARKETS = [f"{a}{b}" for a in "ABC" for b in "DEFGHIJ"]  # 21 codes


def test_identical_long_lists_of_strings_share_one_tuple() -> None:
    first, second = to_model(Tree, {"tags": MARKETS}), to_model(Tree, {"tags": list(MARKETS)})
    assert first.tags == tuple(MARKETS) and first.tags is second.tags
    assert to_model(Tree, {"tags": MARKETS[::-1]}).tags == tuple(MARKETS[::-1])


def test_a_separator_inside_an_element_never_borrows_a_shared_list() -> None:
    to_model(Tree, {"tags": MARKETS})
    joined = ["\x1f".join(MARKETS[:2]), *MARKETS[2:]]  # joins to the same text, one element fewer
    assert to_model(Tree, {"tags": joined}).tags == tuple(joined)
    assert to_model(Tree, {"tags": joined * 2}).tags == tuple(joined * 2)


def test_a_wrong_element_in_a_long_list_of_strings_names_its_index() -> None:
    with pytest.raises(MappingError, match="'tags\\[21\\]': expected str, got int"):
        to_model(Tree, {"tags": [*MARKETS, 1]})


def test_hints_are_those_of_typing() -> None:
    import spotlite.models

    classes = [c for c in vars(spotlite.models).values() if isinstance(c, type) and dataclasses.is_dataclass(c)]
    for cls in [*classes, Tree, Flags, Leaf, Song]:
        assert _mapper._hints(cls) == typing.get_type_hints(cls), cls


@dataclass(frozen=True, slots=True, kw_only=True)
class Local(Model):
    value: Hidden | None = None  # a name the module does not define when the class is made

    Hidden = int


def test_hints_typing_alone_resolves() -> None:
    assert _mapper._hints(Local) == {"value": int | None} and to_model(Local, {"value": 2}).value == 2


@dataclass(frozen=True, slots=True, kw_only=True)
class Everything(Model):
    name: str
    leaf: Leaf
    song: Song | None = None
    entries: tuple[Song | Talk, ...] = ()
    flags: dict[str, bool] = field(default_factory=dict)
    renamed: tuple[int, ...] = field(default=(), metadata=alias("old"))
    extra: Any = None


@pytest.mark.parametrize(("data", "message"), [
    ({"leaf": {"name": "l"}}, "'name': expected str, got null or nothing"),
    ({"name": 1, "leaf": {"name": "l"}}, "'name': expected str, got int"),
    ({"name": "n"}, "'leaf': expected Leaf, got null or nothing"),
    ({"name": "n", "leaf": []}, "'leaf': expected object, got list"),
    ({"name": "n", "leaf": {"name": "l", "ratio": "x"}}, "'leaf.ratio': expected float, got str"),
    ({"name": "n", "leaf": {"name": "l"}, "song": {"type": "song"}}, "'song.title': expected str, got null or nothing"),
    ({"name": "n", "leaf": {"name": "l"}, "entries": [{"type": "talk", "speaker": 2}]},
     "'entries[0].speaker': expected str, got int"),
    ({"name": "n", "leaf": {"name": "l"}, "entries": [None]}, "'entries[0]': expected Song or Talk, got null or nothing"),
    ({"name": "n", "leaf": {"name": "l"}, "flags": {"a": 1}}, "'flags.a': expected bool, got int"),
    ({"name": "n", "leaf": {"name": "l"}, "old": ["x"]}, "'renamed[0]': expected int, got str"),
])
def test_an_error_names_the_first_field_that_fails(data: dict[str, Any], message: str) -> None:
    with pytest.raises(MappingError) as caught:
        to_model(Everything, data)
    assert str(caught.value) == message
    assert caught.value.__cause__ is None


def test_a_good_document_after_a_bad_one() -> None:
    with pytest.raises(MappingError):
        to_model(Everything, {"name": "n", "leaf": {"name": 3}})
    good = to_model(Everything, {"name": "n", "leaf": {"name": "l", "ratio": 2}, "old": [1], "extra": [1]})
    assert good == Everything(name="n", leaf=Leaf(name="l", ratio=2.0), renamed=(1,), extra=[1])
