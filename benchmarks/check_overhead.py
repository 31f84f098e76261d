"""What `adopt-fast check` costs over a bare `ruff check` of the same tree.

Generates a 2,000-file project (20 packages of 100 clean modules of ~140 lines, adopted with `adopt-fast
init`, in a git repository), then times `adopt-fast check` and bare `ruff check` interleaved in
one run (ABBA order per round, so drift hits both alike), with Ruff's cache warm and with no
cache (RUFF_NO_CACHE=true for both, as on a fresh CI checkout). Prints each median ratio with a
95% bootstrap interval and the milliseconds added. Target (issue 3): <= 1.15x.

Then what reading the project's own settings costs (issue 13): `adopt-fast check` of the same
tree with and without a `[tool.adopt-fast]` table, a Ruff pin in a dependency group and a
400-package uv.lock, interleaved; prints the median milliseconds added with a 95% bootstrap
interval. Target: <= 5 ms.

    .venv/bin/python benchmarks/check_overhead.py [--rounds 15] [--files 2000]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import tempfile
import time
from functools import partial
from pathlib import Path

from _common import BIN, bootstrap_ci, interleaved, overhead_line
from adopt_fast.ruff import find_ruff_bin

HEADER = '''"""Module {n}: a clean piece of a generated project."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
'''
BLOCK = '''

@dataclasses.dataclass(frozen=True)
class Record{n}:
    """One record."""

    name: str
    values: tuple[int, ...] = ()

    def total(self) -> int:
        return sum(self.values)

    def to_json(self) -> str:
        return json.dumps({{"name": self.name, "values": list(self.values)}})


def largest_{n}(records: Iterable[Record{n}]) -> Record{n} | None:
    best = None
    for record in records:
        if best is None or record.total() > best.total():
            best = record
    return best


def names_{n}(records: Iterable[Record{n}]) -> list[str]:
    return sorted({{record.name for record in records}})
'''
# About 140 lines a module, near the median module size of real projects such as Django's.
BLOCKS = 5


def module(n: int) -> str:
    return HEADER.format(n=n) + "".join(BLOCK.format(n=f"{n}_{b}") for b in range(BLOCKS))


def make_project(root: Path, files: int) -> None:
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (root / "pyproject.toml").write_text('[project]\nname = "generated"\nversion = "1"\n')
    per_package = 100
    for n in range(files):
        package = root / "src" / f"pkg{n // per_package}"
        package.mkdir(parents=True, exist_ok=True)
        name = "__init__.py" if n % per_package == 0 else f"mod{n}.py"
        (package / name).write_text(module(n))
    init = subprocess.run(
        [str(BIN / "adopt-fast"), "init", str(root)], check=False, stdout=subprocess.DEVNULL
    )
    if init.returncode != 1:  # 1: files changed
        raise SystemExit(f"adopt-fast init exited {init.returncode}")
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run(
        ["git", "-c", "user.name=b", "-c", "user.email=b@b", "commit", "-qm", "g"],
        cwd=root,
        check=True,
    )


def time_once(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system, the process and all its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(
        argv, check=False, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{argv[0]} exited {proc.returncode}: {proc.stderr.decode()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


Samples = list[tuple[float, float]]


def report(label: str, check: Samples, bare: Samples, target: float) -> None:
    """Wall time is what a user waits; CPU time is less disturbed by other load."""
    load = os.getloadavg()[0]
    print(
        f"{label} ({len(check)} interleaved pairs, load average {load:.1f} on "
        f"{os.cpu_count()} CPUs):"
    )
    for index, kind in ((0, "wall"), (1, "cpu ")):
        times = [s[index] for s in check], [s[index] for s in bare]
        print(overhead_line(f"  {kind}", "check", times[0], "bare ruff check", times[1], target))


def measured(
    a: list[str], b: list[str], cwd: Path, rounds: int, env: dict[str, str]
) -> tuple[Samples, Samples]:
    return interleaved(partial(time_once, a, cwd, env), partial(time_once, b, cwd, env), rounds)


SETTINGS = (
    '\n[dependency-groups]\nlint = ["ruff==0.17.5"]\n\n[tool.adopt-fast]\nprofile = "recommended"\n'
    'ignore = { AF005 = "measured" }\n'
)


def uv_lock(packages: int) -> str:
    """A uv.lock of `packages` entries (about 12 lines each, as uv writes them), Ruff among them."""
    names = [f"package-{i}" for i in range(packages - 1)] + ["ruff"]
    return 'version = 1\nrequires-python = ">=3.10"\n' + "".join(
        f'\n[[package]]\nname = "{name}"\nversion = "{"0.17.5" if name == "ruff" else "1.0"}"\n'
        'source = { registry = "https://pypi.org/simple" }\n'
        f'sdist = {{ url = "https://files.example/{name}-1.0.tar.gz", hash = "sha256:{"0" * 64}", '
        "size = 1000 }\nwheels = [\n"
        f'    {{ url = "https://files.example/{name}-1.0-py3-none-any.whl", hash = "sha256:'
        f'{"1" * 64}", size = 1000 }},\n]\n'
        for name in names
    )


def settings_cost(root: Path, rounds: int, env: dict[str, str]) -> None:
    """`check` with the project's settings, pin and lockfile present, against without them."""
    pyproject = root / "pyproject.toml"
    plain = pyproject.read_text()
    lock = uv_lock(400)
    check = [str(BIN / "adopt-fast"), "check", "."]

    def with_settings() -> tuple[float, float]:
        pyproject.write_text(plain + SETTINGS)
        (root / "uv.lock").write_text(lock)
        return time_once(check, root, env)

    def without() -> tuple[float, float]:
        pyproject.write_text(plain)
        (root / "uv.lock").unlink(missing_ok=True)
        return time_once(check, root, env)

    a, b = interleaved(with_settings, without, rounds)
    pyproject.write_text(plain)
    (root / "uv.lock").unlink(missing_ok=True)
    for index, kind in ((0, "wall"), (1, "cpu ")):
        added = sorted((x[index] - y[index]) * 1000 for x, y in zip(a, b, strict=True))
        low, high = bootstrap_ci(added)
        median = added[len(added) // 2]
        verdict = "met" if high <= 5 else ("missed" if low > 5 else "inconclusive")
        print(
            f"  {kind}: [tool.adopt-fast] + a Ruff pin + a 400-package uv.lock add "
            f"{median:+.1f} ms (95% CI {low:+.1f} to {high:+.1f}, {len(added)} pairs); "
            f"target <= +5 ms: {verdict}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--files", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="adopt-fast-check-bench-") as tmp:
        root = Path(tmp) / "project"
        make_project(root, args.files)
        sources = list(root.rglob("*.py"))
        lines = sum(p.read_text().count("\n") for p in sources)
        print(
            f"project: {len(sources)} Python files, {lines} lines, configured by "
            "`adopt-fast init` (recommended)"
        )
        check = [str(BIN / "adopt-fast"), "check", "."]
        bare = [find_ruff_bin(), "check", "."]
        # Bytecode caching on, as in any installed package (this environment may turn it off).
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("RUFF_") and k != "PYTHONDONTWRITEBYTECODE"
        }
        report("warm cache", *measured(check, bare, root, args.rounds, env), 1.15)
        report(
            "no cache",
            *measured(check, bare, root, args.rounds, {**env, "RUFF_NO_CACHE": "true"}),
            1.15,
        )
        print(f"settings and lockfiles, warm cache ({args.rounds} interleaved pairs):")
        settings_cost(root, args.rounds, env)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
