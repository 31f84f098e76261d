"""Names a framework reads from a module's globals (framework_globals.toml): PLY's `tokens`
and `p_*` rules, pytest's `pytest_*` hooks in conftest.py, Sphinx's conf.py values."""

from __future__ import annotations

import fnmatch
import os
import re
import sys
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Framework:
    name: str
    reason: str
    files: tuple[str, ...] = ()
    imports: tuple[str, ...] = ()
    names: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    pattern: str | None = None

    def applies(self, relative: str, imported: frozenset[str]) -> bool:
        """Both conditions, where the entry has both (Invoke's tasks.py must import invoke)."""
        by_file = not self.files or any(
            fnmatch.fnmatchcase(relative, f) or fnmatch.fnmatchcase(relative, f"*/{f}")
            for f in self.files
        )
        by_import = not self.imports or any(m in imported for m in self.imports)
        return by_file and by_import

    def reads(self, name: str) -> bool:
        return (
            name in self.names
            or name.startswith(self.prefixes)
            or (self.pattern is not None and re.search(self.pattern, name) is not None)
        )


@cache
def frameworks() -> tuple[Framework, ...]:
    # Imported here, on the first import the fix would remove: not on a commit with none.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib

    path = os.path.join(os.path.dirname(__file__), "framework_globals.toml")
    with open(path, "rb") as f:
        entries = tomllib.load(f)["framework"]
    return tuple(
        Framework(
            e["name"],
            e["reason"],
            tuple(e.get("files", ())),
            tuple(e.get("imports", ())),
            frozenset(e.get("names", ())),
            tuple(e.get("prefixes", ())),
            e.get("pattern"),
        )
        for e in entries
    )


def framework_reason(relative: str, imported: frozenset[str], name: str) -> str | None:
    """Why a framework reads `name` from the globals of the module at `relative`, or None."""
    for framework in frameworks():
        if framework.applies(relative, imported) and framework.reads(name):
            return f"{framework.name}: {framework.reason}"
    return None
