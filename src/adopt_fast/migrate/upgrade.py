"""pyupgrade and autoflake hook args -> Ruff's UP and F rules (fixed by `ruff check --fix`)."""

from __future__ import annotations

import re

from adopt_fast.migrate.model import IGNORE, SELECT, Origin, Translation
from adopt_fast.migrate.sources import Option

RUN_OPTIONS = frozenset(
    {
        "in-place",
        "recursive",
        "jobs",
        "quiet",
        "verbose",
        "check",
        "exit-zero-even-if-changed",
        "stdin-display-name",
        "config",
    }
)


def pyupgrade_target(options: dict[str, Option]) -> tuple[tuple[int, int], Origin] | None:
    """`--py38-plus` -> ((3, 8), origin); the highest such flag wins, as in pyupgrade."""
    found = [
        ((3, int(m.group(1))), o.origin)
        for name, o in options.items()
        if (m := re.fullmatch(r"py3(\d*)-plus", name)) and m.group(1)
    ]
    return max(found, default=None)


def translate_pyupgrade(options: dict[str, Option], origin: Origin, t: Translation) -> None:
    t.settings.extend(SELECT, ["UP"], origin.labelled("pyupgrade"))
    for name, option in options.items():
        if re.fullmatch(r"py3\d*-plus", name):
            continue  # target-version, decided in translate.py
        if name == "keep-runtime-typing":
            t.settings.set(("lint", "pyupgrade", "keep-runtime-typing"), True, option.origin)
        elif name == "keep-percent-format":
            t.settings.extend(IGNORE, ["UP031"], option.origin)
        elif name == "keep-mock":
            t.settings.extend(IGNORE, ["UP026"], option.origin)
        elif name in RUN_OPTIONS:
            t.absorb(name, option.origin, "only shapes how pyupgrade runs")
        else:
            t.drop(name, option.origin, "Ruff's pyupgrade rules have no equivalent setting")


def translate_autoflake(options: dict[str, Option], origin: Origin, t: Translation) -> None:
    fixes = ["F401"]
    if "remove-all-unused-imports" not in options:
        t.drop(
            "autoflake (without --remove-all-unused-imports)",
            origin,
            "autoflake removed only standard-library imports; Ruff's F401 fix removes "
            "every unused import outside __init__.py",
        )
    for name, option in options.items():
        if name == "remove-all-unused-imports":
            continue
        if name == "remove-unused-variables":
            fixes.append("F841")
        elif name == "remove-duplicate-keys":
            fixes.append("F601")
        elif name == "ignore-init-module-imports":
            t.absorb(
                name,
                option.origin,
                "Ruff never removes imports from __init__.py on "
                "its own (F401's fix there is unsafe)",
            )
        elif name == "expand-star-imports":
            t.drop(name, option.origin, "Ruff does not expand star imports; F403/F405 report them")
        elif name in RUN_OPTIONS:
            t.absorb(name, option.origin, "only shapes how autoflake runs")
        else:
            t.drop(name, option.origin, "Ruff has no equivalent setting")
    t.settings.extend(SELECT, fixes, origin.labelled("autoflake"))
