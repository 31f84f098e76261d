"""The fix-imports hook's launcher (pre_commit_hooks/adopt-fast-fix-imports, a shell script):
it starts Ruff beside the Python half and passes it Ruff's report. Every case is run twice, in
two copies of one git repository: through the launcher, and by the Python half alone (the
hook before the launcher existed, and on Windows). Exit code, output and files must agree."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from adopt_fast.imports.ruff_f401 import _FEW_FILES, _command, _parsed, may_need_fixing
from adopt_fast.ruff import find_ruff_bin
from testing import ROOT, git_repo, run, script, snapshot

pytestmark = pytest.mark.skipif(os.name == "nt", reason="the launcher is a POSIX shell script")

LAUNCHER = ROOT / "pre_commit_hooks" / "adopt-fast-fix-imports"
HALF = "adopt-fast-fix-imports-py"
FILES = {
    "pkg/__init__.py": "from .core import run\n",
    "pkg/core.py": "import os\nimport textwrap\n\n\ndef run():\n    return os.sep\n",
    "pkg/clean.py": "import os\n\nprint(os.sep)\n",
    "pkg/uses.py": "from pkg.compat import quote\n",
    "pkg/compat.py": "from shlex import quote\nimport json\n",
    "pkg/other.py": "def f():\n    x = 1\n",  # F841 only: a finding the fix does not act on
}


@pytest.fixture
def launcher(tmp_path: Path) -> Path:
    """The launcher from this checkout, in a folder with the two programs it finds beside
    itself (as in the environment pre-commit makes)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shutil.copy2(LAUNCHER, bin_dir / LAUNCHER.name)
    (bin_dir / HALF).symlink_to(script(HALF))
    (bin_dir / "ruff").symlink_to(find_ruff_bin())
    return bin_dir / LAUNCHER.name


def both(tmp_path: Path, launcher: Path, args: list[str], files: dict[str, str] | None = None):
    """(launcher's exit, output, files after), (the Python half's), each in its own copy."""
    results = []
    for name, program in (("launched", str(launcher)), ("alone", script(HALF))):
        repo = git_repo(tmp_path / name, files or FILES)
        proc = run(program, *args, cwd=repo, check=False, timeout=120)
        tree = {k: v for k, v in snapshot(repo).items() if not k.startswith(".git/")}
        results.append((proc.returncode, proc.stdout + proc.stderr, tree))
    return results


def test_the_launcher_runs_the_ruff_command_the_python_half_would() -> None:
    text = LAUNCHER.read_text(encoding="utf-8").replace("\\\n", " ")
    line = next(ln for ln in text.splitlines() if '"$ruff" check' in ln)
    shown = line.split('"$ruff"', 1)[1].split(' -- "$@"', 1)[0].split()
    assert shown == _command(force_exclude=True)[1:]
    # The same "few files" as ruff_f401.check_paths, plus the two options.
    assert f"[ $# -gt {_FEW_FILES} ]" in text and f"[ $# -gt {_FEW_FILES + 2} ]" in text
    # Ruff in the environment is the one beside the interpreter, where the launcher looks.
    assert Path(find_ruff_bin()).parent == Path(sys.executable).parent


@pytest.mark.parametrize(
    "args",
    [
        ["pkg/__init__.py", "pkg/core.py", "pkg/clean.py", "pkg/uses.py", "pkg/compat.py"],
        ["--show-kept", "pkg/core.py", "pkg/compat.py"],
        ["pkg/compat.py", "--unsafe"],
        ["pkg/clean.py"],
        ["pkg"],  # a folder: the Python half alone
        ["--show-kept", "pkg", "--unsafe"],
        ["--bogus", "pkg/core.py"],
        ["-", "pkg/core.py"],
        ["pkg/missing.py"],
        [],
    ],
    ids=[
        "commit",
        "show-kept",
        "unsafe",
        "nothing-to-fix",
        "folder",
        "folder-options",
        "bad-option",
        "dash",
        "missing",
        "no-files",
    ],
)
def test_the_launcher_gives_what_the_python_half_gives(
    tmp_path: Path, launcher: Path, args: list[str]
) -> None:
    launched, alone = both(tmp_path, launcher, args)
    assert launched[0] == alone[0], (launched[1], alone[1])
    assert launched[1].replace(str(tmp_path / "launched"), "R") == alone[1].replace(
        str(tmp_path / "alone"), "R"
    )
    assert launched[2] == alone[2]


@pytest.mark.parametrize(
    ("options", "file", "allowed"),
    [
        ([], "pkg/clean.py", set()),
        (["--show-kept"], "pkg/clean.py", set()),
        (["--unsafe", "--show-kept"], "pkg/clean.py", set()),
        # Another rule's finding only: the report is scanned, not parsed.
        ([], "pkg/other.py", {"adopt_fast.imports", "adopt_fast.imports.ruff_f401"}),
    ],
)
def test_nothing_to_fix_is_settled_without_the_fix_engine(
    tmp_path: Path, launcher: Path, options: list[str], file: str, allowed: set[str]
) -> None:
    """The point of the launcher: Ruff's report reaches the Python half, which answers
    before importing the fix when the report has nothing for it (and without running Ruff
    again)."""
    repo = git_repo(tmp_path / "repo", FILES)
    env = {**os.environ, "PYTHONPROFILEIMPORTTIME": "1"}
    proc = run(launcher, *options, file, cwd=repo, check=False, env=env)
    assert proc.returncode == 0 and "import time:" in proc.stderr, proc.stderr
    imported = re.findall(r"\|\s*(\S+)$", proc.stderr, re.MULTILINE)
    assert "pre_commit_hooks.adopt_fast_fix_imports" in imported
    fix = {m for m in imported if m.startswith("adopt_fast.imports")}
    assert fix <= allowed, imported
    assert (repo / file).read_text() == FILES[file]
    # The Python half alone goes as far as Ruff's module.
    proc = run(script(HALF), "pkg/clean.py", cwd=repo, check=False, env=env)
    assert "adopt_fast.imports.ruff_f401" in proc.stderr


def test_a_fix_takes_ruffs_report_from_the_launcher(tmp_path: Path, launcher: Path) -> None:
    """With an import to remove, the report read from standard input is the one acted on."""
    repo = git_repo(tmp_path / "repo", FILES)
    proc = run(launcher, "pkg/core.py", cwd=repo, check=False)
    assert proc.returncode == 1, proc.stderr
    assert (repo / "pkg/core.py").read_text() == "import os\n\n\ndef run():\n    return os.sep\n"
    report = run(*_command(force_exclude=True), "--", "pkg/core.py", cwd=repo).stdout
    code = (
        "import sys; from pre_commit_hooks.adopt_fast_fix_imports import _launcher_report as r; "
        "sys.stdout.write(repr(r()))"
    )
    for given, expected in (
        (f"{report}\n0\n", repr(report.encode())),
        (f"{report}\n2\n", "None"),  # Ruff failed: it runs again, and its error is shown
        (report, "None"),  # no status line
        ("", "None"),
    ):
        got = subprocess.run(
            [sys.executable, "-c", code], input=given, capture_output=True, text=True, check=True
        )
        assert got.stdout == expected, given


def test_the_report_acted_on_is_the_launchers(tmp_path: Path, launcher: Path) -> None:
    """Ruff beside the launcher is replaced by a program that prints a report made from the
    real one with one of the two unused imports left out: the Python half, given it, removes
    only the other (run alone, it runs Ruff itself and removes both)."""
    repo = git_repo(tmp_path / "repo", {"a.py": "import os\nimport textwrap\n\nx = 1\n"})
    real = run(*_command(force_exclude=True), "--", "a.py", cwd=repo).stdout
    items = json.loads(real)
    assert sorted(item["message"] for item in items) == [
        "`os` imported but unused",
        "`textwrap` imported but unused",
    ]
    crafted = tmp_path / "report.json"
    crafted.write_text(json.dumps([i for i in items if "textwrap" in i["message"]], indent=2))
    (launcher.parent / "ruff").unlink()
    (launcher.parent / "ruff").write_text(f"#!/bin/sh\ncat '{crafted}'\n")
    (launcher.parent / "ruff").chmod(0o755)
    proc = run(launcher, "a.py", cwd=repo, check=False)
    assert proc.returncode == 1, proc.stderr
    assert (repo / "a.py").read_text() == "import os\n\nx = 1\n"


@pytest.mark.parametrize(
    "text",
    [
        "import os\n",
        "def f(:\n    pass\n",
        "x = 1\n",
        "def f():\n    x = 1\n",
        'import os  # a comment naming "code": "F401"\n\nprint(os)\n',
        '"""The code \\"code\\": \\"F401\\" in a docstring."""\nimport sys\n\nprint(sys)\n',
    ],
    ids=["F401", "syntax-error", "clean", "F841", "comment", "docstring"],
)
def test_the_reports_scan_finds_what_its_parse_finds(tmp_path: Path, text: str) -> None:
    """may_need_fixing, the launcher's shortcut, against the real parse of Ruff's real JSON."""
    (tmp_path / "m.py").write_text(text)
    report = run(*_command(force_exclude=True), "--", "m.py", "gone.py", cwd=tmp_path).stdout
    assert may_need_fixing(report.encode())  # gone.py: E902
    one = run(*_command(force_exclude=True), "--", "m.py", cwd=tmp_path).stdout.encode()
    assert may_need_fixing(one) == bool(_parsed(one, None, None)), one


def test_odd_file_names_reach_ruff_whole(tmp_path: Path, launcher: Path) -> None:
    files = {
        "a b.py": "import os\nimport sys\nprint(sys)\n",
        "q'uo\"te.py": "import json\n",
        "$HOME.py": "import json\n",
        "new\nline.py": "import json\n",
        "clean.py": "x = 1\n",
    }
    launched, alone = both(tmp_path, launcher, sorted(files), files)
    assert launched[0] == alone[0] == 1, launched[1]
    assert launched[2] == alone[2]
    assert launched[2]["a b.py"] == b"import sys\nprint(sys)\n"


def test_links_fifos_and_many_files_go_to_the_python_half(tmp_path: Path, launcher: Path) -> None:
    many = {f"m{i}.py": ("import json\n" if i % 7 == 0 else "x = 1\n") for i in range(60)}
    for count in (_FEW_FILES, _FEW_FILES + 1, 60):
        names = sorted(many)[:count]
        launched, alone = both(tmp_path / str(count), launcher, names, many)
        assert launched[:2] == alone[:2] and launched[2] == alone[2]
    repo = git_repo(tmp_path / "odd", {"real.py": "import json\n"})
    (repo / "link.py").symlink_to("real.py")
    os.mkfifo(repo / "pipe.py")
    for name in ("link.py", "pipe.py"):
        proc = run(launcher, name, cwd=repo, check=False, timeout=60)
        assert proc.returncode == 2 and f"adopt-fast: {name}: is " in proc.stderr, proc.stderr
    assert (repo / "real.py").read_text() == "import json\n"


def test_ruff_failing_is_reported_as_by_the_python_half(tmp_path: Path, launcher: Path) -> None:
    files = {**FILES, "ruff.toml": "[lint\n"}
    launched, alone = both(tmp_path, launcher, ["pkg/core.py"], files)
    assert launched[0] == alone[0] == 2
    assert "Ruff could not check it" in launched[1] and len(launched[1].splitlines()) == 1
    assert launched[2] == alone[2]


@pytest.mark.parametrize("with_half", [False, True])
def test_the_launcher_run_through_a_link_finds_its_folder(
    tmp_path: Path, launcher: Path, with_half: bool
) -> None:
    """pipx puts links to the package's scripts in ~/.local/bin, but none to Ruff, a
    dependency's: the launcher follows its link to the folder that has both, and takes the
    fast route (a clean file: nothing of the fix is imported)."""
    elsewhere = tmp_path / "local-bin"
    elsewhere.mkdir()
    (elsewhere / "adopt-fast-fix-imports").symlink_to(os.path.relpath(launcher, elsewhere))
    if with_half:
        (elsewhere / HALF).symlink_to(launcher.parent / HALF)
    repo = git_repo(tmp_path / "repo", FILES)
    proc = run(elsewhere / "adopt-fast-fix-imports", "pkg/core.py", cwd=repo, check=False)
    assert proc.returncode == 1 and "Fixing pkg/core.py" in proc.stderr, proc.stderr
    env = {**os.environ, "PYTHONPROFILEIMPORTTIME": "1"}
    proc = run(elsewhere / "adopt-fast-fix-imports", "pkg/clean.py", cwd=repo, check=False, env=env)
    assert proc.returncode == 0 and "import time:" in proc.stderr, proc.stderr
    assert "adopt_fast.imports" not in proc.stderr


def test_a_link_to_a_folder_without_the_python_half_uses_the_first_with_it(
    tmp_path: Path, launcher: Path
) -> None:
    """The launcher's folder has the Python half but no Ruff, and its link leads to a folder
    with neither: the Python half of the first folder runs alone (and finds Ruff itself)."""
    cache = tmp_path / "cache"
    cache.mkdir()
    (launcher.parent / "ruff").unlink()
    launcher.rename(cache / launcher.name)
    launcher.symlink_to(cache / launcher.name)
    repo = git_repo(tmp_path / "repo", FILES)
    proc = run(launcher, "pkg/core.py", cwd=repo, check=False)
    assert proc.returncode == 1 and "Fixing pkg/core.py" in proc.stderr, proc.stderr


def test_a_launcher_without_its_python_half_names_the_fix(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shutil.copy2(LAUNCHER, bin_dir / LAUNCHER.name)
    proc = run(bin_dir / LAUNCHER.name, "a.py", cwd=tmp_path, check=False)
    assert proc.returncode == 2
    assert proc.stderr == (
        f"adopt-fast-fix-imports: {bin_dir}/{HALF} is missing: reinstall adopt-fast\n"
    )


def test_a_launcher_that_links_into_another_folder_runs_from_its_own(
    tmp_path: Path, launcher: Path
) -> None:
    """uv's symlink link mode makes bin/adopt-fast-fix-imports a link into uv's cache, a
    folder with neither the Python half nor Ruff: the launcher's own folder has them."""
    cache = tmp_path / "cache" / "scripts"
    cache.mkdir(parents=True)
    launcher.rename(cache / launcher.name)
    launcher.symlink_to(cache / launcher.name)
    repo = git_repo(tmp_path / "repo", FILES)
    proc = run(launcher, "pkg/core.py", cwd=repo, check=False)
    assert proc.returncode == 1 and "Fixing pkg/core.py" in proc.stderr, proc.stderr


def test_a_relative_link_found_on_path_without_a_folder(tmp_path: Path, launcher: Path) -> None:
    """An empty PATH entry is the current folder: $0 is then the bare name of a link."""
    here = tmp_path / "here"
    here.mkdir()
    (here / "hook").symlink_to(os.path.relpath(launcher, here))
    repo = git_repo(tmp_path / "repo", FILES)
    shutil.copy2(repo / "pkg" / "core.py", here / "core.py")
    proc = run("sh", "-c", 'PATH=":$PATH" exec hook core.py', cwd=here, check=False)
    assert proc.returncode == 1 and "Fixing core.py" in proc.stderr, proc.stderr


def test_ctrl_c_while_ruff_runs_says_interrupted_and_exits_130(
    tmp_path: Path, launcher: Path
) -> None:
    """As from the Python half alone (errors.run_guarded): one line, exit 130, no traceback."""
    (launcher.parent / "ruff").unlink()
    (launcher.parent / "ruff").write_text("#!/bin/sh\nexec sleep 30\n")
    (launcher.parent / "ruff").chmod(0o755)
    repo = git_repo(tmp_path / "repo", FILES)
    proc = subprocess.Popen(
        [launcher, "pkg/core.py"],
        cwd=repo,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    time.sleep(1.5)  # Ruff is asleep, the Python half waits for its report
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert (proc.returncode, out, err) == (130, "", "adopt-fast-fix-imports: interrupted\n")
    assert (repo / "pkg/core.py").read_text() == FILES["pkg/core.py"]
