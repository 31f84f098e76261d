"""`adopt-fast check` reports: where each failed check points (file, line) in JSON and in
GitHub annotations, bad input in every format, and messages and hints that say it once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from testing import git_repo, run, script, write_files

CLEAN = '"""A clean module."""\n\nVALUE = 1\n'


def adopted_repo(root: Path, change: dict[str, str]) -> Path:
    """A git repository adopted by `init`, then given `change`, committed."""
    git_repo(root, {"pkg/__init__.py": CLEAN, "pyproject.toml": '[project]\nname = "pkg"\n'})
    run(script("adopt-fast"), "init", root, check=False)
    write_files(root, change)
    run("git", "add", "-A", cwd=root)
    run("git", "commit", "-q", "-m", "adopt", cwd=root)
    return root


def check(root: Path, output_format: str, *args: str) -> tuple[int, str, str]:
    proc = run(
        script("adopt-fast"), "check", "--format", output_format, *args, ".", cwd=root, check=False
    )
    return proc.returncode, proc.stdout, proc.stderr


LOCATED = [
    pytest.param(
        {"requirements-dev.txt": "pytest\nruff==0.6.0  # lint\n"},
        "AF004",
        ("requirements-dev.txt", 2),
        id="requirements-pin",
    ),
    pytest.param(
        {
            ".pre-commit-config.yaml": "repos:\n- repo: https://github.com/astral-sh/"
            "ruff-pre-commit\n  rev: v0.5.0\n  hooks:\n  - id: ruff\n"
        },
        "AF004",
        (".pre-commit-config.yaml", 2),
        id="pre-commit-rev",
    ),
    pytest.param(
        {
            "pyproject.toml": '[project]\nname = "pkg"\n[dependency-groups]\n'
            'lint = ["ruff==0.9.1"]\n[tool.ruff.lint]\nselect = ["ALL"]\n'
            'ignore = ["D", "COM812", "CPY"]\n'
        },
        "AF004",
        ("pyproject.toml", 4),
        id="dependency-group-pin",
    ),
    pytest.param(
        {"pyproject.toml": '[project]\nname = "pkg"\n[tool.ruff.lint]\nselect = ["E"]\n'},
        "AF002",
        ("pyproject.toml", 4),
        id="missing-families",
    ),
    pytest.param({".gitignore": "*.pyc\n"}, "AF003", (".gitignore", None), id="cache-not-ignored"),
    pytest.param(
        {
            "pyproject.toml": '[project]\nname = "pkg"\nselect = 1\n[tool.ruff]\n'
            'line-length = 99\nselect = ["ALL"]\nignore = ["D", "COM812", "CPY"]\n'
        },
        "AF005",
        ("pyproject.toml", 6),
        id="deprecated-top-level",
    ),
    pytest.param(
        {
            "pyproject.toml": '[project]\nname = "pkg"\n[tool.ruff.lint]\nselect = ["ALL"]'
            '\nignore = ["D", "CPY", "COM812", "ISC001"]\n'
        },
        "AF005",
        ("pyproject.toml", 5),
        id="stale-isc001",
    ),
]


@pytest.mark.parametrize(("change", "failing", "where"), LOCATED)
def test_failed_checks_carry_their_location(
    tmp_path: Path, change: dict[str, str], failing: str, where: tuple[str, int | None]
) -> None:
    root = adopted_repo(tmp_path / "repo", change)
    code, out, _ = check(root, "json", "--no-lint")
    assert code == 1
    result = next(c for c in json.loads(out)["checks"] if c["id"] == failing)
    assert (result["file"], result["line"]) == where, result
    code, out, _ = check(root, "github", "--no-lint")
    file, line = where
    location = f"file={file}," + ("" if line is None else f"line={line},")
    assert f"::error {location}title={failing}::{failing} " in out, out


def test_passing_checks_have_no_location(tmp_path: Path) -> None:
    root = adopted_repo(tmp_path / "repo", {})
    code, out, _ = check(root, "json", "--no-lint")
    assert code == 0
    assert {(c["file"], c["line"]) for c in json.loads(out)["checks"]} == {(None, None)}


BAD_PYPROJECT = '[project]\nname = "pkg"\nname = "again"\n'


def test_bad_input_is_one_json_object(tmp_path: Path) -> None:
    root = adopted_repo(tmp_path / "repo", {"pyproject.toml": BAD_PYPROJECT})
    code, out, err = check(root, "json")
    assert code == 2
    document = json.loads(out)
    assert document["schema_version"] == 2 and document["ok"] is False
    error = document["error"]
    assert (error["file"], error["line"]) == ("pyproject.toml", 3)
    assert error["message"].startswith("is not valid TOML") and error["hint"]
    assert err.count("\n") == 1 and err.startswith("adopt-fast: pyproject.toml:3: ")


def test_bad_input_is_one_github_annotation(tmp_path: Path) -> None:
    root = adopted_repo(tmp_path / "repo", {"pyproject.toml": BAD_PYPROJECT})
    code, out, err = check(root, "github")
    assert code == 2
    assert out.count("\n") == 1, out
    assert out.startswith("::error file=pyproject.toml,line=3,title=adopt-fast check::is not valid")
    assert err.startswith("adopt-fast: pyproject.toml:3: ")


def test_bad_input_text_stdout_stays_empty(tmp_path: Path) -> None:
    root = adopted_repo(tmp_path / "repo", {"pyproject.toml": BAD_PYPROJECT})
    code, out, err = check(root, "text")
    assert (code, out) == (2, "")
    assert err.startswith("adopt-fast: pyproject.toml:3: ")


def test_deprecated_extend_ignore_is_named_once(tmp_path: Path) -> None:
    root = adopted_repo(
        tmp_path / "repo",
        {
            "pyproject.toml": '[project]\nname = "pkg"\n[tool.ruff]\nextend-ignore = ["E501"]\n'
            '[tool.ruff.lint]\nselect = ["ALL"]\nignore = ["D", "CPY", "COM812"]\n'
        },
    )
    _, out, _ = check(root, "json", "--no-lint")
    result = next(c for c in json.loads(out)["checks"] if c["id"] == "AF005")
    assert result["message"].count("extend-ignore") == 1, result["message"]
    assert result["line"] == 4


UNSORTED = '"""Imports out of order."""\n\nimport sys\nimport os\n\nVALUE = [os.sep, sys.path]\n'


@pytest.mark.parametrize(
    "has_config", [pytest.param(True, id="own-config"), pytest.param(False, id="no-config")]
)
def test_lint_hint_names_a_command_that_uses_the_rules(tmp_path: Path, has_config: bool) -> None:
    # Never `ruff check --fix`, even without F401 among the violations: F401 is selected, and
    # Ruff's other fixes can leave imports unused that its F401 fix would then delete.
    root = adopted_repo(tmp_path / "repo", {"pkg/bad.py": UNSORTED})
    if not has_config:
        (root / "pyproject.toml").write_text('[project]\nname = "pkg"\n')
    _, out, _ = check(root, "json")
    result = next(c for c in json.loads(out)["checks"] if c["id"] == "AF006")
    assert result["ok"] is False and "F401" not in result["message"], result
    assert result["hint"].startswith("run `adopt-fast-lint --fix <files>`"), result["hint"]
    assert "ruff check --fix" not in result["hint"]


UNUSED_FIRST = (
    "remove the unused imports (F401) with `adopt-fast fix` first (`adopt-fast fix --verify` "
    "proves it on the tests), then run `adopt-fast-lint --fix <files>` for the rest (it never "
    "lets Ruff fix F401)"
)


@pytest.mark.parametrize(
    "has_config", [pytest.param(True, id="own-config"), pytest.param(False, id="no-config")]
)
def test_lint_hint_never_sends_unused_imports_to_ruff_fix(tmp_path: Path, has_config: bool) -> None:
    # Ruff's F401 fix deletes side-effect imports such as readline; the hint must not send
    # them there, in any output format.
    root = adopted_repo(
        tmp_path / "repo", {"pkg/bad.py": "import readline\n", "pkg/sorted.py": UNSORTED}
    )
    if not has_config:
        (root / "pyproject.toml").write_text('[project]\nname = "pkg"\n')
    _, out, _ = check(root, "json")
    result = next(c for c in json.loads(out)["checks"] if c["id"] == "AF006")
    assert "F401" in result["message"] and result["hint"].startswith(UNUSED_FIRST), result["hint"]
    for output_format in ("text", "github"):
        code, out, _ = check(root, output_format)
        assert code == 1
        assert UNUSED_FIRST in out, out
        assert "ruff check --fix" not in out, out


def test_version_hint_updates_only_the_ruff_hook(tmp_path: Path) -> None:
    # A bare `pre-commit autoupdate` would move every repo of the file.
    root = adopted_repo(
        tmp_path / "repo",
        {
            ".pre-commit-config.yaml": "repos:\n- repo: https://github.com/astral-sh/"
            "ruff-pre-commit\n  rev: v0.5.0\n  hooks:\n  - id: ruff\n"
        },
    )
    _, out, _ = check(root, "json", "--no-lint")
    result = next(c for c in json.loads(out)["checks"] if c["id"] == "AF004")
    assert (
        "`pre-commit autoupdate --repo https://github.com/astral-sh/ruff-pre-commit`, or set its "
        "rev to v" in result["hint"]
    ), result["hint"]
    assert "`pre-commit autoupdate`" not in result["hint"]


@pytest.mark.parametrize("count", [40, 41])
def test_past_a_screenful_text_ends_with_a_count_per_code(tmp_path: Path, count: int) -> None:
    """More violations than fit on a screen (40) are followed by a count per code and the
    safe fix, before the checks; 40 or fewer are not."""
    unused = "".join(f"import mod{i:02}\n" for i in range(count))
    root = adopted_repo(tmp_path, {"pkg/a.py": f'"""Unused."""\n\n{unused}'})
    code, out, _ = check(root, "text")
    assert code == 1
    lines = out.splitlines()
    assert sum(": F401 " in line for line in lines) == count
    if count == 40:
        assert "violations by code:" not in out
        return
    table = lines.index(f"{count} violations by code:")
    assert table == count
    assert lines[table + 1].split() == [str(count), "F401"]
    assert lines[table + 2].startswith("fix the safely fixable ones with `adopt-fast-lint --fix .`")
    assert lines[table + 3].startswith("AF001 ")
