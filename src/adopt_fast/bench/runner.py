"""Interleaved subprocess runs: wall time, peak RSS and JUnit XML outcomes of each run.

Every run is a fresh process started directly (no wrapper process whose start-up would be
timed too). Wall time is `time.perf_counter` from just before the process is spawned to just
after it is reaped. Peak RSS comes from `os.wait4`: on Linux its `ru_maxrss` is the largest
peak resident set of any single process in the tree (the child and every descendant it
waited for), not the sum over processes; for pytest-xdist that is the biggest worker.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

from adopt_fast.errors import InputError

OUTCOMES = ("passed", "failed", "skipped", "errors")
_OUTPUT_TAIL_LINES = 15


@dataclass(frozen=True)
class Config:
    """One way of running the suite: an interpreter, a JIT mode and the environment for it."""

    name: str
    python: str
    version: str
    jit: str  # "off" or "pyston"
    env: dict[str, str] = field(repr=False)
    available: bool = True
    reason: str = ""  # why it is unavailable, or a note on how the JIT state was verified
    jit_active: bool | None = None  # verified in a child process; None when not applicable


@dataclass(frozen=True)
class CaseResult:
    outcome: str  # one of OUTCOMES
    seconds: float
    message: str = ""  # a failure's or error's first `E ` line (or its message attribute)


@dataclass(frozen=True)
class Run:
    wall_s: float
    peak_rss_mib: float
    exit_code: int
    tests: dict[str, CaseResult] | None  # None when the command wrote no JUnit XML
    output_tail: str

    def outcome_counts(self) -> dict[str, int] | None:
        if self.tests is None:
            return None
        counts = dict.fromkeys(OUTCOMES, 0)
        for case in self.tests.values():
            counts[case.outcome] += 1
        return counts


CommandFor = Callable[[Config, str], list[str]]


def _case_outcome(case: ET.Element) -> str:
    tags = {child.tag for child in case}
    if "failure" in tags:
        return "failed"
    if "error" in tags:
        return "errors"
    if "skipped" in tags:
        return "skipped"
    return "passed"


def _case_message(case: ET.Element) -> str:
    """The line a user needs from a failure or error: pytest's first `E   ...` line (the
    exception), else the element's message attribute ("collection failure")."""
    for child in case:
        if child.tag in ("failure", "error"):
            for line in (child.text or "").splitlines():
                if line.startswith("E "):
                    return line[1:].strip()
            return child.get("message", "")
    return ""


def node_id(classname: str, name: str, root: str | None) -> str:
    """pytest's own id (`tests/test_x.py::TestY::test_z`) when the module file is found under
    `root`, so an id can be pasted into a pytest command; else `classname::name`."""
    parts = classname.split(".") if classname else []
    for i in range(len(parts), 0, -1):
        module = "/".join(parts[:i]) + ".py"
        if root is not None and os.path.isfile(os.path.join(root, module)):
            return "::".join([module, *parts[i:], name])
    return f"{classname}::{name}" if classname else name


def parse_junit(path: str, root: str | None = None) -> dict[str, CaseResult] | None:
    """Outcome and duration of every test case in a JUnit XML file (None if none was written)."""
    try:
        tree = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        return None
    tests: dict[str, CaseResult] = {}
    for case in tree.iter("testcase"):
        name = node_id(case.get("classname", ""), case.get("name", ""), root)
        try:
            seconds = float(case.get("time", "0") or 0)
        except ValueError:
            seconds = 0.0
        tests[name] = CaseResult(_case_outcome(case), seconds, _case_message(case))
    return tests


def _peak_rss_mib(rusage: object) -> float:
    maxrss = float(getattr(rusage, "ru_maxrss", 0))
    # Linux reports KiB, macOS bytes.
    return maxrss / (1024 * 1024) if sys.platform == "darwin" else maxrss / 1024


def _tail(path: str) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
    except OSError:
        return ""
    return "\n".join(lines[-_OUTPUT_TAIL_LINES:])


def run_once(
    argv: Sequence[str],
    env: dict[str, str],
    cwd: str,
    junit_path: str,
    output_path: str,
    clock: Callable[[], float] = time.perf_counter,
) -> Run:
    """Run `argv` once; its output goes to a file so a pipe never slows or blocks it."""
    if os.path.exists(junit_path):
        os.unlink(junit_path)
    with open(output_path, "wb") as out:
        start = clock()
        try:
            proc = subprocess.Popen(
                list(argv),
                cwd=cwd,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        except OSError as e:
            raise InputError(
                argv[0], f"cannot run it: {e.strerror}", "check the command after `--`"
            ) from None
        try:
            _, status, rusage = os.wait4(proc.pid, 0)
        except BaseException:  # Ctrl-C reaches the child too; never leave it behind
            proc.kill()
            proc.wait()
            raise
        wall = clock() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(
        wall,
        _peak_rss_mib(rusage),
        proc.returncode,
        parse_junit(junit_path, cwd),
        _tail(output_path),
    )


class Progress:
    """`run 7/30, ETA 0:42` on a terminal; silent when stderr is not one."""

    def __init__(self, total: int, enabled: bool | None = None) -> None:
        self.total = total
        self.done = 0
        self.started = time.perf_counter()
        self.enabled = sys.stderr.isatty() if enabled is None else enabled

    def step(self, label: str) -> None:
        if not self.enabled:
            return
        eta = ""
        if self.done:
            per_run = (time.perf_counter() - self.started) / self.done
            left = max(self.total - self.done, 0) * per_run
            eta = f", ETA {int(left) // 60}:{int(left) % 60:02d}"
        sys.stderr.write(f"\r\033[Kbench: run {self.done + 1}/{self.total}{eta} ({label})")
        sys.stderr.flush()

    def advance(self) -> None:
        self.done += 1

    def finish(self) -> None:
        if self.enabled:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


@dataclass
class Measurement:
    """Measured runs per configuration name, in round order (warm-up runs not included)."""

    runs: dict[str, list[Run]]
    warmups: dict[str, list[Run]]
    elapsed_s: float


def measure(
    configs: Sequence[Config],
    command_for: CommandFor,
    *,
    cwd: str,
    runs: int,
    warmup: int,
    max_time: float | None = None,
    precise: Callable[[dict[str, list[Run]]], bool] | None = None,
    progress: Progress | None = None,
    first_pass: Callable[[dict[str, list[Run]]], Collection[str]] | None = None,
    clock: Callable[[], float] = time.perf_counter,
) -> Measurement:
    """Warm-ups, then rounds in which every configuration runs once (rotating who goes first).

    `first_pass` sees the first run of every configuration (warm-up or measured) and may raise
    to stop early; the configurations it names are not run again (their runs are dropped). With `max_time`, rounds continue past `runs` until `precise(runs)` or the
    time is up. `clock` times the runs and the budget (a test passes a fake one).
    """
    active = [c for c in configs if c.available]
    result: dict[str, list[Run]] = {c.name: [] for c in active}
    warm: dict[str, list[Run]] = {c.name: [] for c in active}
    progress = progress or Progress(len(active) * (warmup + runs), enabled=False)
    start = clock()

    def more_rounds() -> bool:
        if max_time is None or precise is None or precise(result):
            return False
        return clock() - start + _round_seconds(result) <= max_time

    try:
        with tempfile.TemporaryDirectory(prefix="adopt-fast-bench-") as tmp:
            run = _runner(command_for, cwd, tmp, progress, clock)
            for index in range(warmup):
                for config in active:
                    run(config, warm)
                if first_pass and index == 0:
                    left = warmup - 1 + runs
                    active = _without(active, first_pass(warm), result, progress, left)
            rounds = 0
            while active and (rounds < runs or more_rounds()):
                if rounds >= runs:
                    progress.total += len(active)
                for config in _rotated(active, rounds):
                    run(config, result)
                rounds += 1
                if first_pass and not warmup and rounds == 1:
                    active = _without(active, first_pass(result), result, progress, runs - 1)
    finally:
        progress.finish()
    return Measurement(result, warm, clock() - start)


def _without(
    active: list[Config],
    dropped: Collection[str],
    result: dict[str, list[Run]],
    progress: Progress,
    runs_left: int,
) -> list[Config]:
    """The configurations left once `dropped` ones stop running (their runs are discarded)."""
    kept = [c for c in active if c.name not in dropped]
    for name in dropped:
        result[name] = []
    progress.total -= (len(active) - len(kept)) * runs_left
    return kept


def _rotated(configs: list[Config], by: int) -> list[Config]:
    """Round `by` starts `by` places later, so "always runs right after X" favours no one."""
    shift = by % len(configs)
    return configs[shift:] + configs[:shift]


def _runner(
    command_for: CommandFor, cwd: str, tmp: str, progress: Progress, clock: Callable[[], float]
) -> Callable[[Config, dict[str, list[Run]]], None]:
    junit = os.path.join(tmp, "junit.xml")
    output = os.path.join(tmp, "output.txt")

    def run(config: Config, into: dict[str, list[Run]]) -> None:
        progress.step(config.name)
        into[config.name].append(
            run_once(command_for(config, junit), config.env, cwd, junit, output, clock)
        )
        progress.advance()

    return run


def _round_seconds(runs: dict[str, list[Run]]) -> float:
    """How long one more round should take, from the last one."""
    return sum(r[-1].wall_s for r in runs.values() if r)
