"""Line-level facts about a TOML text, found in one linear pass: which lines hold the values
of which keys, and how an edited text's lines align with the original's.

The editors use them to prove that an edit only added lines (and, inside the Ruff table,
items to its arrays): every original line must reappear byte for byte, in order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

_BARE = r"[A-Za-z0-9_-]+"
_PART = rf"""(?:{_BARE}|"(?:[^"\\]|\\.)*"|'[^']*')"""
_DOTTED = rf"{_PART}(?:[ \t]*\.[ \t]*{_PART})*"
_HEADER = re.compile(rf"[ \t]*(\[\[?)[ \t]*({_DOTTED})[ \t]*\]\]?[ \t]*(?:#.*)?$")
_ASSIGN = re.compile(rf"[ \t]*({_DOTTED})[ \t]*=[ \t]*")
_PARTS = re.compile(_PART)

Key = tuple[str, ...]


def _key(dotted: str) -> Key:
    return tuple(p[1:-1] if p[:1] in ('"', "'") else p for p in _PARTS.findall(dotted))


def header_key(line: str) -> Key | None:
    """The table a header line opens (`[ tool . ruff ]` -> ("tool", "ruff")), else None."""
    match = _HEADER.match(line)
    return None if match is None else _key(match.group(2))


def normalized_header(line: str) -> str | None:
    """A header line without the spaces TOML ignores in it (`[ tool.ruff ]` -> `[tool.ruff]`),
    or None for any other line (a header with a quoted key stays as it is)."""
    body = line.rstrip("\r\n")
    match = _HEADER.match(body)
    if match is None or '"' in match.group(2) or "'" in match.group(2):
        return None
    brackets = match.group(1)
    closing = "]]" if brackets == "[[" else "]"
    name = re.sub(r"[ \t]+", "", match.group(2))
    rest = body[match.end(2) :].lstrip(" \t").removeprefix(closing)
    return f"{brackets}{name}{closing}{rest}"


def _value_end(lines: Sequence[str], row: int, col: int) -> int:
    """The last line of the value that starts at lines[row][col:] (arrays, inline tables and
    multi-line strings can span lines)."""
    depth, quote = 0, ""
    while row < len(lines):
        line, i = lines[row], col
        while i < len(line):
            if quote:
                if line.startswith(quote, i):
                    i, quote = i + len(quote), ""
                    if depth == 0:
                        return row
                    continue
                i += 2 if quote[0] == '"' and line[i] == "\\" else 1
                continue
            char = line[i]
            if char in "\"'":
                quote = char * 3 if line.startswith(char * 3, i) else char
                i += len(quote)
                continue
            if char == "#":
                break
            if char in "[{":
                depth += 1
            elif char in "]}":
                depth -= 1
                if depth <= 0:
                    return row
            elif depth == 0 and not char.isspace():
                return row  # a scalar: one line
            i += 1
        if quote in ('"', "'"):
            quote = ""  # a one-line string cannot continue: the text is not TOML
        row, col = row + 1, 0
    return len(lines) - 1


def value_spans(text: str) -> Iterator[tuple[Key, int, int, str]]:
    """(full key path, first line, last line, the value's first character) for every key
    assigned in `text`, and (table path, line, line, "[") for every table header; 0-based."""
    lines = text.splitlines()
    table: Key = ()
    row = 0
    while row < len(lines):
        line = lines[row]
        header = header_key(line)
        if header is not None:
            table = header
            yield table, row, row, "["
            row += 1
            continue
        match = _ASSIGN.match(line)
        if match is None:
            row += 1
            continue
        end = _value_end(lines, row, match.end())
        yield (*table, *_key(match.group(1))), row, end, line[match.end() : match.end() + 1]
        row = end + 1


def lines_of(text: str, inside: Callable[[Key], bool], *, arrays_only: bool) -> set[int]:
    """The lines (0-based) of every header and value whose key path satisfies `inside`
    (with `arrays_only`, the lines of arrays and inline tables only)."""
    found: set[int] = set()
    for key, first, last, opener in value_spans(text):
        if inside(key) and (opener in ("[", "{") or not arrays_only):
            found.update(range(first, last + 1))
    return found


def align(
    old: Sequence[str], new: Sequence[str], similar: Callable[[str, str], bool] | None = None
) -> list[int | None]:
    """For each line of `new`, the line of `old` it is (None: an added line), matching
    greedily in order; linear in the number of lines. With `similar`, a line that is not
    equal to the next old line but `similar(old, new)` is taken for it too (an array line
    that gained items). Old lines left unmatched mean `new` is not `old` plus added lines."""
    matches: list[int | None] = []
    i = 0
    for line in new:
        if i < len(old) and (line == old[i] or (similar is not None and similar(old[i], line))):
            matches.append(i)
            i += 1
        else:
            matches.append(None)
    return matches


def extended(old: str, new: str) -> bool:
    """Whether `new` can be the line `old` with items added: a non-blank line that is not a
    table header (tomlkit adds items to arrays in place, never to a header) gained one run
    of characters."""
    return (
        bool(old.strip())
        and header_key(old) is None
        and header_key(new) is None
        and is_insertion(old, new)
    )


def is_insertion(old: str, new: str) -> bool:
    """Whether `new` is `old` with one run of characters inserted somewhere."""
    if len(new) < len(old):
        return False
    prefix = 0
    limit = len(old)
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    return new.endswith(old[prefix:])
