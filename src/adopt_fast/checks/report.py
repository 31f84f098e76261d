"""What `adopt-fast check` found, and the plain renderers: text for people, JSON for scripts.
GitHub annotations, the Markdown summary and SARIF live beside this, in their own modules."""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from adopt_fast.checks.base import Check, Result
from adopt_fast.checks.lintrun import LintResult, Violation

# 2: `lint.violations` became the list of violations (it was their count, now `lint.count`);
# checks gained `status` and `ignored`; `profile` names the profile and where it was chosen.
SCHEMA_VERSION = 2


@dataclass(frozen=True)
class Report:
    root: str  # the project, absolute
    results: tuple[Result, ...]
    lint: LintResult | None
    profile: str
    profile_source: str  # "default", "--profile" or the settings file, e.g. "adopt-fast.toml"
    base: str  # paths shown to people are relative to this (GITHUB_WORKSPACE, else the cwd)

    @property
    def ok(self) -> bool:
        return all(r.ok is not False for r in self.results)

    @property
    def violations(self) -> tuple[Violation, ...]:
        return self.lint.violations if self.lint else ()

    @property
    def failed(self) -> list[Result]:
        return [r for r in self.results if r.ok is False]

    def shown_path(self, path: str) -> str:
        """A project-relative path as seen from `base`; absolute when outside it."""
        full = os.path.normpath(os.path.join(self.root, path))
        relative = os.path.relpath(full, self.base)
        return full if relative.split(os.sep)[0] == os.pardir else relative.replace(os.sep, "/")


def base_folder() -> str:
    """Where annotation paths start: GitHub resolves them against GITHUB_WORKSPACE."""
    return os.path.abspath(os.environ.get("GITHUB_WORKSPACE") or os.curdir)


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


# More violations than this scroll the checks off the screen: a count per code follows them.
SCREENFUL = 40


def render_text(report: Report) -> str:
    """Violations as `path:line:col: CODE message` (paths from the cwd, as Ruff prints them),
    past a screenful a count per code, then one line per check, and a last line that says how
    it went."""
    violations = report.violations
    lines = [
        f"{report.shown_path(v.path)}:{v.line}:{v.column}: {v.code} {v.message}" for v in violations
    ]
    if len(violations) > SCREENFUL:
        lines += code_table(violations)
    for r in report.results:
        status = {"pass": "ok", "fail": "FAIL", "skip": "skip", "ignored": "ign"}[r.status]
        lines.append(f"{r.id} {status:<4} {r.description}")
        if r.ok is not True:
            lines.append(f"           {r.message}")
        if r.hint:
            lines.append(f"           fix: {r.hint}")
    failed = len(report.failed)
    total = len(report.results)
    lines.append(f"{failed} of {total} checks failed" if failed else f"all {total} checks passed")
    return "\n".join(lines) + "\n"


def code_table(violations: Sequence[Violation]) -> list[str]:
    """A count per code, most frequent first, and the one command that fixes what Ruff can
    fix safely (unused imports through adopt-fast's safe fix, never Ruff's own)."""
    counts = Counter(v.code for v in violations)
    width = len(str(max(counts.values())))
    lines = [f"{len(violations)} violations by code:"]
    lines += [f"  {n:>{width}}  {code}" for code, n in counts.most_common()]
    lines.append(
        "fix the safely fixable ones with `adopt-fast-lint --fix .` (unused imports through "
        "`adopt-fast fix`, the rest through Ruff's safe fixes), then review the diff"
    )
    return lines


def violation_json(v: Violation) -> dict[str, object]:
    return {
        "file": v.path,
        "line": v.line,
        "col": v.column,
        "end_line": v.end_line,
        "end_col": v.end_column,
        "code": v.code,
        "message": v.message,
        "fixable": v.fixable,
    }


def render_json(report: Report, ruff_version: str) -> str:
    """One JSON object (README, "adopt-fast check"); files are relative to the project."""
    document = {
        "schema_version": SCHEMA_VERSION,
        "ok": report.ok,
        "profile": {"name": report.profile, "source": report.profile_source},
        "checks": [result_json(r) for r in report.results],
        # The Ruff that linted (what AF004 reports as installed), which may differ from the pin.
        "lint": None
        if report.lint is None
        else {
            "ruff_version": ruff_version,
            "count": len(report.violations),
            "violations": [violation_json(v) for v in report.violations],
        },
    }
    return json.dumps(document, indent=2) + "\n"


def result_json(r: Result) -> dict[str, object]:
    return {
        "id": r.id,
        "description": r.description,
        "ok": r.ok,
        "status": r.status,
        "message": r.message,
        "hint": r.hint,
        "file": r.file,
        "line": r.line,
        "ignored": r.ignored,
    }


def error_json(path: str, line: int | None, what: str, fix: str) -> str:
    """Bad input (exit 2) as the one JSON object a CI step parses."""
    document = {
        "schema_version": SCHEMA_VERSION,
        "ok": False,
        "error": {"file": path, "line": line, "message": what, "hint": fix},
        "checks": [],
        "lint": None,
    }
    return json.dumps(document, indent=2) + "\n"


def list_checks(checks: Sequence[Check]) -> str:
    """`check --list`: id, what it checks, and what it needs."""
    lines = []
    for check in checks:
        needs = f" (needs {', '.join(sorted(check.requires))})" if check.requires else ""
        lines.append(f"{check.id}  {check.description()}{needs}")
    return "\n".join(lines) + "\n"
