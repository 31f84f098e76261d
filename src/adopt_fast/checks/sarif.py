"""SARIF 2.1.0 for `adopt-fast check --format sarif`, the format GitHub code scanning reads
(`github/codeql-action/upload-sarif`). Failed checks and violations are results; each check
and each Ruff rule seen is a rule of the one run. Paths are relative to `%SRCROOT%`, the
workspace (GITHUB_WORKSPACE, else the current folder), as code scanning expects."""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from adopt_fast import __version__
from adopt_fast.checks.base import Result
from adopt_fast.checks.lintrun import Violation
from adopt_fast.checks.report import Report

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
_HOME = "https://pypi.org/project/adopt-fast/"


def _location(path: str, region: dict[str, int]) -> dict[str, object]:
    """`path` as `report.shown_path` gives it: relative to the workspace, or absolute when the
    project lies outside it (then a file: URI of its own)."""
    artifact = (
        {"uri": Path(path).as_uri()}
        if os.path.isabs(path)
        else {"uri": quote(path), "uriBaseId": "%SRCROOT%"}
    )
    physical: dict[str, object] = {"artifactLocation": artifact}
    if region:
        physical["region"] = region
    return {"physicalLocation": physical}


def _check_result(report: Report, r: Result) -> dict[str, object]:
    result: dict[str, object] = {
        "ruleId": r.id,
        "level": "error",
        "message": {"text": f"{r.message} (fix: {r.hint})"},
    }
    if r.file:
        region = {"startLine": r.line} if r.line else {}
        result["locations"] = [_location(report.shown_path(r.file), region)]
    return result


def _violation_result(report: Report, v: Violation) -> dict[str, object]:
    region = {
        "startLine": v.line,
        "startColumn": v.column,
        "endLine": v.end_line,
        "endColumn": v.end_column,
    }
    return {
        "ruleId": v.code,
        "level": "error",
        "message": {"text": f"{v.code} {v.message}"},
        "locations": [_location(report.shown_path(v.path), region)],
    }


def _rules(report: Report) -> list[dict[str, object]]:
    rules: list[dict[str, object]] = [
        {
            "id": r.id,
            "shortDescription": {"text": r.description},
            "helpUri": f"{_HOME}#{r.id.lower()}",
        }
        for r in report.results
    ]
    seen: dict[str, Violation] = {}
    for v in report.violations:
        seen.setdefault(v.code, v)
    for code, v in sorted(seen.items()):
        rule: dict[str, object] = {"id": code, "shortDescription": {"text": f"Ruff {code}"}}
        if v.url:
            rule["helpUri"] = v.url
        rules.append(rule)
    return rules


def render_sarif(report: Report) -> str:
    run = {
        "tool": {
            "driver": {
                "name": "adopt-fast",
                "version": __version__,
                "informationUri": _HOME,
                "rules": _rules(report),
            }
        },
        "originalUriBaseIds": {"%SRCROOT%": {"uri": Path(report.base).as_uri() + "/"}},
        "results": [_check_result(report, r) for r in report.failed]
        + [_violation_result(report, v) for v in report.violations],
    }
    document = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, indent=2) + "\n"


def render_sarif_error(path: str, line: int | None, what: str, fix: str) -> str:
    """Bad input (exit 2) as a valid SARIF log: a run with no results whose invocation failed."""
    location: dict[str, object] = {"uri": quote(path)}
    notification: dict[str, object] = {
        "level": "error",
        "message": {"text": f"{path}{f':{line}' if line else ''}: {what} ({fix})"},
        "locations": [
            {
                "physicalLocation": {"artifactLocation": location}
                | ({"region": {"startLine": line}} if line else {})
            }
        ],
    }
    run = {
        "tool": {"driver": {"name": "adopt-fast", "version": __version__, "informationUri": _HOME}},
        "invocations": [
            {"executionSuccessful": False, "toolExecutionNotifications": [notification]}
        ],
        "results": [],
    }
    return json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, indent=2) + "\n"
