"""`adopt-fast fix`: remove unused imports safely (the engine is `imports.engine`).

Exit codes: 0 nothing changed, 1 files changed (or would change, with --diff; with --verify,
a file changed and its tests still pass), 2 a file could not be processed (the others still are).
"""

from __future__ import annotations

from collections.abc import Sequence

from adopt_fast.errors import InputError
from adopt_fast.imports.engine import fix_imports
from adopt_fast.imports.verify import default_test_command


def fix(
    paths: Sequence[str],
    *,
    diff: bool = False,
    unsafe: bool = False,
    show_kept: bool = False,
    verify: bool = False,
    test_command: Sequence[str] = (),
) -> int:
    """Fix the unused imports under `paths` (the current folder when none); `verify` runs the
    tests (`test_command`, the command after `--`, else pytest) before and after."""
    if test_command and not verify:
        raise InputError(
            "adopt-fast fix",
            "a test command after `--` needs --verify",
            "add --verify, or drop the command",
        )
    verify_command = (list(test_command) or default_test_command()) if verify else None
    return fix_imports(
        paths, diff=diff, unsafe=unsafe, show_kept=show_kept, verify_command=verify_command
    )
