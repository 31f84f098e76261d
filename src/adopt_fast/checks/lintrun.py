"""One `ruff check` read as results: its JSON output as violations, or Ruff's error when it
could not lint (a configuration Ruff rejects)."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass


class Background:
    """A subprocess started at once and read when a check needs it, so that the few small
    probes run in parallel with each other and with `ruff check`."""

    def __init__(self, argv: Sequence[str], cwd: str) -> None:
        self._process = subprocess.Popen(
            argv,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self._result: tuple[int, str, str] | None = None

    def stop(self) -> None:
        """Kill it if it still runs (a run cut short)."""
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()

    def result(self) -> tuple[int, str, str]:
        """Exit code, stdout and stderr."""
        if self._result is None:
            out, err = self._process.communicate()
            self._result = (self._process.returncode, out, err)
        return self._result


@dataclass(frozen=True)
class Violation:
    code: str
    message: str
    path: str  # relative to the project root
    line: int
    column: int
    end_line: int
    end_column: int
    fixable: bool  # `ruff check --fix` fixes it (never F401: `adopt-fast fix` removes those)
    url: str | None  # the rule's documentation


@dataclass(frozen=True)
class LintResult:
    violations: tuple[Violation, ...]
    error: str | None  # Ruff could not lint (exit 2): its first error line
    stderr: str = ""  # all of Ruff's error output, when it could not lint


class LintRun:
    """Reads the JSON of a `ruff check` started (as a `Background`) by `checks.runner.start_lint`."""

    def __init__(self, root: str, process: Background) -> None:
        self.root = root
        self._process = process
        self._result: LintResult | None = None

    def result(self) -> LintResult:
        if self._result is None:
            code, out, err = self._process.result()
            if code != 0:
                lines = [line for line in err.splitlines() if line.strip()]
                self._result = LintResult((), " ".join(lines[:3]) or "ruff check failed", err)
            else:
                self._result = LintResult(tuple(self._violation(v) for v in json.loads(out)), None)
        return self._result

    def _violation(self, item: dict[str, object]) -> Violation:
        location = item.get("location") or {}
        end = item.get("end_location") or location
        assert isinstance(location, dict) and isinstance(end, dict)
        filename = str(item.get("filename", ""))
        url, fix = item.get("url"), item.get("fix")
        return Violation(
            code=str(item.get("code") or "syntax-error"),
            message=str(item.get("message", "")),
            path=os.path.relpath(filename, os.path.abspath(self.root)),
            line=int(location.get("row", 1)),
            column=int(location.get("column", 1)),
            end_line=int(end.get("row", 1)),
            end_column=int(end.get("column", 1)),
            fixable=isinstance(fix, dict) and fix.get("applicability") == "safe",
            url=url if isinstance(url, str) else None,
        )
