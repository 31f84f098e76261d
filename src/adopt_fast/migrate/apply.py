"""A `Translation` -> the planned edits: the Ruff config (through `plan_ruff_config`) and the
pre-commit hooks (through `edits.precommit`)."""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from dataclasses import dataclass
from typing import Any

from adopt_fast import __version__
from adopt_fast.choices import OTHER_TOOLS
from adopt_fast.edits import precommit
from adopt_fast.edits.change import Change
from adopt_fast.edits.precommit import ADOPT_FAST_HOOKS
from adopt_fast.edits.ruffconfig import find_ancestor_config, plan_ruff_config, read_ruff_config
from adopt_fast.edits.ruffprobe import with_absolute_extend
from adopt_fast.migrate.formatters import HOOK_TOOLS
from adopt_fast.migrate.hooks import OLD_HOOKS, names_a_tool
from adopt_fast.migrate.model import IGNORE, SELECT, Key, Translation
from adopt_fast.ruff import find_project_config, hook_argv
from adopt_fast.selectors import linters
from adopt_fast.settings import project_profile

PER_FILE = ("lint", "per-file-ignores")
LINT_TOOLS_HOOKS = frozenset(
    {"flake8", "isort", "pyupgrade", "autoflake", "zimports", "reorder-python-imports", "usort"}
    | {"ufmt"}
)
FORMAT_HOOKS = frozenset({"black", "black-jupyter", "yapf", "autopep8", "ufmt"})


def _reasons(t: Translation, key: Key) -> dict[str, str]:
    origin = t.settings.origins[key]
    return {
        item: t.settings.item_origins.get((key, item), origin).describe()
        for item in t.settings.get_list(key)
    }


def _existing(table: dict[str, Any], key: Key) -> Any:
    """The user's value at `key` (also at the deprecated top level for lint keys), or None."""
    for path in (key, key[1:] if key[0] == "lint" else ()):
        node: Any = table
        for part in path:
            node = node.get(part) if isinstance(node, dict) else None
        if path and node is not None:
            return node
    return None


def kept_user_values(root: str, t: Translation) -> list[str]:
    """Scalars the project's Ruff config already sets to something else: the user's value
    wins (plan_ruff_config's rule), and the report says so rather than dropping ours quietly."""
    table = read_ruff_config(root).table
    notes = []
    for key, value in t.settings.values.items():
        if isinstance(value, (list, dict)):
            continue
        theirs = _existing(table, key)
        if theirs is not None and theirs != value:
            notes.append(
                f"your Ruff configuration sets {'.'.join(key)} = {theirs!r}; kept "
                f"(the old tools said {value!r}, {t.settings.origins[key]})"
            )
    return notes


def _uncovered(wanted: dict[str, str], existing: list[str]) -> dict[str, str]:
    """The selectors `existing` does not already cover: a re-run after the old hooks are gone
    may find `I001` (flake8-import-order in tox's deps) where `I` (zimports' hook) was."""
    known = linters()
    return {s: why for s, why in wanted.items() if not any(known.covers(e, s) for e in existing)}


def plan_ruff_change(root: str, t: Translation) -> Change | None:
    """The merge of the translated settings into the project's Ruff config (None: nothing to
    add). The user's own Ruff settings win over translated ones (plan_ruff_config's rule).

    The old tools' rules go into `lint.select` when the config selects nothing yet (Ruff's own
    default selection is not what the project ran), else where the user keeps their selection.
    """
    values = t.settings.values
    settings: dict[str, object] = {}
    reasons: dict[str, str] = {}
    for key, value in values.items():
        if key in (SELECT, IGNORE, PER_FILE) or value in ([], {}):
            continue
        dotted = ".".join(key)
        settings[dotted] = value
        reasons[dotted] = t.settings.origins[key].describe()
    parent = None if find_project_config(root) else find_ancestor_config(root)
    if parent is not None:
        # As in `init`: Ruff uses only the nearest config, so a new one in a subproject
        # extends the parent's instead of silently dropping its settings.
        settings["extend"] = os.path.relpath(parent, root)
        reasons["extend"] = "keep the settings Ruff used here before"
    selectors: dict[str, str] = {}
    if values.get(SELECT):
        config = read_ruff_config(root)
        if config.lint_values("extend-select") and not config.lint_values("select"):
            selectors = _reasons(t, SELECT)
        else:
            missing = _uncovered(_reasons(t, SELECT), config.lint_values("select"))
            if missing:
                settings["lint.select"] = missing
    per_file = values.get(PER_FILE, {})
    assert isinstance(per_file, dict)
    return plan_ruff_config(
        root,
        lint_selectors=selectors,
        ignores=_reasons(t, IGNORE) if IGNORE in values else {},
        per_file_ignores=per_file,
        settings=settings,
        reasons=reasons,
    )


@dataclass(frozen=True)
class HooksReplacement:
    change: Change | None
    notes: tuple[str, ...]


def _wanted_hooks(old_ids: set[str]) -> list[tuple[str, tuple[str, ...]]]:
    """init's hooks, in init's order (`init` adds none once one is there, so the two must end
    with the same set): the cache hook, the safe import fixer, then lint (with --fix, so
    isort/pyupgrade/autoflake's rewrites still happen; it leaves unused imports to the fixer),
    then format; format only where black ran, so a project that never ran a formatter is not
    reformatted."""
    ids = set()
    if old_ids & LINT_TOOLS_HOOKS:
        ids |= {"adopt-fast-fix-imports", "adopt-fast-lint"}
    if old_ids & FORMAT_HOOKS:
        ids.add("adopt-fast-format")
    if ids:
        ids.add("adopt-fast-cache-ignore")
    return [(hook, args) for hook, args in ADOPT_FAST_HOOKS if hook in ids]


def replaced_hooks(keep: frozenset[str]) -> dict[str, str]:
    """Hook id -> tool, for every hook migrate replaces: the old tools', and the other
    formatters' and import sorters' unless the user keeps them (`--keep`)."""
    others = {i: t for i, t in HOOK_TOOLS.items() if t in OTHER_TOOLS and t not in keep}
    return {**OLD_HOOKS, **others}


def plan_hooks_replacement(root: str, keep: frozenset[str] = frozenset()) -> HooksReplacement:
    """Replace the old tools' hooks with adopt-fast-lint (--fix) and adopt-fast-format.

    Repos that run only old hooks are removed and the adopt-fast repo takes the place of the
    first of them; old hooks in a repo that also runs others are removed one by one. Comments,
    layout and unrelated hooks stay as they are (precommit.plan_repo_edit verifies it).
    """
    config = precommit.read_precommit_config(root)
    if config is None:
        note = (
            f"no {precommit.CONFIG_NAME} here, so no hook was replaced: run Ruff where the old "
            "tools ran (tox, CI, a Makefile): `adopt-fast check` as the gate, `adopt-fast-lint "
            "--fix` (and `adopt-fast-format` where a formatter ran) to fix; or create "
            f'{precommit.CONFIG_NAME} with the adopt-fast hooks (README, "Install through '
            'pre-commit")'
        )
        return HooksReplacement(None, (note,))
    replaced = replaced_hooks(keep)
    old = [(r, h) for r in config.repos for h in r.hooks if h.id in replaced]
    notes: list[str] = []
    present = precommit.hook_ids(config)
    wanted = _wanted_hooks({h.id for _, h in old})
    if precommit.runs_ruff_pre_commit(config):
        # Two Ruff hooks would fight: an old hook goes only where a ruff-pre-commit hook
        # already does its job.
        covered = (LINT_TOOLS_HOOKS if present & {"ruff", "ruff-check"} else set()) | (
            FORMAT_HOOKS if "ruff-format" in present else set()
        )
        kept = sorted({h.id for _, h in old if h.id not in covered})
        old = [(r, h) for r, h in old if h.id in covered]
        wanted = []
        notes.append(
            f"{precommit.CONFIG_NAME} already runs astral-sh/ruff-pre-commit; no adopt-fast "
            "Ruff hook added"
            + (
                f", and {', '.join(kept)} kept (no ruff-pre-commit hook does its job)"
                if kept
                else ""
            )
        )
    if not old:
        return HooksReplacement(None, tuple(notes))
    whole = [r for r in config.repos if r.hooks and all((r, h) in old for h in r.hooks)]
    single = [h for r, h in old if r not in whole]
    wanted = [(h, a) for h, a in wanted if h not in present]
    add, expected = "", []
    if wanted:
        rev = f"v{__version__}"
        add = precommit.repo_block_text(config, precommit.HOOKS_REPO, rev, wanted)
        expected = [
            {
                "repo": precommit.HOOKS_REPO,
                "rev": rev,
                "hooks": [{"id": h, **({"args": list(a)} if a else {})} for h, a in wanted],
            }
        ]
    if not config.block_style:
        notes.append(
            f"{precommit.CONFIG_NAME} lists `repos:` in flow style ([...]); replace the "
            f"{', '.join(h.id for _, h in old)} hooks by hand"
        )
        return HooksReplacement(None, tuple(notes))
    change = precommit.plan_repo_edit(
        config,
        remove=whole,
        add=add,
        expected_added=expected,
        remove_hooks=single,
        in_place_of=whole[0] if whole else None,
        stale_comment=lambda text: names_a_tool(text, {replaced[h.id] for _, h in old}),
    )
    names_replaced = ", ".join(dict.fromkeys(h.id for _, h in old))
    names = [h for h, _ in wanted]
    added = " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 2 else names)
    added = added or "no new hook"
    notes.append(f"{precommit.CONFIG_NAME}: replaced {names_replaced} with {added}")
    return HooksReplacement(change, tuple(notes))


def would_reformat(root: str, planned: Change | None = None) -> str:
    """`N of M files` that `ruff format` would change in root, as the format hook runs it:
    with the `planned` config when given, else the project's (or the profile); or why it
    cannot tell."""
    with tempfile.TemporaryDirectory(prefix="adopt-fast-format-") as tmp:
        args = ["--check", "--no-cache", "."]
        if planned is not None:
            config = os.path.join(tmp, os.path.basename(planned.path))
            with open(config, "wb") as f:
                f.write(with_absolute_extend(planned))
            args = ["--config", config, *args]
        argv, _ = hook_argv("format", args, root, project_profile=project_profile)
        try:
            done = subprocess.run(argv, cwd=root, capture_output=True, text=True, check=False)
        except OSError as e:
            return f"an unknown number of files (Ruff did not run: {e})"
    would = re.search(r"(\d+) files? would be reformatted", done.stdout)
    same = re.search(r"(\d+) files? already formatted", done.stdout)
    changed = int(would.group(1)) if would else 0
    total = changed + (int(same.group(1)) if same else 0)
    if done.returncode == 2:
        first = (done.stderr.strip().splitlines() or ["no message"])[0]
        return f"{changed} of {total} files, not counting those Ruff could not read ({first})"
    return f"{changed} of {total} files"
