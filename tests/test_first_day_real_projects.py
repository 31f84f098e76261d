"""The first day on real projects (pinned sdists from PyPI): `migrate`, then the next step it
prints (`init`), then `check`. Each result parses, Ruff warns about nothing in the config, a
second run changes nothing, and each project's own trap is handled:

- black at a non-default line length with excluded files: pyramid (79, an exclude regex),
  dogpile.cache (79, flake8 excludes docs/);
- flake8-import-order and zimports: dogpile.cache (both as hooks), alembic (google style,
  flake8-import-order in tox's deps), Mako (the project the problem was first seen on);
- unittest-style suites: Markdown (flake8, 250 blanket `# noqa`), simplejson (no old tools),
  pyparsing (black's hook).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from adopt_fast.cli import main
from adopt_fast.ruff import find_ruff_bin
from testing import fetch_sdists, run, snapshot

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SPECS = [
    "pyramid==2.0.2",
    "dogpile.cache==1.3.3",
    "alembic==1.13.2",
    "Mako==1.3.5",
    "Markdown==3.6",
    "simplejson==3.19.2",
    "pyparsing==3.1.2",
]
# Ruff warns about suppression comments in the projects' own code (pyramid's docs end lines
# with a file-level flake8 directive, which flake8 never read there; alembic's tests follow a
# line-level one with prose): the projects' text, not the migrated configuration.
SOURCE_WARNINGS = ("Unexpected `# ruff: noqa` directive", "Invalid `# noqa` directive")

pytestmark = pytest.mark.network


@pytest.fixture(scope="session")
def sdists(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    trees = fetch_sdists(SPECS, tmp_path_factory.mktemp("first-day"))
    return {spec.split("==")[0]: tree for spec, tree in trees.items()}


def ruff(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [find_ruff_bin(), *args, "--no-cache", "."],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def ruff_table(root: Path) -> dict[str, Any]:
    """The Ruff settings as written (pyproject's [tool.ruff] or ruff.toml)."""
    for name in ("ruff.toml", ".ruff.toml"):
        if (root / name).exists():
            return tomllib.loads((root / name).read_text(encoding="utf-8"))
    data = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    table: dict[str, Any] = data["tool"]["ruff"]
    return table


def hook_ids(root: Path) -> list[str]:
    path = root / ".pre-commit-config.yaml"
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [h["id"] for repo in data["repos"] for h in repo["hooks"]]


def first_day(tree: Path, root: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """migrate (where there is something to migrate), then each next step it names."""
    shutil.copytree(tree, root)
    run("git", "init", "-q", "-b", "main", cwd=root)
    run("git", "add", "-A", cwd=root)
    run("git", "commit", "-q", "-m", "sdist", cwd=root)
    assert main(["migrate", "--no-measure", str(root)]) in (0, 1)
    out = capsys.readouterr().out
    last = out.splitlines()[-1]
    if last.startswith("next:"):
        assert "`adopt-fast init`" in last and "`adopt-fast check`" in last, last
    assert main(["init", str(root)]) in (0, 1)
    out += capsys.readouterr().out
    return out


def assert_settled(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Parses, no warning about the config, a second run changes nothing, `check` agrees."""
    table = ruff_table(root)
    lint = table.get("lint", {})
    both = set(lint.get("select", [])) & set(lint.get("ignore", []))
    assert not both, f"selected and ignored: {both}"
    both = set(lint.get("extend-select", [])) & set(lint.get("ignore", []))
    assert not both, f"selected and ignored: {both}"
    hook_ids(root)  # parses
    checked = ruff(root, "check", "--exit-zero")
    assert checked.returncode == 0, checked.stderr
    noise = [
        line
        for line in checked.stderr.splitlines()
        if not any(warning in line for warning in SOURCE_WARNINGS)
    ]
    assert noise == [], noise
    formatted = ruff(root, "format", "--check")
    assert formatted.returncode in (0, 1) and formatted.stderr == "", formatted.stderr
    before = snapshot(root)
    assert main(["migrate", "--no-measure", str(root)]) == 0
    assert main(["init", str(root)]) == 0
    assert snapshot(root) == before
    assert main(["check", "--no-lint", str(root)]) == 0, capsys.readouterr().out
    capsys.readouterr()


def test_pyramid_keeps_black_width_and_its_excluded_docs(
    sdists: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "pyramid"
    out = first_day(sdists["pyramid"], root, capsys)
    table = ruff_table(root)
    assert table["line-length"] == 79
    assert table["format"] == {"quote-style": "preserve", "exclude": ["**/docs/**"]}
    assert "docs/" not in ruff(root, "format", "--check").stdout
    assert "no .pre-commit-config.yaml here, so no hook was replaced" in out
    assert "note: there is no .pre-commit-config.yaml, so no hooks were wired" in out
    assert "PT" in table["lint"]["ignore"]  # unittest TestCase suite
    assert_settled(root, capsys)


def test_dogpile_cache_replaces_zimports_and_keeps_google_order(
    sdists: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "dogpile"
    out = first_day(sdists["dogpile.cache"], root, capsys)
    lint = ruff_table(root)["lint"]
    assert lint["isort"]["force-single-line"] is True  # zimports' one import per line
    assert lint["isort"]["force-sort-within-sections"] is True  # import-order-style = google
    assert lint["isort"]["order-by-type"] is False
    assert "I" in lint["select"] and "G" not in lint["select"] and "D" not in lint["select"]
    ids = hook_ids(root)
    assert not {"zimports", "black", "flake8"} & set(ids)
    assert "adopt-fast-format" in ids  # black formatted the code before
    assert "zimports: its hook is replaced by Ruff's isort rules" in out
    assert_settled(root, capsys)


def test_alembic_gets_flake8_import_order_from_tox_deps(
    sdists: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "alembic"
    out = first_day(sdists["alembic"], root, capsys)
    lint = ruff_table(root)["lint"]
    assert "I001" in lint["select"] and "G" not in lint["select"]
    assert lint["isort"]["force-sort-within-sections"] is True
    assert "import-order-style: only shapes how flake8 runs" not in out
    assert_settled(root, capsys)


def test_mako_migrates_without_a_second_import_sorter(
    sdists: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "mako"
    first_day(sdists["Mako"], root, capsys)
    assert "zimports" not in hook_ids(root)
    assert "I" in ruff_table(root)["lint"]["select"]
    assert_settled(root, capsys)


@pytest.mark.parametrize("name", ["Markdown", "simplejson", "pyparsing"])
def test_unittest_suites_get_no_pytest_style_rules(
    sdists: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    root = tmp_path / name
    out = first_day(sdists[name], root, capsys)
    assert "left out flake8-pytest-style (PT, written to lint.ignore)" in out
    statistics = ruff(root, "check", "--exit-zero", "--statistics").stdout
    assert "PT009" not in statistics and "RUF100" not in statistics, statistics
    assert_settled(root, capsys)
