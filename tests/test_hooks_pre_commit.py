"""Every hook, run by real pre-commit (`pre-commit try-repo`) in real git repositories."""

from __future__ import annotations

from pathlib import Path

import pytest

from testing import ROOT, git_repo, run, run_hook_with_args, script, try_repo

UNUSED_AND_SPLIT = "import os, sys\n\nprint(sys)\n"


def test_manifest_is_valid() -> None:
    proc = run(
        script("pre-commit"), "validate-manifest", ROOT / ".pre-commit-hooks.yaml", check=False
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_lint_without_config_uses_the_curated_profile(tmp_path: Path) -> None:
    repo = git_repo(tmp_path / "repo", {"a.py": UNUSED_AND_SPLIT})
    code, out = try_repo(repo, "adopt-fast-lint")
    assert code == 1
    assert "F401" in out
    # E401 is not in Ruff's defaults; the `minimal` profile (which `recommended` extends) adds it.
    assert "E401" in out
    assert (repo / ".ruff_cache").is_dir(), "the cache belongs in the project, not site-packages"


def test_lint_fix_through_args_removes_the_unused_import(tmp_path: Path) -> None:
    source = "import os\nimport readline\nimport sys\n\nprint(sys)\n"
    repo = git_repo(tmp_path / "repo", {"a.py": source})
    proc = run_hook_with_args(repo, "adopt-fast-lint", ["--fix"])
    # `readline` acts on import: kept (and still reported), where Ruff's own fix would delete it.
    after = "import readline\nimport sys\n\nprint(sys)\n"
    assert (repo / "a.py").read_text(encoding="utf-8") == after, proc.stdout + proc.stderr
    assert proc.returncode == 1  # pre-commit fails a hook that modified files


def test_project_config_governs(tmp_path: Path) -> None:
    repo = git_repo(
        tmp_path / "repo",
        {
            "pyproject.toml": '[project]\nname = "p"\n\n[tool.ruff.lint]\nselect = ["E"]\n',
            "a.py": "import os\n\n\ndef f(x=[]):\n    return x\n",
        },
    )
    code, out = try_repo(repo, "adopt-fast-lint")
    assert code == 0, out
    assert "F401" not in out and "B006" not in out


def test_extend_exclude_is_respected_for_files_passed_explicitly(tmp_path: Path) -> None:
    repo = git_repo(
        tmp_path / "repo",
        {
            "ruff.toml": 'extend-exclude = ["generated"]\n',
            "generated/bad.py": "import os\n",
            "good.py": "print(1)\n",
        },
    )
    code, out = try_repo(repo, "adopt-fast-lint")
    assert code == 0, out
    assert "bad.py" not in out


def test_format_hook_formats(tmp_path: Path) -> None:
    repo = git_repo(tmp_path / "repo", {"a.py": "x = {  'a':1 }\n"})
    code, out = try_repo(repo, "adopt-fast-format")
    assert code == 1, out
    assert (repo / "a.py").read_text(encoding="utf-8") == 'x = {"a": 1}\n'


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(None, ".ruff_cache/\n", id="no-gitignore"),
        pytest.param("build/\n", "build/\n.ruff_cache/\n", id="appended"),
        pytest.param("build/\r\n", "build/\r\n.ruff_cache/\r\n", id="crlf"),
    ],
)
def test_cache_ignore_hook_fixes_then_passes(
    tmp_path: Path, before: str | None, after: str
) -> None:
    files: dict[str, str | bytes] = {"a.py": "print(1)\n"}
    if before is not None:
        files[".gitignore"] = before.encode()
    repo = git_repo(tmp_path / "repo", files)
    code, out = try_repo(repo, "adopt-fast-cache-ignore")
    assert code == 1, out
    assert "Fixing .gitignore" in out
    assert (repo / ".gitignore").read_bytes() == after.encode()
    code, out = try_repo(repo, "adopt-fast-cache-ignore")
    assert code == 0, out


def test_own_pre_commit_config_is_valid() -> None:
    proc = run(
        script("pre-commit"), "validate-config", ROOT / ".pre-commit-config.yaml", check=False
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_this_repository_passes_its_own_hooks() -> None:
    folders = [
        p
        for p in ("src", "pre_commit_hooks", "tests", "benchmarks", "examples")
        if (ROOT / p).is_dir()
    ]
    for hook, extra in (("adopt-fast-lint", []), ("adopt-fast-format", ["--check"])):
        proc = run(script(hook), "--no-cache", *extra, *folders, cwd=ROOT, check=False)
        assert proc.returncode == 0, proc.stdout + proc.stderr
