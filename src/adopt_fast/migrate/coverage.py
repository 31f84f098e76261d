"""What the old chain reports that the new Ruff configuration no longer does, and what Ruff
newly reports, by code."""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections import Counter
from dataclasses import dataclass

from adopt_fast.migrate.codes import CodeMap, package_name
from adopt_fast.migrate.oldchain import OldTools
from adopt_fast.migrate.translate import Project
from adopt_fast.ruff import find_ruff_bin


@dataclass(frozen=True)
class Lost:
    """Findings of an old code (or tool) that Ruff now reports fewer times."""

    old_code: str
    ruff_code: str  # "" when Ruff has no equivalent
    old_count: int
    ruff_count: int
    reason: str

    def __str__(self) -> str:
        target = f"Ruff {self.ruff_code} {self.ruff_count}" if self.ruff_code else "no Ruff rule"
        reason = f": {self.reason}" if self.reason else ""
        return f"  {self.old_code}: old chain {self.old_count}, {target}{reason}"


@dataclass(frozen=True)
class Gained:
    """Findings of a Ruff code (or files) that Ruff reports more times than the old chain."""

    ruff_code: str
    old_count: int
    ruff_count: int

    def __str__(self) -> str:
        return f"  {self.ruff_code}: old chain {self.old_count}, Ruff {self.ruff_count}"


@dataclass(frozen=True)
class Coverage:
    lost: list[Lost]
    gained: list[Gained]


def _run(argv: list[str], cwd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        argv,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "NO_COLOR": "1"},
    )


def flake8_counts(project: Project, flake8: str, copy: str) -> Counter[str]:
    hook = project.hook("flake8")
    args = hook.args if hook else []
    out = _run([flake8, *args, "--format=%(code)s", "."], copy).stdout
    return Counter(line.strip() for line in out.splitlines() if line.strip())


def ruff_findings(copy: str) -> list[tuple[str, str]]:
    """(code, file) of every `ruff check` finding in the copy, with its own configuration."""
    out = _run(
        [find_ruff_bin(), "check", "--no-fix", "--no-cache", "--output-format", "json", "."], copy
    ).stdout
    return [
        (f.get("code") or "", os.path.relpath(f["filename"], copy)) for f in json.loads(out or "[]")
    ]


def files_flagged(argv: list[str], copy: str, pattern: str) -> int:
    done = _run(argv, copy)
    return len(set(re.findall(pattern, done.stdout + done.stderr, re.MULTILINE)))


def compare_findings(project: Project, tools: OldTools, copy: str) -> Coverage:
    """Old findings, by code, that Ruff reports fewer times, and Ruff findings the old chain
    reported fewer times (run after the timing, in the same copy, so both sides see the same
    files)."""
    findings = ruff_findings(copy)
    ruff_counts = Counter(code for code, _ in findings)
    old_by_ruff_code: Counter[str] = Counter()
    lost: list[Lost] = []
    gained: list[Gained] = []
    if "flake8" in tools.paths:
        hook = project.hook("flake8")
        installed = (
            frozenset(package_name(d) for d in hook.additional_dependencies)
            if hook
            else frozenset()
        )
        codes = CodeMap(installed)
        for code, count in sorted(flake8_counts(project, tools.paths["flake8"], copy).items()):
            translated = codes.translate(code)
            target = translated.selectors[0] if translated.selectors else ""
            old_by_ruff_code[target] += count
            now = ruff_counts.get(target, 0) if target else 0
            if now < count:
                reason = "; ".join(r for _, r in translated.dropped)
                lost.append(Lost(code, target, count, now, reason))
    for code, now in sorted(ruff_counts.items()):
        # I001 is compared by files with isort below; pyupgrade's rewrites are not counted.
        if code == "I001" or (code.startswith("UP") and "pyupgrade" in tools.paths):
            continue
        if now > old_by_ruff_code[code]:
            gained.append(Gained(code, old_by_ruff_code[code], now))
    imports_files = len({f for code, f in findings if code == "I001"})
    if "isort" in tools.paths:
        old = files_flagged(
            [tools.paths["isort"], "--check-only", "."],
            copy,
            r"^ERROR: (.+?) Imports are incorrectly sorted",
        )
        if imports_files < old:
            lost.append(Lost("isort (files)", "I001", old, imports_files, ""))
        elif imports_files > old:
            gained.append(Gained("I001 (files)", old, imports_files))
    elif imports_files:
        gained.append(Gained("I001 (files)", 0, imports_files))
    if "black" in tools.paths:
        old = files_flagged([tools.paths["black"], "--check", "."], copy, r"^would reformat (.+)$")
        new = files_flagged(
            [find_ruff_bin(), "format", "--check", "--no-cache", "--output-format", "concise", "."],
            copy,
            r"^(.+?):\d+:\d+: unformatted",
        )
        if new < old:
            lost.append(Lost("black (files)", "format", old, new, ""))
        elif new > old:
            gained.append(Gained("format (files)", old, new))
    return Coverage(lost, gained)
