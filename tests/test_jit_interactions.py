"""Known interactions, measured: each runs with the JIT on and off and must give the same results.

Findings (pyston-lite 2.3.5, CPython 3.10): tracing falls back to the interpreter, so
sys.settrace and coverage.py see every line, also in functions the JIT compiled before tracing
started; -X dev and compiled extensions work. Nothing needs refusing; these tests keep it so.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from venvs import Venv

pytestmark = pytest.mark.slow

HOT_CODE = """
def work(n):
    total = 0
    for i in range(n):
        if i % 3 == 0:
            total += i
        elif i % 7 == 0:
            total -= 2
        else:
            total -= 1
    return total

def gen(n):
    for i in range(n):
        yield i * 2

def never():
    return 1
"""

# Traces a function the JIT has already compiled (hot), and starts tracing in the middle of a
# running frame, as coverage and debuggers do.
SETTRACE = (
    HOT_CODE
    + """
import sys
from adopt_fast.jit import probe
for _ in range(30000):
    work(10); sum(gen(5))
events = []
def tracer(frame, event, arg):
    if frame.f_code.co_name in ("work", "gen", "loop"):
        events.append((frame.f_code.co_name, event, frame.f_lineno))
    return tracer
def start():
    sys.settrace(tracer)
    sys._getframe(1).f_trace = tracer
def loop(n, at):
    t = 0
    for i in range(n):
        if i == at:
            start()
        t += work(i) + sum(gen(2))
    return t
for _ in range(3000):
    loop(5, -1)
loop(4, 1)
sys.settrace(None)
print("jit", probe.jit_active())
print(events)
"""
)

# coverage.py started after the code is hot, then measuring it (plus the hooks' own import time).
COVERAGE = (
    HOT_CODE
    + """
import coverage
from adopt_fast.jit import probe
for _ in range(30000):
    work(5)
cov = coverage.Coverage(branch=True, data_file=None, include=[__file__])
cov.start()
print(work(40), sum(gen(3)))
cov.stop()
data = cov.get_data()
print("jit", probe.jit_active())
print(sorted(data.lines(__file__)), sorted(data.arcs(__file__)))
"""
)

DEV_MODE = (
    HOT_CODE
    + """
import sys, warnings
from adopt_fast.jit import probe
print("dev", sys.flags.dev_mode, "jit", probe.jit_active())
for _ in range(30000):
    work(5)
open(__file__).close()
def leak():
    open(__file__)  # ResourceWarning, shown only in dev mode
leak()
import gc; gc.collect()
print(work(100))
"""
)

C_EXTENSIONS = """
import json, msgpack, yaml, coverage.tracer
from adopt_fast.jit import probe
doc = {"a": [1, 2.5, "x", None, True], "b": {"c": list(range(50))}}
for _ in range(2000):
    packed = msgpack.packb(doc)
    back = msgpack.unpackb(packed)
    text = yaml.dump(doc, Dumper=yaml.CSafeDumper)
    loaded = yaml.load(text, Loader=yaml.CSafeLoader)
print("jit", probe.jit_active())
print(back == doc == loaded, len(packed), json.dumps(loaded, sort_keys=True))
"""


def run_both(
    venv: Venv, tmp_path: Path, code: str, *python_args: str
) -> dict[str, tuple[list[str], str, int]]:
    """Run `code` as a file with the JIT off and on: {mode: (stdout lines, stderr, exit code)}."""
    script = tmp_path / "interaction.py"
    script.write_text(code, encoding="utf-8")
    results = {}
    for mode in ("off", "pyston"):
        done = venv.run(*python_args, str(script), env=dict(os.environ, ADOPT_FAST_JIT=mode))
        results[mode] = (done.stdout.splitlines(), done.stderr, done.returncode)
    return results


def assert_same_results(results: dict[str, tuple[list[str], str, int]]) -> None:
    (off_out, off_err, off_code), (on_out, on_err, on_code) = results["off"], results["pyston"]
    assert off_code == on_code == 0, (off_err, on_err)
    assert [line for line in off_out if "jit" in line] == ["jit False"]
    assert [line for line in on_out if "jit" in line] == ["jit True"], on_err
    assert [line for line in off_out if "jit" not in line] == [
        line for line in on_out if "jit" not in line
    ]
    assert on_err == off_err


@pytest.mark.parametrize(
    "code",
    [
        pytest.param(SETTRACE, id="settrace"),
        pytest.param(COVERAGE, id="coverage-api"),
        pytest.param(C_EXTENSIONS, id="c-extensions"),
    ],
)
def test_same_results_with_and_without_the_jit(
    py310_pyston_venv: Venv, tmp_path: Path, code: str
) -> None:
    results = run_both(py310_pyston_venv, tmp_path, code)
    assert_same_results(results)
    assert len(results["pyston"][0][-1]) > 100  # the traced events / measured lines are there


def test_dev_mode(py310_pyston_venv: Venv, tmp_path: Path) -> None:
    results = run_both(py310_pyston_venv, tmp_path, DEV_MODE, "-X", "dev")
    off_out, on_out = results["off"][0], results["pyston"][0]
    assert (off_out[0], on_out[0]) == ("dev True jit False", "dev True jit True")
    assert off_out[1:] == on_out[1:]
    assert "ResourceWarning: unclosed file" in results["pyston"][1]
    assert results["pyston"][1] == results["off"][1]


def test_coverage_run_command_measures_the_same(py310_pyston_venv: Venv, tmp_path: Path) -> None:
    """`coverage run` (its C tracer) over a hot module: the same report with the JIT on and off."""
    (tmp_path / "hot.py").write_text(
        HOT_CODE + "for _ in range(30000):\n    work(5)\n"
        "print(work(50), sum(gen(4)))\n"
        "from adopt_fast.jit import probe\n"
        "print('jit', probe.jit_active())\n",
        encoding="utf-8",
    )
    reports = {}
    for mode in ("off", "pyston"):
        env = dict(os.environ, ADOPT_FAST_JIT=mode)
        data = f"--data-file={tmp_path / ('.coverage-' + mode)}"
        ran = py310_pyston_venv.run(
            "-m", "coverage", "run", "--branch", data, "hot.py", cwd=tmp_path, env=env
        )
        assert ran.returncode == 0, ran.stderr
        assert ran.stdout.endswith(f"jit {mode == 'pyston'}\n"), ran.stdout
        out = tmp_path / f"{mode}.json"
        py310_pyston_venv.run("-m", "coverage", "json", data, "-o", str(out), cwd=tmp_path, env=env)
        files = json.loads(out.read_text())["files"]["hot.py"]
        reports[mode] = {
            k: files[k]
            for k in ("executed_lines", "missing_lines", "executed_branches", "missing_branches")
        }
    assert reports["pyston"] == reports["off"]
    assert reports["off"]["missing_lines"] == [18]  # never()'s body, and nothing else
