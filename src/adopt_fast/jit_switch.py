"""The one switch: `ADOPT_FAST_JIT=pyston|off`, carried to child processes by the environment.

A leaf: `adopt-fast run`, the bench configurations and the shim all speak it.

pyston-lite-autoload enables the JIT from a .pth file in every process unless DISABLE_PYSTON
is set, so "off" must set DISABLE_PYSTON for the whole process tree and "pyston" must clear it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Literal, get_args

ENV_VAR = "ADOPT_FAST_JIT"
JitMode = Literal["pyston", "off"]
MODES: tuple[JitMode, ...] = get_args(JitMode)


def child_env(mode: JitMode, env: Mapping[str, str] | None = None) -> dict[str, str]:
    """A copy of `env` (default: os.environ) in which processes run with the JIT `mode`."""
    if mode not in MODES:
        raise ValueError(f"unknown JIT mode {mode!r}; choose one of {', '.join(MODES)}")
    result = dict(os.environ if env is None else env)
    result[ENV_VAR] = mode
    if mode == "off":
        result["DISABLE_PYSTON"] = "1"
    else:
        result.pop("DISABLE_PYSTON", None)
    return result


def scripts_first(env: dict[str, str], bin_dir: str) -> dict[str, str]:
    """`env` with `bin_dir` first on PATH, so `python`, `pytest` and other console scripts in a
    command mean that environment's even when it is not activated."""
    env["PATH"] = bin_dir + os.pathsep + env.get("PATH", "") if env.get("PATH") else bin_dir
    return env
