"""One run of `adopt-fast check`: settings, selection, the probes the chosen checks need,
the checks, and the `Report` the renderers print.

`ruff check` is the bulk of the cost, so it is started first and the checks run while it
lints (benchmarks/check_overhead.py measures what is left).
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from adopt_fast.checks import all_checks
from adopt_fast.checks.base import LINT, Check, Project, probes_of, run_checks
from adopt_fast.checks.lint import LintPasses
from adopt_fast.checks.lintrun import Background, LintRun
from adopt_fast.checks.report import Report, base_folder
from adopt_fast.edits.ruffprobe import rejection
from adopt_fast.edits.textfile import read_text
from adopt_fast.edits.tomlfile import key_line
from adopt_fast.errors import InputError
from adopt_fast.ruff import DEFAULT_PROFILE, hook_argv, special_config_file
from adopt_fast.settings import Settings, read_settings

LINT_CHECK = LintPasses.id
CLI_REASON = "--ignore on the command line"


def run_project(
    root: str,
    *,
    profile: str | None,
    lint: bool,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> Report:
    """Check the project at `root`; InputError for bad settings or unknown check ids."""
    special = special_config_file(root)
    if special is not None:  # Ruff would block reading it
        raise InputError(
            special, "is not a regular file (a FIFO, socket or device)", "replace it with a file"
        )
    settings = read_settings(root)
    chosen, source = _profile(profile, settings)
    ignored = {**settings.ignore, **dict.fromkeys(ignore, CLI_REASON)}
    wants_lint = lint and (not select or LINT_CHECK in select) and LINT_CHECK not in ignored
    process = start_lint(root, chosen) if wants_lint else None
    try:
        return _run(root, chosen, source, process, settings, select, ignored, lint=lint)
    finally:
        if process is not None:
            process.stop()


def _profile(given: str | None, settings: Settings) -> tuple[str, str]:
    if given is not None:
        return given, "--profile"
    if settings.profile is not None:
        return settings.profile, str(settings.source)
    return DEFAULT_PROFILE, "default"


def _run(
    root: str,
    profile: str,
    source: str,
    process: Background | None,
    settings: Settings,
    select: Sequence[str],
    ignored: dict[str, str],
    *,
    lint: bool,
) -> Report:
    known = all_checks(lint=True)
    _validate_ids(known, select, ignored, settings)
    checks = [c for c in known if (not select or c.id in select) and (lint or LINT not in c.probes)]
    lint_run = None if process is None else LintRun(root, process)
    project = Project(
        root, profile, lint_run, probes_of([c for c in checks if c.id not in ignored])
    )
    try:
        results = run_checks(project, checks, ignored)
        lint_result = lint_run.result() if lint_run else None
    finally:
        project.finish()
    if lint_result is not None and lint_result.error is not None:
        # Ruff rejects the project's configuration: a configuration error, not a finding.
        raise rejection(
            project.config_path or os.path.join(root, "pyproject.toml"), lint_result.stderr
        )
    return Report(
        os.path.abspath(root), tuple(results), lint_result, profile, source, base_folder()
    )


def _validate_ids(
    known: Sequence[Check], select: Sequence[str], ignored: dict[str, str], settings: Settings
) -> None:
    ids = [c.id for c in known]
    for code in [*select, *ignored]:
        if code in ids:
            continue
        fix = f"use one of {', '.join(ids)}; `adopt-fast check --list` describes them"
        if ignored.get(code, CLI_REASON) != CLI_REASON and settings.path is not None:
            text = read_text(settings.path).text
            line = key_line(text, code) or key_line(text, "ignore")
            raise InputError(settings.path, f"`ignore` names {code}, which is no check", fix, line)
        raise InputError("adopt-fast check", f"{code} is no check", fix)


def start_lint(root: str, profile: str) -> Background:
    """`ruff check` as the hook runs it (the project's config, else the profile), with JSON
    output, never fixing: a project with `fix = true` must not be rewritten by a check."""
    args = ["--profile", profile, "--no-fix", "--exit-zero", "--output-format", "json", "."]
    argv, _ = hook_argv("check", args, root)  # an unwritable cache just means --no-cache
    return Background(argv, root)
