"""`adopt-fast fix --verify`: a real pytest suite that a removal breaks, bisected and restored."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from fixtesting import run_fix

from adopt_fast.imports.verify import SuiteRun, find_breaking
from testing import write_files

# A project whose own tests break when two of the "unused" imports go: a plugin module whose
# class registers itself on import through its base class (`__init_subclass__`, which no rule
# of the fix sees), and a name looked up with getattr() on the module. The module
# with the plugin import has a truly unused one too (`json`), which must still go.
PROJECT = {
    "pyproject.toml": "[tool.pytest.ini_options]\npythonpath = ['.']\n",
    "pkg/__init__.py": "",
    "pkg/registry.py": "HANDLERS = {}\n\n\nclass Handler:\n"
    "    def __init_subclass__(cls, **kwargs):\n        super().__init_subclass__(**kwargs)\n"
    "        HANDLERS[cls.kind] = cls.read\n",
    "pkg/plugin_csv.py": "from pkg.registry import Handler\n\n\nclass CSV(Handler):\n"
    "    kind = 'csv'\n\n    @staticmethod\n    def read(text):\n        return text.split(',')\n",
    "pkg/app.py": "import json\nimport pkg.plugin_csv\nfrom pkg.registry import HANDLERS\n\n\n"
    "def read(kind, text):\n    return HANDLERS[kind](text)\n",
    "pkg/dynamic.py": "import sys\nfrom fractions import Fraction\n\n\n"
    "def make(kind, value):\n    return getattr(sys.modules[__name__], kind)(value)\n",
    "pkg/util.py": "import json\nimport os\n\n\ndef double(x):\n    return 2 * x\n",
    "pkg/more.py": "import re\n\nVALUE = 1\n",
    "tests/test_pkg.py": "from pkg import app, dynamic, more, util\n\n\n"
    "def test_read():\n    assert app.read('csv', 'a,b') == ['a', 'b']\n\n\n"
    "def test_make():\n    assert dynamic.make('Fraction', '1/2').denominator == 2\n\n\n"
    "def test_util():\n    assert util.double(2) == 4 and more.VALUE == 1\n",
}
TESTS = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "tests"]


def test_breaking_changes_are_found_and_restored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_files(tmp_path, PROJECT)
    result = run_fix(tmp_path, capsys, "--verify", "pkg", "--", *TESTS)
    assert result.code == 1, result.err
    assert (tmp_path / "pkg/app.py").read_text() == PROJECT["pkg/app.py"].replace(
        "import json\n", ""
    )
    assert (tmp_path / "pkg/dynamic.py").read_text() == PROJECT["pkg/dynamic.py"]
    kept = [line.split(" (")[0] for line in result.err.splitlines() if ": kept `" in line]
    assert kept == [
        "pkg/app.py:2:8: kept `pkg.plugin_csv`",
        "pkg/dynamic.py:2:23: kept `fractions.Fraction`",
    ]
    assert "the tests fail without it" in result.err and "Reverted pkg/dynamic.py" in result.err
    assert "KeyError: 'csv'" in result.err and "has no attribute 'Fraction'" in result.err
    assert (tmp_path / "pkg/util.py").read_text() == "\n\ndef double(x):\n    return 2 * x\n"
    assert (tmp_path / "pkg/more.py").read_text() == "\nVALUE = 1\n"
    assert "Fixing pkg/util.py" in result.err and "Fixing pkg/more.py" in result.err
    assert "Fixing pkg/app.py" in result.err and "Fixing pkg/dynamic.py" not in result.err


def test_the_next_step_is_printed_and_a_second_run_that_changes_nothing_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_files(tmp_path, PROJECT)
    first = run_fix(tmp_path, capsys, "--verify", "pkg", "--", *TESTS)
    assert first.code == 1, first.err
    *_, hint, count = first.err.splitlines()
    assert count == "adopt-fast: removed 4 unused imports", first.err
    assert hint == (
        "adopt-fast: verify: to keep them without --verify (and in the hook), add "
        '"pkg.plugin_csv", "fractions.Fraction" to `allowed-unused-imports` under '
        "`[tool.ruff.lint.pyflakes]` (`[lint.pyflakes]` in ruff.toml), or end their lines "
        "with `# noqa: F401`"
    )
    after_first = {p: (tmp_path / p).read_text() for p in PROJECT}
    second = run_fix(tmp_path, capsys, "--verify", "pkg", "--", *TESTS)
    assert second.code == 0, second.err  # the same imports put back again: nothing changed
    assert {p: (tmp_path / p).read_text() for p in PROJECT} == after_first
    assert second.err.splitlines()[-1] == hint
    # Following the hint: a plain fix (what the hook runs) now keeps them, with nothing to say.
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text() + "[tool.ruff.lint.pyflakes]\n"
        "allowed-unused-imports = ['pkg.plugin_csv', 'fractions.Fraction']\n"
    )
    plain = run_fix(tmp_path, capsys, "pkg")
    assert (plain.code, plain.out, plain.err) == (0, "", "")


APP_TAIL = "from pkg.registry import HANDLERS\n\n\ndef read(kind, text):\n    return HANDLERS[kind](text)\n"


@pytest.mark.parametrize(
    ("app", "fixed", "kept", "unsafe"),
    [
        pytest.param(
            "import os\nimport pkg.plugin_csv\nimport json\n",
            "import pkg.plugin_csv\n",
            ["pkg/app.py:2:8: kept `pkg.plugin_csv`"],
            (),
            id="between-two-safe-ones",
        ),
        pytest.param(
            "import os, pkg.plugin_csv\nimport json\n",
            "import os, pkg.plugin_csv\n",
            ["pkg/app.py:1:12: kept `pkg.plugin_csv`"],
            (),
            id="same-statement-as-a-safe-one",
        ),
        pytest.param(
            "try:\n    import yaml\nexcept ImportError:\n    pass\nimport pkg.plugin_csv\n",
            "try:\n    pass\nexcept ImportError:\n    pass\nimport pkg.plugin_csv\n",
            ["pkg/app.py:5:8: kept `pkg.plugin_csv`"],
            ("--unsafe",),
            id="unsafe-removal-stays",
        ),
    ],
)
def test_only_the_breaking_imports_of_a_file_are_restored(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    app: str,
    fixed: str,
    kept: list[str],
    unsafe: tuple[str, ...],
) -> None:
    files = {k: v for k, v in PROJECT.items() if k not in ("pkg/dynamic.py", "pkg/util.py")}
    files["pkg/app.py"] = app + APP_TAIL
    files["tests/test_pkg.py"] = (
        "from pkg import app\n\n\ndef test_read():\n    assert app.read('csv', 'a') == ['a']\n"
    )
    write_files(tmp_path, files)
    result = run_fix(tmp_path, capsys, "--verify", *unsafe, "pkg", "--", *TESTS)
    assert result.code == 1, result.err
    assert (tmp_path / "pkg/app.py").read_text() == fixed + APP_TAIL
    assert [line.split(" (")[0] for line in result.err.splitlines() if ": kept `" in line] == kept
    assert "Fixing pkg/app.py" in result.err and "Reverted" not in result.err
    assert ("removed `yaml` (--unsafe" in result.err) == bool(unsafe)


def test_tests_failing_before_means_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_files(tmp_path, {**PROJECT, "tests/test_broken.py": "def test_x():\n    assert False\n"})
    result = run_fix(tmp_path, capsys, "--verify", "pkg", "--", *TESTS)
    assert result.code == 2
    assert "the tests fail before any change" in result.err and "assert False" in result.err
    assert (tmp_path / "pkg/util.py").read_text() == PROJECT["pkg/util.py"]


def test_passing_after_keeps_every_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = {k: v for k, v in PROJECT.items() if k not in ("pkg/app.py", "pkg/dynamic.py")}
    files["tests/test_pkg.py"] = (
        "from pkg import util\n\n\ndef test_util():\n    assert util.double(2) == 4\n"
    )
    write_files(tmp_path, files)
    result = run_fix(tmp_path, capsys, "--verify", "pkg", "--", *TESTS)
    assert result.code == 1, result.err
    assert "Reverted" not in result.err
    assert (tmp_path / "pkg/util.py").read_text() == "\n\ndef double(x):\n    return 2 * x\n"


@pytest.mark.parametrize(
    ("count", "breaks", "expected"),
    [
        pytest.param(1, lambda s: 0 in s, [0], id="single"),
        pytest.param(8, lambda s: 5 in s, [5], id="one-of-eight"),
        pytest.param(8, lambda s: 0 in s or 7 in s, [0, 7], id="first-and-last"),
        pytest.param(6, lambda s: {2, 4} <= s, [4], id="only-together"),
        pytest.param(5, lambda s: len(s) > 0, [0, 1, 2, 3, 4], id="every-one"),
    ],
)
def test_bisection_names_the_culprits(count: int, breaks: object, expected: list[int]) -> None:
    calls = []

    def run_with(applied: frozenset[int]) -> SuiteRun:
        calls.append(applied)
        assert callable(breaks)
        return SuiteRun(1 if breaks(applied) else 0, f"with {sorted(applied)}", 0.0)

    found = find_breaking(count, run_with)
    assert [index for index, _ in found] == expected
    assert all(not run.passed for _, run in found)
    assert len(calls) == len(set(calls)), "no test run is repeated"
