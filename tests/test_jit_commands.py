"""`adopt-fast jit status` and `adopt-fast run` against real interpreters."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from adopt_fast.interpreters import find
from testing import require, run, script
from venvs import Venv, make_bare_venv


@pytest.fixture(scope="module")
def autoload_only_venv(tmp_path_factory: pytest.TempPathFactory) -> Venv:
    """CPython 3.10 with pyston-lite-autoload and no adopt-fast: the JIT is on everywhere."""
    interpreter = find("3.10")
    require(interpreter, "no working CPython 3.10 on this machine")
    assert interpreter is not None
    return make_bare_venv(
        tmp_path_factory.mktemp("autoload-only"),
        interpreter.path,
        ".".join(map(str, interpreter.version)),
        "pyston-lite-autoload==2.3.5",
    )


def jit_status(*args: str) -> tuple[list[str], int]:
    done = run(script("adopt-fast"), "jit", "status", *args, check=False)
    assert done.stderr == ""
    return done.stdout.splitlines(), done.returncode


YES_LINE = (
    "JIT can be enabled: yes (checked: after enable(), frames run through pyston-lite's evaluator)"
)


@pytest.mark.slow
def test_status_where_the_jit_can_run(py310_pyston_venv: Venv) -> None:
    lines, code = jit_status("--python", py310_pyston_venv.python)
    assert lines == [
        f"interpreter: {py310_pyston_venv.python}",
        f"version: CPython {py310_pyston_venv.version}",
        "platform: linux x86_64",
        "pyston-lite: 2.3.5 installed",
        "shim: installed (ADOPT_FAST_JIT=pyston turns the JIT on; unset or off keeps it off)",
        YES_LINE,
    ]
    assert code == 0


@pytest.mark.slow
def test_status_where_only_autoload_is_installed(autoload_only_venv: Venv) -> None:
    """The probe runs in an interpreter without adopt-fast, and says the JIT is not opt-in there."""
    lines, code = jit_status("--python", autoload_only_venv.python)
    assert lines[3:] == [
        "pyston-lite: 2.3.5 installed",
        (
            "shim: not installed here: pyston-lite-autoload turns the JIT on in every process "
            "(install adopt-fast into this environment to make it opt-in)"
        ),
        YES_LINE,
    ]
    assert code == 0


@pytest.mark.slow
def test_status_in_its_own_environment(py310_pyston_venv: Venv) -> None:
    done = py310_pyston_venv.run("-m", "adopt_fast", "jit", "status")
    assert done.stdout.splitlines()[-1].startswith("JIT can be enabled: yes")
    assert done.returncode == 0


@pytest.mark.slow
def test_status_on_an_unsupported_python(py312_venv: Venv) -> None:
    lines, code = jit_status("--python", py312_venv.python)
    assert lines[1:] == [
        f"version: CPython {py312_venv.version}",
        "platform: linux x86_64",
        "pyston-lite: not installed",
        "shim: installed (ADOPT_FAST_JIT=pyston turns the JIT on; unset or off keeps it off)",
        "JIT can be enabled: no",
        "reason: pyston-lite needs CPython 3.7-3.10; this is 3.12",
        lines[-1],
    ]
    # A bare 3.10 interpreter has no pyston-lite: the step is a 3.10 environment that has it.
    py310 = find("3.10")
    assert py310 is not None
    assert lines[-1] == (
        "next step: create a 3.10 environment with the JIT: "
        f"`{py310.path} -m venv .venv310 && .venv310/bin/pip install 'adopt-fast[pyston]'`, "
        "then `.venv310/bin/adopt-fast jit status`; or compare interpreters with "
        "`adopt-fast bench --python 3.12 --python 3.10` (bench builds a 3.10 environment with "
        "pyston-lite)"
    )
    assert code == 1


@pytest.mark.parametrize("version", [pytest.param("3.9", id="3.9"), pytest.param("3.7", id="3.7")])
def test_status_where_adopt_fast_cannot_be_installed(version: str) -> None:
    """pyston-lite runs on 3.7-3.9, adopt-fast does not: no `pip install adopt-fast` there."""
    interpreter = find(version)
    require(
        interpreter, f"no working CPython {version} (install one, e.g. `pyenv install {version}`)"
    )
    assert interpreter is not None
    lines, code = jit_status("--python", version)
    assert "JIT can be enabled: no" in lines
    step = lines[-1]
    assert step.startswith(
        f"next step: adopt-fast needs Python 3.10+, so it cannot be installed here; measure "
        f"pyston-lite on {version} with `adopt-fast bench --python {version}` (bench builds a "
        f"{version} environment with pyston-lite), or "
    )
    assert f"{interpreter.path} -m pip install" not in step
    assert code == 1


def test_status_of_an_unsupported_version_says_so() -> None:
    from adopt_fast.interpreters import unsupported_version

    old = unsupported_version("2.7")
    require(old, "no Python 2.7 on this machine (install one, e.g. `pyenv install 2.7`)")
    assert old is not None
    done = run(script("adopt-fast"), "jit", "status", "--python", "2.7", check=False)
    assert done.stderr == (
        f"adopt-fast: 2.7: Python {old[1]} ({old[0]}) is not supported: pyston-lite needs "
        "CPython 3.7-3.10 (use CPython 3.7-3.10; `adopt-fast jit status --python 3.10` says "
        "how to set one up)\n"
    )
    assert done.returncode == 2


@pytest.mark.slow
def test_status_without_pyston_lite(py310_plain_venv: Venv) -> None:
    lines, code = jit_status("--python", py310_plain_venv.python)
    assert lines[3:] == [
        "pyston-lite: not installed",
        "shim: installed (ADOPT_FAST_JIT=pyston turns the JIT on; unset or off keeps it off)",
        "JIT can be enabled: no",
        f"reason: pyston-lite is not installed in {py310_plain_venv.path}",
        f"next step: {py310_plain_venv.python} -m pip install 'adopt-fast[pyston]'",
    ]
    assert code == 1


def test_status_of_a_missing_interpreter() -> None:
    done = run(
        script("adopt-fast"), "jit", "status", "--python", "/nonexistent/python", check=False
    )
    assert done.stderr == (
        "adopt-fast: /nonexistent/python: no working Python interpreter found "
        "for this (give a path to a Python executable or a version such as "
        "3.10)\n"
    )
    assert done.returncode == 2


@pytest.mark.parametrize(
    ("args", "code"),
    [
        pytest.param(
            ("--jit", "off", "--", sys.executable, "-c", "import sys; sys.exit(5)"),
            5,
            id="exit-code",
        ),
        pytest.param(("--", sys.executable, "-c", "pass"), 0, id="default-pyston"),
        pytest.param((sys.executable, "-c", "import sys; sys.exit(3)"), 3, id="without-dashes"),
    ],
)
def test_run_returns_the_command_exit_code(args: tuple[str, ...], code: int) -> None:
    assert run(script("adopt-fast"), "run", *args, check=False).returncode == code


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        pytest.param("off", "off 1", id="off"),
        pytest.param("pyston", "pyston None", id="pyston"),
    ],
)
def test_run_sets_the_switch_for_the_command(mode: str, expected: str) -> None:
    # A shell, not Python: a Python child would act on the switch itself (and warn on 3.11).
    show = 'echo "$ADOPT_FAST_JIT ${DISABLE_PYSTON-None}"'
    env = dict(os.environ, DISABLE_PYSTON="1")
    done = run(script("adopt-fast"), "run", "--jit", mode, "--", "sh", "-c", show, env=env)
    assert done.stdout == f"{expected}\n"


def test_run_puts_this_environment_first_on_path(tmp_path: Path) -> None:
    """From a venv that is not activated, `python` must still be this environment's."""
    decoy = tmp_path / "elsewhere"
    decoy.mkdir()
    (decoy / "python").write_text("#!/bin/sh\necho decoy python\n", encoding="utf-8")
    (decoy / "python").chmod(0o755)
    env = dict(os.environ, PATH=f"{decoy}{os.pathsep}{os.environ.get('PATH', '')}")
    env.pop("VIRTUAL_ENV", None)
    show = "import sys; print(sys.prefix)"
    done = run(script("adopt-fast"), "run", "--jit", "off", "--", "python", "-c", show, env=env)
    assert done.stdout == f"{sys.prefix}\n"


@pytest.mark.slow
def test_run_with_the_jit_from_an_environment_that_is_not_activated(
    py310_pyston_venv: Venv,
) -> None:
    """The review's case: `python` on PATH is another interpreter; the JIT must still run."""
    other = find("3.11") or find("3.12")
    require(other, "no working CPython 3.11 or 3.12")
    assert other is not None
    path = os.pathsep.join([os.path.dirname(other.path), "/usr/bin", "/bin"])
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"} | {"PATH": path}
    check = (
        "import sys; from adopt_fast.jit import probe; print(sys.version[:4], probe.jit_active())"
    )
    done = run(
        py310_pyston_venv.bin("adopt-fast"),
        "run",
        "--jit",
        "pyston",
        "--",
        "python",
        "-c",
        check,
        env=env,
    )
    assert done.stdout == "3.10 True\n", done.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            (),
            "adopt-fast: adopt-fast run: no command given (put the command after `--`, "
            "e.g. `adopt-fast run --jit pyston -- pytest`)\n",
            id="no-command",
        ),
        pytest.param(
            ("--", "no-such-command-here"),
            "adopt-fast: no-such-command-here: cannot run "
            "the command: No such file or directory (check its name and PATH)\n",
            id="not-found",
        ),
    ],
)
def test_run_usage_errors(args: tuple[str, ...], message: str) -> None:
    done = run(script("adopt-fast"), "run", *args, check=False)
    assert (done.stderr, done.returncode) == (message, 2)
