"""Real virtual environments for tests that need another interpreter or pyston-lite.

adopt-fast is built into a wheel once per test session and installed NON-editable: the JIT shim's
`adopt_fast_jit.pth` must sit in the environment's site-packages, as it does for users. uv (from
the `test` extra) does the work, with the machine's uv cache, so a rebuilt environment costs about
a second. The fixtures that use this live in tests/conftest.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from testing import ROOT, run

# Variables that would leak the developer's own choices into the environments being built.
_BUILD_ENV_CLEARED = (
    "ADOPT_FAST_JIT",
    "ADOPT_FAST_JIT_WARNED",
    "ADOPT_FAST_JIT_REPORT",
    "DISABLE_PYSTON",
    "VIRTUAL_ENV",
    "PYTHONPATH",
    "PIP_REQUIRE_VIRTUALENV",
    "COVERAGE_PROCESS_START",
    "PYTEST_ADDOPTS",
)


@dataclass(frozen=True)
class Venv:
    path: Path
    version: str  # "3.10.13": what the interpreter reported when it was found

    @property
    def python(self) -> str:
        return str(self.bin("python"))

    def bin(self, name: str) -> Path:
        return self.path / ("Scripts" if os.name == "nt" else "bin") / name

    def run(
        self,
        *args: str,
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
        timeout: float = 300,
    ) -> subprocess.CompletedProcess[str]:
        """Run this environment's python with `args` (never raises on a non-zero exit)."""
        return run(self.python, *args, cwd=cwd, check=False, env=env, timeout=timeout)


def build_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _BUILD_ENV_CLEARED}
    env.setdefault("UV_CACHE_DIR", os.path.expanduser("~/.cache/uv"))
    return env


def _uv(*args: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "uv", *args],
        capture_output=True,
        text=True,
        env=build_env(),
        timeout=600,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"uv {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")


def build_wheel(dest: Path) -> Path:
    """adopt-fast's wheel, built from this checkout into `dest`."""
    _uv("build", "--wheel", "--quiet", "--out-dir", str(dest), str(ROOT))
    (wheel,) = dest.glob("adopt_fast-*.whl")
    return wheel


def make_venv(path: Path, python: str, version: str, wheel: Path, extras: str, *more: str) -> Venv:
    """A venv at `path` for `python` with adopt-fast[`extras`] from `wheel` and `more` packages."""
    _uv("venv", "--quiet", "--python", python, str(path))
    venv = Venv(path, version)
    requirement = f"adopt-fast[{extras}] @ {wheel.as_uri()}" if extras else str(wheel)
    _uv("pip", "install", "--quiet", "--python", venv.python, requirement, *more)
    return venv


def make_bare_venv(path: Path, python: str, version: str, *packages: str) -> Venv:
    """A venv at `path` for `python` with only `packages` (no adopt-fast)."""
    _uv("venv", "--quiet", "--python", python, str(path))
    venv = Venv(path, version)
    if packages:
        _uv("pip", "install", "--quiet", "--python", venv.python, *packages)
    return venv
