"""Hook `adopt-fast-fix-imports`: remove unused imports (Ruff F401) where that is safe, in
the files pre-commit passes. `Fixing <file>` and exit 1 when a file changed.

This is its Python half, the console script `adopt-fast-fix-imports-py`. On POSIX the hook's
entry is the launcher beside it (pre_commit_hooks/adopt-fast-fix-imports, a shell script),
which starts Ruff and this script together and passes Ruff's report on standard input
(`--ruff-report-on-stdin`: Ruff's JSON, then a line with its exit status). Run alone (on
Windows, or given anything the launcher does not pass on), this script runs Ruff itself.

Options (in `args:`): --unsafe, --show-kept. No argparse here: the hook starts on every
commit, and everything but the call to Ruff is imported only when there is work to do."""

from __future__ import annotations

import sys

# Annotations only: `collections.abc` costs the hooks a few ms to import.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

_FLAGS = ("--unsafe", "--show-kept")
_FROM_LAUNCHER = "--ruff-report-on-stdin"


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    report = None
    if _FROM_LAUNCHER in args:
        args.remove(_FROM_LAUNCHER)
        try:
            report = _launcher_report()
        except KeyboardInterrupt:  # Ctrl-C while Ruff ran: as run_guarded says it
            from adopt_fast.errors import EXIT_INTERRUPTED

            print("adopt-fast-fix-imports: interrupted", file=sys.stderr)
            return EXIT_INTERRUPTED
        if report == b"[]":  # the usual commit: no finding at all, nothing more to import
            return 0
        if report is not None:
            from adopt_fast.imports.ruff_f401 import may_need_fixing

            if not may_need_fixing(report):  # findings of other rules only
                return 0
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
    from adopt_fast.errors import run_guarded
    from adopt_fast.imports.engine import fix_imports

    return run_guarded(
        "adopt-fast-fix-imports",
        lambda: fix_imports(
            files,
            unsafe="--unsafe" in args,
            show_kept="--show-kept" in args,
            force_exclude=True,
            ruff_report=report,
        ),
    )


def _launcher_report() -> bytes | None:
    """Ruff's JSON as the launcher passes it, or None when Ruff failed (or its status line is
    missing): Ruff then runs again here, and its error is reported as from any other run."""
    data = sys.stdin.buffer.read().rstrip(b"\n")
    report, _, status = data.rpartition(b"\n")
    return report.strip() if status == b"0" else None


def run() -> None:
    """The console script: `main`, then an exit that skips the interpreter's teardown
    (`errors.exit_at_once`)."""
    code = main()
    from adopt_fast.errors import exit_at_once

    exit_at_once(code)


if __name__ == "__main__":
    run()
