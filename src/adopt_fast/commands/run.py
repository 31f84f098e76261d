"""`adopt-fast run [--jit pyston|off] -- CMD...`: CMD and its child processes under the JIT switch."""

from __future__ import annotations

import os
import subprocess
import sys

from adopt_fast.errors import InputError
from adopt_fast.jit_switch import JitMode, child_env, scripts_first


def run(command: list[str], mode: JitMode) -> int:
    """Run `command` with ADOPT_FAST_JIT=`mode`; its exit code is ours.

    This environment's scripts folder goes first on PATH, as in `adopt-fast bench`: from a venv
    that is not activated, `python` and `pytest` would otherwise be whatever PATH finds first
    (another interpreter, silently without the JIT). On POSIX the command replaces this process
    (exec), so signals, the exit code and the terminal go straight to it and no extra Python
    process stays around.
    """
    if not command:
        raise InputError(
            "adopt-fast run",
            "no command given",
            "put the command after `--`, e.g. `adopt-fast run --jit pyston -- pytest`",
        )
    env = scripts_first(child_env(mode), os.path.dirname(sys.executable))
    try:
        if os.name == "posix":
            sys.stdout.flush()
            sys.stderr.flush()
            os.execvpe(command[0], command, env)
        return subprocess.run(command, env=env, check=False).returncode
    except OSError as e:
        raise InputError(
            command[0], f"cannot run the command: {e.strerror or e}", "check its name and PATH"
        ) from None
