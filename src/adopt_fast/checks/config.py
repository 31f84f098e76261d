"""Checks of the Ruff configuration itself."""

from __future__ import annotations

import os
import re

from adopt_fast.checks.base import FORMATTER, Check, Failure, Project
from adopt_fast.checks.lintrun import Background
from adopt_fast.edits.ruffconfig import find_ancestor_config, missing_selectors
from adopt_fast.edits.toplevel import find_top_level_lint

# A stale workaround: ISC001 conflicted with `ruff format` before Ruff 0.9, and many configs
# still ignore it. The pinned Ruff does not warn about it (tests/test_checks.py proves it).
STALE_IGNORES = {"ISC001": "it no longer conflicts with `ruff format` (Ruff 0.9 and later)"}
_FORMATTER_WARNING = re.compile(
    r"^warning: (.*(?:with the formatter|formatter's).*)$", re.MULTILINE
)


class RuffConfigExists(Check):
    """A Ruff configuration exists (ruff.toml, .ruff.toml or [tool.ruff] in pyproject.toml)."""

    id = "AF001"

    def check(self, project: Project) -> Failure | None:
        if project.config_path is not None:
            return None
        parent = find_ancestor_config(project.root)
        if parent is not None:
            return Failure(
                f"no Ruff configuration here; Ruff uses {os.path.relpath(parent, project.root)}",
                "run `adopt-fast init` (it creates one that extends that file)",
            )
        return Failure(
            "no Ruff configuration: neither .ruff.toml, ruff.toml nor a [tool.ruff] "
            "table in pyproject.toml",
            "run `adopt-fast init` to create one",
        )


class ProfileFamilies(Check):
    """The Ruff configuration selects every rule family of the chosen profile."""

    id = "AF002"
    requires = frozenset({"AF001"})

    def check(self, project: Project) -> Failure | None:
        missing = missing_selectors(project.ruff_config, project.profile.selectors)
        if not missing:
            return None
        config = project.ruff_config
        line = _line_in_config(project, r"\s*(lint\.)?(extend-)?select\s*=")
        return Failure(
            f"{project.relative(config.path)} does not select "
            f'{", ".join(missing)} from the "{project.profile_name}" profile',
            f"run `adopt-fast init --profile {project.profile_name}` (it adds them "
            "to extend-select), or ignore the families you do not want",
            project.relative(config.path),
            line or _line_in_config(project, r"\s*\["),
        )


def _line_in_config(project: Project, pattern: str) -> int | None:
    """The first line of the governing Ruff config matching `pattern`, inside its Ruff
    tables (from `[tool.ruff` on, in a pyproject.toml)."""
    config = project.ruff_config
    after = r"\s*\[\s*tool\.ruff\s*[\].]" if config.in_pyproject else None
    return project.line_of(config.path, pattern, after)


class FormatterSafeSettings(Check):
    """No deprecated Ruff settings and no rules that conflict with `ruff format`."""

    id = "AF005"
    requires = frozenset({"AF001"})
    probes = frozenset({FORMATTER})

    def check(self, project: Project) -> Failure | None:
        config = project.ruff_config
        where = project.relative(config.path)
        problems: list[str] = []
        fixes: list[str] = []
        lines: list[int | None] = []
        # `extend-ignore` has a problem of its own below, wherever it is: listed once.
        top_level = find_top_level_lint(
            config.file.text if config.file else "",
            config.table,
            file=where,
            in_pyproject=config.in_pyproject,
            skip={"extend-ignore"},
        )
        if top_level is not None:
            problems.append(f"{top_level.problem} ({top_level.location})")
            fixes.append(top_level.fix)
            lines.append(top_level.line)
        lint = config.table.get("lint", {})
        if "extend-ignore" in config.table or "extend-ignore" in lint:
            problems.append(f"`extend-ignore` in {where} is deprecated")
            fixes.append(f"merge its codes into [{config.prefix}lint] `ignore`")
            lines.append(_line_in_config(project, r"\s*(lint\.)?extend-ignore\s*="))
        ignored = config.lint_values("ignore") + config.lint_values("extend-ignore")
        for code, why in STALE_IGNORES.items():
            if code in ignored:
                problems.append(f"ignoring {code} is stale: {why}")
                fixes.append(f"remove {code} from the ignore list")
                lines.append(_line_in_config(project, rf".*[\"']{code}[\"']"))
        conflicts = formatter_warnings(project.formatter_probe)
        if conflicts:
            problems += conflicts
            fixes.append("add the conflicting rules to `ignore` (or align the two options)")
            lines.append(None)
        if not problems:
            return None
        return Failure("; ".join(problems), "; ".join(fixes), where, lines[0])


def formatter_warnings(probe: Background | None) -> list[str]:
    """Ruff's own warnings about settings that fight `ruff format`, for `root`'s config.

    Formatting an empty stdin resolves the configuration (and warns) without reading or
    writing any file of the project, in a few milliseconds.
    """
    if probe is None:
        return []
    _, _, stderr = probe.result()
    return [_shorten(m.group(1)) for m in _FORMATTER_WARNING.finditer(stderr)]


def _shorten(warning: str) -> str:
    if "may cause conflicts" in warning:
        codes = re.findall(r"\(`([A-Z]+[0-9]+)`\)", warning)
        return f"enabled rules conflict with `ruff format`: {', '.join(codes)}"
    return warning.split(". ")[0]
