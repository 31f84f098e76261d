"""Read a user's TOML file for editing: exact text kept, parse errors as one-line InputErrors.

Reading goes through `tomllib` (`tomli` on 3.10), which is strict (duplicate keys, redefined
tables); tomlkit is used only to write, in `adopt_fast.edits.ruffconfig`.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from adopt_fast.edits.textfile import TextFile, read_text
from adopt_fast.errors import InputError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

_POSITION = re.compile(r"\s*\(at line (\d+), column \d+\)$|\s*\(at end of document\)$")


def parse_error(path: str, text: str, error: ValueError) -> InputError:
    """A tomllib error as an InputError: the message without its position, and the line."""
    message = str(error)
    match = _POSITION.search(message)
    line: int | None = None
    if match:
        message = message[: match.start()]
        line = int(match.group(1)) if match.group(1) else text.count("\n") + 1
    return InputError(
        path,
        f"is not valid TOML: {message}",
        "fix the file so that it parses, then run adopt-fast again",
        line=line,
    )


def loads(path: str, text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise parse_error(path, text, e) from None


def read_toml(path: str) -> tuple[TextFile, dict[str, Any]]:
    """The file's exact text and its parsed data, or InputError (file, line, fix)."""
    file = read_text(path)
    return file, loads(path, file.text)


def key_line(text: str, key: str) -> int | None:
    """The line where `key` is assigned (plain, quoted or as the last part of a dotted key)."""
    pattern = re.compile(rf"""^\s*(?:[\w."'-]+\.)?["']?{re.escape(key)}["']?\s*=""", re.MULTILINE)
    match = pattern.search(text)
    return None if match is None else text.count("\n", 0, match.start()) + 1
