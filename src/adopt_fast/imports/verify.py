"""`--verify`: prove a fix on the project's own tests, and undo the file changes that break them.

The tests run before anything is written and again with every change applied. When they
passed before and fail after, the changed files are bisected: the smallest prefix of the
changes that fails names one culprit, which is restored; repeat until the tests pass. Then
the same bisection runs over the imports of each culprit file (with the file rebuilt with
only some of its imports changed), so that only the imports that break the tests are
restored and the other removals in that file stay.
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
class Candidate:
    """One changed file, made of `parts` separately revertible changes (its imports)."""

    change: Change
    label: str  # the path as the user types it
    parts: int
    build: Callable[[frozenset[int]], bytes]  # the file with only those parts changed


@dataclass(frozen=True)
class Reverted:
    """A part of a candidate restored because the tests fail with it."""

    candidate: Candidate
    part: int
    run: SuiteRun  # the failing run that named it


@dataclass(frozen=True)
class Verified:
    reverted: list[Reverted]
    final: list[bytes]  # each candidate's content as left on disk


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
    """The changed files' contents on disk; writes only what differs."""

    def __init__(self, candidates: Sequence[Candidate]) -> None:
        self.candidates = list(candidates)
        self.current = [_old(c) for c in candidates]

    def write(self, index: int, data: bytes) -> None:
        if data != self.current[index]:
            Change(self.candidates[index].change.path, None, data).apply()
            self.current[index] = data

    def set_applied(self, indices: frozenset[int] | set[int]) -> None:
        for i, candidate in enumerate(self.candidates):
            data = candidate.change.new if i in indices else candidate.change.old
            assert data is not None
            self.write(i, data)


def _refine(
    workspace: Workspace,
    culprit: tuple[int, SuiteRun],
    command: Sequence[str],
    on_run: Callable[[str], None],
) -> list[Reverted]:
    """With the culprit file restored and the tests passing, find which of its parts break
    them; leave it with every other part applied."""
    index, failed = culprit
    candidate = workspace.candidates[index]
    if candidate.parts == 1:  # the run that named the file named its only part
        return [Reverted(candidate, 0, failed)]

    def run_with(parts: frozenset[int]) -> SuiteRun:
        workspace.write(index, candidate.build(parts) if parts else _old(candidate))
        on_run(
            f"running the tests with {len(parts)} of {candidate.parts} changed imports "
            f"in {candidate.label}"
        )
        return run_tests(command)

    broken = find_breaking(candidate.parts, run_with)
    kept = frozenset(range(candidate.parts)) - {part for part, _ in broken}
    workspace.write(index, candidate.build(kept) if kept else _old(candidate))
    return [Reverted(candidate, part, run) for part, run in broken]


def _old(candidate: Candidate) -> bytes:
    assert candidate.change.old is not None
    return candidate.change.old


def verify_changes(
    candidates: Sequence[Candidate], command: Sequence[str], on_run: Callable[[str], None]
) -> Verified:
    """Apply the candidates' changes (the tests are known to pass before), run the tests,
    bisect the files, then the imports of each file that breaks them, and restore those."""
    workspace = Workspace(candidates)
    count = len(candidates)

    def run_with(applied: frozenset[int]) -> SuiteRun:
        workspace.set_applied(applied)
        on_run(f"running the tests with {len(applied)} of {count} changed files")
        return run_tests(command)

    try:
        culprits = find_breaking(count, run_with)
        workspace.set_applied(frozenset(range(count)) - {i for i, _ in culprits})
        reverted = [r for c in culprits for r in _refine(workspace, c, command, on_run)]
    except BaseException:  # Ctrl-C mid-bisection: leave every file as it was, not half-fixed
        workspace.set_applied(frozenset())
        raise
    return Verified(reverted, list(workspace.current))
