"""Speedup statistics against known inputs."""

from __future__ import annotations

import pytest

from adopt_fast import stats

NOISY = [1.00, 1.03, 0.98, 1.05, 0.97, 1.02, 0.99, 1.04, 1.01, 0.96]


@pytest.mark.parametrize(
    ("baseline", "candidate"),
    [
        pytest.param([2.0] * 8, [2.0] * 8, id="identical-constant"),
        pytest.param(NOISY, NOISY, id="identical-noisy"),
        pytest.param(NOISY, NOISY[::-1], id="same-distribution-reordered"),
    ],
)
def test_no_significant_difference_for_identical_samples(
    baseline: list[float], candidate: list[float]
) -> None:
    result = stats.speedup(baseline, candidate)
    assert not result.significant
    assert result.ci[0] <= 1.0 <= result.ci[1]


@pytest.mark.parametrize(
    ("factor", "faster"),
    [pytest.param(1.5, True, id="1.5x-faster"), pytest.param(1 / 1.5, False, id="1.5x-slower")],
)
def test_a_clear_shift_is_significant(factor: float, faster: bool) -> None:
    candidate = [t / factor for t in NOISY[::-1]]
    result = stats.speedup(NOISY, candidate)
    assert result.significant
    assert (result.median > 1) is faster
    assert result.ci[0] <= result.median <= result.ci[1]
    assert result.median == pytest.approx(factor, rel=0.1)


@pytest.mark.parametrize(
    ("n", "k", "coverage"),
    [
        pytest.param(2, 1, 0.5, id="2-rounds-range"),
        pytest.param(3, 1, 0.75, id="3-rounds-range"),
        pytest.param(5, 1, 0.9375, id="5-rounds-range"),
        pytest.param(6, 1, 0.96875, id="6-rounds-range"),
        pytest.param(10, 2, 1 - 2 * 11 / 1024, id="10-rounds-second"),
        pytest.param(10, 3, 1 - 2 * 56 / 1024, id="10-rounds-third"),
    ],
)
def test_order_statistic_coverage_is_binomial(n: int, k: int, coverage: float) -> None:
    assert stats.order_statistic_coverage(n, k) == pytest.approx(coverage)


@pytest.mark.parametrize(
    ("ratios", "interval", "coverage"),
    [
        pytest.param([1.3, 1.1, 1.2], (1.1, 1.3), 0.75, id="3-range"),
        pytest.param([1.10, 1.20, 1.15, 1.30, 1.25], (1.10, 1.30), 0.9375, id="5-range"),
        # k = 2 covers 97.9% for 10 values; k = 3 only 89%.
        pytest.param([float(i) for i in range(10, 0, -1)], (2.0, 9.0), 0.978515625, id="10"),
        pytest.param([float(i) for i in range(12)], (2.0, 9.0), 0.96142578125, id="12"),
    ],
)
def test_median_interval_is_the_narrowest_95_percent_one(
    ratios: list[float], interval: tuple[float, float], coverage: float
) -> None:
    assert stats.median_interval(ratios) == (interval, pytest.approx(coverage))


def test_five_rounds_give_the_range_labelled_with_its_real_coverage() -> None:
    ratios = [1.10, 1.20, 1.15, 1.30, 1.25]
    result = stats.speedup(ratios, [1.0] * 5)
    assert result.ci == (1.10, 1.30)
    assert result.few_rounds
    assert result.ci_label == "94% CI"
    assert result.significant  # 93.75% coverage over 5 rounds is enough for a clear shift
    many = stats.speedup(ratios * 2, [1.0] * 10)
    assert not many.few_rounds
    assert many.ci_label == "95% CI"


@pytest.mark.parametrize(
    ("ratios", "label"),
    [
        pytest.param([0.93, 0.94], "50% CI", id="2-rounds"),
        pytest.param([0.93, 0.94, 0.935], "75% CI", id="3-rounds"),
        pytest.param([0.93, 0.94, 0.935, 0.936], "88% CI", id="4-rounds"),
    ],
)
def test_under_five_rounds_nothing_is_significant(ratios: list[float], label: str) -> None:
    result = stats.speedup(ratios, [1.0] * len(ratios))
    assert result.ci[1] < 1.0  # the interval excludes 1.0 ...
    assert not result.conclusive
    assert not result.significant  # ... but its coverage is too low to call it
    assert result.ci_label == label


@pytest.mark.parametrize(
    ("ratios", "negligible"),
    [
        pytest.param([0.9972, 0.9965, 0.9979, 0.9970, 0.9975, 0.9968], True, id="0.3%-slower"),
        pytest.param([1.005, 1.006, 1.004, 1.007, 1.005, 1.006], True, id="0.5%-faster"),
        pytest.param([1.02, 1.03, 1.025, 1.021, 1.028, 1.022], False, id="2%-faster"),
    ],
)
def test_a_significant_difference_under_one_percent_is_negligible(
    ratios: list[float], negligible: bool
) -> None:
    result = stats.speedup(ratios, [1.0] * len(ratios))
    assert result.significant
    assert result.negligible is negligible


def test_unpaired_samples_are_refused() -> None:
    with pytest.raises(ValueError, match="unpaired"):
        stats.paired_ratios([1.0, 2.0], [1.0])


@pytest.mark.parametrize(
    ("samples", "large"),
    [
        pytest.param([1.0, 1.01, 0.99, 1.0], False, id="tight"),
        pytest.param([1.0, 1.3, 0.8, 1.1], True, id="std-over-10pct"),
        pytest.param([1.0], False, id="single"),
    ],
)
def test_spread_warning_follows_pyperf(samples: list[float], large: bool) -> None:
    assert stats.spread_is_large(samples) is large


@pytest.mark.parametrize(
    ("samples", "short"),
    [pytest.param([0.05, 0.06], True, id="50ms"), pytest.param([0.5, 0.6], False, id="500ms")],
)
def test_short_runs_are_flagged(samples: list[float], short: bool) -> None:
    assert stats.too_short(samples) is short


def test_precision_target_is_two_percent() -> None:
    tight = stats.Speedup(1.20, (1.19, 1.21), 10, 0.98)
    wide = stats.Speedup(1.20, (1.10, 1.30), 10, 0.98)
    tight_but_five_rounds = stats.Speedup(1.20, (1.19, 1.21), 5, 0.9375)
    assert stats.precise_enough([tight])
    assert not stats.precise_enough([tight, wide])
    assert not stats.precise_enough([tight_but_five_rounds])
