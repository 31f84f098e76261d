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
from adopt_fast.checks.report import Report
from adopt_fast.checks.report import list_checks as render_list
from adopt_fast.checks.runner import run_project
from adopt_fast.edits.textfile import write_atomic
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
            _write(json_path, render_error(e, "json"))
        raise
    print(render(report, output_format, max_annotations), end="")
    if summary is not None:
        write_summary(summary, report)
    if json_path is not None:
        _write(json_path, render(report, "json", max_annotations))
    return EXIT_OK if report.ok else EXIT_FINDINGS


def list_checks() -> int:
    print(render_list(all_checks()), end="")
    return EXIT_OK


def write_summary(path: str, report: Report) -> None:
    """The Markdown summary: appended to $GITHUB_STEP_SUMMARY (other steps write there too),
    written whole (atomically) to any other file."""
    text = render_markdown(report)
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if step_summary and os.path.abspath(step_summary) == os.path.abspath(path):
        try:
            with open(path, "a", encoding="utf-8") as f:
                f.write(text)
        except OSError as e:
            raise InputError(
                path, f"cannot be written: {e.strerror}", "check GITHUB_STEP_SUMMARY"
            ) from None
        return
    _write(path, text)


def _write(path: str, text: str) -> None:
    if not os.path.isdir(os.path.dirname(os.path.abspath(path))):
        raise InputError(path, "cannot be written: its folder does not exist", "create it first")
    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as e:
        raise InputError(path, f"cannot be written: {e.strerror}", "pass a writable file") from None
