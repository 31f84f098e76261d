"""Findings and reports from runs built by hand: outcome changes, verdicts, JSON, Markdown."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from adopt_fast.bench import compare, report
from adopt_fast.bench.configuration import Accelerator, Config, InterpreterInfo
from adopt_fast.bench.runner import CaseResult, Measurement, Run


def config(
    kind: str, version: str, accelerator: str = "none", *, own: str = "", **kw: object
) -> Config:
    info = InterpreterInfo(kind, version, f"/{kind.lower()}{version}", own)
    active = True if accelerator != "none" else None
    return Config(info, info.path, {}, Accelerator(accelerator, None, active), **kw)  # type: ignore[arg-type]


BASE = config("CPython", "3.10.13")
JIT = config("CPython", "3.10.13", "pyston-lite")
PY312 = config("CPython", "3.12.1")
PYPY = config("PyPy", "3.9.16", own="7.3.11")


def run(wall: float, outcomes: dict[str, str] | None = None, *, scale: float = 1.0) -> Run:
    tests = {
        name: CaseResult(outcome, 0.1 * (i + 1) * scale)
        for i, (name, outcome) in enumerate(
            (outcomes or {"t::a": "passed", "t::b": "passed"}).items()
        )
    }
    failed = any(o != "passed" for o in (outcomes or {}).values())
    return Run(wall, 50.0 * scale, 1 if failed else 0, tests, "")


def make_report(runs: dict[str, list[Run]], configs: list[Config]) -> report.BenchReport:
    names = [c.name for c in configs if runs.get(c.name)]
    direct = [compare.compare(names[0], n, runs) for n in names[1:]]
    cross = (
        [compare.compare(JIT.name, PY312.name, runs)]
        if {JIT.name, PY312.name} <= set(names)
        else []
    )
    return report.BenchReport(
        ["python", "-m", "pytest"],
        configs,
        Measurement(runs, {}, 1.0),
        direct,
        cross,
        [],
        len(runs[names[0]]),
        1,
    )


def test_faster_jit_with_identical_outcomes_is_a_win() -> None:
    runs = {
        BASE.name: [run(w) for w in (2.0, 2.1, 1.9, 2.05, 2.0, 1.95)],
        JIT.name: [run(w / 1.2, scale=0.8) for w in (2.0, 2.1, 1.9, 2.05, 2.0, 1.95)],
    }
    result = make_report(runs, [BASE, JIT])
    sentence = report.verdict(result)
    assert sentence.startswith("CPython 3.10.13 + Pyston-lite: 1.20× faster (95% CI 1.20–1.20)")
    assert "outcomes identical" in sentence
    assert sentence.endswith("Best: CPython 3.10.13 + Pyston-lite.")
    gains = result.comparisons[0].gains
    assert [d.test for d in gains] == ["t::b", "t::a"]  # the longer test saves more


def test_changed_outcomes_are_flagged_first_and_never_a_win() -> None:
    walls = (2.0, 2.1, 1.9)
    runs = {
        BASE.name: [run(w) for w in walls],
        JIT.name: [run(w / 1.5, {"t::a": "passed", "t::b": "failed"}) for w in walls],
    }
    result = make_report(runs, [BASE, JIT])
    text = report.to_text(result)
    assert text.startswith("OUTCOMES DIFFER")
    assert "t::b: CPython 3.10.13: passed; CPython 3.10.13 + Pyston-lite: failed" in text
    assert "no speedup is claimed" in report.verdict(result)
    assert "Best: CPython 3.10.13 (nothing is significantly faster" in report.verdict(result)
    data = report.to_json(result)
    assert data["comparisons"][0]["outcomes_identical"] is False
    assert data["comparisons"][0]["differing_tests"] == [
        {"test": "t::b", "baseline": "passed", "candidate": "failed"}
    ]
    assert "> [!WARNING]" in report.to_markdown(result).splitlines()[2]


def test_newer_cpython_beating_the_jit_is_said_plainly() -> None:
    walls = (2.0, 2.2, 1.9, 2.1, 2.0, 2.05)
    runs = {
        BASE.name: [run(w) for w in walls],
        JIT.name: [run(w / 1.1) for w in walls],
        PY312.name: [run(w / 1.4) for w in walls],
    }
    sentence = report.verdict(make_report(runs, [BASE, JIT, PY312]))
    assert "CPython 3.12.1 is 1.27× faster than CPython 3.10.13 + Pyston-lite" in sentence
    assert "upgrading CPython beats Pyston-lite here" in sentence
    assert sentence.endswith(
        "Best: CPython 3.12.1. Upgrading to CPython 3.12 gains more than Pyston-lite does, "
        "without it."
    )


def test_a_tie_between_the_jit_and_newer_cpython_is_called_a_tie() -> None:
    walls = (2.0, 2.2, 1.9, 2.1, 2.0, 2.05)
    runs = {
        BASE.name: [run(w) for w in walls],
        JIT.name: [run(w / (1.3 + 0.02 * (i % 2))) for i, w in enumerate(walls)],
        PY312.name: [run(w / (1.3 + 0.02 * ((i + 1) % 2))) for i, w in enumerate(walls)],
    }
    sentence = report.verdict(make_report(runs, [BASE, JIT, PY312]))
    assert "are within noise of each other" in sentence
    assert sentence.endswith(
        "Best: CPython 3.10.13 + Pyston-lite, within noise of CPython 3.12.1. "
        "Upgrading to CPython 3.12 gives the same gain without Pyston-lite."
    )


@pytest.mark.parametrize(
    ("other", "factor", "expected"),
    [
        pytest.param(
            PY312,
            1.4,
            "CPython 3.12.1 is 1.27× faster than CPython 3.10.13 + Pyston-lite",
            id="newer-cpython-wins",
        ),
        pytest.param(
            PY312,
            1.0,
            "CPython 3.10.13 + Pyston-lite is 1.10× faster than CPython 3.12.1 (95% CI 1.10–1.10)",
            id="jit-wins-interval-inverted",
        ),
        pytest.param(
            config("CPython", "3.10.13", suffix=" (bench env)"),
            1.4,
            "Pyston-lite slows this suite down",
            id="same-version-without-jit-wins",
        ),
        pytest.param(
            PYPY,
            1.4,
            "PyPy 3.9.16 (7.3.11) is 1.27× faster than CPython 3.10.13 + Pyston-lite "
            "(95% CI 1.27–1.28): PyPy beats Pyston-lite here",
            id="pypy-wins",
        ),
    ],
)
def test_jit_against_other_interpreters(other: Config, factor: float, expected: str) -> None:
    walls = (2.0, 2.2, 1.9, 2.1, 2.0, 2.05)
    runs = {
        BASE.name: [run(w) for w in walls],
        JIT.name: [run(w / 1.1) for w in walls],
        other.name: [run(w / factor) for w in walls],
    }
    configs = [BASE, JIT, other]
    names = [c.name for c in configs]
    direct = [compare.compare(BASE.name, n, runs) for n in names[1:]]
    cross = [compare.compare(JIT.name, other.name, runs)]
    result = report.BenchReport(
        ["pytest"], configs, Measurement(runs, {}, 1.0), direct, cross, [], 6, 1
    )
    assert expected in report.verdict(result)


def test_noise_is_no_significant_difference() -> None:
    runs = {
        BASE.name: [run(w) for w in (2.0, 2.2, 1.9, 2.1, 2.0, 1.95)],
        JIT.name: [run(w) for w in (2.1, 1.9, 2.2, 2.0, 1.95, 2.0)],
    }
    sentence = report.verdict(make_report(runs, [BASE, JIT]))
    assert "no significant difference" in sentence
    assert "faster (" not in sentence


def test_unavailable_jit_is_reported_with_its_reason() -> None:
    jit = config(
        "CPython",
        "3.10.13",
        "pyston-lite",
        available=False,
        reason="pyston-lite supports CPython 3.7-3.10 only",
    )
    runs = {BASE.name: [run(2.0), run(2.1)]}
    result = make_report(runs, [BASE, jit])
    assert report.verdict(result) == (
        "CPython 3.10.13 + Pyston-lite: unavailable (pyston-lite supports CPython 3.7-3.10 only)."
    )
    unavailable = report.to_json(result)["configs"][1]
    assert unavailable["available"] is False
    assert unavailable["wall_s"] == []


def test_json_follows_schema_version_2() -> None:
    walls = (2.0, 2.1, 1.9)
    runs = {BASE.name: [run(w) for w in walls], JIT.name: [run(w / 1.2) for w in walls]}
    data = json.loads(json.dumps(report.to_json(make_report(runs, [BASE, JIT]))))
    assert data["schema_version"] == 2
    base, jit = data["configs"]
    assert {"name", "python", "wall_s", "user_s", "sys_s", "peak_rss_mib", "outcomes"} <= set(base)
    assert base["interpreter"] == {
        "kind": "CPython",
        "version": "3.10.13",
        "path": "/cpython3.10.13",
        "implementation_version": None,
    }
    assert base["accelerator"] == {"name": "none", "version": None, "active": None}
    assert jit["accelerator"] == {"name": "pyston-lite", "version": None, "active": True}
    assert base["outcomes"] == {"passed": 2, "failed": 0, "skipped": 0, "errors": 0}
    comparison = data["comparisons"][0]
    # Three rounds: the interval is the range, with its real 75% coverage, and never "ci95".
    assert "ci95" not in comparison
    assert comparison["ci"] == [pytest.approx(1.2), pytest.approx(1.2)]
    assert comparison["ci_coverage"] == 0.75
    assert comparison["outcomes"] == "identical"
    assert comparison["speedup_median"] == pytest.approx(1.2)


def test_markdown_charts_the_speedups_horizontally_with_value_labels() -> None:
    walls = (2.0, 2.1, 1.9)
    runs = {BASE.name: [run(w) for w in walls], JIT.name: [run(w / 1.2) for w in walls]}
    text = report.to_markdown(make_report(runs, [BASE, JIT]))
    assert "| configuration | accelerator | median wall ± sd | CPU user+sys |" in text
    chart = text.split("```mermaid\n", 1)[1].split("```", 1)[0]
    assert "showDataLabel: true" in chart
    assert "xychart-beta horizontal" in chart
    assert 'x-axis ["CPython 3.10.13", "CPython 3.10.13 + Pyston-lite"]' in chart
    assert "bar [1.00, 1.20]" in chart


def test_a_tiny_significant_difference_shows_enough_digits_and_is_negligible() -> None:
    # The review's case: 6 rounds of `sleep 0.3`, ratios 0.9965-0.9979.
    ratios = (0.9972, 0.9965, 0.9979, 0.9970, 0.9975, 0.9968)
    runs = {
        BASE.name: [run(0.3) for _ in ratios],
        JIT.name: [run(0.3 / r) for r in ratios],
    }
    sentence = report.verdict(make_report(runs, [BASE, JIT]))
    assert sentence.startswith(
        "CPython 3.10.13 + Pyston-lite: 0.3% slower (0.997×, 95% CI 0.996–0.998): "
        "significant but negligible (under 1%), outcomes identical."
    )
    assert sentence.endswith("(nothing is significantly faster with identical outcomes).")


@pytest.mark.parametrize(
    ("factor", "expected"),
    [
        pytest.param(1.035, "3.5% faster (1.035×, 95% CI 1.035–1.035)", id="percent-below-10%"),
        pytest.param(1.5, "1.50× faster (95% CI 1.50–1.50)", id="ratio-from-10%"),
        pytest.param(1 / 1.25, "1.25× slower (speedup 0.80×, 95% CI 0.80–0.80)", id="slower"),
    ],
)
def test_effect_sizes_read_plainly(factor: float, expected: str) -> None:
    walls = (2.0, 2.2, 1.9, 2.1, 2.0, 2.05)
    runs = {BASE.name: [run(w) for w in walls], JIT.name: [run(w / factor) for w in walls]}
    assert expected in report.verdict(make_report(runs, [BASE, JIT]))


def test_two_rounds_are_too_few_to_call_anything() -> None:
    # The review's case: --runs 2 --python 3.12 gave "95% CI 0.93–0.94" and a verdict.
    walls = (2.0, 2.1)
    runs = {
        BASE.name: [run(w) for w in walls],
        JIT.name: [run(w / 1.1) for w in walls],
        PY312.name: [run(w / 1.18) for w in walls],
    }
    result = make_report(runs, [BASE, JIT, PY312])
    sentence = report.verdict(result)
    assert "95% CI" not in sentence
    assert "50% CI" in sentence
    assert "beats the JIT" not in sentence
    assert "faster than" not in sentence
    assert "too few rounds to tell; use --runs 6 or more" in sentence
    assert sentence.endswith("Best: not known, too few rounds to tell; use --runs 6 or more.")
    assert "Upgrading" not in sentence
    text = report.to_text(result)
    assert "50% CI" in text.splitlines()[2]  # the table's interval column says its coverage
    comparison = report.to_json(result)["comparisons"][0]
    assert comparison["ci_coverage"] == pytest.approx(0.5)
    assert comparison["significant"] is False
    assert comparison["conclusive"] is False


def test_five_rounds_are_labelled_94_percent() -> None:
    walls = (2.0, 2.2, 1.9, 2.1, 2.0)
    runs = {BASE.name: [run(w) for w in walls], JIT.name: [run(w / 1.2) for w in walls]}
    result = make_report(runs, [BASE, JIT])
    assert "1.20× faster (94% CI 1.20–1.20)" in report.verdict(result)
    assert report.to_json(result)["comparisons"][0]["ci_coverage"] == pytest.approx(0.9375)


def test_a_tie_says_which_is_faster_by_the_median() -> None:
    walls = (2.0, 2.2, 1.9, 2.1, 2.0, 2.05)
    runs = {
        BASE.name: [run(w) for w in walls],
        JIT.name: [run(w / (1.3 + 0.03 * (i % 2))) for i, w in enumerate(walls)],
        PY312.name: [run(w / (1.3 + 0.02 * ((i + 1) % 2))) for i, w in enumerate(walls)],
    }
    sentence = report.verdict(make_report(runs, [BASE, JIT, PY312]))
    assert (
        "CPython 3.12.1 and CPython 3.10.13 + Pyston-lite are within noise of each other "
        "(CPython 3.10.13 + Pyston-lite 1.004× faster, 95% CI 0.984–1.024)." in sentence
    )


def test_per_test_changes_below_timer_resolution_are_not_listed() -> None:
    def timed(times: dict[str, float], wall: float) -> Run:
        return Run(wall, 50.0, 0, {n: CaseResult("passed", t) for n, t in times.items()}, "")

    base = {"t::noise": 0.001, "t::small": 0.200, "t::big": 0.300, "t::slower": 0.050}
    cand = {"t::noise": 0.000, "t::small": 0.196, "t::big": 0.150, "t::slower": 0.080}
    walls = (2.0, 2.2, 1.9, 2.1, 2.0, 2.05)
    runs = {
        BASE.name: [timed(base, w) for w in walls],
        JIT.name: [timed(cand, w / 1.2) for w in walls],
    }
    result = make_report(runs, [BASE, JIT])
    comparison = result.comparisons[0]
    assert [d.test for d in comparison.gains] == ["t::big"]  # noise: 1 ms; small: 2%
    assert [d.test for d in comparison.losses] == ["t::slower"]
    text = report.to_text(result)
    assert "(median time saved; changes of at least 5 ms and 10%)" in text
    assert "t::noise" not in text
    # JUnit times are whole milliseconds: no invented tenths.
    assert "      +150 ms  0.300 s -> 0.150 s  t::big" in text.splitlines()
    assert "       -30 ms  0.050 s -> 0.080 s  t::slower" in text.splitlines()
    assert "| `t::big` | 0.300 s | 0.150 s | +150 ms |" in report.to_markdown(result)


def test_no_per_test_change_above_the_bar_is_said_in_one_line() -> None:
    walls = (2.0, 2.2, 1.9, 2.1, 2.0, 2.05)
    runs = {BASE.name: [run(w) for w in walls], JIT.name: [run(w / 1.2) for w in walls]}
    result = make_report(runs, [BASE, JIT])
    expected = (
        "per test, CPython 3.10.13 + Pyston-lite vs CPython 3.10.13: no test changed by at "
        "least 5 ms and 10%."
    )
    assert expected in report.to_text(result).splitlines()
    assert "no test changed by at least 5 ms and 10%." in report.to_markdown(result)


def test_a_candidate_that_could_not_run_the_suite_gets_no_speed() -> None:
    walls = (2.0, 2.2, 1.9, 2.1, 2.0, 2.05)
    runs = {BASE.name: [run(w) for w in walls], JIT.name: [run(w / 1.2) for w in walls]}
    problem = "3 errors, 0 passed; first error: RuntimeError: refuses the JIT"
    # As commands.bench builds it: the candidate's runs were dropped after the warm-up.
    result = replace(
        make_report({BASE.name: runs[BASE.name], JIT.name: []}, [BASE, JIT]),
        not_run={JIT.name: problem},
    )
    sentence = report.verdict(result)
    assert sentence == (
        f"CPython 3.10.13 + Pyston-lite: could not run the test suite ({problem}), so no "
        "speed is claimed."
    )
    row = report.rows(result)[1]
    assert (row.wall, row.speedup, row.outcomes) == ("not measured", "-", "3 errors, 0 passed")
    data = report.to_json(result)
    assert [c["suite_problem"] for c in data["configs"]] == [None, problem]
    assert data["comparisons"] == []


def test_method_line_defines_the_spread_and_the_interval() -> None:
    walls = (2.0, 2.2, 1.9, 2.1, 2.0, 2.05)
    runs = {BASE.name: [run(w) for w in walls], JIT.name: [run(w / 1.2) for w in walls]}
    text = report.to_text(make_report(runs, [BASE, JIT]))
    method = text.splitlines()[-1]
    assert "± its runs' standard deviation as a percentage of their mean" in method
    assert "order statistics" in method
    assert "seed" not in method


def test_a_narrow_interval_around_one_is_called_practically_the_same() -> None:
    # 6 rounds of `sleep 0.3` under the JIT: median 0.9955, interval 0.9939-1.0020.
    ratios = (0.9955, 0.9939, 1.0020, 0.9950, 0.9960, 0.9970)
    runs = {BASE.name: [run(0.3) for _ in ratios], JIT.name: [run(0.3 / r) for r in ratios]}
    sentence = report.verdict(make_report(runs, [BASE, JIT]))
    assert sentence.startswith(
        "CPython 3.10.13 + Pyston-lite: no significant difference (0.996×, 95% CI 0.993–1.002), "
        "and within 1% either way: practically the same speed."
    )


def test_a_cross_verdict_never_calls_a_run_with_other_outcomes_faster() -> None:
    # The case: 3.12 skipped tests the baseline ran, then was called faster than the JIT.
    walls = (2.0, 2.2, 1.9, 2.1, 2.0, 2.05)
    skipped = {"t::a": "passed", "t::b": "skipped"}
    runs = {
        BASE.name: [run(w) for w in walls],
        JIT.name: [run(w / 1.1) for w in walls],
        PY312.name: [run(w / 1.8, skipped) for w in walls],
    }
    result = make_report(runs, [BASE, JIT, PY312])
    sentence = report.verdict(result)
    assert "faster than CPython 3.10.13 + Pyston-lite" not in sentence
    assert "beats" not in sentence and "Upgrading" not in sentence
    assert (
        "CPython 3.12.1 vs CPython 3.10.13 + Pyston-lite: not compared, test outcomes differ "
        "(1 test, e.g. t::b)." in sentence
    )
    assert sentence.endswith("Best: CPython 3.10.13 + Pyston-lite.")
    text = report.to_text(result)
    assert "t::b: CPython 3.10.13 + Pyston-lite: passed; CPython 3.12.1: skipped" in text
    (cross,) = report.to_json(result)["cross_comparisons"]
    assert (cross["outcomes"], cross["outcomes_identical"]) == ("differ", False)
    warning = compare.count_warning(result.comparisons[1], runs)
    assert warning is not None
    assert warning.startswith("CPython 3.12.1 ran 1 tests and skipped 1, CPython 3.10.13 ran 2")


def test_unknown_outcomes_are_never_called_identical() -> None:
    walls = (2.0, 2.2, 1.9, 2.1, 2.0, 2.05)
    runs = {
        BASE.name: [replace(run(w), tests=None) for w in walls],
        JIT.name: [replace(run(w / 1.3), tests=None) for w in walls],
    }
    result = make_report(runs, [BASE, JIT])
    sentence = report.verdict(result)
    assert "identical" not in sentence
    assert "1.30× faster (95% CI 1.30–1.30), outcomes unknown (no pytest process" in sentence
    assert sentence.endswith("Best: CPython 3.10.13 + Pyston-lite (outcomes unknown).")
    assert report.to_json(result)["comparisons"][0]["outcomes"] == "unknown"
    assert "unknown (exit 0)" in report.to_text(result)


def test_switching_to_pypy_is_worded_for_pypy() -> None:
    walls = (2.0, 2.2, 1.9, 2.1, 2.0, 2.05)
    runs = {
        BASE.name: [run(w) for w in walls],
        JIT.name: [run(w / 1.3) for w in walls],
        PYPY.name: [run(w / 2.0) for w in walls],
    }
    configs = [BASE, JIT, PYPY]
    direct = [compare.compare(BASE.name, n, runs) for n in (JIT.name, PYPY.name)]
    cross = [compare.compare(JIT.name, PYPY.name, runs)]
    result = report.BenchReport(
        ["pytest"], configs, Measurement(runs, {}, 1.0), direct, cross, [], 6, 1
    )
    assert report.verdict(result).endswith(
        "Best: PyPy 3.9.16 (7.3.11). Switching to PyPy 3.9 gains more than Pyston-lite does, "
        "without it."
    )


@pytest.mark.parametrize(
    ("warmups", "walls", "expected"),
    [
        pytest.param([3.0], [2.0, 2.0, 2.0], "its 1 warm-up run took 1.50×", id="slow-warm-up"),
        pytest.param(
            [2.0], [2.6, 2.0, 2.0], "first measured round still took 1.30×", id="slow-first-round"
        ),
        pytest.param([2.0], [2.0, 2.05, 1.95], None, id="steady"),
    ],
)
def test_slower_first_rounds_are_said(
    warmups: list[float], walls: list[float], expected: str | None
) -> None:
    note = compare.warmup_warning(PYPY, [run(w) for w in warmups], [run(w) for w in walls])
    if expected is None:
        assert note is None
    else:
        assert note is not None and note.startswith(
            "PyPy 3.9.16 (7.3.11): first rounds were slower"
        )
        assert expected in note


def test_metadata_and_the_max_time_stop_are_in_the_text_and_the_markdown() -> None:
    from adopt_fast.bench.metadata import Metadata

    walls = (2.0, 2.02, 1.99, 2.01, 2.0, 2.0)
    runs = {BASE.name: [run(w) for w in walls], JIT.name: [run(w / 1.3) for w in walls]}
    meta = Metadata(
        "2026-12-01T11:00:00+00:00", "ci-box", "Linux 6.1 x86_64", "AMD EPYC", 2,
        (0.5, 0.4, 0.3), (2.5, 0.9, 0.5), git_commit="abc123", accelerators={"pyston-lite": "2.3.5"},
    )  # fmt: skip
    result = replace(make_report(runs, [BASE, JIT]), metadata=meta, max_time=60.0, runs=5)
    about = (
        "2026-12-01T11:00:00+00:00 on ci-box (Linux 6.1 x86_64, AMD EPYC, 2 cores, load average "
        "0.50 at the start and 2.50 at the end); adopt-fast 0.1.0, pyston-lite 2.3.5; git commit "
        "abc123"
    )
    text = report.to_text(result)
    assert f"ran: {about}" in text
    assert "--max-time: stopped after 6 rounds: every interval's half-width at most 2%" in text
    assert f"<sub>Ran: {about}</sub>" in report.to_markdown(result)
    assert meta.load_warning() is not None and "2.50 on 2 cores" in meta.load_warning()
    assert replace(meta, load_end=(1.5, 1, 1)).load_warning() is None


def test_cpu_time_gets_its_own_paired_speedup() -> None:
    walls = (2.0, 2.1, 1.9, 2.0, 2.05, 1.95)
    runs = {
        BASE.name: [replace(run(w * 3), user_s=1.8, sys_s=0.2) for w in walls],  # a busy machine
        JIT.name: [replace(run(w * 2), user_s=0.9, sys_s=0.1) for w in walls],
    }
    result = make_report(runs, [BASE, JIT])
    comparison = report.to_json(result)["comparisons"][0]
    assert comparison["speedup_median"] == pytest.approx(1.5)
    assert comparison["cpu_speedup_median"] == pytest.approx(2.0)
    assert "1.000 s (2.00×)" in report.to_text(result)
