"""Ruff's JSON diagnostics as values: where, what, and the edits of its fix."""

from __future__ import annotations

import json
from dataclasses import dataclass

UNUSED_IMPORT = "F401"
UNREADABLE = "E902"


@dataclass(frozen=True, order=True)
class Edit:
    """Replace the text from (row, column) to (end_row, end_column) by `content`; rows and
    columns are 1-based and count characters, as in Ruff's JSON."""

    row: int
    column: int
    end_row: int
    end_column: int
    content: str


@dataclass(frozen=True)
class Fix:
    applicability: str  # "safe", "unsafe" or "display-only"
    edits: tuple[Edit, ...]


@dataclass(frozen=True)
class Diagnostic:
    path: str
    code: str  # F401, E902, or Ruff's name for a syntax error
    row: int
    column: int
    message: str
    fix: Fix | None
    end_row: int = 0  # where the imported name ends (0: unknown)
    end_column: int = 0

    @property
    def name(self) -> str:
        """The import as Ruff names it: "os", "pkg.mod.thing", ".sibling.name"."""
        parts = self.message.split("`")
        return parts[1] if len(parts) > 2 else self.message

    @property
    def is_syntax_error(self) -> bool:
        return self.code not in (UNUSED_IMPORT, UNREADABLE)


def _edit(data: dict[str, object]) -> Edit:
    start, end = data["location"], data["end_location"]
    assert isinstance(start, dict) and isinstance(end, dict)
    return Edit(start["row"], start["column"], end["row"], end["column"], str(data["content"]))


def parse_diagnostics(report: bytes, path: str | None = None) -> list[Diagnostic]:
    """Read `ruff check --output-format json`; `path` replaces the file name (stdin runs)."""
    found = []
    for item in json.loads(report or b"[]"):
        fix = item.get("fix")
        found.append(
            Diagnostic(
                path=path or item["filename"],
                code=item.get("code") or "syntax-error",
                row=item["location"]["row"],
                column=item["location"]["column"],
                message=item["message"],
                end_row=item["end_location"]["row"],
                end_column=item["end_location"]["column"],
                fix=None
                if not fix
                else Fix(
                    fix.get("applicability") or "unsafe", tuple(_edit(e) for e in fix["edits"])
                ),
            )
        )
    return found
