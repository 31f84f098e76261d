"""The README's main-job command and the demo project it benches stay in working order."""

from __future__ import annotations

import re
import shlex
import shutil
import sys
from pathlib import Path

from adopt_fast.cli import build_parser
from testing import ROOT, run

DEMO = ROOT / "examples" / "demo-project"


def main_job_command() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    # The shell line itself: other lines (jit status's sample output) may quote `&&` commands.
    (line,) = [
        line
        for line in readme.splitlines()
        if re.match(r"\(?\s*\S+/python -m venv ", line) and "adopt-fast bench" in line
    ]
    return line


def test_main_job_command_leaves_the_shell_where_it_was() -> None:
    """Its `cd` happens in a subshell: the test command pasted next runs from the clone's
    root, not inside the demo project."""
    line = main_job_command()
    assert line.startswith("( ") and line.endswith(" )")


def test_main_job_command_lints_then_benches_the_demo_project() -> None:
    line = main_job_command().removeprefix("( ").removesuffix(" )")
    steps = [shlex.split(step) for step in line.split("&&")]
    assert ["cd", "examples/demo-project"] in steps
    assert (ROOT / "examples" / "demo-project" / "pyproject.toml").is_file()
    check = next(s for s in steps if s[1:2] == ["check"])
    bench = next(s for s in steps if s[1:2] == ["bench"])
    assert steps.index(check) < steps.index(bench)
    assert re.fullmatch(r".*/python", steps[0][0]) and steps[0][1:3] == ["-m", "venv"]
    args = build_parser().parse_args(bench[1:])
    assert args.python == ["3.12", "pypy3"]


def test_demo_suite_passes(tmp_path: Path) -> None:
    # A copy, so that no __pycache__ is written into the repository.
    demo = shutil.copytree(
        DEMO, tmp_path / "demo", ignore=shutil.ignore_patterns(".*", "__pycache__")
    )
    done = run(
        sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=demo, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"\b19 passed\b", done.stdout), done.stdout
