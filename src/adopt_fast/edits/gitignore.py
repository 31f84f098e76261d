"""Keep `.ruff_cache/` in the repository's root .gitignore."""

from __future__ import annotations

import fnmatch
import os
import subprocess

from adopt_fast.edits.change import Change
from adopt_fast.edits.textfile import TextFile, ensure_writable, read_text
from adopt_fast.errors import InputError

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
    if file is not None and is_covered(file.text, entry):
        return None
    return _appended(file, entry)


def _appended(file: TextFile | None, entry: str) -> str:
    if file is None:
        return f"{entry}\n"
    if file.text == "":
        return f"{entry}{file.newline}"
    if file.ends_with_newline:
        return f"{file.text}{entry}{file.newline}"
    return f"{file.text}{file.newline}{entry}"


class CacheUnignored(InputError):
    """A `!` line of the root .gitignore un-ignores the entry: appending it again would only
    fight that line, so the user decides."""


def git_ignores(root: str, entry: str = ENTRY) -> bool | None:
    """Whether git ignores `entry` at `root` by the project's own rules (`git check-ignore`,
    leaving out a personal core.excludesFile, which does not protect other contributors), or
    None when git cannot tell (not a work tree, no git, or only Ruff's own
    `.ruff_cache/.gitignore` matched). The same question `adopt-fast check` (AF003) asks."""
    try:
        done = subprocess.run(
            ["git", "-c", "core.excludesFile=", "check-ignore", "-v", "--no-index", entry],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return None
    if done.returncode == 1:
        return False
    if done.returncode != 0 or done.stdout.split(":", 1)[0].startswith(entry):
        return None
    return True


def _negation(text: str, entry: str) -> int | None:
    """The 1-based line of the last `!pattern` that un-ignores `entry` itself."""
    name = entry.strip("/")
    found = None
    for number, line in enumerate(text.splitlines(), 1):
        pattern = line.strip()
        if pattern.startswith("!") and fnmatch.fnmatchcase(name, pattern[1:].strip("/")):
            found = number
    return found


def plan_ignore(root: str, entry: str = ENTRY) -> Change | None:
    """The change that makes root/.gitignore ignore `entry`, or None when it already does.

    Inside a git work tree git decides (`git check-ignore`, so `*_cache/` counts); elsewhere
    a line of the root .gitignore must name the entry. Raises CacheUnignored when a `!` line
    un-ignores it, and InputError (nothing written) for a .gitignore that is a symlink, is not
    UTF-8 or is read-only.
    """
    path = os.path.join(root, ".gitignore")
    file = read_text(path, allow_symlink=False) if os.path.lexists(path) else None
    ignored = git_ignores(root, entry)
    if ignored:
        return None
    negation = _negation(file.text, entry) if file is not None else None
    if negation is not None:
        raise CacheUnignored(
            path,
            f"un-ignores {entry}, so Ruff's cache can be committed",
            f"delete that line, or put `{entry}` after it",
            line=negation,
        )
    new_text = with_entry(file, entry) if ignored is None else _appended(file, entry)
    if new_text is None:
        return None
    ensure_writable(path)
    if file is None:
        return Change(path, None, new_text.encode("utf-8"))
    return Change(path, file.encode(file.text), file.encode(new_text))
