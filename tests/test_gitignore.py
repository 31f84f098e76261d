"""The .gitignore editor and the `adopt-fast-cache-ignore` hook, on real files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from adopt_fast.edits.gitignore import plan_ignore
from pre_commit_hooks.adopt_fast_cache_ignore import main


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(".ruff_cache\n", id="bare"),
        pytest.param(".ruff_cache/\n", id="slash"),
        pytest.param("/.ruff_cache/\n", id="anchored"),
        pytest.param("**/.ruff_cache\n", id="any-depth"),
        pytest.param("build/\n  .ruff_cache/  \nnode_modules/\n", id="padded-middle"),
        pytest.param("a\r\n.ruff_cache\r\n", id="crlf"),
        pytest.param("a\n.ruff_cache", id="no-final-newline"),
    ],
)
def test_covered_patterns_are_left_alone(tmp_path: Path, content: str) -> None:
    (tmp_path / ".gitignore").write_bytes(content.encode())
    assert plan_ignore(str(tmp_path)) is None


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(b"", b".ruff_cache/\n", id="empty"),
        pytest.param(b"build/\n", b"build/\n.ruff_cache/\n", id="lf"),
        pytest.param(b"build/\r\ndist/\r\n", b"build/\r\ndist/\r\n.ruff_cache/\r\n", id="crlf"),
        pytest.param(b"build/", b"build/\n.ruff_cache/", id="no-final-newline-kept"),
        pytest.param(b"a\r\nb", b"a\r\nb\r\n.ruff_cache/", id="crlf-no-final-newline"),
        pytest.param(b"\xef\xbb\xbfbuild/\n", b"\xef\xbb\xbfbuild/\n.ruff_cache/\n", id="bom"),
        pytest.param(b"# .ruff_cache/\n", b"# .ruff_cache/\n.ruff_cache/\n", id="commented-out"),
        pytest.param(b"!.ruff_cache/x\n", b"!.ruff_cache/x\n.ruff_cache/\n", id="negation-only"),
        pytest.param(b"sub/.ruff_cache/\n", b"sub/.ruff_cache/\n.ruff_cache/\n", id="nested-only"),
    ],
)
def test_entry_is_added_keeping_the_file_shape(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, before: bytes, after: bytes
) -> None:
    (tmp_path / ".gitignore").write_bytes(before)
    monkeypatch.chdir(tmp_path)
    assert main([]) == 1
    assert (tmp_path / ".gitignore").read_bytes() == after
    assert main([]) == 0, "a second run must change nothing"
    assert (tmp_path / ".gitignore").read_bytes() == after


def test_missing_gitignore_is_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main([]) == 1
    assert capsys.readouterr().err == "Fixing .gitignore\n"
    assert (tmp_path / ".gitignore").read_bytes() == b".ruff_cache/\n"


def test_permissions_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / ".gitignore"
    path.write_bytes(b"build/\n")
    path.chmod(0o640)
    monkeypatch.chdir(tmp_path)
    assert main([]) == 1
    assert path.stat().st_mode & 0o777 == 0o640


def _bad_undecodable(path: Path) -> None:
    path.write_bytes(b"build/\n\xff\xfe caf\xe9\n")


def _bad_read_only(path: Path) -> None:
    path.write_bytes(b"build/\n")
    path.chmod(0o444)


def _bad_symlink(path: Path) -> None:
    target = path.parent / "shared-ignore"
    target.write_bytes(b"build/\n")
    path.symlink_to(target)


@pytest.mark.parametrize(
    ("make_bad", "message"),
    [
        pytest.param(_bad_undecodable, ".gitignore:2: is not valid UTF-8", id="not-utf8"),
        pytest.param(_bad_read_only, ".gitignore: is read-only", id="read-only"),
        pytest.param(_bad_symlink, ".gitignore: is a symbolic link", id="symlink"),
    ],
)
def test_bad_gitignore_is_reported_and_untouched(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    make_bad: object,
    message: str,
) -> None:
    path = tmp_path / ".gitignore"
    make_bad(path)  # type: ignore[operator]
    before = {
        p.name: (p.read_bytes(), p.lstat().st_mode) for p in tmp_path.iterdir() if p.is_file()
    }
    monkeypatch.chdir(tmp_path)
    assert main([]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("adopt-fast: ") and message in err, err
    assert "(" in err and err.rstrip().endswith(")"), "the message names the fix"
    after = {p.name: (p.read_bytes(), p.lstat().st_mode) for p in tmp_path.iterdir() if p.is_file()}
    assert after == before
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]


@pytest.mark.parametrize(
    ("fault", "code", "message"),
    [
        pytest.param(OSError(28, "No space left on device"), 3, "internal error: OSError", id="os"),
        pytest.param(KeyboardInterrupt(), 130, "interrupted", id="interrupt"),
    ],
)
def test_a_failing_write_is_one_line_not_a_traceback(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    fault: BaseException,
    code: int,
    message: str,
) -> None:
    # A full disk cannot be arranged here: the write itself is made to fail.
    from adopt_fast.edits import change

    def failing_write(path: str, data: bytes) -> None:
        raise fault

    monkeypatch.setattr(change, "write_atomic", failing_write)
    (tmp_path / ".gitignore").write_bytes(b"build/\n")
    monkeypatch.chdir(tmp_path)
    assert main([]) == code
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("adopt-fast-cache-ignore: ") and message in err
    assert (tmp_path / ".gitignore").read_bytes() == b"build/\n"
