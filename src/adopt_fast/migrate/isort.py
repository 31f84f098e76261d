"""isort -> Ruff's isort rules (I) and `lint.isort` settings."""

from __future__ import annotations

from adopt_fast.migrate.model import Translation
from adopt_fast.migrate.sources import Option, parse_bool, split_list

ISORT = ("lint", "isort")
# isort options whose black-compatible values are what Ruff's formatter and isort rules do.
BLACK_COMPATIBLE = {
    "multi-line-output": "3",
    "include-trailing-comma": "true",
    "force-grid-wrap": "0",
    "use-parentheses": "true",
    "ensure-newline-before-comments": "true",
}
RUN_OPTIONS = frozenset(
    {
        "atomic",
        "filter-files",
        "skip-gitignore",
        "quiet",
        "verbose",
        "check-only",
        "check",
        "diff",
        "color",
        "settings-path",
        "settings-file",
        "jobs",
        "show-files",
        "only-modified",
        "overwrite-in-place",
    }
)
LISTS = {
    "known-first-party": "known-first-party",
    "known-third-party": "known-third-party",
    "known-local-folder": "known-local-folder",
    "extra-standard-library": "extra-standard-library",
    "known-standard-library": "extra-standard-library",
    "force-to-top": "force-to-top",
    "single-line-exclusions": "single-line-exclusions",
    "forced-separate": "forced-separate",
}
BOOLS = {
    "force-single-line": "force-single-line",
    "force-sort-within-sections": "force-sort-within-sections",
    "combine-as": "combine-as-imports",
    "combine-as-imports": "combine-as-imports",
    "order-by-type": "order-by-type",
    "case-sensitive": "case-sensitive",
    "force-wrap-aliases": "force-wrap-aliases",
    "from-first": "from-first",
    "length-sort": "length-sort",
    "length-sort-straight": "length-sort-straight",
}
INTS = {"lines-after-imports": "lines-after-imports", "lines-between-types": "lines-between-types"}
SECTIONS = {
    "FUTURE": "future",
    "STDLIB": "standard-library",
    "THIRDPARTY": "third-party",
    "FIRSTPARTY": "first-party",
    "LOCALFOLDER": "local-folder",
}
DROPPED = {
    "skip": "isort's skip names have no Ruff isort equivalent; add the paths to "
    "lint.per-file-ignores with I001 if they must stay unsorted",
    "skip-glob": "isort's skip globs have no Ruff isort equivalent; add them to "
    "lint.per-file-ignores with I001",
    "extend-skip": "isort's skip names have no Ruff isort equivalent; add the paths to "
    "lint.per-file-ignores with I001",
    "extend-skip-glob": "isort's skip globs have no Ruff isort equivalent; add them to "
    "lint.per-file-ignores with I001",
    "float-to-top": "Ruff's isort rules do not move imports from below code to the top",
    "force-alphabetical-sort": "Ruff has no fully alphabetical import order",
    "sections": "custom isort sections need lint.isort.sections; translate them by hand",
}


def translate_isort(options: dict[str, Option], t: Translation) -> None:
    for name, option in options.items():
        _translate_option(name, option, t)


def _translate_option(name: str, option: Option, t: Translation) -> None:
    value = option.value
    if name == "profile":
        _profile(option, t)
    elif name in BLACK_COMPATIBLE:
        if str(value).strip().lower() == BLACK_COMPATIBLE[name]:
            t.absorb(name, option.origin, "black-compatible, which is what Ruff does")
        else:
            t.drop(
                name,
                option.origin,
                f"Ruff always wraps imports the way black does ({name} = {BLACK_COMPATIBLE[name]})",
            )
    elif name in LISTS:
        t.settings.extend((*ISORT, LISTS[name]), split_list(value), option.origin)
    elif name in INTS:
        try:
            t.settings.set((*ISORT, INTS[name]), int(str(value)), option.origin)
        except ValueError:
            t.drop(name, option.origin, f"{value!r} is not a number")
    elif name in BOOLS:
        t.settings.set((*ISORT, BOOLS[name]), parse_bool(value), option.origin)
    elif name == "src-paths":
        t.settings.extend(
            ("src",), [p.removeprefix("./") for p in split_list(value)], option.origin
        )
    elif name == "no-lines-before":
        _no_lines_before(option, t)
    elif name == "default-section" and str(value).strip().upper() in SECTIONS:
        t.settings.set(
            (*ISORT, "default-section"), SECTIONS[str(value).strip().upper()], option.origin
        )
    elif name in ("line-length", "line-width"):
        pass  # compared with the final line-length in translate.py
    elif name in ("py-version", "python-version"):
        t.absorb(name, option.origin, "Ruff's isort takes the standard library of target-version")
    elif name in RUN_OPTIONS:
        t.absorb(name, option.origin, "only shapes how isort runs")
    elif name in DROPPED:
        t.drop(name, option.origin, DROPPED[name])
    elif name.startswith("known-"):
        t.drop(
            name,
            option.origin,
            "a custom isort section: Ruff needs it in "
            "lint.isort.sections and section-order; translate it by hand",
        )
    else:
        t.drop(name, option.origin, "Ruff's isort has no equivalent setting")


def _profile(option: Option, t: Translation) -> None:
    profile = str(option.value).strip().lower()
    if profile == "black":
        t.absorb("profile", option.origin, "isort's black profile is Ruff's default")
    elif profile == "google":
        t.settings.set((*ISORT, "force-single-line"), True, option.origin)
        t.settings.set((*ISORT, "force-sort-within-sections"), True, option.origin)
        t.settings.extend((*ISORT, "single-line-exclusions"), ["typing"], option.origin)
        t.drop(
            "profile",
            option.origin,
            "google: translated as force-single-line and "
            "force-sort-within-sections; its lexicographical order has no Ruff setting",
        )
    else:
        t.drop(
            "profile",
            option.origin,
            f"isort profile {profile!r} has no Ruff equivalent; "
            "Ruff's isort rules follow the black profile",
        )


def _no_lines_before(option: Option, t: Translation) -> None:
    for section in split_list(option.value):
        ruff_name = SECTIONS.get(section.upper())
        if ruff_name is None:
            t.drop("no-lines-before", option.origin, f"custom section {section!r}")
        else:
            t.settings.extend((*ISORT, "no-lines-before"), [ruff_name], option.origin)
