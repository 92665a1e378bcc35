"""Scopes combine as Tekore's ``Scope`` does, and still stand in for their text."""

from __future__ import annotations

import copy
import pickle
from urllib.parse import parse_qs, urlsplit

import pytest

import spotlite
from spotlite import scope
from spotlite.errors import InvalidInput
from spotlite.scope import Scope


def test_a_constant_stands_in_for_its_text() -> None:
    assert scope.user_top_read == "user-top-read" and "user-top-read" == scope.user_top_read
    assert (scope.user_top_read != "user-top-read") is False  # __ne__ too, not frozenset's
    assert scope.user_top_read != "user-read-email" and scope.user_top_read != "user-top-read user-read-email"
    assert str(scope.user_top_read) == f"{scope.user_top_read}" == "user-top-read"
    assert f"[{scope.streaming:>10}]" == "[ streaming]"
    assert repr(scope.user_top_read) == "Scope('user-top-read')"
    # hashed as its name: found among plain names, and they among scopes
    assert scope.user_top_read in {"user-top-read"} and {scope.user_top_read: 1}["user-top-read"] == 1  # type: ignore[index]
    assert "user-top-read" in {scope.user_top_read}


def test_scopes_combine_into_sets_not_text() -> None:
    both = scope.user_read_email + scope.user_read_private
    assert isinstance(both, Scope) and str(both) == "user-read-email user-read-private"
    assert both == scope.user_read_private | scope.user_read_email  # union, in any order
    assert both == "user-read-private user-read-email" == Scope("user-read-email", "user-read-private")
    assert list(both) == ["user-read-email", "user-read-private"] and len(both) == 2
    assert "user-read-email" in both and scope.user_read_private in both and "user" not in both
    assert both - scope.user_read_email == scope.user_read_private
    assert both - "user-read-private" == "user-read-email"
    assert isinstance(both & scope.user_read_email, Scope) and both & scope.user_read_email == "user-read-email"
    assert isinstance(both ^ scope.user_read_email, Scope) and both ^ scope.user_read_email == "user-read-private"


def test_plain_text_and_sets_combine_on_either_side() -> None:
    assert isinstance("user-top-read" + scope.streaming, Scope)
    assert "user-top-read" + scope.streaming == scope.streaming + "user-top-read" == "streaming user-top-read"
    assert "user-top-read streaming" - scope.streaming == scope.user_top_read
    assert isinstance(frozenset({"streaming"}) | scope.user_top_read, Scope)
    assert scope.user_top_read | ["streaming", "ugc-image-upload"] == "streaming ugc-image-upload user-top-read"
    assert scope.user_top_read + ("streaming",) == "streaming user-top-read"
    with pytest.raises(TypeError):
        scope.user_top_read + 5  # type: ignore[operator]
    with pytest.raises(TypeError):
        scope.user_top_read | [5]  # type: ignore[list-item]


def test_every_read_and_write_are_scopes() -> None:
    assert isinstance(scope.every, Scope) and isinstance(scope.every, frozenset) and len(scope.every) == 19
    assert isinstance(scope.read, Scope) and isinstance(scope.write, Scope)
    assert scope.read | scope.write <= scope.every and scope.read.isdisjoint(scope.write)
    assert "user-library-modify" in scope.write and scope.user_library_read in scope.read
    assert scope.every - scope.read - scope.write == "app-remote-control streaming"
    assert list(scope.every) == sorted(scope.every) and str(scope.every).split() == list(scope.every)
    assert all(type(name) is str for name in scope.every)  # iteration gives the plain names
    assert scope.read == frozenset(scope.read) and Scope(scope.read) == scope.read


def test_a_scope_is_made_from_text_scopes_and_lists_of_either() -> None:
    assert Scope("b a", scope.streaming, ["c", scope.user_top_read]) == "a b c streaming user-top-read"
    assert Scope() == "" and not Scope() and str(Scope()) == ""
    with pytest.raises(TypeError, match="got int"):
        Scope(5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="item of type int"):
        Scope(["a", 5])  # type: ignore[list-item]


def test_scopes_pickle_and_copy_as_scopes() -> None:
    both = scope.user_read_email + scope.user_top_read
    for again in (pickle.loads(pickle.dumps(both)), copy.copy(both), copy.deepcopy(both)):
        assert type(again) is Scope and again == both and hash(again) == hash(both)


def test_the_authorisation_url_takes_scopes_in_every_form() -> None:
    def asked(value: object) -> str:
        url = spotlite.authorisation_url("id", "http://127.0.0.1:8888/callback", scope=value)  # type: ignore[arg-type]
        return parse_qs(urlsplit(url).query)["scope"][0]

    expected = "user-read-email user-top-read"
    assert asked(scope.user_top_read + scope.user_read_email) == expected
    assert asked([scope.user_top_read, scope.user_read_email]) == expected
    assert asked(["user-top-read", scope.user_read_email]) == expected
    assert asked("user-top-read user-read-email") == expected
    assert asked(scope.user_top_read) == "user-top-read"
    assert asked(scope.every).split() == sorted(scope.every)
    with pytest.raises(InvalidInput, match="scope must be a str, a Scope or an iterable of them"):
        asked(5)
    with pytest.raises(InvalidInput, match="scope must be"):
        asked([5])
