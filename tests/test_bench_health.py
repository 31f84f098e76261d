"""Whether a run ran the suite at all: from pytest's exit code and JUnit outcomes."""

from __future__ import annotations

from pathlib import Path

import pytest

from adopt_fast.bench import health
from adopt_fast.bench.runner import CaseResult, Run

IMPORT_ERROR = "ModuleNotFoundError: No module named 'pkg'"


def pytest_run(code: int, outcomes: list[str] | None, tail: str = "") -> Run:
    tests = (
        None
        if outcomes is None
        else {
            f"t::{i}": CaseResult(o, 0.0, IMPORT_ERROR if o == "errors" else "")
            for i, o in enumerate(outcomes)
        }
    )
    return Run(1.0, 40.0, code, tests, tail)


@pytest.mark.parametrize(
    ("run", "problem"),
    [
        pytest.param(
            pytest_run(2, ["errors", "errors"]),
            f"2 errors during collection, no test ran; first error: {IMPORT_ERROR}",
            id="collection-errors",
        ),
        pytest.param(
            pytest_run(1, ["errors", "errors", "skipped"]),
            f"2 errors, 0 passed; first error: {IMPORT_ERROR}",
            id="every-test-errors-in-setup",
        ),
        pytest.param(
            pytest_run(2, ["errors"]),
            f"1 error during collection, no test ran; first error: {IMPORT_ERROR}",
            id="one-collection-error",
        ),
        pytest.param(pytest_run(5, []), "pytest collected no tests (exit 5)", id="no-tests"),
        pytest.param(
            pytest_run(1, None, "/venv/bin/python: No module named pytest"),
            "pytest wrote no test report (exit 1); first error: "
            "/venv/bin/python: No module named pytest",
            id="no-pytest",
        ),
        pytest.param(
            pytest_run(4, None, "ImportError while loading conftest\nE   RuntimeError: no\n"),
            "pytest wrote no test report (exit 4); first error: RuntimeError: no",
            id="conftest-error",
        ),
        pytest.param(
            pytest_run(3, ["passed"]),
            "pytest exit 3 (internal error); first error: exit 3",
            id="internal-error",
        ),
        pytest.param(pytest_run(0, ["passed", "skipped"]), None, id="passes"),
        pytest.param(pytest_run(1, ["passed", "errors"]), None, id="some-errors-some-pass"),
        pytest.param(pytest_run(1, ["failed", "failed"]), None, id="all-fail-but-ran"),
        pytest.param(pytest_run(0, ["skipped"]), None, id="all-skipped"),
    ],
)
def test_suite_problem(run: Run, problem: str | None) -> None:
    assert health.suite_problem(run) == problem


def test_every_run_must_fail_for_the_configuration_to_count_as_not_run() -> None:
    bad, good = pytest_run(2, ["errors"]), pytest_run(0, ["passed"])
    assert health.all_failed([bad, bad]) == health.suite_problem(bad)
    assert health.all_failed([bad, good]) is None
    assert health.all_failed([]) is None


@pytest.mark.parametrize(
    ("files", "command"),
    [
        pytest.param(
            {
                "pyproject.toml": '[project]\nname = "p"\n[project.optional-dependencies]\ntest = []\n'
            },
            "/env/bin/python -m pip install -e '.[test]'",
            id="extra",
        ),
        pytest.param(
            {
                "pyproject.toml": '[project]\nname = "p"\n',
                "requirements-test.txt": "pytest\n",
            },
            "/env/bin/python -m pip install -e . -r requirements-test.txt",
            id="requirements-file",
        ),
        pytest.param(
            {
                "pyproject.toml": '[project]\nname = "p"\n[dependency-groups]\ntest = ["pytest>=8"]\n'
            },
            "/env/bin/python -m pip install -e . 'pytest>=8'",
            id="dependency-group",
        ),
        pytest.param({}, "/env/bin/python -m pip install pytest", id="no-project"),
    ],
)
def test_install_fix_installs_what_the_project_declares(
    tmp_path: Path, files: dict[str, str], command: str
) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert health.install_fix(str(tmp_path), "/env/bin/python") == command
