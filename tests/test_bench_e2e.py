"""`adopt-fast bench` end to end: real pytest suites, real interpreters, real pyston-lite."""

from __future__ import annotations

import importlib
import json
import os
import statistics
import textwrap
from pathlib import Path

import pytest

from adopt_fast.interpreters import find
from testing import require, run, script
from venvs import Venv

pytestmark = pytest.mark.slow

PYPROJECT = """\
[build-system]
requires = ["hatchling>=1.24"]
build-backend = "hatchling.build"

[project]
name = "cpuwork"
version = "0.1"

[project.optional-dependencies]
test = ["pytest>=7"]

[tool.hatch.build.targets.wheel]
packages = ["cpuwork"]

[tool.pytest.ini_options]
pythonpath = ["."]
"""

CPUWORK = """\
def collatz_steps(limit):
    total = 0
    for n in range(1, limit):
        while n != 1:
            n = n // 2 if n % 2 == 0 else 3 * n + 1
            total += 1
    return total
"""

TESTS = """\
import os

import pytest

from cpuwork import collatz_steps


@pytest.mark.parametrize("limit", [3000, 6000, 9000])
def test_collatz(limit):
    assert collatz_steps(limit) > limit
"""

DIVERGES = """
def test_behaves_differently_under_the_jit():
    assert os.environ.get("ADOPT_FAST_JIT") != "pyston"
"""

FAILS = """
def test_always_fails():
    assert collatz_steps(10) == 0
"""


def make_project(root: Path, extra_tests: str = "") -> Path:
    (root / "cpuwork").mkdir(parents=True)
    (root / "tests").mkdir()
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (root / "cpuwork" / "__init__.py").write_text(CPUWORK, encoding="utf-8")
    (root / "tests" / "test_cpu.py").write_text(TESTS + extra_tests, encoding="utf-8")
    return root


def bench(adopt_fast: list[str], project: Path, *args: str) -> tuple[int, str, dict]:
    out = project / "bench.json"
    done = run(*adopt_fast, "bench", "--json", out, *args, cwd=project, check=False)
    assert done.returncode in (0, 1), done.stdout + done.stderr
    return done.returncode, done.stdout, json.loads(out.read_text(encoding="utf-8"))


def venv_cli(venv: Venv) -> list[str]:
    return [venv.python, "-m", "adopt_fast"]


def test_cpu_bound_suite_under_pyston(py310_pyston_venv: Venv, tmp_path: Path) -> None:
    project = make_project(tmp_path / "proj")
    code, text, data = bench(venv_cli(py310_pyston_venv), project, "--runs", "2")
    assert code == 0, text
    assert data["schema_version"] == 2
    base, jit, cinderx = data["configs"]
    assert base["accelerator"] == {"name": "none", "version": None, "active": None}
    assert jit["accelerator"] == {"name": "pyston-lite", "version": "2.3.5", "active": True}
    assert jit["available"] is True
    assert (cinderx["accelerator"]["name"], cinderx["available"]) == ("cinderx", False)
    assert cinderx["note"].startswith("CinderX needs CPython 3.14")
    for config in (base, jit):
        assert len(config["wall_s"]) == len(config["peak_rss_mib"]) == 2
        assert config["outcomes"] == {"passed": 3, "failed": 0, "skipped": 0, "errors": 0}
        assert all(rss > 5 for rss in config["peak_rss_mib"])
    (comparison,) = data["comparisons"]
    assert comparison["outcomes_identical"] is True
    # The figures come from the runs listed: per-round ratios off/on, their median and range.
    ratios = [b / j for b, j in zip(base["wall_s"], jit["wall_s"], strict=True)]
    assert comparison["speedup_median"] == pytest.approx(statistics.median(ratios))
    assert comparison["ci"] == pytest.approx([min(ratios), max(ratios)])
    assert comparison["candidate"] in data["verdict"]
    # Two rounds: the range of two ratios holds the median half the time; no finding.
    assert comparison["ci_coverage"] == pytest.approx(0.5)
    assert comparison["significant"] is False
    assert "50% CI" in text
    assert "95% CI" not in text
    assert "too few rounds to tell; use --runs 6 or more" in data["verdict"]


def test_divergence_under_the_jit_is_flagged(py310_pyston_venv: Venv, tmp_path: Path) -> None:
    project = make_project(tmp_path / "proj", DIVERGES)
    code, text, data = bench(venv_cli(py310_pyston_venv), project, "--runs", "2", "--warmup", "0")
    assert code == 1
    assert text.startswith("OUTCOMES DIFFER")
    assert "test_behaves_differently_under_the_jit" in text.splitlines()[1]
    (comparison,) = data["comparisons"]
    assert comparison["outcomes_identical"] is False
    assert comparison["differing_tests"] == [
        {
            "test": "tests/test_cpu.py::test_behaves_differently_under_the_jit",
            "baseline": "passed",
            "candidate": "failed",
        }
    ]
    assert "no speedup is claimed" in data["verdict"]
    assert "faster (" not in data["verdict"]


def test_failing_suite_is_still_reported_and_flagged(tmp_path: Path) -> None:
    project = make_project(tmp_path / "proj", FAILS)
    code, text, data = bench([script("adopt-fast")], project, "--runs", "2", "--warmup", "0")
    assert code == 1
    base = data["configs"][0]
    assert base["outcomes"] == {"passed": 3, "failed": 1, "skipped": 0, "errors": 0}
    assert base["exit_codes"] == [1, 1]
    assert any("2 of 2 runs did not succeed (1 failed, 0 errors)" in w for w in data["warnings"])
    assert "did not succeed" in text


def test_other_interpreter_gets_its_own_environment(tmp_path: Path) -> None:
    other = find("3.12") or find("3.13")
    require(other, "no working CPython 3.12 or 3.13 (install one, e.g. `uv python install 3.12`)")
    assert other is not None
    project = make_project(tmp_path / "proj")
    code, text, data = bench(
        [script("adopt-fast")], project, "--runs", "2", "--warmup", "0", "--python", other.path
    )
    assert code == 0, text
    names = [c["name"] for c in data["configs"]]
    assert other.label in names
    built = data["configs"][names.index(other.label)]
    assert built["python"].startswith(str(project / ".bench" / "envs"))
    assert built["outcomes"]["passed"] == 3
    assert len(built["wall_s"]) == 2
    assert any(c["candidate"] == other.label for c in data["comparisons"])
    assert (project / ".bench" / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    jit = data["configs"][1]
    if not jit["available"]:  # the interpreter running the tests has no pyston-lite
        assert jit["note"] and "unavailable (" in data["verdict"]


def test_python_310_environment_measures_the_jit_too(tmp_path: Path) -> None:
    py310 = find("3.10")
    require(py310, "no working CPython 3.10 (install one, e.g. `uv python install 3.10`)")
    assert py310 is not None
    project = make_project(tmp_path / "proj")
    code, text, data = bench(
        [script("adopt-fast")], project, "--runs", "2", "--warmup", "0", "--python", py310.path
    )
    assert code == 0, text
    envs = str(project / ".bench" / "envs")
    built = [c for c in data["configs"] if c["python"].startswith(envs)]
    assert [
        (c["accelerator"]["name"], c["available"], c["accelerator"]["active"]) for c in built
    ] == [
        ("none", True, None),
        ("pyston-lite", True, True),
    ]
    assert built[1]["note"].startswith("pyston-lite 2.3.5 enabled")
    assert all(c["outcomes"]["passed"] == 3 for c in built)
    assert [(c["baseline"], c["candidate"]) for c in data["cross_comparisons"]] == [
        (built[1]["name"], built[0]["name"])
    ]


def test_custom_command_runs_verbatim_and_short_runs_are_flagged(tmp_path: Path) -> None:
    project = make_project(tmp_path / "proj")
    code, _, data = bench(
        [script("adopt-fast")],
        project,
        "--runs",
        "3",
        "--warmup",
        "0",
        "--",
        "python",
        "-c",
        "pass",
    )
    assert code == 0
    assert data["command"] == ["python", "-c", "pass"]
    assert data["configs"][0]["outcomes"] is None
    assert any("under ~100 ms start-up dominates" in w for w in data["warnings"])


@pytest.mark.parametrize(
    ("is_step_summary", "kept"),
    [
        pytest.param(True, True, id="step-summary-appended"),
        pytest.param(False, False, id="other-file-replaced"),
    ],
)
def test_markdown_appends_to_the_github_step_summary_only(
    tmp_path: Path, is_step_summary: bool, kept: bool
) -> None:
    target = tmp_path / "summary.md"
    earlier = "## Tests\n\nall passed\n"
    target.write_text(earlier, encoding="utf-8")
    summary = target if is_step_summary else tmp_path / "elsewhere.md"
    done = run(
        *(script("adopt-fast"), "bench", "--runs", "2", "--warmup", "0"),
        *("--markdown", target, "--", "python", "-c", "pass"),
        cwd=tmp_path,
        env={**os.environ, "GITHUB_STEP_SUMMARY": str(summary)},
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    text = target.read_text(encoding="utf-8")
    assert text.startswith(earlier) is kept
    report = text.removeprefix(earlier) if kept else text
    assert report.startswith("## adopt-fast bench\n") and report.count("## adopt-fast bench") == 1


def test_custom_command_without_a_project_installs_nothing_it_does_not_need(
    tmp_path: Path,
) -> None:
    other = find("3.12") or find("3.13")
    require(other, "no working CPython 3.12 or 3.13 (install one, e.g. `uv python install 3.12`)")
    assert other is not None
    folder = tmp_path / "no-project"
    folder.mkdir()
    done = run(
        script("adopt-fast"),
        "bench",
        "--runs",
        "2",
        "--warmup",
        "0",
        "--python",
        other.path,
        "--",
        "python",
        "-c",
        "pass",
        cwd=folder,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "installing pytest" not in done.stderr
    (env,) = (folder / ".bench" / "envs").iterdir()
    assert (env / "bin" / "python").exists()
    assert not (env / "bin" / "pytest").exists()
    assert run(env / "bin" / "python", "-c", "import pytest", check=False).returncode != 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ["--python", "/nonexistent/python"],
            "no working interpreter found",
            id="missing-interpreter",
        ),
        pytest.param(["--runs", "1"], "too few to estimate any uncertainty", id="one-run"),
        pytest.param(["--", "no-such-command-here"], "cannot run it", id="unknown-command"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(
    tmp_path: Path, args: list[str], message: str
) -> None:
    project = make_project(tmp_path / "proj")
    done = run(script("adopt-fast"), "bench", *args, cwd=project, check=False)
    assert done.returncode == 2
    assert done.stderr.startswith("adopt-fast: ")
    assert message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_baseline_without_pytest_stops_early_with_the_fix(tmp_path: Path) -> None:
    project = make_project(tmp_path / "proj")
    python = find("3.12")
    require(python, "no working CPython 3.12")
    assert python is not None
    venv = tmp_path / "bare"
    run(python.path, "-m", "venv", "--without-pip", venv)
    # adopt-fast and its own requirements (pure Python), as an install has them; no pytest.
    deps = tmp_path / "deps"
    deps.mkdir()
    for name in ("yaml", "tomlkit", "packaging", "ruff"):
        (deps / name).symlink_to(Path(importlib.import_module(name).__file__ or "").parent)
    adopt_fast_src = Path(__file__).resolve().parent.parent / "src"
    env_code = textwrap.dedent("""
        import os, sys; sys.path[:0] = sys.argv.pop(1).split(os.pathsep)
        from adopt_fast.cli import main; raise SystemExit(main(sys.argv[1:]))
    """)
    done = run(
        venv / "bin" / "python",
        "-c",
        env_code,
        os.pathsep.join([str(adopt_fast_src), str(deps)]),
        "bench",
        "--runs",
        "2",
        cwd=project,
        check=False,
    )
    assert done.returncode == 2, done.stdout + done.stderr
    assert "could not run the test suite in the warm-up: pytest wrote no test report" in done.stderr
    assert "No module named pytest" in done.stderr


# Each pytest process of a run leaves a line (its JIT mode), so a test can count the runs; a
# conftest is loaded before the test modules, so it counts runs that fail to collect too.
COUNTS_RUNS = """\
import os

with open(os.path.join(os.path.dirname(__file__), os.pardir, "runs.log"), "a") as f:
    f.write(os.environ.get("ADOPT_FAST_JIT", "") + "\\n")
"""

REFUSES_THE_JIT = """
if os.environ.get("ADOPT_FAST_JIT") == "pyston":
    raise RuntimeError("this suite refuses the JIT")
"""


def runs_logged(project: Path) -> list[str]:
    return (project / "runs.log").read_text(encoding="utf-8").splitlines()


def test_baseline_that_cannot_import_the_project_stops_after_the_warm_up(
    py310_pyston_venv: Venv, tmp_path: Path
) -> None:
    # The review's case: a src-layout project that is not installed in the environment bench
    # runs from, so every test module fails to import it.
    project = make_project(tmp_path / "proj")
    (project / "src").mkdir()
    (project / "cpuwork").rename(project / "src" / "cpuwork")
    pyproject = PYPROJECT.replace('["cpuwork"]', '["src/cpuwork"]')
    (project / "pyproject.toml").write_text(
        pyproject.replace('[tool.pytest.ini_options]\npythonpath = ["."]\n', ""), encoding="utf-8"
    )
    (project / "tests" / "conftest.py").write_text(COUNTS_RUNS, encoding="utf-8")
    done = run(*venv_cli(py310_pyston_venv), "bench", cwd=project, check=False)
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stdout == ""  # no table, no verdict
    (line,) = done.stderr.splitlines()
    assert line.startswith(f"adopt-fast: {project}: CPython 3.10.")
    assert (
        " could not run the test suite in the warm-up: 1 error during collection, no test ran; "
        "first error: ModuleNotFoundError: No module named 'cpuwork' (install the project with "
        f"its test dependencies into {py310_pyston_venv.path}: "
        f"`{py310_pyston_venv.python} -m pip install -e '.[test]'`, or run adopt-fast bench "
        "from the environment where the project's tests pass)"
    ) in line
    assert runs_logged(project) == ["off", "pyston"]  # the warm-up only, not 5 rounds


def test_a_candidate_that_cannot_run_the_suite_is_reported_not_measured(
    py310_pyston_venv: Venv, tmp_path: Path
) -> None:
    project = make_project(tmp_path / "proj")
    (project / "tests" / "conftest.py").write_text(COUNTS_RUNS + REFUSES_THE_JIT, encoding="utf-8")
    code, text, data = bench(venv_cli(py310_pyston_venv), project, "--runs", "2")
    assert code == 1, text
    base, jit = data["configs"][:2]
    assert base["suite_problem"] is None and base["outcomes"]["passed"] == 3
    assert jit["suite_problem"] == (
        "pytest wrote no test report (exit 4); first error: RuntimeError: this suite refuses "
        "the JIT"
    )
    assert jit["wall_s"] == [] and data["comparisons"] == []
    assert data["verdict"] == (
        f"{jit['name']}: could not run the test suite ({jit['suite_problem']}), so no speed "
        "is claimed."
    )
    # No speed claim. The warnings (a loaded machine's "noisier and slower", a warm-up that
    # was slower) are no claims: only what is left once they are taken out counts.
    claims = " ".join(text.split())
    for warning in data["warnings"]:
        claims = claims.replace(" ".join(warning.split()), "")
    assert "faster" not in claims and "slower" not in claims, text
    assert any("ADOPT_FAST_JIT=pyston" in w and "-m pytest -x" in w for w in data["warnings"])
    assert sorted(runs_logged(project)) == ["off"] * 3 + ["pyston"]  # dropped after the warm-up
