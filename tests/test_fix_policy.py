"""What `adopt-fast fix` removes, keeps and makes explicit: real Ruff on real files."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtesting import run_fix

from testing import write_files

GUARD = "try:\n    import yaml\nexcept ImportError:\n    yaml = None\n"

# (file name, source): nothing may change by default.
KEPT = [
    pytest.param(
        "mod.py",
        "try:\n    import yaml\nexcept ImportError:\n    pass\n",
        id="try-except-ImportError",
    ),
    pytest.param(
        "mod.py",
        "try:\n    import yaml\nexcept ModuleNotFoundError:\n    pass\n",
        id="try-except-ModuleNotFoundError",
    ),
    pytest.param(
        "mod.py",
        "try:\n    import a, b\nexcept (ImportError, OSError):\n    pass\n",
        id="try-except-tuple",
    ),
    pytest.param("mod.py", "import readline\n", id="side-effect-readline"),
    pytest.param("mod.py", "import rlcompleter\n", id="side-effect-rlcompleter"),
    pytest.param("mod.py", "import antigravity\n", id="side-effect-antigravity"),
    pytest.param("mod.py", "import this\n", id="side-effect-this"),
    pytest.param("mod.py", "from mpl_toolkits.mplot3d import Axes3D\n", id="side-effect-submodule"),
    pytest.param("mod.py", "import os, readline\n", id="statement-shared-with-side-effect"),
    pytest.param("pkg/__init__.py", "import os\n", id="init-third-party"),
    pytest.param("pkg/__init__.py", "from .core import run as run\n", id="init-explicit-already"),
    pytest.param("mod.py", "from os import path\n__all__ = ['path']\n", id="dunder-all"),
    pytest.param(
        "mod.py", "from typing import List\nx: 'List[int]' = []\n", id="string-annotation"
    ),
    pytest.param(
        "mod.py",
        "from __future__ import annotations\nfrom typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from collections import OrderedDict\n"
        "def f(x: OrderedDict) -> None: ...\n",
        id="type-checking-block",
    ),
    pytest.param("mod.py", "import os  # noqa: F401\n", id="noqa"),
    pytest.param(
        # lark 1.2.2's tests/__main__.py imports the test classes that unittest.main() runs.
        "tests/__main__.py",
        "import unittest\n\nfrom tests.test_a import TestA\n\nif __name__ == '__main__':\n"
        "    unittest.main()\n",
        id="test-classes-unittest-main-collects",
    ),
    pytest.param(
        "runtests.py",
        "from unittest import main\n\nfrom tests.test_a import TestA\n\nmain()\n",
        id="test-classes-main-from-unittest-collects",
    ),
    pytest.param(
        "mod.py",
        "from typing import Dict, Optional\n\nCache = {}  # type: Dict[int, Optional[str]]\n",
        id="type-comment-of-a-variable",
    ),
    pytest.param(
        "mod.py",
        "from typing import Optional\n\n\ndef get(k):\n    # type: (int) -> Optional[str]\n"
        "    return None\n",
        id="type-comment-of-a-function",
    ),
    pytest.param(
        "test_imports.py",
        'def test_importable():\n    """It imports."""\n    import pkg.core\n',
        id="function-that-only-imports",
    ),
    pytest.param(
        "mod.py",
        "def check():\n    from os import sep\n    return locals()['sep']\n",
        id="function-reading-locals",
    ),
    pytest.param(
        "mod.py",
        "from fractions import Fraction\n\n\ndef make(kind):\n    return globals()[kind]\n",
        id="module-read-through-globals",
    ),
    pytest.param(
        "mod.py",
        "from fractions import Fraction\n\n\ndef make(kind):\n    return \uff47\uff4c\uff4f\uff42\uff41\uff4c\uff53()[kind]\n",
        id="globals-spelled-in-fullwidth-letters",
    ),
    pytest.param("mod.py", "import os\nprint(vars()['os'])\n", id="vars-at-module-level"),
    pytest.param("mod.py", "import os\nprint(eval('os.sep'))\n", id="eval"),
    pytest.param(
        "mod.py",
        "import os\n\n\ndef run(code, namespace):\n    exec(code, namespace)\n",
        id="exec-with-globals-that-may-be-the-module's",
    ),
    pytest.param(
        "tests/test_db.py",
        "from tests.fixtures import db, other\n\n\ndef test_query(db):\n    assert db\n",
        id="pytest-fixture-imported-by-name",
    ),
    pytest.param("pkg/__init__.py", "from .core import run as go\n", id="init-aliased"),
    # pycparser 2.22's _build_tables.py generates lextab.py, then imports it to compile it.
    pytest.param(
        "build_tables.py",
        "from pkg.core import run\n\nrun('util')\n\n# Load to compile into .pyc\nimport pkg.util\n",
        id="import-after-a-call-that-makes-its-module",
    ),
    pytest.param(
        "boot.py",
        "import pkg.core\n\npkg.core.run()\n\nfrom pkg import util\n",
        id="import-after-a-setup-call",
    ),
    pytest.param("mod.py", "import os\nprint(os.sep)\n", id="used"),
    pytest.param("empty.py", "", id="empty-file"),
]

# (file name, source, fixed): removed or made explicit by default.
FIXED = [
    pytest.param(
        "build_tables.py",
        "import os\nfrom pkg.core import run\n\nrun('pkg/util.py')\n",
        "from pkg.core import run\n\nrun('pkg/util.py')\n",
        id="import-before-the-call",
    ),
    pytest.param(
        "build_tables.py",
        "from pkg.core import run\n\nTABLES = run()\n\nimport pkg.util\n",
        "from pkg.core import run\n\nTABLES = run()\n\n",
        id="import-after-an-assignment-of-a-call",
    ),
    pytest.param(
        "mod.py",
        "def main():\n    run()\n\n\nimport os\n",
        "def main():\n    run()\n\n\n",
        id="import-after-a-call-inside-a-function",
    ),
    pytest.param(
        "runtests.py",
        "import os\nimport unittest\n\nfrom tests.test_a import TestA\n\nunittest.main()\n",
        "import unittest\n\nfrom tests.test_a import TestA\n\nunittest.main()\n",
        id="unittest-main-collects-no-module",
    ),
    pytest.param(
        "runtests.py",
        "import unittest\n\nfrom tests.test_a import TestA\n\nunittest.TestCase\n",
        "import unittest\n\n\nunittest.TestCase\n",
        id="unittest-imported-but-no-main",
    ),
    pytest.param(
        # `# type: ignore` is a directive, not a type that names `ignore`.
        "mod.py",
        "from fnmatch import filter as ignore\nx = 1  # type: ignore\n",
        "x = 1  # type: ignore\n",
        id="type-ignore",
    ),
    pytest.param(
        "mod.py",
        "from typing import Dict\nfrom typing import List\n\nx = {}  # type: Dict[str, int]\n",
        "from typing import Dict\n\nx = {}  # type: Dict[str, int]\n",
        id="type-comment-naming-another-import",
    ),
    pytest.param("mod.py", "import os\nx = 1\n", "x = 1\n", id="plain"),
    pytest.param(
        "mod.py", "import os, sys\nprint(sys)\n", "import sys\nprint(sys)\n", id="one-of-two"
    ),
    pytest.param(
        "mod.py",
        "from os import (\n    path,  # the path\n    sep,\n)\nprint(sep)\n",
        "# the path\nfrom os import (\n    sep,\n)\nprint(sep)\n",
        id="parenthesized",
    ),
    pytest.param(
        "mod.py",
        "def f():\n    import json\n    return 1\n",
        "def f():\n    return 1\n",
        id="in-function",
    ),
    pytest.param(
        "mod.py",
        "import importlib\n\n\ndef test_lazy():\n    found = {}\n"
        "    exec('import os', {}, found)\n    eval('1', dict(x=1))\n    return found\n",
        "\n\ndef test_lazy():\n    found = {}\n"
        "    exec('import os', {}, found)\n    eval('1', dict(x=1))\n    return found\n",
        id="exec-and-eval-with-globals-of-their-own-networkx",
    ),
    pytest.param(
        "mod.py",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
        "    from collections import OrderedDict\n",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    pass\n",
        id="type-checking-unused",
    ),
    pytest.param(
        "mod.py", "import os; import sys\nx = 1\n", "x = 1\n", id="two-statements-one-line"
    ),
    pytest.param(
        "pkg/mod.py", "from .util import thing\nx = 1\n", "x = 1\n", id="relative-in-module"
    ),
    pytest.param(
        "mod.py",
        "import readline as rl\nimport os\nrl.x = 1\n",
        "import readline as rl\nrl.x = 1\n",
        id="side-effect-used",
    ),
    pytest.param(
        "pkg/__init__.py",
        "from .core import run\n",
        "from .core import run as run\n",
        id="init-reexport-made-explicit",
    ),
    pytest.param(
        "pkg/__init__.py",
        "from . import core, util\n",
        "from . import core as core, util as util\n",
        id="init-submodules-made-explicit",
    ),
    pytest.param(
        "pkg/__init__.py",
        "from .core import run\nfrom .core import stop\n__all__ = ['stop']\n",
        "from .core import run as run\nfrom .core import stop\n__all__ = ['stop']\n",
        id="init-alias-not-all-which-changes-star-imports",
    ),
]

# (file name, source, fixed with --unsafe): what the default keeps, removed on request.
UNSAFE = [
    pytest.param(
        "mod.py",
        GUARD.replace("yaml = None", "pass"),
        "try:\n    pass\nexcept ImportError:\n    pass\n",
        id="try-except-ImportError",
    ),
    pytest.param("mod.py", "import readline\nx = 1\n", "x = 1\n", id="side-effect"),
    pytest.param(
        "mod.py", "def f():\n    import json\n", "def f():\n    pass\n", id="function-only-imports"
    ),
    pytest.param("mod.py", "import os, readline\nx = 1\n", "x = 1\n", id="shared-statement"),
    pytest.param("pkg/__init__.py", "import os\nfrom .core import run\n", "", id="init"),
]


def _project(tmp_path: Path, name: str, source: str) -> Path:
    write_files(
        tmp_path,
        {name: source, "pkg/core.py": "def run(): ...\ndef stop(): ...\n", "pkg/util.py": ""},
    )
    return tmp_path / name


@pytest.mark.parametrize(("name", "source"), KEPT)
def test_kept_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, source: str
) -> None:
    path = _project(tmp_path, name, source)
    result = run_fix(tmp_path, capsys, "--show-kept")
    assert (result.code, path.read_text()) == (0, source), result.err
    assert "Fixing" not in result.err


@pytest.mark.parametrize(("name", "source", "fixed"), FIXED)
def test_fixed_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, source: str, fixed: str
) -> None:
    path = _project(tmp_path, name, source)
    result = run_fix(tmp_path, capsys)
    assert (result.code, path.read_text()) == (1, fixed), result.err
    assert result.err.splitlines()[0] == f"Fixing {name}"
    again = run_fix(tmp_path, capsys)
    assert (again.code, path.read_text()) == (0, fixed), again.err


@pytest.mark.parametrize(("name", "source", "fixed"), UNSAFE)
def test_unsafe_removes_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, source: str, fixed: str
) -> None:
    path = _project(tmp_path, name, source)
    assert run_fix(tmp_path, capsys).code == 0 if name == "mod.py" else True
    result = run_fix(tmp_path, capsys, "--unsafe")
    assert (result.code, path.read_text()) == (1, fixed), result.err
    assert (
        f"{name}:" in result.err and ": removed `" in result.err and "kept by default" in result.err
    )
    assert run_fix(tmp_path, capsys, "--unsafe").code == 0


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        pytest.param(GUARD.replace("yaml = None", "pass"), "optional-dependency probe", id="guard"),
        pytest.param("import readline\n", "`readline` acts on import", id="side-effect"),
    ],
)
def test_show_kept_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], source: str, reason: str
) -> None:
    _project(tmp_path, "mod.py", source)
    assert reason not in run_fix(tmp_path, capsys).err
    assert "kept 1 unused import " in run_fix(tmp_path, capsys).err
    shown = run_fix(tmp_path, capsys, "--show-kept").err
    assert "mod.py:" in shown and reason in shown


def test_allowed_unused_imports_from_the_users_config_are_kept_even_with_unsafe(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = "import myapp.signals\nimport os\n"
    write_files(
        tmp_path,
        {
            "pyproject.toml": "[tool.ruff.lint.pyflakes]\nallowed-unused-imports = ['myapp.signals']\n",
            "mod.py": source,
        },
    )
    assert run_fix(tmp_path, capsys, "--unsafe").code == 1
    assert (tmp_path / "mod.py").read_text() == "import myapp.signals\n"


@pytest.mark.parametrize(
    "config",
    [
        pytest.param("[tool.ruff.lint]\nunfixable = ['F401']\n", id="unfixable-F401"),
        pytest.param("[tool.ruff.lint]\nfixable = []\n", id="fixable-empty"),
        pytest.param(
            "[tool.ruff.lint]\nfixable = ['E']\nunfixable = ['ALL']\n", id="unfixable-all"
        ),
    ],
)
@pytest.mark.parametrize("unsafe", [(), ("--unsafe",)], ids=["default", "unsafe"])
def test_fixes_whatever_the_users_fixable_settings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], config: str, unsafe: tuple[str, ...]
) -> None:
    # Such a config makes Ruff leave the fix edits out of its JSON: adopt-fast must still get
    # them (its lint hook runs Ruff with `--unfixable F401`, leaving F401 to this command).
    write_files(tmp_path, {"pyproject.toml": config, "mod.py": "import os\nimport json\nx = 1\n"})
    write_files(tmp_path, {"pkg/__init__.py": "import os\n", "pkg/core.py": ""})
    result = run_fix(tmp_path, capsys, *unsafe)
    assert (result.code, (tmp_path / "mod.py").read_text()) == (1, "x = 1\n"), result.err
    assert (tmp_path / "pkg/__init__.py").read_text() == ("" if unsafe else "import os\n")


# (files, option, the report's lines up to the reason): positions are those of the file as it
# was before the fix (rounds of fixing move the later imports up), sorted by file and position.
REPORTED_POSITIONS = [
    pytest.param(
        {"p/__init__.py": "from .a import x as y\nimport os\nimport sys\n", "p/a.py": "x = 1\n"},
        "--unsafe",
        ["p/__init__.py:1:21: removed `.a.x`", "p/__init__.py:2:8: removed `os`"]
        + ["p/__init__.py:3:8: removed `sys`"],
        id="unsafe-three-rounds",
    ),
    pytest.param(
        {
            "p/__init__.py": '"""Doc."""\nfrom .a import x as y\nimport re\nimport os\n',
            "p/a.py": "",
        },
        "--unsafe",
        ["p/__init__.py:2:21: removed `.a.x`", "p/__init__.py:3:8: removed `re`"]
        + ["p/__init__.py:4:8: removed `os`"],
        id="unsafe-after-docstring",
    ),
    pytest.param(
        {"m.py": "import os\nimport json\nimport readline\nimport sys, this\nx = 1\n"},
        "--show-kept",
        ["m.py:3:8: kept `readline`", "m.py:4:8: kept `sys`", "m.py:4:13: kept `this`"],
        id="show-kept-after-removals",
    ),
    pytest.param(
        {
            "b.py": "import os\nimport json\nimport readline\n",
            "a.py": "import os; import this\nimport rlcompleter\n",
        },
        "--show-kept",
        ["a.py:1:19: kept `this`", "a.py:2:8: kept `rlcompleter`", "b.py:3:8: kept `readline`"],
        id="show-kept-two-files",
    ),
]


@pytest.mark.parametrize(("files", "option", "expected"), REPORTED_POSITIONS)
def test_reported_positions_are_those_before_the_fix(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    files: dict[str, str],
    option: str,
    expected: list[str],
) -> None:
    write_files(tmp_path, files)
    result = run_fix(tmp_path, capsys, option)
    lines = [
        line.split(" (")[0]
        for line in result.err.splitlines()
        if ": " in line and not line.startswith("adopt-fast: ")  # the counts
    ]
    assert lines == expected, result.err


def test_the_summary_counts_what_was_done(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_files(
        tmp_path,
        {
            "pkg/__init__.py": "from pkg.core import Client\n",
            "pkg/core.py": "import os\nimport sys\n\n\nclass Client: ...\n",
        },
    )
    diff = run_fix(tmp_path, capsys, "--diff", ".")
    assert "adopt-fast: would remove 2 unused imports, would make 1 re-export explicit" in (
        diff.err
    )
    done = run_fix(tmp_path, capsys, ".")
    assert "adopt-fast: removed 2 unused imports, made 1 re-export explicit\n" in done.err
    again = run_fix(tmp_path, capsys, ".")
    assert again.code == 0 and "adopt-fast: removed" not in again.err, again.err
