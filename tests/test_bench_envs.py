"""Which test dependencies an environment for another interpreter gets, and when it is rebuilt."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from adopt_fast.bench import envs
from adopt_fast.errors import InputError
from adopt_fast.interpreters import current

PROJECT = '[project]\nname = "p"\nversion = "1"\n'


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            {"pyproject.toml": PROJECT + '[project.optional-dependencies]\ntest = ["pytest"]\n'},
            envs.TestDeps("extra 'test'", extra="test"),
            id="extra-test",
        ),
        pytest.param(
            {
                "pyproject.toml": PROJECT
                + '[project.optional-dependencies]\ndev = ["black"]\ntests = ["pytest"]\n'
            },
            envs.TestDeps("extra 'tests'", extra="tests"),
            id="tests-before-dev",
        ),
        pytest.param(
            {
                "pyproject.toml": PROJECT + "[dependency-groups]\n"
                'lint = ["ruff"]\ncov = ["coverage"]\n'
                'test = ["pytest>=8", {include-group = "cov"}]\n'
            },
            envs.TestDeps("dependency group 'test'", requirements=("pytest>=8", "coverage")),
            id="pep735-group-with-include",
        ),
        pytest.param(
            {
                "pyproject.toml": PROJECT
                + '[project.optional-dependencies]\ntesting = ["pytest"]\n'
                + '[dependency-groups]\ntests = ["pytest", "hypothesis"]\n'
            },
            envs.TestDeps(
                "dependency group 'tests'; extra 'testing' not used (--extra testing adds it)",
                requirements=("pytest", "hypothesis"),
            ),
            id="group-before-extra",
        ),
        pytest.param(
            {"pyproject.toml": PROJECT, "requirements/test.txt": "pytest\n"},
            envs.TestDeps("requirements/test.txt", requirement_files=("requirements/test.txt",)),
            id="requirements-file",
        ),
        pytest.param(
            {"pyproject.toml": PROJECT},
            envs.TestDeps("none declared; installing pytest", requirements=("pytest",)),
            id="nothing-declared",
        ),
        pytest.param(
            {"tests/test_x.py": "def test_x(): pass\n"},
            envs.TestDeps(
                "none declared; installing pytest", requirements=("pytest",), installs_project=False
            ),
            id="not-a-package",
        ),
    ],
)
def test_test_dependencies_are_found_where_maintainers_declare_them(
    tmp_path: Path, files: dict[str, str], expected: envs.TestDeps
) -> None:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert envs.detect_test_dependencies(str(tmp_path)) == expected


def test_unreadable_pyproject_is_one_line_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "p"\nversion = \n', "utf-8")
    with pytest.raises(InputError) as info:
        envs.detect_test_dependencies(str(tmp_path))
    assert str(info.value).startswith(f"adopt-fast: {tmp_path / 'pyproject.toml'}:3: ")


def test_cache_key_follows_the_files_that_declare_dependencies(tmp_path: Path) -> None:
    here = current()
    (tmp_path / "pyproject.toml").write_text(PROJECT, encoding="utf-8")
    deps = envs.detect_test_dependencies(str(tmp_path))
    first = envs.cache_key(here, str(tmp_path), deps)
    assert envs.cache_key(here, str(tmp_path), deps) == first
    (tmp_path / "pyproject.toml").write_text(PROJECT + "# changed\n", encoding="utf-8")
    assert envs.cache_key(here, str(tmp_path), deps) != first
    assert envs.cache_key(here, str(tmp_path), deps, ("pyston-lite-autoload==2.3.5",)) != (
        envs.cache_key(here, str(tmp_path), deps)
    )


def test_pyston_pin_keeps_its_marker_and_drops_the_extra() -> None:
    requirement = envs.pyston_requirement()
    assert requirement is not None, f"adopt-fast is not installed for {sys.executable}"
    assert requirement.startswith("pyston-lite-autoload==")
    assert "python_version <= '3.10'" in requirement
    assert "extra" not in requirement


CHOICES = (
    PROJECT
    + '[project.optional-dependencies]\ntesting = ["pytest"]\nspeedups = ["orjson"]\n'
    + '[dependency-groups]\ntests = ["pytest", "hypothesis"]\ndocs = ["sphinx"]\n'
)


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        pytest.param(
            envs.DepsChoice(groups=("docs",)),
            envs.TestDeps("dependency group 'docs'", requirements=("sphinx",)),
            id="group",
        ),
        pytest.param(
            envs.DepsChoice(extras=("testing", "speedups")),
            envs.TestDeps("extra 'testing', extra 'speedups'", extra="testing,speedups"),
            id="extras",
        ),
        pytest.param(
            envs.DepsChoice(groups=("tests",), extras=("speedups",)),
            envs.TestDeps(
                "dependency group 'tests', extra 'speedups'",
                extra="speedups",
                requirements=("pytest", "hypothesis"),
            ),
            id="both",
        ),
    ],
)
def test_group_and_extra_choose_the_test_dependencies(
    tmp_path: Path, choice: envs.DepsChoice, expected: envs.TestDeps
) -> None:
    (tmp_path / "pyproject.toml").write_text(CHOICES, encoding="utf-8")
    assert envs.detect_test_dependencies(str(tmp_path), choice=choice) == expected


def test_an_unknown_group_names_the_ones_there(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(CHOICES, encoding="utf-8")
    with pytest.raises(InputError) as info:
        envs.detect_test_dependencies(str(tmp_path), choice=envs.DepsChoice(groups=("test",)))
    assert str(info.value) == (
        "adopt-fast: pyproject.toml: --group test: no such dependency group "
        "(choose one of: docs, tests)"
    )
