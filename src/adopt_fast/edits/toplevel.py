"""Lint settings written directly under `[tool.ruff]` (or at the top of a ruff.toml), which
Ruff deprecates in favour of the `lint` table. Found with their line and described the same
way by `init` (a note: init leaves the user's layout alone) and `check` (AF005)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from adopt_fast.edits.ruffconfig import TOP_LEVEL_LINT_KEYS

_HEADER = re.compile(r"\s*\[\s*([^\[\]]+?)\s*\]")


@dataclass(frozen=True)
class TopLevelLint:
    keys: tuple[str, ...]
    file: str  # as shown to the user, relative to the project
    line: int | None  # the first of the keys
    in_pyproject: bool

    @property
    def location(self) -> str:
        return self.file if self.line is None else f"{self.file}:{self.line}"

    @property
    def problem(self) -> str:
        names = [f"`{key}`" for key in self.keys]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        where = "directly under [tool.ruff]" if self.in_pyproject else f"at the top of {self.file}"
        return f"{listed} {where} {'is' if len(names) == 1 else 'are'} deprecated"

    @property
    def fix(self) -> str:
        target = "[tool.ruff.lint]" if self.in_pyproject else "a [lint] table"
        return f"move {'it' if len(self.keys) == 1 else 'them'} to {target}"


def find_top_level_lint(
    text: str,
    table: Mapping[str, Any],
    *,
    file: str,
    in_pyproject: bool,
    skip: Iterable[str] = (),
) -> TopLevelLint | None:
    """The deprecated top-level lint keys of the Ruff settings `table` (parsed from `text`),
    or None when there are none."""
    keys = tuple(sorted(TOP_LEVEL_LINT_KEYS & table.keys() - set(skip)))
    if not keys:
        return None
    return TopLevelLint(keys, file, _first_line(text, keys, in_pyproject), in_pyproject)


def _first_line(text: str, keys: tuple[str, ...], in_pyproject: bool) -> int | None:
    """The line of the first of `keys` assigned in the top Ruff table itself (a `select` in
    `[tool.ruff.lint]` below does not count)."""
    assignment = re.compile(rf"""\s*["']?({"|".join(map(re.escape, keys))})["']?\s*=""")
    top_name = "tool.ruff" if in_pyproject else None
    # Plugin settings written as their own table: `[tool.ruff.pydocstyle]`, `[pydocstyle]`.
    tables = {f"{top_name}.{key}" if top_name else key for key in keys}
    table: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        header = _HEADER.match(line)
        if header is not None and not line.lstrip().startswith("[["):
            table = re.sub(r"\s*\.\s*", ".", header.group(1))
            if table in tables:
                return number
            continue
        if line.lstrip().startswith("[["):
            table = "[["  # an array of tables: never the Ruff table
            continue
        if table == top_name and assignment.match(line):
            return number
    return None
