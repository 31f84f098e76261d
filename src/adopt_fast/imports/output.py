"""How the fix speaks: one line per event on stderr (pre-commit's fixer convention), with
paths as the user would type them."""

from __future__ import annotations

import os
import sys


def shown(path: str) -> str:
    """`path` as the user would type it: relative to the current folder when inside it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def say(line: str) -> None:
    print(line, file=sys.stderr)
