"""Hook `adopt-fast-cache-ignore`: make the root .gitignore ignore `.ruff_cache/`.

A fixer: exit 1 and `Fixing .gitignore` when it changed the file, 0 when there was nothing
to do, 2 (one line, file untouched) when the .gitignore cannot be edited safely, 3 on a bug."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from adopt_fast.edits.gitignore import plan_ignore
from adopt_fast.errors import InputError, run_guarded


def ensure_cache_ignored() -> int:
    try:
        change = plan_ignore(".")
    except InputError as e:
        raise e.relative_to(".") from None  # `.gitignore:2: ...`, not `./.gitignore:2: ...`
    if change is None:
        return 0
    change.apply()
    print("Fixing .gitignore", file=sys.stderr)
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    del argv  # pre-commit passes no files (pass_filenames: false); the root is the cwd
    return run_guarded("adopt-fast-cache-ignore", ensure_cache_ignored)


if __name__ == "__main__":
    raise SystemExit(main())
