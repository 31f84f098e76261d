"""`adopt-fast init`: what it writes, --diff, idempotence, and bad input left untouched."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
import yaml

from adopt_fast import __version__
from adopt_fast.cli import main
from adopt_fast.edits.precommit import HOOKS_REPO
from testing import run, script, write_files

PYPROJECT = """\
# my project
[project]
name = "demo"   # keep this comment
version = "1.0"

[tool.ruff]
line-length = 120  # ours
[tool.ruff.lint]
select = ["E", "F"]
ignore = ["B"]  # we do not want bugbear

[tool.mypy]
strict = true
"""
PRE_COMMIT = """\
# hooks
repos:
-   repo: https://github.com/pre-commit/pre-commit-hooks
    rev: v5.0.0  # pinned
    hooks:
    -   id: trailing-whitespace
"""


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "_home" not in p.parts
    }


def in_order(old: list[str], new: list[str]) -> bool:
    """Every line of `old` is in `new`, in the same order."""
    lines = iter(new)
    return all(line in lines for line in old)


def test_init_merges_and_second_run_is_a_no_op(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_files(tmp_path, {"pyproject.toml": PYPROJECT, ".pre-commit-config.yaml": PRE_COMMIT})
    assert main(["init", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "updated pyproject.toml" in out
    assert "created .gitignore" in out
    text = (tmp_path / "pyproject.toml").read_text()
    extended = 'ignore = ["B"]  # we do not want bugbear'
    assert in_order([x for x in PYPROJECT.splitlines() if x != extended], text.splitlines())
    assert 'ignore = ["B", "W191"]  # we do not want bugbear\n' in text
    assert '"UP",' in text and '    "B",' not in text  # an ignored family stays ignored
    assert (tmp_path / ".gitignore").read_text() == ".ruff_cache/\n"
    hooks = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text())["repos"][-1]
    assert hooks == {
        "repo": HOOKS_REPO,
        "rev": f"v{__version__}",
        "hooks": [
            {"id": "adopt-fast-cache-ignore"},
            {"id": "adopt-fast-fix-imports"},
            {"id": "adopt-fast-lint", "args": ["--fix"]},
        ],
    }
    assert "adopt-fast-format not wired: the project does not format its code yet" in out
    assert (tmp_path / ".pre-commit-config.yaml").read_text().startswith(PRE_COMMIT)
    before = snapshot(tmp_path)
    assert main(["init", str(tmp_path)]) == 0
    assert "nothing to change" in capsys.readouterr().out
    assert snapshot(tmp_path) == before


def test_result_is_a_valid_pre_commit_config(tmp_path: Path) -> None:
    write_files(tmp_path, {".pre-commit-config.yaml": PRE_COMMIT})
    assert main(["init", str(tmp_path)]) == 1
    proc = run(
        script("pre-commit"), "validate-config", tmp_path / ".pre-commit-config.yaml", check=False
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_pre_commit_gets_no_second_ruff_hook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = (
        "repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n"
        "    rev: v0.17.5\n    hooks:\n      - id: ruff-check\n      - id: ruff-format\n"
    )
    write_files(tmp_path, {".pre-commit-config.yaml": config})
    assert main(["init", str(tmp_path)]) == 1
    assert "already runs astral-sh/ruff-pre-commit" in capsys.readouterr().out
    repos = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text())["repos"]
    assert [h["id"] for h in repos[-1]["hooks"]] == ["adopt-fast-cache-ignore"]


def test_diff_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_files(tmp_path, {"pyproject.toml": PYPROJECT})
    before = snapshot(tmp_path)
    assert main(["init", "--diff", "--profile", "minimal", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "--- a/pyproject.toml\n+++ b/pyproject.toml\n" in out
    assert "--- /dev/null\n+++ b/.gitignore\n@@ -0,0 +1 @@\n+.ruff_cache/\n" in out
    assert snapshot(tmp_path) == before
    assert main(["init", "--profile", "minimal", str(tmp_path)]) == 1
    capsys.readouterr()
    assert main(["init", "--diff", "--profile", "minimal", str(tmp_path)]) == 0
    assert "nothing to change" in capsys.readouterr().out


def test_no_config_creates_ruff_toml(tmp_path: Path) -> None:
    assert main(["init", str(tmp_path)]) == 1
    assert (tmp_path / "ruff.toml").read_text().startswith("[lint]\nextend-select = [\n")
    proc = run(script("ruff"), "check", "--no-cache", ".", cwd=tmp_path, check=False)
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr


def test_symlinked_pyproject_edits_target_keeps_link(tmp_path: Path) -> None:
    target = tmp_path / "config" / "pyproject.toml"
    target.parent.mkdir()
    target.write_text(PYPROJECT)
    target.chmod(0o640)
    (tmp_path / "pyproject.toml").symlink_to("config/pyproject.toml")
    assert main(["init", str(tmp_path)]) == 1
    assert (tmp_path / "pyproject.toml").is_symlink()
    assert '"UP",' in target.read_text()
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_symlink_out_of_the_project_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "shared" / "pyproject.toml"
    target.parent.mkdir()
    target.write_text(PYPROJECT)
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").symlink_to(target)
    assert main(["init", str(project)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("adopt-fast: pyproject.toml: is a symbolic link to ") and (
        "outside the project" in err
    )
    assert target.read_text() == PYPROJECT
    assert sorted(p.name for p in project.iterdir()) == ["pyproject.toml"]


BAD_INPUT = [
    pytest.param(
        {"pyproject.toml": "[tool.ruff\nx = 1\n"},
        "pyproject.toml:1: is not valid TOML",
        id="invalid-toml",
    ),
    pytest.param(
        {"pyproject.toml": "[tool.ruff]\nline-length = 1\nline-length = 2\n"},
        "pyproject.toml:3: is not valid TOML: Cannot overwrite a value",
        id="duplicate-key",
    ),
    pytest.param(
        {"pyproject.toml": PYPROJECT, ".pre-commit-config.yaml": "repos:\n- repo: [\n"},
        ".pre-commit-config.yaml:3: is not valid YAML",
        id="invalid-pre-commit-yaml",
    ),
    pytest.param(
        {"pyproject.toml": b'[project]\nname = "d\xe9mo"\n'},
        "pyproject.toml:2: is not valid UTF-8",
        id="not-utf8",
    ),
    pytest.param({"pyproject.toml": ""}, "pyproject.toml: is empty", id="empty-file"),
    pytest.param(
        {"pyproject.toml": '[tool.ruff]\nselect = "E"\n'},
        "pyproject.toml:2: `tool.ruff.select` must be an array of rule codes (write it "
        'as select = ["E"])',
        id="select-string",
    ),
    pytest.param(
        {"pyproject.toml": PYPROJECT, ".pre-commit-config.yaml": ""},
        ".pre-commit-config.yaml:1: has no `repos:` list",
        id="empty-pre-commit",
    ),
]


@pytest.mark.parametrize(("files", "message"), BAD_INPUT)
def test_bad_input_one_line_exit_2_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], files: dict[str, str | bytes], message: str
) -> None:
    write_files(tmp_path, files)
    before = snapshot(tmp_path)
    assert main(["init", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith("adopt-fast: ")
    assert message in captured.err
    assert snapshot(tmp_path) == before


def test_read_only_pyproject(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_files(tmp_path, {"pyproject.toml": PYPROJECT})
    os.chmod(tmp_path / "pyproject.toml", 0o444)
    before = snapshot(tmp_path)
    assert main(["init", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "pyproject.toml: is read-only; left untouched (run `chmod u+w" in err
    assert err.count("\n") == 1
    assert snapshot(tmp_path) == before


def test_cli_subprocess_exit_codes(tmp_path: Path) -> None:
    proc = run(script("adopt-fast"), "init", "--diff", tmp_path, check=False)
    assert proc.returncode == 1 and "+++ b/ruff.toml" in proc.stdout
    write_files(tmp_path, {"pyproject.toml": "[tool.ruff\n"})
    proc = run(script("adopt-fast"), "init", tmp_path, check=False)
    assert proc.returncode == 2 and proc.stderr.startswith("adopt-fast: ")


def test_subproject_config_extends_the_parent_one(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.ruff.lint]\nselect = ["F", "B", "I"]\n')
    project = tmp_path / "packages" / "a"
    project.mkdir(parents=True)
    (project / "pyproject.toml").write_text('[project]\nname = "a"\n')
    proc = run(script("adopt-fast"), "check", "--no-lint", project, check=False)
    assert "Ruff uses ../../pyproject.toml" in proc.stdout
    assert main(["init", "--profile", "minimal", str(project)]) == 1
    text = (project / "pyproject.toml").read_text()
    assert 'extend = "../../pyproject.toml"  # keep the settings' in text
    assert '"F",' not in text  # the parent already selects it
    (project / "x.py").write_text("VALUE = 1\n")
    show = run(script("ruff"), "check", "--show-settings", "--no-cache", "x.py", cwd=project)
    assert "unused-import (F401)" in show.stdout and "mutable-argument-default" in show.stdout


def test_diff_into_a_closed_pipe_is_quiet(tmp_path: Path) -> None:
    """`adopt-fast init --diff | head -1`: no traceback, no "internal error"."""
    import subprocess

    proc = subprocess.Popen(
        [script("adopt-fast"), "init", "--diff", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # before it writes: its first write meets a closed pipe
    err = proc.stderr.read()
    # The diff has changes to show (exit 1) and a reader that left early is no error either.
    assert proc.wait(timeout=60) == 1
    assert err == b""
