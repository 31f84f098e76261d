"""How the Ruff config edit scales with the size of pyproject.toml: `adopt-fast init --diff`
on files of repeated comment lines (the input that made the old difflib check quadratic:
130 s on 1 MB), and the refusal of a 20 MB file. Prints seconds per size and the ratio of
time to size between the largest and smallest edited file (~1.0 means linear).

    python benchmarks/edit_large_pyproject.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZES_MB = (0.125, 0.25, 0.5, 0.95)


def timed_init(size_mb: float) -> tuple[float, int]:
    lines = int(size_mb * 2**20 / len("# the same comment line\n"))
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "pyproject.toml").write_text(
            '[project]\nname = "x"\n' + "# the same comment line\n" * lines + "\n" * 4000
        )
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "adopt_fast", "init", "--diff", folder],
            capture_output=True,
            check=False,
        )
        return time.perf_counter() - start, done.returncode


def main() -> int:
    per_mb = []
    for size in SIZES_MB:
        seconds, code = timed_init(size)
        per_mb.append(seconds / size)
        print(f"{size:5.2f} MB: {seconds:6.2f} s (exit {code})")
    seconds, code = timed_init(20)
    print(f"20.00 MB: {seconds:6.2f} s (exit {code}: refused, over the 1 MiB edit limit)")
    print(f"seconds per MB, largest / smallest edited file: {per_mb[-1] / per_mb[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
