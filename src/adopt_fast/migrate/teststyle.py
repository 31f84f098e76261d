"""Which style a project's tests are written in: unittest's `self.assertEqual(...)` or
pytest's bare `assert`. Ruff's PT family asks for pytest idioms (PT009 flags every
`self.assert*` call), so `init` leaves it out of a unittest-style suite."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

# Folders no project keeps its own tests in (virtualenvs, build output, VCS data).
SKIPPED_DIRS = frozenset(
    {"build", "dist", "node_modules", "site-packages", "venv", "__pycache__", "docs"}
)
_UNITTEST_ASSERT = re.compile(r"\bself\.(?:assert[A-Z]\w*|fail[A-Z]\w*)\s*\(")
_PLAIN_ASSERT = re.compile(r"^\s*assert\b", re.MULTILINE)
_TESTS_DIR = frozenset({"test", "tests", "testing"})


@dataclass(frozen=True)
class SuiteStyle:
    files: int  # test files read
    unittest_asserts: int  # `self.assertEqual(...)`-style calls
    plain_asserts: int  # `assert` statements

    @property
    def unittest(self) -> bool:
        """The suite asserts mostly through TestCase methods: PT would flag each one."""
        return self.unittest_asserts > self.plain_asserts

    def describe(self) -> str:
        return (
            f"{self.unittest_asserts} `self.assert*` calls against {self.plain_asserts} "
            f"`assert` statements in {self.files} test files"
        )


def _is_test_file(relative_dir: list[str], name: str) -> bool:
    if not name.endswith(".py"):
        return False
    stem = name[:-3]
    return stem.startswith("test") or stem.endswith("_test") or bool(_TESTS_DIR & {*relative_dir})


def find_test_files(root: str) -> list[str]:
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
        parts = os.path.relpath(folder, root).split(os.sep)
        found += [os.path.join(folder, f) for f in sorted(files) if _is_test_file(parts, f)]
    return found


def suite_style(root: str) -> SuiteStyle:
    unittest = plain = 0
    files = find_test_files(root)
    for path in files:
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read()
        except OSError:
            continue
        unittest += len(_UNITTEST_ASSERT.findall(text))
        plain += len(_PLAIN_ASSERT.findall(text))
    return SuiteStyle(len(files), unittest, plain)
