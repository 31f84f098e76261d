"""Paired speedup statistics: median of per-round ratios with a 95% bootstrap interval.

Each round runs every configuration once, back to back, so the ratio of two runs in the same
round cancels most of the drift a shared machine has (thermal state, other load). The speedup
is the median of those paired ratios, and its uncertainty a percentile bootstrap interval of
that median (resampling rounds with replacement). The bootstrap uses a seeded generator so a
report can be recomputed from its JSON and give the same interval.

With fewer than six rounds the 2.5% and 97.5% bootstrap quantiles of a median are the smallest
and largest ratio, whose true coverage is only 1 - 2/2**n (94% for n = 5); `few_rounds` says
so, and the report asks for more rounds.
"""

from __future__ import annotations

import math
import random
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

CI_METHOD = "percentile bootstrap of the median of paired ratios, 10000 resamples"
BOOTSTRAP_RESAMPLES = 10_000
DEFAULT_SEED = 20240601
# pyperf warns when the standard deviation is at least 10% of the mean.
SPREAD_WARNING = 0.10
# Below about 100 ms, interpreter start-up and test collection dominate the measurement.
SHORT_RUN_S = 0.100
FEW_ROUNDS = 6
# --max-time stops adding rounds once the interval is within +/-2% of the median.
TARGET_HALF_WIDTH = 0.02


@dataclass(frozen=True)
class Speedup:
    median: float
    ci95: tuple[float, float]
    rounds: int

    @property
    def significant(self) -> bool:
        """Significant only when the whole interval lies on one side of 1.0."""
        low, high = self.ci95
        return low > 1.0 or high < 1.0

    @property
    def few_rounds(self) -> bool:
        return self.rounds < FEW_ROUNDS

    @property
    def relative_half_width(self) -> float:
        low, high = self.ci95
        return (high - low) / 2 / self.median if self.median > 0 else math.inf


def paired_ratios(baseline: Sequence[float], candidate: Sequence[float]) -> list[float]:
    """Baseline time / candidate time of each round (> 1 means the candidate is faster)."""
    if len(baseline) != len(candidate):
        raise ValueError(f"unpaired samples: {len(baseline)} baseline vs {len(candidate)} runs")
    return [b / c for b, c in zip(baseline, candidate, strict=True) if c > 0]


def bootstrap_ci(
    values: Sequence[float],
    *,
    seed: int = DEFAULT_SEED,
    resamples: int = BOOTSTRAP_RESAMPLES,
    confidence: float = 0.95,
) -> tuple[float, float]:
    """Percentile bootstrap interval of the median of `values`; reproducible for one seed."""
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


def speedup(
    baseline: Sequence[float], candidate: Sequence[float], *, seed: int = DEFAULT_SEED
) -> Speedup:
    ratios = paired_ratios(baseline, candidate)
    if not ratios:
        raise ValueError("no rounds with a positive candidate time")
    return Speedup(statistics.median(ratios), bootstrap_ci(ratios, seed=seed), len(ratios))


def relative_spread(samples: Sequence[float]) -> float:
    """Standard deviation / mean (0 for fewer than two samples)."""
    if len(samples) < 2:
        return 0.0
    mean = statistics.fmean(samples)
    return statistics.stdev(samples) / mean if mean > 0 else 0.0


def spread_is_large(samples: Sequence[float]) -> bool:
    return relative_spread(samples) >= SPREAD_WARNING


def too_short(samples: Sequence[float]) -> bool:
    return bool(samples) and statistics.median(samples) < SHORT_RUN_S


def precise_enough(speedups: Sequence[Speedup]) -> bool:
    """Every interval within +/-2% of its median (the --max-time stopping rule)."""
    return all(s.relative_half_width < TARGET_HALF_WIDTH for s in speedups)
