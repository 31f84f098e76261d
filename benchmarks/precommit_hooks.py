"""The fix-imports hook as users see it: `pre-commit run` of adopt-fast's hook against
`pre-commit run` of astral-sh/ruff-pre-commit's `ruff-check --select F401`, on one file of a
large real tree (Django's sdist, fixed once and made a git repository, as fix_hook_overhead.py
makes it).

ruff-pre-commit is rebuilt here from its own files at commit e602328: its
.pre-commit-hooks.yaml as it is, and its pyproject.toml with the Ruff pin set to adopt-fast's,
so that both hooks run the same Ruff. adopt-fast's hooks come from this checkout's HEAD (commit
first to measure a change). Both are installed by real pre-commit, into a PRE_COMMIT_HOME in
.bench/. The two commands are timed interleaved, round by round, in one run:
- nothing to fix (django/__init__.py);
- an import to remove (`import textwrap` added to django/utils/functional.py; both commands
  first restore that file with the same `cp`). ruff-check is given `--fix` here: Ruff's own
  fix removes the import too.
Printed: both medians and what adopt-fast's hook adds per round, with the order-statistic
interval of its median. There is no target: the targets are fix_hook_overhead.py's, on the
hooks without pre-commit's own start, which both commands here include.

    .venv/bin/python benchmarks/precommit_hooks.py [--rounds 21]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from _common import BIN, CACHE, ROOT, interleaved_commands
from adopt_fast.ruff import PINNED_VERSION
from adopt_fast.stats import median_interval
from fix_hook_overhead import CHANGED, CLEAN, fixed_copy, restoring, with_unused_import
from hook_overhead import fetch_tree

RUFF_PRE_COMMIT = "e602328"
# astral-sh/ruff-pre-commit's .pre-commit-hooks.yaml at RUFF_PRE_COMMIT: the hook timed here.
RUFF_HOOK = """\
- id: ruff-check
  name: ruff check
  description: "Run 'ruff check' for extremely fast Python linting"
  entry: ruff check --force-exclude
  language: python
  types_or: [python, pyi, jupyter]
  args: []
  require_serial: true
  additional_dependencies: []
  minimum_pre_commit_version: "2.9.2"
"""
RUFF_PYPROJECT = f"""\
[project]
name = "ruff-pre-commit"
version = "0.0.0"
dependencies = [
    "ruff=={PINNED_VERSION}",
]
"""
GIT = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]


def ruff_pre_commit() -> Path:
    """The ruff-pre-commit repository, rebuilt as a git repository in .bench/."""
    repo = CACHE / f"ruff-pre-commit-{RUFF_PRE_COMMIT}-ruff-{PINNED_VERSION}"
    if not (repo / ".git").is_dir():
        shutil.rmtree(repo, ignore_errors=True)
        repo.mkdir(parents=True)
        (repo / ".pre-commit-hooks.yaml").write_text(RUFF_HOOK, encoding="utf-8")
        (repo / "pyproject.toml").write_text(RUFF_PYPROJECT, encoding="utf-8")
        subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
        subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
        subprocess.run([*GIT, "commit", "-q", "-m", "ruff-pre-commit"], cwd=repo, check=True)
    return repo


def config(fix: bool) -> Path:
    """A pre-commit config with both hooks (`ruff-check` with or without `--fix`)."""
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    ruff = ruff_pre_commit()
    args = '["--select", "F401", "--fix"]' if fix else '["--select", "F401"]'
    path = CACHE / f"precommit-config-{'fix' if fix else 'check'}.yaml"
    path.write_text(
        f"repos:\n-   repo: {ROOT}\n    rev: {head}\n    hooks:\n"
        "    -   id: adopt-fast-fix-imports\n"
        f"-   repo: {ruff}\n    rev: HEAD\n    hooks:\n"
        f"    -   id: ruff-check\n        args: {args}\n",
        encoding="utf-8",
    )
    return path


def command(cfg: Path, hook: str, file: str) -> list[str]:
    return [str(BIN / "pre-commit"), "run", "-c", str(cfg), hook, "--files", file]


def compare(label: str, ours: list[str], theirs: list[str], tree: Path, rounds: int) -> None:
    subprocess.run(theirs, cwd=tree, capture_output=True, check=False)  # installs its env
    mine, other = interleaved_commands(ours, theirs, tree, rounds)
    extra = [(a - b) * 1000 for a, b in zip(mine, other, strict=True)]
    (low, high), coverage = median_interval(extra)
    print(
        f"{label}: `pre-commit run adopt-fast-fix-imports` "
        f"{statistics.median(mine) * 1000:.1f} ms, ruff-pre-commit's `ruff-check` "
        f"{statistics.median(other) * 1000:.1f} ms (medians of {rounds} rounds); adopt-fast "
        f"adds {statistics.median(extra):+.1f} ms ({coverage:.0%} CI {low:+.1f} to {high:+.1f})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=21)
    args = parser.parse_args()
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PRE_COMMIT_HOME"] = str(CACHE / "pre-commit-home")
    if not (BIN / "pre-commit").exists():
        print(f"no pre-commit in {BIN}: pip install -e '.[test]'", file=sys.stderr)
        return 2
    tree = fixed_copy(fetch_tree())
    check = config(fix=False)
    ours = command(check, "adopt-fast-fix-imports", CLEAN)
    result = subprocess.run(ours, cwd=tree, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        print(f"the hook failed on {CLEAN}: {result.stdout[-300:]}", file=sys.stderr)
        return 2
    compare("nothing to fix", ours, command(check, "ruff-check", CLEAN), tree, args.rounds)
    fix = config(fix=True)
    saved = with_unused_import(tree)
    try:
        ours = restoring(saved, command(fix, "adopt-fast-fix-imports", CHANGED))
        theirs = restoring(saved, command(fix, "ruff-check", CHANGED))
        for argv, sign in ((ours, f"Fixing {CHANGED}"), (theirs, "1 fixed")):
            out = subprocess.run(argv, cwd=tree, capture_output=True, text=True, check=False)
            if out.returncode != 1 or sign not in out.stdout:
                print(f"{argv[-1]}: no fix ({sign!r}): {out.stdout[-300:]}", file=sys.stderr)
                return 2
        compare("an import to remove", ours, theirs, tree, args.rounds)
    finally:
        subprocess.run(["git", "checkout", "-q", "--", CHANGED], cwd=tree, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
