"""Whether a configuration's pytest run ran the suite at all, and what to do when it did not.

A run that collected nothing, or whose every test errored (the project not importable from
that environment, a missing test dependency, a fixture plugin not installed), measures only
pytest's start-up and import errors: its time says nothing about the suite, so no speed is
claimed from it. The first run of each configuration (the warm-up) is checked, so bench stops
before spending the measured rounds.
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence

from adopt_fast.bench import envs
from adopt_fast.bench.runner import Run

# pytest's exit codes that mean no test ran: interrupted (collection errors), internal error,
# usage error, no tests collected (https://docs.pytest.org/en/stable/reference/exit-codes.html).
NOTHING_RAN = {2: "interrupted", 3: "internal error", 4: "usage error", 5: "no tests collected"}


def first_error(run: Run) -> str:
    """The line a user needs: the first error's exception (from the JUnit XML or the output),
    else the last line of the output."""
    for case in (run.tests or {}).values():
        if case.outcome in ("errors", "failed") and case.message:
            return case.message
    lines = run.output_tail.strip().splitlines()
    for line in lines:
        if line.startswith("E "):  # pytest's exception line, e.g. from a failing conftest.py
            return line[1:].strip()
    return lines[-1].strip() if lines else f"exit {run.exit_code}"


def suite_problem(run: Run) -> str | None:
    """Why this pytest run ran none of the suite, or None when it ran it (even if tests
    failed): no JUnit XML, pytest's exit 2-5, or not one test passed while some errored."""
    counts = run.outcome_counts()
    code = run.exit_code
    if counts is None:
        return f"pytest wrote no test report (exit {code}); first error: {first_error(run)}"
    if code == 5:
        return "pytest collected no tests (exit 5)"
    errors = counts["errors"]
    if code not in NOTHING_RAN and (counts["passed"] or not errors):
        return None
    noun = "error" if errors == 1 else "errors"
    if errors and code == 2:
        what = f"{errors} {noun} during collection, no test ran"
    elif errors and not counts["passed"]:
        what = f"{errors} {noun}, 0 passed"
    else:
        what = f"pytest exit {code} ({NOTHING_RAN[code]})"
    return f"{what}; first error: {first_error(run)}"


def all_failed(runs: Sequence[Run]) -> str | None:
    """The problem of the last run when every run has one (None if any ran the suite)."""
    problems = [suite_problem(r) for r in runs]
    return problems[-1] if problems and all(problems) else None


def install_fix(project: str, python: str) -> str:
    """The pip command that installs the project with its test dependencies into `python`'s
    environment, as declared (extra, PEP 735 group, requirements file)."""
    deps = envs.detect_test_dependencies(project)
    args: list[str] = []
    if deps.installs_project:
        args += ["-e", "." + (f"[{deps.extra}]" if deps.extra else "")]
    if deps.requirement_files:
        args += ["-r", deps.requirement_files[0]]
    elif deps.requirements:
        args += list(deps.requirements)
    return shlex.join([python, "-m", "pip", "install", *args])
