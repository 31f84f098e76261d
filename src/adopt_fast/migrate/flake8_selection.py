"""flake8's rule selection -> `lint.select`, `lint.ignore`, `lint.per-file-ignores`, mccabe."""

from __future__ import annotations

from adopt_fast.flake8_ignores import parse_per_file_ignores
from adopt_fast.migrate.codes import NOT_INSTALLED, CodeMap
from adopt_fast.migrate.model import SELECT, Origin, Translation
from adopt_fast.migrate.sources import Option, split_list


def _codes(option: Option | None) -> list[str]:
    return split_list(option.value) if option else []


def translate_selection(
    options: dict[str, Option],
    codes: CodeMap,
    t: Translation,
    default_origin: Origin,
    plugins_origin: Origin | None = None,
) -> None:
    """select / extend-select / ignore / extend-ignore / per-file-ignores / max-complexity."""
    select = options.get("select")
    if select is not None:
        _select(SELECT, _codes(select), select.origin, codes, t)
    else:
        for plugin, code in codes.default_codes():
            if plugin in ("pycodestyle", "pyflakes"):
                origin = default_origin.labelled("flake8 default")
            else:
                origin = (plugins_origin or default_origin).labelled(f"{plugin} installed")
            _select(SELECT, [code], origin, codes, t)
    for name in ("extend-select", "enable-extensions"):
        if name in options:
            _select(SELECT, _codes(options[name]), options[name].origin, codes, t)
    for name in ("ignore", "extend-ignore"):
        if name in options:
            _ignore(("lint", "ignore"), _codes(options[name]), options[name].origin, codes, t)
    if "per-file-ignores" in options:
        _per_file_ignores(options["per-file-ignores"], codes, t)
    complexity = options.get("max-complexity")
    if complexity is None or not _max_complexity(complexity, select is None, t):
        _unselect_mccabe(t)


def _select(
    key: tuple[str, ...], items: list[str], origin: Origin, codes: CodeMap, t: Translation
) -> None:
    for code in items:
        result = codes.translate(code)
        t.settings.extend(key, result.selectors, origin)
        for item, reason in result.dropped:
            # A plugin that is not installed checked nothing: nothing is lost.
            (t.absorb if NOT_INSTALLED in reason else t.drop)(item, origin, reason)


def _ignore(
    key: tuple[str, ...], items: list[str], origin: Origin, codes: CodeMap, t: Translation
) -> list[str]:
    selectors: list[str] = []
    for code in items:
        result = codes.translate(code, ignore=True)
        selectors += result.selectors
        for item, reason in result.dropped:
            t.absorb(item, origin, f"nothing to ignore: {reason}")
    if key[-1] == "ignore":
        t.settings.extend(key, selectors, origin)
    return selectors


def _per_file_ignores(option: Option, codes: CodeMap, t: Translation) -> None:
    table: dict[str, list[str]] = {}
    for patterns, items in parse_per_file_ignores(str(option.value)):
        selectors = _ignore(("per-file",), items, option.origin, codes, t)
        if not selectors:
            continue
        for pattern in patterns.split(","):
            pattern = pattern.removeprefix("./")
            table.setdefault(pattern, [])
            table[pattern] += [s for s in selectors if s not in table[pattern]]
    key = ("lint", "per-file-ignores")
    current = t.settings.values.setdefault(key, {})
    assert isinstance(current, dict)
    current.update(table)
    t.settings.origins.setdefault(key, option.origin)


def _max_complexity(option: Option, defaults: bool, t: Translation) -> bool:
    """Carry max-complexity over; False when it leaves flake8's mccabe off."""
    try:
        value = int(str(option.value))
    except ValueError:
        t.drop("max-complexity", option.origin, f"{option.value!r} is not a number")
        return False
    if value < 0:  # flake8's "off" (-1)
        t.absorb("max-complexity", option.origin, "complexity checking is off, as in Ruff")
        return False
    t.settings.set(("lint", "mccabe", "max-complexity"), value, option.origin)
    if defaults:  # with an explicit `select`, C90 is on only when it is selected (and mapped)
        t.settings.extend(SELECT, ["C901"], option.origin.labelled("max-complexity"))
    return True


def _unselect_mccabe(t: Translation) -> None:
    """flake8's mccabe reports nothing until max-complexity is set, while Ruff's C901 defaults
    to 10: selecting C90 (e.g. through a broad `select = C`) would bring new findings."""
    selected = t.settings.get_list(SELECT)
    for selector in [s for s in selected if s.startswith("C9")]:
        selected.remove(selector)
        origin = t.settings.item_origins.pop((SELECT, selector))
        t.absorb(
            selector,
            origin,
            "not selected: flake8's mccabe reports nothing without max-complexity, while Ruff's "
            "C901 defaults to 10 (to check complexity, set lint.mccabe.max-complexity and select C901)",
        )


SELECTION = (
    "select",
    "extend-select",
    "enable-extensions",
    "ignore",
    "extend-ignore",
    "per-file-ignores",
    "max-complexity",
)
