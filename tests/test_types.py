"""The sources type-check under mypy --strict (configured in pyproject.toml)."""

from __future__ import annotations

import sys

from testing import ROOT, run


def test_mypy_strict_passes() -> None:
    proc = run(sys.executable, "-m", "mypy", "--cache-dir", "/dev/null", cwd=ROOT, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Success: no issues found in" in proc.stdout
