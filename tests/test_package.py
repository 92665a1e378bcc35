"""The package as users meet it: cheap import, vendorable, typed."""

from __future__ import annotations

import ast
import importlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import spotlite
from spotlite.testing._standin.catalogue import MAIN_ALBUM

PACKAGE = Path(spotlite.__file__).parent


def test_import_loads_neither_requests_nor_models_nor_typing() -> None:
    code = "import sys; before = set(sys.modules); import spotlite; print(*sorted(set(sys.modules) - before))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    loaded = out.split()
    assert "spotlite" in loaded
    assert [m for m in loaded if m.startswith("spotlite.") or m in ("requests", "typing", "dataclasses")] == []


def test_only_relative_imports_and_requests() -> None:
    """vcrpy and PyYAML only in spotlite/testing/ (the testing extra), pytest only in its plugin, redis-py only in
    spotlite/stores/redis.py (the redis extra), aiohttp (with its yarl, and requests' certifi) only in _aiohttp.py
    (the aio extra)."""
    stdlib = set(sys.stdlib_module_names) | {"requests"}
    for path in PACKAGE.rglob("*.py"):
        testing = path.parent.name == "testing"
        allowed = stdlib | ({"vcr", "yaml"} if testing else set()) | ({"pytest"} if testing and path.name == "plugin.py" else set())
        allowed |= {"aiohttp", "yarl", "certifi"} if path.name == "_aiohttp.py" else set()
        allowed |= {"redis"} if path.relative_to(PACKAGE).as_posix() == "stores/redis.py" else set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] in allowed, f"{path.name} imports {name}"
    assert (PACKAGE / "py.typed").exists()


def test_a_function_loads_only_what_it_needs() -> None:
    code = ("import sys, spotlite; spotlite.album; "
            "print(sorted(m for m in sys.modules if m.startswith('spotlite.models.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == str(["spotlite.models._base", "spotlite.models.artist", "spotlite.models.common",
                               "spotlite.models.music"])


def test_export_table_matches_the_modules() -> None:
    for module_name, names in spotlite._EXPORTS.items():
        module = importlib.import_module(f"spotlite.{module_name}")
        assert sorted(names) == sorted(module.__all__), module_name
    api = {p.stem for p in (PACKAGE / "api").glob("[!_]*.py")}
    assert api == {m.removeprefix("api.") for m in spotlite._EXPORTS if m.startswith("api.")}


def test_every_public_name_resolves() -> None:
    missing = [name for name in spotlite.__all__ if not hasattr(spotlite, name)]
    assert missing == []
    assert "album" in dir(spotlite) and spotlite.scope.every


def test_submodules_load_on_first_attribute_access() -> None:
    public = sorted({p.stem for p in PACKAGE.glob("[!_]*.py")}
                    | {p.parent.name for p in PACKAGE.glob("[!_]*/__init__.py")})
    assert public == sorted(spotlite._SUBMODULES)
    code = (
        "import sys, spotlite\n"
        "assert not [m for m in sys.modules if m.startswith('spotlite.')]\n"
        f"names = {public!r}\n"
        "print(*[getattr(spotlite, name).__name__ for name in names])\n"
        "print(*[name for name in dir(spotlite) if name in names])\n"
        "print(spotlite.models.FullAlbum.__name__, spotlite.errors.NotFound.__name__, spotlite.scope.user_top_read)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == [" ".join(f"spotlite.{name}" for name in public), " ".join(public),
                                "FullAlbum NotFound user-top-read"]


def test_unknown_attribute() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nonsense'"):
        spotlite.nonsense  # noqa: B018


def test_vendored_copy_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, token: str) -> None:
    vendor = tmp_path / "vendored" / "_vendor"
    shutil.copytree(PACKAGE, vendor / "spotlite", ignore=shutil.ignore_patterns("__pycache__"))
    for folder in (tmp_path / "vendored", vendor):
        (folder / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    from vendored._vendor import spotlite as vendored  # type: ignore[import-not-found]

    vendored.configure(session=spotlite.settings().session)  # the recorder's, when recording
    album = vendored.album(token, MAIN_ALBUM)
    assert type(album).__module__ == "vendored._vendor.spotlite.models.music"
    assert album.tracks.items[0].name == "Finlandia, Op. 26"
