"""pytest plugin: each test's outcome, appended to the file named by ADOPT_FAST_BENCH_OUTCOMES.

`adopt-fast bench` loads it into every pytest process of a run through PYTEST_PLUGINS (and,
for an environment without adopt-fast, a PYTHONPATH folder holding only this package), so any
command that runs pytest (`pytest -x tests/unit`, `python -m pytest`, `make test`) reports its
outcomes. One JSON line per test: {"pid", "test", "outcome", "seconds", "message"}, outcome as
in JUnit XML (passed, failed, skipped, errors; xfail counts as skipped, xpass as passed), and
one {"pid", "exitstatus"} line when the session ends.

The variable is removed from the environment once read: pytest-xdist workers report through
their controller, which records their tests, and a pytest run inside a test (a suite testing a
pytest plugin) is not the suite's own outcome. Only the standard library and pytest are used,
in syntax Python 3.7 accepts, so that the plugin loads in any interpreter bench measures.
"""

from __future__ import annotations

import json
import os
from typing import Any

OUTCOMES_VAR = "ADOPT_FAST_BENCH_OUTCOMES"


def _message(report: Any) -> str:
    """The line a user needs: the exception of a failure or error (pytest's `E   ...` line)."""
    crash: Any = getattr(report.longrepr, "reprcrash", None)
    message = str(getattr(crash, "message", None) or "")
    if message:
        return message.splitlines()[0]
    lines = str(report.longrepr or "").splitlines()
    for line in lines:
        if line.startswith("E "):
            return line[1:].strip()
    return lines[-1].strip() if lines else ""


class OutcomeRecorder:
    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.pending: dict[str, dict[str, Any]] = {}

    def _write(self, record: dict[str, Any]) -> None:
        record["pid"] = os.getpid()
        # One write() of one line to an O_APPEND file: processes writing at once never interleave.
        os.write(self.fd, (json.dumps(record) + "\n").encode("utf-8"))

    def pytest_runtest_logreport(self, report: Any) -> None:
        case = self.pending.setdefault(
            report.nodeid, {"test": report.nodeid, "outcome": "passed", "seconds": 0.0}
        )
        case["seconds"] += float(getattr(report, "duration", 0.0) or 0.0)
        if report.failed:
            xpass_strict = report.when == "call" and hasattr(report, "wasxfail")
            bad = "failed" if report.when == "call" or xpass_strict else "errors"
            if case["outcome"] not in ("failed", "errors"):
                case["outcome"], case["message"] = bad, _message(report)
        elif report.skipped and case["outcome"] == "passed":
            case["outcome"] = "skipped"
        if report.when == "teardown":
            self._write(self.pending.pop(report.nodeid))

    def pytest_collectreport(self, report: Any) -> None:
        if report.failed:
            record = {"test": report.nodeid, "outcome": "errors", "seconds": 0.0}
            record["message"] = _message(report)
            self._write(record)
        elif report.skipped:  # pytest.skip(allow_module_level=True)
            self._write({"test": report.nodeid, "outcome": "skipped", "seconds": 0.0})

    def pytest_sessionfinish(self, exitstatus: Any) -> None:
        for case in self.pending.values():  # interrupted mid-test: what is known so far
            self._write(case)
        self.pending.clear()
        self._write({"exitstatus": int(exitstatus)})

    def pytest_unconfigure(self) -> None:
        os.close(self.fd)


def pytest_configure(config: Any) -> None:
    path = os.environ.pop(OUTCOMES_VAR, "")
    if not path or hasattr(config, "workerinput"):  # an xdist worker: its controller records
        return
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    config.pluginmanager.register(OutcomeRecorder(fd), "adopt-fast-bench-outcomes")
