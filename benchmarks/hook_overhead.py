"""What the `adopt-fast-lint` hook costs over bare `ruff check` with the same configuration.

Fetches a large real tree (Django's sdist from PyPI, pinned), warms Ruff's cache, then times the
hook and bare Ruff interleaved in one run (ABBA order per round, so drift hits both alike), on the
whole tree and on one file. Prints the median ratio with a 95% bootstrap interval and the
milliseconds added. Targets (issue: foundation): <= 1.05x on the tree, <= 1.3x on one file; the
one-file figure has a floor of one Python interpreter start, which is printed too.

    .venv/bin/python benchmarks/hook_overhead.py [--rounds 15] [--one-file-rounds 40]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tarfile
import time
from pathlib import Path

from adopt_fast.ruff import find_ruff_bin, profile_path

SDIST = ("Django", "5.1.4")
CACHE = Path(__file__).resolve().parent.parent / ".bench"
BIN = Path(sys.executable).parent


def fetch_tree() -> Path:
    name, version = SDIST
    tree = CACHE / f"{name}-{version}"
    if tree.is_dir():
        return tree
    CACHE.mkdir(exist_ok=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "-q",
            "--no-deps",
            "--no-binary",
            ":all:",
            f"{name}=={version}",
            "-d",
            str(CACHE),
        ],
        check=True,
    )
    archive = next(CACHE.glob(f"{name}-{version}.tar.gz"))
    with tarfile.open(archive) as tar:
        tar.extractall(CACHE, filter="data")
    return tree


def time_once(argv: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=False, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def interleaved(a: list[str], b: list[str], cwd: Path, rounds: int) -> tuple[list[float], ...]:
    for argv in (a, b):  # warm-up: fills Ruff's cache and the OS file cache
        time_once(argv, cwd)
    times_a, times_b = [], []
    for i in range(rounds):
        pair = [(a, times_a), (b, times_b)]
        for argv, sink in pair if i % 2 == 0 else pair[::-1]:
            sink.append(time_once(argv, cwd))
    return times_a, times_b


def bootstrap_ci(ratios: list[float], n: int = 5000, seed: int = 1) -> tuple[float, float]:
    rng = random.Random(seed)
    medians = sorted(statistics.median(rng.choices(ratios, k=len(ratios))) for _ in range(n))
    return medians[int(0.025 * n)], medians[int(0.975 * n) - 1]


def report(label: str, hook: list[float], bare: list[float], target: float) -> None:
    ratios = [h / b for h, b in zip(hook, bare, strict=True)]
    ratio = statistics.median(ratios)
    lo, hi = bootstrap_ci(ratios)
    added = (statistics.median(hook) - statistics.median(bare)) * 1000
    verdict = "met" if hi <= target else ("not met" if lo > target else "inconclusive")
    print(
        f"{label}: hook {statistics.median(hook) * 1000:.1f} ms, bare ruff "
        f"{statistics.median(bare) * 1000:.1f} ms (medians of {len(ratios)}); "
        f"ratio {ratio:.3f}x (95% CI {lo:.3f}-{hi:.3f}), {added:+.1f} ms; "
        f"target <= {target}x: {verdict}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--one-file-rounds", type=int, default=40)
    args = parser.parse_args()
    tree = fetch_tree()
    files = sorted(str(p.relative_to(tree)) for p in tree.rglob("*.py"))
    hook = [str(BIN / "adopt-fast-lint")]
    bare = [
        find_ruff_bin(),
        "check",
        "--force-exclude",
        "--config",
        profile_path("recommended"),
        "--cache-dir",
        str(tree / ".ruff_cache"),
    ]
    print(f"tree: {tree.name}, {len(files)} Python files; Ruff config: bundled recommended")
    report("large tree", *interleaved(hook + files, bare + files, tree, args.rounds), 1.05)
    one = ["django/__init__.py"]
    report("one file", *interleaved(hook + one, bare + one, tree, args.one_file_rounds), 1.3)
    python = interleaved(
        [sys.executable, "-c", "pass"],
        [sys.executable, "-S", "-c", "pass"],
        tree,
        args.one_file_rounds,
    )[0]
    print(
        f"floor: a bare `python -c pass` here takes {statistics.median(python) * 1000:.1f} ms; "
        "any Python entry point costs at least that over the Ruff binary alone."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
