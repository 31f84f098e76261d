"""Check that Ruff's cache stays out of git."""

from __future__ import annotations

import os
import subprocess

from adopt_fast.checks import Check, Failure, Project
from adopt_fast.edits.gitignore import ENTRY, is_covered


class CacheIgnored(Check):
    """`.ruff_cache/` is ignored by git."""

    id = "AF003"

    def check(self, project: Project) -> Failure | None:
        ignored = git_ignores(project.root, ENTRY)
        if ignored is None:  # git cannot tell: read the root .gitignore instead
            ignored = _gitignore_covers(project.root)
        if ignored:
            return None
        return Failure(
            f"git does not ignore {ENTRY}, so Ruff's cache can be committed",
            f"run `adopt-fast init` (or add `{ENTRY}` to .gitignore)",
        )


def git_ignores(root: str, path: str) -> bool | None:
    """Whether the project's own ignore rules make git ignore `path`, or None when git cannot
    tell (not a work tree, or only Ruff's own `.ruff_cache/.gitignore` matched).

    A personal core.excludesFile is left out: it does not protect the other contributors.
    Ruff writes `*` into `.ruff_cache/.gitignore`, which git reports as the match for
    `.ruff_cache/` once the folder exists; that says nothing about the project's rules.
    """
    try:
        result = subprocess.run(
            ["git", "-c", "core.excludesFile=", "check-ignore", "-v", "--no-index", path],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError:
        return None
    if result.returncode == 1:
        return False
    if result.returncode != 0:
        return None
    source = result.stdout.split(":", 1)[0]
    if source.startswith(path.rstrip("/") + "/"):
        return None
    return True


def _gitignore_covers(root: str) -> bool:
    from adopt_fast.edits.textfile import read_text

    path = os.path.join(root, ".gitignore")
    return os.path.isfile(path) and is_covered(read_text(path).text)
