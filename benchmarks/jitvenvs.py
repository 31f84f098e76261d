"""Python 3.10 environments for the JIT benchmarks, built with uv into .bench/ and reused.

- `shim`: adopt-fast[pyston] installed from this checkout, non-editable (the .pth shim + autoload);
- `autoload`: pyston-lite-autoload alone, as a user has it without adopt-fast.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from adopt_fast.interpreters import find

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".bench" / "jit"


def _uv(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "uv", *args], check=True, capture_output=True)


def python310() -> str:
    found = find("3.10")
    if found is None:
        sys.exit("needs a working CPython 3.10 (pyston-lite runs on 3.7-3.10 only)")
    return found.path


def build(fresh: bool = True) -> dict[str, Path]:
    """{"shim": python, "autoload": python}; the shim venv is rebuilt to test this checkout."""
    interpreter = python310()
    pythons = {}
    for name, requirement in (
        ("shim", f"adopt-fast[pyston] @ {ROOT.as_uri()}"),
        ("autoload", "pyston-lite-autoload==2.3.5"),
    ):
        venv = CACHE / name
        python = venv / "bin" / "python"
        if fresh or not python.exists():
            _uv("venv", "--quiet", "--clear", "--python", interpreter, str(venv))
            # Compiled as pip does by default: uv does not, and a .pyc-less start-up is not a user's.
            _uv(
                "pip",
                "install",
                "--quiet",
                "--reinstall",
                "--compile-bytecode",
                "--python",
                str(python),
                requirement,
            )
        pythons[name] = python
    return pythons
