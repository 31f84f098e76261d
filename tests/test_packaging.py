"""The distribution: pins agree, hook ids match scripts and modules, README lists every hook,
and this package installs beside pre-commit/pre-commit-hooks (same `pre_commit_hooks` name)."""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

import pytest
import yaml

from adopt_fast.ruff import PINNED_VERSION, find_ruff_bin
from testing import ROOT, require, run

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
HOOK_IDS = [hook["id"] for hook in HOOKS]


def test_ruff_is_pinned_to_one_exact_version_everywhere() -> None:
    pins = [d for d in PYPROJECT["project"]["dependencies"] if d.startswith("ruff")]
    assert pins == [f"ruff=={PINNED_VERSION}"]
    out = run(find_ruff_bin(), "--version").stdout
    assert out.strip() == f"ruff {PINNED_VERSION}"


@pytest.mark.parametrize("hook_id", HOOK_IDS)
def test_hook_id_is_console_script_and_module(hook_id: str) -> None:
    module_name = hook_id.replace("-", "_")
    scripts = PYPROJECT["project"]["scripts"]
    entry = "main"
    script = hook_id
    if hook_id == "adopt-fast-fix-imports":
        # Its entry is a launcher installed as a script; the console script is its Python
        # half, which ends with `run` (main, then an exit without the teardown).
        shared = PYPROJECT["tool"]["hatch"]["build"]["targets"]["wheel"]["shared-scripts"]
        assert shared == {f"pre_commit_hooks/{hook_id}": hook_id}
        entry, script = "run", f"{hook_id}-py"
    assert scripts[script] == f"pre_commit_hooks.{module_name}:{entry}"
    hook = next(h for h in HOOKS if h["id"] == hook_id)
    assert hook["entry"] == hook_id
    module = importlib.import_module(f"pre_commit_hooks.{module_name}")
    assert callable(module.main) and callable(getattr(module, entry))
    assert (ROOT / "pre_commit_hooks" / f"{module_name}.py").is_file()


def test_pre_commit_hooks_is_a_namespace_package() -> None:
    # An __init__.py here would collide with pre-commit-hooks' own (pip would overwrite it,
    # and uninstalling either package would break the other).
    assert not (ROOT / "pre_commit_hooks" / "__init__.py").exists()


def test_readme_names_every_hook() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [hook_id for hook_id in HOOK_IDS if f"`{hook_id}`" not in readme]
    assert not missing, f"hooks not documented in README.md: {missing}"


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    # Before it, only the installation of missing prerequisites (PyPy, Chromium, mermaid).
    command = [
        line for line in ci.splitlines() if line and not line.startswith(("#", "set ", "cd "))
    ]
    assert command[-1].startswith("python3 -m venv .venv"), ci
    assert command[-1] in readme
    assert all("pytest" not in line for line in command[:-1]), (
        "the tests run once, from the README's command"
    )


@pytest.mark.parametrize("order", ["ours-first", "theirs-first"])
def test_installs_beside_pre_commit_hooks(
    tmp_path: Path, adopt_fast_wheel: Path, order: str
) -> None:
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "uv", "venv", "-q", "--python", sys.executable, venv)
    python = venv / "bin" / "python"
    packages = [str(adopt_fast_wheel), "pre-commit-hooks==6.0.0"]
    for package in packages if order == "ours-first" else packages[::-1]:
        proc = run(
            sys.executable,
            "-m",
            "uv",
            "pip",
            "install",
            "-q",
            "--python",
            python,
            package,
            check=False,
        )
        require(proc.returncode == 0, f"cannot install {package} (offline?): {proc.stderr}")
    project = tmp_path / "project"
    project.mkdir()
    (project / "a.py").write_text("import os\n", encoding="utf-8")
    (project / "b.yaml").write_text("a: [1\n", encoding="utf-8")
    bin_dir = venv / "bin"
    theirs = run(bin_dir / "check-yaml", "b.yaml", cwd=project, check=False)
    assert theirs.returncode == 1 and "b.yaml" in theirs.stdout + theirs.stderr
    ours = run(bin_dir / "adopt-fast-lint", "a.py", cwd=project, check=False)
    assert ours.returncode == 1 and "F401" in ours.stdout
    assert run(bin_dir / "adopt-fast-cache-ignore", cwd=project, check=False).returncode == 1
    # Removing pre-commit-hooks must not take our hooks with it.
    run(
        sys.executable, "-m", "uv", "pip", "uninstall", "-q", "--python", python, "pre-commit-hooks"
    )
    ours = run(bin_dir / "adopt-fast-lint", "a.py", cwd=project, check=False)
    assert ours.returncode == 1 and "F401" in ours.stdout


def test_version_and_module_entry_point() -> None:
    from adopt_fast import __version__

    assert PYPROJECT["project"]["version"] == __version__
    out = run(sys.executable, "-m", "adopt_fast", "--version").stdout
    assert re.fullmatch(rf"adopt-fast {re.escape(__version__)}\n", out)


def test_fast_ruff_lookup_agrees_with_ruffs_own() -> None:
    from ruff import find_ruff_bin as ruffs_own

    assert Path(find_ruff_bin()).resolve() == Path(ruffs_own()).resolve()
