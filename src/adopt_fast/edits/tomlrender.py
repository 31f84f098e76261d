"""Write planned Ruff additions with tomlkit, mutating the parsed tables in place.

Replacing a table would drop its comments (tomlkit #392), so existing tables are only ever
added to. New arrays are parsed from text so that each item keeps its `# reason` comment
aligned. tomlkit writes new lines with "\\n"; `match_line_endings` gives them the file's own.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

import tomlkit
from tomlkit.items import Array, InlineTable, Item

from adopt_fast.edits.ruffmodel import Addition, RuffConfig
from adopt_fast.edits.tomlfile import key_line
from adopt_fast.edits.tomllines import align, extended, normalized_header
from adopt_fast.errors import InputError

_ITEM_INDENT = re.compile(r"\n([ \t]+)\S")


class _InlineTable(Exception):
    """An addition would have to go into an inline table (`lint = {select = [...]}`): tomlkit
    cannot put a table there, and a one-line table cannot take commented arrays."""

    def __init__(self, path: Sequence[str]) -> None:
        super().__init__(".".join(path))
        self.path = tuple(path)


def render(config: RuffConfig, additions: Sequence[Addition]) -> str:
    """The file's text with `additions` made, line endings and final newline as before.
    InputError when an addition would go into an inline table."""
    old = config.file.text if config.file else ""
    doc = tomlkit.parse(old)
    try:
        _apply(doc, config, additions)
    except _InlineTable as e:
        prefix = ("tool", "ruff") if config.in_pyproject else ()
        dotted = ".".join((*prefix, *e.path)) if e.path[: len(prefix)] != prefix else str(e)
        raise InputError(
            config.path,
            f"`{dotted}` is an inline table ({{...}}), which adopt-fast does not add to",
            f"write it as a [{dotted}] table, then run adopt-fast again",
            line=key_line(old, e.path[-1]),
        ) from None
    new_text = tomlkit.dumps(doc)
    newline = config.file.newline if config.file else "\n"
    new = match_line_endings(old, separate_new_tables(old, new_text), newline)
    if old and not old.endswith(("\n", "\r")) and new.endswith(newline):
        new = new[: -len(newline)]
    return new


def _apply(doc: Any, config: RuffConfig, additions: Sequence[Addition]) -> None:
    root: Any = doc
    tool = _dotted_ruff_holder(doc) if config.in_pyproject else None
    if tool is not None:
        # `[tool]` with `ruff.line-length = 99`: new settings are dotted keys there too
        # (tomlkit would otherwise open a `[ruff.lint]` table at the top level).
        for addition in additions:
            if addition.new:
                tool.append(tomlkit.key(["ruff", *addition.path]), _value(addition))
            else:
                _extend(_lookup(tool["ruff"], addition.path), addition.items)
        return
    if config.in_pyproject:
        direct = any(len(a.path) == 1 for a in additions)
        tool = _table(doc, "tool", super_table=True, path=("tool",))
        root = _table(tool, "ruff", super_table=not direct, path=("tool", "ruff"))
    for addition in additions:
        if addition.new:
            _add_new(root, addition, additions)
        else:
            _extend(_lookup(root, addition.path), addition.items)


def _dotted_ruff_holder(doc: Any) -> Any:
    """The `[tool]` table that sets Ruff with dotted keys (`ruff.line-length = 99`), or
    None. Looked up in the document's body: a `[tool]` with other `[tool.x]` tables out of
    order is a proxy whose appends land in the last of them."""
    for key, item in doc.body:
        if key is not None and key.key == "tool" and _uses_dotted_keys(item, "ruff"):
            return item
    return None


def _table(container: Any, key: str, *, super_table: bool, path: Sequence[str] = ()) -> Any:
    if isinstance(container, InlineTable):
        raise _InlineTable(path[:-1] or (key,))
    if key not in container:
        container[key] = tomlkit.table(is_super_table=super_table)
    found = container[key]
    if isinstance(found, InlineTable):
        raise _InlineTable(path or (key,))
    return found


def _lookup(node: Any, path: Sequence[str]) -> Any:
    for key in path:
        node = node[key]
    return node


def _uses_dotted_keys(table: Any, key: str | None = None) -> bool:
    """Whether `table` writes `key` (or, with None, any of its keys) as a dotted key."""
    body = getattr(table, "body", None) or getattr(getattr(table, "value", None), "body", [])
    return any(k is not None and k.is_dotted() and (key is None or k.key == key) for k, _ in body)


def _add_new(root: Any, addition: Addition, additions: Sequence[Addition]) -> None:
    """Create the key, through new tables where needed. Under a table written with dotted
    keys (`lint.select = [...]` in [tool.ruff]) the new key is dotted too."""
    parent, path = root, addition.path
    for depth, key in enumerate(path[:-1], start=1):
        if _uses_dotted_keys(parent, key) or (key not in parent and _uses_dotted_keys(parent)):
            parent.append(tomlkit.key(list(path[depth - 1 :])), _value(addition))
            return
        direct = any(len(a.path) == depth + 1 and a.path[:depth] == path[:depth] for a in additions)
        parent = _table(parent, key, super_table=not direct, path=path[:depth])
    if isinstance(parent, InlineTable):
        raise _InlineTable(path[:-1])
    parent[path[-1]] = _value(addition)


def _value(addition: Addition) -> Item:
    if addition.items:
        return new_array(addition.items)
    value: Item = tomlkit.item(addition.value)
    if addition.comment:
        value.comment(addition.comment)
        value.trivia.comment_ws = "  "  # PEP 8: two spaces before an inline comment
    return value


def _extend(array: Array, items: Sequence[tuple[Any, str]]) -> None:
    text = array.as_string()
    if "\n" not in text:  # a one-line array stays on one line (its items carry no comments)
        for value, _ in items:
            array.append(value)
        return
    match = _ITEM_INDENT.search(text)
    indent = match.group(1) if match else "    "
    column = _comment_column(text)
    for value, reason in items:
        array.add_line(value, indent=indent, comment=reason or None)
        if reason:
            width = len(indent) + len(tomlkit.item(value).as_string()) + 1  # the comma
            _pad_last_comment(array, max(2, column - width) if column else 2)


def _comment_column(text: str) -> int | None:
    """The column where the array's item comments start, when they are aligned."""
    columns = [
        line.index("#")
        for line in text.splitlines()[1:]
        if "#" in line and line.strip()[:1] in ('"', "'")
    ]
    return max(set(columns), key=columns.count) if columns else None


def _pad_last_comment(array: Array, spaces: int) -> None:
    """Align the comment `add_line` just wrote (it always puts one space before "#"). Uses
    tomlkit's item groups; on another tomlkit layout the comment simply stays unaligned."""
    group = array._value[-1] if array._value else None  # tomlkit has no public API for this
    comment = getattr(group, "comment", None)
    if comment is None and len(array._value) > 1:
        comment = getattr(array._value[-2], "comment", None)
    trivia = getattr(comment, "trivia", None)
    if trivia is not None:
        trivia.indent = " " * spaces


def new_array(items: Sequence[tuple[Any, str]]) -> Array:
    """An array with one item a line and each reason as an aligned trailing comment; one line
    when no item has a reason."""
    shown = [(json.dumps(value), reason) for value, reason in items]
    if not any(reason for _, reason in shown):
        text = "[" + ", ".join(v for v, _ in shown) + "]"
    else:
        width = max(len(v) for v, _ in shown) + 2  # two spaces before "#" (PEP 8)
        lines = [
            f"    {v + ',':<{width}} # {r}".rstrip(" #") if r else f"    {v}," for v, r in shown
        ]
        text = "[\n" + "\n".join(lines) + "\n]"
    array: Array = tomlkit.parse(f"x = {text}\n")["x"]
    return array


def _line_key(line: str) -> str:
    """What must agree for an output line to be taken for an original one: the text without
    its line ending, and for a table header also without the spaces TOML ignores in it
    (tomlkit rewrites a padded header, `[[ tool.mypy.overrides ]]`, when it renders the
    `tool` super-table it belongs to; the original bytes are put back)."""
    return normalized_header(line) or line.rstrip("\r\n")


def _alignment(old: str, new: str) -> tuple[list[str], list[str], list[int | None]]:
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    matches = align([_line_key(x) for x in old_lines], [_line_key(x) for x in new_lines], extended)
    return old_lines, new_lines, matches


def separate_new_tables(old: str, new: str) -> str:
    """`new` with a blank line after each inserted table that has one above it (the file's,
    or the one tomlkit puts before a new table) but runs straight into the next table header.

    tomlkit keeps a table's trailing blank line with that table, so a sub-table appended to
    it (`[tool.ruff.lint]` after `[tool.ruff]`) lands below the blank line and directly above
    the next table (`[tool.black]`)."""
    old_lines, new_lines, matches = _alignment(old, new)
    stripped = [line.rstrip("\r\n") for line in new_lines]
    out: list[str] = []
    j = 0
    while j < len(new_lines):
        if matches[j] is not None:
            out.append(new_lines[j])
            j += 1
            continue
        j1 = j
        while j < len(new_lines) and matches[j] is None:
            j += 1
        out += new_lines[j1:j]
        following = matches[j] if j < len(new_lines) else None
        first = next((k for k in range(j1, j) if stripped[k].strip()), j)
        if (
            first < j
            and stripped[first].lstrip().startswith("[")
            and first > 0
            and not stripped[first - 1].strip()
            and stripped[j - 1].strip()
            and following is not None
            and old_lines[following].lstrip().startswith("[")
        ):
            out.append("\n")
    return "".join(out)


def match_line_endings(old: str, new: str, newline: str) -> str:
    """`new` with the lines it shares with `old` byte-identical (a header tomlkit re-spaced
    too) and every other line ending in `newline` (tomlkit writes "\\n" for the lines it
    adds, even in a CRLF file). A header tomlkit adds is written without padding
    (`[tool.ruff.lint]`, not `[ tool.ruff .lint]` under a padded `[ tool.ruff ]`)."""
    old_lines, new_lines, matches = _alignment(old, new)
    out: list[str] = []
    for line, match in zip(new_lines, matches, strict=True):
        if out and not out[-1].endswith(("\n", "\r")):
            out[-1] += newline  # the old last line had no newline; lines now follow it
        if match is not None and _line_key(old_lines[match]) == _line_key(line):
            out.append(old_lines[match])
            continue
        body = line.rstrip("\r\n")
        if match is not None:  # a line that gained items keeps its own line ending
            ending = old_lines[match][len(old_lines[match].rstrip("\r\n")) :]
            out.append(body + (ending or (newline if body != line else "")))
            continue
        ended = body != line
        body = normalized_header(body) or body
        out.append(body + newline if ended else body)
    return "".join(out)
