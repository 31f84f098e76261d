"""What `adopt-fast migrate` says and wires, checked on a real git repository: line counts that
match git's, the blank-line layout of the pre-commit file, init's hook set, stale tox
environments, comments that would mislabel the new block, the next step once init has run, and
the same attribution on a second run."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from adopt_fast.edits.precommit import ADOPT_FAST_HOOKS
from testing import git_repo, run, script

PRE_COMMIT = """\
repos:
  # formatting
  - repo: https://github.com/psf/black
    rev: 24.2.0
    hooks:
      - id: black

  - repo: https://github.com/PyCQA/isort
    rev: 5.13.2
    hooks:
      - id: isort

  # hooks that check types
  - repo: https://github.com/pre-commit/mirrors-mypy
    rev: v1.8.0
    hooks:
      - id: mypy

  - repo: https://github.com/PyCQA/flake8
    rev: 7.0.0
    hooks:
      - id: flake8

  - repo: https://github.com/pre-commit/pre-commit-hooks
    rev: v4.5.0
    hooks:
      - id: end-of-file-fixer
"""
TOX_INI = """\
[tox]
envlist = py, flake8

[flake8]
max-line-length = 88
select = E,F,W

[testenv:flake8]
commands = flake8 src

[testenv:py]
commands = pytest
"""


def adopt_fast(root: Path, *args: str) -> tuple[int, str]:
    proc = run(script("adopt-fast"), *args, root, check=False)
    assert not proc.stderr, proc.stderr
    return proc.returncode, proc.stdout


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return git_repo(
        tmp_path / "demo",
        {
            ".pre-commit-config.yaml": PRE_COMMIT,
            "tox.ini": TOX_INI,
            "pyproject.toml": '[project]\nname = "demo"\n\n[tool.black]\nline-length = 88\n',
            "demo/__init__.py": '"""Demo."""\n\nVALUE = 1\n',
        },
    )


def test_counts_match_git(project: Path) -> None:
    code, out = adopt_fast(project, "migrate", "--no-measure")
    assert code == 1
    numstat = run("git", "diff", "--numstat", ".pre-commit-config.yaml", cwd=project).stdout
    added, removed, _ = numstat.split("\t")
    assert removed != "0"
    assert f"updated .pre-commit-config.yaml (+{added} -{removed} lines)" in out, out


def test_pre_commit_file_keeps_its_layout(project: Path) -> None:
    adopt_fast(project, "migrate", "--no-measure")
    text = (project / ".pre-commit-config.yaml").read_text()
    # One blank line between repos, as before; `# formatting` named the removed black and
    # would mislabel the block that now also lints; `# hooks that check types` stays.
    assert text.startswith("repos:\n  - repo: https://github.com/adopt-fast/adopt-fast\n"), text
    assert "\n\n\n" not in text, text
    assert "# formatting" not in text
    assert "      - id: adopt-fast-format\n\n  # hooks that check types\n  - repo: " in text
    assert "      - id: mypy\n\n  - repo: https://github.com/pre-commit/pre-commit-hooks" in text
    assert adopt_fast(project, "migrate", "--no-measure")[0] == 0
    assert (project / ".pre-commit-config.yaml").read_text() == text


def test_migrate_wires_the_hooks_init_wires(project: Path) -> None:
    adopt_fast(project, "migrate", "--no-measure")
    code, out = adopt_fast(project, "init")
    assert code == 1
    assert ".pre-commit-config.yaml" not in out, out  # init has no hook left to add
    data = yaml.safe_load((project / ".pre-commit-config.yaml").read_text())
    ours = [r for r in data["repos"] if r["repo"].endswith("adopt-fast/adopt-fast")]
    assert [(h["id"], tuple(h.get("args", ()))) for h in ours[0]["hooks"]] == list(ADOPT_FAST_HOOKS)


def test_next_step_names_init_only_while_it_has_something_to_add(project: Path) -> None:
    _, out = adopt_fast(project, "migrate", "--no-measure")
    assert out.splitlines()[-1].startswith("next: run `adopt-fast init` to add the curated")
    adopt_fast(project, "init")
    _, out = adopt_fast(project, "migrate", "--no-measure")
    assert out.splitlines()[-1] == (
        "next: run `adopt-fast check` to verify the project (`adopt-fast init` has nothing to add)"
    )


def test_tox_environment_of_an_old_tool_is_listed_as_stale(project: Path) -> None:
    _, out = adopt_fast(project, "migrate", "--no-measure")
    notes = [line for line in out.splitlines() if line.startswith("note: tox.ini:")]
    section = (
        "note: tox.ini:4: [flake8] is no longer read by the hooks; delete it once the migration "
        "is committed"
    )
    environment = (
        "note: tox.ini:8: [testenv:flake8] still runs the old tools; delete it (or have it run "
        "`pre-commit run --all-files`) once the migration is committed"
    )
    assert notes == [section, environment]


def test_second_run_attributes_findings_to_the_same_places(tmp_path: Path) -> None:
    # flake8's defaults are attributed to its config section, which stays after the migration,
    # not to the hook, which goes: a second run names the same places.
    root = git_repo(
        tmp_path / "demo",
        {
            ".pre-commit-config.yaml": PRE_COMMIT,
            "setup.cfg": "[flake8]\nmax-line-length = 88\n",
            "demo/__init__.py": '"""Demo."""\n',
        },
    )
    _, first = adopt_fast(root, "migrate", "--no-measure")
    run("git", "add", "-A", cwd=root)
    _, second = adopt_fast(root, "migrate", "--no-measure")

    def report(out: str) -> list[str]:
        return [line for line in out.splitlines() if line.startswith("  ")]

    assert "  setup.cfg:1: E: " in first, first
    assert report(first) and report(second) == report(first), (first, second)
    assert '"E",  # flake8 default, setup.cfg:1' in (root / "ruff.toml").read_text()


def test_toml_error_is_worded_as_init_words_it(tmp_path: Path) -> None:
    root = git_repo(
        tmp_path / "demo",
        {"pyproject.toml": "[tool.black]\nline-length = 88\nline-length = 99\n"},
    )
    migrate = run(script("adopt-fast"), "migrate", "--no-measure", root, check=False)
    init = run(script("adopt-fast"), "init", root, check=False)
    assert (migrate.returncode, init.returncode) == (2, 2)
    assert migrate.stderr == init.stderr, (migrate.stderr, init.stderr)
