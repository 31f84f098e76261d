"""The old chain (flake8, isort, black, pyupgrade, autoflake) and the new one, as commands.

The old tools are found where the project has them (PATH, the project's .venv) or, with
`--measure`, installed into a temporary environment at the versions the pre-commit config pins.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass

from adopt_fast.errors import InputError
from adopt_fast.interpreters import find_uv
from adopt_fast.migrate.measure import SKIPPED, Chain, Step
from adopt_fast.migrate.translate import Project
from adopt_fast.ruff import find_ruff_bin

TOOLS = ("flake8", "isort", "black", "pyupgrade", "autoflake")
# Hook args that make a tool write files; timing uses check modes instead.
WRITE_ARGS = frozenset({"-i", "--in-place", "--write-changes"})


@dataclass(frozen=True)
class OldTools:
    """The executables of the old tools this project uses (tool -> path)."""

    paths: dict[str, str]
    installed_by_us: bool = False


def used_tools(project: Project) -> list[str]:
    used = {h.tool for h in project.old_hooks}
    used |= {"flake8"} if project.flake8 else set()
    used |= {"isort"} if project.isort else set()
    used |= {"black"} if project.black else set()
    return [t for t in TOOLS if t in used]


def find_installed(project: Project) -> OldTools | None:
    """The old tools on PATH or in the project's own virtual environment; None when one is
    missing (timing only part of the chain would flatter Ruff)."""
    folders = [os.path.join(project.root, v, "bin") for v in (".venv", "venv")]
    search = os.pathsep.join([*folders, os.environ.get("PATH", "")])
    paths = {t: shutil.which(t, path=search) for t in used_tools(project)}
    if not paths or not all(paths.values()):
        return None
    return OldTools({t: p for t, p in paths.items() if p})


def _pinned(name: str, rev: str) -> str:
    version = rev.strip().removeprefix("v")
    return f"{name}=={version}" if re.fullmatch(r"\d+(\.\d+)*", version) else name


def requirements(project: Project) -> list[str]:
    """What to install: each tool at its hook's rev, plus the flake8 hook's plugins."""
    wanted: list[str] = []
    for tool in used_tools(project):
        hook = project.hook(tool)
        wanted.append(_pinned(tool, hook.rev) if hook else tool)
        if hook and tool == "flake8":
            wanted += hook.additional_dependencies
    return wanted


def install_old_tools(project: Project, target: str) -> OldTools:
    """A fresh environment at `target` with the old tools (uv when available, else pip)."""
    python = os.path.join(target, "bin", "python")
    uv = find_uv()
    specs = requirements(project)
    commands = (
        [
            [uv, "venv", "--quiet", "--python", sys.executable, target],
            [uv, "pip", "install", "--quiet", "--python", python, *specs],
        ]
        if uv
        else [
            [sys.executable, "-m", "venv", target],
            [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *specs],
        ]
    )
    for argv in commands:
        done = subprocess.run(argv, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            last = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
            raise InputError(
                project.root,
                f"could not install the old tools ({' '.join(specs)}): {last[0]}",
                "check the network, or install them yourself and rerun without --measure",
            )
    return OldTools({t: os.path.join(target, "bin", t) for t in used_tools(project)}, True)


def _check_args(args: list[str]) -> list[str]:
    return [a for a in args if a not in WRITE_ARGS]


def python_files(copy: str) -> list[str]:
    found = []
    for folder, dirs, files in os.walk(copy):
        dirs[:] = [d for d in dirs if d not in SKIPPED and not d.startswith(".")]
        found += [
            os.path.relpath(os.path.join(folder, f), copy)
            for f in files
            if f.endswith((".py", ".pyi"))
        ]
    return sorted(found)


def old_chain(project: Project, tools: OldTools, copy: str) -> Chain:
    """Each tool in check mode (pyupgrade has none: it rewrites the copy)."""
    steps: list[Step] = []
    for tool, path in tools.paths.items():
        hook = project.hook(tool)
        args = _check_args(hook.args if hook else [])
        argv = {
            "flake8": [path, *args, "."],
            "isort": [path, "--check-only", "--quiet", *args, "."],
            "black": [path, "--check", "--quiet", *args, "."],
            "pyupgrade": [path, *args, *python_files(copy)],
            "autoflake": [path, "--check", "--recursive", *args, "."],
        }[tool]
        steps.append(Step(tool, tuple(argv)))
    # black keeps a cache; its location is moved into the copy so "cold" really is cold.
    return Chain(
        "old chain",
        tuple(steps),
        caches=(".black-cache",),
        env={"BLACK_CACHE_DIR": os.path.join(copy, ".black-cache")},
    )


def ruff_chain(copy: str, *, formatter: bool = True) -> Chain:
    """`ruff check`, and `ruff format --check` when the old chain had a formatter (black):
    the new chain does the same jobs as the old one, no more."""
    ruff = find_ruff_bin()
    steps = [Step("ruff check", (ruff, "check", "--no-fix", "--quiet", "."))]
    if formatter:
        steps.append(Step("ruff format", (ruff, "format", "--check", "--quiet", ".")))
    return Chain(
        "ruff",
        tuple(steps),
        caches=(".ruff_cache",),
        env={"RUFF_CACHE_DIR": os.path.join(copy, ".ruff_cache")},
    )
