"""`adopt-fast migrate` on real projects: pinned sdists from PyPI that ship flake8, isort and
black configuration (and, for pytest-cov, flake8/isort/pyupgrade pre-commit hooks)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from adopt_fast.cli import main
from adopt_fast.edits.ruffconfig import unexpected_change
from adopt_fast.migrate.hooks import OLD_HOOKS
from adopt_fast.ruff import find_ruff_bin
from testing import fetch_sdists, snapshot

# name==version -> the files its migration may edit (everything else must stay byte-identical);
# each gets `.ruff_cache/` in its .gitignore (created where the sdist ships none).
PROJECTS = {
    # [flake8] + [tool:isort] in setup.cfg; isort, pyupgrade and flake8 pre-commit hooks.
    "pytest-cov==4.1.0": {"ruff.toml", ".pre-commit-config.yaml", ".gitignore"},
    # flake8 `select` with plugin codes (B, B9, C), [tool.isort] and [tool.black] in pyproject.
    "flake8-bugbear==24.2.6": {"pyproject.toml", ".gitignore"},
    # [flake8] exclude list in setup.cfg, no pyproject.toml.
    "python-dotenv==1.0.1": {"ruff.toml", ".gitignore"},
    # black-compatible [flake8] (E203) and [tool.black] target-version.
    "flake8-comprehensions==3.14.0": {"pyproject.toml", ".gitignore"},
}


@pytest.fixture(scope="session")
def sdists(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The pinned sdists, downloaded and unpacked once per session: spec -> source tree."""
    return fetch_sdists(list(PROJECTS), tmp_path_factory.mktemp("sdists"))


def ruff(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [find_ruff_bin(), *args, "--no-cache", "."],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def check_pre_commit_edit(old: bytes, new: bytes) -> None:
    """Only the old tools' hooks went, the adopt-fast repo came; every comment is kept."""
    old_data, new_data = yaml.safe_load(old), yaml.safe_load(new)
    expected = []
    for repo in old_data["repos"]:
        hooks = [h for h in repo["hooks"] if h["id"] not in OLD_HOOKS]
        if hooks:
            expected.append({**repo, "hooks": hooks})
    assert [r for r in new_data["repos"] if "adopt-fast" not in r["repo"]] == expected
    comments = [line.strip() for line in old.decode().splitlines() if line.strip().startswith("#")]
    assert all(c in new.decode() for c in comments)


@pytest.mark.network
@pytest.mark.parametrize("spec", list(PROJECTS))
def test_real_project_migrates_cleanly(
    sdists: dict[str, Path], tmp_path: Path, spec: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root = Path(shutil.copytree(sdists[spec], tmp_path / "project"))
    before = snapshot(root)
    assert main(["migrate", "--no-measure", str(root)]) == 1
    out = capsys.readouterr().out
    after = snapshot(root)
    changed = {name for name in after if before.get(name) != after[name]}
    assert changed == PROJECTS[spec], out
    for name in changed:
        old, new = before.get(name, b""), after[name]
        if name == ".pre-commit-config.yaml":
            check_pre_commit_edit(old, new)
        elif name == ".gitignore":
            assert new.startswith(old) and new[len(old) :].strip() == b".ruff_cache/"
        else:
            in_pyproject = name.endswith("pyproject.toml")
            assert unexpected_change(old.decode(), new.decode(), in_pyproject=in_pyproject) is None
    lint = ruff(root, "check")
    assert lint.returncode in (0, 1), lint.stderr
    assert lint.stderr == "", lint.stderr  # no warning about the configuration
    fmt = ruff(root, "format", "--check")
    assert fmt.returncode in (0, 1) and "warning" not in fmt.stderr.lower(), fmt.stderr
    assert "is no longer read by the hooks" in out
    assert main(["migrate", "--no-measure", str(root)]) == 0  # idempotent
    assert snapshot(root) == after
    shutil.rmtree(os.path.join(root, ".ruff_cache"), ignore_errors=True)
