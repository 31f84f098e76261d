"""The bench verdict: plain sentences from the comparisons, with honest numbers.

Numbers get as many decimals as it takes for the printed interval to show what the interval
shows (a significant one visibly excludes 1.0), effects under 10% are given in percent, a
significant effect under 1% is called negligible, and an interval whose coverage is below 90%
is "too few rounds to tell", never a finding.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from adopt_fast import stats
from adopt_fast.bench.compare import Comparison
from adopt_fast.bench.configuration import Config
from adopt_fast.bench.model import BenchReport

MORE_ROUNDS = "too few rounds to tell; use --runs 6 or more"
# Below a 10% effect, "3.2% faster (1.032×)" reads better than "1.03× faster".
PERCENT_BELOW = 0.10


def _outward(low: float, high: float, places: int) -> tuple[float, float]:
    """The interval rounded outward to `places` decimals, so the printed one contains it."""
    scale = 10**places
    # The 1e-9 keeps float artefacts (1.2 * 100 = 120.00000000000001) from widening it.
    return math.floor(low * scale + 1e-9) / scale, math.ceil(high * scale - 1e-9) / scale


def digits(s: stats.Speedup) -> int:
    """2 decimals (3 for an effect under 10%, printed next to its percentage, or an interval
    within 10% of 1.0), up to 4 when fewer would print a significant interval touching 1.0."""
    if not s.significant:
        low, high = s.ci
        return 3 if 1 - PERCENT_BELOW < low and high < 1 + PERCENT_BELOW else 2
    size = max(s.median, 1 / s.median) - 1 if s.median > 0 else math.inf
    start = 3 if size < PERCENT_BELOW else 2
    for places in range(start, 4):
        low, high = _outward(*s.ci, places)
        if low > 1.0 or high < 1.0:
            return places
    return 4


def span_text(low: float, high: float, places: int) -> str:
    low, high = _outward(low, high, places)
    return f"{low:.{places}f}–{high:.{places}f}"


def interval(s: stats.Speedup, *, inverted: bool = False) -> str:
    """ "95% CI 1.51–1.57" (or "94% CI ..." with its real coverage); `inverted` for 1/speedup."""
    low, high = s.ci
    if inverted:
        low, high = 1 / high, 1 / low
    return f"{s.ci_label} {span_text(low, high, digits(s))}"


def _percent(fraction: float) -> str:
    return f"{fraction:.1%}" if fraction >= 0.001 else f"{fraction:.2%}"


def effect(s: stats.Speedup) -> str:
    """ "1.54× faster", "3.2% faster (1.032×, 95% CI ...)", "1.20× slower (speedup 0.83×, ...)"."""
    places = digits(s)
    ratio = f"{s.median:.{places}f}×"
    if s.median >= 1:
        if s.median - 1 >= PERCENT_BELOW:
            return f"{ratio} faster ({interval(s)})"
        return f"{_percent(s.median - 1)} faster ({ratio}, {interval(s)})"
    slower = 1 / s.median
    if slower - 1 >= PERCENT_BELOW:
        return f"{slower:.{places}f}× slower (speedup {ratio}, {interval(s)})"
    return f"{_percent(slower - 1)} slower ({ratio}, {interval(s)})"


def _negligible(s: stats.Speedup) -> str:
    return ": significant but negligible (under 1%)" if s.negligible else ""


def _equivalent(s: stats.Speedup) -> str:
    """The practical-equivalence note: the whole interval within 1% either way."""
    low, high = s.ci
    if s.conclusive and 1 / (1 + stats.NEGLIGIBLE) <= low and high <= 1 + stats.NEGLIGIBLE:
        return ", and within 1% either way: practically the same speed"
    return ""


def comparison_sentence(c: Comparison) -> str:
    s = c.speedup
    measured = f"{s.median:.{digits(s)}f}×, {interval(s)}"
    if c.outcomes_differ:
        return (
            f"{c.candidate}: test outcomes differ from {c.baseline} "
            f"({_tests(c)}), so no speedup is claimed (measured {measured})."
        )
    if not s.conclusive:
        return f"{c.candidate}: {MORE_ROUNDS} ({measured})."
    if not s.significant:
        return f"{c.candidate}: no significant difference ({measured}){_equivalent(s)}."
    return f"{c.candidate}: {effect(s)}{_negligible(s)}, {_outcomes_words(c)}."


def _outcomes_words(c: Comparison) -> str:
    if c.outcomes_identical:
        return "outcomes identical"
    return "outcomes unknown (no pytest process reported its tests; same exit status)"


def _tests(c: Comparison) -> str:
    n = len(c.outcome_diffs)
    return f"{n} test{'s' if n != 1 else ''}, e.g. {c.outcome_diffs[0].test}"


def _faster_of(c: Comparison) -> str:
    """Which of the two is faster by the median, with the interval oriented to match."""
    s = c.speedup
    places = digits(s)
    if s.median >= 1:
        return f"{c.candidate} {s.median:.{places}f}× faster, {interval(s)}"
    return f"{c.baseline} {1 / s.median:.{places}f}× faster, {interval(s, inverted=True)}"


def _why_faster(accelerated: Config, other: Config) -> str:
    """Why `other` (no accelerator) beats `accelerated`, in the model's words."""
    accel = accelerated.accelerator.label
    a, b = accelerated.interpreter, other.interpreter
    if b.kind != a.kind:
        return f"{b.kind} beats {accel} here"
    if b.version_key() > a.version_key():
        return f"upgrading {b.kind} beats {accel} here"
    return f"{accel} slows this suite down"


def cross_sentence(c: Comparison, report: BenchReport) -> str:
    # baseline = an accelerated configuration, candidate = an interpreter without one.
    s = c.speedup
    if c.outcomes_differ:
        return f"{c.candidate} vs {c.baseline}: not compared, test outcomes differ ({_tests(c)})."
    if not s.conclusive:
        return f"{c.candidate} vs {c.baseline}: {MORE_ROUNDS} ({_faster_of(c)})."
    if not s.significant:
        return f"{c.candidate} and {c.baseline} are within noise of each other ({_faster_of(c)})."
    if s.negligible:
        return (
            f"{c.candidate} and {c.baseline} differ by under 1%, a negligible difference "
            f"({_faster_of(c)})."
        )
    places = digits(s)
    if s.median < 1:
        return (
            f"{c.baseline} is {1 / s.median:.{places}f}× faster than {c.candidate} "
            f"({interval(s, inverted=True)})."
        )
    why = _why_faster(report.config(c.baseline), report.config(c.candidate))
    return (
        f"{c.candidate} is {s.median:.{places}f}× faster than {c.baseline} ({interval(s)}): {why}."
    )


def _ties(s: stats.Speedup) -> bool:
    """Established as the same speed: enough rounds, and no or only a negligible difference."""
    return s.conclusive and (not s.significant or s.negligible)


def wins(comparisons: Sequence[Comparison]) -> list[Comparison]:
    """Candidates significantly (and more than negligibly) faster whose outcomes do not differ
    (identical, or unknown with the same exit status: then the verdict says unknown)."""
    return [
        c
        for c in comparisons
        if not c.outcomes_differ
        and c.speedup.significant
        and not c.speedup.negligible
        and c.speedup.median > 1
    ]


def best_sentence(report: BenchReport, won: Sequence[Comparison]) -> str:
    top = max(won, key=lambda c: c.speedup.median)
    best = top.candidate + ("" if top.outcomes_identical else " (outcomes unknown)")
    others = {c.candidate for c in won} - {top.candidate}
    # A tie is only declared from a direct paired comparison of the two (report.cross).
    tied = sorted(
        (c.candidate if c.baseline == top.candidate else c.baseline)
        for c in report.cross
        if top.candidate in (c.baseline, c.candidate)
        and ({c.baseline, c.candidate} - {top.candidate}) <= others
        and not c.outcomes_differ
        and _ties(c.speedup)
    )
    if tied:
        return f"Best: {best}, within noise of {' and '.join(tied)}."
    return f"Best: {best}."


def upgrade_sentence(report: BenchReport) -> str | None:
    """A plain closing line when another interpreter ties or beats an accelerator that gained."""
    gained = {c.candidate for c in wins(report.comparisons)}
    for c in report.cross:
        s = c.speedup
        if c.baseline not in gained or c.candidate not in gained or c.outcomes_differ:
            continue
        accelerated, other = report.config(c.baseline), report.config(c.candidate)
        a, b = accelerated.interpreter, other.interpreter
        if b.kind == a.kind and b.version_key() <= a.version_key():
            continue
        move = "Upgrading" if b.kind == a.kind else "Switching"
        target = f"{b.kind} {b.short_version}"
        accel = accelerated.accelerator.label
        if _ties(s):
            return f"{move} to {target} gives the same gain without {accel}."
        if s.significant and s.median > 1:
            return f"{move} to {target} gains more than {accel} does, without it."
    return None


def verdict(report: BenchReport) -> str:
    # A row for an interpreter that is not here (CinderX's 3.14) stays in the table, out of
    # the verdict: every report would open with it.
    parts = [
        f"{c.name}: unavailable ({c.reason})."
        for c in report.configs
        if not c.available and c.python
    ]
    parts += [
        f"{name}: could not run the test suite ({problem}), so no speed is claimed."
        for name, problem in report.not_run.items()
    ]
    parts += [comparison_sentence(c) for c in report.comparisons]
    parts += [cross_sentence(c, report) for c in report.cross]
    won = wins(report.comparisons)
    if won:
        parts.append(best_sentence(report, won))
    elif any(not c.outcomes_differ and not c.speedup.conclusive for c in report.comparisons):
        parts.append(f"Best: not known, {MORE_ROUNDS}.")
    elif report.comparisons:
        parts.append(
            f"Best: {report.baseline} (nothing is significantly faster with identical outcomes)."
        )
    upgrade = upgrade_sentence(report)
    if upgrade:
        parts.append(upgrade)
    return " ".join(parts)
