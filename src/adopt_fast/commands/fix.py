"""`adopt-fast fix`: remove unused imports safely (the engine is `imports.engine`).

Exit codes: 0 nothing changed, 1 files changed (or would change, with --diff; with --verify,
a file changed and its tests still pass), 2 a file could not be processed (the others still are).
"""

from __future__ import annotations

from collections.abc import Sequence

from adopt_fast.imports.engine import fix_imports


def fix(
    paths: Sequence[str],
    *,
    diff: bool = False,
    unsafe: bool = False,
    show_kept: bool = False,
    verify_command: Sequence[str] | None = None,
) -> int:
    """Fix the unused imports under `paths` (the current folder when none); `verify_command`
    turns on --verify."""
    return fix_imports(
        paths, diff=diff, unsafe=unsafe, show_kept=show_kept, verify_command=verify_command
    )
