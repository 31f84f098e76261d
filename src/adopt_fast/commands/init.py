"""`adopt-fast init`: merge the curated profile into the project's Ruff config, ignore
`.ruff_cache/` in git, and wire the adopt-fast pre-commit hooks (the plan is
`adopt_fast.migrate.adopt.plan_init`). Exit 1 when files change or would change.
"""

from __future__ import annotations

import os

from adopt_fast.edits.change import apply_all, describe
from adopt_fast.edits.precommit import CONFIG_NAME
from adopt_fast.errors import EXIT_FINDINGS, EXIT_OK, InputError
from adopt_fast.migrate.adopt import plan_init


def run_init(
    root: str,
    profile: str | None,
    *,
    diff: bool,
    format_hook: bool = False,
    skip_migrate: bool = False,
) -> int:
    """Print the diff (`diff`) or apply the plan; exit 1 when files change or would change,
    or when `adopt-fast migrate` must run first (nothing written then). Notes come after the
    list of changed files, so the last lines say what to look at. `profile` None: the one
    [tool.adopt-fast] names, else the default."""
    try:
        plan = plan_init(root, profile, format_hook=format_hook, skip_migrate=skip_migrate)
    except InputError as e:
        raise e.relative_to(root) from None
    if plan.migrate_first is not None:
        print(f"nothing written: {plan.migrate_first}")
        return EXIT_FINDINGS
    if not plan.changes:
        print(_nothing_to_change(root, plan.profile, pending=plan.pending))
    if not diff:
        try:
            apply_all(plan.changes, root)
        except InputError as e:
            raise e.relative_to(root) from None
    print(describe(plan.changes, root, diff=diff), end="")
    for note in plan.notes:
        print(f"note: {note}")
    return EXIT_FINDINGS if plan.changes else EXIT_OK


def _nothing_to_change(root: str, profile: str, *, pending: bool) -> str:
    """The headline when init changes nothing; `pending`: notes below name what is left to
    the user, so it must not read as if everything were done."""
    done = f'nothing to change: the project already has the "{profile}" profile'
    if os.path.lexists(os.path.join(root, CONFIG_NAME)):
        done = f"{done}, .ruff_cache/ ignored and the hooks in {CONFIG_NAME} set up"
    else:
        done = (
            f"{done} and .ruff_cache/ ignored; there is no {CONFIG_NAME}, so no hooks were wired "
            '(README, "Install through pre-commit")'
        )
    return f"{done}; one thing is left to you (note below)" if pending else done
