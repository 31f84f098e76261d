"""Time the old chain against Ruff on a copy of the project: interleaved, cold and warm caches.

Each round runs both chains, in alternating order, first with their caches cleared (cold) and
then again at once (warm). The gain is the median of the per-round ratios old / new with an
order-statistic interval of known coverage (`adopt_fast.stats`: at least 95% from 6
rounds, the range with its real coverage below), so drift on a shared machine cancels out.
Everything runs in a throwaway copy: pyupgrade has no check mode and rewrites files, and the
timings must not touch the user's caches or tree.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from adopt_fast.edits.change import Change
from adopt_fast.errors import InputError
from adopt_fast.stats import Speedup, relative_spread, speedup

# Folders never copied: version control, environments, caches, build output.
SKIPPED = (
    ".git",
    ".hg",
    ".tox",
    ".nox",
    ".venv",
    "venv",
    "node_modules",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    "__pycache__",
    ".eggs",
    "build",
    "dist",
    ".bench",
)
MODES = ("cold", "warm")


@dataclass(frozen=True)
class Step:
    """One command of a chain; exit codes 0 and 1 mean "ran" (1: findings)."""

    name: str
    argv: tuple[str, ...]


@dataclass(frozen=True)
class Chain:
    name: str
    steps: tuple[Step, ...]
    caches: tuple[str, ...] = ()  # folders (relative to the copy) cleared before a cold run
    env: dict[str, str] = field(default_factory=dict)  # extra environment (cache locations)


@dataclass(frozen=True)
class Gain:
    mode: str
    old_s: list[float]
    new_s: list[float]
    speedup: Speedup

    @property
    def spread(self) -> float:
        """The larger relative spread (stdev / mean) of the two chains' samples."""
        return max(relative_spread(self.old_s), relative_spread(self.new_s))


def copy_project(root: str, target: str, changes: Sequence[Change] = ()) -> str:
    """A copy of the project at `target` with the planned `changes` written into it."""
    shutil.copytree(root, target, ignore=shutil.ignore_patterns(*SKIPPED), symlinks=True)
    for change in changes:
        relative = os.path.relpath(change.path, root)
        with open(os.path.join(target, relative), "wb") as f:
            f.write(change.new)
    return target


def run_chain(chain: Chain, cwd: str) -> float:
    """Run every step once; the wall time of the whole chain. A step that crashes (exit
    code other than 0 or 1) is an error: timing a broken tool would be meaningless."""
    env = {**os.environ, **chain.env}
    start = time.perf_counter()
    for step in chain.steps:
        done = subprocess.run(
            step.argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, capture_output=True, check=False
        )
        if done.returncode not in (0, 1):
            tail = (done.stderr or done.stdout).decode("utf-8", "replace").strip()
            raise InputError(
                cwd,
                f"{step.name} exited with {done.returncode} while timing: "
                f"{tail.splitlines()[-1] if tail else 'no output'}",
                f"run `{' '.join(step.argv[:2])} ...` in the project to see why",
            )
    return time.perf_counter() - start


def clear_caches(chain: Chain, cwd: str) -> None:
    for cache in chain.caches:
        shutil.rmtree(os.path.join(cwd, cache), ignore_errors=True)


def measure_gain(
    old: Chain, new: Chain, cwd: str, rounds: int, progress: Callable[[str], None] = lambda _m: None
) -> list[Gain]:
    """Cold and warm gains of `new` over `old` in `cwd` (one untimed warm-up of each first:
    pyupgrade rewrites the copy once, so every timed run sees the same files)."""
    for chain in (old, new):
        run_chain(chain, cwd)
    samples: dict[tuple[str, str], list[float]] = {
        (c.name, m): [] for c in (old, new) for m in MODES
    }
    for i in range(rounds):
        progress(f"round {i + 1}/{rounds}")
        for chain in (old, new) if i % 2 == 0 else (new, old):
            clear_caches(chain, cwd)
            samples[chain.name, "cold"].append(run_chain(chain, cwd))
            samples[chain.name, "warm"].append(run_chain(chain, cwd))
    return [
        Gain(
            m,
            samples[old.name, m],
            samples[new.name, m],
            speedup(samples[old.name, m], samples[new.name, m]),
        )
        for m in MODES
    ]


def format_gain(gain: Gain) -> str:
    s = gain.speedup
    old, new = statistics.median(gain.old_s), statistics.median(gain.new_s)
    verdict = f"{s.median:.1f}x faster" if s.median >= 1 else f"{1 / s.median:.1f}x slower"
    if not s.conclusive:
        verdict = f"too few rounds to tell ({s.median:.2f}x); use --rounds 6 or more"
    elif not s.significant:
        verdict = f"no significant difference ({s.median:.2f}x)"
    line = (
        f"  {gain.mode} caches: old chain {old:.3f} s, Ruff {new:.3f} s (medians) -> "
        f"{verdict}, {s.ci_label} {s.ci[0]:.1f}x-{s.ci[1]:.1f}x over {s.rounds} rounds"
    )
    if s.few_rounds:
        line += " (under 6 rounds the interval is just the range of the ratios)"
    if gain.spread >= 0.10:
        line += f" (spread {gain.spread:.0%} of the mean: the machine is busy; rerun)"
    return line
