"""`adopt-fast check --format`: which renderer prints a report, each imported only when used."""

from __future__ import annotations

from adopt_fast.checks.report import Report
from adopt_fast.errors import InputError


def render(report: Report, output_format: str, max_annotations: int) -> str:
    if output_format == "github":
        from adopt_fast.checks.github import render_github

        return render_github(report, max_annotations)
    if output_format == "sarif":
        from adopt_fast.checks.sarif import render_sarif

        return render_sarif(report)
    if output_format == "json":
        from adopt_fast.checks.report import render_json
        from adopt_fast.checks.versions import installed_ruff

        return render_json(report, installed_ruff().version)
    from adopt_fast.checks.report import render_text

    return render_text(report)


def render_error(error: InputError, output_format: str) -> str:
    """Bad input (exit 2) as a report: one JSON object with `error`, one annotation, or a
    SARIF log whose invocation failed."""
    if output_format == "github":
        from adopt_fast.checks.github import render_error as github_error

        return github_error(error.path, error.line, error.what, error.fix)
    if output_format == "sarif":
        from adopt_fast.checks.sarif import render_sarif_error

        return render_sarif_error(error.path, error.line, error.what, error.fix)
    from adopt_fast.checks.report import error_json

    return error_json(error.path, error.line, error.what, error.fix)
