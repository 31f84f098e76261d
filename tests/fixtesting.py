"""Helpers for the `adopt-fast fix` tests: a project in tmp_path, one real run of the CLI."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from adopt_fast.cli import main


@dataclass(frozen=True)
class FixResult:
    code: int
    out: str
    err: str


def run_fix(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> FixResult:
    """`adopt-fast fix ARGS` in `root`, in this process (Ruff itself runs for real)."""
    here = os.getcwd()
    os.chdir(root)
    try:
        capsys.readouterr()
        code = main(["fix", *args])
        captured = capsys.readouterr()
    finally:
        os.chdir(here)
    return FixResult(code, captured.out, captured.err)
