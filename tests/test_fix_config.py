"""`adopt-fast fix`, its hook and the lint hook's `--fix` act only on what the project's own
`ruff check` reports as F401: its select, ignore, extend-ignore and per-file-ignores govern."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from fixtesting import run_fix

from pre_commit_hooks.adopt_fast_fix_imports import main as fix_imports_hook
from pre_commit_hooks.adopt_fast_lint import main as lint_hook
from testing import ROOT, git_repo, run, script, write_files

SOURCE = "import json\nimport os\n\nx = 1\n"

# Configs under which the project's `ruff check` does not report F401 for mod.py.
NOT_CHECKED = [
    pytest.param("[tool.ruff.lint]\nignore = ['F401']\n", id="ignore"),
    pytest.param("[tool.ruff.lint]\nextend-ignore = ['F401']\n", id="extend-ignore"),
    pytest.param("[tool.ruff.lint]\nselect = ['E']\n", id="select-without-F"),
    pytest.param("[tool.ruff.lint]\nignore = ['F']\n", id="ignore-prefix"),
    pytest.param("[tool.ruff]\nlint.select = ['E', 'W']\n", id="dotted-select"),
    pytest.param("[tool.ruff.lint.per-file-ignores]\n'mod.py' = ['F401']\n", id="per-file-ignores"),
]


def _f401_by_ruff(root: Path) -> list[str]:
    """What the project's own `ruff check` reports as F401 in mod.py."""
    proc = run(
        script("ruff"),
        "check",
        "--no-cache",
        "--output-format",
        "concise",
        "mod.py",
        cwd=root,
        check=False,
    )
    return [line for line in proc.stdout.splitlines() if " F401 " in line]


@pytest.mark.parametrize("config", NOT_CHECKED)
@pytest.mark.parametrize(
    "option", [(), ("--unsafe",), ("--diff",)], ids=["default", "unsafe", "diff"]
)
def test_imports_the_project_does_not_check_are_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], config: str, option: tuple[str, ...]
) -> None:
    write_files(tmp_path, {"pyproject.toml": config, "mod.py": SOURCE})
    assert _f401_by_ruff(tmp_path) == []  # the premise: Ruff reports no unused import
    result = run_fix(tmp_path, capsys, *option)
    assert (result.code, result.out, result.err) == (0, "", "")
    assert (tmp_path / "mod.py").read_text() == SOURCE


@pytest.mark.parametrize("config", NOT_CHECKED)
@pytest.mark.parametrize("hook", ["fix-imports", "lint --fix"])
def test_hooks_leave_them_alone_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, config: str, hook: str
) -> None:
    write_files(tmp_path, {"pyproject.toml": config, "mod.py": SOURCE})
    monkeypatch.chdir(tmp_path)
    if hook == "fix-imports":
        code = fix_imports_hook(["mod.py"])
    else:
        code = lint_hook(["--fix", "--no-cache", "mod.py"])
    assert code == 0
    assert (tmp_path / "mod.py").read_text() == SOURCE


# (config, source, fixed): other rules the project selects are reported by Ruff in the same
# run; the fix acts on F401 only and never takes another finding for a syntax error.
OTHER_FINDINGS = [
    pytest.param(
        "[tool.ruff.lint]\nselect = ['E', 'F']\n",
        "import os, sys\nimport json\n\nif sys == None:\n    pass\n",
        "import sys\n\nif sys == None:\n    pass\n",
        id="E401-E711-beside-F401",
    ),
    pytest.param(
        "[tool.ruff.lint]\nselect = ['ALL']\n",
        "import os\nimport json\n\n\ndef f(a):\n    return json.dumps(a)\n",
        "import json\n\n\ndef f(a):\n    return json.dumps(a)\n",
        id="select-all",
    ),
    pytest.param(
        "[tool.ruff.lint]\nselect = ['F']\nignore = ['F401']\n"
        "[tool.ruff.lint.per-file-ignores]\n'other.py' = ['F811']\n",
        "import os\nimport json\n",
        "import os\nimport json\n",
        id="select-F-ignore-F401",
    ),
    pytest.param(
        "[tool.ruff.lint]\nselect = ['E']\nextend-select = ['F401']\n",
        "import os\nx = 1\n",
        "x = 1\n",
        id="extend-select-F401",
    ),
]


@pytest.mark.parametrize(("config", "source", "fixed"), OTHER_FINDINGS)
def test_only_f401_is_acted_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], config: str, source: str, fixed: str
) -> None:
    write_files(tmp_path, {"pyproject.toml": config, "mod.py": source})
    result = run_fix(tmp_path, capsys)
    assert result.code == (1 if fixed != source else 0), result.err
    assert "does not parse" not in result.err
    assert (tmp_path / "mod.py").read_text() == fixed


def test_an_undecodable_file_is_still_read_under_a_select_without_e902(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Ruff reads UTF-8 only; E902 (added to the user's selection) tells adopt-fast to read the
    # latin-1 file itself. With the project's selection alone, Ruff only warns on stderr.
    source = "# -*- coding: latin-1 -*-\nimport os\nname = 'caf\xe9'\n".encode("latin-1")
    write_files(
        tmp_path, {"pyproject.toml": "[tool.ruff.lint]\nselect = ['F401']\n", "mod.py": source}
    )
    result = run_fix(tmp_path, capsys)
    assert result.code == 1, result.err
    assert (tmp_path / "mod.py").read_bytes() == source.replace(b"import os\n", b"")


def test_pre_commit_leaves_imports_the_project_ignores(tmp_path: Path) -> None:
    # The report that started this: `migrate` writes `ignore = ["F401"]` for a project whose
    # flake8 config ignored it; `ruff check` calls it clean, so the hooks must too.
    files = {
        "pyproject.toml": "[tool.ruff.lint]\nignore = ['F401']\n",
        "mod.py": SOURCE,
        ".pre-commit-config.yaml": f"repos:\n-   repo: {ROOT}\n    rev: HEAD\n    hooks:\n"
        "    -   id: adopt-fast-fix-imports\n    -   id: adopt-fast-lint\n"
        "        args: [--fix]\n",
    }
    repo = git_repo(tmp_path / "repo", files)
    proc = run(script("pre-commit"), "run", "--all-files", "--color=never", cwd=repo, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (repo / "mod.py").read_text() == SOURCE


@pytest.mark.parametrize("paths", [(), ("top.py", "sub/mod.py")], ids=["walked", "named"])
def test_each_file_follows_its_own_config(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], paths: tuple[str, ...]
) -> None:
    # Ruff finds the config of each file from its folder: a sub-project that ignores F401 keeps
    # its imports while the top-level files are fixed, in one run.
    write_files(
        tmp_path,
        {
            "pyproject.toml": "[tool.ruff.lint]\nselect = ['F']\n",
            "top.py": SOURCE,
            "sub/pyproject.toml": "[tool.ruff.lint]\nselect = ['F']\nignore = ['F401']\n",
            "sub/mod.py": SOURCE,
        },
    )
    result = run_fix(tmp_path, capsys, *paths)
    assert result.code == 1, result.err
    assert (tmp_path / "top.py").read_text() == "\nx = 1\n"
    assert (tmp_path / "sub/mod.py").read_text() == SOURCE


def test_syntax_newer_than_the_target_version_is_no_parse_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ruff reports `match` under `requires-python = ">=3.7"` as a syntax error, but the file
    parses (attrs's tests): it is fixed. A file that does not parse still is not."""
    write_files(
        tmp_path,
        {
            "pyproject.toml": '[project]\nname = "m"\nversion = "0"\nrequires-python = ">=3.7"\n',
            "a.py": "import os\n\n\ndef f(c):\n    match c:\n        case 1:\n            return 1\n",
            "b.py": "import os\ndef f(\n",
        },
    )
    result = run_fix(tmp_path, capsys, ".")
    assert result.code == 2, result.err
    fixed = (tmp_path / "a.py").read_text()
    assert "import os" not in fixed and "    match c:\n" in fixed, result.err
    assert "Fixing a.py" in result.err and "a.py:" not in result.err, result.err
    assert (tmp_path / "b.py").read_text() == "import os\ndef f(\n"
    assert "b.py:3: does not parse" in result.err
    if sys.version_info < (3, 14):
        # Newer syntax than this Python's: Ruff's same kind of error, but no file to fix here.
        newer = "import os\n\ntry:\n    pass\nexcept ValueError, TypeError:\n    pass\n"
        write_files(tmp_path, {"c.py": newer})
        again = run_fix(tmp_path, capsys, "c.py")
        assert again.code == 2 and (tmp_path / "c.py").read_text() == newer, again.err
        assert "c.py:5: does not parse" in again.err
