"""Check that the lint passes: `ruff check` over the project, started before the other checks
so that it runs while they do (check's cost stays close to a bare `ruff check`)."""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass

from adopt_fast.checks import LINT, Check, Failure, Project


@dataclass(frozen=True)
class Violation:
    code: str
    message: str
    path: str  # relative to the project root
    line: int
    column: int
    end_line: int
    end_column: int
    fixable: bool  # `ruff check --fix` fixes it (never F401: `adopt-fast fix` removes those)
    url: str | None  # the rule's documentation


@dataclass(frozen=True)
class LintResult:
    violations: tuple[Violation, ...]
    error: str | None  # Ruff could not lint (exit 2): its first error line
    stderr: str = ""  # all of Ruff's error output, when it could not lint


class LintRun:
    """Reads the JSON of a `ruff check` started by `start_lint` (see adopt_fast.commands.check)."""

    def __init__(self, root: str, process: subprocess.Popen[str]) -> None:
        self.root = root
        self._process = process
        self._result: LintResult | None = None

    def result(self) -> LintResult:
        if self._result is None:
            out, err = self._process.communicate()
            if self._process.returncode != 0:
                lines = [line for line in err.splitlines() if line.strip()]
                self._result = LintResult((), " ".join(lines[:3]) or "ruff check failed", err)
            else:
                self._result = LintResult(tuple(self._violation(v) for v in json.loads(out)), None)
        return self._result

    def _violation(self, item: dict[str, object]) -> Violation:
        location = item.get("location") or {}
        end = item.get("end_location") or location
        assert isinstance(location, dict) and isinstance(end, dict)
        filename = str(item.get("filename", ""))
        url, fix = item.get("url"), item.get("fix")
        return Violation(
            code=str(item.get("code") or "syntax-error"),
            message=str(item.get("message", "")),
            path=os.path.relpath(filename, os.path.abspath(self.root)),
            line=int(location.get("row", 1)),
            column=int(location.get("column", 1)),
            end_line=int(end.get("row", 1)),
            end_column=int(end.get("column", 1)),
            fixable=isinstance(fix, dict) and fix.get("applicability") == "safe",
            url=url if isinstance(url, str) else None,
        )


class LintPasses(Check):
    """`ruff check` reports no violations."""

    id = "AF006"
    probes = frozenset({LINT})

    def check(self, project: Project) -> Failure | None:
        assert project.lint is not None
        result = project.lint.result()
        if result.error is not None:
            return Failure(
                f"ruff check could not run: {result.error}", "fix the Ruff configuration it names"
            )
        count = len(result.violations)
        if count == 0:
            return None
        codes = sorted({v.code for v in result.violations})
        shown = ", ".join(codes[:8]) + (", ..." if len(codes) > 8 else "")
        # Bare `ruff check` reads only the project's own config; without one it would not
        # apply the profile this check linted with, but adopt-fast-lint does.
        from adopt_fast.ruff import DEFAULT_PROFILE

        profile = (
            "" if project.profile_name == DEFAULT_PROFILE else f"--profile {project.profile_name} "
        )
        if "F401" in codes:
            # Ruff's own F401 fix deletes side-effect and registration imports (readline,
            # plugin modules); `adopt-fast fix` keeps them, and adopt-fast-lint never lets
            # Ruff fix F401, so it is safe for the rest.
            return Failure(
                f"{count} violation{'s' if count != 1 else ''} ({shown})",
                "remove the unused imports (F401) with `adopt-fast fix` first (`adopt-fast fix "
                f"--verify` proves it on the tests), then run `adopt-fast-lint {profile}--fix "
                "<files>` for the rest (it never lets Ruff fix F401); fix what remains by hand "
                "or add `# noqa: CODE` with a reason",
            )
        # Never `ruff check --fix`: while F401 is selected, Ruff's own fixes (pyupgrade's
        # `Optional[X]` -> `X | None`) leave imports unused and Ruff's F401 fix then deletes
        # them, side-effect imports included; adopt-fast-lint removes those safely instead.
        fixer = f"`adopt-fast-lint {profile}--fix <files>` (it never lets Ruff fix F401)"
        return Failure(
            f"{count} violation{'s' if count != 1 else ''} ({shown})",
            f"run {fixer}, fix the rest by hand or add `# noqa: CODE` with a reason",
        )
