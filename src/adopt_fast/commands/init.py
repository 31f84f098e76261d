"""`adopt-fast init`: merge the curated profile into the project's Ruff config, ignore
`.ruff_cache/` in git, and wire the adopt-fast pre-commit hooks (the plan is
`adopt_fast.migrate.adopt.plan_init`). Exit 1 when files change or would change.
"""

from __future__ import annotations

from adopt_fast.edits.change import write_or_diff
from adopt_fast.errors import EXIT_FINDINGS, EXIT_OK, InputError
from adopt_fast.migrate.adopt import nothing_to_change, plan_init


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
        print(nothing_to_change(root, plan.profile, pending=plan.pending))
    print(write_or_diff(plan.changes, root, diff=diff), end="")
    for note in plan.notes:
        print(f"note: {note}")
    return EXIT_FINDINGS if plan.changes else EXIT_OK
