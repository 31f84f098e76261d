"""Ruff rule selectors: whether one selector already covers another.

A plain string prefix is wrong for Ruff codes: `E` covers `E4` and `E501` but not `EXE001`
(flake8-executable), `B` does not cover `BLE`, while `PL` does cover `PLE`. The linter
prefixes come from the pinned Ruff itself (`ruff linter --output-format json`).
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass

from adopt_fast.ruff import PINNED_VERSION, find_ruff_bin


@dataclass(frozen=True)
class Linters:
    families: frozenset[str]  # every linter prefix and category prefix: "E", "EXE", "PL", "PLE"
    categories: dict[str, frozenset[str]]  # "PL" -> {"PLC", "PLE", "PLR", "PLW"}

    def family(self, selector: str) -> str | None:
        """The longest linter (or category) prefix that `selector` starts with and is
        followed by nothing or a digit: `EXE001` -> `EXE`, `E4` -> `E`, `PLE0101` -> `PLE`."""
        best: str | None = None
        for prefix in self.families:
            rest = selector[len(prefix) :]
            if (
                selector.startswith(prefix)
                and (rest == "" or rest[0].isdigit())
                and (best is None or len(prefix) > len(best))
            ):
                best = prefix
        return best

    def covers(self, existing: str, wanted: str) -> bool:
        """Whether selecting `existing` already selects every rule `wanted` selects."""
        existing, wanted = existing.strip().upper(), wanted.strip().upper()
        if existing == "ALL" or existing == wanted:
            return True
        if wanted == "ALL" or not wanted.startswith(existing):
            return False
        have, want = self.family(existing), self.family(wanted)
        if have is None or want is None:
            return False
        return have == want or want in self.categories.get(have, frozenset())

    def covered(self, selectors: Iterable[str], wanted: str) -> bool:
        return any(self.covers(s, wanted) for s in selectors)


DATA = os.path.join(os.path.dirname(__file__), "ruff_linters.json")


@functools.lru_cache(maxsize=1)
def linters() -> Linters:
    """The linter prefixes of the pinned Ruff, from `ruff_linters.json` (a test proves it
    matches `ruff linter` of the pinned Ruff; `python -m adopt_fast.selectors` rewrites it)."""
    with open(DATA, encoding="utf-8") as f:
        data = json.load(f)
    return Linters(
        frozenset(data["families"]), {k: frozenset(v) for k, v in data["categories"].items()}
    )


def linters_from_ruff() -> dict[str, object]:
    """The same data, asked from the pinned Ruff (`ruff linter --output-format json`)."""
    out = subprocess.run(
        [find_ruff_bin(), "linter", "--output-format", "json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    families: set[str] = set()
    categories: dict[str, list[str]] = {}
    for linter in json.loads(out):
        prefix = linter["prefix"]
        subs = sorted(prefix + c["prefix"] for c in linter.get("categories") or [])
        if prefix:
            families.add(prefix)
            categories[prefix] = subs
        families.update(subs)
    return {
        "ruff_version": PINNED_VERSION,
        "families": sorted(families),
        "categories": {k: v for k, v in sorted(categories.items()) if v},
    }


if __name__ == "__main__":
    import json

    with open(DATA, "w", encoding="utf-8") as f:
        f.write(json.dumps(linters_from_ruff(), indent=1) + "\n")
