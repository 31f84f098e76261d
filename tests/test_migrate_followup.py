"""After `adopt-fast migrate`: the cache is ignored, the last line names the next step (and
following it makes `adopt-fast check` pass), no comment is left behind by a removed hook, and
a code Ruff runs only in preview mode is not written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from adopt_fast import __version__
from adopt_fast.cli import main
from testing import git_repo, run, script, snapshot, write_files

SETUP_CFG = """\
[flake8]
max-line-length = 88
extend-ignore = E203, W503

[isort]
profile = black
"""
PYPROJECT = '[project]\nname = "demo"\n\n[tool.black]\nline-length = 88\n'
FLAKE8_AND_BLACK = """\
repos:
-   repo: https://github.com/PyCQA/flake8
    rev: 7.0.0
    hooks:
    -   id: flake8
-   repo: https://github.com/psf/black
    rev: 24.2.0
    hooks:
    -   id: black
"""
NEXT = (
    "next: run `adopt-fast init` to add the curated rule profile on top of the migrated "
    "rules, then `adopt-fast check` to verify the project"
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return git_repo(
        tmp_path / "demo",
        {
            "setup.cfg": SETUP_CFG,
            "pyproject.toml": PYPROJECT,
            ".pre-commit-config.yaml": FLAKE8_AND_BLACK,
            "demo/__init__.py": '"""Demo."""\n\nVALUE = 1\n',
        },
    )


def test_diff_shows_the_gitignore_entry_and_the_next_step(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(project)
    assert main(["migrate", "--no-measure", "--diff", str(project)]) == 1
    out = capsys.readouterr().out
    assert "--- /dev/null\n+++ b/.gitignore\n@@ -0,0 +1 @@\n+.ruff_cache/\n" in out
    # What init will add is known only once the migration is written: worded conditionally.
    assert out.splitlines()[-1] == NEXT.replace(
        "next: run ", "next: run `adopt-fast migrate` without --diff to write this, then "
    ).replace("`adopt-fast init`", "`adopt-fast init` (if it has anything to add)")
    assert snapshot(project) == before


def test_following_the_next_step_passes_check(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["migrate", "--no-measure", str(project)]) == 1
    out = capsys.readouterr().out
    assert "created .gitignore (+1 line)" in out
    assert out.splitlines()[-1] == NEXT
    assert (project / ".gitignore").read_text() == ".ruff_cache/\n"
    # What migrate alone leaves: the old tools' coverage, not the curated profile (AF002).
    proc = run(script("adopt-fast"), "check", "--format", "json", project, check=False)
    failing = {c["id"] for c in json.loads(proc.stdout)["checks"] if c["ok"] is False}
    assert failing == {"AF002"}, proc.stdout
    # The next step, as printed.
    assert main(["init", str(project)]) == 1
    capsys.readouterr()
    run("git", "add", "-A", cwd=project)
    run("git", "commit", "-q", "-m", "migrate", cwd=project)
    proc = run(script("adopt-fast"), "check", project, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.endswith("all 6 checks passed\n")


def test_preview_only_ignores_are_not_written(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["migrate", "--no-measure", str(project)]) == 1
    out = capsys.readouterr().out
    assert "E203" not in (project / "pyproject.toml").read_text()
    needs_nothing = out.split("Needs no Ruff setting:\n", 1)[1]
    assert "setup.cfg:3: E203: nothing to ignore: Ruff checks E203 only in preview mode" in (
        needs_nothing
    )


COMMENTED = """\
repos:
-   repo: https://github.com/pre-commit/pre-commit-hooks
    rev: v4.5.0
    hooks:
    -   id: trailing-whitespace
# sorting
-   repo: https://github.com/PyCQA/isort
    rev: 5.13.2
    hooks:
    -   id: isort
-   repo: local
    hooks:
    -   id: mypy
        name: mypy
        entry: mypy
        language: system
    # old-style upgrades
    -   id: pyupgrade
        name: pyupgrade
        entry: pyupgrade
        language: system

# a note for the whole file

# linting
-   repo: https://github.com/PyCQA/flake8
    rev: 7.0.0
    hooks:
    -   id: flake8
"""
EXPECTED = f"""\
repos:
-   repo: https://github.com/pre-commit/pre-commit-hooks
    rev: v4.5.0
    hooks:
    -   id: trailing-whitespace
-   repo: https://github.com/adopt-fast/adopt-fast
    rev: v{__version__}
    hooks:
    -   id: adopt-fast-cache-ignore
    -   id: adopt-fast-fix-imports
    -   id: adopt-fast-lint
        args: [--fix]
-   repo: local
    hooks:
    -   id: mypy
        name: mypy
        entry: mypy
        language: system

# a note for the whole file
"""


def test_comments_attached_to_removed_hooks_go_with_them(tmp_path: Path) -> None:
    """`# linting` and `# old-style upgrades` introduced removed entries: gone with them.
    `# sorting` above the repo the new block replaces names the removed isort's job, so it
    goes too (it would mislabel the block); a comment set apart by a blank line is not
    attached to anything and stays."""
    write_files(tmp_path, {".pre-commit-config.yaml": COMMENTED})
    assert main(["migrate", "--no-measure", str(tmp_path)]) == 1
    text = (tmp_path / ".pre-commit-config.yaml").read_text()
    assert text == EXPECTED
    proc = run(
        script("pre-commit"),
        "validate-config",
        ".pre-commit-config.yaml",
        cwd=tmp_path,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_removing_the_last_repo_leaves_no_blank_line_at_the_end(tmp_path: Path) -> None:
    config = (
        "repos:\n-   repo: https://github.com/psf/black\n    rev: 24.2.0\n    hooks:\n"
        "    -   id: black\n\n# linting\n-   repo: https://github.com/PyCQA/flake8\n"
        "    rev: 7.0.0\n    hooks:\n    -   id: flake8\n"
    )
    write_files(tmp_path, {".pre-commit-config.yaml": config})
    assert main(["migrate", "--no-measure", str(tmp_path)]) == 1
    text = (tmp_path / ".pre-commit-config.yaml").read_text()
    assert "# linting" not in text
    assert text.endswith("    -   id: adopt-fast-format\n"), text


def test_a_second_migrate_after_black_is_replaced_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # flake8's limit differs from black's 88, so the first run writes it to E501's own limit.
    # Once black's hook has been replaced by adopt-fast-format, a second run must not read the
    # limit as the formatter's `line-length` (that would reformat the whole project).
    root = git_repo(
        tmp_path / "p",
        {
            "setup.cfg": "[flake8]\nmax-line-length = 120\n",
            "pyproject.toml": '[project]\nname = "p"\n',
            ".pre-commit-config.yaml": FLAKE8_AND_BLACK,
            "a.py": "x = 1\n",
        },
    )
    assert main(["migrate", "--no-measure", str(root)]) == 1
    after_first = snapshot(root)
    capsys.readouterr()
    assert main(["migrate", "--no-measure", str(root)]) == 0, capsys.readouterr().out
    assert snapshot(root) == after_first
    written = (root / "pyproject.toml").read_text(encoding="utf-8")
    assert "\nline-length" not in written and "max-line-length = 120" in written
