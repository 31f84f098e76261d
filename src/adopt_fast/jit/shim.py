"""The JIT state of the running process, and turning it on from inside (the pytest plugin).

The switch is ADOPT_FAST_JIT (see adopt_fast.jit_switch). At start-up, `adopt_fast_jit.pth` acts
on it (adopt_fast.jit.boot); `request()` does the same later in a running process. Neither raises
into the user's program: an interpreter that cannot run the JIT gets one warning line.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from adopt_fast.jit import boot, probe
from adopt_fast.jit_switch import ENV_VAR, MODES, child_env


@dataclass(frozen=True)
class JitStatus:
    """What the JIT does in this process. `active` is checked, not assumed (probe.jit_active)."""

    requested: str | None  # ADOPT_FAST_JIT as this process sees it; None when unset
    active: bool
    pyston_version: str | None  # None when pyston-lite is not installed
    reason: str = ""  # why the JIT is not active although it was requested
    hint: str = ""  # what to do about it

    @property
    def header(self) -> str:
        """`pyston-lite 2.3.5 enabled` / `off` / `unavailable (<why>)`."""
        if self.active:
            return f"pyston-lite {self.pyston_version} enabled"
        if self.requested == "pyston":
            return f"unavailable ({self.reason})"
        return "off"


class JitConflict(Exception):
    """The JIT was asked to be off in a process where it already runs: it cannot be turned off."""


def status() -> JitStatus:
    requested = os.environ.get(ENV_VAR) or None
    active = probe.jit_active()
    version = probe.pyston_version()
    if active or requested != "pyston":
        return JitStatus(requested, active, version)
    reason, hint = _why_inactive()
    return JitStatus(requested, False, version, reason, hint)


def _why_inactive() -> tuple[str, str]:
    if boot.outcome is not None and not boot.outcome[0]:
        return boot.outcome[1], boot.outcome[2]
    blocked = boot.unsupported_reason()
    if blocked is not None:
        return blocked
    if probe.pyston_version() is None:
        return boot.not_installed()
    if boot.outcome is None:
        return (
            f"{ENV_VAR}=pyston was set after start-up and nothing enabled the JIT",
            "use `adopt-fast run --jit pyston -- CMD` or `pytest --jit=pyston`",
        )
    owner = probe.eval_frame_owner() or "CPython itself"
    return (
        f"pyston-lite was enabled, but frames are now evaluated by {owner}",
        "a debugger or profiler replaced the JIT's frame evaluator; run without it",
    )


def request(mode: str) -> JitStatus:
    """Put this process and its future children in `mode`; one warning line if the JIT cannot run.

    Raises JitConflict for `off` when the JIT already runs here (pyston-lite has no disable()).
    """
    if mode not in MODES:
        raise ValueError(f"unknown JIT mode {mode!r}; choose one of {', '.join(MODES)}")
    if mode == "off" and probe.jit_active():
        raise JitConflict(
            f"the JIT is already running in this process ({ENV_VAR}={os.environ.get(ENV_VAR)!r}) "
            f"and pyston-lite cannot be turned off: unset {ENV_VAR}, or use "
            "`adopt-fast run --jit off -- CMD`"
        )
    _set_environ(child_env(mode))
    if mode == "pyston" and not probe.jit_active():
        boot.settle(boot.enable())
    return status()


def _set_environ(wanted: dict[str, str]) -> None:
    for name in ("DISABLE_PYSTON", ENV_VAR):
        if name in wanted:
            os.environ[name] = wanted[name]
        else:
            os.environ.pop(name, None)
