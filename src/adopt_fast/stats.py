"""Paired speedup statistics: median of per-round ratios with a distribution-free interval.

Each round runs every configuration once, back to back, so the ratio of two runs in the same
round cancels most of the drift a shared machine has (thermal state, other load). The speedup
is the median of those paired ratios. Its interval comes from order statistics: for n ratios
sorted x(1) <= ... <= x(n), [x(k), x(n+1-k)] contains the true median with probability
1 - 2 P(B <= k - 1), B ~ Binomial(n, 1/2), whatever the distribution of the ratios. That
coverage is exact and known for every n, where a bootstrap's is not for a handful of rounds;
the widest k whose coverage is still at least 95% gives the narrowest such interval.

From 6 rounds that coverage is at least 95%. With n <= 5 the best possible is the range
[min, max], 1 - 2/2**n (93.75% for 5, 50% for 2): the report labels the interval with that
coverage, and below 90% (or under 5 rounds) no difference is called significant.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

CI_METHOD = (
    "distribution-free interval of the median of paired ratios from order statistics "
    "(binomial; at least 95% coverage from 6 rounds, the range of the ratios with its "
    "exact coverage 1 - 2/2^n below)"
)
TARGET_COVERAGE = 0.95
# Below this coverage (or under MIN_ROUNDS rounds) no difference is called significant.
MIN_COVERAGE = 0.90
MIN_ROUNDS = 5
# A significant difference under 1% is reported as negligible: practically equivalent.
NEGLIGIBLE = 0.01
# pyperf warns when the standard deviation is at least 10% of the mean.
SPREAD_WARNING = 0.10
# Below about 100 ms, interpreter start-up and test collection dominate the measurement.
SHORT_RUN_S = 0.100
# --max-time stops adding rounds once the interval is within +/-2% of the median.
TARGET_HALF_WIDTH = 0.02


@dataclass(frozen=True)
class Speedup:
    median: float
    ci: tuple[float, float]
    rounds: int
    coverage: float  # the probability that `ci` holds the true median (order statistics)

    @property
    def conclusive(self) -> bool:
        """Enough rounds for the interval to mean something (coverage >= 90%, n >= 5)."""
        return self.rounds >= MIN_ROUNDS and self.coverage >= MIN_COVERAGE

    @property
    def significant(self) -> bool:
        """Significant only when conclusive and the whole interval lies on one side of 1.0."""
        low, high = self.ci
        return self.conclusive and (low > 1.0 or high < 1.0)

    @property
    def negligible(self) -> bool:
        """Significant, but less than 1% either way: practically equivalent."""
        return self.significant and abs(self.median - 1.0) < NEGLIGIBLE

    @property
    def few_rounds(self) -> bool:
        return self.coverage < TARGET_COVERAGE

    @property
    def ci_label(self) -> str:
        """ "95% CI" when the coverage is at least 95%, else the real coverage ("94% CI")."""
        return "95% CI" if not self.few_rounds else f"{self.coverage:.0%} CI"

    @property
    def relative_half_width(self) -> float:
        low, high = self.ci
        return (high - low) / 2 / self.median if self.median > 0 else math.inf


def paired_ratios(baseline: Sequence[float], candidate: Sequence[float]) -> list[float]:
    """Baseline time / candidate time of each round (> 1 means the candidate is faster)."""
    if len(baseline) != len(candidate):
        raise ValueError(f"unpaired samples: {len(baseline)} baseline vs {len(candidate)} runs")
    return [b / c for b, c in zip(baseline, candidate, strict=True) if c > 0]


def order_statistic_coverage(n: int, k: int) -> float:
    """Coverage of [x(k), x(n+1-k)] for the median of n values: 1 - 2 P(Binomial(n, 1/2) < k)."""
    return 1 - 2 * sum(math.comb(n, i) for i in range(k)) / float(2**n)


def median_interval(
    values: Sequence[float], confidence: float = TARGET_COVERAGE
) -> tuple[tuple[float, float], float]:
    """The narrowest order-statistic interval of the median with coverage >= `confidence`
    (the range when even that falls short), and its exact coverage."""
    if not values:
        raise ValueError("no values for an interval")
    ordered = sorted(values)
    n = len(ordered)
    k = 1
    while k < n // 2 and order_statistic_coverage(n, k + 1) >= confidence:
        k += 1
    return (ordered[k - 1], ordered[n - k]), max(order_statistic_coverage(n, k), 0.0)


def speedup(baseline: Sequence[float], candidate: Sequence[float]) -> Speedup:
    ratios = paired_ratios(baseline, candidate)
    if not ratios:
        raise ValueError("no rounds with a positive candidate time")
    interval, coverage = median_interval(ratios)
    return Speedup(statistics.median(ratios), interval, len(ratios), coverage)


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
    """Every interval a 95% one whose half-width is at most 2% of its median (the --max-time
    stopping rule)."""
    return all(not s.few_rounds and s.relative_half_width <= TARGET_HALF_WIDTH for s in speedups)
