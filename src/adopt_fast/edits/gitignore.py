"""Keep `.ruff_cache/` in the repository's root .gitignore."""

from __future__ import annotations

import os

from adopt_fast.edits.change import Change
from adopt_fast.edits.textfile import TextFile, ensure_writable, read_text

ENTRY = ".ruff_cache/"


def _covering(entry: str) -> set[str]:
    name = entry.strip("/")
    return {
        f"{prefix}{name}{suffix}"
        for prefix in ("", "/", "**/")
        for suffix in ("", "/", "/*", "/**")
    }


def is_covered(text: str, entry: str = ENTRY) -> bool:
    """Whether a line of the .gitignore text already ignores `entry` (`.ruff_cache`,
    `/.ruff_cache/`, `**/.ruff_cache`, ...)."""
    covering = _covering(entry)
    return any(line.strip() in covering for line in text.splitlines())


def with_entry(file: TextFile | None, entry: str = ENTRY) -> str | None:
    """The new text with `entry` appended, or None when nothing needs to change.

    The file's line ending and its final-newline state are kept: a file that did not end with
    a newline still does not.
    """
    if file is None:
        return f"{entry}\n"
    if file.text == "":
        return f"{entry}{file.newline}"
    if is_covered(file.text, entry):
        return None
    if file.ends_with_newline:
        return f"{file.text}{entry}{file.newline}"
    return f"{file.text}{file.newline}{entry}"


def plan_ignore(root: str, entry: str = ENTRY) -> Change | None:
    """The change that makes root/.gitignore ignore `entry`, or None when it already does.

    Raises InputError (nothing written) for a .gitignore that is a symlink, is not UTF-8 or
    is read-only.
    """
    path = os.path.join(root, ".gitignore")
    file = read_text(path, allow_symlink=False) if os.path.lexists(path) else None
    new_text = with_entry(file, entry)
    if new_text is None:
        return None
    ensure_writable(path)
    if file is None:
        return Change(path, None, new_text.encode("utf-8"))
    return Change(path, file.encode(file.text), file.encode(new_text))
