"""The Ruff config merge: inputs that must not change, and (input, expected) pairs."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

from adopt_fast.edits.ruffconfig import plan_ruff_config, unexpected_change
from adopt_fast.errors import InputError

SELECTORS = {"F": "pyflakes", "B": "bugbear"}


def merge(tmp_path: Path, files: dict[str, str], **kwargs: Any) -> dict[str, str] | None:
    """Write `files`, merge, apply; the changed file's new text, or None for no change."""
    for name, text in files.items():
        (tmp_path / name).write_bytes(text.encode("utf-8"))
    kwargs.setdefault("lint_selectors", SELECTORS)
    change = plan_ruff_config(str(tmp_path), **kwargs)
    if change is None:
        return None
    change.apply()
    assert plan_ruff_config(str(tmp_path), **kwargs) is None, "a second merge must be a no-op"
    return {os.path.basename(change.path): Path(change.path).read_bytes().decode("utf-8")}


@pytest.mark.parametrize(
    ("files", "kwargs"),
    [
        pytest.param(
            {"ruff.toml": 'extend = "base.toml"\n', "base.toml": '[lint]\nselect = ["F", "B"]\n'},
            {},
            id="selected-in-extended-config",
        ),
        pytest.param(
            {
                "pyproject.toml": '[tool.ruff]\nextend = "base.toml"\n',
                "base.toml": 'extend = "root.toml"\n[lint]\nextend-select = ["B"]\n',
                "root.toml": '[lint]\nselect = ["F"]\n',
            },
            {},
            id="extend-chain",
        ),
    ],
)
def test_unchanged_through_extend(
    tmp_path: Path, files: dict[str, str], kwargs: dict[str, Any]
) -> None:
    assert merge(tmp_path, files, **kwargs) is None


def test_child_select_replaces_extended_selection(tmp_path: Path) -> None:
    files = {
        "ruff.toml": 'extend = "base.toml"\n[lint]\nselect = ["E"]\n',
        "base.toml": '[lint]\nselect = ["F", "B"]\n',
    }
    assert merge(tmp_path, files) == {
        "ruff.toml": 'extend = "base.toml"\n[lint]\nselect = ["E"]\nextend-select = [\n'
        '    "F",  # pyflakes\n    "B",  # bugbear\n]\n'
    }
    assert (tmp_path / "base.toml").read_text() == files["base.toml"]


def test_extend_of_a_missing_file(tmp_path: Path) -> None:
    (tmp_path / "ruff.toml").write_text('line-length = 99\nextend = "nope.toml"\n')
    with pytest.raises(InputError, match="extends nope.toml, which does not exist") as info:
        plan_ruff_config(str(tmp_path), lint_selectors=SELECTORS)
    assert info.value.line == 2


@pytest.mark.parametrize(
    ("files", "kwargs"),
    [
        pytest.param(
            {"pyproject.toml": '[tool.ruff.lint]\nextend-select = ["F", "B"]\n'},
            {},
            id="already-extended",
        ),
        pytest.param({"pyproject.toml": '[tool.ruff.lint]\nselect = ["ALL"]\n'}, {}, id="ALL"),
        pytest.param(
            {"pyproject.toml": '[tool.ruff.lint]\nselect = ["F"]\nignore = ["B"]\n'},
            {},
            id="user-ignores-family",
        ),
        pytest.param(
            {"ruff.toml": 'select = ["F", "B0"]\nextend-select = ["B9"]\n'},
            {"lint_selectors": {"F401": "", "B006": "", "B950": ""}},
            id="deprecated-top-level-covers",
        ),
        pytest.param(
            {"pyproject.toml": "[tool.ruff]\nline-length = 79\nlint.select = ['F', 'B']\n"},
            {"settings": {"line-length": 100}},
            id="user-line-length-wins",
        ),
        pytest.param(
            {"ruff.toml": '[lint]\nselect = ["F", "B"]\nignore = ["W191"]\n'},
            {"ignores": {"W191": "formatter"}},
            id="ignore-present",
        ),
        pytest.param(
            {"ruff.toml": '[lint]\nselect = ["F", "B", "W191"]\n'},
            {"ignores": {"W191": "formatter"}},
            id="ignore-not-over-explicit-select",
        ),
        pytest.param(
            {
                "ruff.toml": '[lint]\nselect = ["F", "B"]\n[lint.per-file-ignores]\n'
                '"tests/*" = ["S"]\n'
            },
            {"per_file_ignores": {"tests/*": ["S101"]}},
            id="per-file-covered",
        ),
    ],
)
def test_unchanged(tmp_path: Path, files: dict[str, str], kwargs: dict[str, Any]) -> None:
    assert merge(tmp_path, files, **kwargs) is None


NEW_LINT = '[lint]\nextend-select = [\n    "F",  # pyflakes\n    "B",  # bugbear\n]\n'


@pytest.mark.parametrize(
    ("files", "kwargs", "expected"),
    [
        pytest.param({}, {}, {"ruff.toml": NEW_LINT}, id="nothing-creates-ruff-toml"),
        pytest.param(
            {"pyproject.toml": '[project]\nname = "x"  # mine\n'},
            {},
            {
                "pyproject.toml": '[project]\nname = "x"  # mine\n\n[tool.ruff.lint]\nextend-select = '
                '[\n    "F",  # pyflakes\n    "B",  # bugbear\n]\n'
            },
            id="pyproject-without-ruff",
        ),
        pytest.param(
            {"pyproject.toml": "[tool.ruff]\nline-length = 99\n", "ruff.toml": "# mine\n"},
            {},
            {"ruff.toml": "# mine\n\n" + NEW_LINT},
            id="ruff-toml-before-pyproject",
        ),
        pytest.param(
            {"ruff.toml": "# r\n", ".ruff.toml": "# dot\n"},
            {},
            {".ruff.toml": "# dot\n\n" + NEW_LINT},
            id="dot-ruff-toml-first",
        ),
        pytest.param(
            {"ruff.toml": '[lint]\nextend-select = [\n  "E",  # errors\n  "F"\n]  # end\n'},
            {},
            {
                "ruff.toml": '[lint]\nextend-select = [\n  "E",  # errors\n  "F",\n  "B",  # bugbear\n'
                "]  # end\n"
            },
            id="multi-line-array-extended",
        ),
        pytest.param(
            {"ruff.toml": "[lint]\nselect = ['E']  # keep\n"},
            {},
            {
                "ruff.toml": "[lint]\nselect = ['E']  # keep\nextend-select = [\n    \"F\",  # pyflakes"
                '\n    "B",  # bugbear\n]\n'
            },
            id="select-kept-extend-select-added",
        ),
        pytest.param(
            {"ruff.toml": 'extend-select = ["E"]\n'},
            {},
            {"ruff.toml": 'extend-select = ["E", "F", "B"]\n'},
            id="deprecated-top-level-extended",
        ),
        pytest.param(
            {"pyproject.toml": '[tool.ruff]\nlint.select = ["E"]  # mine\n\n[tool.mypy]\n'},
            {},
            {
                "pyproject.toml": '[tool.ruff]\nlint.select = ["E"]  # mine\nlint.extend-select = [\n'
                '    "F",  # pyflakes\n    "B",  # bugbear\n]\n\n[tool.mypy]\n'
            },
            id="dotted-lint-stays-dotted",
        ),
        pytest.param(
            {"ruff.toml": '[lint]\r\nextend-select = ["F"]\r\n'},
            {},
            {"ruff.toml": '[lint]\r\nextend-select = ["F", "B"]\r\n'},
            id="crlf",
        ),
        pytest.param(
            {"ruff.toml": '\ufeff[lint]\nextend-select = ["F"]'},
            {},
            {"ruff.toml": '\ufeff[lint]\nextend-select = ["F", "B"]'},
            id="bom-and-no-final-newline",
        ),
        pytest.param(
            {"ruff.toml": "[lint]\r\nselect = ['F', 'B']"},
            {"settings": {"lint.mccabe.max-complexity": 12, "format.quote-style": "single"}},
            {
                "ruff.toml": "[lint]\r\nselect = ['F', 'B']\r\n[lint.mccabe]\r\nmax-complexity = 12"
                '\r\n\r\n[format]\r\nquote-style = "single"'
            },
            id="nested-settings-crlf-no-final-newline",
        ),
        pytest.param(
            {"ruff.toml": '[lint]\nselect = ["F", "B"]\n[lint.isort]\nknown-first-party = ["a"]\n'},
            {"settings": {"lint.isort.known-first-party": ["a", "b"], "src": ["src"]}},
            {
                "ruff.toml": 'src = ["src"]\n\n[lint]\nselect = ["F", "B"]\n[lint.isort]\n'
                'known-first-party = ["a", "b"]\n'
            },
            id="list-settings-extended",
        ),
        pytest.param(
            {"ruff.toml": 'select = ["F", "B"]\n[isort]\nknown-first-party = ["a"]\n'},
            {"settings": {"lint.isort.known-first-party": ["b"]}},
            {"ruff.toml": 'select = ["F", "B"]\n[isort]\nknown-first-party = ["a", "b"]\n'},
            id="deprecated-section-extended-in-place",
        ),
        pytest.param(
            {
                "ruff.toml": '[lint]\nselect = ["F", "B"]\n\n[lint.per-file-ignores]\n'
                '"tests/*" = ["S101"]\n'
            },
            {"per_file_ignores": {"tests/*": ["S101", "D"], "docs/*": ["INP001"]}},
            {
                "ruff.toml": '[lint]\nselect = ["F", "B"]\n\n[lint.per-file-ignores]\n'
                '"tests/*" = ["S101", "D"]\n"docs/*" = ["INP001"]\n'
            },
            id="per-file-ignores",
        ),
        pytest.param(
            {"ruff.toml": '[lint]\nselect = ["E"]\n'},
            {"lint_selectors": {"EXE": "", "E4": ""}},
            {"ruff.toml": '[lint]\nselect = ["E"]\nextend-select = ["EXE"]\n'},
            id="E-does-not-cover-EXE",
        ),
        pytest.param(
            {"ruff.toml": '[lint]\nselect = ["B"]\nignore = ["B006"]\n'},
            {"lint_selectors": {"B": "", "BLE": ""}},
            {"ruff.toml": '[lint]\nselect = ["B"]\nignore = ["B006"]\nextend-select = ["BLE"]\n'},
            id="specific-ignore-kept",
        ),
    ],
)
def test_merged(
    tmp_path: Path, files: dict[str, str], kwargs: dict[str, Any], expected: dict[str, str]
) -> None:
    assert merge(tmp_path, files, **kwargs) == expected


@pytest.mark.parametrize(
    ("text", "line", "what"),
    [
        pytest.param(
            '[tool.ruff]\nselect = "E"\n',
            2,
            "`tool.ruff.select` must be an array",
            id="select-string",
        ),
        pytest.param(
            '[tool.ruff.lint]\nignore = ["E"]\nignore = ["F"]\n',
            3,
            "Cannot overwrite",
            id="duplicate-key",
        ),
        pytest.param("[tool.ruff\n", 1, "is not valid TOML", id="invalid"),
        pytest.param("", None, "is empty", id="empty"),
        pytest.param(
            "[tool.ruff]\nlint = 3\n", 2, "`tool.ruff.lint` must be a table", id="lint-not-table"
        ),
    ],
)
def test_bad_input(tmp_path: Path, text: str, line: int | None, what: str) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text(text)
    with pytest.raises(InputError) as info:
        plan_ruff_config(str(tmp_path), lint_selectors=SELECTORS)
    assert what in str(info.value)
    assert info.value.line == line
    assert path.read_text() == text


def test_read_only_refused(tmp_path: Path) -> None:
    path = tmp_path / "ruff.toml"
    path.write_text("[lint]\n")
    path.chmod(stat.S_IRUSR)
    with pytest.raises(InputError, match="read-only"):
        plan_ruff_config(str(tmp_path), lint_selectors=SELECTORS)


R = "[tool.ruff]\n"
M = "[[tool.mypy.overrides]]\nmodule = 'a'\n"


@pytest.mark.parametrize(
    ("old", "new", "ok"),
    [
        pytest.param(R + "a = 1\n", R + "a = 1\nb = 2\n", True, id="added-line"),
        pytest.param(R + 'a = ["x"]\n', R + 'a = ["x", "y"]\n', True, id="extended-line"),
        pytest.param(R + "a = 1  # c\n", R + "a = 1\n", False, id="comment-lost"),
        pytest.param(R + "a = 1\nb = 2\n", R + "b = 2\n", False, id="line-removed"),
        pytest.param(R + "a = 'x'\n", R + 'a = "x"\n', False, id="quoting-changed"),
        pytest.param(R + "a = 1", R + "a = 1\nb = 2\n", True, id="last-line-gains-newline"),
        pytest.param(R + "a = 1\r\n", R + "a = 1\n", False, id="line-ending-changed"),
        # tomlkit re-spaces a padded header of another tool; characters were only removed
        # there, but a subsequence test over the whole changed block let it through.
        pytest.param(
            "[[ tool.mypy.overrides ]]\nm = 1\n",
            "[[tool.mypy.overrides ]]\nm = 1\n\n[tool.ruff]\nx = 1\n",
            False,
            id="other-header-respaced",
        ),
        pytest.param(
            "[ tool.ruff ]\nx = 1\n\n" + M,
            "[ tool.ruff ]\nx = 1\n\n[tool.ruff.lint]\ns = []\n[[ tool.mypy.overrides]]\n"
            "module = 'a'\n",
            False,
            id="later-aot-header-rewritten",
        ),
        pytest.param(
            "[tool.mypy]\nx = [1]\n" + R,
            "[tool.mypy]\nx = [1, 2]\n" + R,
            False,
            id="array-outside-ruff-extended",
        ),
        pytest.param(
            "[tool.mypy]\nx = 1\n" + R,
            "[tool.mypy]\nx = 1\ny = 2\n" + R,
            False,
            id="line-added-outside-ruff",
        ),
        pytest.param(
            "[tool]\nruff.lint.select = [\n    'E',\n]\n",
            "[tool]\nruff.lint.select = [\n    'E',\n    'F',\n]\n",
            True,
            id="dotted-ruff-array-under-tool",
        ),
        pytest.param(
            'x = """\n[tool.ruff]\n"""\n',
            'x = """\n[tool.ruff]\ny = 1\n"""\n',
            False,
            id="header-inside-a-string-is-no-table",
        ),
    ],
)
def test_unexpected_change(old: str, new: str, ok: bool) -> None:
    assert (unexpected_change(old, new) is None) == ok


def test_unexpected_change_in_ruff_toml() -> None:
    assert unexpected_change('a = ["x"]\n', 'a = ["x", "y"]\nb = 1\n', in_pyproject=False) is None
    assert unexpected_change("a = 1  # c\n", "a = 1\n", in_pyproject=False) is not None


def test_unexpected_change_is_linear() -> None:
    """difflib with autojunk=False took 130 s on 1 MB of identical comment lines; this
    returns in ~0.3 s (benchmarks/edit_large_pyproject.py times init on 20 MB)."""
    old = "[project]\n" + "# same\n" * 200_000 + R + "a = 1\n"
    new = old + "b = 2\n"
    assert unexpected_change(old, new) is None
    assert unexpected_change(old, new.replace("# same", "#same", 1)) is not None
