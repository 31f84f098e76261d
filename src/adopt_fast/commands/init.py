"""`adopt-fast init`: merge the curated profile into the project's Ruff config, ignore
`.ruff_cache/` in git, and wire the adopt-fast pre-commit hooks.

Every change is planned (and every input validated) before anything is written, so bad input
anywhere leaves every file as it was.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from adopt_fast.edits.change import Change, apply_all
from adopt_fast.edits.gitignore import plan_ignore
from adopt_fast.edits.precommit import CONFIG_NAME, plan_adopt_fast_hooks
from adopt_fast.edits.ruffconfig import find_ancestor_config, plan_ruff_config, read_ruff_config
from adopt_fast.edits.ruffprobe import ruff_verdict
from adopt_fast.edits.settingsfile import plan_profile
from adopt_fast.errors import EXIT_FINDINGS, EXIT_OK, InputError
from adopt_fast.profiles import load_profile
from adopt_fast.ruff import DEFAULT_PROFILE, find_project_config
from adopt_fast.settings import read_settings


@dataclass(frozen=True)
class InitPlan:
    changes: tuple[Change, ...]
    notes: tuple[str, ...]
    pending: bool = False  # a note names something `adopt-fast check` fails until the user acts
    profile: str = DEFAULT_PROFILE  # the one applied


def plan_init(root: str, profile: str | None) -> InitPlan:
    """Every change `init` would make in `root`, and notes for the user; writes nothing.
    `profile` None: the one [tool.adopt-fast] names, else the default."""
    if not os.path.isdir(root):
        raise InputError(root, "is not a folder", "pass the project's root folder")
    if profile is None:
        profile = read_settings(root).profile or DEFAULT_PROFILE
    chosen = load_profile(profile)
    settings, reasons = dict(chosen.settings), dict(chosen.reasons)
    parent = None if find_project_config(root) else find_ancestor_config(root)
    if parent is not None:
        # Ruff uses only the nearest config: without `extend` the new one would silently
        # drop every setting of the parent's (Ruff docs, "Config file discovery").
        settings["extend"] = os.path.relpath(parent, root)
        reasons["extend"] = "keep the settings Ruff used here before"
    ruff = plan_ruff_config(
        root,
        lint_selectors=chosen.selectors,
        ignores=chosen.ignores,
        settings=settings,
        reasons=reasons,
    )
    recorded = plan_profile(root, profile, ruff)
    if recorded is not None and ruff is not None and recorded.path == ruff.path:
        ruff, recorded = recorded, None  # one change of pyproject.toml, built on the other
    ruff_verdict(ruff)  # a configuration Ruff rejects is refused before anything is written
    ignore = plan_ignore(root)
    hooks = plan_adopt_fast_hooks(root)
    changes = tuple(c for c in (ruff, recorded, ignore, hooks.change) if c is not None)
    added = _added_settings(root, chosen.settings, chosen.reasons) if ruff else []
    deprecated = _deprecated_layout(root, ruff)
    notes = (*added, *hooks.notes, *deprecated)
    return InitPlan(changes, notes, pending=bool(deprecated), profile=profile)


def _deprecated_layout(root: str, planned: Change | None) -> list[str]:
    """A note when lint settings sit directly under [tool.ruff] (deprecated, AF005): init
    keeps the user's layout (it only adds), so it says so instead of claiming all is set."""
    from adopt_fast.edits.tomlfile import loads
    from adopt_fast.edits.toplevel import find_top_level_lint

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


def run_init(root: str, profile: str | None, *, diff: bool) -> int:
    """Print the diff (`diff`) or apply the plan; exit 1 when files change or would change.
    Notes come after the list of changed files, so the last lines say what to look at.
    `profile` None: the one [tool.adopt-fast] names, else the default."""
    try:
        plan = plan_init(root, profile)
    except InputError as e:
        raise e.relative_to(root) from None
    if not plan.changes:
        print(_nothing_to_change(root, plan.profile, pending=plan.pending))
    if not diff:
        try:
            apply_all(plan.changes, root)
        except InputError as e:
            raise e.relative_to(root) from None
    for change in plan.changes:
        name = os.path.relpath(change.path, root)
        if diff:
            print(change.diff(name), end="")
            continue
        verb = "created" if change.old is None else "updated"
        print(f"{verb} {name} ({change.size()})")
    for note in plan.notes:
        print(f"note: {note}")
    return EXIT_FINDINGS if plan.changes else EXIT_OK


def _nothing_to_change(root: str, profile: str, *, pending: bool) -> str:
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
