"""Writes across files are all or nothing, and the smaller promises of "never lose a byte":
restored files after a failed replacement, whole-folder cache pruning, names that are not
UTF-8, escaped messages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from adopt_fast.cli import main
from adopt_fast.edits.change import Change, apply_all
from adopt_fast.errors import InputError, printable
from testing import require


def _files(root: Path) -> dict[str, tuple[int, bytes]]:
    return {
        p.name: (p.stat().st_mode, p.read_bytes()) for p in sorted(root.iterdir()) if p.is_file()
    }


def test_a_failed_replacement_restores_the_files_already_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The third rename fails (a fault that cannot be caused for real once every file and
    folder passed staging): the first file gets its bytes back, the created one goes."""
    (tmp_path / "a.toml").write_bytes(b"a = 1\r\n")
    (tmp_path / "a.toml").chmod(0o640)
    (tmp_path / "c.txt").write_bytes(b"c\n")
    before = _files(tmp_path)
    changes = [
        Change(str(tmp_path / "a.toml"), b"a = 1\r\n", b"a = 2\r\n"),
        Change(str(tmp_path / "b.txt"), None, b"new\n"),
        Change(str(tmp_path / "c.txt"), b"c\n", b"cc\n"),
    ]
    real_replace = os.replace
    calls: list[str] = []

    def replace(src: str, dst: str) -> None:
        calls.append(dst)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(InputError, match="every file was left as it was") as info:
        apply_all(changes, str(tmp_path))
    monkeypatch.setattr(os, "replace", real_replace)
    assert info.value.path.endswith("c.txt")
    assert _files(tmp_path) == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_failed_staging_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_bytes(b"a = 1\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.toml").write_bytes(b"b = 1\n")
    (tmp_path / "sub" / "b.toml").chmod(0o444)
    changes = [
        Change(str(tmp_path / "a.toml"), b"a = 1\n", b"a = 2\n"),
        Change(str(tmp_path / "sub" / "b.toml"), b"b = 1\n", b"b = 2\n"),
    ]
    with pytest.raises(InputError, match="read-only"):
        apply_all(changes)
    assert (tmp_path / "a.toml").read_bytes() == b"a = 1\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["_home", "a.toml", "sub"]
    assert sorted(p.name for p in (tmp_path / "sub").iterdir()) == ["b.toml"]


def test_init_rewrites_nothing_when_a_later_file_cannot_be_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The reported run: pyproject.toml was rewritten and .gitignore created before the
    pre-commit config (a link into a folder that cannot take a file) failed with exit 3."""
    root = tmp_path / "project"
    root.mkdir()
    (root / "pyproject.toml").write_text("[tool.ruff]\nline-length = 100\n")
    locked = root / "locked"
    locked.mkdir()
    (locked / "pcc.yaml").write_text("repos:\n- repo: local\n  hooks:\n  - id: x\n")
    (root / ".pre-commit-config.yaml").symlink_to("locked/pcc.yaml")
    locked.chmod(0o555)
    if os.access(locked, os.W_OK):  # root ignores modes: lock it with the immutable flag
        done = subprocess.run(["chattr", "+i", str(locked)], check=False, capture_output=True)
        require(done.returncode == 0, "chattr +i is not supported here")
    try:
        assert main(["init", str(root)]) == 2
    finally:
        subprocess.run(["chattr", "-i", str(locked)], check=False, capture_output=True)
        locked.chmod(0o755)
    assert ".pre-commit-config.yaml" in capsys.readouterr().err
    assert (root / "pyproject.toml").read_text() == "[tool.ruff]\nline-length = 100\n"
    assert not (root / ".gitignore").exists()


def test_prune_removes_a_stale_folder_whole_or_not_at_all(tmp_path: Path) -> None:
    from adopt_fast.edits.ruffcache import prune

    stale = tmp_path / ".ruff_cache" / "0.1.0"
    (stale / "deep").mkdir(parents=True)
    for name in ("a", "b", "deep/c"):
        (stale / name).write_text(name)
    (stale / "deep").chmod(0o555)
    locked = os.access(stale / "deep", os.W_OK)
    if locked:  # root ignores modes: lock it with the immutable flag
        done = subprocess.run(
            ["chattr", "+i", str(stale / "deep")], check=False, capture_output=True
        )
        require(done.returncode == 0, "chattr +i is not supported here")
    try:
        with pytest.raises(InputError, match="nothing was removed"):
            prune(str(tmp_path))
        assert sorted(p.name for p in stale.rglob("*")) == ["a", "b", "c", "deep"]
    finally:
        subprocess.run(["chattr", "-i", str(stale / "deep")], check=False, capture_output=True)
        (stale / "deep").chmod(0o755)
    assert [v.name for v in prune(str(tmp_path))] == ["0.1.0"]
    assert sorted(os.listdir(tmp_path / ".ruff_cache")) == []


def test_fix_finds_a_file_whose_name_is_not_utf8(tmp_path: Path) -> None:
    """Ruff writes such a name with U+FFFD; fix said the file did not exist."""
    name = os.fsdecode(b"caf\xe9.py")
    (tmp_path / name).write_text("import os\n")
    done = subprocess.run(
        [sys.executable, "-m", "adopt_fast", "fix", "."],
        cwd=tmp_path,
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert b"Fixing caf\\udce9.py" in done.stderr
    assert (tmp_path / name).read_text() == ""


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        pytest.param("a\x00b", "a\\x00b", id="nul"),
        pytest.param("a\nb", "a\\nb", id="newline"),
        pytest.param(os.fsdecode(b"caf\xe9"), "caf\\udce9", id="undecodable"),
        pytest.param("café ✓", "café ✓", id="unicode-kept"),
    ],
)
def test_messages_are_printable(text: str, shown: str) -> None:
    assert printable(text) == shown
    assert str(InputError(text, "bad", "fix")) == f"adopt-fast: {shown}: bad (fix)"
