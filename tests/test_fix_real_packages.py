"""`adopt-fast fix` on real packages from PyPI: every test command of theirs gives the same
results before and after the whole-tree fix, where a naive Ruff fix breaks many of them.

Sixteen small pure-Python sdists at exact versions, with their tests. Between them they hold
every kind of import that looks unused but is not, each seen to break under
`ruff check --select F401 --fix --unsafe-fixes`:
- names other modules import from an ordinary module: compat modules (simplejson, webob), a
  private base module (mock's backports), a parser's errors (pycparser);
- an import under `assertWarns(DeprecationWarning)` (astor);
- names a doctest uses, run by the package's own `doctest.testmod()` script (configobj);
- names a framework reads from the module's globals: PLY's `tokens` (ply's yacc tests);
- test data whose imports the tests read (findimports' sample tree);
plus `__init__.py` re-exports, `except ImportError` probes and plenty of genuinely unused
imports (pyasn1, pystache, and the six packages of the first version of this test).

Each package runs its own commands (pytest, unittest, doctest scripts) on the pristine tree,
on the tree fixed by adopt-fast and on the tree fixed by Ruff alone. Needs the network (skips
offline, fails under CI=true); one shared virtual environment holds the test dependencies,
and the packages run three at a time.
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

PYTEST = ("{python}", "-m", "pytest", "-q", "-p", "no:cacheprovider")


@dataclass(frozen=True)
class Command:
    argv: tuple[str, ...]  # "{python}" stands for the test environment's interpreter
    cwd: str = "."


@dataclass(frozen=True)
class Package:
    name: str
    version: str
    pythonpath: str  # where the importable code is, relative to the sdist root
    commands: tuple[Command, ...]
    # What breaks under a naive fix (the first of these is what this package is here for).
    shows: str = "genuinely unused imports"

    @property
    def spec(self) -> str:
        return f"{self.name}=={self.version}"


def _pytest(*args: str) -> Command:
    return Command((*PYTEST, *args))


PACKAGES = [
    Package("colorama", "0.4.6", ".", (_pytest(),), "__init__.py re-exports"),
    Package("jmespath", "1.0.1", ".", (_pytest(),), "__init__.py re-exports"),
    Package("six", "1.16.0", ".", (_pytest(),), "except ImportError probes"),
    # wcwidth's tox.ini adds coverage options; its tests need none of them.
    Package("wcwidth", "0.2.13", ".", (_pytest("-o", "addopts="),), "__init__.py re-exports"),
    Package("toolz", "0.12.1", ".", (_pytest(),), "except ImportError probes"),
    # dateutil's setup.cfg turns every warning into an error, and pytest >= 8 warns about its
    # unregistered marks at collection; -W default lets the suite run as it does in its CI.
    Package(
        "python-dateutil",
        "2.9.0.post0",
        "src",
        (_pytest("tests", "-W", "default"),),
        "functions that exist to import, locals()",
    ),
    # ply's own test runners are scripts run from test/; yacc reads `tokens` from globals.
    Package(
        "ply",
        "3.11",
        ".",
        tuple(Command(("{python}", f"test{m}.py"), "test") for m in ("lex", "yacc", "cpp")),
        "framework-read globals (PLY's tokens)",
    ),
    Package(
        "configobj",
        "5.0.9",
        "src",
        (
            _pytest("src/tests"),
            Command(("{python}", "src/tests/configobj_doctests.py")),
            Command(("{python}", "src/configobj/validate.py")),  # doctest.testmod()
        ),
        "a name only a doctest uses",
    ),
    Package(
        "simplejson",
        "3.19.3",
        ".",
        (Command(("{python}", "simplejson/tests/__init__.py")), _pytest("simplejson/tests")),
        "a compat module's names",
    ),
    Package(
        "findimports",
        "2.5.0",
        ".",
        (Command(("{python}", "testsuite.py")), _pytest("tests.py")),
        "test data the tests scan",
    ),
    Package(
        "astor",
        "0.8.1",
        ".",
        (
            _pytest(
                "tests",
                # Both fail on CPython 3.11 before any fix (int digits limit, stdlib round trip).
                "--deselect",
                "tests/test_code_gen.py::CodegenTestCase::test_huge_int",
                "--deselect",
                "tests/test_rtrip.py::RtripTestCase::test_convert_stdlib",
            ),
        ),
        "an import under assertWarns",
    ),
    Package(
        "mock",
        "4.0.3",
        ".",
        (
            _pytest("mock/tests"),
            Command(("{python}", "-m", "unittest", "discover", "-s", "mock/tests", "-t", ".")),
        ),
        "a private module's names that siblings import",
    ),
    Package(
        "pycparser",
        "2.22",
        ".",
        (Command(("{python}", "-m", "unittest", "discover")), _pytest("tests")),
        "a name the tests import from a module",
    ),
    Package("webob", "1.8.8", "src", (_pytest("tests"),), "a compat module's names"),
    Package("pyasn1", "0.6.1", ".", (_pytest("tests"),)),
    Package(
        "pystache",
        "0.6.5",
        ".",
        (
            _pytest(".", "--doctest-modules", "--doctest-glob=*.rst", "--doctest-glob=*.py"),
            Command(("{python}", "-m", "pystache.commands.test")),
        ),
    ),
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
_PYTEST_COUNTS = re.compile(r"(\d+) (passed|failed|skipped|xfailed|xpassed|errors?|deselected)\b")
_UNITTEST_RAN = re.compile(r"^Ran (\d+) tests? in", re.MULTILINE)
_UNITTEST_DETAIL = re.compile(r"\b(failures|errors|skipped|expected failures)=(\d+)")
_DOCTEST_FAILED = re.compile(r"\*\*\*Test Failed\*\*\* (\d+) failures?")
_KEPT = re.compile(r": kept `[^`]+` \((.*)\)$", re.MULTILINE)
_REDUNDANT_ALIAS = re.compile(r"\b(\w+) as \1\b")


def outcome(returncode: int, output: str) -> tuple[int, dict[str, int]]:
    """A command's exit code and the counts its test runner printed (pytest, unittest,
    doctest), so that two runs compare test by test count, not only by exit code."""
    counts: Counter[str] = Counter()
    tail = output.strip().splitlines()[-40:]
    for line in tail:
        if re.search(r"\bin [\d.]+s\b", line) and _PYTEST_COUNTS.search(line):
            for n, kind in _PYTEST_COUNTS.findall(line):
                counts[kind.rstrip("s") if kind.startswith("error") else kind] = int(n)
    text = "\n".join(tail)
    for n in _UNITTEST_RAN.findall(text):
        counts["ran"] += int(n)
    for kind, n in _UNITTEST_DETAIL.findall(text):
        counts[kind] += int(n)
    for n in _DOCTEST_FAILED.findall(text):
        counts["doctest failures"] += int(n)
    return returncode, dict(counts)


Outcomes = list[tuple[int, dict[str, int]]]


def run_commands(package: Package, tree: Path, python: Path) -> Outcomes:
    env = {
        **os.environ,
        "PYTHONPATH": str(tree / package.pythonpath),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    results = []
    for command in package.commands:
        argv = [str(python) if a == "{python}" else a for a in command.argv]
        proc = subprocess.run(
            argv,
            cwd=tree / command.cwd,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
        results.append(outcome(proc.returncode, proc.stdout + "\n" + proc.stderr))
    return results


def f401_hits(tree: Path) -> list[str]:
    """Ruff's F401 lines for the tree, with the tree's own configuration (what fix sees)."""
    from adopt_fast.ruff import find_ruff_bin

    proc = subprocess.run(
        [find_ruff_bin(), "check", "--select", "F401", "--no-cache", "--exit-zero"]
        + ["--output-format", "concise", "."],
        cwd=tree,
        capture_output=True,
        text=True,
        check=True,
    )
    return [line for line in proc.stdout.splitlines() if " F401 " in line]


def _aliases(tree: Path) -> int:
    return sum(
        len(_REDUNDANT_ALIAS.findall(p.read_text(encoding="utf-8", errors="replace")))
        for p in tree.rglob("*.py")
    )


@dataclass(frozen=True)
class FixedPackage:
    package: Package
    before: Outcomes
    after: Outcomes
    naive: Outcomes
    fix_code: int
    fix_err: str
    second_fix_code: int
    second_fix_err: str
    hits: list[str]
    hits_after: int
    explicit: int

    @property
    def kept_reasons(self) -> list[str]:
        return _KEPT.findall(self.fix_err)

    @property
    def removed(self) -> int:
        return len(self.hits) - self.hits_after - self.explicit

    @property
    def ordinary_hits(self) -> int:
        return sum("__init__.py" not in line.split(":", 1)[0] for line in self.hits)

    @property
    def naive_breaks(self) -> bool:
        return self.naive != self.before


def _reason_kind(reason: str) -> str:
    for marker, kind in (
        ("imported from here", "imported by another file"),
        ("used as `", "used by another file"),
        ("named as `", "named by another file"),
        ("star-imported", "star-imported"),
        ("pytest fixture", "a fixture"),
        ("doctest", "doctest"),
        ("test data", "test data"),
        ("cannot be found", "module found nowhere"),
        ("inside a `with`", "with block"),
        ("inside a `try`", "try block"),
        ("inside the test", "test function"),
        ("optional-dependency probe", "ImportError probe"),
        ("__init__.py", "__init__.py"),
        ("acts on import", "side effect"),
        ("PLY", "framework"),
        ("pytest reads", "framework"),
        ("Sphinx", "framework"),
        ("does nothing but import", "function that imports"),
        ("dynamically", "dynamic lookup"),
    ):
        if marker in reason:
            return kind
    return reason


def _fix_one(package: Package, root: Path, python: Path) -> FixedPackage:
    """Download, test, fix both ways, test again: one package's whole pipeline, so that
    packages overlap each other's downloads and test runs."""
    spec = package.spec
    pristine = fetch_sdists([spec], root / "pristine", python=python, build_isolation=False)[spec]
    before = run_commands(package, pristine, python)
    tree = root / "fixed" / pristine.name
    shutil.copytree(pristine, tree)
    hits, aliases_before = f401_hits(tree), _aliases(tree)
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
    after = run_commands(package, tree, python)
    naive_tree = root / "naive" / pristine.name
    shutil.copytree(pristine, naive_tree)
    from adopt_fast.ruff import find_ruff_bin

    subprocess.run(
        [find_ruff_bin(), "check", "--isolated", "--select", "F401", "--fix", "--unsafe-fixes"]
        + ["--no-cache", "--exit-zero", "-q", "."],
        cwd=naive_tree,
        capture_output=True,
        check=True,
    )
    naive = run_commands(package, naive_tree, python)
    return FixedPackage(
        package,
        before,
        after,
        naive,
        fix.returncode,
        fix.stderr,
        second.returncode,
        second.stderr,
        hits,
        len(f401_hits(tree)),
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


def _report(result: FixedPackage) -> str:
    kinds = Counter(_reason_kind(r) for r in result.kept_reasons)
    kept = ", ".join(f"{n} {kind}" for kind, n in kinds.most_common()) or "none"
    return (
        f"{result.package.name}: {len(result.hits)} F401 ({result.ordinary_hits} outside "
        f"__init__.py); removed {result.removed}, made explicit {result.explicit}, kept "
        f"{len(result.kept_reasons)} ({kept}); naive Ruff fix "
        f"{'BREAKS' if result.naive_breaks else 'keeps'} its tests"
    )


@pytest.mark.parametrize("name", [p.name for p in PACKAGES])
def test_same_test_results_after_the_fix(
    fixed_packages: dict[str, FixedPackage], name: str
) -> None:
    result = fixed_packages[name]
    print(_report(result))
    assert any(counts for _, counts in result.before), "the commands must run tests before"
    # 2: a file it could not process, reported in one line (webob's docs hold Python 2 code).
    assert result.fix_code in (0, 1, 2) and "internal error" not in result.fix_err, result.fix_err
    assert result.after == result.before, result.fix_err
    # A second fix changes nothing (it still reports the files it cannot parse, exit 2).
    assert result.second_fix_code in (0, 2), result.second_fix_err
    assert "Fixing " not in result.second_fix_err, result.second_fix_err


def test_a_naive_fix_breaks_many_where_adopt_fast_breaks_none(
    fixed_packages: dict[str, FixedPackage],
) -> None:
    results = list(fixed_packages.values())
    for result in results:
        print(_report(result))
    broken_naive = [r.package.name for r in results if r.naive_breaks]
    broken = [r.package.name for r in results if r.after != r.before]
    ordinary = sum(r.ordinary_hits for r in results)
    removed = sum(r.removed for r in results)
    print(
        f"naive Ruff fix broke {len(broken_naive)} of {len(results)} packages "
        f"({', '.join(broken_naive)}); adopt-fast fix broke {len(broken)}; removed {removed} of "
        f"{ordinary} unused imports outside __init__.py ({removed / ordinary:.0%})"
    )
    assert len(broken_naive) >= 4, "the corpus must have teeth"
    assert broken == []
    assert removed > 0


def test_every_kind_of_kept_import_occurs(fixed_packages: dict[str, FixedPackage]) -> None:
    kinds = {_reason_kind(r) for p in fixed_packages.values() for r in p.kept_reasons}
    for kind in (
        "imported by another file",
        "doctest",
        "test data",
        "with block",
        "framework",
        "ImportError probe",
        "function that imports",
        "dynamic lookup",
    ):
        assert kind in kinds, kinds
    assert sum(r.explicit for r in fixed_packages.values()) > 0
