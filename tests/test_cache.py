"""Ruff's cache: one location for the hooks and the CLI, info, prune, and unwritable caches."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from adopt_fast.cli import main as cli
from adopt_fast.ruff import OWN_CACHE, OWN_CACHE_FOLDERS, PINNED_VERSION
from testing import run, script


def lint(project: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    proc = run(
        script("adopt-fast-lint"),
        *args,
        cwd=project,
        check=False,
        env=None if env is None else {**os.environ, **env},
    )
    return proc.returncode, proc.stdout, proc.stderr


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    (root / "a.py").write_text("import os\n", encoding="utf-8")
    return root


def test_hook_and_cli_share_the_project_cache(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, _ = lint(project, "a.py")
    assert code == 1
    assert (project / ".ruff_cache" / PINNED_VERSION).is_dir()
    assert cli(["cache", "info", str(project)]) == 0
    out = capsys.readouterr().out
    assert f"location: {project / '.ruff_cache'}" in out
    assert re.search(rf"^  {re.escape(PINNED_VERSION)} .*\(pinned\)$", out, re.MULTILINE), out


def test_ruff_cache_dir_moves_the_cache_for_both(
    project: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    elsewhere = tmp_path / "elsewhere"
    lint(project, "a.py", env={"RUFF_CACHE_DIR": str(elsewhere)})
    assert (elsewhere / PINNED_VERSION).is_dir()
    assert not (project / ".ruff_cache").exists()
    monkeypatch.setenv("RUFF_CACHE_DIR", str(elsewhere))
    assert cli(["cache", "info", str(project)]) == 0
    assert f"location: {elsewhere}" in capsys.readouterr().out


def test_prune_removes_only_other_versions(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lint(project, "a.py")
    cache = project / ".ruff_cache"
    for stale in ("0.15.2", "0.16.0"):
        (cache / stale / "sub").mkdir(parents=True)
        (cache / stale / "sub" / "entry").write_bytes(b"x" * 100)
    (cache / "notes").mkdir()  # not a version folder: not Ruff's to prune, nor ours
    kept_files = {p.name for p in cache.iterdir() if p.is_file()}
    assert {".gitignore", "CACHEDIR.TAG"} <= kept_files

    assert cli(["cache", "prune", str(project), "--dry-run"]) == 0
    assert "would remove 0.15.2" in capsys.readouterr().out
    assert (cache / "0.15.2").exists()

    assert cli(["cache", "prune", str(project)]) == 0
    out = capsys.readouterr().out
    assert "removed 0.15.2" in out and "removed 0.16.0" in out
    assert sorted(p.name for p in cache.iterdir()) == sorted([*kept_files, "notes", PINNED_VERSION])

    assert cli(["cache", "prune", str(project)]) == 0
    assert "nothing to prune" in capsys.readouterr().out


def test_prune_removes_adopt_fasts_folders_of_older_formats(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The fix keeps its word index and parsed facts beside Ruff's folders, named with their
    # format's version; a new format leaves the old folder behind, as a new Ruff does.
    lint(project, "a.py")
    own = project / ".ruff_cache" / OWN_CACHE
    for name in ("import-facts-v3", "words-v1", *OWN_CACHE_FOLDERS):
        (own / name).mkdir(parents=True)
        (own / name / "entry").write_bytes(b"x" * 100)
    assert cli(["cache", "info", str(project)]) == 0
    out = capsys.readouterr().out
    assert f"{OWN_CACHE}/words-v1" in out and "(in use)" in out, out
    assert cli(["cache", "prune", "--dry-run", str(project)]) == 0
    assert "would remove adopt-fast/import-facts-v3" in capsys.readouterr().out
    assert cli(["cache", "prune", str(project)]) == 0
    out = capsys.readouterr().out
    assert "removed adopt-fast/import-facts-v3" in out and "removed adopt-fast/words-v1" in out
    assert sorted(p.name for p in own.iterdir()) == sorted(OWN_CACHE_FOLDERS)
    assert (project / ".ruff_cache" / PINNED_VERSION).is_dir()


def test_info_before_any_run(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["cache", "info", str(project)]) == 0
    assert "not created yet" in capsys.readouterr().out


@pytest.mark.parametrize("hook", ["adopt-fast-lint", "adopt-fast-format"])
def test_unwritable_cache_warns_once_and_does_not_fail(project: Path, hook: str) -> None:
    # A file where the cache folder should be: bare Ruff exits 2 ("Not a directory"), even as
    # root, for whom permission bits would not stop the write.
    (project / ".ruff_cache").write_text("not a folder", encoding="utf-8")
    bare = run(script("ruff"), "check", "a.py", cwd=project, check=False)
    assert bare.returncode == 2, "precondition: Ruff itself fails on this cache"
    proc = run(script(hook), "a.py", cwd=project, check=False)
    warnings = [line for line in proc.stderr.splitlines() if "cannot be written" in line]
    assert len(warnings) == 1, proc.stderr
    assert "RUFF_CACHE_DIR" in warnings[0]
    assert proc.returncode == (1 if hook == "adopt-fast-lint" else 0), proc.stderr
    assert (project / ".ruff_cache").read_text(encoding="utf-8") == "not a folder"


def test_no_cache_argument_is_passed_through(project: Path) -> None:
    code, out, _ = lint(project, "--no-cache", "a.py")
    assert code == 1 and "F401" in out
    assert not (project / ".ruff_cache").exists()


def test_profile_argument_selects_a_bundled_profile(project: Path) -> None:
    (project / "a.py").write_text("def f(x):\n    return x\n", encoding="utf-8")
    assert lint(project, "a.py")[0] == 0
    code, out, _ = lint(project, "--profile=strict", "a.py")
    assert code == 1 and "D103" in out, out  # pydocstyle is only in `strict`


def test_unknown_profile_is_a_usage_error(project: Path) -> None:
    code, _, err = lint(project, "--profile", "fastest", "a.py")
    assert code == 2
    assert err.startswith("adopt-fast: unknown profile 'fastest'; choose one of minimal")


def test_prune_that_cannot_remove_is_one_line_exit_2(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lint(project, "a.py")
    (project / ".ruff_cache" / "0.15.2").mkdir()
    (project / ".ruff_cache" / "0.15.2" / "data").write_text("x")

    def refuse(src: str, dst: str) -> None:  # root can move anything here: injected
        raise PermissionError(13, "Permission denied", src)

    monkeypatch.setattr(os, "rename", refuse)
    assert cli(["cache", "prune", str(project)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "0.15.2: cannot be removed: Permission denied; nothing was removed" in err
    assert (project / ".ruff_cache" / "0.15.2" / "data").read_text() == "x"
    assert not [p for p in (project / ".ruff_cache").iterdir() if "removing" in p.name]
