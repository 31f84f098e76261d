"""Can the JIT be enabled in an interpreter, and if not, why and what next (`adopt-fast jit status`)."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass

from adopt_fast.errors import InputError
from adopt_fast.interpreters import find, unsupported_version
from adopt_fast.jit import probe
from adopt_fast.jit_switch import child_env


@dataclass(frozen=True)
class Diagnosis:
    python: str
    implementation: str
    version: str
    platform: str
    pyston_version: str | None
    shim_installed: bool
    autoload_installed: bool
    can_enable: bool
    reason: str
    hint: str


def diagnose(python: str) -> Diagnosis:
    """Run `python` and really try to enable the JIT in it (off at start-up, so the try is ours).

    No -E/-s: the user's PYTHONPATH and user site-packages count, as they do for their programs.
    """
    try:
        done = subprocess.run(
            [python, probe.__file__],
            capture_output=True,
            text=True,
            env=child_env("off"),
            timeout=120,
            check=False,
        )
        facts = json.loads(done.stdout.strip().splitlines()[-1])
    except (OSError, subprocess.SubprocessError, ValueError, IndexError):
        raise InputError(
            python,
            "cannot run this interpreter to ask it about the JIT",
            "give a working Python executable or a version such as 3.10",
        ) from None
    return Diagnosis(**facts)


# Where pyston-lite runs, and where adopt-fast itself can be installed.
PYSTON_VERSIONS = ((3, 7), (3, 10))
ADOPT_FAST_MIN = (3, 10)
VENV = ".venv310"


def _short(version: str) -> str:
    return ".".join(version.split(".")[:2])


def _version_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split(".")[:2] if p.isdigit())


def _jit_env_commands() -> str:
    """Exact commands for a CPython 3.10 environment with adopt-fast and pyston-lite; a bare
    3.10 interpreter has no pyston-lite, so pointing at it alone would not help."""
    found = find("3.10")
    if found is None:
        return (
            "install CPython 3.10 (e.g. `uv python install 3.10`), create a venv with it and "
            "install `adopt-fast[pyston]` there"
        )
    return (
        f"create a 3.10 environment with the JIT: `{found.path} -m venv {VENV} && "
        f"{VENV}/bin/pip install 'adopt-fast[pyston]'`, then `{VENV}/bin/adopt-fast jit status`"
    )


def next_step(d: Diagnosis) -> str:
    """The concrete thing to do when the JIT cannot be enabled in `d`."""
    short = _short(d.version)
    if d.reason.startswith("pyston-lite needs CPython 3.7-3.10"):
        return (
            f"{_jit_env_commands()}; or compare interpreters with "
            f"`adopt-fast bench --python {short} --python 3.10` (bench builds a 3.10 "
            "environment with pyston-lite)"
        )
    if d.pyston_version is None and d.reason.startswith("pyston-lite is not installed"):
        if _version_tuple(d.version) < ADOPT_FAST_MIN:
            # adopt-fast needs 3.10+, so `pip install adopt-fast[pyston]` fails here.
            return (
                f"adopt-fast needs Python 3.10+, so it cannot be installed here; measure "
                f"pyston-lite on {short} with `adopt-fast bench --python {short}` (bench builds "
                f"a {short} environment with pyston-lite), or {_jit_env_commands()}"
            )
        return f"{d.python} -m pip install 'adopt-fast[pyston]'"
    return d.hint


def format_diagnosis(d: Diagnosis) -> str:
    lines = [
        f"interpreter: {d.python}",
        f"version: {'CPython' if d.implementation == 'cpython' else d.implementation} {d.version}",
        f"platform: {d.platform}",
        f"pyston-lite: {d.pyston_version + ' installed' if d.pyston_version else 'not installed'}",
        "shim: "
        + (
            "installed (ADOPT_FAST_JIT=pyston turns the JIT on; unset or off keeps it off)"
            if d.shim_installed
            else _missing_shim(d)
        ),
    ]
    if d.can_enable:
        lines.append(
            "JIT can be enabled: yes (checked: after enable(), frames run through "
            "pyston-lite's evaluator)"
        )
    else:
        lines += ["JIT can be enabled: no", f"reason: {d.reason}", f"next step: {next_step(d)}"]
    return "\n".join(lines)


def _missing_shim(d: Diagnosis) -> str:
    if d.autoload_installed:
        return (
            "not installed here: pyston-lite-autoload turns the JIT on in every process "
            "(install adopt-fast into this environment to make it opt-in)"
        )
    return "not installed here (adopt-fast run/--jit need adopt-fast in this environment)"


def _refuse_unsupported(spec: str, path: str | None) -> None:
    """An interpreter that runs but is older than pyston-lite supports: say so, not "none found"."""
    found = unsupported_version(path or spec)
    if found is None:
        return
    where, version = found
    if _version_tuple(version) >= PYSTON_VERSIONS[0]:
        return
    low, high = (".".join(map(str, v)) for v in PYSTON_VERSIONS)
    named = "" if where == spec else f" ({where})"
    raise InputError(
        spec,
        f"Python {version}{named} is not supported: pyston-lite needs CPython {low}-{high}",
        f"use CPython {low}-{high}; `adopt-fast jit status --python 3.10` says how to set one up",
    )


def target_interpreter(python: str | None) -> str:
    """The interpreter `python` names (a path or a version; default: this one), or InputError."""
    if python is None:
        return sys.executable
    found = find(python)
    if found is None or found.version[:2] < PYSTON_VERSIONS[0]:
        _refuse_unsupported(python, found.path if found else None)
        raise InputError(
            python,
            "no working Python interpreter found for this",
            "give a path to a Python executable or a version such as 3.10",
        )
    return found.path
