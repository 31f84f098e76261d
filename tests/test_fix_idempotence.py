"""Generated modules: a second `adopt-fast fix` changes nothing, and no fix leaves a name
undefined or drops a kept import."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from fixtesting import run_fix
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adopt_fast.ruff import find_ruff_bin
from testing import write_files

IMPORTS = [
    "import os",
    "import sys",
    "import os.path",
    "from collections import OrderedDict, deque",
    "from typing import TYPE_CHECKING",
    "import readline",
    "import json as j",
    "import os; import re",
    "from . import sibling",
    "try:\n    import yaml\nexcept ImportError:\n    yaml = None",
    "if TYPE_CHECKING:\n    from decimal import Decimal",
    "def f():\n    import csv\n    return 1",
    "from math import (\n    pi,  # the constant\n    tau,\n)",
]
USES = [
    "print(sys.argv)",
    "x = deque()",
    "y: 'Decimal' = 1",
    "print(os.sep)",
    "print(j.dumps)",
    "__all__ = ['OrderedDict']",
    "print(tau)",
    "z = 1",
]
KEPT_ALWAYS = ("import readline", "import yaml")


def _undefined_names(path: Path) -> set[str]:
    proc = subprocess.run(
        [
            find_ruff_bin(),
            "check",
            "--isolated",
            "--no-cache",
            "--select",
            "F821",
            "--output-format",
            "json",
            "--exit-zero",
            str(path),
        ],
        capture_output=True,
        check=True,
    )
    return {d["message"] for d in json.loads(proc.stdout)}


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    imports=st.lists(st.sampled_from(IMPORTS), min_size=1, max_size=6),
    uses=st.lists(st.sampled_from(USES), max_size=4),
    newline=st.sampled_from(["\n", "\r\n"]),
    name=st.sampled_from(["mod.py", "pkg/__init__.py"]),
)
def test_second_fix_changes_nothing(
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
    imports: list[str],
    uses: list[str],
    newline: str,
    name: str,
) -> None:
    root = tmp_path_factory.mktemp("gen")
    source = "\n".join(imports + uses).replace("\n", newline) + newline
    write_files(root, {name: source})
    path = root / name
    undefined_before = _undefined_names(path)
    first = run_fix(root, capsys, name)
    assert first.code in (0, 1), first.err
    fixed = path.read_bytes()
    assert (first.code == 1) == (fixed != source.encode())
    second = run_fix(root, capsys, name)
    assert (second.code, path.read_bytes()) == (0, fixed), second.err
    assert _undefined_names(path) <= undefined_before
    for kept in KEPT_ALWAYS:
        assert (kept in source) <= (kept in fixed.decode())
    if newline == "\r\n":
        assert b"\n" not in fixed.replace(b"\r\n", b"")
