"""`adopt-fast migrate` end to end on real files, checked with the real Ruff."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from adopt_fast.cli import main
from adopt_fast.ruff import find_ruff_bin
from testing import script, snapshot, write_files

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
    write_files(root, files)
    return snapshot(root)


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


HOOKS = """\
# hooks for the project
repos:
  - repo: https://github.com/pre-commit/pre-commit-hooks
    rev: v4.5.0
    hooks:
      - id: trailing-whitespace
  # linting
  - repo: https://github.com/PyCQA/flake8
    rev: 7.0.0
    hooks:
      - id: flake8
        additional_dependencies: [flake8-bugbear==24.2.6]
  - repo: https://github.com/psf/black
    rev: 24.2.0
    hooks:
      - id: black  # formatting
  - repo: local
    hooks:
      - id: isort
        name: isort
        entry: isort
        language: system
      # type checks
      - id: mypy
        name: mypy
        entry: mypy
        language: system
"""
REPLACED = """\
# hooks for the project
repos:
  - repo: https://github.com/pre-commit/pre-commit-hooks
    rev: v4.5.0
    hooks:
      - id: trailing-whitespace
  - repo: https://github.com/adopt-fast/adopt-fast
    rev: v{version}
    hooks:
      - id: adopt-fast-cache-ignore
      - id: adopt-fast-fix-imports
      - id: adopt-fast-lint
        args: [--fix]
      - id: adopt-fast-format
  - repo: local
    hooks:
      # type checks
      - id: mypy
        name: mypy
        entry: mypy
        language: system
"""


def test_hooks_replaced_in_place_keeping_comments_and_other_hooks(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from adopt_fast import __version__

    write(demo, {".pre-commit-config.yaml": HOOKS})
    assert main(["migrate", str(demo)]) == 1
    assert (
        "replaced flake8, black, isort with adopt-fast-cache-ignore, adopt-fast-fix-imports, "
        "adopt-fast-lint and adopt-fast-format"
    ) in (capsys.readouterr().out)
    text = (demo / ".pre-commit-config.yaml").read_text()
    assert text == REPLACED.format(version=__version__)
    validate = subprocess.run(
        [script("pre-commit"), "validate-config", ".pre-commit-config.yaml"],
        cwd=demo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert validate.returncode == 0, validate.stdout + validate.stderr
    assert main(["migrate", str(demo)]) == 0
    assert (demo / ".pre-commit-config.yaml").read_text() == text


@pytest.mark.parametrize(
    ("hook_ids", "added"),
    [
        pytest.param(
            ["black"], ["adopt-fast-cache-ignore", "adopt-fast-format"], id="black-only-format-only"
        ),
        pytest.param(
            ["isort", "pyupgrade"],
            ["adopt-fast-cache-ignore", "adopt-fast-fix-imports", "adopt-fast-lint"],
            id="no-black-no-formatter",
        ),
        pytest.param(
            ["autoflake", "flake8", "black"],
            [
                "adopt-fast-cache-ignore",
                "adopt-fast-fix-imports",
                "adopt-fast-lint",
                "adopt-fast-format",
            ],
            id="init-order-cache-fix-imports-lint-format",
        ),
    ],
)
def test_which_hooks_replace_the_old_ones(
    tmp_path: Path, hook_ids: list[str], added: list[str]
) -> None:
    config = "repos:\n" + "".join(
        f"-   repo: https://example.com/{h}\n    rev: '1'\n    hooks:\n    -   id: {h}\n"
        for h in hook_ids
    )
    write(tmp_path, {".pre-commit-config.yaml": config})
    assert main(["migrate", str(tmp_path)]) == 1
    import yaml

    data = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text())
    assert [[h["id"] for h in r["hooks"]] for r in data["repos"]] == [added]
    for hook in data["repos"][0]["hooks"]:
        assert hook.get("args", []) == (["--fix"] if hook["id"] == "adopt-fast-lint" else [])


def test_ruff_pre_commit_already_there_gets_no_second_ruff_hook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        tmp_path,
        {
            ".pre-commit-config.yaml": (
                "repos:\n-   repo: https://github.com/astral-sh/ruff-pre-commit\n    rev: v0.5.0\n"
                "    hooks:\n    -   id: ruff\n-   repo: https://github.com/psf/black\n    rev: 24.2.0\n"
                "    hooks:\n    -   id: black\n"
            )
        },
    )
    main(["migrate", str(tmp_path)])
    out = capsys.readouterr().out
    assert "already runs astral-sh/ruff-pre-commit" in out
    text = (tmp_path / ".pre-commit-config.yaml").read_text()
    assert "id: black" in text and "adopt-fast" not in text and "id: ruff" in text
    assert "black kept (no ruff-pre-commit hook does its job)" in out


KITCHEN_SINK = {
    "setup.cfg": """\
[flake8]
max-line-length = 100
max-doc-length = 90
select = B,C,E,F,W,B9,Q0,N,D,ANN,S,PT,ISC,T100,T20,I25,R50,E800,TC0,Y0,A,SIM,C4
extend-select = PL100
ignore = E203,W503,E501,B950,D203
per-file-ignores =
    tests/*: S101,ANN,D
max-complexity = 15
docstring-convention = numpy
inline-quotes = '
multiline-quotes = \"\"\"
avoid-escape = true
classmethod-decorators = classmethod,validator
ignore-names = setUp,tearDown
extend-immutable-calls = Depends
builtins-ignorelist = id,type
ban-relative-imports = parents
pytest-fixture-no-parentheses = true
pytest-parametrize-names-type = csv
exclude = .git,build,migrations
""",
    "pyproject.toml": """\
[project]
name = "ks"
requires-python = ">=3.8"

[tool.black]
line-length = 100
skip-string-normalization = true
skip-magic-trailing-comma = true

[tool.isort]
profile = "black"
known_first_party = ["ks"]
src_paths = ["src", "tests"]
force_sort_within_sections = true
combine_as_imports = true
""",
    ".pre-commit-config.yaml": """\
repos:
- repo: https://github.com/PyCQA/flake8
  rev: 7.0.0
  hooks:
  - id: flake8
    additional_dependencies: [flake8-bugbear, flake8-quotes, pep8-naming, flake8-docstrings,
      flake8-annotations, flake8-bandit, flake8-pytest-style, flake8-commas,
      flake8-implicit-str-concat, flake8-tidy-imports, flake8-return, flake8-eradicate]
- repo: https://github.com/asottile/pyupgrade
  rev: v3.15.0
  hooks:
  - id: pyupgrade
    args: [--py39-plus, --keep-runtime-typing]
- repo: https://github.com/PyCQA/autoflake
  rev: v2.3.1
  hooks:
  - id: autoflake
    args: [--in-place, --remove-all-unused-imports, --remove-unused-variables]
""",
    "ks/__init__.py": '"""Kitchen sink."""\n',
}


def test_every_option_at_once_gives_a_config_ruff_takes_without_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, KITCHEN_SINK)
    assert main(["migrate", "--no-measure", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    for tool in ("check", "format"):
        done = ruff(tmp_path, tool, "--no-cache", ".")
        assert done.returncode == 0, done.stdout + done.stderr
        assert done.stderr == "", done.stderr
    # flake8-commas and implicit-str-concat codes that fight the formatter are ignored, loudly.
    assert "COM812: conflicts with `ruff format`" in out
    assert "ISC001: conflicts with `ruff format`" in out


def test_crlf_pre_commit_config_stays_crlf(demo: Path) -> None:
    write(demo, {".pre-commit-config.yaml": HOOKS.replace("\n", "\r\n")})
    assert main(["migrate", "--no-measure", str(demo)]) == 1
    data = (demo / ".pre-commit-config.yaml").read_bytes()
    assert b"adopt-fast-lint\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")


def test_read_only_pre_commit_config_writes_nothing(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = demo / ".pre-commit-config.yaml"
    config.chmod(0o444)
    before = snapshot(demo)
    assert main(["migrate", "--no-measure", str(demo)]) == 2
    assert "is read-only; left untouched" in capsys.readouterr().err
    assert snapshot(demo) == before


def test_without_pre_commit_config_the_hooks_are_suggested(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, {"setup.cfg": "[flake8]\nmax-line-length = 100\n"})
    assert main(["migrate", "--no-measure", str(tmp_path)]) == 1
    assert "no .pre-commit-config.yaml" in capsys.readouterr().out


def test_ruff_warnings_about_the_new_settings_are_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # isort's lines_after_imports = 3 is a setting `ruff format` cannot keep; Ruff says so.
    write(
        tmp_path,
        {"setup.cfg": "[isort]\nlines_after_imports = 3\n", "pyproject.toml": "[tool.black]\n"},
    )
    assert main(["migrate", "--no-measure", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "note: Ruff warns about the new settings: " in out
    assert "lines-after-imports" in out


def test_subproject_config_extends_the_parent_one(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "pyproject.toml": "[tool.ruff]\nline-length = 100\n",
            "pkg/setup.cfg": "[flake8]\nselect = E,F\n",
            "pkg/a.py": "x = 1\n",
        },
    )
    assert main(["migrate", "--no-measure", str(tmp_path / "pkg")]) == 1
    text = (tmp_path / "pkg" / "ruff.toml").read_text()
    assert 'extend = "../pyproject.toml"' in text
    done = ruff(tmp_path / "pkg", "check", "--no-cache", ".")
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert main(["migrate", "--no-measure", str(tmp_path / "pkg")]) == 0


def test_the_users_own_ruff_values_win_and_the_report_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        tmp_path,
        {
            "pyproject.toml": "[tool.ruff]\nline-length = 120\n",
            "setup.cfg": "[flake8]\nmax-line-length = 100\nmax-complexity = 8\n",
        },
    )
    assert main(["migrate", "--no-measure", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "your Ruff configuration sets line-length = 120; kept (the old tools said 100" in out
    text = (tmp_path / "pyproject.toml").read_text()
    assert "line-length = 120\n" in text and "100" not in text
    assert "max-complexity = 8" in text


def test_unknown_target_version_is_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, {"pyproject.toml": "[tool.black]\ntarget-version = ['py399']\n"})
    assert main(["migrate", "--no-measure", str(tmp_path)]) == 0
    assert "target-version: py399 is not a version Ruff knows" in capsys.readouterr().out


def test_settings_ruff_rejects_are_never_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The translation never produces such a value; the fault is caused on purpose to prove
    # that the pinned Ruff vets the planned file before anything is written.
    from adopt_fast.migrate import rules

    monkeypatch.setattr(rules, "target_versions", lambda: frozenset({"py399"}))
    before = write(tmp_path, {"pyproject.toml": "[tool.black]\ntarget-version = ['py399']\n"})
    assert main(["migrate", "--no-measure", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "the translated Ruff settings are rejected by Ruff" in err and "py399" in err
    assert snapshot(tmp_path) == before
