"""The fix of unused imports, end to end: Ruff's report, the plan, the write (or the diff, or
the verified write), and what was done. `adopt-fast fix`, the `adopt-fast-fix-imports` hook
and `adopt-fast-lint --fix` all call `fix_imports`.

Exit codes: 0 nothing changed, 1 files changed (or would change, with --diff; with --verify,
a file changed and its tests still pass), 2 a file could not be processed (the others still are).
Module-level imports stay light: the hook imports this module before Ruff runs.
"""

from __future__ import annotations

import gc
import os

from adopt_fast.errors import EXIT_FINDINGS, EXIT_INPUT_ERROR, EXIT_OK, InputError
from adopt_fast.imports.output import say

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence


def _symlinked_files(paths: Sequence[str]) -> tuple[list[str], list[InputError]]:
    """Symbolic links to files are not edited (like pre-commit, which never passes them to a
    Python hook); Ruff walks folders itself and links found there are reported per file."""
    targets, errors = [], []
    for path in paths:
        if os.path.islink(path) and not os.path.isdir(path):
            errors.append(
                InputError(
                    path,
                    "is a symbolic link; not editing through it",
                    f"run on its target {os.path.realpath(path)} instead",
                )
            )
        elif os.path.exists(path) and not (os.path.isfile(path) or os.path.isdir(path)):
            # A FIFO or a device: Ruff would block reading it, forever.
            errors.append(
                InputError(
                    path, "is not a regular file (a FIFO, socket or device)", "pass files only"
                )
            )
        else:
            targets.append(path)
    return targets, errors


# What the fix imports once Ruff has reported an unused import, dependencies first, in steps
# of a millisecond or a few, imported while Ruff runs (`process.run`'s `meanwhile`): a commit
# with an import to remove then waits for less of it after Ruff, and one with nothing to fix
# at most for the step under way when Ruff is done. (The word index is not begun there: its
# child process, beside Ruff and this one on two cores, made Ruff itself slower.)
_AHEAD = (
    "functools",
    "enum",
    "re",
    "json",
    "adopt_fast.imports.diagnostics",
    "adopt_fast.imports.project",
    "adopt_fast.imports.wordindex",
    "_ast",
    "warnings",
    "adopt_fast.edits.textfile",
    "adopt_fast.edits.change",
    "adopt_fast.imports.facts",
    "adopt_fast.imports.scopes",
    "adopt_fast.imports.source_edits",
    "adopt_fast.imports.policy",
    "adopt_fast.imports.comments",
    "zlib",
    "adopt_fast.imports.cache",
    "adopt_fast.imports.findable",
    "adopt_fast.imports.frameworks",
    "adopt_fast.imports.usage",
    "adopt_fast.imports.repository",
    "adopt_fast.imports.plan",
    "adopt_fast.imports.fixrun",
)


def _imported_ahead() -> Iterator[None]:
    for name in _AHEAD:
        __import__(name)
        yield None


def fix_imports(
    paths: Sequence[str],
    *,
    diff: bool = False,
    unsafe: bool = False,
    show_kept: bool = False,
    force_exclude: bool = False,
    verify_command: Sequence[str] | None = None,
    count_kept: bool = True,
    ruff_report: bytes | None = None,
) -> int:
    """Fix the unused imports under `paths`; `verify_command` turns on --verify. Without
    `count_kept`, the line counting the imports kept is left out (the lint hook's fix: the
    fix-imports hook, which runs before it, has already said it). `ruff_report`: the JSON of
    the Ruff run that `ruff_f401.check_paths` would make first, made already (by the hook's
    launcher).

    The cyclic garbage collector is off meanwhile: the fix makes many objects and few cycles
    (reference counting frees its syntax trees), and the collections that the allocations
    set off cost a third of a whole-tree run and 10 ms or more of a commit's."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _fix_imports(
            paths,
            diff=diff,
            unsafe=unsafe,
            show_kept=show_kept,
            force_exclude=force_exclude,
            verify_command=verify_command,
            count_kept=count_kept,
            ruff_report=ruff_report,
        )
    finally:
        if enabled:
            gc.enable()


def _fix_imports(
    paths: Sequence[str],
    *,
    diff: bool,
    unsafe: bool,
    show_kept: bool,
    force_exclude: bool,
    verify_command: Sequence[str] | None,
    count_kept: bool,
    ruff_report: bytes | None,
) -> int:
    targets, errors = _symlinked_files(paths or ["."])
    for error in errors:
        say(str(error))
    if not targets:
        return EXIT_INPUT_ERROR if errors else EXIT_OK
    from adopt_fast.imports.ruff_f401 import check_paths

    report = check_paths(
        targets, force_exclude=force_exclude, meanwhile=_imported_ahead(), made=ruff_report
    )
    if not report:  # the usual commit: nothing to plan, nothing more to import
        return EXIT_INPUT_ERROR if errors else EXIT_OK
    from adopt_fast.imports.diagnostics import UNUSED_IMPORT
    from adopt_fast.imports.wordindex import begin_around

    # The repository's index is checked (by a child process, on a large one) while the
    # planning half of the fix is imported.
    unused = list(dict.fromkeys(d.path for d in report if d.code == UNUSED_IMPORT))
    begun = begin_around(unused) if unused else None
    from adopt_fast.imports.fixrun import FixRun

    try:
        run = FixRun.plan(report, unsafe=unsafe, begun=begun)
    finally:
        if begun is not None and begun[2] is not None:
            begun[2].close()  # a check no query took (no file could be planned)
    if diff:
        run.print_diffs()
    elif verify_command is not None:
        if not run.verify(verify_command):
            return EXIT_INPUT_ERROR
    else:
        run.write()
    run.print_summary(show_kept=show_kept, count_kept=count_kept)
    if errors or run.errors:
        return EXIT_INPUT_ERROR
    # 1 only when a file changed: a --verify run that put every change back wrote nothing.
    return EXIT_FINDINGS if run.changed else EXIT_OK
