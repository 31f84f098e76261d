"""Start-up half of the shim, run from `adopt_fast_jit.pth` when ADOPT_FAST_JIT is not `off`.

It runs inside `site`, in every Python process of the environment that asked for the JIT, before
the user's program: it imports only `os` and `sys` (already loaded by then), never raises, and on any
problem prints exactly one warning line and leaves the process on plain CPython.

`adopt_fast_jit.pth` sorts before `pyston_lite_autoload.pth`, so by the time autoload runs the
decision is made: DISABLE_PYSTON is set when the JIT must stay off (autoload then does nothing) and
removed when it is on (autoload's second enable() is a no-op).
"""

from __future__ import annotations

import os
import sys

ENV_VAR = (
    "ADOPT_FAST_JIT"  # same name as adopt_fast.jit_switch.ENV_VAR, which must not be imported here
)
WARNED_VAR = (
    "ADOPT_FAST_JIT_WARNED"  # the warning is printed once per process tree, not per process
)
SUPPORTED_PYTHONS = ((3, 7), (3, 10))
SUPPORTED_PLATFORMS = (("linux", "x86_64"), ("linux", "aarch64"), ("darwin", "arm64"))
PYSTON_EXTRA = "adopt-fast[pyston]"

# What the start-up did in this process, for adopt_fast.jit.shim.status(): (enabled, reason, hint).
outcome: tuple[bool, str, str] | None = None


def unsupported_reason() -> tuple[str, str] | None:
    """Why pyston-lite cannot run on this interpreter at all (reason, next step), or None."""
    version = sys.version_info[:2]
    here = f"{version[0]}.{version[1]}"
    if sys.implementation.name != "cpython":
        return (
            f"pyston-lite needs CPython; this is {sys.implementation.name} {here}",
            "run with a CPython 3.10 interpreter",
        )
    if not SUPPORTED_PYTHONS[0] <= version <= SUPPORTED_PYTHONS[1]:
        return (
            f"pyston-lite needs CPython 3.7-3.10; this is {here}",
            (
                f"use a Python 3.10 environment; compare with `adopt-fast bench --python {here} "
                "--python 3.10`"
            ),
        )
    machine = os.uname().machine if hasattr(os, "uname") else "unknown"
    if (sys.platform, machine) not in SUPPORTED_PLATFORMS:
        return (
            f"pyston-lite has no build for {sys.platform} {machine}",
            "it runs on Linux x86_64/aarch64 and macOS arm64",
        )
    return None


def not_installed() -> tuple[str, str]:
    """Why the JIT is off when pyston-lite is missing, and the fix: (reason, hint)."""
    return f"pyston-lite is not installed in {sys.prefix}", f"pip install '{PYSTON_EXTRA}'"


def enable() -> tuple[bool, str, str]:
    """Turn the JIT on in this process: (enabled, reason, hint); never raises."""
    blocked = unsupported_reason()
    if blocked is not None:
        return (False, *blocked)
    try:
        import pyston_lite  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return (False, *not_installed())
    try:
        pyston_lite.enable()
    except BaseException as e:  # noqa: BLE001 - a failing JIT must never take the host down
        return (
            False,
            f"pyston_lite.enable() failed: {type(e).__name__}: {e}",
            "report it to pyston-lite with the output of `adopt-fast jit status`",
        )
    return (True, "", "")


def warning_line(reason: str, hint: str) -> str:
    return f"adopt-fast: warning: JIT not enabled: {reason} ({hint}); running on plain CPython"


def settle(result: tuple[bool, str, str]) -> None:
    """Record `result`; when the JIT stays off, keep autoload off and warn once per process tree."""
    global outcome
    outcome = result
    if result[0]:
        return
    # autoload must not retry: its failure would print a traceback from site.py.
    os.environ["DISABLE_PYSTON"] = "1"
    if not os.environ.get(WARNED_VAR):
        os.environ[WARNED_VAR] = "1"
        print(warning_line(result[1], result[2]), file=sys.stderr)


def apply() -> None:
    """The .pth entry point for ADOPT_FAST_JIT set to anything but `off`."""
    mode = os.environ.get(ENV_VAR, "")
    if mode == "pyston":
        os.environ.pop("DISABLE_PYSTON", None)
        settle(enable())
    else:
        settle((False, f"unknown {ENV_VAR}={mode!r}", f"set {ENV_VAR} to pyston or off"))
