"""The documentation site (docs/, mkdocs.yml) documents every public name, and its guides name only real ones.

Offline and without MkDocs: these tests read the Markdown sources. A reference page documents a name
with an mkdocstrings directive on a line of its own, ``::: spotlite.album``; ``tox -e docs`` renders
them (and fails on a name that does not resolve, a broken link or any other warning).
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import spotlite
from spotlite import aio, scope

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
MKDOCS = ROOT / "mkdocs.yml"
PAGES = sorted(DOCS.rglob("*.md"))
DIRECTIVE = re.compile(r"^::: ([\w.]+)\s*$", re.MULTILINE)
AUTOREF = re.compile(r"\]\[([\w.]+)\]")  # [text][spotlite.album]: a link to a documented name
INLINE_CODE = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")
FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
DOTTED = re.compile(r"(?<![\w.])((?:spotlite|aio|scope)(?:\.\w+)+)")
NOT_NAMES = {"spotlite.cfg"}  # a file name, not an attribute


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def documented() -> set[str]:
    """Every name a ``:::`` directive documents, on any page."""
    return {name for page in PAGES for name in DIRECTIVE.findall(text(page))}


def resolve(dotted: str) -> Any:
    """The object ``dotted`` names, importing modules as needed; AttributeError when there is none."""
    parts = dotted.split(".")
    value: Any = importlib.import_module(parts[0])
    for index, part in enumerate(parts[1:], start=1):
        try:
            value = getattr(value, part)
        except AttributeError:
            if not isinstance(value, ModuleType):
                raise
            try:
                value = importlib.import_module(".".join(parts[: index + 1]))
            except ModuleNotFoundError:
                raise AttributeError(f"{dotted}: no {part!r} in {'.'.join(parts[:index])}") from None
    return value


def guide_pages() -> list[Path]:
    """The pages written by hand: everything but the generated reference."""
    return [page for page in PAGES if "reference" not in page.relative_to(DOCS).parts]


def test_there_are_pages() -> None:
    assert (DOCS / "index.md").exists()
    assert len(PAGES) > 30
    assert len(documented()) > 200


def test_every_directive_names_a_real_object() -> None:
    missing = []
    for name in sorted(documented()):
        try:
            resolve(name)
        except (AttributeError, ImportError):
            missing.append(name)
    assert missing == []


def test_every_exported_name_is_in_the_reference() -> None:
    names = documented()
    missing = [name for name in spotlite.__all__ if f"spotlite.{name}" not in names]
    assert missing == []
    assert "spotlite.scope" in names


def test_every_endpoint_is_on_the_page_of_its_module() -> None:
    """``spotlite.album`` is documented on reference/albums.md, as ``spotlite.api.albums`` defines it."""
    wrong = []
    for module_name, names in spotlite._EXPORTS.items():
        if not module_name.startswith("api."):
            continue
        page = DOCS / "reference" / f"{module_name.removeprefix('api.')}.md"
        on_page = set(DIRECTIVE.findall(text(page))) if page.exists() else set()
        wrong += [f"{page.name}: {name}" for name in names if f"spotlite.{name}" not in on_page]
        assert f"spotlite.{module_name}" in on_page, page
        assert "spotlite.<name>" in text(page), f"{page.name} should say the functions are used as spotlite.<name>"
    assert wrong == []


def test_every_model_is_in_the_reference() -> None:
    names = documented()
    models = importlib.import_module("spotlite.models")
    missing = [name for name in models.__all__ if f"spotlite.models.{name}" not in names and f"spotlite.{name}" not in names]
    assert missing == []


def test_every_model_module_has_a_page_with_its_models() -> None:
    models = importlib.import_module("spotlite.models")
    for module_name in models._MODULES:
        if module_name.startswith("_"):
            continue
        page = DOCS / "reference" / "models" / f"{module_name}.md"
        assert page.exists(), page
        on_page = set(DIRECTIVE.findall(text(page)))
        module = importlib.import_module(f"spotlite.models.{module_name}")
        assert [name for name in module.__all__ if f"spotlite.models.{name}" not in on_page] == [], page


def test_every_error_is_in_the_reference() -> None:
    errors = importlib.import_module("spotlite.errors")
    page = set(DIRECTIVE.findall(text(DOCS / "reference" / "errors.md")))
    assert [name for name in errors.__all__ if f"spotlite.{name}" not in page] == []
    assert "spotlite.errors" in page  # the module's docstring draws the tree


def test_every_scope_is_in_the_reference_with_its_text() -> None:
    page = text(DOCS / "reference" / "scope.md")
    names = set(DIRECTIVE.findall(page))
    rows = dict(re.findall(r"^\| `scope\.(\w+)` \| `([\w-]+)` \|", page, re.MULTILINE))
    for name in scope.__all__:
        if name in rows:
            assert rows[name] == str(getattr(scope, name)), name
        else:
            assert f"spotlite.scope.{name}" in names, name
    assert set(rows) <= set(scope.__all__)


def test_every_async_name_is_in_the_reference() -> None:
    """``spotlite.aio`` mirrors ``spotlite``: its page says so and links each coroutine to its sync twin."""
    page = text(DOCS / "reference" / "async.md")
    names = set(DIRECTIVE.findall(page))
    linked = dict(re.findall(r"\[`aio\.(\w+)`\]\[spotlite\.(\w+)\]", page))
    assert "mirrors" in page and "same name" in page
    everywhere = documented()
    missing = []
    for name in aio.__all__:
        if f"spotlite.aio.{name}" in names:
            continue
        if linked.get(name) == name and f"spotlite.{name}" in everywhere:
            continue
        missing.append(name)
    assert missing == []
    assert "spotlite.aio" in names


def test_every_testing_name_is_in_the_reference() -> None:
    testing = importlib.import_module("spotlite.testing")
    names = documented()
    missing = [name for name in testing.__all__ if f"spotlite.testing.{name}" not in names]
    plugin_names = re.search(r"^__all__ = \[(.*?)\]", text(ROOT / "spotlite" / "testing" / "plugin.py"),
                             re.MULTILINE | re.DOTALL)
    assert plugin_names is not None
    for name in re.findall(r'"(\w+)"', plugin_names.group(1)):  # read, not imported: the plugin imports pytest
        if f"spotlite.testing.plugin.{name}" not in names:
            missing.append(f"plugin.{name}")
    assert missing == []


def test_links_to_the_reference_name_documented_objects() -> None:
    """``[text][spotlite.album]`` in any page links to something a directive documents."""
    names = documented()
    attributes = {name.rsplit(".", 1)[0] for name in names}
    broken = []
    for page in PAGES:
        for target in AUTOREF.findall(text(page)):
            if target in names or target.rsplit(".", 1)[0] in names | attributes:
                continue
            broken.append(f"{page.relative_to(DOCS)}: {target}")
    assert broken == []


def code_names(page: Path) -> list[str]:
    """The dotted ``spotlite.x``, ``aio.x`` and ``scope.x`` names in the page's inline code and code blocks."""
    body = text(page)
    snippets = INLINE_CODE.findall(FENCE.sub("", body)) + FENCE.findall(body)
    return [name for snippet in snippets for name in DOTTED.findall(snippet) if name not in NOT_NAMES]


@pytest.mark.parametrize("page", guide_pages(), ids=lambda page: str(page.relative_to(DOCS)))
def test_guides_name_only_real_names(page: Path) -> None:
    """``spotlite.album``, ``aio.album``, ``scope.user_top_read``: each name a guide writes in code exists."""
    missing = []
    for name in code_names(page):
        dotted = f"spotlite.{name}" if name.startswith(("aio.", "scope.")) else name
        try:
            resolve(dotted)
        except (AttributeError, ImportError):
            # A name on a result (``token.refresh_token``, ``album.tracks.items``) is not checked: only the
            # first name after ``spotlite.`` must exist, and each later one when it is a module's.
            head = ".".join(dotted.split(".")[:2])
            try:
                resolve(head)
            except (AttributeError, ImportError):
                missing.append(name)
                continue
            if isinstance(resolve(head), ModuleType):
                missing.append(name)
    assert missing == []


def test_guides_use_names_in_code() -> None:
    """The check above has something to check: the guides show spotlite's names in code."""
    assert sum(len(code_names(page)) for page in guide_pages()) > 100


def test_every_page_is_in_the_navigation() -> None:
    config = text(MKDOCS)
    in_nav = set(re.findall(r"(?:^\s*-\s*|:\s+)([\w/-]+\.md)\s*$", config, re.MULTILINE))
    assert in_nav == {str(page.relative_to(DOCS)) for page in PAGES}


def test_the_site_is_built_for_the_file_system_and_offline() -> None:
    """Pages open from the file system, and nothing is fetched from the network to show them."""
    config = text(MKDOCS)
    assert re.search(r"^use_directory_urls: false$", config, re.MULTILINE)
    assert re.search(r"^strict: true$", config, re.MULTILINE)
    assert re.search(r"^  font: false$", config, re.MULTILINE)  # no web fonts
    assert not re.search(r"^\s*- offline$", config, re.MULTILINE)  # its search shim is fetched from a CDN
    assert not re.search(r"^\s*(inventories|import):", config, re.MULTILINE)  # no objects.inv fetched
    for page in PAGES:
        assert not re.search(r"<(script|link|img|iframe)\b", text(page)), page


def test_pages_stay_inside_the_repository() -> None:
    """No page points at files outside the repository or at the team's own notes."""
    for page in PAGES:
        body = text(page)
        assert "../shared" not in body and "shared/spec" not in body and "CHANGES-2026" not in body, page
        for link in re.findall(r"\]\(([^)\s]+)\)", body):
            if re.match(r"[a-z]+:", link) or link.startswith("#"):
                continue
            target = (page.parent / link.split("#")[0]).resolve()
            assert target.is_relative_to(DOCS.resolve()), f"{page.relative_to(DOCS)}: {link}"


def test_every_example_is_listed() -> None:
    """Each script in examples/ has its line on the Examples page (a helper named ``_...`` is not an example)."""
    page = text(DOCS / "guides" / "examples.md")
    scripts = [path.name for path in sorted((ROOT / "examples").glob("*.py")) if not path.name.startswith("_")]
    missing = [name for name in scripts if f"`{name}`" not in page]
    assert missing == []
