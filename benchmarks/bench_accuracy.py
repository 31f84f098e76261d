"""Does `adopt-fast bench` measure what an independent stopwatch measures?

Runs `adopt-fast bench` on the demo project (JIT off vs on, same interpreter), then times the
same two commands independently: interleaved, with nothing but `subprocess` and
`time.perf_counter` (and its own few-line bootstrap, not adopt_fast.stats). The check:
bench's median speedup lies inside the independent 95% interval, and the independent median
lies inside bench's 95% CI, and the two medians are within 3% of each other. Prints both
measurements, their interval widths and round counts, and the load average, and exits 1 when a
check fails. Under MIN_ROUNDS rounds (on either side) the intervals are
too loose for the check to say anything: it is reported inconclusive and the exit code is 1.

Needs an interpreter where Pyston-lite runs (CPython 3.10 with adopt-fast[pyston] and pytest):

    .venv310/bin/python benchmarks/bench_accuracy.py [--runs 8] [--project examples/demo-project]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from adopt_fast.jit_switch import child_env

ROOT = Path(__file__).resolve().parent.parent
# Fewer rounds make both intervals so wide that the two-way check passes whatever was measured.
MIN_ROUNDS = 6
# The two medians may differ by at most this much.
MAX_MEDIAN_GAP = 0.03
PYTEST = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]


def run_bench(project: Path, runs: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "bench.json"
        done = subprocess.run(
            [sys.executable, "-m", "adopt_fast", "bench", "--runs", str(runs), "--json", str(out)],
            cwd=project,
            check=False,
        )
        if done.returncode not in (0, 1) or not out.exists():
            sys.exit(f"adopt-fast bench failed (exit {done.returncode})")
        data: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    return data


def time_once(env: dict[str, str], project: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        PYTEST,
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return time.perf_counter() - start


def independent(project: Path, runs: int) -> list[float]:
    """Paired ratios off/on, interleaved, one warm-up pair first."""
    off, on = child_env("off"), child_env("pyston")
    ratios = []
    time_once(off, project)
    time_once(on, project)
    for i in range(runs):
        if i % 2:
            b = time_once(on, project)
            a = time_once(off, project)
        else:
            a = time_once(off, project)
            b = time_once(on, project)
        ratios.append(a / b)
    return ratios


def interval(ratios: list[float], resamples: int = 10_000) -> tuple[float, float]:
    rng = random.Random(1)
    medians = sorted(
        statistics.median(rng.choices(ratios, k=len(ratios))) for _ in range(resamples)
    )
    return medians[int(0.025 * resamples)], medians[int(0.975 * resamples) - 1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=8)
    parser.add_argument("--project", type=Path, default=ROOT / "examples" / "demo-project")
    args = parser.parse_args()
    data = run_bench(args.project, args.runs)
    jit = data["configs"][1]  # type: ignore[index]
    if not jit["available"]:
        sys.exit(
            f"the JIT is unavailable here ({jit['note']}); run this with a Python 3.10 "
            "environment that has adopt-fast[pyston] and pytest"
        )
    (comparison,) = data["comparisons"]  # type: ignore[misc]
    b_median, (b_low, b_high) = comparison["speedup_median"], comparison["ci"]
    ratios = independent(args.project, args.runs)
    i_median = statistics.median(ratios)
    i_low, i_high = interval(ratios)
    b_rounds = int(comparison.get("rounds", args.runs))
    b_coverage = float(comparison.get("ci_coverage", 0.95))  # below 6 rounds: not 95%
    print(
        f"adopt-fast bench : {b_median:.3f}x  {b_coverage:.0%} CI {b_low:.3f}-{b_high:.3f} "
        f"(width {b_high - b_low:.3f})  ({b_rounds} rounds)"
    )
    print(
        f"independent      : {i_median:.3f}x  95% CI {i_low:.3f}-{i_high:.3f} "
        f"(width {i_high - i_low:.3f})  ({len(ratios)} rounds, perf_counter + subprocess)"
    )
    bench_in_indep = i_low <= b_median <= i_high
    indep_in_bench = b_low <= i_median <= b_high
    print(f"bench median inside the independent interval: {'yes' if bench_in_indep else 'NO'}")
    print(f"independent median inside bench's interval : {'yes' if indep_in_bench else 'NO'}")
    gap = abs(b_median - i_median) / i_median
    print(f"difference of medians: {gap:.1%} (at most {MAX_MEDIAN_GAP:.0%})")
    meta = data.get("metadata") or {}
    print(
        f"load average at start / end: {meta.get('load_start')} / {meta.get('load_end')} "
        f"on {meta.get('cores')} cores ({meta.get('cpu_model')})"
    )
    if min(b_rounds, len(ratios)) < MIN_ROUNDS:
        print(
            f"two-way check: inconclusive (under {MIN_ROUNDS} rounds neither interval means "
            "enough for agreement or disagreement to count; use --runs 8 or more)"
        )
        return 1
    agree = bench_in_indep and indep_in_bench and gap <= MAX_MEDIAN_GAP
    print(f"two-way check: {'passed' if agree else 'FAILED'}")
    return 0 if agree else 1


if __name__ == "__main__":
    raise SystemExit(main())
