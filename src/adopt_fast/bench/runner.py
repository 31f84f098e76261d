"""Interleaved subprocess runs: wall and CPU time, peak RSS and test outcomes of each run.

Every run is a fresh process started directly (no wrapper process whose start-up would be
timed too). Wall time is `time.perf_counter` from just before the process is spawned to just
after it is reaped. Peak RSS comes from `os.wait4`: on Linux its `ru_maxrss` is the largest
peak resident set of any single process in the tree (the child and every descendant it
waited for), not the sum over processes; for pytest-xdist that is the biggest worker. Its user
and system CPU times are summed over the child and the descendants it waited for. Outcomes come
from every pytest process of the run (bench.pytest_outcomes), through a file named by
ADOPT_FAST_BENCH_OUTCOMES.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from adopt_fast.bench.configuration import Config
from adopt_fast.bench.pytest_outcomes import OUTCOMES_VAR
from adopt_fast.errors import InputError

OUTCOMES = ("passed", "failed", "skipped", "errors")
_OUTPUT_TAIL_LINES = 15


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
    tests: dict[str, CaseResult] | None  # None when no pytest process reported (unknown)
    output_tail: str
    user_s: float = 0.0  # CPU time of the process tree (os.wait4), user and system
    sys_s: float = 0.0

    def outcome_counts(self) -> dict[str, int] | None:
        if self.tests is None:
            return None
        counts = dict.fromkeys(OUTCOMES, 0)
        for case in self.tests.values():
            counts[case.outcome] += 1
        return counts


CommandFor = Callable[[Config], list[str]]


def read_outcomes(path: str) -> dict[str, CaseResult] | None:
    """Every test's outcome from the lines the pytest processes of one run appended to `path`
    (bench.pytest_outcomes); None when no pytest process wrote any (outcomes unknown).

    A test id seen again from another pytest process (a command running pytest twice) is
    kept apart as `id [pytest process N]`."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = [json.loads(line) for line in f if line.strip()]
    except (OSError, ValueError):
        return None
    if not lines:
        return None
    tests: dict[str, CaseResult] = {}
    pids: list[int] = []
    for line in lines:
        if line.get("pid") not in pids:
            pids.append(line.get("pid"))
        if "test" not in line:
            continue
        name = str(line["test"])
        if name in tests:
            name = f"{name} [pytest process {pids.index(line.get('pid')) + 1}]"
        outcome = line.get("outcome") if line.get("outcome") in OUTCOMES else "errors"
        tests[name] = CaseResult(outcome, float(line.get("seconds", 0.0)), line.get("message", ""))
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
    outcomes_path: str,
    output_path: str,
    clock: Callable[[], float] = time.perf_counter,
) -> Run:
    """Run `argv` once; its output goes to a file so a pipe never slows or blocks it."""
    if os.path.exists(outcomes_path):
        os.unlink(outcomes_path)
    env = {**env, OUTCOMES_VAR: outcomes_path}
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
        read_outcomes(outcomes_path),
        _tail(output_path),
        float(getattr(rusage, "ru_utime", 0.0)),
        float(getattr(rusage, "ru_stime", 0.0)),
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
    outcomes = os.path.join(tmp, "outcomes.jsonl")
    output = os.path.join(tmp, "output.txt")

    def run(config: Config, into: dict[str, list[Run]]) -> None:
        progress.step(config.name)
        into[config.name].append(
            run_once(command_for(config), config.env, cwd, outcomes, output, clock)
        )
        progress.advance()

    return run


def _round_seconds(runs: dict[str, list[Run]]) -> float:
    """How long one more round should take, from the last one."""
    return sum(r[-1].wall_s for r in runs.values() if r)
