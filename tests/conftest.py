"""Shared fixtures: guards against writing outside tmp_path, and deterministic environments."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis.configuration import set_hypothesis_home_dir

from adopt_fast.interpreters import find
from testing import IN_CI, require
from venvs import Venv, build_wheel, make_venv

# Variables that change tools' output (colour, CI annotations) or point them at the user's
# own caches and configuration.
_CLEARED = (
    "FORCE_COLOR",
    "NO_COLOR",
    "CLICOLOR_FORCE",
    "GITHUB_ACTIONS",
    "GITHUB_WORKSPACE",
    "GITHUB_STEP_SUMMARY",
    "GITHUB_OUTPUT",
    "RUFF_CACHE_DIR",
    "RUFF_OUTPUT_FORMAT",
    "ADOPT_FAST_JIT",
    "ADOPT_FAST_JIT_WARNED",
    "ADOPT_FAST_JIT_REPORT",
    "DISABLE_PYSTON",
    "PRE_COMMIT",
    "PYTEST_ADDOPTS",
    # This suite under xdist: a pytest a test starts is not that worker.
    "PYTEST_XDIST_WORKER",
    "PYTEST_XDIST_WORKER_COUNT",
    "PYTEST_XDIST_TESTRUNUID",
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
)


# pip's and uv's download caches are kept (resolved now, before HOME is replaced) so that the
# many real installs in this suite stay fast; everything else a tool writes goes under tmp.
_PIP_CACHE_DIR = os.environ.get("PIP_CACHE_DIR", os.path.expanduser("~/.cache/pip"))
_UV_CACHE_DIR = os.environ.get("UV_CACHE_DIR", os.path.expanduser("~/.cache/uv"))
# The machine's interpreters stay findable (adopt_fast.interpreters looks in ~/.pyenv).
_PYENV_ROOT = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")


_HYPOTHESIS_HOME = pytest.StashKey[str]()


def pytest_configure(config: pytest.Config) -> None:
    """Hypothesis keeps its example database and caches under tmp, not in the checkout."""
    home = tempfile.mkdtemp(prefix="adopt-fast-hypothesis-")
    config.stash[_HYPOTHESIS_HOME] = home
    set_hypothesis_home_dir(home)


def pytest_unconfigure(config: pytest.Config) -> None:
    """The run leaves no Hypothesis folder behind in tmp."""
    home = config.stash.get(_HYPOTHESIS_HOME, None)
    if home is not None:
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture(autouse=True)
def _isolated_env(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, pre_commit_home: Path
) -> Iterator[None]:
    """A home directory that is not the user's, and no inherited tool settings."""
    for name in _CLEARED:
        monkeypatch.delenv(name, raising=False)
    home = tmp_path / "_home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("PRE_COMMIT_HOME", str(pre_commit_home))
    for key, value in {
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.com",
    }.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("PIP_CACHE_DIR", _PIP_CACHE_DIR)
    monkeypatch.setenv("UV_CACHE_DIR", _UV_CACHE_DIR)
    if os.path.isdir(_PYENV_ROOT):
        monkeypatch.setenv("PYENV_ROOT", _PYENV_ROOT)
    yield


@pytest.fixture(scope="session")
def adopt_fast_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """adopt-fast built from this checkout, once per session (installed non-editable)."""
    return build_wheel(tmp_path_factory.mktemp("wheel"))


def _venv_for(
    version: str, tmp_path_factory: pytest.TempPathFactory, wheel: Path, extras: str, *more: str
) -> Venv:
    interpreter = find(version)
    require(
        interpreter,
        f"no working CPython {version} on this machine (looked at python{version} "
        "on PATH and ~/.pyenv/versions; install one, e.g. `uv python install "
        f"{version}`)",
    )
    assert interpreter is not None
    path = tmp_path_factory.mktemp(f"venv-{version}-{extras.replace(',', '-') or 'bare'}")
    return make_venv(
        path, interpreter.path, ".".join(map(str, interpreter.version)), wheel, extras, *more
    )


@pytest.fixture(scope="session")
def py310_pyston_venv(tmp_path_factory: pytest.TempPathFactory, adopt_fast_wheel: Path) -> Venv:
    """CPython 3.10 + adopt-fast[pyston,test] (real pyston-lite), plus msgpack, a compiled package."""
    return _venv_for("3.10", tmp_path_factory, adopt_fast_wheel, "pyston,test", "msgpack")


@pytest.fixture(scope="session")
def py310_plain_venv(tmp_path_factory: pytest.TempPathFactory, adopt_fast_wheel: Path) -> Venv:
    """CPython 3.10 + adopt-fast[test], without pyston-lite."""
    return _venv_for("3.10", tmp_path_factory, adopt_fast_wheel, "test")


@pytest.fixture(scope="session")
def py312_venv(tmp_path_factory: pytest.TempPathFactory, adopt_fast_wheel: Path) -> Venv:
    """CPython 3.12 + adopt-fast[pyston,test]: the extra installs nothing there (no wheels)."""
    return _venv_for("3.12", tmp_path_factory, adopt_fast_wheel, "pyston,test")


def pytest_report_header() -> str:
    return (
        f"adopt-fast tests: CI={'true' if IN_CI else 'false'} (missing prerequisites "
        f"{'fail' if IN_CI else 'skip'})"
    )
