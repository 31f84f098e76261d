"""The bench report: verdict sentence, terminal table, Markdown (with a Mermaid chart), JSON."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from adopt_fast import stats
from adopt_fast.bench.compare import (
    MIN_TEST_DELTA_RATIO,
    MIN_TEST_DELTA_S,
    CaseDelta,
    Comparison,
    median_rss,
)
from adopt_fast.bench.configuration import Config
from adopt_fast.bench.model import BenchReport
from adopt_fast.bench.runner import OUTCOMES, Run
from adopt_fast.bench.verdict import comparison_sentence, digits, span_text, verdict

__all__ = ["BenchReport", "comparison_sentence", "to_json", "to_markdown", "to_text", "verdict"]

SCHEMA_VERSION = 2
# Differing tests listed on the terminal per comparison; the JSON has all of them.
MAX_DIFFS_LISTED = 20
RSS_METHOD = (
    "peak RSS of the largest single process in the tree (os.wait4 ru_maxrss: the "
    "child and its reaped descendants, not their sum)"
)


def _outcome_text(runs: Sequence[Run]) -> str:
    counts = runs[-1].outcome_counts() if runs else None
    if counts is None:
        return f"unknown (exit {runs[-1].exit_code})" if runs else "-"
    return ", ".join(f"{counts[k]} {k}" for k in OUTCOMES if counts[k] or k == "passed")


@dataclass(frozen=True)
class Row:
    name: str
    accelerator: str
    wall: str
    cpu: str
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
                Row(
                    config.name, config.state, "unavailable", "-", "-", "-", "-", "-", config.reason
                )
            )
            continue
        if config.name in report.not_run:
            what = report.not_run[config.name].split("; first error: ")[0]
            out.append(
                Row(config.name, config.state, "not measured", "-", "-", "-", "-", "-", what)
            )
            continue
        walls = [r.wall_s for r in runs]
        comp = by_candidate.get(config.name)
        rss = median_rss(runs)
        out.append(
            Row(
                config.name,
                config.state,
                f"{statistics.median(walls):.3f} s ± {stats.relative_spread(walls):.0%}",
                _cpu_cell(runs, comp),
                _speedup_cell(comp.speedup) if comp else "baseline",
                _ci_cell(comp.speedup) if comp else "-",
                f"{rss:.0f} MiB" if rss else "-",
                f"{comp.peak_rss_ratio:.2f}×" if comp and comp.peak_rss_ratio else "-",
                _outcome_text(runs),
            )
        )
    return out


def _cpu_cell(runs: Sequence[Run], comp: Comparison | None) -> str:
    cell = f"{statistics.median(r.user_s + r.sys_s for r in runs):.3f} s"
    if comp and comp.cpu_speedup:
        cell += f" ({comp.cpu_speedup.median:.2f}×)"
    return cell


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
        "accelerator",
        "median wall ± sd",
        "CPU user+sys",
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
        f"{MIN_TEST_DELTA_S * 1000:.0f} ms and {MIN_TEST_DELTA_RATIO:.0%} (shown in whole "
        f"ms); CPU: median user + system time of the process tree (in parentheses its paired speedup, steadier than wall time on a loaded machine but blind to waiting); memory: {RSS_METHOD}."
    )


def max_time_line(report: BenchReport) -> str | None:
    """How many rounds --max-time took, and whether precision or the time budget stopped it."""
    if report.max_time is None:
        return None
    rounds = max((len(r) for r in report.measurement.runs.values()), default=0)
    speedups = [c.speedup for c in report.comparisons]
    widest = max((s.relative_half_width for s in speedups), default=0.0)
    target = f"{stats.TARGET_HALF_WIDTH:.0%}"
    if speedups and stats.precise_enough(speedups):
        why = f"every interval's half-width at most {target} (widest ±{widest:.1%})"
    elif rounds <= report.runs:
        why = f"the --runs {report.runs} rounds were done (widest interval ±{widest:.1%})"
    else:
        why = f"the {report.max_time:g} s budget ran out (widest interval ±{widest:.1%}, target {target})"
    return f"--max-time: stopped after {rounds} rounds: {why}."


def metadata_line(report: BenchReport) -> str | None:
    m = report.metadata
    if m is None:
        return None
    load = (
        f", load average {m.load_start[0]:.2f} at the start and "
        f"{m.load_end[0] if m.load_end else float('nan'):.2f} at the end"
        if m.load_start
        else ""
    )
    versions = ", ".join(
        [f"adopt-fast {m.adopt_fast_version}", *(f"{k} {v}" for k, v in m.accelerators.items())]
    )
    commit = f"; git commit {m.git_commit}" if m.git_commit else ""
    return (
        f"{m.date} on {m.host} ({m.system}, {m.cpu_model}, {m.cores} cores{load}); "
        f"{versions}{commit}"
    )


def _ms(seconds: float) -> str:
    # Per-test changes under 5 ms are not listed: a tenth of a millisecond would be noise.
    return f"{seconds * 1000:+.0f} ms"


def _delta_lines(deltas: Sequence[CaseDelta]) -> list[str]:
    return [
        f"    {_ms(d.saved_s):>9}  {d.baseline_s:.3f} s -> {d.candidate_s:.3f} s  {d.test}"
        for d in deltas
    ]


def _bar() -> str:
    return f"at least {MIN_TEST_DELTA_S * 1000:.0f} ms and {MIN_TEST_DELTA_RATIO:.0%}"


def _has_test_times(report: BenchReport, c: Comparison) -> bool:
    """Both sides reported their tests (pytest ran), so per-test changes were looked for."""
    runs = report.measurement.runs
    return all(r.tests is not None for name in (c.baseline, c.candidate) for r in runs[name])


def to_text(report: BenchReport) -> str:
    lines: list[str] = []
    if report.outcomes_differ:
        lines.append("OUTCOMES DIFFER BETWEEN CONFIGURATIONS: no speedup is claimed for those.")
        for c in [*report.comparisons, *report.cross]:
            for d in c.outcome_diffs[:MAX_DIFFS_LISTED]:
                lines.append(
                    f"  {d.test}: {c.baseline}: {d.baseline}; {c.candidate}: {d.candidate}"
                )
            if len(c.outcome_diffs) > MAX_DIFFS_LISTED:
                more = len(c.outcome_diffs) - MAX_DIFFS_LISTED
                lines.append(
                    f"  ... and {more} more ({c.candidate} vs {c.baseline}; all in --json)"
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
    stopped = max_time_line(report)
    lines += [f"\n{stopped}"] if stopped else []
    about = metadata_line(report)
    lines += [f"\nran: {about}"] if about else []
    lines.append(f"\nmethod: {_method_line(report)}")
    return "\n".join(lines)


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|")


def _chart_label(name: str) -> str:
    # Mermaid's xychart takes labels in double quotes and has no escape for one inside.
    return '"' + name.replace('"', "'") + '"'


def mermaid(report: BenchReport) -> list[str]:
    """A horizontal bar chart of each measured configuration's speedup over the baseline,
    with value labels; the intervals are in the table beside it."""
    by_candidate = {c.candidate: c.speedup.median for c in report.comparisons}
    measured = [
        (c.name, 1.0 if c.name == report.baseline else by_candidate[c.name])
        for c in report.configs
        if report.runs_of(c) and (c.name == report.baseline or c.name in by_candidate)
    ]
    if len(measured) < 2:
        return []
    top = max(1.0, *(v for _, v in measured)) * 1.15
    longest = max(len(name) for name, _ in measured)
    width = max(700, 420 + 8 * longest)  # room for the longest label beside its bar
    height = 140 + 60 * len(measured)
    labels = ", ".join(_chart_label(name) for name, _ in measured)
    bars = ", ".join(f"{v:.2f}" for _, v in measured)
    return [
        "```mermaid",
        "---",
        "config:",
        "  xyChart:",
        f"    width: {width}",
        f"    height: {height}",
        "    showDataLabel: true",
        "  themeVariables:",
        "    xyChart:",
        '      plotColorPalette: "#2f6fd0"',
        "---",
        "xychart-beta horizontal",
        f'    title "Speedup over {report.baseline.replace(chr(34), chr(39))} (×, higher is faster)"',
        f"    x-axis [{labels}]",
        f'    y-axis "speedup (×)" 0 --> {top:.2f}',
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
            f"| `{_md_cell(d.test)}` | {_md_cell(c.baseline)}: {d.baseline} | "
            f"{_md_cell(c.candidate)} | {d.candidate} |"
            for c in [*report.comparisons, *report.cross]
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
    out += ["", *mermaid(report), ""]
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
    stopped = max_time_line(report)
    out += [stopped, ""] if stopped else []
    about = metadata_line(report)
    out += [f"<sub>Ran: {_md_cell(about)}</sub>", ""] if about else []
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
        # `ci` covers the true median with probability `ci_coverage` (0.9375 for 5 rounds).
        "ci": list(c.speedup.ci),
        "ci_coverage": c.speedup.coverage,
        "significant": c.speedup.significant,
        "cpu_speedup_median": c.cpu_speedup.median if c.cpu_speedup else None,
        "cpu_ci": list(c.cpu_speedup.ci) if c.cpu_speedup else None,
        "conclusive": c.speedup.conclusive,
        "negligible": c.speedup.negligible,
        "outcomes": c.outcomes_state,
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
    info, accel = config.interpreter, config.accelerator
    return {
        "name": config.name,
        "interpreter": {
            "kind": info.kind,
            "version": info.version,
            "path": info.path,
            "implementation_version": info.implementation_version or None,
        },
        "accelerator": {"name": accel.name, "version": accel.version, "active": accel.active},
        "python": config.python,
        "available": config.available,
        "note": config.reason,
        "wall_s": [r.wall_s for r in runs],
        "user_s": [r.user_s for r in runs],
        "sys_s": [r.sys_s for r in runs],
        "peak_rss_mib": [r.peak_rss_mib for r in runs],
        "exit_codes": [r.exit_code for r in runs],
        # null when no pytest process reported (outcomes unknown)
        "outcomes": counts,
        # Why the configuration was not measured (it could not run the suite), else null.
        "suite_problem": not_run,
    }


def _metadata_json(report: BenchReport) -> dict[str, Any] | None:
    return asdict(report.metadata) if report.metadata else None


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
        "metadata": _metadata_json(report),
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
