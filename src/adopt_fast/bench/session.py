"""One whole bench: build the configurations, run them interleaved, compare, make the report.

Configurations (bench.configs): the current interpreter without an accelerator (the baseline),
the same interpreter and environment with Pyston-lite, and per `--python` an environment built
for it. The runner interleaves them; compare and verdict turn the runs into an honest report;
commands/bench.py only validates the options, calls `bench` and writes the files.
"""

from __future__ import annotations

import json
import os
import shlex
import sys
import tempfile
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace

from adopt_fast import stats
from adopt_fast.bench import health, metadata
from adopt_fast.bench.compare import (
    Comparison,
    compare,
    config_warnings,
    count_warning,
    warmup_warning,
)
from adopt_fast.bench.configs import JIT_REPORT_VAR, build_configs
from adopt_fast.bench.configuration import Config
from adopt_fast.bench.envs import DepsChoice
from adopt_fast.bench.model import BenchReport
from adopt_fast.bench.runner import Progress, Run, measure
from adopt_fast.errors import EXIT_FINDINGS, EXIT_OK, InputError

DEFAULT_PYTEST = ("-m", "pytest", "-q", "-p", "no:cacheprovider")
Log = Callable[[str], None]


def _stderr(message: str) -> None:
    print(f"adopt-fast bench: {message}", file=sys.stderr)


@dataclass(frozen=True)
class BenchOptions:
    project: str = "."
    runs: int = 5
    warmup: int = 1
    pythons: tuple[str, ...] = ()
    max_time: float | None = None
    json_path: str | None = None
    markdown_path: str | None = None
    pyperf_path: str | None = None
    command: tuple[str, ...] = ()  # empty: the project's pytest run
    deps: DepsChoice = field(default_factory=DepsChoice)


def command_for(options: BenchOptions) -> Callable[[Config], list[str]]:
    def make(config: Config) -> list[str]:
        if options.command:
            return list(options.command)
        return [config.python, *DEFAULT_PYTEST]

    return make


class SuiteCheck:
    """Whether each configuration ran the suite at all (its first run, then all its runs).

    A baseline that cannot run the suite stops bench (exit 2) with the fix: nothing could be
    compared with it. A candidate that cannot is dropped from the measured rounds and reported
    with its first error instead of a speed (exit 1)."""

    def __init__(self, options: BenchOptions, baseline: Config) -> None:
        self.options = options
        self.baseline = baseline
        self.problems: dict[str, str] = {}

    def __call__(self, first: dict[str, list[Run]]) -> set[str]:
        when = "in the warm-up" if self.options.warmup else "in the first round"
        return self.check({name: runs[:1] for name, runs in first.items()}, when)

    def check(self, runs: dict[str, list[Run]], when: str = "in every run") -> set[str]:
        for name, done in runs.items():
            if self.options.command and any(r.tests is None for r in done):
                continue  # a custom command that ran no pytest: its exit status is its outcome
            problem = health.all_failed(done)
            if problem:
                self.problems.setdefault(name, problem)
        if self.baseline.name in self.problems:
            raise self._baseline_error(self.problems[self.baseline.name], when)
        return set(self.problems)

    def _baseline_error(self, problem: str, when: str) -> InputError:
        project = os.path.abspath(self.options.project)
        if problem.startswith("pytest collected no tests"):
            fix = (
                "run adopt-fast bench in the project's root, where `python -m pytest` finds "
                "its tests"
            )
        else:
            fix = (
                f"install the project with its test dependencies into {sys.prefix}: "
                f"`{health.install_fix(project, sys.executable)}`, or run adopt-fast bench "
                "from the environment where the project's tests pass"
            )
        return InputError(
            project, f"{self.baseline.name} could not run the test suite {when}: {problem}", fix
        )


def verify_jit(config: Config) -> tuple[Config, list[str]]:
    """Read what each pytest process said about Pyston-lite; a config that lied is flagged."""
    if config.accelerator.name not in ("none", "pyston-lite"):
        return config, []  # adopt-fast's plugin reports Pyston-lite's state only
    try:
        with open(config.env[JIT_REPORT_VAR], encoding="utf-8") as f:
            lines = [json.loads(line) for line in f if line.strip()]
    except (OSError, ValueError):
        return config, []
    expected = config.accelerator.name == "pyston-lite"

    def active(state: bool | None) -> Config:
        return replace(config, accelerator=replace(config.accelerator, active=state))

    wrong = [line for line in lines if bool(line.get("active")) != expected]
    if not wrong:
        return (active(expected) if lines and expected else config), []
    state = "off" if expected else "on"
    problem = (
        f"{config.name}: Pyston-lite was {state} in {len(wrong)} of {len(lines)} pytest "
        f"processes ({wrong[0].get('header', '')}): its numbers do not measure what "
        "its name says"
    )
    return active(not expected if len(wrong) == len(lines) else None), [problem]


def _comparisons(
    configs: Sequence[Config], runs: dict[str, list[Run]], not_run: Collection[str] = ()
) -> tuple[list[Comparison], list[Comparison]]:
    measured = [c for c in configs if runs.get(c.name) and c.name not in not_run]
    baseline = configs[0]
    direct = [compare(baseline.name, c.name, runs) for c in measured[1:]]
    # Each measured accelerated configuration against every other one without an accelerator.
    cross = [
        compare(fast.name, other.name, runs)
        for fast in measured
        if fast.accelerated
        for other in measured[1:]
        if not other.accelerated
    ]
    return direct, cross


def _not_run_warning(config: Config) -> str:
    jit = "ADOPT_FAST_JIT=pyston " if config.accelerator.name == "pyston-lite" else ""
    return (
        f"{config.name}: could not run the test suite, so it was not measured; see the "
        f"full error with `{jit}{shlex.join([config.python, '-m', 'pytest', '-x'])}`"
    )


def _few_rounds_warning(direct: Sequence[Comparison]) -> list[str]:
    if direct and direct[0].speedup.few_rounds:
        s = direct[0].speedup
        verdict = (
            "enough to call a clear difference significant"
            if s.conclusive
            else "too few to call anything significant"
        )
        return [
            (
                f"only {s.rounds} rounds: the interval is the range of the paired ratios, "
                f"coverage {s.coverage:.0%} (not 95%), {verdict}; use --runs 6 or more "
                "(or --max-time) for a 95% interval"
            )
        ]
    return []


def _warnings(
    checked: Sequence[Config],
    measurement_runs: dict[str, list[Run]],
    warmups: dict[str, list[Run]],
    direct: Sequence[Comparison],
    not_run: Collection[str],
) -> list[str]:
    warnings: list[str] = []
    for config in checked:
        if config.name in not_run:
            warnings.append(_not_run_warning(config))
        runs = measurement_runs.get(config.name, [])
        warnings += config_warnings(config, runs)
        note = warmup_warning(config, warmups.get(config.name, []), runs)
        warnings += [note] if note else []
    warnings += [w for c in direct if (w := count_warning(c, measurement_runs))]
    return warnings + _few_rounds_warning(direct)


def _accelerator_versions(configs: Sequence[Config]) -> dict[str, str]:
    return {c.accelerator.name: c.accelerator.version for c in configs if c.accelerator.version}


def bench(options: BenchOptions, log: Log = _stderr) -> tuple[BenchReport, int]:
    with tempfile.TemporaryDirectory(prefix="adopt-fast-jit-report-") as report_dir:
        configs = build_configs(
            options.project,
            options.pythons,
            report_dir,
            log,
            needs_pytest=not options.command,
            deps_choice=options.deps,
        )
        meta = metadata.at_start(options.project)
        active = [c for c in configs if c.available]
        suite_check = SuiteCheck(options, configs[0])
        measurement = measure(
            active,
            command_for(options),
            cwd=options.project,
            runs=options.runs,
            warmup=options.warmup,
            max_time=options.max_time,
            precise=lambda runs: stats.precise_enough(
                [c.speedup for c in _comparisons(active, runs)[0]]
            ),
            progress=Progress(len(active) * (options.runs + options.warmup)),
            first_pass=suite_check,
        )
        # Runs after a good first one can still all fail to run the suite: never a speed then.
        not_run = suite_check.check(measurement.runs)
        warnings: list[str] = []
        checked: list[Config] = []
        for config in configs:
            config, problems = verify_jit(config) if config.available else (config, [])
            checked.append(config)
            warnings += problems
    meta = replace(
        meta, load_end=metadata.load_average(), accelerators=_accelerator_versions(checked)
    )
    direct, cross = _comparisons(checked, measurement.runs, not_run)
    warnings += _warnings(checked, measurement.runs, measurement.warmups, direct, not_run)
    load = meta.load_warning()
    warnings += [load] if load else []
    report = BenchReport(
        list(options.command) or ["python", *DEFAULT_PYTEST],
        checked,
        measurement,
        direct,
        cross,
        warnings,
        options.runs,
        options.warmup,
        {name: suite_check.problems[name] for name in not_run},
        meta,
        options.max_time,
    )
    failed = bool(not_run) or any(
        r.exit_code != 0 for runs in measurement.runs.values() for r in runs
    )
    return report, EXIT_FINDINGS if report.outcomes_differ or failed else EXIT_OK
