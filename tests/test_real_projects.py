"""`init` and `check` on the pyproject.toml files of real projects (pinned sdists from PyPI).

Their Ruff settings cover the shapes seen in the wild: `extend-select` with plugin tables
(exceptiongroup), `select = ["ALL"]` with format options (filelock), deprecated top-level lint
settings next to a `lint` table (platformdirs), and a lone `select = ["I"]` (pluggy).
"""

from __future__ import annotations

import difflib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from adopt_fast.cli import main
from testing import fetch_sdists, git_repo, run, script

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SDISTS = ["exceptiongroup==1.2.2", "filelock==3.15.4", "platformdirs==4.2.2", "pluggy==1.5.0"]

pytestmark = pytest.mark.network


@pytest.fixture(scope="session")
def sdists(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each project's unpacked sdist, downloaded once per session."""
    trees = fetch_sdists(SDISTS, tmp_path_factory.mktemp("sdists"))
    return {spec.split("==")[0]: tree for spec, tree in trees.items()}


def ruff_json(root: Path) -> subprocess.CompletedProcess[str]:
    return run(
        *(script("ruff"), "check", "--no-cache", "--exit-zero", "--output-format", "json", "."),
        cwd=root,
        check=False,
    )


def ruff_table_lines(text: str) -> set[int]:
    """Indices of the lines inside [tool.ruff] and its sub-tables."""
    inside, lines = False, set()
    for index, line in enumerate(text.splitlines()):
        stripped = line.strip()
        if stripped.startswith("["):
            inside = stripped.replace(" ", "").startswith(("[tool.ruff]", "[tool.ruff."))
        if inside:
            lines.add(index)
    return lines


@pytest.mark.parametrize("name", [spec.split("==")[0] for spec in SDISTS])
def test_init_and_check_on_real_pyproject(
    tmp_path: Path, sdists: dict[str, Path], name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = sdists[name]
    root = tmp_path / name
    shutil.copytree(source, root)
    git_repo(root, {})
    before = (root / "pyproject.toml").read_text(encoding="utf-8")
    own_warnings = ruff_json(root).stderr
    assert main(["init", str(root)]) == 1
    capsys.readouterr()
    after = (root / "pyproject.toml").read_text(encoding="utf-8")
    tomllib.loads(after)
    old, new = before.splitlines(), after.splitlines()
    ruff_lines, new_ruff_lines = ruff_table_lines(before), ruff_table_lines(after)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            touched = set(range(i1, i2))
            assert touched <= ruff_lines, f"changed outside the Ruff tables: {old[i1:i2]}"
        if tag in ("replace", "insert"):  # a blank line may separate a new table from the last
            added = {j for j in range(j1, j2) if new[j].strip()}
            assert added <= new_ruff_lines, f"added outside the Ruff tables: {new[j1:j2]}"
    assert main(["init", str(root)]) == 0
    assert "nothing to change" in capsys.readouterr().out
    lint = ruff_json(root)
    assert lint.returncode == 0, lint.stderr
    # Not even a warning about what init wrote. filelock's own `ignore` names a rule Ruff
    # removed and platformdirs keeps deprecated top-level settings: Ruff warns about those
    # before init too, and init leaves the project's own choices alone.
    assert lint.stderr == ("" if name in ("exceptiongroup", "pluggy") else own_warnings)
    diagnostics = json.loads(lint.stdout)
    proc = run(script("adopt-fast"), "check", "--format", "json", root, check=False)
    assert proc.returncode in (0, 1), proc.stderr
    document = json.loads(proc.stdout)
    checks = {c["id"]: c for c in document["checks"]}
    assert checks["AF001"]["ok"] and checks["AF002"]["ok"] and checks["AF003"]["ok"]
    assert document["lint"]["count"] == len(diagnostics) == len(document["lint"]["violations"])
