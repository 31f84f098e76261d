"""Outcomes from every pytest process of a run (bench.pytest_outcomes), whatever the command."""

from __future__ import annotations

import json
import os
import shutil
import sys
import textwrap
from pathlib import Path

import pytest

from adopt_fast.bench.configs import OUTCOME_PLUGIN
from adopt_fast.bench.pytest_outcomes import OUTCOMES_VAR
from adopt_fast.bench.runner import CaseResult, read_outcomes
from adopt_fast.interpreters import find
from testing import require, run, script

SUITE = """\
import pytest

@pytest.fixture
def broken_setup():
    raise RuntimeError("setup broke")

@pytest.fixture
def broken_teardown():
    yield
    raise RuntimeError("teardown broke")

def test_passes():
    pass

def test_fails():
    assert 1 == 2

def test_skips():
    pytest.skip("not here")

@pytest.mark.xfail(reason="known")
def test_xfails():
    assert False

@pytest.mark.xfail(strict=True)
def test_xpass_strict():
    pass

def test_setup_error(broken_setup):
    pass

def test_teardown_error(broken_teardown):
    pass
"""

EXPECTED = {
    "tests/test_mix.py::test_passes": "passed",
    "tests/test_mix.py::test_fails": "failed",
    "tests/test_mix.py::test_skips": "skipped",
    "tests/test_mix.py::test_xfails": "skipped",
    "tests/test_mix.py::test_xpass_strict": "failed",
    "tests/test_mix.py::test_setup_error": "errors",
    "tests/test_mix.py::test_teardown_error": "errors",
    "tests/test_broken.py": "errors",
}


def project(root: Path) -> Path:
    (root / "tests").mkdir(parents=True)
    (root / "tests" / "test_mix.py").write_text(SUITE, encoding="utf-8")
    (root / "tests" / "test_broken.py").write_text("import not_installed_here\n", encoding="utf-8")
    return root


def pytest_env(outcomes: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_ADDOPTS"}
    return {**env, "PYTEST_PLUGINS": OUTCOME_PLUGIN, OUTCOMES_VAR: str(outcomes)}


def outcomes_of(path: Path) -> dict[str, str]:
    tests = read_outcomes(str(path))
    assert tests is not None
    return {name: case.outcome for name, case in tests.items()}


@pytest.mark.parametrize(
    "args",
    [
        pytest.param([], id="one-process"),
        pytest.param(["-n", "2"], id="xdist-workers-report-through-their-controller"),
    ],
)
def test_every_outcome_is_recorded_as_junit_would(tmp_path: Path, args: list[str]) -> None:
    root = project(tmp_path / "p")
    out = tmp_path / "outcomes.jsonl"
    done = run(
        sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args, "tests",
        "--continue-on-collection-errors", cwd=root, env=pytest_env(out), check=False,
    )  # fmt: skip
    assert done.returncode == 1, done.stdout
    assert outcomes_of(out) == EXPECTED
    tests = read_outcomes(str(out))
    assert tests is not None
    assert tests["tests/test_mix.py::test_fails"].message == "assert 1 == 2"
    assert "No module named 'not_installed_here'" in tests["tests/test_broken.py"].message
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len({line["pid"] for line in lines}) == 1  # the controller only
    assert lines[-1]["exitstatus"] == 1


def test_a_pytest_run_inside_a_test_is_not_the_suites_outcome(tmp_path: Path) -> None:
    root = tmp_path / "p"
    (root / "tests").mkdir(parents=True)
    (root / "tests" / "test_outer.py").write_text(
        textwrap.dedent(f"""\
            import subprocess, sys

            def test_runs_an_inner_pytest(tmp_path):
                (tmp_path / "test_inner.py").write_text("def test_inner(): pass\\n")
                subprocess.run([sys.executable, "-m", "pytest", "-q", str(tmp_path)], check=True)
                assert {OUTCOMES_VAR!r} not in __import__("os").environ
            """),
        encoding="utf-8",
    )
    out = tmp_path / "outcomes.jsonl"
    done = run(sys.executable, "-m", "pytest", "-q", "tests", cwd=root, env=pytest_env(out))
    assert done.returncode == 0
    assert outcomes_of(out) == {"tests/test_outer.py::test_runs_an_inner_pytest": "passed"}


def test_two_pytest_processes_in_one_command_are_kept_apart(tmp_path: Path) -> None:
    out = tmp_path / "outcomes.jsonl"
    out.write_text(
        "".join(
            json.dumps(line) + "\n"
            for line in (
                {"pid": 1, "test": "t.py::a", "outcome": "passed", "seconds": 0.5},
                {"pid": 1, "exitstatus": 0},
                {"pid": 2, "test": "t.py::a", "outcome": "failed", "seconds": 0.25},
                {"pid": 2, "exitstatus": 1},
            )
        ),
        encoding="utf-8",
    )
    assert read_outcomes(str(out)) == {
        "t.py::a": CaseResult("passed", 0.5, ""),
        "t.py::a [pytest process 2]": CaseResult("failed", 0.25, ""),
    }
    assert read_outcomes(str(tmp_path / "none.jsonl")) is None


def bench_json(root: Path, *args: str) -> tuple[int, dict]:
    out = root / "bench.json"
    done = run(script("adopt-fast"), "bench", "--json", out, *args, cwd=root, check=False)
    assert done.returncode in (0, 1), done.stdout + done.stderr
    return done.returncode, json.loads(out.read_text(encoding="utf-8"))


def small_suite(root: Path) -> Path:
    (root / "tests" / "unit").mkdir(parents=True)
    (root / "tests" / "unit" / "test_a.py").write_text(
        "def test_one(): pass\n\ndef test_two(): pass\n", encoding="utf-8"
    )
    (root / "tests" / "test_b.py").write_text("def test_three(): pass\n", encoding="utf-8")
    return root


@pytest.mark.slow
@pytest.mark.parametrize(
    ("command", "passed"),
    [
        pytest.param(["python", "-m", "pytest", "-q", "tests"], 3, id="python-m-pytest"),
        pytest.param(["pytest", "-x", "tests/unit"], 2, id="pytest-x-subfolder"),
        pytest.param(
            ["sh", "-c", "pytest -q tests/unit && python -m pytest -q tests/test_b.py"],
            3,
            id="a-script-running-pytest-twice",
        ),
    ],
)
def test_a_custom_command_keeps_the_outcome_check(
    tmp_path: Path, command: list[str], passed: int
) -> None:
    root = small_suite(tmp_path / "p")
    code, data = bench_json(root, "--runs", "2", "--warmup", "0", "--", *command)
    assert code == 0
    base = data["configs"][0]
    assert base["outcomes"] == {"passed": passed, "failed": 0, "skipped": 0, "errors": 0}
    comparison = next(iter(data["comparisons"]), None)
    if comparison:  # the Pyston-lite candidate ran (a CPython 3.10 test environment)
        assert comparison["outcomes"] == "identical"


@pytest.mark.slow
def test_a_command_that_runs_no_pytest_has_unknown_outcomes(tmp_path: Path) -> None:
    other = find("3.12") or find("3.13")
    require(other, "no working CPython 3.12 or 3.13")
    assert other is not None
    root = small_suite(tmp_path / "p")
    code, data = bench_json(
        root, "--runs", "2", "--warmup", "0", "--python", other.path, "--", "python", "-c", "pass"
    )
    assert code == 0
    assert data["configs"][0]["outcomes"] is None
    assert all(c["outcomes"] == "unknown" for c in data["comparisons"])
    assert "outcomes identical" not in data["verdict"]


@pytest.mark.slow
def test_pypy_is_a_first_class_interpreter(tmp_path: Path) -> None:
    pypy = shutil.which("pypy3")
    require(pypy, "no pypy3 (apt-get install -y pypy3 pypy3-venv)")
    root = small_suite(tmp_path / "p")
    (root / "p").mkdir()
    (root / "p" / "__init__.py").write_text("", encoding="utf-8")
    (root / "pyproject.toml").write_text(
        '[project]\nname = "p"\nversion = "1"\nrequires-python = ">=3.9"\n'
        '[project.optional-dependencies]\ntesting = ["pytest"]\n'
        '[dependency-groups]\ntests = ["pytest", "iniconfig"]\n'
        '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n',
        encoding="utf-8",
    )
    code, data = bench_json(root, "--runs", "2", "--warmup", "1", "--python", "pypy3")
    assert code == 0
    pypy_config = next(c for c in data["configs"] if c["interpreter"]["kind"] == "PyPy")
    assert pypy_config["interpreter"]["version"].startswith("3.")
    assert pypy_config["interpreter"]["implementation_version"]
    assert pypy_config["accelerator"]["name"] == "none"
    assert "dependency group 'tests'" in pypy_config["note"]
    # Outcomes come from the plugin, borrowed into an environment without adopt-fast.
    assert pypy_config["outcomes"] == {"passed": 3, "failed": 0, "skipped": 0, "errors": 0}
    assert any(c["candidate"] == pypy_config["name"] for c in data["comparisons"])
    assert data["metadata"]["cores"] >= 1 and data["metadata"]["cpu_model"]


@pytest.mark.slow
def test_the_pyperf_export_is_read_by_pyperf_compare_to(tmp_path: Path) -> None:
    root = small_suite(tmp_path / "p")
    exports = []
    for name, seconds in (("before", 0.3), ("after", 0.1)):
        export = tmp_path / f"{name}.json"
        sleep = f"import time; time.sleep({seconds})"
        run(
            script("adopt-fast"), "bench", "--runs", "3", "--warmup", "0", "--pyperf", export,
            "--", "python", "-c", sleep, cwd=root,
        )  # fmt: skip
        exports.append(export)
    data = json.loads(exports[0].read_text(encoding="utf-8"))
    assert data["version"] == "1.0"
    assert data["metadata"]["unit"] == "second"
    name = data["benchmarks"][0]["metadata"]["name"]
    assert len(data["benchmarks"][0]["runs"]) == 3
    done = run(sys.executable, "-m", "pyperf", "compare_to", *exports, "--table")
    assert name in done.stdout
    assert "faster" in done.stdout, done.stdout
    shown = run(sys.executable, "-m", "pyperf", "show", "--metadata", exports[0])
    assert "cpu_count" in shown.stdout
