"""`adopt-fast check --format`: which renderer prints a report."""

from __future__ import annotations

from adopt_fast.checks.github import render_error as github_error
from adopt_fast.checks.github import render_github
from adopt_fast.checks.report import Report, error_json, render_json, render_text
from adopt_fast.checks.sarif import render_sarif, render_sarif_error
from adopt_fast.checks.versions import installed_ruff
from adopt_fast.choices import FORMATS, OutputFormat
from adopt_fast.errors import InputError

__all__ = ["FORMATS", "OutputFormat", "render", "render_error"]


def render(report: Report, output_format: OutputFormat, max_annotations: int) -> str:
    if output_format == "github":
        return render_github(report, max_annotations)
    if output_format == "sarif":
        return render_sarif(report)
    if output_format == "json":
        return render_json(report, installed_ruff().version)
    return render_text(report)


def render_error(error: InputError, output_format: OutputFormat) -> str:
    """Bad input (exit 2) as a report: one JSON object with `error`, one annotation, or a
    SARIF log whose invocation failed."""
    if output_format == "github":
        return github_error(error.path, error.line, error.what, error.fix)
    if output_format == "sarif":
        return render_sarif_error(error.path, error.line, error.what, error.fix)
    return error_json(error.path, error.line, error.what, error.fix)
