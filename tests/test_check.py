"""`adopt-fast check` against real git repositories: the all-green case and each failure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from adopt_fast.cli import main
from testing import git_repo, run, script, write_files

CLEAN = '"""A clean module."""\n\nVALUE = 1\n'


def green_repo(root: Path, extra: dict[str, str | bytes] | None = None) -> Path:
    """A git repository that `init` has adopted, with clean code, committed."""
    git_repo(root, {"pkg/__init__.py": CLEAN, "pyproject.toml": '[project]\nname = "pkg"\n'})
    assert main(["init", str(root)]) == 1
    write_files(root, extra or {})
    run("git", "add", "-A", cwd=root)
    run("git", "commit", "-q", "-m", "adopt", cwd=root)
    return root


def check_json(root: Path, *args: str) -> tuple[int, dict[str, object]]:
    proc = run(script("adopt-fast"), "check", "--format", "json", *args, root, check=False)
    assert proc.stderr == "", proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def statuses(document: dict[str, object]) -> dict[str, object]:
    checks = document["checks"]
    assert isinstance(checks, list)
    return {c["id"]: c["ok"] for c in checks}


def test_all_green(tmp_path: Path) -> None:
    root = green_repo(tmp_path / "repo")
    code, document = check_json(root)
    assert code == 0
    assert document["schema_version"] == 2 and document["ok"] is True
    assert set(statuses(document).values()) == {True}
    assert document["lint"] == {"violations": [], "count": 0, "ruff_version": "0.17.5"}
    assert document["profile"] == {"name": "recommended", "source": "default"}
    text = run(script("adopt-fast"), "check", root)
    assert text.stdout.endswith("all 6 checks passed\n")


FAILURES = [
    pytest.param(
        {"pyproject.toml": '[project]\nname = "pkg"\n'},
        "AF001",
        {"AF002": None, "AF005": None},
        "no Ruff configuration",
        id="no-config",
    ),
    pytest.param(
        {"pyproject.toml": '[project]\nname = "pkg"\n[tool.ruff.lint]\nselect = ["E"]\n'},
        "AF002",
        {},
        "does not select F, PLE, I, B",
        id="missing-families",
    ),
    pytest.param(
        {".gitignore": "*.pyc\n"},
        "AF003",
        {},
        "git does not ignore .ruff_cache/",
        id="cache-not-ignored",
    ),
    pytest.param(
        {"requirements-dev.txt": "pytest\nruff==0.6.0  # lint\n"},
        "AF004",
        {},
        "0.6.0 from requirements-dev.txt:2",
        id="requirements-pin",
    ),
    pytest.param(
        {
            ".pre-commit-config.yaml": "repos:\n- repo: https://github.com/astral-sh/"
            "ruff-pre-commit\n  rev: v0.5.0\n  hooks:\n  - id: ruff\n"
        },
        "AF004",
        {},
        "0.5.0 from .pre-commit-config.yaml:2 (astral-sh/ruff-pre-commit rev v0.5.0)",
        id="pre-commit-rev",
    ),
    pytest.param(
        {
            "pyproject.toml": '[project]\nname = "pkg"\n[dependency-groups]\n'
            'lint = ["ruff==0.9.1"]\n[tool.ruff.lint]\nselect = ["ALL"]\n'
            'ignore = ["D", "COM812", "CPY"]\n'
        },
        "AF004",
        {},
        "0.9.1 from pyproject.toml [dependency-groups] lint",
        id="dependency-group-pin",
    ),
    pytest.param(
        {
            "pyproject.toml": '[project]\nname = "pkg"\n[tool.ruff]\nselect = ["ALL"]\n'
            'ignore = ["D", "COM812", "CPY"]\n'
        },
        "AF005",
        {},
        "`ignore` and `select` directly under [tool.ruff] are deprecated (pyproject.toml:4)",
        id="deprecated-top-level",
    ),
    pytest.param(
        {
            "pyproject.toml": '[project]\nname = "pkg"\n[tool.ruff.lint]\nselect = ["ALL"]'
            '\nignore = ["D", "CPY"]\nextend-ignore = ["ISC001"]\n'
        },
        "AF005",
        {},
        "`extend-ignore` in pyproject.toml is deprecated; ignoring ISC001 is stale",
        id="stale-isc001",
    ),
    pytest.param(
        {
            "pyproject.toml": '[project]\nname = "pkg"\n[tool.ruff.lint]\nselect = ["ALL"]'
            '\nignore = ["D", "CPY"]\n'
        },
        "AF005",
        {},
        "enabled rules conflict with `ruff format`: COM812",
        id="formatter-conflict",
    ),
    pytest.param(
        {"pkg/bad.py": "import os\n"}, "AF006", {}, "1 violation (F401)", id="lint-violation"
    ),
]


@pytest.mark.parametrize(("change", "failing", "others", "message"), FAILURES)
def test_each_failure(
    tmp_path: Path, change: dict[str, str], failing: str, others: dict[str, object], message: str
) -> None:
    root = green_repo(tmp_path / "repo", change)
    code, document = check_json(root)
    assert code == 1 and document["ok"] is False
    expected = {f"AF00{i}": True for i in range(1, 7)} | {failing: False} | others
    assert statuses(document) == expected
    result = next(c for c in document["checks"] if c["id"] == failing)  # type: ignore[attr-defined]
    assert message in result["message"]
    assert result["hint"]


def test_github_annotations(tmp_path: Path) -> None:
    root = green_repo(tmp_path / "repo", {"pkg/bad.py": "import os\n"})
    proc = run(script("adopt-fast"), "check", "--format", "github", root, check=False, cwd=root)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("::error title=AF006::AF006 1 violation (F401)"), "checks first"
    assert lines[1] == (
        "::error title=F401,file=pkg/bad.py,line=1,col=8,endLine=1,endColumn=10::"
        "F401 `os` imported but unused"
    )


def test_no_lint_skips_ruff_check(tmp_path: Path) -> None:
    root = green_repo(tmp_path / "repo", {"pkg/bad.py": "import os\n"})
    code, document = check_json(root, "--no-lint")
    assert code == 0 and document["lint"] is None
    assert "AF006" not in statuses(document)


def test_check_writes_nothing_even_with_fix_true(tmp_path: Path) -> None:
    root = green_repo(tmp_path / "repo", {"pkg/bad.py": "import os\n"})
    config = root / "pyproject.toml"
    config.write_text(
        config.read_text().replace(
            "[tool.ruff.lint]", "[tool.ruff]\nfix = true\n\n[tool.ruff.lint]"
        )
    )
    run("git", "commit", "-qam", "fix = true", cwd=root)
    code, _ = check_json(root)
    assert code == 1
    status = run("git", "status", "--porcelain", "--ignored", cwd=root).stdout
    assert status == "!! .ruff_cache/\n"  # nothing but Ruff's own cache
    assert (root / "pkg/bad.py").read_text() == "import os\n"


def test_bad_input_exit_2(tmp_path: Path) -> None:
    root = green_repo(tmp_path / "repo")
    (root / "pyproject.toml").write_text('[tool.ruff]\nselect = "E"\n')
    proc = run(script("adopt-fast"), "check", root, check=False)
    assert proc.returncode == 2
    assert proc.stderr.startswith("adopt-fast: ") and proc.stderr.count("\n") == 1
    assert "`tool.ruff.select` must be an array" in proc.stderr
