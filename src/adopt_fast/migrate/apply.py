"""A `Translation` -> the planned edits: the Ruff config (through `plan_ruff_config`) and the
pre-commit hooks (through `edits.precommit`)."""

from __future__ import annotations

from adopt_fast.edits.change import Change
from adopt_fast.edits.ruffconfig import plan_ruff_config, read_ruff_config
from adopt_fast.migrate.model import IGNORE, SELECT, Key, Translation

PER_FILE = ("lint", "per-file-ignores")


def _reasons(t: Translation, key: Key) -> dict[str, str]:
    origin = t.settings.origins[key]
    return {
        item: t.settings.item_origins.get((key, item), origin).describe()
        for item in t.settings.get_list(key)
    }


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
    selectors: dict[str, str] = {}
    if values.get(SELECT):
        config = read_ruff_config(root)
        if config.lint_values("extend-select") and not config.lint_values("select"):
            selectors = _reasons(t, SELECT)
        else:
            settings["lint.select"] = _reasons(t, SELECT)
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
