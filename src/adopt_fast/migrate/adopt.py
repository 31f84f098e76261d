"""What `adopt-fast init` changes: the curated profile merged into the project's Ruff config,
`.ruff_cache/` ignored in git, the adopt-fast pre-commit hooks wired.

Every change is planned (and every input validated) before anything is written, so bad input
anywhere leaves every file as it was.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from adopt_fast.edits.change import Change
from adopt_fast.edits.gitignore import CacheUnignored, plan_ignore
from adopt_fast.edits.precommit import CONFIG_NAME, plan_adopt_fast_hooks
from adopt_fast.edits.ruffconfig import find_ancestor_config, plan_ruff_config, read_ruff_config
from adopt_fast.edits.ruffprobe import ruff_verdict, with_absolute_extend
from adopt_fast.edits.tomlfile import loads
from adopt_fast.edits.toplevel import find_top_level_lint
from adopt_fast.errors import InputError
from adopt_fast.migrate.apply import would_reformat
from adopt_fast.migrate.formatters import (
    FORMATS,
    ToolUse,
    find_tools,
    formats_code,
    other_formatter_hooks,
)
from adopt_fast.migrate.teststyle import suite_style
from adopt_fast.migrate.translate import read_project
from adopt_fast.profiles import load_profile
from adopt_fast.ruff import DEFAULT_PROFILE, find_project_config, find_ruff_bin
from adopt_fast.settings import read_settings
from adopt_fast.settingsfile import plan_profile


@dataclass(frozen=True)
class InitPlan:
    changes: tuple[Change, ...]
    notes: tuple[str, ...]
    pending: bool = False  # a note names something `adopt-fast check` fails until the user acts
    migrate_first: str | None = None  # why nothing is planned: `adopt-fast migrate` comes first
    profile: str = DEFAULT_PROFILE  # the one applied


def plan_init(
    root: str, profile: str | None, *, format_hook: bool = False, skip_migrate: bool = False
) -> InitPlan:
    """Every change `init` would make in `root`, and notes for the user; writes nothing.

    `profile` None: the one [tool.adopt-fast] names, else the default. `format_hook`: wire
    adopt-fast-format even though the project does not format its code yet. `skip_migrate`:
    add the profile although flake8/isort/black/... are still configured.
    """
    if not os.path.isdir(root):
        raise InputError(root, "is not a folder", "pass the project's root folder")
    if profile is None:
        profile = read_settings(root).profile or DEFAULT_PROFILE
    if not skip_migrate and (reason := migrate_first(root)) is not None:
        return InitPlan((), (), migrate_first=reason, profile=profile)
    chosen = load_profile(profile)
    selectors, ignores = dict(chosen.selectors), dict(chosen.ignores)
    style_note = _leave_out_pytest_style(root, selectors, ignores)
    settings, reasons = dict(chosen.settings), dict(chosen.reasons)
    parent = None if find_project_config(root) else find_ancestor_config(root)
    if parent is not None:
        # Ruff uses only the nearest config: without `extend` the new one would silently
        # drop every setting of the parent's (Ruff docs, "Config file discovery").
        settings["extend"] = os.path.relpath(parent, root)
        reasons["extend"] = "keep the settings Ruff used here before"
    ruff = plan_ruff_config(
        root, lint_selectors=selectors, ignores=ignores, settings=settings, reasons=reasons
    )
    noqa_note = _leave_out_unused_noqa(root, ruff, ignores)
    if noqa_note is not None:
        ruff = plan_ruff_config(
            root, lint_selectors=selectors, ignores=ignores, settings=settings, reasons=reasons
        )
    style_notes = [style_note] if style_note and ruff and b'"PT"' in ruff.new else []
    recorded = plan_profile(root, profile, ruff)
    if recorded is not None and ruff is not None and recorded.path == ruff.path:
        ruff, recorded = recorded, None  # one change of pyproject.toml, built on the other
    ruff_verdict(ruff)  # a configuration Ruff rejects is refused before anything is written
    try:
        ignore, unignored = plan_ignore(root), []
    except CacheUnignored as e:
        ignore, unignored = None, [_unignored_note(root, e)]
    tools = find_tools(root)
    wire_format, format_note = _format_hook_choice(tools, format_hook)
    without = frozenset() if wire_format else frozenset({"adopt-fast-format"})
    hooks = plan_adopt_fast_hooks(root, without=without)
    format_notes = [_format_note(root, wire_format, format_note)] if hooks.change else []
    changes = tuple(c for c in (ruff, recorded, ignore, hooks.change) if c is not None)
    if changes and not os.path.lexists(os.path.join(root, CONFIG_NAME)):
        format_notes.append(
            f'there is no {CONFIG_NAME}, so no hooks were wired (README, "Install through '
            'pre-commit")'
        )
    added = _added_settings(root, chosen.settings, chosen.reasons) if ruff else []
    deprecated = _deprecated_layout(root, ruff)
    noqa_notes = [noqa_note] if noqa_note else []
    notes = (
        *added,
        *style_notes,
        *noqa_notes,
        *hooks.notes,
        *format_notes,
        *unignored,
        *deprecated,
    )
    return InitPlan(changes, notes, pending=bool(deprecated or unignored), profile=profile)


def migrate_first(root: str) -> str | None:
    """Why `adopt-fast migrate` must run before init, or None: the project has no Ruff
    config yet while flake8, isort, black, pyupgrade, autoflake or another formatter or
    import sorter is configured or hooked. init alone would add the profile on top of Ruff's
    defaults, without their line length, ignores and import sections, next to their hooks."""
    if find_project_config(root) or find_ancestor_config(root):
        return None
    try:
        project = read_project(root)
    except InputError:
        return None  # `adopt-fast migrate` names the unreadable file itself
    found = project.old_tools()
    if not found:
        return None
    hooked = bool(project.old_hooks) or any(u.hook for u in project.others)
    hooks = " and replaces their pre-commit hooks" if hooked else ""
    fight = ", next to hooks that rewrite the same lines" if hooked else ""
    return (
        f"this project still uses {', '.join(found)}: run `adopt-fast migrate` first. It "
        "carries their settings (line length, selected and ignored codes, per-file ignores, "
        f"excludes, import sections) into a Ruff config{hooks}; init alone would check with "
        f"Ruff's defaults instead{fight}. Then run `adopt-fast init` again (or "
        "`adopt-fast init --skip-migrate` to add the profile next to them)"
    )


def _leave_out_pytest_style(
    root: str, selectors: dict[str, str], ignores: dict[str, str]
) -> str | None:
    """Move PT from the selectors to the ignores when the tests assert through unittest's
    TestCase methods (PT009 would flag each `self.assertEqual`), and say why."""
    if "PT" not in selectors:
        return None
    style = suite_style(root)
    if not style.unittest:
        return None
    del selectors["PT"]
    ignores["PT"] = "unittest-style tests: PT asks for pytest idioms (bare assert, fixtures)"
    return (
        f"left out flake8-pytest-style (PT, written to lint.ignore): the tests are unittest "
        f"style ({style.describe()}), and PT009 would ask to rewrite each `self.assert*` "
        "call as a bare assert; remove PT from lint.ignore once they use pytest idioms"
    )


def _leave_out_unused_noqa(
    root: str, planned: Change | None, ignores: dict[str, str]
) -> str | None:
    """In a project that ran flake8, `# noqa` comments silence flake8 checks Ruff does not
    have (E12x continuation lines): once the profile brings RUF, RUF100 would flag each. Count
    them with the planned config; if any, leave RUF100 out (lint.ignore) and say how to clean
    them."""
    if planned is None or b'"RUF"' not in planned.new or not _ran_flake8(root):
        return None
    found = _unused_noqa(root, planned)
    if not found:
        return None
    ignores["RUF100"] = "unused-noqa: `# noqa` comments left from flake8 (see init's note)"
    return (
        f"left out RUF100 (unused noqa, written to lint.ignore): {found} `# noqa` comments "
        "would be flagged, left from flake8 checks that Ruff does not have or runs elsewhere; "
        "clean them with `ruff check --extend-select RUF100 --fix`, then remove RUF100 from "
        "lint.ignore"
    )


def _ran_flake8(root: str) -> bool:
    try:
        project = read_project(root)
    except InputError:
        return False
    return project.flake8 is not None or project.hook("flake8") is not None


def _unused_noqa(root: str, planned: Change) -> int:
    """How many RUF100 findings Ruff reports in root with the planned config."""
    with tempfile.TemporaryDirectory(prefix="adopt-fast-noqa-") as tmp:
        config = os.path.join(tmp, os.path.basename(planned.path))
        with open(config, "wb") as f:
            f.write(with_absolute_extend(planned))
        argv = [find_ruff_bin(), "check", "--config", config, "--no-cache", "--no-fix"]
        argv += ["--exit-zero", "--output-format", "json", "--force-exclude", "."]
        done = subprocess.run(argv, cwd=root, capture_output=True, text=True, check=False)
    try:
        findings = json.loads(done.stdout)
    except ValueError:
        return 0  # Ruff could not lint; `adopt-fast check` reports why
    return sum(1 for item in findings if item.get("code") == "RUF100")


def _unignored_note(root: str, error: CacheUnignored) -> str:
    where = os.path.relpath(error.path, root) + (f":{error.line}" if error.line else "")
    return (
        f"{where}: {error.what}; init adds no second entry that would fight it "
        f"({error.fix}; `adopt-fast check` fails AF003 until then)"
    )


def _format_hook_choice(tools: list[ToolUse], asked: bool) -> tuple[bool, str]:
    """Whether adopt-fast-format is wired, and why (said in the note)."""
    others = other_formatter_hooks(tools)
    if others:
        names = ", ".join(f"{u.tool} ({u.where()})" for u in others)
        return False, (
            f"{names} already formats the code in a hook; two formatters would rewrite "
            "each other's output (`adopt-fast migrate` replaces it with adopt-fast-format)"
        )
    if formats_code(tools):
        users = ", ".join(f"{u.tool} ({u.where()})" for u in tools if u.job == FORMATS)
        return True, f"the project already formats its code: {users}"
    if asked:
        return True, "asked for with --format"
    return False, (
        "the project does not format its code yet (no black, ruff-format, yapf or autopep8 "
        "configuration or hook); `adopt-fast init --format` wires it"
    )


def _format_note(root: str, wired: bool, why: str) -> str:
    count = would_reformat(root)
    if wired:
        effect = (
            f"`ruff format --check` would change {count}: commit that reformatting on its own "
            "(`ruff format .`, then list the commit in .git-blame-ignore-revs)"
            if not count.startswith("0 ")
            else "`ruff format --check` changes no file here"
        )
        return f"adopt-fast-format wired ({why}); {effect}"
    return f"adopt-fast-format not wired: {why}; `ruff format --check` would change {count}"


def _deprecated_layout(root: str, planned: Change | None) -> list[str]:
    """A note when lint settings sit directly under [tool.ruff] (deprecated, AF005): init
    keeps the user's layout (it only adds), so it says so instead of claiming all is set."""
    config = read_ruff_config(root)
    if planned is not None:
        text = planned.new.decode(planned.encoding).removeprefix("\ufeff")
        data = loads(config.path, text)
    elif config.file is not None:
        text, data = config.file.text, config.data
    else:
        return []
    table = data.get("tool", {}).get("ruff", {}) if config.in_pyproject else data
    found = find_top_level_lint(
        text,
        table if isinstance(table, dict) else {},
        file=os.path.relpath(config.path, root),
        in_pyproject=config.in_pyproject,
    )
    if found is None:
        return []
    note = (
        f"{found.location}: {found.problem}, so `adopt-fast check` fails AF005 until you "
        f"{found.fix} (init adds to your layout but does not move your settings)"
    )
    return [note]


def _added_settings(root: str, settings: dict[str, object], reasons: dict[str, str]) -> list[str]:
    """A note for each profile setting (not a rule family) that init writes because the
    project's config does not set it yet: such a value changes more than the rule list."""
    table = read_ruff_config(root).table
    notes = []
    for dotted, value in settings.items():
        path = dotted.split(".")
        places = [path, path[1:]] if path[0] == "lint" else [path]  # also the deprecated top level
        if any(_lookup(table, place) is not None for place in places):
            continue
        why = f" ({reasons[dotted]})" if dotted in reasons else ""
        notes.append(f"set {dotted} = {_toml_value(value)}{why}; change it if you prefer another")
    return notes


def _lookup(table: Mapping[str, Any], path: list[str]) -> Any:
    node: Any = table
    for part in path:
        node = node.get(part) if isinstance(node, Mapping) else None
    return node


def _toml_value(value: object) -> str:
    return f'"{value}"' if isinstance(value, str) else repr(value)


def nothing_to_change(root: str, profile: str, *, pending: bool) -> str:
    """The headline when init changes nothing; `pending`: notes below name what is left to
    the user, so it must not read as if everything were done."""
    done = f'nothing to change: the project already has the "{profile}" profile'
    if os.path.lexists(os.path.join(root, CONFIG_NAME)):
        done = f"{done}, .ruff_cache/ ignored and the hooks in {CONFIG_NAME} set up"
    else:
        done = (
            f"{done} and .ruff_cache/ ignored; there is no {CONFIG_NAME}, so no hooks were wired "
            '(README, "Install through pre-commit")'
        )
    return f"{done}; one thing is left to you (note below)" if pending else done
