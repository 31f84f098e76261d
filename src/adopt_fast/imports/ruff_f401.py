"""Run the pinned Ruff for F401 (unused import) and read its JSON diagnostics.

Only `os` is imported at module level: the hook imports this module before Ruff
runs, and everything heavier is imported once Ruff's output is there.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from adopt_fast.errors import InputError

# F401 is the rule; E902 turns a file Ruff cannot read (not UTF-8, missing) into a diagnostic
# instead of a warning on stderr, so that adopt-fast can read it itself or report it.
_SELECT = "F401,E902"


def _command(*, force_exclude: bool) -> list[str]:
    from adopt_fast.ruff import find_ruff_bin

    return [
        find_ruff_bin(),
        "check",
        "--select",
        _SELECT,
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


def _run(argv: list[str], stdin: bytes | None, where: str) -> bytes:
    import subprocess

    proc = subprocess.run(argv, input=stdin, capture_output=True, check=False)
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = " ".join(line.strip() for line in message[:3]) or f"exit {proc.returncode}"
        raise InputError(
            where,
            f"Ruff could not check it: {detail}",
            "fix the Ruff configuration or the path Ruff names",
        )
    return proc.stdout


def check_paths(paths: Sequence[str], *, force_exclude: bool = False) -> bytes:
    """Ruff's JSON report (F401, E902, syntax errors) for the files under `paths`, found as
    Ruff itself finds them (its excludes, its config per file)."""
    argv = _command(force_exclude=force_exclude) + ["--", *paths]
    return _run(argv, None, os.getcwd())


def check_source(text: str, filename: str) -> bytes:
    """Ruff's JSON report for `text` as if it were the file `filename` (its config, its name)."""
    argv = _command(force_exclude=False) + ["--stdin-filename", filename, "-"]
    return _run(argv, text.encode("utf-8", "surrogatepass"), filename)
