"""MkDocs hooks of the documentation build (named in mkdocs.yml, never part of the site).

- The docstrings mark a code block as reStructuredText does, with a paragraph ending in ``::``;
  Markdown renders the indented block as code already, so the rendered ``::`` becomes ``:`` (or
  goes, when it stands alone).
- An endpoint's docstring says which scopes it needs in a paragraph starting ``Scope:`` or
  ``Scopes:``, and when Spotify restricts it in one starting ``Deprecated by Spotify`` (or in a
  sentence after the scopes). They are shown as boxes, so they stand out as Tekore's do.
"""

from __future__ import annotations

import re
from typing import Any

_ALONE = re.compile(r"<p>\s*::\s*</p>")
_ENDING = re.compile(r"::(\s*</p>)")
_SCOPES = re.compile(r"<p>Scopes?: (.*?)</p>", re.DOTALL)
_RESTRICTED = re.compile(r"<p>(Deprecated by Spotify.*?)</p>", re.DOTALL)
_SPLIT = "Deprecated by Spotify"


def _box(kind: str, title: str, body: str) -> str:
    return f'<div class="admonition {kind}"><p class="admonition-title">{title}</p><p>{body.strip()}</p></div>'


def _scopes(match: re.Match[str]) -> str:
    text = match.group(1)
    scopes, split, restriction = text.partition(_SPLIT)
    boxes = _box("info", "Scopes", scopes)
    if split:
        boxes += _box("warning", "Restricted by Spotify", split + restriction)
    return boxes


def on_page_content(html: str, **kwargs: Any) -> str:
    html = _ENDING.sub(r":\1", _ALONE.sub("", html))
    html = _SCOPES.sub(_scopes, html)
    return _RESTRICTED.sub(lambda match: _box("warning", "Restricted by Spotify", match.group(1)), html)
