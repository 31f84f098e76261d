"""`adopt-fast fix` on awkward files: bytes that must survive, bad input, --diff, exit codes."""

from __future__ import annotations

import gc
import os
import stat
from pathlib import Path

import pytest
from fixtesting import run_fix

from testing import write_files

# (raw bytes, fixed bytes): everything outside the removed import survives byte for byte.
SURVIVES = [
    pytest.param(
        b"import os\r\nfrom string import (\r\n    b,  # keep me\r\n    c,\r\n)\r\nprint(c)\r\n",
        b"# keep me\r\nfrom string import (\r\n    c,\r\n)\r\nprint(c)\r\n",
        id="crlf",
    ),
    pytest.param(
        b"\xef\xbb\xbfimport os\nx = '\xc3\xa9'\n", b"\xef\xbb\xbfx = '\xc3\xa9'\n", id="bom"
    ),
    pytest.param(
        b"# -*- coding: utf-8 -*-\nimport os\nx = 1\n",
        b"# -*- coding: utf-8 -*-\nx = 1\n",
        id="utf8-cookie",
    ),
    pytest.param(
        b"# -*- coding: latin-1 -*-\nimport os\nx = '\xe9'\n",
        b"# -*- coding: latin-1 -*-\nx = '\xe9'\n",
        id="latin1-cookie",
    ),
    pytest.param(
        b"#!/usr/bin/env python\n# coding: cp1252\nimport os\r\nx = '\x80'\r\n",
        b"#!/usr/bin/env python\n# coding: cp1252\nx = '\x80'\r\n",
        id="cp1252-mixed-endings",
    ),
    pytest.param(
        b"x = '\xc3\xa9\xc3\xa9'; import os\nimport sys\ny = 1",
        b"x = '\xc3\xa9\xc3\xa9'; \ny = 1",
        id="non-ascii-before-import-no-final-newline",
    ),
]


@pytest.mark.parametrize(("raw", "fixed"), SURVIVES)
def test_bytes_outside_the_fix_survive(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], raw: bytes, fixed: bytes
) -> None:
    write_files(tmp_path, {"mod.py": raw})
    (tmp_path / "mod.py").chmod(0o751)
    result = run_fix(tmp_path, capsys, "mod.py")
    assert (result.code, (tmp_path / "mod.py").read_bytes()) == (1, fixed), result.err
    assert stat.S_IMODE((tmp_path / "mod.py").stat().st_mode) == 0o751
    assert run_fix(tmp_path, capsys, "mod.py").code == 0


def test_diff_prints_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = b"import os\r\nimport sys\r\nprint(sys)\r\n"
    write_files(tmp_path, {"mod.py": source, "clean.py": "x = 1\n"})
    result = run_fix(tmp_path, capsys, "--diff")
    assert result.code == 1
    assert result.out == (
        "--- a/mod.py\n+++ b/mod.py\n@@ -1,3 +1,2 @@\n-import os\r\n import sys\r\n print(sys)\r\n"
    )
    assert (tmp_path / "mod.py").read_bytes() == source
    assert "Fixing" not in result.err


def test_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_files(tmp_path, {"mod.py": "import os\n"})
    assert run_fix(tmp_path, capsys).code == 1
    assert run_fix(tmp_path, capsys).code == 0
    assert run_fix(tmp_path, capsys, "--diff").code == 0
    assert run_fix(tmp_path, capsys, "missing.py").code == 2
    assert run_fix(tmp_path, capsys, "mod.py", "--", "pytest").code == 2
    with pytest.raises(SystemExit) as usage:
        run_fix(tmp_path, capsys, "--diff", "--verify")
    assert usage.value.code == 2


def _symlink(root: Path) -> None:
    os.symlink("target.py", root / "bad.py")


def _read_only(root: Path) -> None:
    (root / "bad.py").chmod(0o444)


# (name, bad file's bytes, how to make it bad, message): each is reported, left as it was, and
# the good file next to it is still fixed.
BAD_INPUT = [
    pytest.param(
        b"import os\nx = '\xe9'\n",
        None,
        "bad.py:2: is not valid utf-8 (byte 0xe9) and declares no other encoding",
        id="not-utf8-no-cookie",
    ),
    pytest.param(
        b"# -*- coding: latin-1 -*-\nimport os\nx = '\xe9'\n",
        None,
        None,
        id="latin1-cookie-is-fine",
    ),
    pytest.param(
        b"# -*- coding: klingon -*-\nimport os\n",
        None,
        "bad.py:1: has an unusable encoding declaration: unknown encoding: klingon",
        id="unknown-codec",
    ),
    pytest.param(
        b"import os\ndef f(:\n    pass\n", None, "bad.py:2: does not parse: ", id="syntax-error"
    ),
    pytest.param(
        b"import os\n", _read_only, "bad.py: is read-only; left untouched", id="read-only"
    ),
    pytest.param(
        None, _symlink, "bad.py: is a symbolic link; not editing through it", id="symlink"
    ),
    pytest.param(b"", None, None, id="empty"),
    pytest.param(b"\xef\xbb\xbf", None, None, id="bom-only"),
]


@pytest.mark.parametrize(("raw", "make_bad", "message"), BAD_INPUT)
@pytest.mark.parametrize("how", ["folder", "files"])
def test_bad_input_is_reported_and_the_run_goes_on(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    raw: bytes | None,
    make_bad: object,
    message: str | None,
    how: str,
) -> None:
    write_files(tmp_path, {"good.py": "import os\n", "target.py": "import os\nx = 1\n"})
    if raw is not None:
        write_files(tmp_path, {"bad.py": raw})
    if callable(make_bad):
        make_bad(tmp_path)
    before = (tmp_path / "bad.py").read_bytes()
    result = run_fix(tmp_path, capsys, *(["."] if how == "folder" else ["good.py", "bad.py"]))
    assert (tmp_path / "good.py").read_text() == ""
    if make_bad is _symlink:
        assert (tmp_path / "bad.py").is_symlink()
        if how == "folder":  # the link's target is fixed in the same run: nothing to say
            assert (result.code, (tmp_path / "target.py").read_text()) == (1, "x = 1\n")
            assert "bad.py" not in result.err
            return
    fixed = before if message else before.replace(b"import os\n", b"")
    assert (tmp_path / "bad.py").read_bytes() == fixed
    if message is None:
        assert result.code == 1
        assert ("Fixing bad.py" in result.err) == (fixed != before), result.err
        return
    assert result.code == 2
    lines = [line for line in result.err.splitlines() if "bad.py" in line]
    assert len(lines) == 1 and lines[0].startswith(f"adopt-fast: {message}"), result.err
    assert lines[0].endswith(")"), "every message names the fix in parentheses"


def test_a_link_to_a_file_outside_the_run_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_files(tmp_path, {"outside/target.py": "import os\n", "project/good.py": "x = 1\n"})
    os.symlink("../outside/target.py", tmp_path / "project" / "link.py")
    result = run_fix(tmp_path / "project", capsys)
    assert result.code == 2
    assert result.err.startswith("adopt-fast: link.py: is a symbolic link; not editing through it")
    assert (tmp_path / "outside" / "target.py").read_text() == "import os\n"


def test_ruff_failing_on_the_config_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_files(tmp_path, {"ruff.toml": "line-length = 'long'\n", "mod.py": "import os\n"})
    result = run_fix(tmp_path, capsys)
    assert result.code == 2
    assert result.err.startswith("adopt-fast: ") and "Ruff could not check it" in result.err
    assert (tmp_path / "mod.py").read_text() == "import os\n"


def test_notebooks_are_left_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notebook = (
        '{"cells": [{"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [],'
        ' "source": ["import os\\n", "x = 1"]}], "metadata": {}, "nbformat": 4,'
        ' "nbformat_minor": 5}'
    )
    write_files(tmp_path, {"n.ipynb": notebook, "mod.py": "import os\n"})
    result = run_fix(tmp_path, capsys)
    assert result.code == 1 and (tmp_path / "n.ipynb").read_text() == notebook
    assert (tmp_path / "mod.py").read_text() == ""


@pytest.mark.parametrize("enabled", [True, False], ids=["collector-on", "collector-off"])
def test_the_garbage_collector_is_left_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], enabled: bool
) -> None:
    """The fix turns the cyclic collector off while it runs (for speed), and back on after,
    also when it fails: a program calling it keeps its own setting."""
    write_files(tmp_path, {"mod.py": "import os\n", "bad.py": "def (:\n"})
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        result = run_fix(tmp_path, capsys)
        assert (result.code, gc.isenabled()) == (2, enabled), result.err
    finally:
        (gc.enable if was else gc.disable)()


def test_the_garbage_collector_is_off_during_the_fix_and_back_after_a_fault(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A fault inside the fix (one no input causes: a bug) still puts the collector back.
    from adopt_fast.imports import engine

    seen = []

    def failing(*args: object, **kwargs: object) -> int:
        seen.append(gc.isenabled())
        raise RuntimeError("a bug")

    monkeypatch.setattr(engine, "_fix_imports", failing)
    was = gc.isenabled()
    gc.enable()
    try:
        with pytest.raises(RuntimeError):
            engine.fix_imports(["mod.py"])
        assert (seen, gc.isenabled()) == ([False], True)
    finally:
        (gc.enable if was else gc.disable)()
