"""Run the pinned Ruff for F401 (unused import) and read its JSON diagnostics, the one place
the fix parses Ruff's output (`diagnostics.parse_diagnostics`).

Only `os` is imported at module level: the hook imports this module before Ruff
runs, and everything heavier is imported once Ruff's output is there.
"""

from __future__ import annotations

import os

from adopt_fast import process
from adopt_fast.errors import InputError
from adopt_fast.ruff import find_ruff_bin

# The hook imports this module on every commit: no `typing` at import (mypy reads a
# module-level TYPE_CHECKING like typing's).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from adopt_fast.imports.diagnostics import Diagnostic

# Ruff decides with the project's own rule selection (select, ignore, extend-ignore,
# per-file-ignores): an import is only removed when the project's `ruff check` reports it as
# F401. E902 is added so that a file Ruff cannot read (not UTF-8, missing) is a diagnostic
# instead of a warning on stderr, which adopt-fast can then read itself or report.
_EXTEND_SELECT = "E902"
# The fast first pass over all the files: F401 alone (every other rule costs time, and its
# findings would fill the JSON: 0.36 s and 4 MB instead of 0.15 s on Django's tree).
_FIRST_PASS_SELECT = "F401,E902"
_FILES_PER_RUN = 1000
_FEW_FILES = 50
# What the fix acts on; every other rule the project selects is dropped from the report.
# ("syntax-error" is what `parse_diagnostics` calls a diagnostic without a code.)
_FIX_RELATED = frozenset({"F401", "E902", "invalid-syntax", "syntax-error"})


# How Ruff's JSON (pretty-printed, as Ruff 0.17 writes it) spells the codes of _FIX_RELATED
# ("syntax-error" stands for a code that is null): inside a JSON string a quote is escaped,
# so a message or a file name cannot spell one of these.
_FIX_RELATED_KEYS = tuple(
    b'"code": null' if code == "syntax-error" else b'"code": "%s"' % code.encode()
    for code in sorted(_FIX_RELATED)
)


def may_need_fixing(report: bytes) -> bool:
    """Whether Ruff's JSON `report` has a diagnostic the fix acts on: False only when it has
    none, decided without parsing it (the hook's launcher passes reports with the findings
    of every rule the project selects)."""
    return any(key in report for key in _FIX_RELATED_KEYS)


def _command(*, force_exclude: bool, first_pass: bool = False) -> list[str]:
    """The Ruff run: with the project's rules (plus E902), or F401 alone for the first pass."""
    select = ["--select", _FIRST_PASS_SELECT] if first_pass else ["--extend-select", _EXTEND_SELECT]
    return [
        find_ruff_bin(),
        "check",
        *select,
        "--output-format",
        "json",
        "--no-cache",
        # The user's `fix = true` must not let Ruff edit files behind adopt-fast's back.
        "--no-fix",
        # A config with `unfixable = ["F401"]` or `fixable = []` (adopt-fast-lint passes
        # `--unfixable F401` itself) makes Ruff leave the fix edits out of its JSON; on the
        # command line `--fixable` wins over both (checked with Ruff 0.17.5;
        # `--config "lint.unfixable = []"` does not bring the edits back).
        "--fixable",
        "F401",
        "--exit-zero",
        # Stable behaviour, whatever the user's `preview` setting.
        "--no-preview",
        *(["--force-exclude"] if force_exclude else []),
    ]


def _run(
    argv: list[str],
    stdin: bytes | None,
    where: str,
    path: str | None = None,
    meanwhile: Iterator[object] | None = None,
) -> list[Diagnostic]:
    """Ruff's F401, E902 and syntax-error diagnostics (`path` names the file of a stdin run;
    `meanwhile`: work done while Ruff runs, see `process.run`)."""
    try:
        proc = process.run(argv, stdin, meanwhile)
    except OSError as e:
        raise InputError(
            where, f"Ruff could not be started: {e}", "reinstall adopt-fast (it ships Ruff)"
        ) from e
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = " ".join(line.strip() for line in message[:3]) or f"exit {proc.returncode}"
        raise InputError(
            where,
            f"Ruff could not check it: {detail}",
            "fix the Ruff configuration or the path Ruff names",
        )
    return _parsed(proc.stdout, path, stdin)


def _parsed(stdout: bytes, path: str | None, stdin: bytes | None) -> list[Diagnostic]:
    """The diagnostics the fix acts on, from Ruff's JSON `stdout`."""
    if stdout.strip() in (b"", b"[]"):  # the usual commit: nothing more to import
        return []
    from adopt_fast.imports.diagnostics import parse_diagnostics

    return [
        _real_name(d)
        for d in parse_diagnostics(stdout, path)
        if d.code in _FIX_RELATED and not _newer_than_target(d, stdin)
    ]


def _newer_than_target(diagnostic: Diagnostic, stdin: bytes | None) -> bool:
    """A syntax error Ruff reports only against the project's target version ("Cannot use
    `match` statement on Python 3.7 (syntax was added in Python 3.10)": attrs's tests, under
    `requires-python = ">=3.7"`), in a file the Python running the fix parses: the fix goes
    on with it. (The target is the project's business: `ruff check`, and the lint hook,
    still report it.) Syntax newer than this Python's still leaves the file unfixed."""
    message = diagnostic.message
    return (
        diagnostic.is_syntax_error
        and message.endswith(")")
        and (
            " (syntax was added in Python " in message
            or " (syntax was removed in Python " in message
        )
        and _parses(diagnostic.path, stdin)
    )


def _parses(path: str, stdin: bytes | None) -> bool:
    """Whether this Python parses the file (or the text given on stdin)."""
    import ast
    import warnings

    try:
        if stdin is None:
            with open(path, "rb") as f:
                stdin = f.read()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SyntaxWarning for old escapes
            compile(stdin, path, "exec", ast.PyCF_ONLY_AST)
    except (OSError, SyntaxError, ValueError):
        return False
    return True


def _real_name(diagnostic: Diagnostic) -> Diagnostic:
    """Ruff writes a file name that is not UTF-8 with U+FFFD in place of the bytes it cannot
    decode; such a name is replaced by the file's real one (found in its folder), so that
    the file can be read and named (as Python spells such names, with surrogate escapes)."""
    shown = diagnostic.path
    if "\ufffd" not in shown or os.path.exists(shown):
        return diagnostic
    folder, base = os.path.split(shown)
    try:
        entries = os.listdir(os.fsencode(folder or "."))
    except OSError:
        return diagnostic
    matches = [e for e in entries if e.decode("utf-8", "replace") == base]
    if len(matches) != 1:
        return diagnostic
    return diagnostic.in_file(os.path.join(folder, os.fsdecode(matches[0])))


def check_paths(
    paths: Sequence[str],
    *,
    force_exclude: bool = False,
    meanwhile: Iterator[object] | None = None,
    made: bytes | None = None,
) -> list[Diagnostic]:
    """Ruff's F401, E902 and syntax-error diagnostics for the files under `paths`, found as
    Ruff itself finds them (its excludes, its config and rule selection per file);
    `meanwhile` is stepped while the first Ruff run runs (`process.run`). `made`: the JSON
    output of that run for a few files, made already (by the hook's launcher, which runs
    the same command)."""
    if len(paths) <= _FEW_FILES and not any(os.path.isdir(p) for p in paths):
        # A commit's few files: one run with the project's own selection costs no more than
        # the F401 pass would, and saves the second run.
        if made is not None:
            return _parsed(made, None, None)
        argv = _command(force_exclude=force_exclude) + ["--", *paths]
        return _run(argv, None, os.getcwd(), meanwhile=meanwhile)
    first = _command(force_exclude=force_exclude, first_pass=True) + ["--", *paths]
    report = _run(first, None, os.getcwd(), meanwhile=meanwhile)
    if not report:  # the usual commit: no unused import anywhere, one quick Ruff run
        return report
    # The files F401 alone names are checked again with the project's own selection, which
    # decides: an F401 that only the first pass reports is one the project does not check.
    named = list(dict.fromkeys(d.path for d in report))
    found = []
    for start in range(0, len(named), _FILES_PER_RUN):  # command lines have a length limit
        argv = _command(force_exclude=force_exclude) + [
            "--",
            *named[start : start + _FILES_PER_RUN],
        ]
        found += _run(argv, None, os.getcwd())
    return found


def check_source(text: str, filename: str) -> list[Diagnostic]:
    """Ruff's diagnostics for `text` as if it were the file `filename` (its config, its name)."""
    argv = _command(force_exclude=False) + ["--stdin-filename", filename, "-"]
    return _run(argv, text.encode("utf-8", "surrogatepass"), filename, filename)
