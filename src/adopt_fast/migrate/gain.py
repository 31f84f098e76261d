"""The measured gain of one project: old chain vs Ruff, and the findings Ruff no longer reports."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from adopt_fast.edits.change import Change
from adopt_fast.migrate import coverage, measure, oldchain
from adopt_fast.migrate.translate import Project


@dataclass(frozen=True)
class GainReport:
    rounds: int
    old_steps: tuple[str, ...]
    new_steps: tuple[str, ...]
    gains: list[measure.Gain]
    lost: list[coverage.Lost]
    gained: list[coverage.Gained]

    def lines(self) -> list[str]:
        steps = ", ".join(self.old_steps)
        lines = [
            f"Measured gain ({self.rounds} interleaved rounds on a copy of the project; old "
            + f"chain: {steps}; new: {', '.join(self.new_steps)}):"
        ]
        lines += [measure.format_gain(gain) for gain in self.gains]
        if self.lost:
            lines.append(
                "Findings of the old chain the new configuration no longer reports, by code:"
            )
            lines += [str(item) for item in self.lost]
        if self.gained:
            lines.append(
                "Findings the new configuration reports more often than the old chain, by code:"
            )
            lines += [str(item) for item in self.gained]
        if not self.lost:
            lines.append(
                "Coverage: Ruff reports every kind of finding the old chain reported here"
                + ("; it also reports the findings above." if self.gained else ", and no more.")
            )
        return lines


def measure_project(
    root: str,
    project: Project,
    tools: oldchain.OldTools | None,
    *,
    rounds: int,
    planned: Sequence[Change] = (),
    progress: Callable[[str], None] = lambda _m: None,
) -> GainReport:
    """Time both chains on a throwaway copy of `root` (with the `planned` changes written into
    it); `tools` None installs the old tools first. InputError when a tool cannot be installed
    or crashes."""
    with tempfile.TemporaryDirectory(prefix="adopt-fast-migrate-") as tmp:
        if tools is None:
            progress("installing " + ", ".join(oldchain.requirements(project)))
            tools = oldchain.install_old_tools(project, os.path.join(tmp, "venv"))
        copy = measure.copy_project(root, os.path.join(tmp, "project"), planned)
        old = oldchain.old_chain(project, tools, copy)
        new = oldchain.ruff_chain(copy, formatter="black" in tools.paths)
        gains = measure.measure_gain(old, new, copy, rounds, progress)
        found = coverage.compare_findings(project, tools, copy)
    return GainReport(
        rounds,
        tuple(s.name for s in old.steps),
        tuple(s.name for s in new.steps),
        gains,
        found.lost,
        found.gained,
    )
