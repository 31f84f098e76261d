"""Apply Ruff's fix edits to a source text, whole fixes at a time, never overlapping.

Rows and columns are Ruff's: 1-based, columns in characters, lines ended by "\\r\\n", "\\n"
or "\\r" (so CRLF files are edited in place and keep their line endings).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from adopt_fast.imports.diagnostics import Edit

_LINE_END = re.compile(r"\r\n|\r|\n")

Span = tuple[int, int, str]  # start offset, end offset, replacement


class SourcePositions:
    """Row/column to offset for one text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in _LINE_END.finditer(text)]

    def offset(self, row: int, column: int) -> int:
        if row - 1 >= len(self.starts):
            return len(self.text)
        return min(self.starts[row - 1] + column - 1, len(self.text))

    def span(self, edit: Edit) -> Span:
        return (
            self.offset(edit.row, edit.column),
            self.offset(edit.end_row, edit.end_column),
            edit.content,
        )

    def original(self, edit: Edit) -> str:
        start, end, _ = self.span(edit)
        return self.text[start:end]


def _conflicts(span: Span, chosen: Sequence[Span]) -> bool:
    # Touching counts, as in Ruff's own fix loop: `import os; import sys` is two deletions
    # that meet, and applying both would leave the line's end behind.
    start, end, _ = span
    return any(start <= other_end and other_start <= end for other_start, other_end, _ in chosen)


def apply_fixes(text: str, fixes: Sequence[Sequence[Edit]]) -> tuple[str, set[int]]:
    """`text` with every fix applied that does not collide with an earlier one, and the
    indices of the fixes applied (apply the others in another round, on the new text)."""
    positions = SourcePositions(text)
    chosen: list[Span] = []
    applied: set[int] = set()
    for index in sorted(range(len(fixes)), key=lambda i: sorted(fixes[i])):
        spans = [positions.span(edit) for edit in fixes[index]]
        new = [s for s in spans if s not in chosen]  # fixes of one statement share their edits
        if any(_conflicts(s, chosen) for s in new):
            continue
        chosen.extend(new)
        applied.add(index)
    out = text
    for start, end, content in sorted(chosen, reverse=True):
        out = out[:start] + content + out[end:]
    return out, applied
