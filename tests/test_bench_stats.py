"""Speedup statistics against known inputs."""

from __future__ import annotations

import pytest

from adopt_fast.bench import stats

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
    assert result.ci95[0] <= 1.0 <= result.ci95[1]


@pytest.mark.parametrize(
    ("factor", "faster"),
    [pytest.param(1.5, True, id="1.5x-faster"), pytest.param(1 / 1.5, False, id="1.5x-slower")],
)
def test_a_clear_shift_is_significant(factor: float, faster: bool) -> None:
    candidate = [t / factor for t in NOISY[::-1]]
    result = stats.speedup(NOISY, candidate)
    assert result.significant
    assert (result.median > 1) is faster
    assert result.ci95[0] <= result.median <= result.ci95[1]
    assert result.median == pytest.approx(factor, rel=0.1)


def test_fixed_seed_reproduces_the_interval() -> None:
    ratios = [1.1, 1.3, 0.9, 1.2, 1.05, 1.4, 0.95, 1.15]
    first = stats.bootstrap_ci(ratios, seed=7)
    assert stats.bootstrap_ci(ratios, seed=7) == first
    assert stats.speedup(ratios, [1.0] * len(ratios), seed=7).ci95 == first
    assert first[0] < stats.speedup(ratios, [1.0] * len(ratios)).median < first[1]


def test_five_rounds_give_the_range_and_say_it_is_few() -> None:
    ratios = [1.10, 1.20, 1.15, 1.30, 1.25]
    result = stats.speedup(ratios, [1.0] * 5)
    assert result.ci95 == (1.10, 1.30)
    assert result.few_rounds
    assert not stats.speedup(ratios * 2, [1.0] * 10).few_rounds


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
    tight = stats.Speedup(1.20, (1.19, 1.21), 10)
    wide = stats.Speedup(1.20, (1.10, 1.30), 10)
    assert stats.precise_enough([tight])
    assert not stats.precise_enough([tight, wide])
