"""The `adopt-fast-fix-imports` hook, run by real pre-commit in a real git repository."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from testing import git_repo, run_hook_with_args, try_repo

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
    # The hook runs on every commit: argparse, pathlib, json, tomllib, dataclasses and the
    # planning modules are imported only once Ruff has reported something.
    probe = (
        "import subprocess, sys\n"
        "real_run = subprocess.run\n"
        "def spy(*a, **k):\n"
        "    print(sorted(m for m in ('argparse', 'pathlib', 'json', 'tomllib', 'dataclasses',"
        " 'adopt_fast.imports.plan', 'typing') if m in sys.modules))\n"
        "    return real_run(*a, **k)\n"
        "subprocess.run = spy\n"
        "from pre_commit_hooks.adopt_fast_fix_imports import main\n"
        "sys.exit(main(['a.py']))\n"
    )
    (tmp_path / "a.py").write_text("import os\n")
    proc = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.splitlines()[0] == "[]", proc.stdout
