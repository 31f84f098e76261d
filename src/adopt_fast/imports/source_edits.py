"""Apply Ruff's fix edits to a source text, whole fixes at a time, never overlapping.

Rows and columns are Ruff's: 1-based, columns in characters, lines ended by "\\r\\n", "\\n"
or "\\r" (so CRLF files are edited in place and keep their line endings).
"""

from __future__ import annotations

import re
from bisect import bisect_right
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

    def row_column(self, offset: int) -> tuple[int, int]:
        """The 1-based (row, column) of `offset`, as Ruff would report it."""
        row = bisect_right(self.starts, offset)
        return row, offset - self.starts[row - 1] + 1

    def original(self, edit: Edit) -> str:
        start, end, _ = self.span(edit)
        return self.text[start:end]


def _conflicts(span: Span, chosen: Sequence[Span]) -> bool:
    # Touching counts, as in Ruff's own fix loop: `import os; import sys` is two deletions
    # that meet, and applying both would leave the line's end behind.
    start, end, _ = span
    return any(start <= other_end and other_start <= end for other_start, other_end, _ in chosen)


def apply_fixes(text: str, fixes: Sequence[Sequence[Edit]]) -> tuple[str, set[int], list[Span]]:
    """`text` with every fix applied that does not collide with an earlier one, the indices
    of the fixes applied (apply the others in another round, on the new text) and the spans
    replaced (for `offset_before`)."""
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
    return out, applied, chosen


def offset_before(offset: int, spans: Sequence[Span]) -> int:
    """Where the text at `offset` of the edited text was before `spans` were applied; an
    offset inside a replacement maps to the start of the text it replaced."""
    shift = 0
    for start, end, content in sorted(spans):
        if offset < start + shift:
            break
        if offset < start + shift + len(content):
            return start
        shift += len(content) - (end - start)
    return offset - shift


class OriginalPositions:
    """Maps a position in a text edited round after round back to the original text: what
    the user sees in their editor before the fix, and on the `a/` side of the diff."""

    def __init__(self, original: str) -> None:
        self.original = SourcePositions(original)
        self.rounds: list[list[Span]] = []

    def record(self, spans: list[Span]) -> None:
        self.rounds.append(spans)

    def locate(self, current: SourcePositions, row: int, column: int) -> tuple[int, int]:
        """The original (row, column) of (row, column) in `current`, the latest text."""
        offset = current.offset(row, column)
        for spans in reversed(self.rounds):
            offset = offset_before(offset, spans)
        return self.original.row_column(offset)
