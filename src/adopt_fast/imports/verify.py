"""`--verify`: prove a fix on the project's own tests, and undo the file changes that break them.

The tests run before anything is written and again with every change applied. When they
passed before and fail after, the changed files are bisected: the smallest prefix of the
changes that fails names one culprit, which is restored; repeat until the tests pass.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from adopt_fast.edits.change import Change

OUTPUT_TAIL_LINES = 15


@dataclass(frozen=True)
class SuiteRun:
    returncode: int
    output: str
    seconds: float

    @property
    def passed(self) -> bool:
        return self.returncode == 0

    def tail(self, lines: int = OUTPUT_TAIL_LINES) -> str:
        return "\n".join(self.output.rstrip().splitlines()[-lines:])


@dataclass(frozen=True)
class Reverted:
    change: Change
    run: SuiteRun  # the failing run that named it


def default_test_command() -> list[str]:
    """`python -m pytest -x -q` with the `python` the user's shell would run (an activated
    virtual environment), else the interpreter running adopt-fast."""
    python = shutil.which("python") or shutil.which("python3") or sys.executable
    return [python, "-m", "pytest", "-x", "-q"]


def run_tests(command: Sequence[str]) -> SuiteRun:
    env = dict(os.environ)
    # Files are switched back and forth within a second; never trust a cached .pyc for them.
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    start = time.perf_counter()
    try:
        proc = subprocess.run(
            list(command),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
            env=env,
            check=False,
        )
    except OSError as e:
        return SuiteRun(127, f"cannot run {command[0]}: {e.strerror}", 0.0)
    return SuiteRun(proc.returncode, proc.stdout, time.perf_counter() - start)


def find_breaking(
    count: int, run_with: Callable[[frozenset[int]], SuiteRun]
) -> list[tuple[int, SuiteRun]]:
    """Indices of the changes to undo, each with the failing run that named it.

    `run_with(applied)` runs the tests with exactly those changes applied. The tests are
    known to pass with none applied and to fail with all of them.
    """
    remaining = list(range(count))
    culprits: list[tuple[int, SuiteRun]] = []
    runs: dict[frozenset[int], SuiteRun] = {}

    def run(indices: list[int]) -> SuiteRun:
        key = frozenset(indices)
        if key not in runs:
            runs[key] = run_with(key)
        return runs[key]

    while remaining and not run(remaining).passed:
        low, high = 0, len(remaining)  # prefix `low` passes, prefix `high` fails
        while high - low > 1:
            middle = (low + high) // 2
            if run(remaining[:middle]).passed:
                low = middle
            else:
                high = middle
        culprits.append((remaining[high - 1], run(remaining[:high])))
        del remaining[high - 1]
    return culprits


class Workspace:
    """The changed files, each either applied or as it was; writes only what differs."""

    def __init__(self, changes: Sequence[Change]) -> None:
        self.changes = list(changes)
        self.applied: set[int] = set()

    def set_applied(self, indices: frozenset[int] | set[int]) -> None:
        for i, change in enumerate(self.changes):
            if (i in indices) != (i in self.applied):
                data = change.new if i in indices else change.old
                assert data is not None
                Change(change.path, None, data).apply()
        self.applied = set(indices)


def verify_changes(
    changes: Sequence[Change], command: Sequence[str], on_run: Callable[[str], None]
) -> list[Reverted]:
    """Apply `changes` (already known to pass the tests before), run the tests, bisect and
    restore what breaks them. Returns the reverted changes."""
    workspace = Workspace(changes)

    def run_with(applied: frozenset[int]) -> SuiteRun:
        workspace.set_applied(applied)
        on_run(f"running the tests with {len(applied)} of {len(changes)} changed files")
        return run_tests(command)

    try:
        culprits = find_breaking(len(changes), run_with)
    except BaseException:  # Ctrl-C mid-bisection: leave every file as it was, not half-fixed
        workspace.set_applied(frozenset())
        raise
    bad = {i for i, _ in culprits}
    workspace.set_applied(frozenset(set(range(len(changes))) - bad))
    return [Reverted(changes[i], run) for i, run in culprits]
