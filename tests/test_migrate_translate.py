"""Translation of each old tool's options into Ruff settings (table-driven, real files)."""

from __future__ import annotations

from pathlib import Path

import pytest

from adopt_fast.migrate.translate import translate_project

FLAKE8_HOOK = """\
repos:
  - repo: https://github.com/PyCQA/flake8
    rev: 7.0.0
    hooks:
      - id: flake8
        additional_dependencies: [{plugins}]
"""


def project(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def translate(
    tmp_path: Path, files: dict[str, str]
) -> tuple[dict[str, object], set[str], set[str]]:
    """(the Ruff table, items left out, items that need no setting)."""
    _, t = translate_project(str(project(tmp_path, files)))
    return (
        t.settings.as_table(),
        {u.item for u in t.untranslatable},
        {u.item for u in t.no_setting_needed},
    )


def lint(table: dict[str, object]) -> dict[str, object]:
    value = table.get("lint", {})
    assert isinstance(value, dict)
    return value


def hook(plugins: str = "", args: str = "") -> str:
    text = FLAKE8_HOOK.format(plugins=plugins)
    return text + (f"        args: [{args}]\n" if args else "")


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            {"setup.cfg": "[flake8]\nmax-line-length = 100\n"},
            {"line-length": 100},
            id="max-line-length-without-black",
        ),
        pytest.param(
            {".flake8": "[flake8]\nselect = F\n"},
            {"line-length": 79},
            id="flake8-default-79-without-black",
        ),
        pytest.param(
            {
                "tox.ini": "[flake8]\nmax_line_length = 88\n",
                "pyproject.toml": "[tool.black]\nline-length = 88\n",
            },
            {"line-length": 88},
            id="flake8-equals-black",
        ),
        pytest.param(
            {"setup.cfg": "[flake8]\nmax-line-length = 100\n", "pyproject.toml": "[tool.black]\n"},
            {"lint": {"pycodestyle": {"max-line-length": 100}}},
            id="flake8-longer-than-black-keeps-E501-limit",
        ),
        pytest.param(
            {
                "setup.cfg": "[flake8]\nmax-line-length = 100\nextend-ignore = E501\n",
                "pyproject.toml": "[tool.black]\n",
            },
            {"lint": {"ignore": ["E501"]}},
            id="E501-ignored-no-separate-limit",
        ),
    ],
)
def test_line_length(tmp_path: Path, files: dict[str, str], expected: dict[str, object]) -> None:
    table, _, _ = translate(tmp_path, files)
    for key, value in expected.items():
        if key == "lint":
            assert isinstance(value, dict)
            for sub, subvalue in value.items():
                assert lint(table)[sub] == subvalue
        else:
            assert table[key] == value
    if "pycodestyle" not in str(expected):
        assert "pycodestyle" not in lint(table)


@pytest.mark.parametrize(
    ("config", "plugins", "key", "expected", "left_out"),
    [
        pytest.param(
            "select = E,F,W\n",
            "",
            "select",
            ["E", "F", "W"],
            {"E", "W"},
            id="select-replaces-defaults",
        ),
        pytest.param(
            "extend-select = B950,B9\n",
            "flake8-bugbear",
            "select",
            ["E", "W", "F", "B"],
            {"B950", "B9"},
            id="bugbear-B950-left-out",
        ),
        pytest.param(
            "select = B,C4,SIM,D,N\n",
            "flake8-bugbear, flake8-comprehensions, flake8-simplify, flake8-docstrings, "
            "pep8-naming",
            "select",
            ["B", "C4", "SIM", "D", "N"],
            {"B", "D"},
            id="plugin-codes-keep-their-names",
        ),
        pytest.param(
            "select = R501,E800,I251,C812,PL123\n",
            "flake8-return, flake8-eradicate, flake8-tidy-imports, flake8-commas, "
            "flake8-use-pathlib",
            "select",
            ["RET501", "ERA001", "TID251", "COM812", "PTH123"],
            set(),
            id="plugin-codes-renamed-by-ruff",
        ),
        pytest.param(
            "select = T100\n",
            "flake8-fixme",
            "select",
            ["FIX001"],
            set(),
            id="T100-is-flake8-fixme-when-installed",
        ),
        pytest.param(
            "select = T100\n",
            "flake8-debugger",
            "select",
            ["T100"],
            set(),
            id="T100-is-flake8-debugger-when-installed",
        ),
        pytest.param(
            "select = C\nmax-complexity = 10\n",
            "flake8-comprehensions",
            "select",
            ["C90", "C4"],
            set(),
            id="broad-C-covers-installed-plugins",
        ),
        pytest.param(
            "select = E2,DAR,BLK100\n",
            "darglint, flake8-black",
            "select",
            [],
            {"E2", "DAR", "BLK100"},
            id="preview-only-and-unimplemented-left-out",
        ),
        pytest.param(
            "extend-ignore = E203,W503,E501\n",
            "",
            "ignore",
            ["E501"],
            set(),
            id="preview-only-E203-and-W503-need-nothing",
        ),
        pytest.param(
            "ignore = E1,E501\nextend-ignore = D1\n",
            "flake8-docstrings",
            "ignore",
            ["E1", "E501", "D1"],
            set(),
            id="ignore-and-extend-ignore",
        ),
    ],
)
def test_selection(
    tmp_path: Path, config: str, plugins: str, key: str, expected: list[str], left_out: set[str]
) -> None:
    table, untranslatable, _ = translate(
        tmp_path,
        {
            "setup.cfg": "[flake8]\nmax-line-length = 88\n" + config,
            ".pre-commit-config.yaml": hook(plugins),
        },
    )
    assert lint(table).get(key, []) == expected
    assert left_out <= untranslatable


def test_defaults_follow_installed_plugins(tmp_path: Path) -> None:
    table, _, _ = translate(
        tmp_path,
        {
            ".pre-commit-config.yaml": hook(
                "flake8-bugbear==24.2.6, flake8-comprehensions, "
                "flake8-simplify, flake8-docstrings, pep8-naming"
            )
        },
    )
    assert lint(table)["select"] == ["E", "W", "F", "B", "C4", "SIM", "D", "N"]


def test_W503_with_black_is_not_left_out(tmp_path: Path) -> None:
    _, untranslatable, no_setting = translate(
        tmp_path,
        {
            "setup.cfg": "[flake8]\nmax-line-length = 88\nextend-ignore = E203, W503\n",
            "pyproject.toml": "[tool.black]\n",
        },
    )
    assert "W503" in no_setting
    assert "W503" not in untranslatable
    # E203 runs only in preview mode: ignoring it is not written (README), and says why.
    assert "E203" in no_setting and "E203" not in untranslatable


def test_per_file_ignores(tmp_path: Path) -> None:
    table, _, no_setting = translate(
        tmp_path,
        {
            "setup.cfg": """\
[flake8]
per-file-ignores =
    __init__.py: F401
    tests/*,./scripts/*.py: D100,D101 S101
    docs/conf.py:E501,W503
"""
        },
    )
    assert lint(table)["per-file-ignores"] == {
        "__init__.py": ["F401"],
        "tests/*": ["D100", "D101", "S101"],
        "scripts/*.py": ["D100", "D101", "S101"],
        "docs/conf.py": ["E501"],
    }
    assert "W503" in no_setting


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        pytest.param(
            "exclude = .git,__pycache__,build,docs/conf.py,./old/\n",
            ["docs/conf.py", "old"],
            id="exclude-keeps-ruff-defaults",
        ),
        pytest.param("extend-exclude = migrations\n", ["migrations"], id="extend-exclude"),
    ],
)
def test_exclude(tmp_path: Path, config: str, expected: list[str]) -> None:
    table, _, _ = translate(tmp_path, {"setup.cfg": "[flake8]\n" + config})
    assert table["extend-exclude"] == expected


@pytest.mark.parametrize(
    ("config", "written", "reason"),
    [
        pytest.param(
            "exclude = .git,__pycache__,build\n",
            None,
            ".git, __pycache__, build not written: Ruff's default excludes already cover them",
            id="all-covered-nothing-written",
        ),
        pytest.param(
            "exclude = .git,docs/conf.py\n",
            ["docs/conf.py"],
            ".git not written: Ruff's default excludes already cover it; docs/conf.py written "
            "as extend-exclude",
            id="part-written",
        ),
        pytest.param("exclude = docs/conf.py\n", ["docs/conf.py"], None, id="all-written"),
    ],
)
def test_exclude_report_says_what_is_written(
    tmp_path: Path, config: str, written: list[str] | None, reason: str | None
) -> None:
    _, t = translate_project(str(project(tmp_path, {"setup.cfg": "[flake8]\n" + config})))
    assert t.settings.as_table().get("extend-exclude") == written
    reasons = [u.reason for u in t.no_setting_needed if u.item == "exclude"]
    assert reasons == ([reason] if reason else []), reasons


@pytest.mark.parametrize(
    ("config", "expected", "extend_select"),
    [
        pytest.param(
            "max-complexity = 12\n",
            {"mccabe": {"max-complexity": 12}},
            ["F"],
            id="max-complexity-with-select-F-leaves-C901-off",
        ),
        pytest.param("max-complexity = -1\n", {}, ["F"], id="max-complexity-off"),
        pytest.param(
            "docstring-convention = numpy\n",
            {"pydocstyle": {"convention": "numpy"}},
            ["F"],
            id="docstring-convention",
        ),
        pytest.param(
            'multiline-quotes = """\n',
            {"flake8-quotes": {"multiline-quotes": "double"}},
            ["F"],
            id="flake8-quotes-triple",
        ),
        pytest.param(
            "inline-quotes = '\n",
            {"flake8-quotes": {"inline-quotes": "single"}},
            ["F"],
            id="flake8-quotes",
        ),
        pytest.param(
            "max-doc-length = 72\n",
            {"pycodestyle": {"max-doc-length": 72}},
            ["F", "W505"],
            id="max-doc-length",
        ),
        pytest.param(
            "application-import-names = mypkg\n",
            {"isort": {"known-first-party": ["mypkg"]}},
            ["F"],
            id="import-order-first-party",
        ),
        pytest.param(
            "ban-relative-imports = true\n",
            {"flake8-tidy-imports": {"ban-relative-imports": "all"}},
            ["F"],
            id="tidy-imports",
        ),
    ],
)
def test_flake8_settings(
    tmp_path: Path, config: str, expected: dict[str, object], extend_select: list[str]
) -> None:
    table, _, _ = translate(tmp_path, {"setup.cfg": "[flake8]\nselect = F\n" + config})
    for key, value in expected.items():
        assert lint(table)[key] == value
    assert lint(table).get("select", []) == extend_select


@pytest.mark.parametrize(
    ("option", "left_out"),
    [
        pytest.param("doctests = true", True, id="doctests"),
        pytest.param("hang-closing = true", True, id="hang-closing"),
        pytest.param("frobnicate-level = 3", True, id="unknown-option"),
        pytest.param("statistics = true", False, id="run-option"),
    ],
)
def test_flake8_options_never_silently_dropped(tmp_path: Path, option: str, left_out: bool) -> None:
    _, untranslatable, no_setting = translate(tmp_path, {"setup.cfg": f"[flake8]\n{option}\n"})
    name = option.split(" =")[0]
    assert (name in untranslatable) is left_out
    assert (name in no_setting) is not left_out


@pytest.mark.parametrize(
    ("files", "expected_isort", "expected_top"),
    [
        pytest.param(
            {
                "setup.cfg": "[isort]\nprofile = black\nknown_first_party = a,b\n"
                "known_third_party = c\nforce_single_line = True\n"
            },
            {
                "known-first-party": ["a", "b"],
                "known-third-party": ["c"],
                "force-single-line": True,
            },
            {},
            id="setup-cfg",
        ),
        pytest.param(
            {
                "pyproject.toml": "[tool.isort]\nprofile = 'black'\nsrc_paths = ['src', "
                "'tests']\nknown_first_party = ['pkg']\n"
            },
            {"known-first-party": ["pkg"]},
            {"src": ["src", "tests"]},
            id="pyproject",
        ),
        pytest.param(
            {
                "setup.cfg": "[tool:isort]\ndefault_section = THIRDPARTY\nforced_separate = "
                "django\nfrom_first = true\nno_lines_before = LOCALFOLDER\n"
            },
            {
                "default-section": "third-party",
                "forced-separate": ["django"],
                "from-first": True,
                "no-lines-before": ["local-folder"],
            },
            {},
            id="setup-cfg-tool-isort",
        ),
        pytest.param(
            {
                ".isort.cfg": "[settings]\nforce_single_line = true\n",
                "setup.cfg": "[isort]\nknown_first_party = ignored\n",
            },
            {"force-single-line": True},
            {},
            id="isort-cfg-wins-like-isort",
        ),
    ],
)
def test_isort(
    tmp_path: Path,
    files: dict[str, str],
    expected_isort: dict[str, object],
    expected_top: dict[str, object],
) -> None:
    table, _, _ = translate(tmp_path, files)
    assert lint(table)["isort"] == expected_isort
    assert lint(table)["select"] == ["I"]
    for key, value in expected_top.items():
        assert table[key] == value


def test_isort_profile_black_needs_no_setting(tmp_path: Path) -> None:
    table, untranslatable, no_setting = translate(
        tmp_path,
        {
            "setup.cfg": (
                "[isort]\nprofile = black\nmulti_line_output = 3\ninclude_trailing_comma = true\n"
                "float_to_top = true\n"
            )
        },
    )
    assert {"profile", "multi-line-output", "include-trailing-comma"} <= no_setting
    assert untranslatable == {"float-to-top"}
    assert "isort" not in lint(table)


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            {
                "pyproject.toml": "[tool.black]\nline-length = 100\ntarget-version = "
                "['py310', 'py311']\nskip-string-normalization = true\n"
                "skip-magic-trailing-comma = true\n"
            },
            {
                "line-length": 100,
                "target-version": "py310",
                "format": {"quote-style": "preserve", "skip-magic-trailing-comma": True},
            },
            id="tool-black",
        ),
        pytest.param(
            {
                ".pre-commit-config.yaml": "repos:\n- repo: https://github.com/psf/black\n"
                "  rev: 24.2.0\n  hooks:\n  - id: black\n"
                "    args: [-l, '99', -S, -t, py39]\n"
            },
            {"line-length": 99, "target-version": "py39", "format": {"quote-style": "preserve"}},
            id="black-hook-args",
        ),
        pytest.param(
            {
                "pyproject.toml": "[project]\nrequires-python = '>=3.10'\n[tool.black]\n"
                "target-version = ['py310']\n"
            },
            {},
            id="target-version-implied-by-requires-python",
        ),
    ],
)
def test_black(tmp_path: Path, files: dict[str, str], expected: dict[str, object]) -> None:
    table, _, _ = translate(tmp_path, files)
    assert table == expected


@pytest.mark.parametrize(
    ("args", "requires", "expected", "ignore"),
    [
        pytest.param("--py38-plus", "", {"target-version": "py38"}, [], id="py38-plus"),
        pytest.param("--py38-plus", ">=3.8", {}, [], id="requires-python-says-it"),
        pytest.param(
            "--py311-plus, --keep-runtime-typing, --keep-percent-format",
            ">=3.8",
            {"target-version": "py311"},
            ["UP031"],
            id="keep-options",
        ),
    ],
)
def test_pyupgrade(
    tmp_path: Path, args: str, requires: str, expected: dict[str, object], ignore: list[str]
) -> None:
    files = {
        ".pre-commit-config.yaml": "repos:\n- repo: https://github.com/asottile/pyupgrade"
        f"\n  rev: v3.15.0\n  hooks:\n  - id: pyupgrade\n"
        f"    args: [{args}]\n"
    }
    if requires:
        files["pyproject.toml"] = f"[project]\nname = 'x'\nrequires-python = '{requires}'\n"
    table, _, _ = translate(tmp_path, files)
    assert lint(table)["select"] == ["UP"]
    assert lint(table).get("ignore", []) == ignore
    for key, value in expected.items():
        assert table[key] == value
    assert ("target-version" in table) is bool(expected)


@pytest.mark.parametrize(
    ("args", "extend_select", "left_out"),
    [
        pytest.param(
            "--in-place, --remove-all-unused-imports, --remove-unused-variables",
            ["F841"],
            set(),
            id="all-imports-and-variables",
        ),
        pytest.param(
            "--remove-all-unused-imports, --remove-duplicate-keys",
            ["F601"],
            set(),
            id="duplicate-keys",
        ),
        pytest.param(
            "--in-place",
            [],
            {"autoflake (without --remove-all-unused-imports)"},
            id="stdlib-only-is-a-behaviour-change",
        ),
        pytest.param(
            "--remove-all-unused-imports, --expand-star-imports",
            [],
            {"expand-star-imports"},
            id="star-imports-left-out",
        ),
    ],
)
def test_autoflake(tmp_path: Path, args: str, extend_select: list[str], left_out: set[str]) -> None:
    table, untranslatable, _ = translate(
        tmp_path,
        {
            ".pre-commit-config.yaml": "repos:\n- repo: https://github.com/PyCQA/autoflake\n"
            "  rev: v2.3.1\n  hooks:\n  - id: autoflake\n"
            f"    args: [{args}]\n"
        },
    )
    assert lint(table)["select"] == ["F401", *extend_select]
    assert untranslatable == left_out


def test_flake8_reads_setup_cfg_first_and_notes_the_others(tmp_path: Path) -> None:
    _, t = translate_project(
        str(
            project(
                tmp_path,
                {
                    "setup.cfg": "[flake8]\nmax-line-length = 90\n",
                    "tox.ini": "[flake8]\nmax-line-length = 120\n",
                },
            )
        )
    )
    assert t.settings.values[("line-length",)] == 90
    assert [str(o) for o in t.old_sections] == ["setup.cfg:1"]
    assert any(u.origin.path == "tox.ini" for u in t.no_setting_needed)


def test_hook_args_override_config(tmp_path: Path) -> None:
    table, _, _ = translate(
        tmp_path,
        {
            "setup.cfg": "[flake8]\nmax-line-length = 90\n",
            ".pre-commit-config.yaml": hook(args="--max-line-length=110"),
        },
    )
    assert table["line-length"] == 110


def test_every_left_out_item_has_a_place_and_a_reason(tmp_path: Path) -> None:
    _, t = translate_project(
        str(
            project(
                tmp_path,
                {
                    "setup.cfg": "[flake8]\nselect = E,W,F,B950,DAR\nignore = W503\ndoctests = true\n"
                },
            )
        )
    )
    assert t.untranslatable
    for item in t.untranslatable:
        assert item.origin.path == "setup.cfg" and item.origin.line and item.reason


@pytest.mark.parametrize(
    "config",
    [
        pytest.param("select = C,E,F,W\n", id="broad-C"),
        pytest.param("select = E,F,W,C90\n", id="C90"),
        pytest.param("extend-select = C901\n", id="extend-select-C901"),
        pytest.param("select = C,E,F,W\nmax-complexity = -1\n", id="max-complexity-off"),
    ],
)
def test_mccabe_stays_off_without_max_complexity(tmp_path: Path, config: str) -> None:
    # flake8's mccabe reports nothing until max-complexity is set; Ruff's C901 defaults to 10.
    _, t = translate_project(str(project(tmp_path, {"setup.cfg": "[flake8]\n" + config})))
    selected = t.settings.get_list(("lint", "select"))
    assert not [s for s in selected if s.startswith("C9")], selected
    absorbed = {u.item: u.reason for u in t.no_setting_needed}
    reason = (
        "not selected: flake8's mccabe reports nothing without max-complexity, while Ruff's "
        "C901 defaults to 10 (to check complexity, set lint.mccabe.max-complexity and select C901)"
    )
    assert [r for i, r in absorbed.items() if i.startswith("C9")] == [reason], absorbed


def test_max_complexity_turns_on_C901_with_flake8_defaults(tmp_path: Path) -> None:
    table, _, _ = translate(tmp_path, {"setup.cfg": "[flake8]\nmax-complexity = 12\n"})
    assert lint(table)["mccabe"] == {"max-complexity": 12}
    assert lint(table)["select"] == ["E", "W", "F", "C901"]


@pytest.mark.parametrize(
    ("files", "left_out"),
    [
        pytest.param(
            {"setup.cfg": "[flake8]\nmax-line-length = 140\n[isort]\nline_length = 120\n"},
            True,
            id="isort-wraps-at-a-different-length",
        ),
        pytest.param(
            {
                "setup.cfg": "[isort]\nprofile = black\nline_length = 88\n",
                "pyproject.toml": "[tool.black]\n",
            },
            False,
            id="isort-equals-black",
        ),
    ],
)
def test_isort_line_length(tmp_path: Path, files: dict[str, str], left_out: bool) -> None:
    _, untranslatable, no_setting = translate(tmp_path, files)
    assert ("line-length" in untranslatable) is left_out
    assert ("line-length" in no_setting) is not left_out


def test_unknown_plugins_are_reported_and_plain_dependencies_need_nothing(tmp_path: Path) -> None:
    _, untranslatable, no_setting = translate(
        tmp_path, {".pre-commit-config.yaml": hook("flake8-spelling-bee==1.0, pydocstyle>=6")}
    )
    assert "flake8-spelling-bee" in untranslatable
    assert "pydocstyle" in no_setting


@pytest.mark.parametrize(
    ("style", "isort"),
    [
        pytest.param(
            "google", {"force-sort-within-sections": True, "order-by-type": False}, id="google"
        ),
        pytest.param("smarkets", {"order-by-type": False}, id="smarkets"),
        pytest.param("pycharm", {"order-by-type": False, "case-sensitive": True}, id="pycharm"),
    ],
)
def test_import_order_style_becomes_isort_settings(
    tmp_path: Path, style: str, isort: dict[str, object]
) -> None:
    table, untranslatable, no_setting = translate(
        tmp_path,
        {
            ".pre-commit-config.yaml": hook("flake8-import-order"),
            "setup.cfg": f"[flake8]\nimport-order-style = {style}\n"
            "application-import-names = pkg\n",
        },
    )
    assert lint(table)["isort"] == {**isort, "known-first-party": ["pkg"]}
    assert "I001" in lint(table)["select"]  # flake8-import-order's I100/I101/I201/I202
    assert "import-order-style" not in untranslatable | no_setting


def test_import_order_style_ruff_cannot_express_is_reported_with_the_reason(
    tmp_path: Path,
) -> None:
    _, t = translate_project(
        str(
            project(
                tmp_path,
                {
                    ".pre-commit-config.yaml": hook("flake8-import-order"),
                    "setup.cfg": "[flake8]\nimport-order-style = cryptography\n",
                },
            )
        )
    )
    (reason,) = [u.reason for u in t.untranslatable if u.item.startswith("import-order-style")]
    assert "package by package" in reason and "reorders the imports" in reason


@pytest.mark.parametrize(
    ("files", "plugin"),
    [
        pytest.param(
            {
                ".pre-commit-config.yaml": hook("flake8-import-order"),
                "setup.cfg": "[flake8]\nselect = E,F\n",
            },
            "flake8-import-order",
            id="hook-plugin-outside-select",
        ),
        pytest.param(
            {
                ".pre-commit-config.yaml": hook("flake8-docstrings"),
                "setup.cfg": "[flake8]\nextend-ignore = D\n",
            },
            "flake8-docstrings",
            id="hook-plugin-all-ignored",
        ),
    ],
)
def test_every_installed_plugin_is_accounted_for(
    tmp_path: Path, files: dict[str, str], plugin: str
) -> None:
    _, t = translate_project(str(project(tmp_path, files)))
    report = [str(u) for u in t.untranslatable + t.no_setting_needed]
    assert any(plugin in line for line in report), report


def test_codes_of_plugins_not_installed_are_not_selected(tmp_path: Path) -> None:
    table, _, no_setting = translate(
        tmp_path, {"setup.cfg": "[flake8]\nenable-extensions = G\nextend-select = B\n"}
    )
    assert "G" not in lint(table)["select"] and "B" not in lint(table)["select"]
    assert {"G", "B"} <= no_setting


@pytest.mark.parametrize(
    "files",
    [
        pytest.param({"requirements-dev.txt": "flake8\nflake8-logging-format==0.9\n"}, id="reqs"),
        pytest.param({"tox.ini": "[testenv:lint]\ndeps =\n  flake8-logging-format\n"}, id="tox"),
        pytest.param(
            {
                "pyproject.toml": '[project]\nname = "x"\n'
                '[project.optional-dependencies]\nlint = ["flake8-logging-format"]\n'
            },
            id="extras",
        ),
    ],
)
def test_plugins_installed_outside_the_hook_count(tmp_path: Path, files: dict[str, str]) -> None:
    table, _, _ = translate(tmp_path, {"setup.cfg": "[flake8]\nenable-extensions = G\n", **files})
    assert "G" in lint(table)["select"]


def test_a_selector_is_never_both_selected_and_ignored(tmp_path: Path) -> None:
    table, _, no_setting = translate(
        tmp_path,
        {
            ".pre-commit-config.yaml": hook("flake8-docstrings, flake8-bugbear"),
            "setup.cfg": "[flake8]\nextend-ignore = D,B950\n",
        },
    )
    assert "D" not in lint(table)["select"] and "D" in lint(table)["ignore"]
    assert "B" in lint(table)["select"]
    assert "D" in no_setting
