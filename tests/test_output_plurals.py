"""Counts in messages agree with their nouns: "1 line", "1 changed file"."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from fixtesting import run_fix

from adopt_fast.cli import main
from testing import write_files


def test_init_counts_one_added_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_files(tmp_path, {"ruff.toml": '[lint]\nextend-select = ["F", "E4", "E7", "E9", "PLE"]\n'})
    assert main(["init", "--profile", "minimal", str(tmp_path)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "created adopt-fast.toml (+1 line)",
        "created .gitignore (+1 line)",
        (
            'note: there is no .pre-commit-config.yaml, so no hooks were wired (README, "Install '
            'through pre-commit")'
        ),
    ]


def test_verify_counts_one_changed_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_files(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/util.py": "import os\n\nVALUE = 1\n",
            "tests/test_util.py": "def test_value():\n    assert True\n",
        },
    )
    tests = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"]
    result = run_fix(tmp_path, capsys, "--verify", "pkg", "--", *tests)
    assert result.code == 1, result.err
    assert "applying 1 changed file and running them again" in result.err, result.err
