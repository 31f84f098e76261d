"""The bench report: verdict sentence, terminal table, Markdown (with a Mermaid chart), JSON."""

from __future__ import annotations

import json
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from adopt_fast.bench import stats
from adopt_fast.bench.compare import (
    MIN_TEST_DELTA_RATIO,
    MIN_TEST_DELTA_S,
    CaseDelta,
    Comparison,
    median_rss,
)
from adopt_fast.bench.runner import OUTCOMES, Config, Measurement, Run
from adopt_fast.bench.verdict import comparison_sentence, digits, span_text, verdict

__all__ = ["BenchReport", "comparison_sentence", "to_json", "to_markdown", "to_text", "verdict"]

SCHEMA_VERSION = 1
RSS_METHOD = (
    "peak RSS of the largest single process in the tree (os.wait4 ru_maxrss: the "
    "child and its reaped descendants, not their sum)"
)


@dataclass(frozen=True)
class BenchReport:
    command: list[str]
    configs: list[Config]
    measurement: Measurement
    comparisons: list[Comparison]  # each candidate against the baseline
    cross: list[Comparison]  # the JIT against each other interpreter, for the verdict
    warnings: list[str]
    runs: int
    warmup: int
    # Configurations that could not run the suite (bench.health): why, instead of a speed.
    not_run: dict[str, str] = field(default_factory=dict)

    @property
    def baseline(self) -> str:
        return self.configs[0].name

    def runs_of(self, config: Config) -> list[Run]:
        return self.measurement.runs.get(config.name, [])

    @property
    def outcomes_differ(self) -> bool:
        return any(not c.outcomes_identical for c in self.comparisons)


def _outcome_text(runs: Sequence[Run]) -> str:
    counts = runs[-1].outcome_counts() if runs else None
    if counts is None:
        return f"exit {runs[-1].exit_code}" if runs else "-"
    return ", ".join(f"{counts[k]} {k}" for k in OUTCOMES if counts[k] or k == "passed")


@dataclass(frozen=True)
class Row:
    name: str
    jit: str
    wall: str
    speedup: str
    ci: str
    rss: str
    rss_ratio: str
    outcomes: str


def rows(report: BenchReport) -> list[Row]:
    by_candidate = {c.candidate: c for c in report.comparisons}
    out: list[Row] = []
    for config in report.configs:
        runs = report.runs_of(config)
        if not config.available:
            out.append(
                Row(config.name, config.jit, "unavailable", "-", "-", "-", "-", config.reason)
            )
            continue
        if config.name in report.not_run:
            what = report.not_run[config.name].split("; first error: ")[0]
            out.append(Row(config.name, config.jit, "not measured", "-", "-", "-", "-", what))
            continue
        walls = [r.wall_s for r in runs]
        comp = by_candidate.get(config.name)
        rss = median_rss(runs)
        jit = config.jit + (" (active)" if config.jit_active else "")
        out.append(
            Row(
                config.name,
                jit,
                f"{statistics.median(walls):.3f} s ± {stats.relative_spread(walls):.0%}",
                _speedup_cell(comp.speedup) if comp else "baseline",
                _ci_cell(comp.speedup) if comp else "-",
                f"{rss:.0f} MiB" if rss else "-",
                f"{comp.peak_rss_ratio:.2f}×" if comp and comp.peak_rss_ratio else "-",
                _outcome_text(runs),
            )
        )
    return out


def _speedup_cell(s: stats.Speedup) -> str:
    return f"{s.median:.{digits(s)}f}×"


def _ci_cell(s: stats.Speedup) -> str:
    # The column's header carries the coverage (every comparison has the same rounds).
    span = span_text(*s.ci, digits(s))
    if not s.conclusive:
        return span + " too few rounds"
    return span + ("" if s.significant else " n.s.")


def _headers(report: BenchReport) -> Row:
    # Every comparison has the same rounds, so one label fits the column.
    labels = {c.speedup.ci_label for c in report.comparisons}
    ci = labels.pop() if len(labels) == 1 else "CI"
    return Row(
        "configuration",
        "jit",
        "median wall ± sd",
        "speedup",
        ci,
        "peak RSS",
        "RSS ratio",
        "outcomes",
    )


def _method_line(report: BenchReport) -> str:
    rounds = max((len(r) for r in report.measurement.runs.values()), default=0)
    return (
        f"{rounds} rounds after {report.warmup} warm-up, configurations interleaved; "
        "median wall ± its runs' standard deviation as a percentage of their mean; "
        f"speedup = baseline time / candidate time, {stats.CI_METHOD}; a difference is "
        f"significant when a 90%+ interval over {stats.MIN_ROUNDS}+ rounds excludes 1.0, "
        f"negligible when under {stats.NEGLIGIBLE:.0%}; per-test changes listed when at least "
        f"{MIN_TEST_DELTA_S * 1000:.0f} ms and {MIN_TEST_DELTA_RATIO:.0%} (JUnit times are in "
        f"ms); memory: {RSS_METHOD}."
    )


def _ms(seconds: float) -> str:
    # JUnit times have millisecond resolution: a tenth of a millisecond would be invented.
    return f"{seconds * 1000:+.0f} ms"


def _delta_lines(deltas: Sequence[CaseDelta]) -> list[str]:
    return [
        f"    {_ms(d.saved_s):>9}  {d.baseline_s:.3f} s -> {d.candidate_s:.3f} s  {d.test}"
        for d in deltas
    ]


def _bar() -> str:
    return f"at least {MIN_TEST_DELTA_S * 1000:.0f} ms and {MIN_TEST_DELTA_RATIO:.0%}"


def _has_test_times(report: BenchReport, c: Comparison) -> bool:
    """Both sides wrote JUnit XML (not a custom command), so per-test changes were looked for."""
    runs = report.measurement.runs
    return all(r.tests is not None for name in (c.baseline, c.candidate) for r in runs[name])


def to_text(report: BenchReport) -> str:
    lines: list[str] = []
    if report.outcomes_differ:
        lines.append("OUTCOMES DIFFER BETWEEN CONFIGURATIONS: no speedup is claimed for those.")
        for c in report.comparisons:
            for d in c.outcome_diffs:
                lines.append(
                    f"  {d.test}: {c.baseline}: {d.baseline}; {c.candidate}: {d.candidate}"
                )
    lines.append(verdict(report))
    table = [_headers(report), *rows(report)]
    widths = [max(len(getattr(r, f)) for r in table) for f in Row.__dataclass_fields__]
    lines.append("")
    for row in table:
        cells = [getattr(row, f) for f in Row.__dataclass_fields__]
        lines.append("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip())
    for c in report.comparisons:
        if c.gains or c.losses:
            lines.append(
                f"\nper test, {c.candidate} vs {c.baseline} (median time saved; changes of "
                f"{_bar()}):"
            )
            lines += ["  gains:", *_delta_lines(c.gains)] if c.gains else []
            lines += ["  losses:", *_delta_lines(c.losses)] if c.losses else []
        elif _has_test_times(report, c):
            lines.append(f"\nper test, {c.candidate} vs {c.baseline}: no test changed by {_bar()}.")
    if report.warnings:
        lines.append("\nwarnings:")
        lines += [f"  - {w}" for w in report.warnings]
    lines.append(f"\nmethod: {_method_line(report)}")
    return "\n".join(lines)


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|")


def _mermaid(report: BenchReport) -> list[str]:
    measured = [
        (c.name, statistics.median(r.wall_s for r in report.runs_of(c)))
        for c in report.configs
        if report.runs_of(c)
    ]
    if not measured:
        return []
    top = max(t for _, t in measured) * 1.15
    labels = ", ".join(json.dumps(name) for name, _ in measured)
    bars = ", ".join(f"{t:.3f}" for _, t in measured)
    return [
        "```mermaid",
        "xychart-beta",
        '    title "Test suite wall time, median (s)"',
        f"    x-axis [{labels}]",
        f'    y-axis "seconds" 0 --> {top:.3f}',
        f"    bar [{bars}]",
        "```",
    ]


def _md_deltas(title: str, deltas: Sequence[CaseDelta]) -> list[str]:
    if not deltas:
        return []
    out = [f"**{title}**", "", "| test | baseline | candidate | saved |", "|---|---|---|---|"]
    out += [
        f"| `{_md_cell(d.test)}` | {d.baseline_s:.3f} s | {d.candidate_s:.3f} s | "
        f"{_ms(d.saved_s)} |"
        for d in deltas
    ]
    return [*out, ""]


def to_markdown(report: BenchReport) -> str:
    out = ["## adopt-fast bench", ""]
    if report.outcomes_differ:
        out += [
            "> [!WARNING]",
            ("> **Test outcomes differ between configurations**; no speedup is claimed for those."),
            "",
        ]
        out += ["| test | baseline | candidate | outcome there |", "|---|---|---|---|"]
        out += [
            f"| `{_md_cell(d.test)}` | {d.baseline} | {c.candidate} | {d.candidate} |"
            for c in report.comparisons
            for d in c.outcome_diffs
        ]
        out.append("")
    out += [verdict(report), ""]
    out += [
        "| " + " | ".join(getattr(_headers(report), f) for f in Row.__dataclass_fields__) + " |",
        "|" + "---|" * len(Row.__dataclass_fields__),
    ]
    out += [
        "| " + " | ".join(_md_cell(getattr(r, f)) for f in Row.__dataclass_fields__) + " |"
        for r in rows(report)
    ]
    out += ["", *_mermaid(report), ""]
    for c in report.comparisons:
        if c.gains or c.losses:
            summary = f"Per test: {_md_cell(c.candidate)} vs {_md_cell(c.baseline)}"
            out += [f"<details><summary>{summary}</summary>", ""]
            out += _md_deltas("Largest gains", c.gains) + _md_deltas("Largest losses", c.losses)
            out += ["</details>", ""]
        elif _has_test_times(report, c):
            none = f"Per test: {_md_cell(c.candidate)} vs {_md_cell(c.baseline)}: no test"
            out += [f"{none} changed by {_bar()}.", ""]
    if report.warnings:
        out += ["**Warnings**", ""] + [f"- {_md_cell(w)}" for w in report.warnings] + [""]
    out += [f"<sub>Method: {_method_line(report)}</sub>", ""]
    return "\n".join(out)


def _delta_json(d: CaseDelta) -> dict[str, Any]:
    return {
        "test": d.test,
        "baseline_s": d.baseline_s,
        "candidate_s": d.candidate_s,
        "saved_s": d.saved_s,
    }


def _comparison_json(c: Comparison) -> dict[str, Any]:
    return {
        "baseline": c.baseline,
        "candidate": c.candidate,
        "speedup_median": c.speedup.median,
        # "ci95" is the documented key; "ci_coverage" says what the interval really covers.
        "ci95": list(c.speedup.ci),
        "ci_coverage": c.speedup.coverage,
        "significant": c.speedup.significant,
        "conclusive": c.speedup.conclusive,
        "negligible": c.speedup.negligible,
        "outcomes_identical": c.outcomes_identical,
        "differing_tests": [
            {"test": d.test, "baseline": d.baseline, "candidate": d.candidate}
            for d in c.outcome_diffs
        ],
        "peak_rss_ratio": c.peak_rss_ratio,
        "rounds": c.speedup.rounds,
        "top_gains": [_delta_json(d) for d in c.gains],
        "top_losses": [_delta_json(d) for d in c.losses],
    }


def _config_json(config: Config, runs: Sequence[Run], not_run: str | None) -> dict[str, Any]:
    counts = runs[-1].outcome_counts() if runs else None
    return {
        "name": config.name,
        "python": config.python,
        "version": config.version,
        "jit": config.jit,
        "available": config.available,
        "jit_active": config.jit_active,
        "note": config.reason,
        "wall_s": [r.wall_s for r in runs],
        "peak_rss_mib": [r.peak_rss_mib for r in runs],
        "exit_codes": [r.exit_code for r in runs],
        "outcomes": counts,
        # Why the configuration was not measured (it could not run the suite), else null.
        "suite_problem": not_run,
    }


def to_json(report: BenchReport) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "command": report.command,
        "method": {
            "runs": report.runs,
            "warmup": report.warmup,
            "ci": stats.CI_METHOD,
            "order": "round-robin, start rotated each round",
            "peak_rss": RSS_METHOD,
        },
        "configs": [
            _config_json(c, report.runs_of(c), report.not_run.get(c.name)) for c in report.configs
        ],
        "comparisons": [_comparison_json(c) for c in report.comparisons],
        "cross_comparisons": [_comparison_json(c) for c in report.cross],
        "verdict": verdict(report),
        "warnings": report.warnings,
        "measured_s": sum(r.wall_s for runs in report.measurement.runs.values() for r in runs),
        "warmup_s": sum(r.wall_s for runs in report.measurement.warmups.values() for r in runs),
        "elapsed_s": report.measurement.elapsed_s,
    }
