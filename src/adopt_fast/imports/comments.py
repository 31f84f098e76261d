"""Keep the comments that Ruff's removal of an import would delete.

Ruff's F401 fix deletes a whole line (`import json  # serialisation`) or rewrites a
parenthesized statement without the name (`from m import (\\n    a,  # why\\n    b,\\n)`), and
the comments on those lines go with it. adopt-fast never deletes a comment: each one is kept
as a line of its own, at the statement's indentation, where the statement was (or above
what is left of it). A comment on its own line above a removed import is not part of Ruff's
edit and stays where it is. Tool directives (`# noqa`, `# type: ignore`, `# fmt: off`, ...)
go with the line they were written for.
"""

from __future__ import annotations

import re

from adopt_fast.imports.diagnostics import Edit
from adopt_fast.imports.source_edits import SourcePositions

_COMMENT = re.compile(r"#[^\r\n]*")
_LINE_END = re.compile(r"\r\n|\r|\n")


# Tool directives speak of the line they end, and go with it: on a line of their own they
# would act on other code (`# type: ignore` before any statement makes mypy skip the whole
# module; `# fmt: off` and `# isort: off` start regions). Compiled on first use (`re`'s cache).
_DIRECTIVE = (
    r"(?i)#\s*(?:type:|noqa\b|pragma\b|pyright:|pylint:|mypy:|nosec\b|isort:|fmt:|ruff:|pyre-)"
)


def _without_directives(comment: str) -> str:
    """`# type: ignore  # why` -> `# why`; "" when nothing but directives is left."""
    parts = [p.rstrip() for p in re.split(r"(?=#)", comment) if p.strip()]
    return "  ".join(p for p in parts if not re.match(_DIRECTIVE, p))


def _lost_comments(deleted: str, content: str) -> list[str]:
    # An import statement holds no strings, so every `#` in the text Ruff replaces starts a
    # comment; text with a quote (not an import alone) is left to Ruff as it is.
    if "'" in deleted or '"' in deleted:
        return []
    lost = [_without_directives(c) for c in _COMMENT.findall(deleted) if c not in content]
    return [c for c in lost if c]


def keep_comments(edit: Edit, positions: SourcePositions) -> Edit | None:
    """`edit` with the comments it would delete kept as lines of their own; None when they
    cannot be placed on lines of their own (the statement follows code on its line)."""
    text = positions.text
    start, end, content = positions.span(edit)
    lost = _lost_comments(text[start:end], content)
    if not lost:
        return edit
    _, column = positions.row_column(start)
    before = text[start - column + 1 : start]
    if before.strip():
        return None
    line_end = _LINE_END.search(text, start)
    newline = line_end.group() if line_end else "\n"
    if column == 1:  # the edit starts at the line's start: the indentation is inside it
        deleted = text[start:end]
        indent = deleted[: len(deleted) - len(deleted.lstrip(" \t"))]
        kept = "".join(indent + c + newline for c in lost)
    elif not content:
        kept = (newline + before).join(lost) + newline
    else:
        kept = "".join(c + newline + before for c in lost)
    if not content and not text[start:end].endswith(("\n", "\r")):
        kept = kept[: -len(newline)]  # the line's end (or the file's missing one) stays as is
    return Edit(edit.row, edit.column, edit.end_row, edit.end_column, kept + content)


def with_comments_kept(
    edits: tuple[Edit, ...], positions: SourcePositions
) -> tuple[Edit, ...] | None:
    """Every edit of a fix with its comments kept; None when one of them cannot be."""
    kept = tuple(keep_comments(e, positions) for e in edits)
    return None if any(e is None for e in kept) else kept  # type: ignore[return-value]
