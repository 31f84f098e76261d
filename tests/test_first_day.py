"""The first day on a project, on small real git repositories: init wires the format hook only
where the project formats already, says to migrate first, leaves PT out of unittest suites and
asks git whether `.ruff_cache/` is ignored; migrate replaces (or keeps) other formatters and
import sorters, translates black's exclude regex, and leaves RUF100 off for stale `# noqa`s."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

from adopt_fast.cli import main
from adopt_fast.migrate.black import regex_to_globs
from pre_commit_hooks.adopt_fast_cache_ignore import main as cache_ignore
from testing import git_repo, snapshot

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

LOCAL_HOOK = (
    "repos:\n-   repo: local\n    hooks:\n"
    "    -   id: x\n        name: x\n        entry: 'true'\n        language: system\n"
)
UNFORMATTED = {"a.py": "x = {  'a':1 }\n", "b.py": "y = 1\n"}


def hooks(root: Path) -> list[str]:
    data = yaml.safe_load((root / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    return [h["id"] for repo in data["repos"] for h in repo["hooks"]]


def ruff_lint(root: Path, name: str = "ruff.toml") -> dict[str, object]:
    data = tomllib.loads((root / name).read_text(encoding="utf-8"))
    table = data["tool"]["ruff"] if name == "pyproject.toml" else data
    lint = table["lint"]
    assert isinstance(lint, dict)
    return lint


@pytest.mark.parametrize(
    ("files", "args", "wired", "says"),
    [
        pytest.param(
            {},
            [],
            False,
            "adopt-fast-format not wired: the project does not format its code yet (no black, "
            "ruff-format, yapf or autopep8 configuration or hook); `adopt-fast init --format` "
            "wires it; `ruff format --check` would change 1 of 2 files",
            id="never-formatted",
        ),
        pytest.param(
            {},
            ["--format"],
            True,
            "adopt-fast-format wired (asked for with --format); `ruff format --check` would "
            "change 1 of 2 files",
            id="asked",
        ),
        pytest.param(
            {"ruff.toml": "[format]\nquote-style = 'single'\n"},
            [],
            True,
            "adopt-fast-format wired (the project already formats its code: ruff-format "
            "([format], ruff.toml:1))",
            id="ruff-format-configured",
        ),
    ],
)
def test_format_hook_only_where_the_project_formats(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    files: dict[str, str],
    args: list[str],
    wired: bool,
    says: str,
) -> None:
    root = git_repo(tmp_path / "p", {".pre-commit-config.yaml": LOCAL_HOOK, **UNFORMATTED, **files})
    assert main(["init", *args, str(root)]) == 1
    out = capsys.readouterr().out
    assert ("adopt-fast-format" in hooks(root)) is wired
    assert says in out, out
    assert main(["init", *args, str(root)]) == 0  # a second run changes nothing


def test_other_formatter_hook_keeps_the_format_hook_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = LOCAL_HOOK + "-   repo: https://github.com/google/yapf\n    rev: v0.40.2\n"
    config += "    hooks:\n    -   id: yapf\n"
    root = git_repo(tmp_path / "p", {".pre-commit-config.yaml": config, **UNFORMATTED})
    assert main(["init", "--skip-migrate", "--format", str(root)]) == 1
    out = capsys.readouterr().out
    assert "adopt-fast-format" not in hooks(root)
    assert "yapf (hook at .pre-commit-config.yaml:11) already formats the code" in out


@pytest.mark.parametrize(
    ("files", "tools"),
    [
        pytest.param({"setup.cfg": "[flake8]\nmax-line-length = 100\n"}, "flake8", id="flake8"),
        pytest.param({".isort.cfg": "[settings]\nprofile = black\n"}, "isort", id="isort"),
        pytest.param({"pyproject.toml": "[tool.black]\nline-length = 79\n"}, "black", id="black"),
        pytest.param(
            {
                ".pre-commit-config.yaml": "repos:\n-   repo: https://github.com/asottile/pyupgrade"
                "\n    rev: v3.15.0\n    hooks:\n    -   id: pyupgrade\n"
            },
            "pyupgrade",
            id="pyupgrade-hook",
        ),
        pytest.param({"pyproject.toml": "[tool.zimports]\n"}, "zimports", id="zimports"),
    ],
)
def test_init_says_to_migrate_first_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], files: dict[str, str], tools: str
) -> None:
    root = git_repo(tmp_path / "p", {"a.py": "x = 1\n", **files})
    before = snapshot(root)
    assert main(["init", str(root)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"nothing written: this project still uses {tools} (")
    assert "run `adopt-fast migrate` first" in out and "--skip-migrate" in out
    assert snapshot(root) == before
    assert main(["init", "--skip-migrate", str(root)]) == 1
    capsys.readouterr()
    assert main(["migrate", "--no-measure", str(root)]) in (0, 1)
    capsys.readouterr()
    assert not main(["init", str(root)]) or "nothing written" not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("test_code", "left_out"),
    [
        pytest.param(
            "import unittest\n\nclass T(unittest.TestCase):\n    def test_a(self):\n"
            "        self.assertEqual(1, 1)\n        self.assertTrue(True)\n",
            True,
            id="unittest",
        ),
        pytest.param("def test_a():\n    assert 1 == 1\n", False, id="pytest"),
    ],
)
def test_unittest_suites_leave_pytest_style_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], test_code: str, left_out: bool
) -> None:
    root = git_repo(tmp_path / "p", {"tests/test_a.py": test_code})
    assert main(["init", str(root)]) == 1
    out = capsys.readouterr().out
    lint = ruff_lint(root)
    assert ("PT" in lint.get("ignore", [])) is left_out
    assert ("PT" in lint["extend-select"]) is not left_out
    assert ("left out flake8-pytest-style" in out) is left_out
    assert main(["check", "--no-lint", str(root)]) == 0  # AF002: an ignored family is chosen


@pytest.mark.parametrize(
    "gitignore",
    [
        pytest.param("*_cache/\n", id="wildcard"),
        pytest.param("/.ruff_cache\n", id="anchored"),
        pytest.param(".*/\n!.github/\n", id="all-dot-folders"),
    ],
)
def test_git_decides_that_the_cache_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, gitignore: str
) -> None:
    root = git_repo(tmp_path / "p", {".gitignore": gitignore})
    monkeypatch.chdir(root)
    assert cache_ignore([]) == 0
    assert (root / ".gitignore").read_text() == gitignore
    assert main(["check", "--no-lint", "."]) in (0, 1)


def test_a_negation_is_named_not_fought(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    gitignore = "*_cache/\n!.ruff_cache/\n"
    root = git_repo(tmp_path / "p", {".gitignore": gitignore, "a.py": "x = 1\n"})
    monkeypatch.chdir(root)
    assert cache_ignore([]) == 2
    err = capsys.readouterr().err
    assert err.strip() == (
        "adopt-fast: .gitignore:2: un-ignores .ruff_cache/, so Ruff's cache can be committed "
        "(delete that line, or put `.ruff_cache/` after it)"
    )
    assert main(["init", "."]) == 1
    out = capsys.readouterr().out
    assert ".gitignore:2: un-ignores .ruff_cache/" in out and "fails AF003" in out
    assert (root / ".gitignore").read_text() == gitignore


def test_outside_git_the_string_rule_holds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".gitignore").write_text("*_cache/\n")
    monkeypatch.chdir(tmp_path)
    assert cache_ignore([]) == 1  # no git to ask: only a line naming the folder counts
    assert (tmp_path / ".gitignore").read_text() == "*_cache/\n.ruff_cache/\n"


SORTER_HOOKS = """\
repos:
-   repo: https://github.com/sqlalchemyorg/zimports
    rev: v0.6.0
    hooks:
    -   id: zimports
-   repo: https://github.com/google/yapf
    rev: v0.40.2
    hooks:
    -   id: yapf
"""


def test_zimports_and_yapf_hooks_are_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = git_repo(
        tmp_path / "p",
        {
            ".pre-commit-config.yaml": SORTER_HOOKS,
            ".style.yapf": "[style]\nbased_on_style = pep8\ncolumn_limit = 100\n",
            "a.py": "import os\n",
        },
    )
    assert main(["migrate", "--no-measure", str(root)]) == 1
    out = capsys.readouterr().out
    assert hooks(root) == [
        "adopt-fast-cache-ignore",
        "adopt-fast-fix-imports",
        "adopt-fast-lint",
        "adopt-fast-format",
    ]
    data = tomllib.loads((root / "ruff.toml").read_text())
    assert data["line-length"] == 100  # yapf's column_limit
    assert data["lint"]["select"] == ["I"]
    assert data["lint"]["isort"] == {"force-single-line": True}
    assert "zimports: its hook is replaced by Ruff's isort rules" in out
    assert "yapf: its hook is replaced by adopt-fast-format (`ruff format`)" in out
    assert main(["migrate", "--no-measure", str(root)]) == 0


def test_keep_leaves_a_sorter_and_its_job_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = git_repo(tmp_path / "p", {".pre-commit-config.yaml": SORTER_HOOKS, "a.py": "x = 1\n"})
    assert main(["migrate", "--no-measure", "--keep", "zimports", str(root)]) == 1
    out = capsys.readouterr().out
    assert "zimports" in hooks(root)
    assert "I" in ruff_lint(root)["ignore"]
    assert "kept (--keep): it sorts the imports, so Ruff's isort rules (I) are ignored" in out
    assert main(["init", str(root)]) in (0, 1)
    capsys.readouterr()
    assert "I" not in ruff_lint(root).get("extend-select", [])  # init respects the ignore


def test_stale_noqa_codes_leave_unused_noqa_off(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = git_repo(
        tmp_path / "p",
        {
            "setup.cfg": "[flake8]\nextend-select = E800\n",
            "requirements-dev.txt": "flake8-eradicate\n",
            "a.py": "# print(1)  # noqa: E800\nx = 1  # noqa: W503\n",
        },
    )
    assert main(["migrate", "--no-measure", str(root)]) == 1
    out = capsys.readouterr().out
    lint = ruff_lint(root)
    assert "RUF100" in lint["ignore"] and "ERA001" in lint["select"]
    assert "E800: Ruff's ERA001 (a.py:1)" in out and "rewrite E800 -> ERA001" in out
    assert "W503" not in out.split("RUF100", 1)[1].split("\n", 1)[0]  # Ruff disregards it


def test_migrate_next_steps_hold_without_a_pre_commit_config(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = git_repo(tmp_path / "p", {"setup.cfg": "[flake8]\n", "a.py": "x = 1\n"})
    assert main(["migrate", "--no-measure", str(root)]) == 1
    out = capsys.readouterr().out
    assert "`adopt-fast init` wires" not in out
    assert "no .pre-commit-config.yaml here, so no hook was replaced" in out
    assert main(["init", str(root)]) == 1
    assert "there is no .pre-commit-config.yaml, so no hooks were wired" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("regex", "globs", "left"),
    [
        pytest.param("/(\n  \\.git\n  | \\.tox\n  | docs\n)/\n", ["**/docs/**"], [], id="pylons"),
        pytest.param("^/src/gen/", ["src/gen/**"], [], id="anchored-folder"),
        pytest.param(".*_pb2\\.py", ["**/*_pb2.py"], [], id="file-pattern"),
        pytest.param("/(tests/data|foo[0-9])/", ["**/tests/data/**"], ["foo[0-9]"], id="partial"),
    ],
)
def test_black_exclude_regex_becomes_format_globs(
    regex: str, globs: list[str], left: list[str]
) -> None:
    assert regex_to_globs(regex) == (globs, left)
