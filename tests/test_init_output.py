"""What `adopt-fast init` tells the user: notes after the changed files, a stale
ruff-pre-commit rev, settings beyond rule families, and paths as seen from the project."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from adopt_fast.cli import main
from adopt_fast.ruff import PINNED_VERSION
from testing import run, script, snapshot, write_files

RUFF_PRE_COMMIT = """\
repos:
-   repo: https://github.com/astral-sh/ruff-pre-commit
    rev: {rev}
    hooks:
    -   id: ruff
"""
AUTOUPDATE = "pre-commit autoupdate --repo https://github.com/astral-sh/ruff-pre-commit"


def test_stale_ruff_pre_commit_rev_is_named_with_the_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_files(tmp_path, {".pre-commit-config.yaml": RUFF_PRE_COMMIT.format(rev="v0.6.0")})
    assert main(["init", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    stale = [line for line in out.splitlines() if "v0.6.0" in line]
    assert len(stale) == 1, out
    assert stale[0].startswith("note: .pre-commit-config.yaml:2: ")
    assert f"Ruff {PINNED_VERSION}" in stale[0]
    assert AUTOUPDATE in stale[0] and f"set its rev to v{PINNED_VERSION}" in stale[0]
    # The note, not an edit: the rev the user pinned stays as it was.
    assert "rev: v0.6.0\n" in (tmp_path / ".pre-commit-config.yaml").read_text()
    # It is what `check` then fails on.
    check = run(script("adopt-fast"), "check", "--no-lint", tmp_path, check=False)
    assert "AF004 FAIL" in check.stdout and "0.6.0" in check.stdout


def test_current_ruff_pre_commit_rev_gets_no_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_files(
        tmp_path, {".pre-commit-config.yaml": RUFF_PRE_COMMIT.format(rev=f"v{PINNED_VERSION}")}
    )
    assert main(["init", str(tmp_path)]) == 1
    assert "autoupdate" not in capsys.readouterr().out


def test_hooks_are_wired_in_running_order(tmp_path: Path) -> None:
    """The safe import fixer runs before the lint hook, which leaves F401 to it."""
    write_files(
        tmp_path,
        {
            ".pre-commit-config.yaml": "repos:\n-   repo: local\n    hooks:\n"
            "    -   id: x\n        name: x\n        entry: 'true'\n        language: system\n"
        },
    )
    assert main(["init", "--format", str(tmp_path)]) == 1
    repos = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text())["repos"]
    assert [h["id"] for h in repos[-1]["hooks"]] == [
        "adopt-fast-cache-ignore",
        "adopt-fast-fix-imports",
        "adopt-fast-lint",
        "adopt-fast-format",
    ]
    proc = run(
        script("pre-commit"), "validate-config", tmp_path / ".pre-commit-config.yaml", check=False
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_notes_come_after_the_changed_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_files(tmp_path, {".pre-commit-config.yaml": RUFF_PRE_COMMIT.format(rev="v0.6.0")})
    assert main(["init", str(tmp_path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    kinds = [line.split()[0] for line in lines]
    assert kinds == sorted(kinds, key=lambda kind: kind == "note:"), lines
    assert kinds[0] in ("created", "updated") and kinds[-1] == "note:"


@pytest.mark.parametrize(
    ("files", "noted"),
    [
        pytest.param({}, True, id="new-config"),
        pytest.param(
            {"ruff.toml": '[lint.pydocstyle]\nconvention = "google"\n'}, False, id="users-own"
        ),
        pytest.param({"ruff.toml": '[pydocstyle]\nconvention = "numpy"\n'}, False, id="top-level"),
    ],
)
def test_strict_says_when_it_sets_the_docstring_convention(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], files: dict[str, str], noted: bool
) -> None:
    write_files(tmp_path, files)
    assert main(["init", "--profile", "strict", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert ('note: set lint.pydocstyle.convention = "pep257"' in out) is noted, out
    assert main(["init", "--profile", "strict", str(tmp_path)]) == 0
    assert "lint.pydocstyle.convention" not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("pre_commit", "wording"),
    [
        pytest.param(
            False, "there is no .pre-commit-config.yaml, so no hooks were wired", id="none"
        ),
        pytest.param(True, "the hooks in .pre-commit-config.yaml set up", id="wired"),
    ],
)
def test_nothing_to_change_says_what_is_true(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pre_commit: bool, wording: str
) -> None:
    if pre_commit:
        write_files(tmp_path, {".pre-commit-config.yaml": RUFF_PRE_COMMIT.format(rev="v0.17.5")})
    assert main(["init", str(tmp_path)]) == 1
    capsys.readouterr()
    assert main(["init", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("nothing to change: ") and wording in out, out


@pytest.mark.parametrize("where", ["cwd", "absolute"])
def test_error_paths_are_relative_to_the_project(tmp_path: Path, where: str) -> None:
    write_files(tmp_path, {"pyproject.toml": "[tool.ruff]\nline-length = 1\nline-length = 2\n"})
    before = snapshot(tmp_path)
    args = () if where == "cwd" else (tmp_path,)
    proc = run(script("adopt-fast"), "init", *args, cwd=tmp_path, check=False)
    assert proc.returncode == 2
    assert proc.stderr.startswith("adopt-fast: pyproject.toml:3: is not valid TOML"), proc.stderr
    assert snapshot(tmp_path) == before


TOP_LEVEL_SELECT = (
    '[project]\nname = "x"\n\n[tool.ruff]\nselect = ["E", "F"]\n\n[tool.black]\nline-length = 88\n'
)
SEPARATED = """\
[project]
name = "x"

[tool.ruff]
select = ["E", "F"]

[tool.ruff.lint]
extend-select = [
    "PLE",  # pylint errors: code that fails at run time
]

[tool.black]
line-length = 88
"""
RECORDED = '\n[tool.adopt-fast]\nprofile = "minimal"  # the profile `adopt-fast check` and the hooks apply\n'


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_new_lint_table_is_separated_from_the_next_table(tmp_path: Path, newline: str) -> None:
    """The blank line above [tool.black] stays, and the new table gets its own."""
    write_files(tmp_path, {"pyproject.toml": TOP_LEVEL_SELECT.replace("\n", newline)})
    assert main(["init", "--profile", "minimal", str(tmp_path)]) == 1
    expected = (SEPARATED + RECORDED).replace("\n", newline).encode()
    assert (tmp_path / "pyproject.toml").read_bytes() == expected


def test_a_compact_file_keeps_its_lines_and_the_new_table_is_set_apart(tmp_path: Path) -> None:
    compact = TOP_LEVEL_SELECT.replace("\n\n", "\n")
    write_files(tmp_path, {"pyproject.toml": compact})
    assert main(["init", "--profile", "minimal", str(tmp_path)]) == 1
    text = (tmp_path / "pyproject.toml").read_text()
    assert (
        text
        == compact.replace(
            'select = ["E", "F"]\n', 'select = ["E", "F"]\n\n' + SEPARATED.split("\n\n")[2] + "\n\n"
        )
        + RECORDED
    )


@pytest.mark.parametrize(
    ("files", "note"),
    [
        pytest.param(
            {
                "pyproject.toml": '[project]\nname = "pkg"\n\n[tool.ruff]\nline-length = 99\n'
                'select = ["E", "F"]\nignore = ["E501"]\n'
            },
            "note: pyproject.toml:6: `ignore` and `select` directly under [tool.ruff] are "
            "deprecated, so `adopt-fast check` fails AF005 until you move them to "
            "[tool.ruff.lint] (init adds to your layout but does not move your settings)",
            id="pyproject",
        ),
        pytest.param(
            {"ruff.toml": 'line-length = 99\nextend-select = ["B"]\n'},
            "note: ruff.toml:2: `extend-select` at the top of ruff.toml is deprecated, so "
            "`adopt-fast check` fails AF005 until you move it to a [lint] table (init adds to "
            "your layout but does not move your settings)",
            id="ruff-toml",
        ),
    ],
)
def test_second_init_does_not_claim_all_is_set_when_check_fails(
    tmp_path: Path, files: dict[str, str], note: str
) -> None:
    write_files(tmp_path, {**files, "pkg/__init__.py": '"""A clean module."""\n'})
    run("git", "init", "-q", cwd=tmp_path)
    first = run(script("adopt-fast"), "init", tmp_path, check=False)
    assert first.returncode == 1 and note in first.stdout.splitlines(), first.stdout
    again = run(script("adopt-fast"), "init", tmp_path, check=False)
    assert again.returncode == 0
    headline = (
        'nothing to change: the project already has the "recommended" profile and '
        ".ruff_cache/ ignored; there is no .pre-commit-config.yaml, so no hooks were wired "
        '(README, "Install through pre-commit"); one thing is left to you (note below)'
    )
    assert again.stdout.splitlines() == [headline, note]
    check = run(script("adopt-fast"), "check", "--no-lint", tmp_path, check=False)
    assert "AF005 FAIL" in check.stdout, check.stdout
    # AF005 names the same keys and line as the note.
    location = note.split(": ")[1]
    assert f"deprecated ({location})" in check.stdout, check.stdout
