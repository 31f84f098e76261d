"""How much faster is Ruff than the old chain on real projects? (`adopt-fast migrate`, issue 7)

For each project (by default two pinned PyPI sdists that run flake8 with plugins, isort, black
or pyupgrade), plans the migration without writing anything, installs the old tools at the
versions the project pins in a temporary environment, and times the old chain against
`ruff check` + `ruff format --check` on a copy of the project: interleaved rounds, caches
cleared (cold) and kept (warm), the median of per-round ratios with its order-statistic interval.

Target: Ruff is at least --min-gain times faster (default 10) with warm caches, judged by the
lower bound of the interval, not by the median. Exits 1 when a project misses it.

    .venv/bin/python benchmarks/migrate_gain.py [--rounds 10] [--min-gain 10] [PROJECT ...]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from _common import fetch_sdist
from adopt_fast.migrate.gain import GainReport, measure_project
from adopt_fast.migrate.migration import plan_migration

PINNED = ("flake8-bugbear==24.2.6", "pytest-cov==4.1.0")


def download(specs: tuple[str, ...], folder: Path) -> list[Path]:
    """The unpacked sdists of `specs` (`name==version`) below `folder`."""
    trees = []
    for spec in specs:
        name, version = spec.split("==")
        trees.append(fetch_sdist(name, version, folder))
    return trees


def measure(project: Path, rounds: int) -> GainReport:
    plan = plan_migration(str(project))
    if not plan.project.found_anything:
        sys.exit(f"{project}: nothing to migrate")
    return measure_project(
        str(project),
        plan.project,
        None,
        rounds=rounds,
        planned=plan.changes,
        progress=lambda m: print(f"  {m}", file=sys.stderr, flush=True),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("projects", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--min-gain", type=float, default=10.0)
    args = parser.parse_args()
    failed = False
    with tempfile.TemporaryDirectory(prefix="migrate-gain-") as tmp:
        projects = args.projects or download(PINNED, Path(tmp))
        for project in projects:
            copy = Path(tmp) / "copies" / project.name
            shutil.copytree(project, copy)
            print(f"== {project.name}", flush=True)
            report = measure(copy, args.rounds)
            for line in report.lines():
                print(line)
            warm = next(g for g in report.gains if g.mode == "warm")
            low = warm.speedup.ci[0]
            ok = low >= args.min_gain
            failed |= not ok
            print(
                f"target: warm-cache gain >= {args.min_gain:g}x ({warm.speedup.ci_label} lower bound "
                f"{low:.1f}x): {'PASS' if ok else 'FAIL'}"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
