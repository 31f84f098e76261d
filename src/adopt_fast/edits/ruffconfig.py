"""Merge settings into a project's Ruff configuration, keeping every other byte of the file.

The one entry point for editing Ruff configuration (`adopt-fast init`, `adopt-fast migrate`)
is `plan_ruff_config`. The file is read with tomllib, the merge is planned on plain data,
written with tomlkit by mutating tables in place (replacing a table drops its comments,
tomlkit #392), and the rendered text is then verified line by line against the original: the
only differences allowed are added lines and added characters on the lines of arrays it
extended. Anything else raises InputError and nothing is written.
"""

from __future__ import annotations

import copy
import dataclasses
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from adopt_fast.edits.change import Change
from adopt_fast.edits.ruffmodel import Addition, Path, RuffConfig
from adopt_fast.edits.textfile import ensure_writable
from adopt_fast.edits.tomlfile import key_line, loads, read_toml
from adopt_fast.edits.tomllines import is_insertion, lines_of
from adopt_fast.edits.tomlrender import render
from adopt_fast.errors import InputError
from adopt_fast.ruff import find_project_config
from adopt_fast.selectors import linters

# Lint settings Ruff still accepts at the top level of its table, with a deprecation warning
# ("The top-level linter settings are deprecated in favour of their counterparts in the
# `lint` section").
TOP_LEVEL_LINT_KEYS = frozenset(
    {
        "select",
        "extend-select",
        "ignore",
        "extend-ignore",
        "per-file-ignores",
        "extend-per-file-ignores",
        "fixable",
        "unfixable",
        "extend-fixable",
        "extend-safe-fixes",
        "extend-unsafe-fixes",
        "dummy-variable-rgx",
        "allowed-confusables",
        "external",
        "explicit-preview-rules",
        "logger-objects",
        "task-tags",
        "typing-modules",
        "flake8-annotations",
        "flake8-bandit",
        "flake8-boolean-trap",
        "flake8-bugbear",
        "flake8-builtins",
        "flake8-comprehensions",
        "flake8-copyright",
        "flake8-errmsg",
        "flake8-gettext",
        "flake8-implicit-str-concat",
        "flake8-import-conventions",
        "flake8-pytest-style",
        "flake8-quotes",
        "flake8-self",
        "flake8-tidy-imports",
        "flake8-type-checking",
        "flake8-unused-arguments",
        "isort",
        "mccabe",
        "pep8-naming",
        "pycodestyle",
        "pydocstyle",
        "pyflakes",
        "pylint",
        "pyupgrade",
    }
)
RULE_LIST_KEYS = (
    "select",
    "extend-select",
    "ignore",
    "extend-ignore",
    "fixable",
    "unfixable",
    "extend-fixable",
)


# tomlkit parses about 0.4 MiB a second: a larger file would keep init busy for minutes.
MAX_EDITED_CHARS = 2**20


def read_ruff_config(root: str) -> RuffConfig:
    """The governing config in Ruff's precedence, else pyproject.toml, else a new ruff.toml.

    Raises InputError (file, line, fix) for unreadable or invalid files and for Ruff settings
    of the wrong shape, such as `select = "E"` instead of an array.
    """
    path = find_project_config(root)
    if path is None:
        pyproject = os.path.join(root, "pyproject.toml")
        path = pyproject if os.path.lexists(pyproject) else os.path.join(root, "ruff.toml")
    in_pyproject = os.path.basename(path) == "pyproject.toml"
    if not os.path.lexists(path):
        return RuffConfig(path, None, {}, in_pyproject)
    file, data = read_toml(path)
    if in_pyproject and not file.text.strip():
        raise InputError(
            path,
            "is empty",
            "add a [project] table to it, or delete it so "
            "that adopt-fast creates ruff.toml instead",
        )
    config = RuffConfig(path, file, data, in_pyproject)
    _validate(config)
    return RuffConfig(path, file, data, in_pyproject, _extended(config))


def _extended(
    config: RuffConfig, extend: object = None, seen: tuple[str, ...] = ()
) -> tuple[RuffConfig, ...]:
    """The configs `config` extends (`extend = "../ruff.toml"`, or `extend` when given),
    nearest first. A chain that comes back to a file already in it is an InputError, as it
    is for Ruff ("Circular configuration detected")."""
    extend = config.table.get("extend") if extend is None else extend
    if not isinstance(extend, str):
        return ()
    seen = seen or (os.path.realpath(config.path),)
    folder = os.path.dirname(os.path.abspath(config.path))
    target = os.path.normpath(os.path.join(folder, os.path.expandvars(os.path.expanduser(extend))))
    line = key_line(config.file.text, "extend") if config.file is not None else None
    if not os.path.isfile(target):
        raise InputError(
            config.path,
            f"extends {extend}, which does not exist",
            "fix the `extend` path (Ruff fails on it too)",
            line=line,
        )
    if os.path.realpath(target) in seen:
        raise InputError(
            config.path,
            f"extends {extend}, which is already in its `extend` chain (circular)",
            "remove one `extend` of the cycle (Ruff fails on it too)",
            line=line,
        )
    file, data = read_toml(target)
    parent = RuffConfig(target, file, data, os.path.basename(target) == "pyproject.toml")
    _validate(parent)
    return (parent, *_extended(parent, seen=(*seen, os.path.realpath(target))))


def find_ancestor_config(root: str) -> str | None:
    """The Ruff config of the nearest folder above `root` that has one: the config Ruff uses
    for `root` while `root` has none of its own."""
    folder = os.path.dirname(os.path.abspath(root))
    while True:
        found = find_project_config(folder)
        if found is not None:
            return found
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _validate_tool(config: RuffConfig) -> None:
    """`tool` and `tool.ruff` of a pyproject.toml must be tables."""
    assert config.file is not None
    tool = config.data.get("tool", {})
    if not isinstance(tool, dict):
        raise InputError(
            config.path,
            "`tool` must be a table",
            "write the tools' settings as [tool.NAME] tables",
            line=key_line(config.file.text, "tool"),
        )
    ruff = tool.get("ruff", {})
    if isinstance(ruff, list):
        header = re.search(
            r"^[ \t]*\[\[[ \t]*tool[ \t]*\.[ \t]*ruff[ \t]*\]\]", config.file.text, re.MULTILINE
        )
        raise InputError(
            config.path,
            "`tool.ruff` must be a table, not an array of tables ([[tool.ruff]])",
            "write it as [tool.ruff]",
            line=None if header is None else config.file.text.count("\n", 0, header.start()) + 1,
        )
    if not isinstance(ruff, dict):
        raise InputError(
            config.path,
            "`tool.ruff` must be a table",
            "write it as [tool.ruff]",
            line=key_line(config.file.text, "ruff"),
        )


def _shape_error(config: RuffConfig, dotted: str, expected: str, example: str) -> InputError:
    assert config.file is not None
    line = key_line(config.file.text, dotted.rsplit(".", 1)[-1])
    return InputError(
        config.path,
        f"`{config.prefix}{dotted}` must be {expected}",
        f"write it as {example}",
        line=line,
    )


def _validate(config: RuffConfig) -> None:
    if config.in_pyproject:
        _validate_tool(config)
    table = config.table
    lint = table.get("lint", {})
    if not isinstance(lint, dict):
        raise _shape_error(config, "lint", "a table", "[tool.ruff.lint]")
    for level, values in (("", table), ("lint.", lint)):
        for key in RULE_LIST_KEYS:
            value = values.get(key)
            if value is not None and not (
                isinstance(value, list) and all(isinstance(v, str) for v in value)
            ):
                shown = f'["{value}"]' if isinstance(value, str) else '["E", "F"]'
                raise _shape_error(
                    config, f"{level}{key}", "an array of rule codes", f"{key} = {shown}"
                )
        per_file = values.get("per-file-ignores", {})
        if not isinstance(per_file, dict) or not all(
            isinstance(v, list) and all(isinstance(c, str) for c in v) for v in per_file.values()
        ):
            raise _shape_error(
                config,
                f"{level}per-file-ignores",
                "a table of arrays of rule codes",
                '"tests/*" = ["S101"]',
            )


def _get(table: Mapping[str, Any], path: Path) -> Any:
    node: Any = table
    for key in path:
        if not isinstance(node, Mapping) or key not in node:
            return _MISSING
        node = node[key]
    return node


_MISSING = object()


def _lint_path(table: Mapping[str, Any], rest: Path) -> Path:
    """Where a lint setting goes: extend it where it already is (a deprecated top-level key
    stays in its shape), else under `lint`."""
    lint = table.get("lint", {})
    if isinstance(lint, dict) and rest[0] in lint:
        return ("lint", *rest)
    if rest[0] in table:
        return rest
    return ("lint", *rest)


class _Plan:
    def __init__(self, table: Mapping[str, Any]) -> None:
        self.table = table
        self.additions: dict[Path, Addition] = {}

    def extend(self, path: Path, items: Iterable[tuple[Any, str]]) -> None:
        items = list(items)
        if not items:
            return
        existing = _get(self.table, path)
        if existing is not _MISSING and not isinstance(existing, list):
            return  # a scalar the user set: theirs wins
        addition = self.additions.setdefault(path, Addition(path, new=existing is _MISSING))
        known: list[Any] = list(existing) if isinstance(existing, list) else []
        known += [v for v, _ in addition.items]
        addition.items += [(v, r) for v, r in items if v not in known]

    def set(self, path: Path, value: Any) -> None:
        if _get(self.table, path) is _MISSING and path not in self.additions:
            self.additions[path] = Addition(path, value=value, new=True)


def missing_selectors(config: RuffConfig, wanted: Iterable[str]) -> list[str]:
    """The selectors neither selected (`B` covers `B006`) nor ignored by the user."""
    known = linters()
    selected, ignored = config.rule_selection()
    missing: list[str] = []
    for selector in wanted:
        if not known.covered([*selected, *missing], selector) and not known.covered(
            ignored, selector
        ):
            missing.append(selector)
    return missing


def _plan_rules(
    config: RuffConfig, plan: _Plan, lint_selectors: Mapping[str, str], ignores: Mapping[str, str]
) -> None:
    known = linters()
    selected, ignored = config.rule_selection()
    added = [(s, lint_selectors[s]) for s in missing_selectors(config, lint_selectors)]
    plan.extend(_lint_path(plan.table, ("extend-select",)), added)
    # A profile ignore (a formatter conflict) is not added over the user's explicit selection.
    missing_ignores = [
        (code, reason)
        for code, reason in ignores.items()
        if not known.covered(ignored, code) and not any(known.covers(code, s) for s in selected)
    ]
    plan.extend(_lint_path(plan.table, ("ignore",)), missing_ignores)


def _plan_per_file_ignores(plan: _Plan, per_file_ignores: Mapping[str, Sequence[str]]) -> None:
    known = linters()
    base = _lint_path(plan.table, ("per-file-ignores",))
    for glob, codes in per_file_ignores.items():
        existing = _get(plan.table, (*base, glob))
        have = [] if existing is _MISSING else existing
        plan.extend((*base, glob), [(c, "") for c in codes if not known.covered(have, c)])


def _plan_settings(plan: _Plan, settings: Mapping[str, Any], reasons: Mapping[str, str]) -> None:
    for dotted, value in settings.items():
        parts = tuple(dotted.split("."))
        path = _lint_path(plan.table, parts[1:]) if parts[0] == "lint" and len(parts) > 1 else parts
        if isinstance(value, Mapping):  # an array whose items carry their own comments
            plan.extend(path, list(value.items()))
        elif isinstance(value, (list, tuple)):
            plan.extend(path, [(v, "") for v in value])
        else:
            plan.set(path, value)
            if path in plan.additions and dotted in reasons:
                plan.additions[path].comment = reasons[dotted]


def plan_ruff_config(
    root: str,
    *,
    lint_selectors: Mapping[str, str] | Iterable[str] = (),
    ignores: Mapping[str, str] | Iterable[str] = (),
    per_file_ignores: Mapping[str, Sequence[str]] | None = None,
    settings: Mapping[str, Any] | None = None,
    reasons: Mapping[str, str] | None = None,
) -> Change | None:
    """The change that merges these Ruff settings into the project's config, or None.

    Contract:
    - The file is the one Ruff itself would use in `root` (.ruff.toml, ruff.toml, then a
      pyproject.toml with a [tool.ruff] table); else pyproject.toml if it exists; else a new
      ruff.toml.
    - `lint_selectors` (selector -> reason, written as a trailing comment on multi-line arrays)
      are appended to `extend-select` unless the user's select/extend-select already covers them
      (`B` covers `B006`, `ALL` covers everything) or the user ignores them.
    - `ignores` (code -> reason) are appended to `ignore` unless already ignored or explicitly
      selected by the user.
    - `per_file_ignores` (glob -> codes) add missing codes to `per-file-ignores`.
    - `settings` maps dotted keys relative to the Ruff table ("line-length",
      "lint.mccabe.max-complexity", "lint.isort.known-first-party", "format.quote-style") to
      values. A scalar is set only where the user has none (the user's value wins); an array
      gets its missing items appended. `reasons` optionally comments new scalar settings; an
      array given as a mapping (item -> reason) gets a comment per item.
    - Lint keys are extended where they already are: a deprecated top-level `select` or a dotted
      `lint.select = [...]` stays in its shape. New keys go under `lint`.
    - Every byte outside the added lines and the extended arrays is kept (comments, order,
      quoting, CRLF, BOM, a missing final newline). InputError (nothing written) for bad input,
      a read-only file, or when tomlkit cannot make the edit without touching other lines.
    """
    config = read_ruff_config(root)
    if settings and "extend" in settings and "extend" not in config.table:
        # The new `extend` already counts for what is selected.
        config = dataclasses.replace(config, extends=_extended(config, settings["extend"]))
    plan = _Plan(config.table)
    _plan_rules(config, plan, _as_reasons(lint_selectors), _as_reasons(ignores))
    _plan_per_file_ignores(plan, per_file_ignores or {})
    _plan_settings(plan, settings or {}, reasons or {})
    additions = [a for a in plan.additions.values() if a.new or a.items]
    if not additions:
        return None
    if config.file is not None and len(config.file.text) > MAX_EDITED_CHARS:
        raise InputError(
            config.path,
            f"is {len(config.file.text) / 2**20:.1f} MiB; adopt-fast edits Ruff settings in "
            f"files up to {MAX_EDITED_CHARS // 2**20} MiB (its TOML editor takes about 2.5 s "
            "a MiB)",
            "move the Ruff settings to a ruff.toml, or add them by hand",
        )
    new_text = render(config, additions)
    _verify(config, additions, new_text)
    ensure_writable(config.path)
    if config.file is None:
        return Change(config.path, None, new_text.encode("utf-8"))
    return Change(config.path, config.file.encode(config.file.text), config.file.encode(new_text))


def _as_reasons(values: Mapping[str, str] | Iterable[str]) -> dict[str, str]:
    return dict(values) if isinstance(values, Mapping) else dict.fromkeys(values, "")


def expected_data(config: RuffConfig, additions: Sequence[Addition]) -> dict[str, Any]:
    """The document as tomllib should read it after the edit."""
    data = copy.deepcopy(config.data)
    root = data
    if config.in_pyproject:
        root = data.setdefault("tool", {}).setdefault("ruff", {})
    for addition in additions:
        node = root
        for key in addition.path[:-1]:
            node = node.setdefault(key, {})
        key = addition.path[-1]
        if addition.items:
            node.setdefault(key, []).extend(v for v, _ in addition.items)
        else:
            node[key] = addition.value
    return data


def _verify(config: RuffConfig, additions: Sequence[Addition], new_text: str) -> None:
    """Refuse an edit that changes anything but additions (see the module docstring)."""
    old_text = config.file.text if config.file else ""
    problem = unexpected_change(old_text, new_text, in_pyproject=config.in_pyproject)
    if problem is None and loads(config.path, new_text) != expected_data(config, additions):
        problem = "the settings would not read back as intended"
    if problem is not None:
        raise InputError(
            config.path,
            f"cannot be edited without disturbing other lines ({problem})",
            "add the Ruff settings by hand; `adopt-fast init "
            "--diff` on a copy without the unusual layout shows them",
        )


def _in_ruff(in_pyproject: bool) -> Callable[[tuple[str, ...]], bool]:
    if not in_pyproject:
        return lambda _key: True
    return lambda key: key[:2] == ("tool", "ruff")


def unexpected_change(old: str, new: str, *, in_pyproject: bool = True) -> str | None:
    """None when `new` is `old` plus added lines of the Ruff table and items added to its
    arrays, else the first line that breaks it.

    Line by line and linear: every line of `old` must reappear in order, byte for byte (its
    line ending too; a last line without one may gain the file's), except a line of a Ruff
    array, which may gain one run of characters (`["E"]` -> `["E", "B"]`). Every other line
    of `new` must be blank or belong to the Ruff table (a header or a value under it).
    """
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    inside = _in_ruff(in_pyproject)
    extendable = lines_of(old, inside, arrays_only=True)
    ruff_lines = lines_of(new, inside, arrays_only=False)
    j = 0
    for i, line in enumerate(old_lines):
        last = i == len(old_lines) - 1 and not line.endswith(("\n", "\r"))
        while True:
            if j == len(new_lines):
                return f"line {i + 1} would be rewritten or removed"
            candidate = new_lines[j].rstrip("\r\n") if last else new_lines[j]
            j += 1
            if candidate == line or (i in extendable and is_insertion(line, candidate)):
                break
            if candidate.strip() and j - 1 not in ruff_lines:
                return f"line {j} of the result would be added outside the Ruff settings"
    for k in range(j, len(new_lines)):
        if new_lines[k].strip() and k not in ruff_lines:
            return f"line {k + 1} of the result would be added outside the Ruff settings"
    return None
