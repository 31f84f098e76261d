"""The configurations a bench compares, and whether the JIT really runs in each.

The current interpreter gives the baseline (JIT off) and the JIT candidate, in the user's own
environment. Each `--python` interpreter gets an environment built for it (bench.envs) and a
configuration with the JIT off; where pyston-lite installed there (CPython 3.7-3.10), also one
with the JIT on, so that `--python 3.10` from a 3.11 host still measures Pyston-lite.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass

from adopt_fast.bench import envs
from adopt_fast.bench.runner import Config
from adopt_fast.errors import InputError
from adopt_fast.interpreters import Interpreter, current, find
from adopt_fast.jit.switch import child_env, scripts_first

JIT_LABEL = "Pyston-lite"
# Each pytest process of a run appends one JSON line saying whether the JIT really ran in it
# (adopt_fast.jit.pytest_plugin).
JIT_REPORT_VAR = "ADOPT_FAST_JIT_REPORT"
_STATUS_PROBE = (
    "import json; from adopt_fast.jit import shim; s = shim.status(); "
    "print(json.dumps({'active': s.active, 'installed': s.pyston_version is not None, "
    "'header': s.header, 'reason': s.reason, 'hint': s.hint}))"
)

Log = Callable[[str], None]


@dataclass(frozen=True)
class JitProbe:
    active: bool
    installed: bool
    note: str  # the shim's header when active, else why not and what to do


def env_for(mode: str, bin_dir: str, report_path: str, venv: str | None = None) -> dict[str, str]:
    # `python`, `pytest` and friends in a custom command resolve to this configuration's.
    env = scripts_first(child_env(mode), bin_dir)
    env[JIT_REPORT_VAR] = report_path
    if venv:
        env["VIRTUAL_ENV"] = venv
    return env


def _package_only_path(folder: str) -> str:
    """A folder holding only a link to adopt_fast, for another interpreter's PYTHONPATH: the
    shim's status code is pure Python, but the rest of this site-packages may not fit there."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    link = os.path.join(folder, "adopt_fast")
    if not os.path.exists(link):
        os.symlink(package, link)
    return folder


def jit_probe(python: str, env: dict[str, str], *, borrow_shim: bool = False) -> JitProbe:
    """Whether the JIT really runs in `python` under `env` (asked of the shim, in a child)."""
    env = dict(env)
    with tempfile.TemporaryDirectory(prefix="adopt-fast-probe-") as tmp:
        if borrow_shim:
            env["PYTHONPATH"] = _package_only_path(tmp)
        try:
            done = subprocess.run(
                [python, "-c", _STATUS_PROBE],
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
        except (OSError, subprocess.SubprocessError) as e:
            return JitProbe(False, False, f"{python} did not run: {e}")
    try:
        status = json.loads(done.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return JitProbe(False, False, f"the JIT shim cannot report its status here: {last}")
    if status["active"]:
        return JitProbe(True, True, str(status["header"]))
    why, hint = status.get("reason") or status["header"], status.get("hint")
    return JitProbe(False, bool(status["installed"]), f"{why}; {hint}" if hint else str(why))


def _unique(name: str, taken: set[str]) -> str:
    return name if name not in taken else f"{name} (bench env)"


def build_configs(
    project: str, pythons: tuple[str, ...], report_dir: str, log: Log, *, needs_pytest: bool = True
) -> list[Config]:
    """Baseline first, then the JIT candidate, then each `--python` (JIT off, then on).

    The current interpreter's configurations run in the user's own environment, never a built
    one; only each `--python` gets an environment (with pytest only when `needs_pytest`)."""
    here = current()
    bin_dir = os.path.dirname(sys.executable)
    version = ".".join(map(str, here.version))
    base_env = env_for("off", bin_dir, os.path.join(report_dir, "0.jsonl"))
    jit_env = env_for("pyston", bin_dir, os.path.join(report_dir, "1.jsonl"))
    probe = jit_probe(sys.executable, jit_env)
    configs = [
        Config(here.label, sys.executable, version, "off", base_env, jit_active=False),
        Config(
            f"{here.label} + {JIT_LABEL}",
            sys.executable,
            version,
            "pyston",
            jit_env,
            available=probe.active,
            reason=probe.note,
            jit_active=probe.active,
        ),
    ]
    for spec in pythons:
        configs += _python_configs(spec, project, report_dir, configs, log, needs_pytest)
    return configs


def _python_configs(
    spec: str, project: str, report_dir: str, taken: list[Config], log: Log, needs_pytest: bool
) -> list[Config]:
    interpreter: Interpreter | None = find(spec)
    if interpreter is None:
        raise InputError(
            f"--python {spec}",
            "no working interpreter found (shims that fail to run are skipped)",
            "install it (e.g. `pyenv install`) or pass the path of its python",
        )
    built = envs.ensure_env(interpreter, project, log, needs_pytest=needs_pytest)
    if built.built:
        log(f"built {built.path} in {built.seconds:.1f} s (not counted in the measurement)")
    names = {c.name for c in taken}
    version = ".".join(map(str, interpreter.version))
    note = f"environment {built.path} (test dependencies: {built.dependencies.source})"

    def report(index: int) -> str:
        return os.path.join(report_dir, f"{index}.jsonl")

    off = Config(
        _unique(interpreter.label, names),
        built.python,
        version,
        "off",
        env_for("off", built.bin_dir, report(len(taken)), built.path),
        reason=note,
        jit_active=False,
    )
    jit_env = env_for("pyston", built.bin_dir, report(len(taken) + 1), built.path)
    probe = jit_probe(built.python, jit_env, borrow_shim=True)
    if not probe.installed:  # pyston-lite does not exist for this interpreter: nothing to add
        return [off]
    jit = Config(
        _unique(f"{interpreter.label} + {JIT_LABEL}", names),
        built.python,
        version,
        "pyston",
        jit_env,
        available=probe.active,
        reason=f"{probe.note}; {note}" if probe.active else probe.note,
        jit_active=probe.active,
    )
    return [off, jit]
