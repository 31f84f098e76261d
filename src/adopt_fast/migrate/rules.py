"""The pinned Ruff's rule table: which selectors exist, and which are preview-only or removed."""

from __future__ import annotations

import functools
import json
import re
import subprocess
from dataclasses import dataclass

from adopt_fast.ruff import find_ruff_bin
from adopt_fast.selectors import linters


@dataclass(frozen=True)
class Rule:
    code: str
    family: str  # the linter (or category) prefix of the code: "E", "PLC", "C90"
    preview: bool
    removed: bool


@dataclass(frozen=True)
class RuleTable:
    rules: tuple[Rule, ...]

    def matching(self, selector: str) -> list[Rule]:
        """The rules a Ruff selector selects, with Ruff's semantics (`E` is not `EXE`)."""
        selector = selector.strip().upper()
        if selector == "ALL":
            return list(self.rules)
        known = linters()
        family = known.family(selector)
        if family is None:
            return []
        families = {family, *known.categories.get(family, frozenset())}
        return [r for r in self.rules if r.code.startswith(selector) and r.family in families]


@functools.lru_cache(maxsize=1)
def rule_table() -> RuleTable:
    """Asked of the pinned Ruff itself, so the table never drifts from the binary in use."""
    out = subprocess.run(
        [find_ruff_bin(), "rule", "--all", "--output-format", "json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    known = linters()
    rules = []
    for rule in json.loads(out):
        code = rule.get("code")
        if not code:
            continue
        status = rule.get("status")
        removed = (isinstance(status, dict) and "Removed" in status) or status == "Removed"
        rules.append(Rule(code, known.family(code) or "", bool(rule.get("preview")), removed))
    return RuleTable(tuple(rules))


@functools.lru_cache(maxsize=1)
def target_versions() -> frozenset[str]:
    """The `target-version` values the pinned Ruff accepts ("py37" ... ), asked of Ruff."""
    out = subprocess.run(
        [find_ruff_bin(), "config", "target-version", "--output-format", "json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return frozenset(re.findall(r"py\d+", json.loads(out)["value_type"]))
