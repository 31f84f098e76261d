"""`adopt-fast bench`: the project's test suite, CPython vs Pyston-lite vs other interpreters.

Configurations: the current interpreter with the JIT off (the baseline), the same interpreter
and environment with the JIT on, and one per `--python` in an environment built for it. The
runner interleaves them; compare and report turn the runs into an honest verdict.
"""

from __future__ import annotations

import json
import os
import shlex
import sys
import tempfile
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace

from adopt_fast.bench import health, stats
from adopt_fast.bench.compare import Comparison, compare, config_warnings
from adopt_fast.bench.configs import JIT_REPORT_VAR, build_configs
from adopt_fast.bench.report import BenchReport, to_json, to_markdown, to_text
from adopt_fast.bench.runner import Config, Progress, Run, measure
from adopt_fast.edits.textfile import ensure_writable, write_atomic
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
    command: tuple[str, ...] = ()  # empty: the project's pytest run


def _validate(options: BenchOptions) -> None:
    if options.runs < 2:
        raise InputError(
            "--runs",
            f"{options.runs} is too few to estimate any uncertainty",
            "use --runs 2 or more (5 by default)",
        )
    if options.warmup < 0:
        raise InputError("--warmup", "cannot be negative", "use --warmup 0 or more")
    if options.max_time is not None and options.max_time <= 0:
        raise InputError(
            "--max-time", "must be a positive number of seconds", "e.g. --max-time 300"
        )
    if not os.path.isdir(options.project):
        raise InputError(options.project, "is not a folder", "run bench in your project")
    for path in (options.json_path, options.markdown_path):
        if path:
            ensure_writable(path)


def command_for(options: BenchOptions) -> Callable[[Config, str], list[str]]:
    def make(config: Config, junit: str) -> list[str]:
        if options.command:
            return list(options.command)
        return [config.python, *DEFAULT_PYTEST, f"--junitxml={junit}"]

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
        if self.options.command:  # a custom command's exit status is its outcome
            return set()
        for name, done in runs.items():
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
    """Read what each pytest process said about the JIT; a config that lied is flagged."""
    try:
        with open(config.env[JIT_REPORT_VAR], encoding="utf-8") as f:
            lines = [json.loads(line) for line in f if line.strip()]
    except (OSError, ValueError):
        return config, []
    expected = config.jit == "pyston"
    wrong = [line for line in lines if bool(line.get("active")) != expected]
    if not wrong:
        return replace(config, jit_active=expected if lines else config.jit_active), []
    state = "off" if expected else "on"
    problem = (
        f"{config.name}: the JIT was {state} in {len(wrong)} of {len(lines)} pytest "
        f"processes ({wrong[0].get('header', '')}): its numbers do not measure what "
        "its name says"
    )
    return replace(config, jit_active=not expected if len(wrong) == len(lines) else None), [problem]


def _comparisons(
    configs: Sequence[Config], runs: dict[str, list[Run]], not_run: Collection[str] = ()
) -> tuple[list[Comparison], list[Comparison]]:
    measured = [c for c in configs if runs.get(c.name) and c.name not in not_run]
    baseline = configs[0]
    direct = [compare(baseline.name, c.name, runs) for c in measured[1:]]
    # Each measured JIT configuration against every other interpreter run without the JIT.
    cross = [
        compare(jit.name, other.name, runs)
        for jit in measured
        if jit.jit == "pyston"
        for other in measured[1:]
        if other.jit == "off"
    ]
    return direct, cross


def _not_run_warning(config: Config) -> str:
    jit = "ADOPT_FAST_JIT=pyston " if config.jit == "pyston" else ""
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


def bench(options: BenchOptions, log: Log = _stderr) -> tuple[BenchReport, int]:
    _validate(options)
    with tempfile.TemporaryDirectory(prefix="adopt-fast-jit-report-") as report_dir:
        configs = build_configs(
            options.project, options.pythons, report_dir, log, needs_pytest=not options.command
        )
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
    direct, cross = _comparisons(checked, measurement.runs, not_run)
    for config in checked:
        if config.name in not_run:
            warnings.append(_not_run_warning(config))
        warnings += config_warnings(config, measurement.runs.get(config.name, []))
    warnings += _few_rounds_warning(direct)
    report = BenchReport(
        list(options.command) or ["python", *DEFAULT_PYTEST, "--junitxml=..."],
        checked,
        measurement,
        direct,
        cross,
        warnings,
        options.runs,
        options.warmup,
        {name: suite_check.problems[name] for name in not_run},
    )
    failed = bool(not_run) or any(
        r.exit_code != 0 for runs in measurement.runs.values() for r in runs
    )
    return report, EXIT_FINDINGS if report.outcomes_differ or failed else EXIT_OK


def run_bench(options: BenchOptions) -> int:
    report, code = bench(options)
    print(to_text(report))
    if options.json_path:
        write_atomic(
            options.json_path, (json.dumps(to_json(report), indent=2) + "\n").encode("utf-8")
        )
    if options.markdown_path:
        write_markdown(options.markdown_path, to_markdown(report))
    return code


def write_markdown(path: str, text: str) -> None:
    """Replace `path`, unless it is the job's $GITHUB_STEP_SUMMARY: every step of a GitHub job
    appends its summary to that one file, so replacing it would drop the earlier steps'."""
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary and os.path.realpath(path) == os.path.realpath(summary):
        with open(path, "a", encoding="utf-8") as f:
            f.write(text)
    else:
        write_atomic(path, text.encode("utf-8"))
