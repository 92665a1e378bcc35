"""Type-check the README's Getting Started block with ``mypy --strict``, as written.

    python tests/typecheck_readme.py      # tox -e type runs it

The block uses ``client_id``, ``client_secret`` and ``redirect_uri``, the
reader's own values, without defining them: they are declared as ``str``
above it. Everything else is checked as the README shows it.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DECLARED = "client_id: str\nclient_secret: str\nredirect_uri: str\n\n"


def getting_started() -> str:
    """The first python block under the README's "Getting started" heading."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## Getting started", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    if match is None:
        raise SystemExit("README.md: no python block under ## Getting started")
    return match.group(1)


def check() -> subprocess.CompletedProcess[str]:
    """Run mypy --strict (with the project's configuration) on the block alone (errors in spotlite are
    ``mypy spotlite``'s to report); its result."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "readme_getting_started.py"
        path.write_text(DECLARED + getting_started(), encoding="utf-8")
        command = [sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent",
                   "--config-file", str(ROOT / "setup.cfg"), str(path)]
        return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)


def main() -> int:
    result = check()
    print(result.stdout, end="")
    print(result.stderr, end="", file=sys.stderr)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
