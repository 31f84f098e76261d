"""Findings and reports from runs built by hand: outcome changes, verdicts, JSON, Markdown."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from adopt_fast.bench import compare, report
from adopt_fast.bench.runner import CaseResult, Config, Measurement, Run, node_id, parse_junit

BASE = Config("CPython 3.10.13", "/py310", "3.10.13", "off", {})
JIT = Config("CPython 3.10.13 + Pyston-lite", "/py310", "3.10.13", "pyston", {}, jit_active=True)
PY312 = Config("CPython 3.12.1", "/py312", "3.12.1", "off", {})


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
    assert "upgrading CPython beats the JIT here" in sentence
    assert sentence.endswith(
        "Best: CPython 3.12.1. Upgrading to CPython 3.12 gains more than the JIT does, with no JIT."
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
        "Upgrading to CPython 3.12 gives the same gain without a JIT."
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
            Config("CPython 3.10.13 (bench env)", "/env/python", "3.10.13", "off", {}),
            1.4,
            "the JIT slows this suite down",
            id="same-version-without-jit-wins",
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
    jit = Config(
        JIT.name,
        "/py311",
        "3.11.7",
        "pyston",
        {},
        available=False,
        reason="pyston-lite supports CPython 3.7-3.10 only",
    )
    runs = {BASE.name: [run(2.0), run(2.1)]}
    result = make_report(runs, [BASE, jit])
    assert report.verdict(result) == (
        "CPython 3.10.13 + Pyston-lite: unavailable (pyston-lite supports CPython 3.7-3.10 only)."
    )
    config = report.to_json(result)["configs"][1]
    assert config["available"] is False
    assert config["wall_s"] == []


def test_json_follows_schema_version_1() -> None:
    walls = (2.0, 2.1, 1.9)
    runs = {BASE.name: [run(w) for w in walls], JIT.name: [run(w / 1.2) for w in walls]}
    data = json.loads(json.dumps(report.to_json(make_report(runs, [BASE, JIT]))))
    assert data["schema_version"] == 1
    assert {"name", "python", "jit", "wall_s", "peak_rss_mib", "outcomes"} <= set(
        data["configs"][0]
    )
    assert data["configs"][0]["outcomes"] == {"passed": 2, "failed": 0, "skipped": 0, "errors": 0}
    comparison = data["comparisons"][0]
    assert {
        "baseline",
        "candidate",
        "speedup_median",
        "ci95",
        "significant",
        "outcomes_identical",
    } <= set(comparison)
    assert comparison["speedup_median"] == pytest.approx(1.2)


def test_markdown_has_a_table_and_a_mermaid_chart() -> None:
    walls = (2.0, 2.1, 1.9)
    runs = {BASE.name: [run(w) for w in walls], JIT.name: [run(w / 1.2) for w in walls]}
    text = report.to_markdown(make_report(runs, [BASE, JIT]))
    assert "| configuration | jit | median wall ± sd |" in text
    assert "```mermaid\nxychart-beta" in text
    assert 'x-axis ["CPython 3.10.13", "CPython 3.10.13 + Pyston-lite"]' in text


@pytest.mark.parametrize(
    ("xml", "expected"),
    [
        pytest.param('<testcase classname="t" name="a" time="0.5"/>', ("passed", 0.5), id="passed"),
        pytest.param(
            '<testcase classname="t" name="a" time="1"><failure/></testcase>',
            ("failed", 1.0),
            id="failed",
        ),
        pytest.param(
            '<testcase classname="t" name="a" time="0"><error/></testcase>',
            ("errors", 0.0),
            id="error",
        ),
        pytest.param(
            '<testcase classname="t" name="a" time="0"><error message="collection failure">'
            "Traceback:\ntests/test_a.py:1: in &lt;module&gt;\n    from pkg import f\n"
            "E   ModuleNotFoundError: No module named 'pkg'</error></testcase>",
            ("errors", 0.0, "ModuleNotFoundError: No module named 'pkg'"),
            id="error-keeps-its-exception-line",
        ),
        pytest.param(
            '<testcase classname="t" name="a" time="0"><error message="collection failure">'
            "no E line</error></testcase>",
            ("errors", 0.0, "collection failure"),
            id="error-without-exception-line-keeps-its-message",
        ),
        pytest.param(
            '<testcase classname="t" name="a"><skipped/></testcase>',
            ("skipped", 0.0),
            id="skipped-no-time",
        ),
    ],
)
def test_junit_outcomes(tmp_path: Path, xml: str, expected: tuple[str, float, str]) -> None:
    path = tmp_path / "junit.xml"
    path.write_text(f"<testsuites><testsuite>{xml}</testsuite></testsuites>", encoding="utf-8")
    assert parse_junit(str(path)) == {"t::a": CaseResult(*expected)}
    assert parse_junit(str(path) + ".missing") is None


@pytest.mark.parametrize(
    ("files", "classname", "expected"),
    [
        pytest.param(["tests/test_x.py"], "tests.test_x", "tests/test_x.py::t", id="module"),
        pytest.param(
            ["tests/test_x.py"], "tests.test_x.TestY", "tests/test_x.py::TestY::t", id="class"
        ),
        pytest.param([], "tests.test_x", "tests.test_x::t", id="file-not-found"),
    ],
)
def test_test_ids_are_pytest_node_ids(
    tmp_path: Path, files: list[str], classname: str, expected: str
) -> None:
    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", encoding="utf-8")
    assert node_id(classname, "t", str(tmp_path)) == expected


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
