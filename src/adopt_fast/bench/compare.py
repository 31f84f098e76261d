"""From runs to findings: speedups, outcome equivalence, per-test gains, memory, warnings."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from adopt_fast import stats
from adopt_fast.bench.configuration import Config
from adopt_fast.bench.runner import OUTCOMES, Run

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
    # False when a side ran no pytest that reported (a custom command without pytest): then
    # only the exit statuses are compared, and outcomes are never called identical.
    outcomes_known: bool = True
    # The same paired statistic on user + system CPU time: steadier than wall time on a
    # loaded machine, but blind to waiting (I/O, sleeps) and summed over processes.
    cpu_speedup: stats.Speedup | None = None

    @property
    def outcomes_identical(self) -> bool:
        return self.outcomes_known and not self.outcome_diffs

    @property
    def outcomes_differ(self) -> bool:
        return bool(self.outcome_diffs)

    @property
    def outcomes_state(self) -> str:
        """ "identical", "differ" or "unknown" (the JSON's and the report's word)."""
        if self.outcome_diffs:
            return "differ"
        return "identical" if self.outcomes_known else "unknown"


def test_outcomes(runs: Sequence[Run]) -> dict[str, str] | None:
    """Each test's outcome over the runs ("passed/failed" when it varied); None when a run's
    outcomes are unknown (no pytest process reported)."""
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


def outcome_diffs(
    baseline: Sequence[Run], candidate: Sequence[Run]
) -> tuple[tuple[OutcomeDiff, ...], bool]:
    """The tests whose outcome differs, and whether outcomes were known on both sides."""
    base, cand = test_outcomes(baseline), test_outcomes(candidate)
    if base is None or cand is None:
        # No pytest reported (a command that runs none, or a crash): only the exit status.
        b, c = _exit_codes(baseline), _exit_codes(candidate)
        diff = () if b == c else (OutcomeDiff("(exit status)", f"exit {b}", f"exit {c}"),)
        return diff, False
    return tuple(
        OutcomeDiff(name, base.get(name, "missing"), cand.get(name, "missing"))
        for name in sorted(base.keys() | cand.keys())
        if base.get(name) != cand.get(name)
    ), True


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
    diffs, known = outcome_diffs(base_runs, cand_runs)
    base_cpu = [r.user_s + r.sys_s for r in base_runs]
    cand_cpu = [r.user_s + r.sys_s for r in cand_runs]
    cpu = stats.speedup(base_cpu, cand_cpu) if all(base_cpu + cand_cpu) else None
    return Comparison(
        baseline,
        candidate,
        stats.speedup([r.wall_s for r in base_runs], [r.wall_s for r in cand_runs]),
        cand_rss / base_rss if base_rss and cand_rss else None,
        diffs,
        gains,
        losses,
        known,
        cpu,
    )


def _counts(runs: Sequence[Run]) -> dict[str, int] | None:
    return runs[-1].outcome_counts() if runs else None


def count_warning(c: Comparison, runs: dict[str, list[Run]]) -> str | None:
    """A candidate that ran or skipped a different number of tests than its baseline: a
    missing test dependency or a skip marker for that interpreter, which no speed survives."""
    base, cand = _counts(runs[c.baseline]), _counts(runs[c.candidate])
    if base is None or cand is None:
        return None
    ran = {k: sum(v for o, v in d.items() if o != "skipped") for k, d in (("b", base), ("c", cand))}
    if ran["b"] == ran["c"] and base["skipped"] == cand["skipped"]:
        return None
    return (
        f"{c.candidate} ran {ran['c']} tests and skipped {cand['skipped']}, {c.baseline} ran "
        f"{ran['b']} and skipped {base['skipped']}: a test dependency missing there, or tests "
        "skipped on that interpreter (choose test dependencies with --group or --extra)"
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
        counts = counts if counts and sum(counts[k] for k in OUTCOMES) else None
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


# A warm-up or first round this much slower than the measured median is worth a sentence.
SLOW_START = 1.10


def warmup_warning(config: Config, warmups: Sequence[Run], runs: Sequence[Run]) -> str | None:
    """When the first runs were slower (a JIT compiling, cold caches): the warm-up runs left
    out, and whether the first measured round still was, which more --warmup would fix."""
    if not runs:
        return None
    median = statistics.median(r.wall_s for r in runs)
    notes: list[str] = []
    if warmups and median > 0:
        ratio = statistics.median(r.wall_s for r in warmups) / median
        if ratio >= SLOW_START:
            notes.append(
                f"its {len(warmups)} warm-up run{'s' if len(warmups) != 1 else ''} took "
                f"{ratio:.2f}× the measured median and {'were' if len(warmups) != 1 else 'was'} "
                "left out"
            )
    if len(runs) >= 3:
        rest = statistics.median(r.wall_s for r in runs[1:])
        if rest > 0 and runs[0].wall_s / rest >= SLOW_START:
            notes.append(
                f"its first measured round still took {runs[0].wall_s / rest:.2f}× the median "
                f"of the others: use --warmup {len(warmups) + 1} or more"
            )
    return f"{config.name}: first rounds were slower: {'; '.join(notes)}" if notes else None
