"""Every endpoint function carries its scopes and Spotify's restrictions as data, and its errors agree with them."""

from __future__ import annotations

import asyncio
import inspect
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from loopback import Handler, Server, reply
from test_argument_types import CASES, endpoint_names

import spotlite
from spotlite import aio, scope
from spotlite.errors import Forbidden, InvalidInput
from spotlite.scope import Scope

ENDPOINTS = [name for name in endpoint_names() if name != "request"]
REPO = Path(__file__).resolve().parent.parent


def test_every_endpoint_carries_its_facts() -> None:
    assert len(ENDPOINTS) == 100
    for name in ENDPOINTS:
        function = getattr(spotlite, name)
        assert isinstance(function.scope, Scope), name
        assert function.scope <= scope.every, name
        assert function.deprecated is None or function.deprecated.endswith("."), name
        assert function.limited is None or function.limited.endswith("."), name
        twin = getattr(aio, name)
        assert (twin.scope, twin.deprecated, twin.limited) == (function.scope, function.deprecated, function.limited)


def test_the_facts_are_what_spotify_documents() -> None:
    assert spotlite.playlist_add.scope == Scope("playlist-modify-public playlist-modify-private")
    assert spotlite.album.scope == Scope() and not spotlite.album.scope  # none needed: empty
    assert spotlite.saved_tracks.scope == scope.user_library_read
    assert spotlite.episodes.deprecated == "development-mode apps call ``episode`` for each ID."
    assert spotlite.saved_tracks_add.deprecated == "development-mode apps use ``library_add``."
    assert spotlite.search.limited and spotlite.search.deprecated is None
    deprecated = {name for name in ENDPOINTS if getattr(spotlite, name).deprecated}
    assert len(deprecated) == 47 and {"episodes", "playlists", "artists_follow", "saved_tracks_add"} <= deprecated


def test_help_says_the_facts() -> None:
    doc = inspect.getdoc(spotlite.saved_albums_add) or ""
    first, scopes, deprecated, *_ = doc.split("\n\n")
    assert first == "Save albums to the user's library, 20 per request."
    assert scopes == "Scopes: ``user-library-modify``."
    assert deprecated == "Deprecated by Spotify: development-mode apps use ``library_add``."
    assert "Scopes: none." in (inspect.getdoc(spotlite.album) or "")


def test_scope_of_joins_the_scopes_of_functions_and_twins() -> None:
    wanted = spotlite.scope_of(spotlite.playlist_add, spotlite.saved_tracks, aio.current_user_top_tracks)
    assert wanted == Scope("playlist-modify-public playlist-modify-private user-library-read user-top-read")
    assert wanted == spotlite.playlist_add.scope + spotlite.saved_tracks.scope + aio.current_user_top_tracks.scope
    assert spotlite.scope_of() == Scope() and spotlite.scope_of(spotlite.album) == Scope()
    assert str(spotlite.scope_of(spotlite.playlist_items)) == "playlist-read-private"  # overloaded functions too


@pytest.mark.parametrize("stranger", [spotlite.refresh_user_token, print, "playlist_add", None])
def test_scope_of_refuses_what_is_no_endpoint(stranger: object) -> None:
    with pytest.raises(InvalidInput, match="scope_of takes spotlite's endpoint functions"):
        spotlite.scope_of(spotlite.album, stranger)  # type: ignore[arg-type]


@pytest.fixture
def forbidding(loopback: Callable[[Handler], Server]) -> Server:
    """Answers every request as Spotify answers a token without the scope an endpoint needs."""
    return loopback(lambda request, conn: reply(conn, 403, {"error": {"status": 403, "message": "Insufficient client scope"}}))


@pytest.mark.parametrize("name", ENDPOINTS)
def test_a_403_names_scopes_the_function_carries(forbidding: Server, name: str) -> None:
    """The scopes a refused call names (``error.scopes``) are among those its ``scope`` says; for a user who
    granted ``scope_of(function)``, none is missing."""
    arguments = next(arguments for function, arguments, *_ in CASES if function == name)
    with pytest.raises(Forbidden) as refused:
        getattr(spotlite, name)(**arguments)
    assert set(refused.value.scopes) <= getattr(spotlite, name).scope


def test_the_async_twin_carries_the_same_facts_through_a_call(forbidding: Server) -> None:
    with pytest.raises(Forbidden) as refused:
        asyncio.run(aio.saved_tracks("dummy-token"))
    assert Scope(refused.value.scopes) == aio.saved_tracks.scope == scope.user_library_read


def test_type_checkers_see_the_facts(tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    checked = tmp_path / "uses_scopes.py"
    checked.write_text(
        "from typing_extensions import assert_type\n"
        "import spotlite\n"
        "from spotlite import aio\n"
        "from spotlite.models import FullAlbum\n"
        "from spotlite.scope import Scope\n"
        "async def main(token: str) -> None:\n"
        "    assert_type(spotlite.playlist_add.scope, Scope)\n"
        "    assert_type(aio.playlist_add.scope, Scope)\n"
        "    assert_type(spotlite.episodes.deprecated, str | None)\n"
        "    assert_type(spotlite.scope_of(spotlite.playlist_add, aio.saved_tracks, spotlite.playlist_items), Scope)\n"
        "    assert_type(spotlite.album(token, 'x'), FullAlbum)\n"
        "    assert_type(await aio.album(token, 'x'), FullAlbum)\n"
        "    wanted: Scope = spotlite.playlist_add.scope + spotlite.saved_tracks.scope\n"
        "    spotlite.album.scopes\n"  # line 14: no such attribute
        "    spotlite.album(token, 5)\n"  # line 15: a wrong argument, seen through the protocol
    )
    command = [sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent", "--no-incremental",
               "--cache-dir", str(tmp_path / "cache"), str(checked)]
    out = subprocess.run(command, check=False, capture_output=True, text=True, cwd=REPO).stdout
    errors = [line.split(": error: ")[0].rsplit(":", 1)[-1] for line in out.splitlines() if ": error: " in line]
    assert errors == ["14", "15"], out
