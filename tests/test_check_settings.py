"""`[tool.adopt-fast]` (and adopt-fast.toml): the profile a project chose, and checks it ignores
with a reason, read by `check` and the hooks; `--select`, `--ignore`, `--list`; and the probes
a check run starts."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest

from adopt_fast.checks import all_checks
from adopt_fast.checks.lint import LintPasses
from adopt_fast.checks.runner import LINT_CHECK
from testing import ROOT, git_repo, run, script, snapshot

CLEAN = '"""A clean module."""\n\nVALUE = 1\n'


def adopted(root: Path, *init_args: str, files: dict[str, str] | None = None) -> Path:
    git_repo(root, {"pyproject.toml": '[project]\nname = "pkg"\n', "pkg/__init__.py": CLEAN})
    run(script("adopt-fast"), "init", *init_args, ".", cwd=root, check=False)
    for name, text in (files or {}).items():
        path = root / name
        path.write_text(text if name != "pyproject.toml" else path.read_text() + text)
    run("git", "add", "-A", cwd=root)
    run("git", "commit", "-qm", "adopt", cwd=root)
    return root


def check_json(root: Path, *args: str) -> tuple[int, dict[str, object], str]:
    proc = run(script("adopt-fast"), "check", "--format", "json", *args, ".", cwd=root, check=False)
    return proc.returncode, json.loads(proc.stdout), proc.stderr


def by_id(document: dict[str, object]) -> dict[str, dict[str, object]]:
    checks = document["checks"]
    assert isinstance(checks, list)
    return {c["id"]: c for c in checks}


def test_a_chosen_profile_is_recorded_and_passes(tmp_path: Path) -> None:
    # Before [tool.adopt-fast], `init --profile minimal` was followed by AF002 failing for good.
    root = adopted(tmp_path / "repo", "--profile", "minimal")
    text = (root / "pyproject.toml").read_text()
    assert text.endswith(
        '\n[tool.adopt-fast]\nprofile = "minimal"  # the profile `adopt-fast check` and the hooks apply\n'
    )
    code, document, _ = check_json(root)
    assert code == 0, document
    assert document["profile"] == {"name": "minimal", "source": "pyproject.toml [tool.adopt-fast]"}
    code, document, _ = check_json(root, "--profile", "recommended")  # the flag overrides it
    assert code == 1 and by_id(document)["AF002"]["ok"] is False
    assert document["profile"] == {"name": "recommended", "source": "--profile"}
    proc = run(script("adopt-fast"), "init", ".", cwd=root, check=False)
    assert proc.returncode == 0 and 'already has the "minimal" profile' in proc.stdout


def test_the_default_profile_writes_no_table(tmp_path: Path) -> None:
    root = adopted(tmp_path / "repo")
    assert "adopt-fast" not in (root / "pyproject.toml").read_text()


def test_adopt_fast_toml_for_a_project_without_pyproject(tmp_path: Path) -> None:
    git_repo(tmp_path / "repo", {"pkg/__init__.py": CLEAN})
    root = tmp_path / "repo"
    run(script("adopt-fast"), "init", "--profile", "strict", ".", cwd=root, check=False)
    assert (root / "adopt-fast.toml").read_text().startswith('profile = "strict"')
    _, document, _ = check_json(root, "--no-lint")
    assert document["profile"] == {"name": "strict", "source": "adopt-fast.toml"}
    assert by_id(document)["AF002"]["ok"] is True, document


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_an_ignored_check_shows_its_reason(tmp_path: Path, output_format: str) -> None:
    ignore = '\n[tool.adopt-fast]\nignore = { AF004 = "CI installs Ruff from the lockfile" }\n'
    root = adopted(
        tmp_path / "repo",
        files={"pyproject.toml": ignore, "requirements.txt": "ruff==0.6.0\n"},
    )
    proc = run(script("adopt-fast"), "check", "--format", output_format, ".", cwd=root, check=False)
    assert proc.returncode == 0, proc.stdout
    if output_format == "json":
        result = by_id(json.loads(proc.stdout))["AF004"]
        assert (result["ok"], result["status"]) == (None, "ignored")
        assert result["ignored"] == "CI installs Ruff from the lockfile"
    else:
        assert "AF004 ign " in proc.stdout
        assert "ignored: CI installs Ruff from the lockfile" in proc.stdout
    _, document, _ = check_json(root, "--ignore", "AF006")
    assert by_id(document)["AF006"]["ignored"] == "--ignore on the command line"


BAD_SETTINGS = [
    pytest.param(
        '[tool.adopt-fast]\nignore = ["AF004"]\n',
        "pyproject.toml:5: `ignore` in pyproject.toml [tool.adopt-fast] needs a reason for each check",
        id="list-without-reasons",
    ),
    pytest.param(
        '[tool.adopt-fast]\nignore = { AF004 = "" }\n',
        "pyproject.toml:5: `ignore` of AF004 in pyproject.toml [tool.adopt-fast] gives no reason",
        id="empty-reason",
    ),
    pytest.param(
        '[tool.adopt-fast]\nprofile = "fast"\n',
        "pyproject.toml:5: `profile` in pyproject.toml [tool.adopt-fast] is 'fast', not a profile",
        id="unknown-profile",
    ),
    pytest.param(
        '[tool.adopt-fast]\nprofiles = "minimal"\n',
        "pyproject.toml:5: unknown key `profiles` in pyproject.toml [tool.adopt-fast]",
        id="unknown-key",
    ),
    pytest.param(
        '[tool.adopt-fast]\nignore = { AF104 = "typo" }\n',
        "pyproject.toml:5: `ignore` names AF104, which is no check",
        id="unknown-check",
    ),
]


@pytest.mark.parametrize(("table", "message"), BAD_SETTINGS)
def test_bad_settings_are_one_line_and_exit_2(tmp_path: Path, table: str, message: str) -> None:
    git_repo(tmp_path / "repo", {"pyproject.toml": '[project]\nname = "pkg"\n\n' + table})
    root = tmp_path / "repo"
    before = snapshot(root)
    # init and the hooks do not read `ignore`, and cannot tell a check id from a typo.
    known_ids = "AF104" in table
    for command in (["check"],) if known_ids else (["check"], ["init"]):
        proc = run(script("adopt-fast"), *command, ".", cwd=root, check=False)
        assert proc.returncode == 2, proc.stdout + proc.stderr
        assert proc.stderr.startswith(f"adopt-fast: {message}"), proc.stderr
        assert proc.stderr.count("\n") == 1
    if not known_ids:
        (root / "pkg.py").write_text("import os\n")
        for args in (["pkg.py"], ["--fix", "pkg.py"]):
            proc = run(script("adopt-fast-lint"), *args, cwd=root, check=False)
            assert proc.returncode == 2, proc.stdout + proc.stderr
            assert proc.stderr.startswith(f"adopt-fast: {message}"), proc.stderr
        assert (root / "pkg.py").read_text() == "import os\n"
        (root / "pkg.py").unlink()
    assert snapshot(root) == before


def test_the_hooks_lint_with_the_recorded_profile(tmp_path: Path) -> None:
    # No Ruff config of its own: the hooks apply the bundled profile the project chose.
    root = tmp_path / "repo"
    root.mkdir()
    (root / "a.py").write_text("def f(x):\n    return x\n")
    plain = run(script("adopt-fast-lint"), "--no-cache", "a.py", cwd=root, check=False)
    assert plain.returncode == 0, plain.stdout
    (root / "adopt-fast.toml").write_text('profile = "strict"\n')
    strict = run(script("adopt-fast-lint"), "--no-cache", "a.py", cwd=root, check=False)
    assert strict.returncode == 1 and "ANN001" in strict.stdout, strict.stdout
    flag = run(script("adopt-fast-lint"), "--no-cache", "--profile", "minimal", "a.py", cwd=root)
    assert flag.returncode == 0, "the flag overrides the file"


def test_select_and_list(tmp_path: Path) -> None:
    root = adopted(tmp_path / "repo", files={"pkg/bad.py": "import os\n"})
    code, document, _ = check_json(root, "--select", "af003,AF004")
    assert code == 0 and list(by_id(document)) == ["AF003", "AF004"]
    assert document["lint"] is None, "AF006 not selected: Ruff does not run"
    code, document, _ = check_json(root, "--select", "AF002")
    assert code == 0 and by_id(document)["AF002"]["ok"] is True, "runs without AF001 selected"
    proc = run(script("adopt-fast"), "check", "--select", "AF010", ".", cwd=root, check=False)
    assert proc.returncode == 2 and "AF010 is no check" in proc.stderr
    listing = run(script("adopt-fast"), "check", "--list").stdout.splitlines()
    assert [line.split()[0] for line in listing] == [c.id for c in all_checks()]
    assert listing[1].endswith("(needs AF001)")


def test_check_ids_are_unique_and_documented() -> None:
    ids = [c.id for c in all_checks()]
    assert len(ids) == len(set(ids))
    assert LintPasses.id == LINT_CHECK
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for check_id in ids:
        assert f"\n| {check_id} |" in readme, f"{check_id} is missing from the README's table"


def _fake_git(folder: Path, marker: Path) -> dict[str, str]:
    """PATH with a `git` that records that it ran, then runs the real one."""
    import shutil

    real = shutil.which("git")
    assert real is not None
    folder.mkdir()
    fake = folder / "git"
    fake.write_text(f'#!/bin/sh\necho "$@" >> {marker}\nexec {real} "$@"\n')
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    return os.environ | {"PATH": f"{folder}{os.pathsep}{os.environ['PATH']}"}


@pytest.mark.parametrize(
    ("select", "runs_git"),
    [pytest.param("AF001", False, id="AF001-alone"), pytest.param("AF003", True, id="AF003")],
)
def test_only_the_probes_of_the_chosen_checks_start(
    tmp_path: Path, select: str, runs_git: bool
) -> None:
    root = adopted(tmp_path / "repo")
    marker = tmp_path / "git-ran"
    env = _fake_git(tmp_path / "bin", marker)
    proc = run(
        sys.executable, "-m", "adopt_fast", "check", "--select", select, ".",
        cwd=root, env=env, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert marker.exists() is runs_git
