"""Ask the pinned Ruff about a planned configuration before it is written: run it on a
scratch copy of the file, so that a configuration Ruff would reject is never written."""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from typing import Any

import tomlkit

from adopt_fast.edits.change import Change
from adopt_fast.edits.tomlfile import loads
from adopt_fast.edits.tomllines import align
from adopt_fast.errors import InputError
from adopt_fast.ruff import find_ruff_bin

_PARSE_ERROR = re.compile(r"Failed to parse (.+?)\s*$")
_AT_LINE = re.compile(r"TOML parse error at line (\d+), column \d+")


def with_absolute_extend(change: Change) -> bytes:
    """The planned file, with a relative `extend` (a subproject's config extending its
    parent's) made absolute so that it still resolves from the scratch folder."""
    if not _relative_extend(change):
        return change.new  # tomlkit takes ~2.5 s a MiB: parsed only when there is work for it
    doc = tomlkit.parse(change.new.decode("utf-8-sig"))
    table: Any = doc
    if os.path.basename(change.path) == "pyproject.toml":
        table = doc.get("tool", {}).get("ruff", {})
    extend = table.get("extend") if hasattr(table, "get") else None
    if not isinstance(extend, str) or os.path.isabs(os.path.expanduser(extend)):
        return change.new
    table["extend"] = os.path.abspath(os.path.join(os.path.dirname(change.path), extend))
    return tomlkit.dumps(doc).encode("utf-8")


def _relative_extend(change: Change) -> bool:
    """Whether the planned Ruff settings `extend` a relative path."""
    if b"extend" not in change.new:
        return False
    data: Any = loads(change.path, change.new.decode("utf-8-sig"))
    if os.path.basename(change.path) == "pyproject.toml":
        data = data.get("tool", {}).get("ruff", {})
    extend = data.get("extend") if isinstance(data, dict) else None
    return isinstance(extend, str) and not os.path.isabs(os.path.expanduser(extend))


def ruff_message(stderr: str) -> str:
    """Ruff's failure in one line: its causes and message, without the source excerpt and
    the position (the InputError names the file and line)."""
    kept = []
    for line in stderr.splitlines():
        text = line.strip().removeprefix("Cause: ")
        if (
            not text
            or text == "ruff failed"
            or text.startswith(("|", "Failed to load configuration"))
            or re.match(r"\d+ \|", text)
            or _PARSE_ERROR.match(text)
            or _AT_LINE.match(text)
        ):
            continue
        kept.append(text)
    return "; ".join(kept)


def _old_line(change: Change, line: int) -> int | None:
    """The line of the file as it is now that is line `line` of the planned file."""
    if change.old is None:
        return None
    old = change.old.decode(change.encoding, "replace").splitlines()
    new = change.new.decode(change.encoding, "replace").splitlines()
    if line > len(new):
        return None
    matches = align(old, new)
    found = matches[line - 1]
    return None if found is None else found + 1


def _rejection(change: Change, stderr: str, scratch: str) -> InputError:
    """Ruff's verdict as an InputError on the user's file and line; a line adopt-fast adds
    that Ruff rejects is adopt-fast's bug, and the message says so."""
    message = ruff_message(stderr).replace(scratch + os.sep, "")
    failed = next((m.group(1) for m in map(_PARSE_ERROR.search, stderr.splitlines()) if m), None)
    at = _AT_LINE.search(stderr)
    path, line = change.path, None
    if failed is not None and not failed.startswith(scratch):
        path = failed  # a config the planned one extends
        line = int(at.group(1)) if at else None
    elif at is not None:
        line = _old_line(change, int(at.group(1)))
    if path == change.path and at is not None and line is None:
        return InputError(
            path,
            f"the translated Ruff settings are rejected by Ruff: {message}",
            "report it to adopt-fast; `--diff` shows the settings",
            line=line,
        )
    return InputError(
        path,
        f"Ruff rejects this configuration: {message}",
        "fix that setting (`ruff check` fails on it too), then run adopt-fast again",
        line=line,
    )


def rejection(path: str, stderr: str) -> InputError:
    """Ruff's failure to read the configuration at `path` (exit 2), as it stands on disk."""
    failed = next((m.group(1) for m in map(_PARSE_ERROR.search, stderr.splitlines()) if m), None)
    at = _AT_LINE.search(stderr)
    return InputError(
        failed or path,
        f"Ruff rejects this configuration: {ruff_message(stderr) or 'ruff check failed'}",
        "fix that setting (`ruff check` fails on it too), then run adopt-fast again",
        line=int(at.group(1)) if at and failed else None,
    )


def ruff_verdict(change: Change | None) -> list[str]:
    """The pinned Ruff's warnings about the planned configuration, found by running it on a
    scratch copy of the file. A configuration Ruff rejects is an InputError naming the file
    and line."""
    if change is None:
        return []
    warnings: list[str] = []
    with tempfile.TemporaryDirectory(prefix="adopt-fast-probe-") as tmp:
        scratch = os.path.realpath(tmp)
        with open(os.path.join(scratch, os.path.basename(change.path)), "wb") as f:
            f.write(with_absolute_extend(change))
        with open(os.path.join(scratch, "probe.py"), "w", encoding="utf-8") as f:
            f.write("")
        for args in (("check",), ("format", "--check")):
            done = subprocess.run(
                [find_ruff_bin(), *args, "--no-cache", "."],
                cwd=scratch,
                capture_output=True,
                text=True,
                errors="replace",
                check=False,
            )
            if done.returncode == 2:
                raise _rejection(change, done.stderr, scratch)
            warnings += [
                line.removeprefix("warning: ")
                for line in done.stderr.splitlines()
                if line.startswith("warning:")
            ]
    return list(dict.fromkeys(warnings))  # check and format repeat the same warnings
