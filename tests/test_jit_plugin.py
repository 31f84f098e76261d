"""The pytest plugin in real pytest runs: --jit, the ini option, precedence, xdist workers."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from venvs import Venv

pytestmark = pytest.mark.slow

# Each test records the JIT state of the process that runs it; one of them fails on purpose so
# that the exit code (1) can be compared across configurations.
TESTS = """
import os, pytest
from adopt_fast.jit import probe

@pytest.mark.parametrize("n", range(4))
def test_records_state(n):
    with open(os.environ["STATE_FILE"], "a") as f:
        f.write(f"{os.getpid()} {probe.jit_active()}\\n")

def test_fails():
    assert False
"""


def make_project(tmp_path: Path, ini: str | None = None) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    (project / "test_state.py").write_text(TESTS, encoding="utf-8")
    if ini is not None:
        (project / "pytest.ini").write_text(f"[pytest]\njit = {ini}\n", encoding="utf-8")
    return project


def run_pytest(
    venv: Venv, project: Path, *args: str, env_mode: str | None = None
) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    env = dict(
        os.environ,
        STATE_FILE=str(project / "state.txt"),
        ADOPT_FAST_JIT_REPORT=str(project / "report.jsonl"),
    )
    if env_mode is not None:
        env["ADOPT_FAST_JIT"] = env_mode
    done = venv.run("-m", "pytest", "-p", "no:cacheprovider", *args, cwd=project, env=env)
    state_file = project / "state.txt"
    lines = state_file.read_text().splitlines() if state_file.exists() else []
    states = {line.split()[1] for line in lines}
    return done, states


def header(stdout: str) -> str:
    (line,) = [line for line in stdout.splitlines() if line.startswith("jit: ")]
    return line


@pytest.mark.parametrize(
    ("args", "ini", "env_mode", "expected"),
    [
        pytest.param((), None, None, "jit: off", id="default-off"),
        pytest.param(("--jit=pyston",), None, None, "jit: pyston-lite 2.3.5 enabled", id="option"),
        pytest.param(("--jit=off",), None, None, "jit: off", id="option-off"),
        pytest.param((), "pyston", None, "jit: pyston-lite 2.3.5 enabled", id="ini"),
        pytest.param((), "pyston", "off", "jit: off", id="env-beats-ini"),
        pytest.param(
            ("--jit=pyston",), None, "off", "jit: pyston-lite 2.3.5 enabled", id="option-beats-env"
        ),
        pytest.param((), None, "pyston", "jit: pyston-lite 2.3.5 enabled", id="env"),
    ],
)
def test_header_and_state_of_the_test_process(
    py310_pyston_venv: Venv,
    tmp_path: Path,
    args: tuple[str, ...],
    ini: str | None,
    env_mode: str | None,
    expected: str,
) -> None:
    done, states = run_pytest(
        py310_pyston_venv, make_project(tmp_path, ini), *args, env_mode=env_mode
    )
    assert (header(done.stdout), states, done.returncode, done.stderr) == (
        expected,
        {str(expected.endswith("enabled"))},
        1,
        "",
    )
    # e.g. PytestAssertRewriteWarning when the start-up hook imported adopt_fast before pytest
    assert "warnings summary" not in done.stdout, done.stdout


@pytest.mark.parametrize("mode", ["pyston", "off"])
def test_xdist_workers_inherit_the_choice(
    py310_pyston_venv: Venv, tmp_path: Path, mode: str
) -> None:
    project = make_project(tmp_path)
    done, states = run_pytest(py310_pyston_venv, project, "-n", "2", f"--jit={mode}")
    reports = [json.loads(line) for line in (project / "report.jsonl").read_text().splitlines()]
    assert sorted(str(r["worker"]) for r in reports) == ["None", "gw0", "gw1"]
    assert {r["active"] for r in reports} == {mode == "pyston"}
    assert (states, done.returncode) == ({str(mode == "pyston")}, 1), done.stdout


def test_off_cannot_undo_a_running_jit(py310_pyston_venv: Venv, tmp_path: Path) -> None:
    done, _ = run_pytest(py310_pyston_venv, make_project(tmp_path), "--jit=off", env_mode="pyston")
    assert done.returncode == 4  # pytest's usage error
    assert "pyston-lite cannot be turned off: unset ADOPT_FAST_JIT" in done.stderr


def test_bad_ini_value_is_a_usage_error(py310_pyston_venv: Venv, tmp_path: Path) -> None:
    project = make_project(tmp_path, ini="fast")
    env = dict(os.environ)
    done = py310_pyston_venv.run("-m", "pytest", cwd=project, env=env)
    assert done.returncode == 4
    assert "ini option jit = 'fast': choose one of pyston, off" in done.stderr


@pytest.mark.parametrize(
    ("venv_name", "why"),
    [
        pytest.param("py312_venv", "pyston-lite needs CPython 3.7-3.10; this is 3.12", id="3.12"),
        pytest.param("py310_plain_venv", "pyston-lite is not installed in ", id="not-installed"),
    ],
)
def test_unavailable_jit_warns_once_and_tests_run(
    request: pytest.FixtureRequest, tmp_path: Path, venv_name: str, why: str
) -> None:
    venv: Venv = request.getfixturevalue(venv_name)
    done, states = run_pytest(venv, make_project(tmp_path), "-n", "2", "--jit=pyston")
    assert header(done.stdout).startswith(f"jit: unavailable ({why}")
    warnings = [line for line in done.stderr.splitlines() if "warning: JIT not enabled" in line]
    assert len(warnings) == 1, done.stderr
    assert (states, done.returncode) == ({"False"}, 1)
