"""The `adopt-fast-fix-imports` hook, run by real pre-commit in a real git repository."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from testing import ROOT, git_repo, require, run, run_hook_with_args, script, try_repo

HALF_SCRIPT = "adopt-fast-fix-imports-py"
FILES = {
    "app/__init__.py": "from .core import run\n",
    "app/core.py": "import os\nimport readline\n\n\ndef run():\n    return 1\n",
    "app/optional.py": "try:\n    import yaml\nexcept ImportError:\n    yaml = None\n    import json\n",
    "notes.txt": "import os\n",
}


def test_hook_fixes_what_is_safe_then_passes(tmp_path: Path) -> None:
    repo = git_repo(tmp_path / "repo", FILES)
    code, out = try_repo(repo, "adopt-fast-fix-imports")
    assert code == 1, out
    assert "Fixing app/__init__.py" in out and "Fixing app/core.py" in out
    assert (repo / "app/__init__.py").read_text() == "from .core import run as run\n"
    assert (repo / "app/core.py").read_text() == "import readline\n\n\ndef run():\n    return 1\n"
    assert (repo / "app/optional.py").read_text() == FILES["app/optional.py"].replace(
        "    import json\n", ""
    )
    assert (repo / "notes.txt").read_text() == "import os\n"
    code, out = try_repo(repo, "adopt-fast-fix-imports")
    assert code == 0, out


def test_hook_args_unsafe(tmp_path: Path) -> None:
    repo = git_repo(tmp_path / "repo", {"a.py": "import readline\nx = 1\n"})
    proc = run_hook_with_args(repo, "adopt-fast-fix-imports", ["--unsafe"])
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert (repo / "a.py").read_text() == "x = 1\n"
    assert "a.py:1:8: removed `readline`" in proc.stdout


def test_hook_imports_nothing_heavy_before_ruff(tmp_path: Path) -> None:
    # The hook runs on every commit: subprocess, argparse, pathlib, json, tomllib, dataclasses
    # and the planning modules are imported only once Ruff has reported something.
    probe = (
        "import sys\n"
        "import adopt_fast.process as process\n"
        "real_run = process.run\n"
        "def spy(*a, **k):\n"
        "    print(sorted(m for m in ('argparse', 'pathlib', 'json', 'tomllib', 'dataclasses',"
        " 'adopt_fast.imports.plan', 'typing', 'subprocess') if m in sys.modules))\n"
        "    return real_run(*a, **k)\n"
        "process.run = spy\n"
        "from pre_commit_hooks.adopt_fast_fix_imports import main\n"
        "sys.exit(main(['a.py']))\n"
    )
    (tmp_path / "a.py").write_text("import os\n")
    proc = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.splitlines()[0] == "[]", proc.stdout


def test_kept_imports_are_counted_once_with_both_hooks(tmp_path: Path) -> None:
    # `init` wires the fix-imports hook, then the lint hook with --fix (which runs the same
    # fix first): only the first says how many imports it kept.
    config = (
        f"repos:\n-   repo: {ROOT}\n    rev: HEAD\n    hooks:\n"
        "    -   id: adopt-fast-fix-imports\n    -   id: adopt-fast-lint\n        args: [--fix]\n"
    )
    files = {".pre-commit-config.yaml": config, "a.py": "import json\nimport readline\n\nx = 1\n"}
    repo = git_repo(tmp_path / "repo", files)
    proc = run(script("pre-commit"), "run", "--all-files", "--color=never", cwd=repo, check=False)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert (repo / "a.py").read_text() == "import readline\n\nx = 1\n"
    assert output.count("adopt-fast: kept 1 unused import that may be needed") == 1, output
    assert output.count("adopt-fast: removed 1 unused import\n") == 1, output


def test_hook_fixing_a_file_imports_nothing_it_does_not_need(tmp_path: Path) -> None:
    # A commit that removes an import pays for what the fix imports (benchmarks/
    # fix_hook_overhead.py): no subprocess, dataclasses (and inspect), typing or tomllib, and
    # not `ast` (its C module `_ast` has the node classes), glob, fnmatch or contextlib.
    probe = (
        "import sys\n"
        "from pre_commit_hooks.adopt_fast_fix_imports import main\n"
        "code = main(['a.py'])\n"
        "heavy = ('subprocess', 'dataclasses', 'inspect', 'typing', 'tomllib', 'tomli', 'argparse',"
        " 'pathlib', 'tempfile', 'shutil', 'ast', 'glob', 'fnmatch', 'contextlib')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
        "sys.exit(code)\n"
    )
    (tmp_path / "a.py").write_text("import os\nimport sys\n\nprint(sys.argv)\n")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / ".ruff_cache").mkdir()
    (tmp_path / ".ruff_cache" / ".gitignore").write_text("*\n")  # the word index is used
    proc = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 1, proc.stderr
    assert (tmp_path / "a.py").read_text() == "import sys\n\nprint(sys.argv)\n"
    assert proc.stdout.splitlines()[-1] == "[]", proc.stdout


def test_the_installed_hook_exits_at_once_with_all_its_output(tmp_path: Path) -> None:
    # The console script skips the interpreter's teardown (errors.exit_at_once): every
    # line still reaches the pipe, and the exit code is the fix's.
    files = {f"pkg/m{i}.py": "import os\nimport readline\n" for i in range(300)}
    repo = git_repo(tmp_path / "repo", files)
    proc = subprocess.run(
        [script("adopt-fast-fix-imports"), "--show-kept", *sorted(files)],
        cwd=repo,
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"},  # as pre-commit
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    lines = proc.stderr.splitlines()
    assert sum(line.startswith("Fixing pkg/m") for line in lines) == 300, proc.stderr[-500:]
    assert sum("kept `readline`" in line for line in lines) == 300, proc.stderr[-500:]
    assert "adopt-fast: removed 300 unused imports" in lines, proc.stderr[-500:]
    assert all((repo / name).read_text() == "import readline\n" for name in files)


@pytest.mark.parametrize("code", [0, 1])
def test_exit_at_once_says_so_when_its_output_is_lost(code: int) -> None:
    # /dev/full takes no byte: the line waits in the buffer until the flush, which fails.
    require(os.path.exists("/dev/full"), "a /dev/full device")
    program = (
        "from adopt_fast.errors import exit_at_once\nimport sys\nsys.stdout.write('x')\n"
        f"exit_at_once({code})\n"
    )
    with open("/dev/full", "w") as full:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
        proc = subprocess.run([sys.executable, "-c", program], stdout=full, env=env, check=False)
    assert proc.returncode == 120


def test_the_python_half_alone_is_the_hook_where_there_is_no_sh(tmp_path: Path) -> None:
    """README, "The fix-imports hook": on Windows the entry is overridden with the Python
    half, which runs Ruff itself; through real pre-commit it fixes the same."""
    repo = git_repo(tmp_path / "repo", FILES)
    config = repo / "try-config.yaml"
    config.write_text(
        f"repos:\n-   repo: {ROOT}\n    rev: HEAD\n    hooks:\n"
        f"    -   id: adopt-fast-fix-imports\n        entry: {HALF_SCRIPT}\n",
        encoding="utf-8",
    )
    run("git", "add", "-A", cwd=repo)
    pre_commit = [script("pre-commit"), "run", "--all-files", "-c", config, "--color=never"]
    proc = run(*pre_commit, cwd=repo, check=False)
    assert proc.returncode == 1, proc.stdout
    assert "Fixing app/core.py" in proc.stdout, proc.stdout
    assert (repo / "app/core.py").read_text() == "import readline\n\n\ndef run():\n    return 1\n"


GUARDED = "try:\n    import yaml\nexcept ImportError:\n    pass\n"


@pytest.mark.parametrize(
    ("files", "args", "hint"),
    [
        # Soft keeps only: --unsafe would remove them.
        ({"a.py": "import readline\n"}, [], "--show-kept lists it, --unsafe removes it"),
        (
            {"a.py": "import readline\n", "b.py": "import readline\n"},
            [],
            "--show-kept lists them, --unsafe removes them",
        ),
        # A firm keep only (another file imports it from here): --unsafe keeps it too.
        (
            {
                "pkg/compat.py": "from shlex import quote\n",
                "use.py": "from pkg.compat import quote\n",
            },
            [],
            "--show-kept says why",
        ),
        # One of each.
        (
            {
                "pkg/compat.py": "from shlex import quote\nimport readline\n",
                "use.py": "from pkg.compat import quote\n",
            },
            [],
            "--show-kept lists them, --unsafe removes up to 1 of them",
        ),
        # An ImportError guard that only probes: --unsafe removes it.
        ({"a.py": GUARDED}, [], "--show-kept lists it, --unsafe removes it"),
        # With --unsafe, what is still kept is beyond it.
        (
            {
                "pkg/compat.py": "from shlex import quote\nimport readline\n",
                "use.py": "from pkg.compat import quote\n",
            },
            ["--unsafe"],
            "--show-kept says why",
        ),
    ],
    ids=["soft", "soft-two", "firm", "both", "guard", "after-unsafe"],
)
def test_the_count_of_kept_imports_offers_unsafe_only_where_it_removes(
    tmp_path: Path, files: dict[str, str], args: list[str], hint: str
) -> None:
    repo = git_repo(tmp_path / "repo", files)
    targets = [name for name in files if name != "use.py"]
    proc = run(script("adopt-fast-fix-imports"), *args, *targets, cwd=repo, check=False)
    kept = [line for line in proc.stderr.splitlines() if line.startswith("adopt-fast: kept")]
    assert kept == [kept[0].split(" (", 1)[0] + f" ({hint})"], proc.stderr


def test_the_hook_started_with_its_output_closed_ends_without_a_traceback(tmp_path: Path) -> None:
    # Python sets sys.stdout to None when descriptor 1 is closed at start.
    repo = git_repo(tmp_path / "repo", {"a.py": "import json\nx = 1\n"})
    proc = run(
        "sh", "-c", 'exec 1>&- && exec "$0" a.py', script(HALF_SCRIPT), cwd=repo, check=False
    )
    assert (proc.returncode, proc.stderr) == (
        1,
        "Fixing a.py\nadopt-fast: removed 1 unused import\n",
    )
