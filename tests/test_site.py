"""The built documentation site shows each endpoint's facts as its data says, and nothing is cut off in a browser.

The site is built once for the module (``mkdocs build --strict``, offline, into a temporary folder), or taken
from ``SPOTLITE_SITE`` when ``tox -e docs`` has just built it; the module runs where MkDocs is installed
(``tox -e docs``, or a venv with the docs' packages). The browser tests run Debian's ``chromium`` headless
where it is installed (``.ci/run`` installs it), at 1280 px and at 390 px wide.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

import spotlite

pytest.importorskip("mkdocs", reason="the site's tests need MkDocs: tox -e docs runs them")

REPO = Path(__file__).resolve().parent.parent
ENDPOINT_MODULES = [module for module in spotlite._EXPORTS if module.startswith("api.") and module != "api.raw"]
BOX_TITLES = {"Scopes", "Deprecated by Spotify", "Limited in development mode"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    parent: Element | None
    children: list[Element | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self) -> str:
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)

    def walk(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.walk()

    def ancestors(self) -> Iterator[Element]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class Tree(HTMLParser):
    """A page as a tree of elements (enough of HTML for MkDocs' output)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = self.current = Element("document", {}, None)
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs}, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def is_box(element: Element) -> bool:
    return element.tag == "details" or (element.tag == "div" and "admonition" in element.classes)


def box_title(element: Element) -> str:
    for child in element.children:
        if isinstance(child, Element) and (child.tag == "summary" or "admonition-title" in child.classes):
            return " ".join(child.text().split())
    return ""


@pytest.fixture(scope="module")
def site() -> Iterator[Path]:
    built = os.environ.get("SPOTLITE_SITE")
    if built:
        yield Path(built)
        return
    folder = Path(tempfile.mkdtemp(prefix="spotlite-site-"))
    try:
        done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(folder)],
                              cwd=REPO, capture_output=True, text=True, timeout=300, check=False,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        assert done.returncode == 0, done.stderr
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def sections(page: Path) -> dict[str, Element]:
    """Each documented function of a reference page: its ``div.doc-object``, by its dotted name."""
    found = {}
    for element in Tree(page.read_text(encoding="utf-8")).root.walk():
        if element.tag == "h2" and element.attrs.get("id", "").startswith("spotlite.") and element.parent:
            found[element.attrs["id"]] = element.parent
    return found


def boxes_of(section: Element) -> dict[str, Element]:
    """The boxes of a function's own text (not of anything nested in it), by title."""
    contents = next(child for child in section.children if isinstance(child, Element) and "doc-contents" in child.classes)
    return {box_title(child): child for child in contents.children if isinstance(child, Element) and is_box(child)}


@pytest.mark.parametrize("module", ENDPOINT_MODULES)
def test_every_endpoint_shows_its_facts_and_only_them(site: Path, module: str) -> None:
    found = sections(site / "reference" / f"{module.removeprefix('api.')}.html")
    for name in spotlite._EXPORTS[module]:
        function = getattr(spotlite, name)
        boxes = boxes_of(found[f"spotlite.{name}"])
        assert set(boxes) <= BOX_TITLES, name
        if function.scope:
            scopes = boxes["Scopes"]
            codes = [element.text() for element in scopes.walk() if element.tag == "code"]
            assert codes == list(function.scope), name
            assert " ".join(scopes.text().split()) == " ".join(["Scopes", *function.scope]), name  # nothing but scopes
        else:
            assert "Scopes" not in boxes, name
        assert ("Deprecated by Spotify" in boxes) == bool(function.deprecated), name
        assert ("Limited in development mode" in boxes) == bool(function.limited), name


def test_no_box_is_inside_another(site: Path) -> None:
    nested = []
    for page in sorted(site.rglob("*.html")):
        for element in Tree(page.read_text(encoding="utf-8")).root.walk():
            if is_box(element) and any(is_box(above) for above in element.ancestors()):
                nested.append(f"{page.relative_to(site)}: {box_title(element)!r}")
    assert nested == []


def test_no_scope_box_outside_the_endpoints(site: Path) -> None:
    """A Scopes box holds scopes only: every one on the site is an endpoint's, checked above."""
    endpoint_pages = {f"{module.removeprefix('api.')}.html" for module in ENDPOINT_MODULES}
    stray = []
    for page in sorted(site.rglob("*.html")):
        for element in Tree(page.read_text(encoding="utf-8")).root.walk():
            if is_box(element) and box_title(element) == "Scopes" and page.name not in endpoint_pages:
                stray.append(str(page.relative_to(site)))
    assert stray == []


def test_errors_named_in_docstrings_link_to_their_entry(site: Path) -> None:
    errors = spotlite.errors.__all__
    unlinked = []
    for page in sorted((site / "reference").glob("*.html")):
        for element in Tree(page.read_text(encoding="utf-8")).root.walk():
            in_prose = element.tag == "code" and element.parent is not None and element.parent.tag == "p"
            if in_prose and element.text() in errors and page.name != "errors.html":
                unlinked.append(f"{page.name}: {element.text()}")
    assert unlinked == []


# In a real browser: Debian's chromium, headless.

CHROMIUM = shutil.which("chromium")
WIDTHS = (1280, 390)
PAGES = ("index.html", "getting-started.html", "guides/authorisation.html", "guides/advanced.html",
         "guides/testing.html", "guides/migrating.html", "guides/examples.html", "reference/playlists.html",
         "reference/albums.html", "reference/scope.html", "reference/errors.html", "reference/models/music.html")
# Run in the page once it has settled: what is cut off (overflowing a box that neither wraps nor scrolls, or
# sticking out of the content column with nothing to scroll it), and which copy buttons cover code.
CHECK = """
<script>
setTimeout(function () {
  var problems = [];
  var content = document.querySelector(".md-content");
  var right = content.getBoundingClientRect().right;
  function scrolls(el) {
    for (; el && el !== document.body; el = el.parentElement) {
      var x = getComputedStyle(el).overflowX;
      if (x === "auto" || x === "scroll") return true;
    }
    return false;
  }
  function name(el) {
    return el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ")[0] : "") +
      ": " + (el.textContent || "").trim().slice(0, 60);
  }
  content.querySelectorAll("*").forEach(function (el) {
    if (!el.getClientRects().length) return;
    var x = getComputedStyle(el).overflowX;
    if ((x === "hidden" || x === "clip") && el.scrollWidth > el.clientWidth + 1 && el.textContent.trim())
      problems.push("cut: " + name(el));
    if (el.children.length === 0 && el.getBoundingClientRect().right > right + 1 && !scrolls(el))
      problems.push("out of the column: " + name(el));
  });
  if (document.documentElement.scrollWidth > window.innerWidth + 1)
    problems.push("the page scrolls sideways: " + document.documentElement.scrollWidth + " px");
  document.querySelectorAll("pre").forEach(function (pre) {
    var button = pre.querySelector(".md-clipboard, .md-code__button");
    if (!button || !button.getClientRects().length) return;
    var b = button.getBoundingClientRect();
    var code = pre.querySelector("code");
    if (!code) return;
    var walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim()) continue;
      var range = document.createRange();
      range.selectNodeContents(node);
      var hit = Array.prototype.some.call(range.getClientRects(), function (r) {
        return r.right > b.left && r.left < b.right && r.bottom > b.top && r.top < b.bottom;
      });
      if (hit) { problems.push("the copy button covers: " + node.textContent.trim().slice(0, 60)); break; }
    }
  });
  var out = document.createElement("pre");
  out.id = "spotlite-check";
  out.textContent = JSON.stringify(problems);
  document.body.appendChild(out);
}, 500);
</script>
"""


def browse(page: Path, width: int, profile: Path) -> list[str]:
    """The problems CHECK finds on ``page`` in headless chromium, ``width`` px wide."""
    probe = page.with_name(f"_check_{page.name}")
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", CHECK + "</body>"), encoding="utf-8")
    try:
        done = subprocess.run(
            [CHROMIUM or "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", f"--window-size={width},900", "--hide-scrollbars",
             "--virtual-time-budget=5000", "--dump-dom", probe.as_uri()],
            capture_output=True, text=True, timeout=120, check=False)
    finally:
        probe.unlink()
    dom = Tree(done.stdout).root
    result = next((element for element in dom.walk() if element.attrs.get("id") == "spotlite-check"), None)
    assert result is not None, f"chromium showed no result for {page.name} (exit {done.returncode}):\n{done.stderr[-2000:]}"
    problems: list[str] = json.loads(result.text())
    return problems


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (apt-get install chromium; .ci/run does)")
@pytest.mark.parametrize("width", WIDTHS)
def test_nothing_is_cut_off_in_a_browser(site: Path, width: int, tmp_path: Path) -> None:
    found = {}
    for name in PAGES:
        problems = browse(site / name, width, tmp_path / f"profile-{width}")  # a fresh profile for each width
        if problems:
            found[name] = problems
    assert found == {}, json.dumps(found, indent=1)
