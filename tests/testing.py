"""Helpers for tests that drive real tools: git repositories, interpreters, prerequisites."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tarfile
from collections.abc import Sequence
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
    write_files(path, files or {})
    if files:
        run("git", "add", "-A", cwd=path)
        run("git", "commit", "-q", "-m", "initial", cwd=path)
    return path


def try_repo(repo: Path, hook: str, *extra: str) -> tuple[int, str]:
    """`pre-commit try-repo` of this checkout's `hook` on all files of `repo`: exit, output."""
    proc = run(
        script("pre-commit"),
        "try-repo",
        ROOT,
        hook,
        "--all-files",
        "--color=never",
        *extra,
        cwd=repo,
        check=False,
    )
    return proc.returncode, proc.stdout + proc.stderr


def run_hook_with_args(repo: Path, hook: str, args: list[str]) -> subprocess.CompletedProcess[str]:
    """`pre-commit run --all-files` of this checkout's `hook` with `args`, every file of `repo`
    staged: try-repo cannot pass hook args, so a config points at this checkout instead."""
    run("git", "add", "-A", cwd=repo)
    config = repo / "try-config.yaml"
    config.write_text(
        f"repos:\n-   repo: {ROOT}\n    rev: HEAD\n    hooks:\n    -   id: {hook}\n"
        f"        args: {args!r}\n".replace("'", '"'),
        encoding="utf-8",
    )
    return run(
        script("pre-commit"),
        "run",
        "--all-files",
        "-c",
        config,
        "--color=never",
        cwd=repo,
        check=False,
    )


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    """Write `files` (path relative to `root` -> content) byte for byte: str without newline
    translation, so CRLF and BOM in test data reach the disk as written."""
    for name, content in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8", newline="")


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file below `root` (but Ruff's cache) -> its bytes, to compare before and after."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".ruff_cache" not in p.parts
    }


def script(name: str) -> str:
    """A console script installed next to the interpreter running the tests."""
    return str(VENV_BIN / name)


def fetch_sdists(
    specs: Sequence[str],
    dest: Path,
    *,
    python: str | os.PathLike[str] = sys.executable,
    build_isolation: bool = True,
) -> dict[str, Path]:
    """Pinned sdists (`name==version`) from PyPI, unpacked below `dest`: spec -> source tree.

    One `pip download` for all of them; sdists only for these names, wheels for their build
    backends. Offline, the test skips (fails under CI=true). `python` is the interpreter whose
    pip runs; with `build_isolation=False` the build backends must be installed there already.
    """
    archives = dest / "archives"
    names = ",".join(spec.split("==")[0] for spec in specs)
    isolation = () if build_isolation else ("--no-build-isolation",)
    proc = run(
        python,
        *("-m", "pip", "download", "-q", "--no-deps", "--no-binary", names, *isolation),
        *("-d", archives, *specs),
        check=False,
        timeout=300,
    )
    last = (proc.stderr.strip().splitlines() or ["pip download failed"])[-1]
    require(proc.returncode == 0, f"cannot download {', '.join(specs)} from PyPI: {last}")
    return {spec: unpack_sdist(_archive(archives, spec), dest) for spec in specs}


def _archive(folder: Path, spec: str) -> Path:
    """The sdist of `spec` in `folder`, however its file spells the name (PEP 625)."""
    name, version = spec.split("==")
    for path in folder.iterdir():
        stem, _, rest = path.name.rpartition("-")
        if _canonical(stem) == _canonical(name) and rest == f"{version}.tar.gz":
            return path
    raise FileNotFoundError(f"no sdist of {spec} in {folder}")


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def unpack_sdist(archive: Path, dest: Path) -> Path:
    """Unpack `archive` into `dest`; the sdist's top folder."""
    with tarfile.open(archive) as tar:
        top = tar.getnames()[0].split("/")[0]
        if hasattr(tarfile, "data_filter"):
            tar.extractall(dest, filter="data")
        else:  # pragma: no cover - the data filter arrived in 3.12 (and 3.10.12, 3.11.4)
            tar.extractall(dest)
    return dest / top
