"""What the `adopt-fast-lint` hook costs over bare `ruff check` with the same configuration.

Fetches a large real tree (Django's sdist from PyPI, pinned), warms Ruff's cache, then times the
hook, installed as pre-commit installs it (_common.installed_hooks), and bare Ruff interleaved in one run (ABBA order per round, so drift hits both alike), on the
whole tree and on one file. Prints the median ratio with a 95% bootstrap interval and the
milliseconds added. Targets (issue: foundation): <= 1.05x on the tree, <= 1.3x on one file; the
one-file figure has a floor of one Python interpreter start, which is printed too.

    .venv/bin/python benchmarks/hook_overhead.py [--rounds 15] [--one-file-rounds 40]
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from _common import (
    CACHE,
    fetch_sdist,
    installed_hooks,
    interleaved_commands,
    overhead_line,
    python_files,
    python_start,
)
from adopt_fast.ruff import find_ruff_bin, profile_path

SDIST = ("Django", "5.1.4")


def fetch_tree() -> Path:
    """Django's unpacked sdist, cached in .bench/ between runs."""
    return fetch_sdist(*SDIST, CACHE)


def report(label: str, hook: list[float], bare: list[float], target: float) -> None:
    print(overhead_line(label, "hook", hook, "bare ruff", bare, target))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--one-file-rounds", type=int, default=40)
    args = parser.parse_args()
    # As a user's commit runs it: installed as pre-commit installs it, writing its bytecode.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    hooks = installed_hooks()
    tree = fetch_tree()
    files = python_files(tree)
    hook = [str(hooks / "adopt-fast-lint")]
    bare = [
        find_ruff_bin(),
        "check",
        "--force-exclude",
        "--config",
        profile_path("recommended"),
        "--cache-dir",
        str(tree / ".ruff_cache"),
    ]
    print(f"tree: {tree.name}, {len(files)} Python files; Ruff config: bundled recommended")
    report("large tree", *interleaved_commands(hook + files, bare + files, tree, args.rounds), 1.05)
    one = ["django/__init__.py"]
    report(
        "one file", *interleaved_commands(hook + one, bare + one, tree, args.one_file_rounds), 1.3
    )
    floor = python_start(tree, args.one_file_rounds, str(hooks / "python"))
    print(
        f"floor: a bare `python -c pass` in the hook's environment takes {floor * 1000:.1f} ms; "
        "any Python entry point costs at least that over the Ruff binary alone."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
