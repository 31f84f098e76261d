"""flake8 (and its plugins' options) -> Ruff settings."""

from __future__ import annotations

from collections.abc import Callable

from adopt_fast.migrate.codes import CodeMap
from adopt_fast.migrate.flake8_selection import SELECTION, translate_selection
from adopt_fast.migrate.model import SELECT, Origin, Translation
from adopt_fast.migrate.sources import Option, parse_bool, split_list

# flake8's own default for max-line-length; it applies whenever flake8 runs without one.
FLAKE8_LINE_LENGTH = 79
# Ruff excludes these already (its `exclude` default); repeating them in extend-exclude adds noise.
RUFF_DEFAULT_EXCLUDES = frozenset(
    {
        ".bzr",
        ".direnv",
        ".eggs",
        ".git",
        ".git-rewrite",
        ".hg",
        ".ipynb_checkpoints",
        ".mypy_cache",
        ".nox",
        ".pants.d",
        ".pyenv",
        ".pytest_cache",
        ".pytype",
        ".ruff_cache",
        ".svn",
        ".tox",
        ".venv",
        ".vscode",
        "__pypackages__",
        "_build",
        "buck-out",
        "build",
        "dist",
        "node_modules",
        "site-packages",
        "venv",
        "__pycache__",
        "CVS",
        "*.egg",
    }
)
# Options that only shape how flake8 runs or prints; Ruff needs no setting for them.
RUN_OPTIONS = frozenset(
    {
        "count",
        "statistics",
        "show-source",
        "format",
        "jobs",
        "benchmark",
        "tee",
        "output-file",
        "color",
        "quiet",
        "verbose",
        "show-pep8",
        "require-plugins",
        "min-python-version",
        "max-annotations-complexity",
        "radon-max-cc",
        "accept-encodings",
        "rst-roles",
        "rst-directives",
        "dictionaries",
    }
)
DROPPED = {
    "doctests": "Ruff does not lint code in doctests",
    "hang-closing": "Ruff has no hanging-closing-bracket option; `ruff format` places brackets",
    "filename": "Ruff selects files by extension (`include`); translate the patterns by hand",
    "disable-noqa": "Ruff has no setting to disregard `# noqa` (only the --disable-noqa flag)",
    "exit-zero": "the adopt-fast hooks fail on findings; drop the hook or fix the findings",
    "config": "adopt-fast reads the configuration flake8 finds by itself; move it there",
    "append-config": "adopt-fast reads the configuration flake8 finds by itself; move it there",
    "banned-modules": "flake8-tidy-imports' banned-modules maps to lint.flake8-tidy-imports."
    "banned-api, whose format differs; translate it by hand",
    "noqa-require-code": "use Ruff's PGH004 (blanket noqa) instead",
}
QUOTE_STYLES = {
    "'": "single",
    "'''": "single",
    "single": "single",
    '"': "double",
    '"""': "double",
    "double": "double",
}
PYTEST_STYLE = (
    "fixture-parentheses",
    "parametrize-names-type",
    "parametrize-values-type",
    "parametrize-values-row-type",
    "raises-require-match-for",
    "raises-extend-require-match-for",
    "mark-parentheses",
)
CONVENTIONS = ("pep257", "numpy", "google")

Handler = Callable[[Option, CodeMap, Translation], None]


def _line_length(option: Option, codes: CodeMap, t: Translation) -> None:
    # Kept apart from `line-length` (the formatter's): translate.py decides once black is known.
    _int_setting(("lint", "pycodestyle", "max-line-length"), option, t)


def _doc_length(option: Option, codes: CodeMap, t: Translation) -> None:
    if _int_setting(("lint", "pycodestyle", "max-doc-length"), option, t):
        t.settings.extend(SELECT, ["W505"], option.origin.labelled("max-doc-length"))


def _int_setting(key: tuple[str, ...], option: Option, t: Translation) -> bool:
    try:
        t.settings.set(key, int(str(option.value)), option.origin)
    except ValueError:
        t.drop(option.name, option.origin, f"{option.value!r} is not a number")
        return False
    return True


def _exclude(option: Option, codes: CodeMap, t: Translation) -> None:
    # flake8's `exclude` replaces its defaults; Ruff's defaults are a superset of flake8's, so
    # extend-exclude with the other patterns keeps every folder flake8 skipped.
    patterns = [p.removeprefix("./").rstrip("/") for p in split_list(option.value)]
    kept = [p for p in patterns if p and p not in RUFF_DEFAULT_EXCLUDES]
    covered = [p for p in patterns if p in RUFF_DEFAULT_EXCLUDES]
    if covered:
        rest = f"; {', '.join(kept)} written as extend-exclude" if kept else ""
        t.absorb(
            option.name,
            option.origin,
            f"{', '.join(covered)} not written: Ruff's default excludes already cover "
            f"{'it' if len(covered) == 1 else 'them'}{rest}",
        )
    t.settings.extend(("extend-exclude",), kept, option.origin)


def _convention(option: Option, codes: CodeMap, t: Translation) -> None:
    value = str(option.value).strip().lower()
    if value in CONVENTIONS:
        t.settings.set(("lint", "pydocstyle", "convention"), value, option.origin)
    elif value == "all":
        t.absorb(option.name, option.origin, "every D rule applies, as in Ruff with no convention")
    else:
        t.drop(
            option.name,
            option.origin,
            f"unknown convention {value!r} (Ruff knows {', '.join(CONVENTIONS)})",
        )


def _quotes(option: Option, codes: CodeMap, t: Translation) -> None:
    style = QUOTE_STYLES.get(str(option.value).strip())
    if style is None:
        t.drop(option.name, option.origin, f"unknown quote style {option.value!r}")
        return
    t.settings.set(("lint", "flake8-quotes", option.name), style, option.origin)


def _avoid_escape(option: Option, codes: CodeMap, t: Translation) -> None:
    t.settings.set(
        ("lint", "flake8-quotes", "avoid-escape"), parse_bool(option.value), option.origin
    )


def _first_party(option: Option, codes: CodeMap, t: Translation) -> None:
    t.settings.extend(
        ("lint", "isort", "known-first-party"), split_list(option.value), option.origin
    )


def _relative_imports(option: Option, codes: CodeMap, t: Translation) -> None:
    value = str(option.value).strip().lower()
    if value == "parents":
        t.settings.set(
            ("lint", "flake8-tidy-imports", "ban-relative-imports"), "parents", option.origin
        )
    elif parse_bool(value):
        t.settings.set(
            ("lint", "flake8-tidy-imports", "ban-relative-imports"), "all", option.origin
        )
    else:
        t.absorb(option.name, option.origin, "relative imports allowed, as in Ruff")


def _list_setting(key: tuple[str, ...]) -> Handler:
    def handle(option: Option, codes: CodeMap, t: Translation) -> None:
        t.settings.extend(key, split_list(option.value), option.origin)

    return handle


def _pytest_style(option: Option, codes: CodeMap, t: Translation) -> None:
    name = option.name.removeprefix("pytest-")
    if name == "fixture-no-parentheses":
        t.settings.set(
            ("lint", "flake8-pytest-style", "fixture-parentheses"),
            not parse_bool(option.value),
            option.origin,
        )
    elif name in PYTEST_STYLE:
        value = str(option.value).strip()
        key = ("lint", "flake8-pytest-style", name)
        if name.endswith("-for"):
            t.settings.extend(key, split_list(value), option.origin)
        else:
            t.settings.set(key, value, option.origin)
    else:
        t.drop(option.name, option.origin, "Ruff's flake8-pytest-style has no such option")


# flake8-import-order's styles -> Ruff's isort settings that order imports the same way
# (flake8-import-order's README, "Styles"); None: Ruff cannot express it, with the reason.
IMPORT_ORDER_STYLES: dict[str, dict[str, bool] | str] = {
    # `import x` and `from x import y` mixed, by module, case-insensitively
    "google": {"force-sort-within-sections": True, "order-by-type": False},
    # google, but `import x` lines before `from x import y` lines (Ruff's own order)
    "smarkets": {"order-by-type": False},
    # smarkets, with imported names sorted case-sensitively
    "pycharm": {"order-by-type": False, "case-sensitive": True},
    "cryptography": "Ruff's isort has no style that groups third-party imports package by "
    "package; it orders them as isort does",
    "appnexus": "Ruff's isort has no group for application-package-names between third-party "
    "and first-party imports",
    "edited": "Ruff's isort has no group for application-package-names between third-party "
    "and first-party imports",
    "pep8": "Ruff's isort also orders the imports within each group, which pep8 style leaves free",
}


def _import_order_style(option: Option, codes: CodeMap, t: Translation) -> None:
    style = str(option.value).strip().lower()
    found = IMPORT_ORDER_STYLES.get(style)
    if found is None:
        t.drop(option.name, option.origin, f"unknown import-order-style {style!r}")
        return
    if isinstance(found, str):
        t.drop(
            f"{option.name} = {style}",
            option.origin,
            f"{found}: the first `adopt-fast-lint --fix` reorders the imports it finds out of "
            "that order",
        )
        return
    for name, value in found.items():
        t.settings.set(("lint", "isort", name), value, option.origin.labelled(f"{style} style"))


HANDLERS: dict[str, Handler] = {
    "max-line-length": _line_length,
    "max-doc-length": _doc_length,
    "exclude": _exclude,
    "extend-exclude": _exclude,
    "docstring-convention": _convention,
    "inline-quotes": _quotes,
    "multiline-quotes": _quotes,
    "docstring-quotes": _quotes,
    "avoid-escape": _avoid_escape,
    "application-import-names": _first_party,
    "ban-relative-imports": _relative_imports,
    "classmethod-decorators": _list_setting(("lint", "pep8-naming", "classmethod-decorators")),
    "staticmethod-decorators": _list_setting(("lint", "pep8-naming", "staticmethod-decorators")),
    "ignore-names": _list_setting(("lint", "pep8-naming", "extend-ignore-names")),
    "builtins-ignorelist": _list_setting(("lint", "flake8-builtins", "ignorelist")),
    "extend-immutable-calls": _list_setting(("lint", "flake8-bugbear", "extend-immutable-calls")),
    "import-order-style": _import_order_style,
}


def translate_flake8(
    options: dict[str, Option],
    codes: CodeMap,
    t: Translation,
    default_origin: Origin,
    plugins_origin: Origin | None = None,
) -> None:
    """Every flake8 option lands in the Ruff settings, in `no_setting_needed`, or in
    `untranslatable` with its reason. `default_origin` is where flake8's defaults are
    attributed, `plugins_origin` (default: the same) where the installed plugins are."""
    plugins_origin = plugins_origin or default_origin
    translate_selection(options, codes, t, default_origin, plugins_origin)
    for name, option in options.items():
        if name in SELECTION:
            continue
        handler = HANDLERS.get(name)
        if handler is not None:
            handler(option, codes, t)
        elif name.startswith("pytest-"):
            _pytest_style(option, codes, t)
        elif name in RUN_OPTIONS:
            t.absorb(name, option.origin, "only shapes how flake8 runs or prints its report")
        elif name in DROPPED:
            t.drop(name, option.origin, DROPPED[name])
        else:
            t.drop(
                name,
                option.origin,
                "not a flake8 option adopt-fast knows (a plugin's?); "
                "Ruff has no equivalent setting",
            )
    if "max-line-length" not in options:
        t.settings.set(
            ("lint", "pycodestyle", "max-line-length"), FLAKE8_LINE_LENGTH, default_origin
        )
    _report_idle_plugins(codes, t, plugins_origin)
    for name in codes.unknown_plugins():
        if "flake8" in name:
            t.drop(
                name,
                plugins_origin,
                "a flake8 plugin adopt-fast does not know; its codes "
                "are not checked by Ruff unless a Ruff rule does the same",
            )
        else:  # pydocstyle, toml, importlib-metadata...: what plugins need, not plugins
            t.absorb(name, plugins_origin, "a dependency of the flake8 hook, not a plugin")


def _report_idle_plugins(codes: CodeMap, t: Translation, origin: Origin) -> None:
    """Every installed plugin ends in the config, in "not carried over" or in "needs no Ruff
    setting": one whose codes none of the selectors reached is named here."""
    selected = t.settings.get_list(SELECT)
    reported = t.untranslatable + t.no_setting_needed
    for plugin in codes.installed_plugins():
        targets = [target for target in plugin.codes.values() if target]
        if any(s.startswith(x) or x.startswith(s) for s in selected for x in targets):
            continue
        if any(plugin.name in u.reason or u.item == plugin.package for u in reported):
            continue
        if plugin.reason:
            t.drop(plugin.package, origin, plugin.reason)
        else:
            t.absorb(
                plugin.package,
                origin,
                "installed, but flake8's select/ignore leave none of its codes on, "
                "so there is nothing of it to carry over",
            )
