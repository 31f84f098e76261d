"""What the benchmark scripts share: pinned sdists from PyPI, interleaved timing, ratio lines.

The scripts run as `python benchmarks/<name>.py`, so this folder is on sys.path and they import
this module as `_common`. The statistics are the package's own (adopt_fast.stats).
"""

from __future__ import annotations

import hashlib
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TypeVar

from adopt_fast.stats import paired_ratios

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".bench"
BIN = Path(sys.executable).parent

BOOTSTRAP_RESAMPLES = 10_000
DEFAULT_SEED = 20240601

T = TypeVar("T")


def fetch_sdist(name: str, version: str, dest: Path) -> Path:
    """The unpacked sdist of `name==version` below `dest`; downloaded from PyPI unless there."""
    dest.mkdir(parents=True, exist_ok=True)
    archive = _archive(dest, name, version)
    if archive is None:
        subprocess.run(
            [
                sys.executable,
                *("-m", "pip", "download", "-q", "--no-deps", "--no-binary", name),
                *(f"{name}=={version}", "-d", str(dest)),
            ],
            check=True,
        )
        archive = _archive(dest, name, version)
        if archive is None:
            raise SystemExit(f"pip downloaded no sdist of {name}=={version} into {dest}")
    with tarfile.open(archive) as tar:
        tree = dest / tar.getnames()[0].split("/")[0]
        if not tree.is_dir():
            tar.extractall(dest, filter="data")
    return tree


def _archive(folder: Path, name: str, version: str) -> Path | None:
    """The sdist in `folder`, however its file spells the name (PEP 625 lowercases it)."""
    for path in folder.glob("*.tar.gz"):
        stem, _, rest = path.name.rpartition("-")
        if _canonical(stem) == _canonical(name) and rest == f"{version}.tar.gz":
            return path
    return None


def _canonical(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def installed_hooks() -> Path:
    """The bin folder of an environment holding adopt-fast as pre-commit installs a hook
    repository: a `virtualenv` (seeded as pre-commit seeds it) and a plain, byte-compiled
    `pip install` of this checkout, not the editable development install. Cached in .bench/,
    keyed on the sources, so a changed checkout gets a new environment."""
    digest = hashlib.sha256(f"{sys.executable}\0{sys.version}".encode())
    for path in sorted(
        [
            ROOT / "pyproject.toml",
            *(ROOT / "src").rglob("*"),
            *(ROOT / "pre_commit_hooks").rglob("*"),
        ]
    ):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    env = CACHE / f"hook-env-{digest.hexdigest()[:12]}"
    bin_dir = env / ("Scripts" if os.name == "nt" else "bin")
    if not (bin_dir / "adopt-fast-fix-imports").exists():
        for old in CACHE.glob("hook-env-*"):
            shutil.rmtree(old, ignore_errors=True)
        quiet = subprocess.DEVNULL
        subprocess.run(
            [sys.executable, "-m", "virtualenv", "-q", str(env)], stdout=quiet, check=True
        )
        pip = [str(bin_dir / "python"), "-m", "pip", "install", "-q", str(ROOT)]
        subprocess.run(pip, stdout=quiet, check=True)
    return bin_dir


def time_once(argv: list[str], cwd: Path) -> float:
    """Wall time of one run of `argv` (its exit status and output are not looked at)."""
    start = time.perf_counter()
    subprocess.run(argv, check=False, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def interleaved(
    run_a: Callable[[], T], run_b: Callable[[], T], rounds: int, *, warmup: bool = True
) -> tuple[list[T], list[T]]:
    """`rounds` results of each, in ABBA order (the order alternates per round, so drift hits
    both alike), after one warm-up run of each (fills caches) unless `warmup` is false."""
    if warmup:
        run_a()
        run_b()
    times_a: list[T] = []
    times_b: list[T] = []
    for i in range(rounds):
        pair = [(run_a, times_a), (run_b, times_b)]
        for run, sink in pair if i % 2 == 0 else pair[::-1]:
            sink.append(run())
    return times_a, times_b


def interleaved_commands(
    a: list[str], b: list[str], cwd: Path, rounds: int
) -> tuple[list[float], list[float]]:
    """Wall times of the commands `a` and `b` in `cwd`, interleaved (see `interleaved`)."""
    return interleaved(partial(time_once, a, cwd), partial(time_once, b, cwd), rounds)


def python_files(tree: Path) -> list[str]:
    """Every .py file below `tree`, relative to it, sorted."""
    return sorted(str(p.relative_to(tree)) for p in tree.rglob("*.py"))


def python_start(cwd: Path, rounds: int, python: str = sys.executable) -> float:
    """Median seconds of a bare `python -c pass`: the floor of any hook written in Python
    (timed interleaved with `python -S -c pass`, as the other commands are)."""
    started = interleaved_commands(
        [python, "-c", "pass"], [python, "-S", "-c", "pass"], cwd, rounds
    )[0]
    return statistics.median(started)


def bootstrap_ci(
    values: Sequence[float],
    *,
    seed: int = DEFAULT_SEED,
    resamples: int = BOOTSTRAP_RESAMPLES,
    confidence: float = 0.95,
) -> tuple[float, float]:
    """Percentile bootstrap interval of the median of `values`; reproducible for one seed.

    For scripts that run many rounds; `adopt_fast.stats.speedup` uses the order-statistic
    `median_interval`, whose coverage is exact for a handful of rounds too."""
    if not values:
        raise ValueError("no values to bootstrap")
    if len(values) == 1:
        return (values[0], values[0])
    rng = random.Random(seed)
    n = len(values)
    medians = sorted(statistics.median(rng.choices(values, k=n)) for _ in range(resamples))
    tail = (1 - confidence) / 2
    low = medians[math.floor(tail * (resamples - 1))]
    high = medians[math.ceil((1 - tail) * (resamples - 1))]
    return (low, high)


def interval_verdict(low: float, high: float, target: float) -> str:
    """ "met" only when the whole interval is within `target`, "not met" only when all of it
    is beyond, else "inconclusive" (more rounds or a quieter machine may decide)."""
    if high <= target:
        return "met"
    return "not met" if low > target else "inconclusive"


def overhead_line(
    label: str, name: str, times: list[float], base_name: str, base: list[float], target: float
) -> str:
    """One line: both medians, the median per-round ratio `times / base` with its 95% bootstrap
    interval and spread, the milliseconds added, and whether the interval meets `target`."""
    ratios = paired_ratios(times, base)
    low, high = bootstrap_ci(ratios)
    spread = statistics.stdev(ratios) if len(ratios) > 1 else 0.0
    added = (statistics.median(times) - statistics.median(base)) * 1000
    verdict = interval_verdict(low, high, target)
    return (
        f"{label}: {name} {statistics.median(times) * 1000:.1f} ms, {base_name} "
        f"{statistics.median(base) * 1000:.1f} ms (medians of {len(ratios)}); ratio "
        f"{statistics.median(ratios):.3f}x (95% CI {low:.3f}-{high:.3f}, stdev {spread:.3f}), "
        f"{added:+.1f} ms; target <= {target}x: {verdict}"
    )
