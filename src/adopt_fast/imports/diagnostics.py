"""Ruff's JSON diagnostics as values: where, what, and the edits of its fix."""

from __future__ import annotations

import json

from adopt_fast.values import Value

UNUSED_IMPORT = "F401"
UNREADABLE = "E902"


class Edit(Value):
    """Replace the text from (row, column) to (end_row, end_column) by `content`; rows and
    columns are 1-based and count characters, as in Ruff's JSON. Ordered by position."""

    __slots__ = ("column", "content", "end_column", "end_row", "row")

    def __init__(self, row: int, column: int, end_row: int, end_column: int, content: str) -> None:
        self.row = row
        self.column = column
        self.end_row = end_row
        self.end_column = end_column
        self.content = content

    def __lt__(self, other: Edit) -> bool:
        return (self.row, self.column, self.end_row, self.end_column, self.content) < (
            other.row,
            other.column,
            other.end_row,
            other.end_column,
            other.content,
        )


class Fix(Value):
    __slots__ = ("applicability", "edits")

    def __init__(self, applicability: str, edits: tuple[Edit, ...]) -> None:
        self.applicability = applicability  # "safe", "unsafe" or "display-only"
        self.edits = edits


class Diagnostic(Value):
    __slots__ = ("code", "column", "end_column", "end_row", "fix", "message", "path", "row")

    def __init__(
        self,
        path: str,
        code: str,  # F401, E902, or Ruff's name for a syntax error
        row: int,
        column: int,
        message: str,
        fix: Fix | None,
        end_row: int = 0,  # where the imported name ends (0: unknown)
        end_column: int = 0,
    ) -> None:
        self.path = path
        self.code = code
        self.row = row
        self.column = column
        self.message = message
        self.fix = fix
        self.end_row = end_row
        self.end_column = end_column

    def at(self, row: int, column: int, end_row: int, end_column: int) -> Diagnostic:
        """The same diagnostic at another position."""
        return Diagnostic(
            self.path, self.code, row, column, self.message, self.fix, end_row, end_column
        )

    def in_file(self, path: str) -> Diagnostic:
        """The same diagnostic, naming the file `path`."""
        return Diagnostic(
            path,
            self.code,
            self.row,
            self.column,
            self.message,
            self.fix,
            self.end_row,
            self.end_column,
        )

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
