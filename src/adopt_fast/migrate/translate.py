"""One project's old tool settings -> one `Translation` (Ruff settings + what was left out)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from adopt_fast.choices import OTHER_TOOLS
from adopt_fast.edits.precommit import hook_ids, read_precommit_config
from adopt_fast.migrate import black, flake8, formatters, hooks, isort, rules, upgrade
from adopt_fast.migrate.codes import CodeMap, package_name
from adopt_fast.migrate.hookargs import parse_hook_args
from adopt_fast.migrate.installed import installed_packages
from adopt_fast.migrate.model import IGNORE, SELECT, Origin, Translation
from adopt_fast.migrate.noqa import leave_out_unused_noqa
from adopt_fast.migrate.sources import (
    Option,
    Section,
    load_toml,
    read_ini_sections,
    stale_tox_envs,
    toml_table,
)
from adopt_fast.selectors import linters

# flake8 reads the first of these that has a [flake8] section (flake8 >= 4).
FLAKE8_FILES = ("setup.cfg", "tox.ini", ".flake8")
# isort takes the first of these that has settings for it.
ISORT_FILES = (
    (".isort.cfg", ("settings", "isort")),
    ("pyproject.toml", ()),
    ("setup.cfg", ("isort", "tool:isort")),
    ("tox.ini", ("isort", "tool:isort")),
)
RUFF_MIN_TARGET = (3, 7)
# Lint rules Ruff's docs list as conflicting with `ruff format` ("Conflicting lint rules").
FORMATTER_CONFLICTS = ("COM812", "COM819", "ISC001", "ISC002")


@dataclass
class Project:
    """What the old tools' configuration says, read once (each file's errors raise here)."""

    @property
    def found_anything(self) -> bool:
        return bool(self.old_hooks or self.flake8 or self.isort or self.black or self.others)

    def old_tools(self) -> list[str]:
        """Each tool found, with where: `flake8 (setup.cfg:3)`."""
        places: dict[str, list[str]] = {}
        for tool, section in (
            ("flake8", self.flake8),
            ("isort", self.isort),
            ("black", self.black),
        ):
            if section is not None:
                places.setdefault(tool, []).append(str(section.origin))
        for hook in self.old_hooks:
            places.setdefault(hook.tool, []).append(f"{hook.origin}")
        for use in self.others:
            places.setdefault(use.tool, []).append(str(use.origin))
        return [f"{tool} ({', '.join(where)})" for tool, where in places.items()]

    root: str
    old_hooks: list[hooks.OldHook] = field(default_factory=list)
    flake8: Section | None = None
    other_flake8: list[Section] = field(default_factory=list)
    isort: Section | None = None
    black: Section | None = None
    requires_python: tuple[tuple[int, int], Origin] | None = None
    isort_line_length: Option | None = None
    # Formatters and import sorters migrate replaces as a whole (zimports, yapf, ...).
    others: list[formatters.ToolUse] = field(default_factory=list)
    codes: CodeMap | None = None  # flake8's codes with the installed plugins, once read

    def hook(self, tool: str) -> hooks.OldHook | None:
        return next((h for h in self.old_hooks if h.tool == tool), None)


def read_project(root: str) -> Project:
    project = Project(root, old_hooks=hooks.find_old_hooks(root))
    ini = {
        name: read_ini_sections(root, name, ("flake8", "isort", "tool:isort", "settings"))
        for name in ("setup.cfg", "tox.ini", ".flake8", ".isort.cfg")
    }
    flake8_sections = [ini[name]["flake8"] for name in FLAKE8_FILES if "flake8" in ini[name]]
    if not flake8_sections and load_toml(root, "pyproject.toml") is not None:
        # The Flake8-pyproject plugin reads [tool.flake8].
        found = toml_table(root, "pyproject.toml", "tool.flake8")
        flake8_sections = [found] if found else []
    if flake8_sections:
        project.flake8, *project.other_flake8 = flake8_sections
    for section in flake8_sections:
        section.origin = section.origin.labelled(
            "[tool.flake8]" if section.origin.path == "pyproject.toml" else "[flake8]"
        )
    project.isort = _find_isort(root, ini)
    project.black = toml_table(root, "pyproject.toml", "tool.black")
    if project.black:
        project.black.origin = project.black.origin.labelled("[tool.black]")
    project.requires_python = _requires_python(root)
    project.others = [u for u in formatters.find_tools(root) if u.tool in OTHER_TOOLS]
    return project


def _find_isort(root: str, ini: dict[str, dict[str, Section]]) -> Section | None:
    """The settings isort itself would use: the first file of ISORT_FILES that has some."""
    for name, sections in ISORT_FILES:
        if name == "pyproject.toml":
            found, header = toml_table(root, name, "tool.isort"), "[tool.isort]"
        else:
            present = [s for s in sections if s in ini[name]]
            found = ini[name][present[0]] if present else None
            header = f"[{present[0]}]" if present else ""
        if found is not None:
            found.origin = found.origin.labelled(header)
            return found
    return None


def _requires_python(root: str) -> tuple[tuple[int, int], Origin] | None:
    table = toml_table(root, "pyproject.toml", "project")
    option = table.options.get("requires-python") if table else None
    if option is None:
        return None
    match = re.search(r"(?:>=|~=|==)\s*3\.(\d+)", str(option.value))
    return ((3, int(match.group(1))), option.origin) if match else None


def _hook_options(project: Project, tool: str) -> dict[str, Option]:
    hook = project.hook(tool)
    return parse_hook_args(tool, hook.args, hook.origin) if hook else {}


# Hooks that already run Ruff's formatter: after a migration black's hook is gone, and without
# this a second `migrate` would move flake8's limit into `line-length`, the formatter's width.
_RUFF_FORMAT_HOOKS = frozenset({"adopt-fast-format", "ruff-format"})


def _formats_with_ruff(root: str) -> bool:
    config = read_precommit_config(root)
    return config is not None and not _RUFF_FORMAT_HOOKS.isdisjoint(hook_ids(config))


def translate_project(root: str, keep: frozenset[str] = frozenset()) -> tuple[Project, Translation]:
    """`keep`: formatters and import sorters (choices.OTHER_TOOLS) whose hooks stay."""
    project = read_project(root)
    t = Translation()
    formatter = (
        project.black is not None or project.hook("black") is not None or _formats_with_ruff(root)
    )
    _flake8(project, t)
    _isort(project, t)
    formatter = formatters.translate_other_tools(project.others, keep, t) or formatter
    black_target = _black(project, t) if formatter else None
    pyupgrade = project.hook("pyupgrade")
    pyupgrade_target = None
    if pyupgrade:
        options = _hook_options(project, "pyupgrade")
        upgrade.translate_pyupgrade(options, pyupgrade.origin, t)
        pyupgrade_target = upgrade.pyupgrade_target(options)
    autoflake = project.hook("autoflake")
    if autoflake:
        upgrade.translate_autoflake(_hook_options(project, "autoflake"), autoflake.origin, t)
    _line_length(project, formatter, t)
    _isort_line_length(project, formatter, t)
    _target_version(project, pyupgrade_target or black_target, t)
    _isort_with_black(t)
    if SELECT in t.settings.values:
        _unselect_ignored(t)
        _prune_selection(t)
        if formatter:
            _avoid_formatter_conflicts(t)
    if project.codes is not None:
        leave_out_unused_noqa(root, project.codes, _selected_rules(t), t)
    if project.found_anything:
        t.old_sections += stale_tox_envs(root)
    return project, t


def _flake8(project: Project, t: Translation) -> None:
    hook = project.hook("flake8")
    if project.flake8 is None and hook is None:
        return
    options = dict(project.flake8.options) if project.flake8 else {}
    if hook:
        options.update(parse_hook_args("flake8", hook.args, hook.origin))
    hook_packages = (
        frozenset(package_name(d) for d in hook.additional_dependencies) if hook else frozenset()
    )
    installed = installed_packages(project.root) | hook_packages
    # flake8's own defaults come from its config section when there is one (it stays after the
    # migration, so a re-run names the same place); installed plugins come from the hook.
    config_origin = project.flake8.origin if project.flake8 else hook.origin  # type: ignore[union-attr]
    plugins_origin = hook.origin if hook else config_origin
    project.codes = CodeMap(installed, hook_packages=hook_packages)
    flake8.translate_flake8(options, project.codes, t, config_origin, plugins_origin)
    if project.flake8:
        t.old_sections.append(project.flake8.origin)
    for section in project.other_flake8:
        t.absorb(
            "[flake8]",
            section.origin,
            f"flake8 itself reads only {project.flake8.origin.path}"  # type: ignore[union-attr]
            " and ignores this section",
        )


def _isort(project: Project, t: Translation) -> None:
    hook = project.hook("isort")
    if project.isort is None and hook is None:
        return
    options = dict(project.isort.options) if project.isort else {}
    options.update(_hook_options(project, "isort"))
    isort.translate_isort(options, t)
    project.isort_line_length = options.get("line-length") or options.get("line-width")
    origin = hook.origin if hook else project.isort.origin  # type: ignore[union-attr]
    t.settings.extend(SELECT, ["I"], origin.labelled("isort"))
    if project.isort:
        t.old_sections.append(project.isort.origin)


def _black(project: Project, t: Translation) -> tuple[tuple[int, int], Origin] | None:
    options = dict(project.black.options) if project.black else {}
    options.update(_hook_options(project, "black"))
    target = black.translate_black(options, t)
    if project.black:
        t.old_sections.append(project.black.origin)
    if target is None:
        return None
    return target, options["target-version"].origin


def _line_length(project: Project, formatter: bool, t: Translation) -> None:
    """One `line-length` for the formatter; E501's own limit only where flake8's differed."""
    key = ("lint", "pycodestyle", "max-line-length")
    flake8_limit = t.settings.values.get(key)
    if flake8_limit is None:
        return
    origin = t.settings.origins[key]
    if not formatter:
        del t.settings.values[key]
        t.settings.set(("line-length",), flake8_limit, origin)
        return
    formatter_limit = t.settings.values.get(("line-length",), black.BLACK_LINE_LENGTH)
    ignored = any("E501".startswith(s) for s in t.settings.get_list(("lint", "ignore")))
    if flake8_limit == formatter_limit or ignored:
        del t.settings.values[key]


def _isort_line_length(project: Project, formatter: bool, t: Translation) -> None:
    """Ruff's isort wraps at the one line-length; say so when isort's own differed."""
    option = project.isort_line_length
    if option is None:
        return
    default = black.BLACK_LINE_LENGTH if formatter else 88
    final = t.settings.values.get(("line-length",), default)
    if str(option.value).strip() == str(final):
        t.absorb(option.name, option.origin, "the same as Ruff's line-length")
    else:
        t.drop(
            option.name,
            option.origin,
            f"Ruff's isort wraps imports at line-length ({final}), not at isort's {option.value}",
        )


def _isort_with_black(t: Translation) -> None:
    """black's -C (skip-magic-trailing-comma) means isort must not split on a trailing comma
    either; Ruff warns about the combination otherwise."""
    key = ("format", "skip-magic-trailing-comma")
    if t.settings.values.get(key) and "I" in t.settings.get_list(SELECT):
        t.settings.set(("lint", "isort", "split-on-trailing-comma"), False, t.settings.origins[key])


def _target_version(
    project: Project, wanted: tuple[tuple[int, int], Origin] | None, t: Translation
) -> None:
    if wanted is None:
        return
    version, origin = wanted
    if version < RUFF_MIN_TARGET:
        t.absorb(
            "target-version",
            origin,
            "older than Ruff's oldest target (py37); Ruff's default is kept",
        )
        return
    if project.requires_python and project.requires_python[0] == version:
        t.absorb(
            "target-version",
            origin,
            f"requires-python ({project.requires_python[1]}) says it already, and Ruff reads it",
        )
        return
    name = f"py{version[0]}{version[1]}"
    known = rules.target_versions()
    if name not in known:
        t.drop(
            "target-version",
            origin,
            f"{name} is not a version Ruff knows "
            f"({', '.join(sorted(known, key=lambda v: int(v[2:])))})",
        )
        return
    t.settings.set(("target-version",), name, origin)


def _selected_rules(t: Translation) -> set[str]:
    table = rules.rule_table()
    chosen = {r.code for s in t.settings.get_list(SELECT) for r in table.matching(s)}
    ignored = {r.code for s in t.settings.get_list(IGNORE) for r in table.matching(s)}
    return chosen - ignored


def _avoid_formatter_conflicts(t: Translation) -> None:
    selected = _selected_rules(t)
    for code in FORMATTER_CONFLICTS:
        if code in selected:
            origin = t.settings.origins[SELECT]
            t.settings.extend(IGNORE, [code], origin.labelled("conflicts with ruff format"))
            t.drop(
                code,
                origin,
                'conflicts with `ruff format` (Ruff docs, "Conflicting lint '
                'rules"); added to lint.ignore',
            )


def _unselect_ignored(t: Translation) -> None:
    """A selector that an ignore covers (`D` selected by flake8-docstrings' defaults, `D` in
    extend-ignore) checks nothing: it is not written, so the config never says both."""
    ignored = t.settings.get_list(IGNORE)
    selected = t.settings.get_list(SELECT)
    for selector in list(selected):
        cover = next((i for i in ignored if selector.startswith(i)), None)
        if cover is None:
            continue
        selected.remove(selector)
        # Its preview-only rules are no longer worth a line: none of it is selected.
        t.untranslatable = [
            u for u in t.untranslatable if not (u.item == selector and "preview" in u.reason)
        ]
        origin = t.settings.item_origins.get((SELECT, selector), t.settings.origins[SELECT])
        ignore_origin = t.settings.item_origins.get((IGNORE, cover), t.settings.origins[IGNORE])
        t.absorb(
            selector,
            origin,
            f"not selected ({origin.describe()}): {cover} is ignored ({ignore_origin}), so "
            "flake8 reported none of it",
        )


def _prune_selection(t: Translation) -> None:
    """Drop selectors a broader one already covers (`E501` under `E`), so the written
    config says each thing once."""
    known = linters()
    selected = t.settings.get_list(SELECT)
    t.settings.values[SELECT] = [
        s for s in selected if not any(s != c and known.covers(c, s) for c in selected)
    ]
