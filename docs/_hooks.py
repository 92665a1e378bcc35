"""MkDocs hooks of the documentation build (named in mkdocs.yml, never part of the site).

The docstrings mark a code block as reStructuredText does, with a paragraph ending in ``::``;
Markdown renders the indented block as code already, so the rendered ``::`` becomes ``:`` (or goes,
when it stands alone). (The endpoints' Scopes and Deprecated boxes come from their data, in
``_griffe_endpoints.py``, not from here.)
"""

from __future__ import annotations

import re
from typing import Any

_ALONE = re.compile(r"<p>\s*::\s*</p>")
_ENDING = re.compile(r"::(\s*</p>)")


def on_page_content(html: str, **kwargs: Any) -> str:
    return _ENDING.sub(r":\1", _ALONE.sub("", html))
