"""The formatters and import sorters a project runs, from its hooks and config files.

`init` asks whether the project formats its code at all (then, and only then, the format
hook is wired); `migrate` replaces the hooks of the tools Ruff covers (zimports,
reorder-python-imports, usort, yapf, autopep8) or, with the user's `--keep`, leaves them and
the matching Ruff job off, so that no two tools rewrite the same lines.
"""

from __future__ import annotations

from dataclasses import dataclass

from adopt_fast.migrate.hooks import OldHook, find_old_hooks
from adopt_fast.migrate.model import IGNORE, SELECT, Origin, Translation
from adopt_fast.migrate.sources import Section, read_ini_sections, toml_table

FORMATS = "formats code"
SORTS = "sorts imports"
# Hook id -> tool, for every formatter and sorter; black's and isort's hooks are the old
# tools migrate translates option by option (migrate/hooks.py).
HOOK_TOOLS = {
    "black": "black",
    "black-jupyter": "black",
    "ruff-format": "ruff-format",
    "adopt-fast-format": "ruff-format",
    "yapf": "yapf",
    "autopep8": "autopep8",
    "zimports": "zimports",
    "reorder-python-imports": "reorder-python-imports",
    "usort": "usort",
    "ufmt": "ufmt",
}
JOBS = {
    "black": FORMATS,
    "ruff-format": FORMATS,
    "yapf": FORMATS,
    "autopep8": FORMATS,
    "ufmt": FORMATS,  # black and usort in one hook
    "zimports": SORTS,
    "reorder-python-imports": SORTS,
    "usort": SORTS,
}
# (file, TOML table or INI section) where each tool keeps its settings.
_TOML = {
    "black": (("pyproject.toml", "tool.black"),),
    "ruff-format": (
        ("pyproject.toml", "tool.ruff.format"),
        ("ruff.toml", "format"),
        (".ruff.toml", "format"),
    ),
    "yapf": (("pyproject.toml", "tool.yapf"),),
    "autopep8": (("pyproject.toml", "tool.autopep8"),),
    "zimports": (("pyproject.toml", "tool.zimports"),),
    "usort": (("pyproject.toml", "tool.usort"),),
    "ufmt": (("pyproject.toml", "tool.ufmt"),),
}
_INI = {"yapf": ((".style.yapf", "style"), ("setup.cfg", "yapf"))}


@dataclass(frozen=True)
class ToolUse:
    """One formatter or sorter the project runs: its hook, its settings, or both."""

    tool: str
    hook: OldHook | None
    config: Section | None

    @property
    def job(self) -> str:
        return JOBS[self.tool]

    @property
    def origin(self) -> Origin:
        return self.hook.origin if self.hook else self.config.origin  # type: ignore[union-attr]

    def where(self) -> str:
        places = [f"hook at {self.hook.origin}"] if self.hook else []
        places += [self.config.origin.describe()] if self.config else []
        return " and ".join(places)


def _config(root: str, tool: str) -> Section | None:
    for name, table in _TOML.get(tool, ()):
        found = toml_table(root, name, table)
        if found is not None:
            found.origin = found.origin.labelled(f"[{table}]")
            return found
    for name, section in _INI.get(tool, ()):
        sections = read_ini_sections(root, name, (section,))
        if section in sections:
            found = sections[section]
            found.origin = found.origin.labelled(f"[{section}]")
            return found
    return None


def find_tools(root: str) -> list[ToolUse]:
    """Every formatter and import sorter of JOBS the project configures or runs as a hook."""
    hooks = find_old_hooks(root, HOOK_TOOLS)
    found = []
    for tool in JOBS:
        hook = next((h for h in hooks if h.tool == tool), None)
        config = _config(root, tool)
        if hook or config:
            found.append(ToolUse(tool, hook, config))
    return found


def formats_code(tools: list[ToolUse]) -> bool:
    return any(use.job == FORMATS for use in tools)


def other_formatter_hooks(tools: list[ToolUse]) -> list[ToolUse]:
    """Formatter hooks that are not Ruff's: a Ruff format hook next to them would fight."""
    return [u for u in tools if u.hook and u.job == FORMATS and u.tool != "ruff-format"]


# Ruff's isort settings closest to each sorter's output (each writes one import per line).
_SORTER_SETTINGS: dict[str, dict[str, bool]] = {
    "zimports": {"force-single-line": True},
    "reorder-python-imports": {"force-single-line": True},
}
# Where a formatter keeps its line width.
_WIDTH_OPTIONS = ("column-limit", "max-line-length", "line-length")


def translate_other_tools(uses: list[ToolUse], keep: frozenset[str], t: Translation) -> bool:
    """Settings and report lines for the sorters and formatters migrate replaces (or keeps,
    `keep`); True when one of them formats the code (line-length is then the formatter's)."""
    formats = False
    for use in uses:
        label = use.origin.labelled(use.tool)
        sorts = use.job == SORTS or use.tool == "ufmt"
        if use.tool in keep:
            if sorts:
                t.settings.extend(IGNORE, ["I"], use.origin.labelled(f"{use.tool} kept"))
            t.drop(use.tool, use.origin, _kept_reason(use.tool, sorts))
            continue
        formats = formats or use.job == FORMATS
        if use.config is not None:
            t.old_sections.append(use.config.origin)
        if sorts:
            t.settings.extend(SELECT, ["I"], label)
            for name, value in _SORTER_SETTINGS.get(use.tool, {}).items():
                t.settings.set(("lint", "isort", name), value, label)
        if use.job == FORMATS:
            _width(use, t)
        if use.hook is not None:
            t.drop(use.tool, use.origin, _replaced_reason(use.tool, sorts))
        else:
            t.absorb(use.tool, use.origin, "configured, but no hook runs it; Ruff takes its job")
    return formats


def _width(use: ToolUse, t: Translation) -> None:
    options = use.config.options if use.config else {}
    option = next((options[n] for n in _WIDTH_OPTIONS if n in options), None)
    if option is None or ("line-length",) in t.settings.values:
        return
    try:
        t.settings.set(("line-length",), int(str(option.value)), option.origin)
    except ValueError:
        t.drop(option.name, option.origin, f"{option.value!r} is not a number")


def _replaced_reason(tool: str, sorts: bool) -> str:
    keep = f"`adopt-fast migrate --keep {tool}` keeps its hook instead"
    if sorts and tool != "ufmt":
        return (
            "its hook is replaced by Ruff's isort rules (I) through adopt-fast-lint --fix, "
            f"which order imports isort's way, not exactly as {tool} does: the first commit may move "
            f"some imports once; {keep}"
        )
    return (
        f"its hook is replaced by adopt-fast-format (`ruff format`), whose style is black's, "
        f"not {tool}'s: the first commit reformats the files `ruff format --diff` lists; {keep}"
    )


def _kept_reason(tool: str, sorts: bool) -> str:
    if sorts:
        return (
            "kept (--keep): it sorts the imports, so Ruff's isort rules (I) are ignored; the "
            "two would undo each other's order on every commit"
        )
    return (
        "kept (--keep): it formats the code, so no adopt-fast-format hook is wired; two "
        "formatters would undo each other's output"
    )
