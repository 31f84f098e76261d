"""`--python`: a version, a name, a path, or `all`; each candidate run before it is trusted."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from adopt_fast.bench import discovery
from adopt_fast.errors import InputError
from adopt_fast.interpreters import Interpreter, current
from testing import require


def interpreter(version: tuple[int, int, int]) -> Interpreter:
    return Interpreter("/x/python", version, "CPython", "x86_64", "linux")


@pytest.mark.parametrize(
    ("specifier", "version", "ok"),
    [
        pytest.param(">=3.9", (3, 9, 16), True, id="lower-bound-met"),
        pytest.param(">=3.10", (3, 9, 16), False, id="lower-bound-missed"),
        pytest.param(">=3.8,<3.13", (3, 13, 0), False, id="upper-bound"),
        pytest.param(">=3.8, !=3.11.*", (3, 11, 7), False, id="excluded-series"),
        pytest.param("~=3.10", (3, 12, 1), True, id="compatible-release"),
        pytest.param("~=3.10.2", (3, 11, 0), False, id="compatible-patch-release"),
        pytest.param("==3.12.*", (3, 12, 1), True, id="wildcard"),
        pytest.param("", (2, 7, 18), True, id="none-declared"),
    ],
)
def test_requires_python_decides_what_all_takes(
    specifier: str, version: tuple[int, int, int], ok: bool
) -> None:
    assert discovery.supported(interpreter(version), specifier) is ok


def test_a_name_on_path_is_an_interpreter() -> None:
    require(shutil.which("pypy3"), "no pypy3 (apt-get install -y pypy3 pypy3-venv)")
    (found,) = discovery.resolve(("pypy3",), current(), ".", print)
    assert found.implementation == "PyPy"


def test_all_takes_every_working_interpreter_the_project_supports(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "p"\nversion = "1"\nrequires-python = ">=3.11"\n', encoding="utf-8"
    )
    here = current()
    said: list[str] = []
    found = discovery.resolve(("all",), here, str(tmp_path), said.append)
    require(found, "no other interpreter for Python 3.11+ on this machine")
    assert all(i.version >= (3, 11) for i in found)
    assert all((i.implementation, i.version) != (here.implementation, here.version) for i in found)
    assert len({(i.implementation, i.version) for i in found}) == len(found)
    (line,) = said
    assert line.startswith("--python all: ")
    if any(i.version < (3, 11) for i in discovery.find_all()):
        assert "skipped (requires-python >=3.11): " in line


def test_an_interpreter_that_is_not_there_is_one_line_with_the_fix() -> None:
    with pytest.raises(InputError) as info:
        discovery.resolve(("no-such-python-here",), current(), ".", print)
    assert "no working interpreter found" in str(info.value)
    assert "--python all" in str(info.value)
