"""The layers of README's "Layout", enforced: import-linter's contracts in pyproject.toml
(cli -> commands and hooks -> cores -> edits -> leaves, no cycles), and imports inside
functions only where start-up time is measured."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = str(Path(sys.executable).parent / "lint-imports")

# Where an import may wait until a function runs: the hook entry points and the JIT's start-up
# (each start is measured: tests/test_lint_hook.py, tests/test_fix_hook.py, tests/test_jit_shim.py).
LAZY_ALLOWED = {
    "pre_commit_hooks/adopt_fast_fix_imports.py",
    "pre_commit_hooks/adopt_fast_lint.py",
    "src/adopt_fast/jit/boot.py",  # runs from a .pth file in every Python process
    "src/adopt_fast/jit/probe.py",  # run as a script in the interpreter asked about
    # On the lint hook's path (ruff.hook_argv reads [tool.adopt-fast]): the file readers only
    # once there is a file to read.
    "src/adopt_fast/settings.py",
    # On the fix hook's path (benchmarks/fix_hook_overhead.py; tests/test_fix_hook.py guards
    # its imports): the planning machinery only once Ruff reports an unused import (engine,
    # ruff_f401's JSON reader), --verify's only for --verify (fixrun), the module finder's
    # importlib and glob only for a module found nowhere else (findable), the diff only for
    # --diff, fnmatch only for a framework's rare wildcard (frameworks), `ast` itself only to
    # show a statement in a reason (repository; the hot path has `_ast`'s node classes).
    "src/adopt_fast/edits/change.py",
    "src/adopt_fast/edits/textfile.py",
    "src/adopt_fast/imports/engine.py",
    "src/adopt_fast/imports/findable.py",
    "src/adopt_fast/imports/fixrun.py",
    "src/adopt_fast/imports/frameworks.py",
    "src/adopt_fast/imports/repository.py",
    "src/adopt_fast/imports/ruff_f401.py",
    # flake8's per-file-ignores: configparser and fnmatch only for a config that has them.
    "src/adopt_fast/flake8_ignores.py",
    # subprocess only where posix_spawn is missing (Windows): the hooks spawn with it.
    "src/adopt_fast/process.py",
    # Imported by every hook start (tests/test_lint_hook.py): TOML, regexes and subprocess
    # only on the paths that need them.
    "src/adopt_fast/ruff.py",
    # Each subcommand's module once its options are parsed (`adopt-fast --version` 0.09 s,
    # not 0.35 s; `check`'s start is timed by benchmarks/check_overhead.py).
    "src/adopt_fast/cli.py",
}
LAZY_BEING_MOVED: set[str] = set()


def lint_imports(cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [LINT_IMPORTS, "--no-cache"], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def test_the_contracts_hold() -> None:
    proc = lint_imports(ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Contracts: 2 kept, 0 broken." in proc.stdout


def test_every_module_has_a_layer() -> None:
    # A module in no layer is in no contract: its imports would go unchecked.
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (layers,) = [c["layers"] for c in config["tool"]["importlinter"]["contracts"] if "layers" in c]
    named = {name for layer in layers for name in re.split(r"\s*[|:]\s*", layer)}
    package = ROOT / "src" / "adopt_fast"
    children = {
        f"adopt_fast.{path.stem}"
        for path in package.iterdir()
        if (path.suffix == ".py" and path.stem != "__init__") or (path / "__init__.py").is_file()
    }
    assert children | {"pre_commit_hooks"} == named


def _copy(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """The packages and pyproject.toml in `tmp_path`, and an environment that imports them
    from there."""
    shutil.copytree(ROOT / "src" / "adopt_fast", tmp_path / "src" / "adopt_fast")
    shutil.copytree(ROOT / "pre_commit_hooks", tmp_path / "pre_commit_hooks")
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path / "src"), str(tmp_path)])}
    return tmp_path / "src" / "adopt_fast", env


@pytest.mark.parametrize(
    ("module", "code", "expected"),
    [
        pytest.param(
            "errors.py",
            "\n\ndef _upward() -> None:\n    from adopt_fast.cli import main  # noqa\n",
            "adopt_fast.errors -> adopt_fast.cli",
            id="a leaf imports the cli inside a function",
        ),
        pytest.param(
            "bench/verdict.py",
            "\n\ndef _sideways() -> None:\n    from adopt_fast.checks import base  # noqa\n",
            "adopt_fast.bench.verdict -> adopt_fast.checks.base",
            id="a core imports another core",
        ),
        pytest.param(
            "edits/tomllines.py",
            "\n\ndef _cycle() -> None:\n    from adopt_fast.edits import tomlrender  # noqa\n",
            "No cycles are allowed in adopt_fast.edits",
            id="a cycle inside a function",
        ),
    ],
)
def test_a_violation_inside_a_function_breaks_a_contract(
    tmp_path: Path, module: str, code: str, expected: str
) -> None:
    package, env = _copy(tmp_path)
    with open(package / module, "a", encoding="utf-8") as f:
        f.write(code)
    proc = lint_imports(tmp_path, env)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert expected in proc.stdout, proc.stdout


def _function_level_imports(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return sorted(
        {
            node.lineno
            for function in ast.walk(tree)
            if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef))
            for node in ast.walk(function)
            if isinstance(node, (ast.Import, ast.ImportFrom))
        }
    )


def test_imports_wait_for_a_function_only_where_start_up_is_measured() -> None:
    files = [
        *(ROOT / "src" / "adopt_fast").rglob("*.py"),
        *(ROOT / "pre_commit_hooks").glob("*.py"),
    ]
    lazy = {
        str(path.relative_to(ROOT)): lines
        for path in files
        if (lines := _function_level_imports(path))
    }
    unexpected = {
        path: lines for path, lines in lazy.items() if path not in LAZY_ALLOWED | LAZY_BEING_MOVED
    }
    assert not unexpected, f"import these at the top of the module: {unexpected}"
    # A file that no longer needs its exemption loses it, so the list stays true.
    assert LAZY_ALLOWED <= set(lazy), LAZY_ALLOWED - set(lazy)
