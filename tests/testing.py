"""Helpers for tests that drive real tools: git repositories, interpreters, prerequisites."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# Read once at import, before fixtures clear tool variables from the environment.
IN_CI = os.environ.get("CI", "").lower() == "true"
ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


def require(condition: object, reason: str) -> None:
    """Skip when a prerequisite is missing, except under CI=true, where that fails loudly."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"prerequisite missing under CI=true: {reason}")
    pytest.skip(reason)


def run(
    *args: str | os.PathLike[str],
    cwd: Path | None = None,
    check: bool = True,
    env: dict[str, str] | None = None,
    timeout: float = 600,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [os.fspath(a) for a in args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=check,
        env=env,
        timeout=timeout,
    )


def git_repo(path: Path, files: dict[str, str | bytes] | None = None) -> Path:
    """A real git repository at `path` with `files` committed."""
    path.mkdir(parents=True, exist_ok=True)
    run("git", "init", "-q", "-b", "main", cwd=path)
    for name, content in (files or {}).items():
        target = path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8", newline="")
    if files:
        run("git", "add", "-A", cwd=path)
        run("git", "commit", "-q", "-m", "initial", cwd=path)
    return path


def script(name: str) -> str:
    """A console script installed next to the interpreter running the tests."""
    return str(VENV_BIN / name)
