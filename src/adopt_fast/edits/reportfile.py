"""Reports written to a file the user names (`check --json/--summary`, `bench --json/--markdown/
--pyperf`): atomically, or appended to the job's $GITHUB_STEP_SUMMARY, which every step of a
GitHub job writes to."""

from __future__ import annotations

import os

from adopt_fast.edits.textfile import write_atomic
from adopt_fast.errors import InputError


def write_report(path: str, text: str) -> None:
    """Replace `path` with `text` in one step, or InputError (nothing written)."""
    if not os.path.isdir(os.path.dirname(os.path.abspath(path))):
        raise InputError(path, "cannot be written: its folder does not exist", "create it first")
    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as e:
        raise InputError(path, f"cannot be written: {e.strerror}", "pass a writable file") from None


def write_summary(path: str, text: str) -> None:
    """Append to `path` when it is $GITHUB_STEP_SUMMARY (replacing it would drop the earlier
    steps' summaries), else replace it as `write_report` does."""
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if not step_summary or os.path.realpath(step_summary) != os.path.realpath(path):
        write_report(path, text)
        return
    try:
        with open(path, "a", encoding="utf-8") as f:
            f.write(text)
    except OSError as e:
        raise InputError(
            path, f"cannot be written: {e.strerror}", "check GITHUB_STEP_SUMMARY"
        ) from None
