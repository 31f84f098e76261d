"""`adopt-fast jit status [--python PY]`: can the JIT be enabled there, and if not, why and what next."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass

from adopt_fast.errors import InputError
from adopt_fast.jit import probe
from adopt_fast.jit.switch import child_env


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


def next_step(d: Diagnosis) -> str:
    """The concrete thing to do when the JIT cannot be enabled in `d`."""
    if d.reason.startswith("pyston-lite needs CPython 3.7-3.10"):
        from adopt_fast.interpreters import find

        short = ".".join(d.version.split(".")[:2])
        compare = f"compare interpreters with `adopt-fast bench --python {short} --python 3.10`"
        found = find("3.10")
        if found is None:
            return f"install CPython 3.10 (e.g. `uv python install 3.10`), then {compare}"
        return f"run with --python 3.10 ({found.path}), or {compare}"
    if d.pyston_version is None and d.reason.startswith("pyston-lite is not installed"):
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


def status(python: str | None) -> int:
    """Print the diagnosis for `python` (default: this interpreter); 0 if the JIT can be enabled."""
    target = sys.executable
    if python is not None:
        from adopt_fast.interpreters import find

        found = find(python)
        if found is None:
            raise InputError(
                python,
                "no working Python interpreter found for this",
                "give a path to a Python executable or a version such as 3.10",
            )
        target = found.path
    diagnosis = diagnose(target)
    print(format_diagnosis(diagnosis))
    return 0 if diagnosis.can_enable else 1
