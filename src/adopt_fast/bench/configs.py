"""The configurations a bench compares, and whether each accelerator really runs in them.

The current interpreter gives the baseline (no accelerator) and the Pyston-lite candidate, in
the user's own environment. Each `--python` interpreter gets an environment built for it
(bench.envs) and a configuration without an accelerator; where pyston-lite installed there
(CPython 3.7-3.10), also one with it, so that `--python 3.10` from a 3.12 host still measures
Pyston-lite. CPython's own JIT (3.13+, builds configured with it) and CinderX (CPython 3.14)
are detected; where they cannot run, they are listed as unavailable with the reason.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from adopt_fast.bench import discovery, envs
from adopt_fast.bench.configuration import Accelerator, Config, InterpreterInfo
from adopt_fast.interpreters import Interpreter, current
from adopt_fast.jit_switch import JitMode, child_env, scripts_first

# Each pytest process of a run appends one JSON line saying whether the JIT really ran in it
# (adopt_fast.jit.pytest_plugin).
JIT_REPORT_VAR = "ADOPT_FAST_JIT_REPORT"
OUTCOME_PLUGIN = "adopt_fast.bench.pytest_outcomes"
_STATUS_PROBE = (
    "import json; from adopt_fast.jit import shim; s = shim.status(); "
    "print(json.dumps({'active': s.active, 'installed': s.pyston_version is not None, "
    "'version': s.pyston_version, 'header': s.header, 'reason': s.reason, 'hint': s.hint}))"
)
# CPython's JIT: sys._jit from 3.14, the configure flag on 3.13 (it has no API to ask).
_CPYTHON_JIT_PROBE = (
    "import json, sys, sysconfig; j = getattr(sys, '_jit', None); "
    "built = j.is_available() if j else '--enable-experimental-jit' in "
    "(sysconfig.get_config_var('CONFIG_ARGS') or ''); "
    "print(json.dumps({'built': bool(built), 'enabled': j.is_enabled() if j else None}))"
)
CINDERX_PYTHON = (3, 14)
CPYTHON_JIT_SINCE = (3, 13)

Log = Callable[[str], None]


@dataclass(frozen=True)
class JitProbe:
    active: bool
    installed: bool
    note: str  # the shim's header when active, else why not and what to do
    version: str | None = None


@dataclass(frozen=True)
class Place:
    """Where a configuration runs: its python, its bin folder, its venv, its report files."""

    python: str
    bin_dir: str
    report_dir: str
    venv: str | None = None
    borrow: str | None = None  # a PYTHONPATH folder with adopt_fast, for an env without it

    def env(self, mode: JitMode, index: int, extra: dict[str, str] | None = None) -> dict[str, str]:
        # `python`, `pytest` and friends in a custom command resolve to this configuration's.
        env = scripts_first(child_env(mode), self.bin_dir)
        env[JIT_REPORT_VAR] = os.path.join(self.report_dir, f"{index}.jsonl")
        plugins = [p for p in env.get("PYTEST_PLUGINS", "").split(",") if p]
        env["PYTEST_PLUGINS"] = ",".join([*plugins, OUTCOME_PLUGIN])
        if self.borrow:
            env["PYTHONPATH"] = os.pathsep.join(
                p for p in (self.borrow, env.get("PYTHONPATH")) if p
            )
        if self.venv:
            env["VIRTUAL_ENV"] = self.venv
        env.update(extra or {})
        return env


def package_only_path(folder: str) -> str:
    """A folder holding only a link to adopt_fast, for another interpreter's PYTHONPATH: the
    outcome plugin and the shim's status code are plain Python, but the rest of this
    site-packages may not fit there."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    os.makedirs(folder, exist_ok=True)
    link = os.path.join(folder, "adopt_fast")
    if not os.path.exists(link):
        os.symlink(package, link)
    return folder


def _json_probe(python: str, code: str, env: dict[str, str]) -> dict[str, object] | str:
    """What `code` printed as JSON in `python`, or the line that says why it did not."""
    try:
        done = subprocess.run(
            [python, "-c", code], env=env, capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.SubprocessError) as e:
        return f"{python} did not run: {e}"
    try:
        data: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return (done.stderr.strip().splitlines() or ["no output"])[-1]
    return data


def jit_probe(python: str, env: dict[str, str]) -> JitProbe:
    """Whether Pyston-lite really runs in `python` under `env` (asked of the shim, in a child)."""
    status = _json_probe(python, _STATUS_PROBE, env)
    if isinstance(status, str):
        return JitProbe(False, False, f"the JIT shim cannot report its status here: {status}")
    version = str(status["version"]) if status.get("version") else None
    if status["active"]:
        return JitProbe(True, True, str(status["header"]), version)
    why, hint = status.get("reason") or status["header"], status.get("hint")
    note = f"{why}; {hint}" if hint else str(why)
    return JitProbe(False, bool(status["installed"]), note, version)


# platform.python_implementation() of GraalPy says "GraalVM"; its users call it GraalPy.
_KINDS = {"GraalVM": "GraalPy"}


def interpreter_info(found: Interpreter) -> InterpreterInfo:
    own = found.implementation_version if found.implementation != "CPython" else ""
    kind = _KINDS.get(found.implementation, found.implementation)
    return InterpreterInfo(kind, ".".join(map(str, found.version)), found.path, own)


def _pyston(info: InterpreterInfo, place: Place, index: int, note: str) -> Config | None:
    env = place.env("pyston", index)
    probe = jit_probe(place.python, env)
    if place.venv and not probe.installed:  # no pyston-lite for this interpreter: nothing to add
        return None
    return Config(
        info,
        place.python,
        env,
        Accelerator("pyston-lite", probe.version, probe.active),
        available=probe.active,
        reason="; ".join(n for n in (probe.note, note if probe.active else "") if n),
    )


def _cpython_jit(info: InterpreterInfo, place: Place, index: int, note: str) -> Config | None:
    """CPython's own JIT where the interpreter is 3.13+ (`PYTHON_JIT=1`, build permitting)."""
    if info.kind != "CPython" or info.version_key() < CPYTHON_JIT_SINCE:
        return None
    env = place.env("off", index, {"PYTHON_JIT": "1"})
    status = _json_probe(place.python, _CPYTHON_JIT_PROBE, env)
    built = isinstance(status, dict) and bool(status.get("built"))
    active = status.get("enabled") if isinstance(status, dict) else None
    reason = (
        f"{info.label} was not built with CPython's JIT (configure --enable-experimental-jit); "
        "bench a build with it, e.g. `PYTHON_CONFIGURE_OPTS=--enable-experimental-jit pyenv "
        f"install {info.version}` under another name, then --python PATH"
        if not built
        else note
    )
    return Config(
        info,
        place.python,
        env,
        Accelerator("cpython-jit", None, bool(active) if active is not None else None),
        available=built and active is not False,
        reason=reason,
    )


def cinderx_row(configs: Sequence[Config]) -> Config:
    """CinderX needs CPython 3.14: listed with why it is not measured."""
    cpythons = sorted(
        {c.interpreter.short_version for c in configs if c.interpreter.kind == "CPython"}
    )
    has_314 = any(
        c.interpreter.kind == "CPython" and c.interpreter.version_key() == CINDERX_PYTHON
        for c in configs
    )
    reason = (
        "bench does not install CinderX; measure it with `pip install cinderx` in a 3.14 "
        "environment and adopt-fast bench -- CMD from there"
        if has_314
        else f"CinderX needs CPython 3.14; the CPython benched here: {', '.join(cpythons)}; "
        "install 3.14 and add --python 3.14"
    )
    info = InterpreterInfo("CPython", "3.14", "")
    return Config(info, "", {}, Accelerator("cinderx"), available=False, reason=reason)


def _configs_for(info: InterpreterInfo, place: Place, first: int, note: str) -> list[Config]:
    base = Config(info, place.python, place.env("off", first), reason=note)
    out = [base]
    for make in (_pyston, _cpython_jit):
        extra = make(info, place, first + len(out), note)
        if extra is not None:
            out.append(extra)
    return out


def _named_apart(new: list[Config], taken: Sequence[Config]) -> list[Config]:
    names = {c.name for c in taken}
    return [
        Config(c.interpreter, c.python, c.env, c.accelerator, c.available, c.reason, " (bench env)")
        if c.name in names
        else c
        for c in new
    ]


def build_configs(
    project: str,
    pythons: tuple[str, ...],
    report_dir: str,
    log: Log,
    *,
    needs_pytest: bool = True,
    deps_choice: envs.DepsChoice | None = None,
) -> list[Config]:
    """Baseline first, then its accelerators, then each `--python` (none, then accelerated),
    and CinderX's row last.

    The current interpreter's configurations run in the user's own environment, never a built
    one; only each `--python` gets an environment (with pytest only when `needs_pytest`)."""
    here = current()
    place = Place(sys.executable, os.path.dirname(sys.executable), report_dir)
    configs = _configs_for(interpreter_info(here), place, 0, "")
    borrow = package_only_path(os.path.join(report_dir, "pythonpath"))
    for interpreter in discovery.resolve(pythons, here, project, log):
        built = envs.ensure_env(
            interpreter, project, log, needs_pytest=needs_pytest, choice=deps_choice
        )
        if built.built:
            log(f"built {built.path} in {built.seconds:.1f} s (not counted in the measurement)")
        note = f"environment {built.path} (test dependencies: {built.dependencies.source})"
        there = Place(built.python, built.bin_dir, report_dir, built.path, borrow)
        new = _configs_for(interpreter_info(interpreter), there, len(configs), note)
        configs += _named_apart(new, configs)
    return [*configs, cinderx_row(configs)]
