"""``python -m spotlite.testing check PATH...``: look through cassettes for live tokens and secrets.

Prints each find (file and line, what it is, a masked preview) and exits 1
when there is one; 0 with a one-line summary when there is none; 2 when a path
does not exist. For CI and pre-commit::

    python -m spotlite.testing check cassettes/
"""

from __future__ import annotations

import argparse
import sys

from ._check import check


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m spotlite.testing", description="spotlite's cassette tools")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    checking = commands.add_parser(
        "check", help="look through cassettes for live tokens, secrets and authorisation codes",
        description="Look through cassette files and folders of them (.yaml, .yml, .json, recursively) for "
                    "anything that looks like a live token, secret or authorisation code. Exits 1 when it "
                    "finds one, 0 when not.")
    checking.add_argument("paths", nargs="+", metavar="PATH", help="a cassette file or a folder of them")
    arguments = parser.parse_args(argv)
    try:
        report = check(arguments.paths)
    except FileNotFoundError as error:
        print(f"spotlite.testing check: {error}", file=sys.stderr)
        return 2
    for finding in report.findings:
        print(finding)
    for path in report.unreadable:
        print(f"{path}: not valid YAML or JSON: searched line by line", file=sys.stderr)
    print(report.summary(), file=sys.stderr if report.findings else sys.stdout)
    return 1 if report.findings else 0


if __name__ == "__main__":
    sys.exit(main())
