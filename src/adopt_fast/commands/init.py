"""`adopt-fast init`: merge the curated profile into the project's Ruff config, ignore
`.ruff_cache/` in git, and wire the adopt-fast pre-commit hooks.

Every change is planned (and every input validated) before anything is written, so bad input
anywhere leaves every file as it was.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from adopt_fast.edits.change import Change
from adopt_fast.edits.gitignore import plan_ignore
from adopt_fast.edits.precommit import plan_adopt_fast_hooks
from adopt_fast.edits.ruffconfig import find_ancestor_config, plan_ruff_config
from adopt_fast.errors import EXIT_FINDINGS, EXIT_OK, InputError
from adopt_fast.profiles import load_profile
from adopt_fast.ruff import find_project_config


@dataclass(frozen=True)
class InitPlan:
    changes: tuple[Change, ...]
    notes: tuple[str, ...]


def plan_init(root: str, profile: str) -> InitPlan:
    """Every change `init` would make in `root`, and notes for the user; writes nothing."""
    if not os.path.isdir(root):
        raise InputError(root, "is not a folder", "pass the project's root folder")
    chosen = load_profile(profile)
    settings, reasons = dict(chosen.settings), dict(chosen.reasons)
    parent = None if find_project_config(root) else find_ancestor_config(root)
    if parent is not None:
        # Ruff uses only the nearest config: without `extend` the new one would silently
        # drop every setting of the parent's (Ruff docs, "Config file discovery").
        settings["extend"] = os.path.relpath(parent, root)
        reasons["extend"] = "keep the settings Ruff used here before"
    ruff = plan_ruff_config(
        root,
        lint_selectors=chosen.selectors,
        ignores=chosen.ignores,
        settings=settings,
        reasons=reasons,
    )
    ignore = plan_ignore(root)
    hooks = plan_adopt_fast_hooks(root)
    changes = tuple(c for c in (ruff, ignore, hooks.change) if c is not None)
    return InitPlan(changes, hooks.notes)


def _added_lines(change: Change) -> int:
    return sum(
        1
        for line in change.diff().splitlines()
        if line.startswith("+") and not line.startswith("+++")
    )


def run_init(root: str, profile: str, *, diff: bool) -> int:
    """Print the diff (`diff`) or apply the plan; exit 1 when files change or would change."""
    plan = plan_init(root, profile)
    for note in plan.notes:
        print(f"note: {note}")
    if not plan.changes:
        print(
            f'nothing to change: the project already has the "{profile}" profile, '
            ".ruff_cache/ ignored and its hooks wired"
        )
        return EXIT_OK
    for change in plan.changes:
        name = os.path.relpath(change.path, root)
        if diff:
            print(change.diff(name), end="")
            continue
        change.apply()
        verb = "created" if change.old is None else "updated"
        print(f"{verb} {name} (+{_added_lines(change)} lines)")
    return EXIT_FINDINGS
