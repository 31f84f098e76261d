"""`adopt-fast fix` on real packages from PyPI: their own test suites give the same results
before and after the fix.

Six small pure-Python sdists at exact versions, chosen because they ship their tests and have
unused imports of every kind: `__init__.py` re-exports (colorama, toolz, jmespath, wcwidth,
python-dateutil), `except ImportError` probes (six, toolz, python-dateutil), plain unused
imports, and python-dateutil's tests/test_imports.py, whose functions exist to import and read
`locals()`. The whole sdist is fixed, tests included. Needs the network (skips offline, fails
under CI=true); one shared virtual environment holds the test dependencies, and the packages
run two at a time.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from testing import fetch_sdists, require, script

pytestmark = [pytest.mark.network, pytest.mark.slow]


@dataclass(frozen=True)
class Package:
    name: str
    version: str
    pythonpath: str  # where the importable code is, relative to the sdist root
    pytest_args: tuple[str, ...] = ()

    @property
    def sdist_folder(self) -> str:
        return f"{self.name}-{self.version}"


PACKAGES = [
    Package("colorama", "0.4.6", "."),
    Package("jmespath", "1.0.1", "."),
    Package("six", "1.16.0", "."),
    # wcwidth's tox.ini adds coverage options; its tests need none of them.
    Package("wcwidth", "0.2.13", ".", ("-o", "addopts=")),
    Package("toolz", "0.12.1", "."),
    # dateutil's setup.cfg turns every warning into an error, and pytest >= 8 warns about its
    # unregistered marks at collection; -W default lets the suite run as it does in its CI.
    Package("python-dateutil", "2.9.0.post0", "src", ("tests", "-W", "default")),
]
TEST_REQUIREMENTS = ["pytest==9.2.0", "six==1.17.0", "freezegun==1.5.5", "hypothesis==6.170.17"]
# `pip download` of an sdist prepares its metadata; with the build backends installed once,
# it need not build an isolated environment per package (three times faster).
BUILD_BACKENDS = [
    "setuptools==84.2.1",
    "wheel==0.48.0",
    "hatchling==1.33.0",
    "setuptools-scm==10.3.4",
]
_OUTCOME = re.compile(r"(\d+) (passed|failed|skipped|xfailed|xpassed|errors?|deselected)\b")
_REDUNDANT_ALIAS = re.compile(r"\b(\w+) as \1\b")


@dataclass(frozen=True)
class FixedPackage:
    package: Package
    before: Counter[str]
    after: Counter[str]
    fix_code: int
    fix_err: str
    second_fix_code: int
    unused_before: int
    unused_after: int
    explicit: int

    @property
    def kept(self) -> int:
        return self.fix_err.count(": kept `")

    @property
    def removed(self) -> int:
        return self.unused_before - self.unused_after - self.explicit


def _run_suite(package: Package, tree: Path, python: Path) -> tuple[Counter[str], str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(tree / package.pythonpath),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    proc = subprocess.run(
        [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", *package.pytest_args],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    summary = (proc.stdout.strip().splitlines() or [""])[-1]
    counts = Counter(
        {
            kind.rstrip("s") if kind.startswith("error") else kind: int(n)
            for n, kind in _OUTCOME.findall(summary)
        }
    )
    return counts, proc.stdout[-3000:]


def _unused_imports(tree: Path) -> int:
    from adopt_fast.ruff import find_ruff_bin

    proc = subprocess.run(
        [
            find_ruff_bin(),
            "check",
            "--select",
            "F401",
            "--no-cache",
            "--exit-zero",
            "--output-format",
            "concise",
            ".",
        ],
        cwd=tree,
        capture_output=True,
        text=True,
        check=True,
    )
    return sum(" F401 " in line for line in proc.stdout.splitlines())


def _aliases(tree: Path) -> int:
    return sum(
        len(_REDUNDANT_ALIAS.findall(p.read_text(encoding="utf-8", errors="replace")))
        for p in tree.rglob("*.py")
    )


def _fix_one(package: Package, root: Path, python: Path) -> FixedPackage:
    """Download, test, fix, test again: one package's whole pipeline, so that packages
    overlap each other's downloads and test runs."""
    spec = f"{package.name}=={package.version}"
    pristine = fetch_sdists([spec], root / "pristine", python=python, build_isolation=False)[spec]
    before, _ = _run_suite(package, pristine, python)
    tree = root / "fixed" / package.sdist_folder
    shutil.copytree(pristine, tree)
    unused_before, aliases_before = _unused_imports(tree), _aliases(tree)
    fix = subprocess.run(
        [script("adopt-fast"), "fix", "--show-kept", "."],
        cwd=tree,
        capture_output=True,
        text=True,
        check=False,
    )
    second = subprocess.run(
        [script("adopt-fast"), "fix", "."], cwd=tree, capture_output=True, text=True, check=False
    )
    after, _ = _run_suite(package, tree, python)
    return FixedPackage(
        package,
        before,
        after,
        fix.returncode,
        fix.stderr,
        second.returncode,
        unused_before,
        _unused_imports(tree),
        _aliases(tree) - aliases_before,
    )


@pytest.fixture(scope="session")
def fixed_packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, FixedPackage]:
    root = tmp_path_factory.mktemp("real-packages")
    uv = script("uv")
    venv = root / "venv"
    subprocess.run(
        [uv, "venv", "-q", "--seed", "-p", sys.executable, str(venv)],
        check=True,
        capture_output=True,
    )
    python = venv / "bin" / "python"
    install = subprocess.run(
        [uv, "pip", "install", "-q", "-p", str(python), *TEST_REQUIREMENTS, *BUILD_BACKENDS],
        check=False,
        capture_output=True,
        text=True,
    )
    require(install.returncode == 0, f"cannot install the test requirements: {install.stderr}")
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = pool.map(lambda p: _fix_one(p, root, python), PACKAGES)
        return {r.package.name: r for r in results}


@pytest.mark.parametrize("name", [p.name for p in PACKAGES])
def test_same_test_results_after_the_fix(
    fixed_packages: dict[str, FixedPackage], name: str
) -> None:
    result = fixed_packages[name]
    print(
        f"{name}: {result.unused_before} unused imports reported; removed {result.removed}, "
        f"made explicit {result.explicit}, kept {result.kept}; tests {dict(result.before)}"
    )
    assert result.before["passed"] > 0, "the suite must run before the fix"
    assert result.fix_code == 1, result.fix_err
    assert result.removed + result.explicit > 0
    assert result.after == result.before, result.fix_err
    assert result.second_fix_code == 0, "a second fix changes nothing"


def test_every_kind_of_kept_import_occurs(fixed_packages: dict[str, FixedPackage]) -> None:
    kept = "".join(r.fix_err for r in fixed_packages.values())
    assert "optional-dependency probe" in kept
    assert "its function does nothing but import" in kept
    assert "looks names up dynamically" in kept
    assert sum(r.explicit for r in fixed_packages.values()) > 0
