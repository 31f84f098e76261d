"""`adopt-fast migrate` end to end on real files, checked with the real Ruff."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from adopt_fast.cli import main
from adopt_fast.ruff import find_ruff_bin

SETUP_CFG = """\
[metadata]
name = demo

[flake8]
# black-compatible
max-line-length = 88
extend-ignore = E203, W503
per-file-ignores =
    demo/__init__.py: F401
max-complexity = 10

[isort]
profile = black
known_first_party = demo
"""
PYPROJECT = """\
[project]
name = "demo"
requires-python = ">=3.9"

[tool.black]
line-length = 88
skip-string-normalization = true
"""
PRE_COMMIT = """\
repos:
  - repo: https://github.com/PyCQA/flake8
    rev: 7.0.0
    hooks:
      - id: flake8
        additional_dependencies: [flake8-bugbear==24.2.6]
"""
CODE = "import os\n\n\ndef f(x=[]):\n    return x\n"


def write(root: Path, files: dict[str, str | bytes]) -> dict[str, bytes]:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    return snapshot(root)


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".ruff_cache" not in p.parts
    }


def ruff(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [find_ruff_bin(), *args], cwd=root, capture_output=True, text=True, timeout=60, check=False
    )


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    root = tmp_path / "demo"
    write(
        root,
        {
            "setup.cfg": SETUP_CFG,
            "pyproject.toml": PYPROJECT,
            ".pre-commit-config.yaml": PRE_COMMIT,
            "demo/__init__.py": CODE,
        },
    )
    return root


def test_migrate_writes_a_config_ruff_accepts_and_is_idempotent(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (demo / "pyproject.toml").read_text()
    assert main(["migrate", str(demo)]) == 1
    out = capsys.readouterr().out
    assert "updated pyproject.toml" in out
    assert "setup.cfg:4: [flake8] is no longer read" in out
    after = (demo / "pyproject.toml").read_text()
    assert after.startswith(before)  # every old byte kept; the Ruff tables are appended
    check = ruff(demo, "check", "--no-cache", ".")
    assert check.returncode == 1, check.stderr  # B006 and F401 in demo/__init__.py...
    assert "warning" not in check.stderr.lower()
    assert "B006" in check.stdout and "F401" not in check.stdout  # per-file-ignores kept
    fmt = ruff(demo, "format", "--check", "--no-cache", ".")
    assert fmt.returncode in (0, 1) and "warning" not in fmt.stderr.lower(), fmt.stderr
    assert main(["migrate", str(demo)]) == 0
    assert "nothing to change" in capsys.readouterr().out
    assert (demo / "pyproject.toml").read_text() == after


def test_diff_writes_nothing(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(demo)
    assert main(["migrate", str(demo), "--diff"]) == 1
    out = capsys.readouterr().out
    assert "+[tool.ruff.lint]" in out and '+    "B",' in out
    assert snapshot(demo) == before


def test_nothing_to_migrate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, {"pyproject.toml": "[project]\nname = 'x'\n"})
    assert main(["migrate", str(tmp_path)]) == 0
    assert "nothing to migrate" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("name", "content", "line"),
    [
        pytest.param(
            "setup.cfg",
            "[flake8]\nmax-line-length = 88\n  [broken\nfoo\n",
            4,
            id="setup-cfg-invalid-ini",
        ),
        pytest.param(
            "tox.ini",
            "[flake8]\nselect = E\n[flake8]\nselect = F\n",
            3,
            id="tox-ini-duplicate-section",
        ),
        pytest.param(".flake8", "max-line-length = 88\n", 1, id="flake8-no-section-header"),
        pytest.param(
            "pyproject.toml",
            "[project]\nname = 'demo'\n[tool.black\n",
            3,
            id="pyproject-invalid-toml",
        ),
        pytest.param(
            ".pre-commit-config.yaml",
            "repos:\n  - repo: x\n    hooks: [\n",
            4,
            id="pre-commit-invalid-yaml",
        ),
        pytest.param(
            "setup.cfg", b"[flake8]\nmax-line-length = 88\n# caf\xe9\n", 3, id="setup-cfg-not-utf8"
        ),
        pytest.param(".isort.cfg", "[settings\nprofile=black\n", 1, id="isort-cfg-invalid-ini"),
    ],
)
def test_bad_input_exits_2_with_file_and_line_and_writes_nothing(
    demo: Path, capsys: pytest.CaptureFixture[str], name: str, content: str | bytes, line: int
) -> None:
    before = write(demo, {name: content})
    assert main(["migrate", str(demo)]) == 2
    err = capsys.readouterr().err.strip()
    assert re.fullmatch(rf"adopt-fast: .*{re.escape(name)}:{line}: .+ \(.+\)", err), err
    assert "\n" not in err
    assert snapshot(demo) == before
