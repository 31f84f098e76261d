"""Hook `adopt-fast-lint`: `ruff check --force-exclude` with the project's config or the
bundled `recommended` profile. Arguments pass through to Ruff; its output and exit code
reach the user unchanged.

With `--fix`, Ruff never fixes F401 itself (its fix deletes side-effect imports such as
`readline`): Ruff's other fixes run first, then adopt-fast's safe fix removes the imports
left unused, those Ruff's fixes made unused included (pyupgrade's `Optional[X]` -> `X | None`
leaves `Optional`), and Ruff reports what remains. One run settles the commit.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from adopt_fast.ruff import hook_argv, positional_paths, refuse_special_config, run_hook
from adopt_fast.settings import project_profile


def _ruff_fixes_first(args: list[str]) -> int:
    """Ruff's own fixes (F401 unfixable), reported as Ruff reports them ("Fixed 2 errors.")."""
    import subprocess

    try:
        command, _ = hook_argv(
            "check", [a for a in args if a != "--fix"], project_profile=project_profile
        )
    except ValueError:
        return 0  # the final run reports the bad option
    return subprocess.call([*command, "--fix-only"])


def _fix_imports_safely(args: list[str]) -> int:
    """Remove the unused imports that are safe to remove, the way `adopt-fast-fix-imports`
    does (`Fixing <file>` on stderr). The count of imports kept is not printed: `init` wires
    the fix-imports hook before this one, and it has said so already; Ruff reports them.

    Returns the fix's exit code; 2 (a file it could not process) is not fatal, since Ruff
    reports that file next, but an interruption or a bug stops the hook before Ruff runs."""
    paths = positional_paths(args)
    if not paths or "--stdin-filename" in args:
        return 0
    from adopt_fast.errors import run_guarded
    from adopt_fast.imports.engine import fix_imports

    return run_guarded(
        "adopt-fast-lint",
        lambda: fix_imports(
            paths,
            diff="--diff" in args,  # `ruff check --fix --diff` writes nothing; neither do we
            force_exclude=True,
            count_kept=False,
        ),
    )


def _settings_are_valid(args: list[str]) -> bool:
    """Whether Ruff's command line can be built (options, `[tool.adopt-fast]`): if not, no
    file is touched and the final run reports the problem in its one line, exit 2."""
    from adopt_fast.errors import InputError

    try:
        hook_argv("check", args, project_profile=project_profile)
    except (ValueError, InputError):
        return False
    return True


def main(argv: Sequence[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    if refuse_special_config():  # Ruff would block reading a FIFO config
        return 2
    if ("--fix" in args or "--fix-only" in args) and _settings_are_valid(args):
        if "--diff" not in args and positional_paths(args):
            _ruff_fixes_first(args)
        code = _fix_imports_safely(args)
        if code > 2:  # interrupted (130) or a bug (3): stop here, with that code
            return code
    return run_hook("check", None if argv is None else args, project_profile)


if __name__ == "__main__":
    raise SystemExit(main())
