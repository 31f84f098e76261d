"""Hook `adopt-fast-fix-imports`: remove unused imports (Ruff F401) where that is safe, in
the files pre-commit passes. `Fixing <file>` and exit 1 when a file changed.

Options (in `args:`): --unsafe, --show-kept. No argparse here: the hook starts on every
commit, and everything but the call to Ruff is imported only when there is work to do."""

from __future__ import annotations

import sys
from collections.abc import Sequence

_FLAGS = ("--unsafe", "--show-kept")


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    files = [a for a in args if a not in _FLAGS]
    unknown = [a for a in files if a.startswith("-") and a != "--"]
    if unknown:
        print(
            f"adopt-fast-fix-imports: unknown option {unknown[0]} (use {' or '.join(_FLAGS)})",
            file=sys.stderr,
        )
        return 2
    files = [a for a in files if a != "--"]
    if not files:
        return 0
    from adopt_fast.commands.fix import fix
    from adopt_fast.errors import InputError

    try:
        return fix(
            files, unsafe="--unsafe" in args, show_kept="--show-kept" in args, force_exclude=True
        )
    except InputError as e:
        print(e, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("adopt-fast-fix-imports: interrupted", file=sys.stderr)
        return 130
    except Exception as e:  # noqa: BLE001 - exit 3 (ours), one line instead of a traceback
        print(
            f"adopt-fast-fix-imports: internal error: {type(e).__name__}: {e} (please report it)",
            file=sys.stderr,
        )
        return 3


if __name__ == "__main__":
    raise SystemExit(main())
