"""From runs to findings: speedups, outcome equivalence, per-test gains, memory, warnings."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from adopt_fast.bench import stats
from adopt_fast.bench.runner import Config, Run

TOP_TESTS = 10
# A per-test change is listed only when it is at least this large, in time and relative to the
# baseline: JUnit times have millisecond resolution, so smaller changes are timer noise.
MIN_TEST_DELTA_S = 0.005
MIN_TEST_DELTA_RATIO = 0.10


@dataclass(frozen=True)
class CaseDelta:
    test: str
    baseline_s: float
    candidate_s: float

    @property
    def saved_s(self) -> float:
        return self.baseline_s - self.candidate_s

    @property
    def speedup(self) -> float | None:
        return self.baseline_s / self.candidate_s if self.candidate_s > 0 else None

    @property
    def notable(self) -> bool:
        """Larger than timer noise: >= 5 ms and >= 10% of the baseline's time."""
        change = abs(self.saved_s)
        return change >= MIN_TEST_DELTA_S and change >= MIN_TEST_DELTA_RATIO * self.baseline_s


@dataclass(frozen=True)
class OutcomeDiff:
    test: str
    baseline: str  # "passed", "failed", "passed/failed" when it varied between runs, "missing"
    candidate: str


@dataclass(frozen=True)
class Comparison:
    baseline: str
    candidate: str
    speedup: stats.Speedup
    peak_rss_ratio: float | None  # candidate / baseline, medians of the runs
    outcome_diffs: tuple[OutcomeDiff, ...]
    gains: tuple[CaseDelta, ...]
    losses: tuple[CaseDelta, ...]

    @property
    def outcomes_identical(self) -> bool:
        return not self.outcome_diffs


def test_outcomes(runs: Sequence[Run]) -> dict[str, str] | None:
    """Each test's outcome over the runs ("passed/failed" when it varied); None without JUnit."""
    if not runs or any(r.tests is None for r in runs):
        return None
    seen: dict[str, set[str]] = {}
    for run in runs:
        assert run.tests is not None
        for name, case in run.tests.items():
            seen.setdefault(name, set()).add(case.outcome)
    return {name: "/".join(sorted(outcomes)) for name, outcomes in seen.items()}


def _exit_codes(runs: Sequence[Run]) -> str:
    return "/".join(str(c) for c in sorted({r.exit_code for r in runs}))


def outcome_diffs(baseline: Sequence[Run], candidate: Sequence[Run]) -> tuple[OutcomeDiff, ...]:
    base, cand = test_outcomes(baseline), test_outcomes(candidate)
    if base is None or cand is None:
        # No JUnit XML (a custom command, or a crash): the exit status is the outcome.
        b, c = _exit_codes(baseline), _exit_codes(candidate)
        return () if b == c else (OutcomeDiff("(exit status)", f"exit {b}", f"exit {c}"),)
    return tuple(
        OutcomeDiff(name, base.get(name, "missing"), cand.get(name, "missing"))
        for name in sorted(base.keys() | cand.keys())
        if base.get(name) != cand.get(name)
    )


def median_test_times(runs: Sequence[Run]) -> dict[str, float]:
    times: dict[str, list[float]] = {}
    for run in runs:
        for name, case in (run.tests or {}).items():
            if case.outcome == "passed":
                times.setdefault(name, []).append(case.seconds)
    return {name: statistics.median(values) for name, values in times.items()}


def per_test_deltas(
    baseline: Sequence[Run], candidate: Sequence[Run]
) -> tuple[tuple[CaseDelta, ...], tuple[CaseDelta, ...]]:
    """The tests that gain most and lose most time (medians over runs), ten each; only changes
    of at least 5 ms and 10% (`CaseDelta.notable`)."""
    base, cand = median_test_times(baseline), median_test_times(candidate)
    deltas = [CaseDelta(name, base[name], cand[name]) for name in base.keys() & cand.keys()]
    deltas = [d for d in deltas if d.notable]
    gains = sorted((d for d in deltas if d.saved_s > 0), key=lambda d: (-d.saved_s, d.test))
    losses = sorted((d for d in deltas if d.saved_s < 0), key=lambda d: (d.saved_s, d.test))
    return tuple(gains[:TOP_TESTS]), tuple(losses[:TOP_TESTS])


def median_rss(runs: Sequence[Run]) -> float | None:
    values = [r.peak_rss_mib for r in runs if r.peak_rss_mib > 0]
    return statistics.median(values) if values else None


def compare(baseline: str, candidate: str, runs: dict[str, list[Run]]) -> Comparison:
    base_runs, cand_runs = runs[baseline], runs[candidate]
    base_rss, cand_rss = median_rss(base_runs), median_rss(cand_runs)
    gains, losses = per_test_deltas(base_runs, cand_runs)
    return Comparison(
        baseline,
        candidate,
        stats.speedup([r.wall_s for r in base_runs], [r.wall_s for r in cand_runs]),
        cand_rss / base_rss if base_rss and cand_rss else None,
        outcome_diffs(base_runs, cand_runs),
        gains,
        losses,
    )


def config_warnings(config: Config, runs: Sequence[Run]) -> list[str]:
    """Spread, short runs, failures and unstable outcomes of one configuration."""
    warnings: list[str] = []
    walls = [r.wall_s for r in runs]
    if stats.spread_is_large(walls):
        spread = stats.relative_spread(walls)
        warnings.append(
            f"{config.name}: run times vary a lot (std {spread:.0%} of the mean): "
            "the machine is busy or the suite is unstable; close other work or add "
            "rounds (--runs, --max-time)"
        )
    if stats.too_short(walls):
        warnings.append(
            f"{config.name}: runs last {statistics.median(walls) * 1000:.0f} ms, "
            "under ~100 ms start-up dominates; bench a longer command"
        )
    failing = [r for r in runs if r.exit_code != 0]
    if failing:
        counts = failing[-1].outcome_counts()
        what = (
            f"{counts['failed']} failed, {counts['errors']} errors"
            if counts
            else f"exit status {failing[-1].exit_code}"
        )
        warnings.append(
            f"{config.name}: {len(failing)} of {len(runs)} runs did not succeed ({what})"
        )
    outcomes = test_outcomes(runs)
    flaky = sorted(name for name, o in (outcomes or {}).items() if "/" in o)
    if flaky:
        warnings.append(
            f"{config.name}: outcomes vary between runs for {len(flaky)} tests (e.g. {flaky[0]})"
        )
    return warnings
