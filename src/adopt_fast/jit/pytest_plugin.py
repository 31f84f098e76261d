"""pytest plugin: `pytest --jit=pyston|off` (or ini `jit = ...`) and the `jit:` report-header line.

Precedence: `--jit` on the command line, then ADOPT_FAST_JIT in the environment (set by
`adopt-fast run` and `adopt-fast bench`), then the ini option `jit`; nothing set means off.
pytest-xdist workers inherit the choice through the environment, which request() updates before
they start.
"""

from __future__ import annotations

import json
import os

import pytest

from adopt_fast.jit import shim
from adopt_fast.jit_switch import ENV_VAR, MODES

REPORT_VAR = "ADOPT_FAST_JIT_REPORT"  # a file each pytest process appends its JIT state to
_status_key = pytest.StashKey[shim.JitStatus]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("adopt-fast", "adopt-fast JIT shim")
    group.addoption(
        "--jit",
        choices=MODES,
        default=None,
        help="run the tests with the Pyston-lite JIT (pyston) or without it (off); "
        f"default: ${ENV_VAR}, then the ini option `jit`, then off",
    )
    parser.addini(
        "jit", f"Pyston-lite JIT for this test run: {' or '.join(MODES)} (default off)", default=""
    )


def requested_mode(config: pytest.Config) -> str | None:
    mode: str | None = config.getoption("jit") or os.environ.get(ENV_VAR) or None
    if mode is None:
        ini = str(config.getini("jit")).strip()
        if ini and ini not in MODES:
            raise pytest.UsageError(f"ini option jit = {ini!r}: choose one of {', '.join(MODES)}")
        mode = ini or None
    return mode


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    mode = requested_mode(config)
    try:
        status = shim.request(mode) if mode in MODES else shim.status()
    except shim.JitConflict as e:
        raise pytest.UsageError(f"--jit=off: {e}") from None
    config.stash[_status_key] = status
    report = os.environ.get(REPORT_VAR)
    if report:
        _append_report(report, status)


def _append_report(path: str, status: shim.JitStatus) -> None:
    line = (
        json.dumps(
            {
                "pid": os.getpid(),
                "worker": os.environ.get("PYTEST_XDIST_WORKER"),
                "requested": status.requested,
                "active": status.active,
                "header": status.header,
            }
        )
        + "\n"
    )
    # One write() of one short line with O_APPEND: xdist workers appending at once do not interleave.
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line.encode())
    finally:
        os.close(fd)


def pytest_report_header(config: pytest.Config) -> str:
    return f"jit: {config.stash[_status_key].header}"
