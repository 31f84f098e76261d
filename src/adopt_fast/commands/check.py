"""`adopt-fast check`: the CI gate. Runs every adoption check and the lint; writes nothing
to the project (Ruff's own cache excepted, where Ruff keeps it). The work is in
`adopt_fast.checks.runner`, the formats beside it in `adopt_fast.checks.formats`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from adopt_fast.checks import all_checks
from adopt_fast.checks.formats import OutputFormat, render, render_error
from adopt_fast.checks.markdown import render_markdown
from adopt_fast.checks.report import list_checks as render_list
from adopt_fast.checks.runner import run_project
from adopt_fast.edits.reportfile import write_report, write_summary
from adopt_fast.errors import EXIT_FINDINGS, EXIT_OK, InputError


def run_check(
    root: str,
    *,
    output_format: OutputFormat,
    lint: bool,
    profile: str | None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    summary: str | None = None,
    json_path: str | None = None,
    max_annotations: int = 50,
) -> int:
    """Run the checks, print the report (and write the Markdown summary to `summary`, the JSON
    report to `json_path`); bad input is still reported in the chosen format on stdout (a CI
    step parsing JSON gets JSON), and to `json_path`, before cli.main prints its line."""
    try:
        if not os.path.isdir(root):
            raise InputError(root, "is not a folder", "pass the project's root folder")
        report = run_project(root, profile=profile, lint=lint, select=select, ignore=ignore)
    except InputError as e:
        e.relative_to(root)
        if output_format != "text":
            print(render_error(e, output_format), end="", flush=True)
        if json_path is not None:
            write_report(json_path, render_error(e, "json"))
        raise
    print(render(report, output_format, max_annotations), end="")
    if summary is not None:
        write_summary(summary, render_markdown(report))
    if json_path is not None:
        write_report(json_path, render(report, "json", max_annotations))
    return EXIT_OK if report.ok else EXIT_FINDINGS


def list_checks() -> int:
    print(render_list(all_checks()), end="")
    return EXIT_OK
