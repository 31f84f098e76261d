"""The start-up shim in real environments: opt-in, really on, really off, and every fault."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from adopt_fast.jit.shim import JitStatus
from venvs import Venv

pytestmark = pytest.mark.slow

# Prints what the process sees; exits with a code of its own so that it can be compared.
SHOW_STATE = (
    "import os, sys; from adopt_fast.jit import probe, shim; s = shim.status(); "
    "print(s.header, probe.eval_frame_owner(), 'pyston_lite' in sys.modules, "
    "os.environ.get('DISABLE_PYSTON')); sys.exit(7)"
)


def env_with(**changes: str | None) -> dict[str, str]:
    env = dict(os.environ)
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def run_python(
    venv: Venv, mode: str | None, *, via_run: bool = False, extra_path: Path | None = None
) -> tuple[str, str, int]:
    """SHOW_STATE in `venv`, with ADOPT_FAST_JIT=`mode` (or through `adopt-fast run --jit`)."""
    env = env_with(
        ADOPT_FAST_JIT=None if via_run else mode, PYTHONPATH=str(extra_path) if extra_path else None
    )
    if via_run:
        assert mode is not None
        done = venv.run(
            "-m", "adopt_fast", "run", "--jit", mode, "--", venv.python, "-c", SHOW_STATE, env=env
        )
    else:
        done = venv.run("-c", SHOW_STATE, env=env)
    return done.stdout.strip(), done.stderr, done.returncode


@pytest.mark.parametrize(
    ("mode", "via_run"),
    [
        pytest.param(None, False, id="unset-means-off"),
        pytest.param("off", False, id="env-off"),
        pytest.param("off", True, id="run-off"),
    ],
)
def test_jit_stays_off_although_autoload_is_installed(
    py310_pyston_venv: Venv, mode: str | None, via_run: bool
) -> None:
    out, err, code = run_python(py310_pyston_venv, mode, via_run=via_run)
    assert (out, err, code) == ("off None False 1", "", 7)


@pytest.mark.parametrize("via_run", [pytest.param(False, id="env"), pytest.param(True, id="run")])
def test_pyston_mode_runs_frames_through_the_jit(py310_pyston_venv: Venv, via_run: bool) -> None:
    out, err, code = run_python(py310_pyston_venv, "pyston", via_run=via_run)
    header, owner, loaded, disable = out.rsplit(" ", 3)
    assert (header, loaded, disable, err, code) == (
        "pyston-lite 2.3.5 enabled",
        "True",
        "None",
        "",
        7,
    )
    assert Path(owner).name.startswith("pyston_lite.cpython-310"), owner


def one_warning(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("adopt-fast: warning: JIT not enabled: "), lines[0]
    assert lines[0].endswith("; running on plain CPython"), lines[0]
    assert "Traceback" not in stderr
    return lines[0]


def broken_pyston(tmp_path: Path) -> Path:
    """A pyston_lite whose enable() raises, ahead of the real one on sys.path.

    The one fault that cannot be caused for real: pyston-lite 2.3.5 does not fail to enable on
    a supported interpreter.
    """
    (tmp_path / "pyston_lite.py").write_text(
        "def enable():\n    raise RuntimeError('cannot allocate JIT memory')\n", encoding="utf-8"
    )
    return tmp_path


@pytest.mark.parametrize(
    ("venv_name", "broken", "reason"),
    [
        pytest.param(
            "py312_venv",
            False,
            "pyston-lite needs CPython 3.7-3.10; this is 3.12",
            id="unsupported-3.12",
        ),
        pytest.param(
            "py310_plain_venv", False, "pyston-lite is not installed in ", id="not-installed"
        ),
        pytest.param(
            "py310_pyston_venv",
            True,
            "pyston_lite.enable() failed: RuntimeError: cannot allocate JIT memory",
            id="enable-raises",
        ),
    ],
)
@pytest.mark.parametrize("via_run", [pytest.param(False, id="env"), pytest.param(True, id="run")])
def test_fault_warns_once_and_runs_plain_cpython(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    venv_name: str,
    broken: bool,
    reason: str,
    via_run: bool,
) -> None:
    venv: Venv = request.getfixturevalue(venv_name)
    out, err, code = run_python(
        venv, "pyston", via_run=via_run, extra_path=broken_pyston(tmp_path) if broken else None
    )
    assert reason in one_warning(err)
    header, owner, _loaded, disable = out.rsplit(" ", 3)
    assert header.startswith(f"unavailable ({reason}"), header
    assert (owner, disable, code) == (
        "None",
        "1",
        7,
    )  # CPython evaluates frames; autoload stays off


def test_warning_is_printed_once_per_process_tree(py312_venv: Venv) -> None:
    child = "import subprocess, sys; sys.exit(subprocess.call([sys.executable, '-c', 'pass']) + 5)"
    done = py312_venv.run("-c", child, env=env_with(ADOPT_FAST_JIT="pyston"))
    one_warning(done.stderr)
    assert done.returncode == 5


def test_a_shim_that_cannot_load_warns_once(py310_pyston_venv: Venv, tmp_path: Path) -> None:
    """A half-removed install (the .pth left, the package gone): one line, never a traceback.

    Caused by a package of the same name, ahead on sys.path, that fails to import.
    """
    (tmp_path / "adopt_fast").mkdir()
    (tmp_path / "adopt_fast" / "__init__.py").write_text("raise ImportError('half-installed')\n")
    child = "import subprocess, sys; sys.exit(subprocess.call([sys.executable, '-c', 'pass']) + 5)"
    done = py310_pyston_venv.run(
        "-c", child, env=env_with(ADOPT_FAST_JIT="pyston", PYTHONPATH=str(tmp_path))
    )
    assert "cannot load the shim: ImportError: half-installed" in one_warning(done.stderr)
    assert done.returncode == 5


def test_unknown_mode_warns_and_stays_off(py310_pyston_venv: Venv) -> None:
    out, err, code = run_python(py310_pyston_venv, "on")
    assert "unknown ADOPT_FAST_JIT='on' (set ADOPT_FAST_JIT to pyston or off)" in one_warning(err)
    assert (out, code) == ("off None False 1", 7)


@pytest.mark.parametrize(
    ("status", "header"),
    [
        pytest.param(JitStatus("pyston", True, "2.3.5"), "pyston-lite 2.3.5 enabled", id="enabled"),
        pytest.param(JitStatus(None, False, "2.3.5"), "off", id="unset"),
        pytest.param(JitStatus("off", False, None), "off", id="off"),
        pytest.param(
            JitStatus("pyston", False, None, "why", "fix"), "unavailable (why)", id="unavailable"
        ),
    ],
)
def test_header(status: JitStatus, header: str) -> None:
    assert status.header == header
