"""A project's Ruff configuration as read, and one planned edit to it: the values
`adopt_fast.edits.ruffconfig` plans with and `adopt_fast.edits.tomlrender` writes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from adopt_fast.edits.textfile import TextFile

Path = tuple[str, ...]


@dataclass(frozen=True)
class RuffConfig:
    """The file whose Ruff settings govern the project (or the one to create)."""

    path: str
    file: TextFile | None  # None: the file does not exist yet
    data: dict[str, Any]  # the whole document
    in_pyproject: bool
    # The configs it `extend`s, nearest first: read for what they select, never written.
    extends: tuple[RuffConfig, ...] = ()

    @property
    def table(self) -> dict[str, Any]:
        """The Ruff settings: `[tool.ruff]` of a pyproject.toml, or the whole ruff.toml."""
        if not self.in_pyproject:
            return self.data
        tool = self.data.get("tool", {})
        ruff = tool.get("ruff", {}) if isinstance(tool, dict) else {}
        return ruff if isinstance(ruff, dict) else {}

    @property
    def prefix(self) -> str:
        return "tool.ruff." if self.in_pyproject else ""

    def lint_values(self, key: str) -> list[str]:
        """`key` (e.g. "select") from both `lint` and the deprecated top level, in this file."""
        lint = self.table.get("lint", {})
        return [*self.table.get(key, []), *(lint.get(key, []) if isinstance(lint, dict) else [])]

    def rule_selection(self) -> tuple[list[str], list[str]]:
        """The selectors that select and ignore rules, through the `extend` chain the way Ruff
        layers it: base first; a layer's `select` replaces what came before (its ignores too);
        `extend-select`, `ignore` and `extend-ignore` add."""
        selected: list[str] = []
        ignored: list[str] = []
        for layer in (*reversed(self.extends), self):
            if has_select(layer.table):
                selected, ignored = layer.lint_values("select"), []
            selected += layer.lint_values("extend-select")
            ignored += layer.lint_values("ignore") + layer.lint_values("extend-ignore")
        return selected, ignored


def has_select(table: Mapping[str, Any]) -> bool:
    lint = table.get("lint", {})
    return "select" in table or (isinstance(lint, dict) and "select" in lint)


@dataclass
class Addition:
    """One edit: append `items` to the array at `path`, or create the key when `new`."""

    path: Path
    items: list[tuple[Any, str]] = field(default_factory=list)  # (value, reason or "")
    value: Any = None  # a non-array value to set (new keys only)
    new: bool = False
    comment: str = ""  # the reason shown after a new non-array value
