"""Does `ADOPT_FAST_JIT=pyston` make CPU-bound Python faster? The measurable half of the proof.

The other half, that frames run through pyston-lite's evaluator, is checked by the tests
(probe.jit_active). Here a CPU-bound workload runs in fresh CPython 3.10 processes with the JIT
on and off, interleaved (ABBA order per round); each process times only the workload, after a
warm-up call, and reports whether the JIT was active. Prints the median speedup (off time / on
time, > 1 means the JIT is faster) with its order-statistic interval (adopt_fast.stats).

    .venv/bin/python benchmarks/jit_effect.py [--rounds 12] [--reuse]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
from functools import partial
from pathlib import Path

import jitvenvs
from _common import interleaved
from adopt_fast.stats import speedup

WORKLOAD = """
import json, time
from adopt_fast.jit import probe

def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

def spectral(n):
    def a(i, j):
        return 1.0 / ((i + j) * (i + j + 1) / 2 + i + 1)
    u = [1.0] * n
    for _ in range(5):
        v = [sum(a(i, j) * u[j] for j in range(n)) for i in range(n)]
        u = [sum(a(j, i) * v[j] for j in range(n)) for i in range(n)]
    return sum(u)

def workload():
    return fib(27), spectral(200)

workload()
start = time.perf_counter()
workload()
print(json.dumps({"seconds": time.perf_counter() - start, "active": probe.jit_active()}))
"""


def one_run(python: Path, mode: str) -> float:
    """Seconds of the workload, after checking that the JIT was on exactly when asked for."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISABLE_PYSTON",)}
    env["ADOPT_FAST_JIT"] = mode
    done = subprocess.run(
        [str(python), "-c", WORKLOAD], env=env, capture_output=True, text=True, check=True
    )
    result = json.loads(done.stdout)
    if result["active"] != (mode == "pyston"):
        raise SystemExit(f"JIT active={result['active']} in a {mode} run: the switch is broken")
    return float(result["seconds"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=12)
    parser.add_argument("--reuse", action="store_true", help="reuse .bench/jit venvs as built")
    args = parser.parse_args()
    python = jitvenvs.build(fresh=not args.reuse)["shim"]
    off, pyston = interleaved(
        partial(one_run, python, "off"),
        partial(one_run, python, "pyston"),
        args.rounds,
        warmup=False,
    )
    times = {"off": off, "pyston": pyston}
    result = speedup(times["off"], times["pyston"])
    for mode, samples in times.items():
        print(
            f"{mode:>7}: median {statistics.median(samples) * 1000:7.1f} ms "
            f"(min {min(samples) * 1000:.1f}, max {max(samples) * 1000:.1f}), {len(samples)} runs"
        )
    low, high = result.ci
    verdict = "significant" if result.significant else "NOT significant"
    print(
        f"speedup with the JIT: {result.median:.3f}x ({result.ci_label} {low:.3f}-{high:.3f}), {verdict}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
