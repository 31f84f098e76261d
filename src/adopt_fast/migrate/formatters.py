"""The formatters and import sorters a project runs, from its hooks and config files.

`init` asks whether the project formats its code at all (then, and only then, the format
hook is wired); `migrate` replaces the hooks of the tools Ruff covers (zimports,
reorder-python-imports, usort, yapf, autopep8) or, with the user's `--keep`, leaves them and
the matching Ruff job off, so that no two tools rewrite the same lines.
"""

from __future__ import annotations

from dataclasses import dataclass

from adopt_fast.migrate.hooks import OldHook, find_old_hooks
from adopt_fast.migrate.model import Origin
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
# The tools migrate does not translate option by option, but replaces (or keeps, --keep).
OTHER_TOOLS = ("zimports", "reorder-python-imports", "usort", "ufmt", "yapf", "autopep8")
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
