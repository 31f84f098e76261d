"""`adopt-fast migrate`: move a project from flake8/isort/black/pyupgrade/autoflake to Ruff.

Everything is planned (`adopt_fast.migrate.migration.plan_migration`, every input validated)
before anything is written, so bad input anywhere leaves every file as it was. Exit 1 when
files change or would change.
"""

from __future__ import annotations

import sys

from adopt_fast.edits.change import Change, write_or_diff
from adopt_fast.errors import EXIT_FINDINGS, EXIT_OK, InputError
from adopt_fast.migrate import gain, oldchain
from adopt_fast.migrate.migration import (
    MigrationPlan,
    init_would_change,
    next_step,
    plan_migration,
    report_lines,
)


def run_migrate(
    root: str,
    *,
    diff: bool,
    measure: bool | None = None,
    rounds: int = 5,
    keep: frozenset[str] = frozenset(),
) -> int:
    """Print the diff (`diff`) or apply the plan, then the report, then the measured gain
    (`measure`: True installs the old tools if needed, None measures only when they are
    installed, False never); exit 1 when files change or would change."""
    try:
        plan = plan_migration(root, keep)
    except InputError as e:
        raise e.relative_to(root) from None
    if not plan.project.found_anything:
        print(
            "nothing to migrate: no flake8, isort, black, pyupgrade, autoflake, zimports, "
            "reorder-python-imports, usort, yapf or autopep8 configuration or pre-commit hook "
            "found"
        )
        return EXIT_OK
    print(write_or_diff(plan.changes, root, diff=diff), end="")
    if not plan.changes:
        print("nothing to change in the Ruff configuration or the pre-commit hooks")
    for line in report_lines(plan):
        print(line)
    if measure is not False:
        report_gain(
            root, plan, install=bool(measure), rounds=rounds, planned=plan.changes if diff else ()
        )
    pending = diff and bool(plan.changes)
    print(next_step(diff=pending, init_adds=None if pending else init_would_change(root)))
    return EXIT_FINDINGS if plan.changes else EXIT_OK


def report_gain(
    root: str, plan: MigrationPlan, *, install: bool, rounds: int, planned: tuple[Change, ...]
) -> None:
    """Time the old chain against Ruff on a copy of the project and print the gain and the
    findings Ruff no longer reports. A failure here is a warning: the migration stands."""
    tools = oldchain.find_installed(plan.project)
    if tools is None and not install:
        print(
            "note: the old tools are not all installed here; `adopt-fast migrate --measure` "
            "installs them in a temporary environment and times them against Ruff"
        )
        return
    try:
        report = gain.measure_project(
            root, plan.project, tools, rounds=rounds, planned=planned, progress=_progress
        )
    except InputError as e:
        print(f"warning: could not measure the gain: {e.what} ({e.fix})")
        return
    for line in report.lines():
        print(line)


def _progress(message: str) -> None:
    print(f"adopt-fast: {message}", file=sys.stderr, flush=True)
