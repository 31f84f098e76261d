"""What `adopt-fast migrate` changes to move a project from flake8/isort/black/pyupgrade/
autoflake to Ruff, and the report of what was carried over.

Everything is planned (and every input file validated) before anything is written, so bad
input anywhere leaves every file as it was. The old tools' configuration sections are left in
place; the report names each one the user can now delete.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from adopt_fast.edits.change import Change
from adopt_fast.edits.gitignore import plan_ignore
from adopt_fast.edits.ruffprobe import ruff_verdict
from adopt_fast.errors import InputError
from adopt_fast.migrate.adopt import plan_init
from adopt_fast.migrate.apply import (
    kept_user_values,
    plan_hooks_replacement,
    plan_ruff_change,
    would_reformat,
)
from adopt_fast.migrate.model import Translation, Untranslatable
from adopt_fast.migrate.translate import Project, translate_project
from adopt_fast.ruff import DEFAULT_PROFILE


@dataclass(frozen=True)
class MigrationPlan:
    project: Project
    translation: Translation
    changes: tuple[Change, ...]
    notes: tuple[str, ...]


def plan_migration(root: str, keep: frozenset[str] = frozenset()) -> MigrationPlan:
    """Every change `migrate` would make in `root`, and what it reports; writes nothing.
    `keep`: formatters and import sorters whose hooks stay (their Ruff job stays off)."""
    if not os.path.isdir(root):
        raise InputError(root, "is not a folder", "pass the project's root folder")
    project, translation = translate_project(root, keep)
    if not project.found_anything:
        return MigrationPlan(project, translation, (), ())
    ruff = plan_ruff_change(root, translation)
    warnings = tuple(f"Ruff warns about the new settings: {w}" for w in ruff_verdict(ruff))
    warnings += tuple(kept_user_values(root, translation))
    hooks = plan_hooks_replacement(root, keep)
    # A migration moves the project to Ruff, whose cache must stay out of git (what `check`
    # AF003 asks); with nothing to migrate to, there is no cache to ignore either.
    ignore = plan_ignore(root) if ruff or hooks.change else None
    changes = tuple(c for c in (ruff, ignore, hooks.change) if c is not None)
    return MigrationPlan(
        project,
        translation,
        changes,
        hooks.notes + _format_note(root, ruff, hooks.change) + warnings,
    )


def _format_note(root: str, ruff: Change | None, hooks: Change | None) -> tuple[str, ...]:
    """How many files the new format hook will change on its first run, with the migrated
    settings: `ruff format`'s style is close to black's, not identical (and far from yapf's)."""
    if hooks is None or b"adopt-fast-format" not in hooks.new:
        return ()
    if hooks.old is not None and b"adopt-fast-format" in hooks.old:
        return ()
    count = would_reformat(root, ruff)
    if count.startswith("0 "):
        return ("adopt-fast-format: `ruff format --check` changes no file with these settings",)
    note = (
        f"adopt-fast-format: `ruff format --check` would change {count} with these settings; "
        "commit that reformatting on its own (`ruff format .`, then list the commit in "
        ".git-blame-ignore-revs)"
    )
    return (note,)


def report_lines(plan: MigrationPlan) -> list[str]:
    """What was left out and why, what needs no setting, and what the user can delete."""
    t = plan.translation
    lines: list[str] = []
    if t.untranslatable:
        lines.append("Not carried over (Ruff cannot express these):")
        lines += [f"  {item}" for item in sorted(t.untranslatable, key=_place)]
    if t.no_setting_needed:
        lines.append("Needs no Ruff setting:")
        lines += [f"  {item}" for item in sorted(t.no_setting_needed, key=_place)]
    lines += [f"note: {note}" for note in plan.notes]
    for section in t.old_sections:
        if section.what.startswith("[testenv:"):
            lines.append(
                f"note: {section}: {section.what} still runs the old tools; delete it (or "
                "have it run `pre-commit run --all-files`) once the migration is committed"
            )
            continue
        lines.append(
            f"note: {section}: {section.what} is no longer read by the hooks; "
            "delete it once the migration is committed"
        )
    return lines


def _place(item: Untranslatable) -> tuple[str, int]:
    return item.origin.path, item.origin.line or 0


def init_would_change(root: str) -> bool | None:
    """Whether `adopt-fast init` (default profile) would change the project now; None when it
    cannot tell (init would report an input error itself)."""
    try:
        plan = plan_init(root, DEFAULT_PROFILE)
    except InputError:
        return None
    return None if plan.migrate_first else bool(plan.changes)


def next_step(*, diff: bool, init_adds: bool | None = True) -> str:
    """The last line: migrate keeps the old tools' coverage (lint.select), so the curated
    profile (`check` AF002) is a separate, deliberate step, named only while init has
    something to add (`init_adds` None: worded conditionally)."""
    first = "run `adopt-fast migrate` without --diff to write this, then " if diff else "run "
    if init_adds is False:
        return f"next: {first}`adopt-fast check` to verify the project (`adopt-fast init` has nothing to add)"
    condition = " (if it has anything to add)" if init_adds is None else ""
    return (
        f"next: {first}`adopt-fast init`{condition} to add the curated rule profile on top of "
        "the migrated rules, then `adopt-fast check` to verify the project"
    )
