"""Check that Ruff's cache stays out of git."""

from __future__ import annotations

import os

from adopt_fast.checks.base import GIT, Check, Failure, Project
from adopt_fast.checks.lintrun import Background
from adopt_fast.edits.gitignore import ENTRY, is_covered
from adopt_fast.edits.textfile import read_text


class CacheIgnored(Check):
    """`.ruff_cache/` is ignored by git."""

    id = "AF003"
    probes = frozenset({GIT})

    def check(self, project: Project) -> Failure | None:
        ignored = git_ignores(project.git_probe)
        if ignored is None:  # git cannot tell: read the root .gitignore instead
            ignored = _gitignore_covers(project.root)
        if ignored:
            return None
        gitignore = os.path.isfile(os.path.join(project.root, ".gitignore"))
        return Failure(
            f"git does not ignore {ENTRY}, so Ruff's cache can be committed",
            f"run `adopt-fast init` (or add `{ENTRY}` to .gitignore)",
            ".gitignore" if gitignore else None,
        )


def git_ignores(probe: Background | None) -> bool | None:
    """Whether the project's own ignore rules make git ignore `path`, or None when git cannot
    tell (not a work tree, or only Ruff's own `.ruff_cache/.gitignore` matched).

    A personal core.excludesFile is left out: it does not protect the other contributors.
    Ruff writes `*` into `.ruff_cache/.gitignore`, which git reports as the match for
    `.ruff_cache/` once the folder exists; that says nothing about the project's rules.
    """
    if probe is None:
        return None
    returncode, out, _ = probe.result()
    if returncode == 1:
        return False
    if returncode != 0:
        return None
    source = out.split(":", 1)[0]
    if source.startswith(ENTRY):
        return None
    return True


def _gitignore_covers(root: str) -> bool:
    path = os.path.join(root, ".gitignore")
    return os.path.isfile(path) and is_covered(read_text(path).text)
