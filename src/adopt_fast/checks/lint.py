"""Check that the lint passes: `ruff check` over the project, started before the other checks
so that it runs while they do (check's cost stays close to a bare `ruff check`)."""

from __future__ import annotations

from adopt_fast.checks.base import LINT, Check, Failure, Project
from adopt_fast.ruff import DEFAULT_PROFILE


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
