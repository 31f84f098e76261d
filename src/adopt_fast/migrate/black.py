"""black -> `line-length`, `target-version` and Ruff's `format` settings."""

from __future__ import annotations

from adopt_fast.migrate.model import Translation
from adopt_fast.migrate.sources import Option, parse_bool, split_list

BLACK_LINE_LENGTH = 88  # black's default, which is Ruff's too
RUN_OPTIONS = frozenset(
    {
        "quiet",
        "verbose",
        "check",
        "diff",
        "color",
        "fast",
        "safe",
        "required-version",
        "workers",
        "config",
        "code",
        "ipynb",
        "python-cell-magics",
        "pyi",
    }
)
REGEX_OPTIONS = frozenset({"include", "exclude", "extend-exclude", "force-exclude"})


def py_version(value: str) -> tuple[int, int] | None:
    """`py38` / `py3.8` / `3.8` -> (3, 8)."""
    digits = value.strip().lower().removeprefix("py").replace(".", "")
    if len(digits) >= 2 and digits.isdigit() and digits[0] == "3":
        return 3, int(digits[1:])
    return None


def translate_black(options: dict[str, Option], t: Translation) -> tuple[int, int] | None:
    """Translate; return the lowest Python of black's target-version (for translate.py)."""
    target: tuple[int, int] | None = None
    for name, option in options.items():
        value = option.value
        if name == "line-length":
            try:
                t.settings.set(("line-length",), int(str(value)), option.origin)
            except ValueError:
                t.drop(name, option.origin, f"{value!r} is not a number")
        elif name == "target-version":
            versions = [v for v in (py_version(x) for x in split_list(value)) if v]
            target = min(versions) if versions else None
        elif name == "skip-string-normalization" and parse_bool(value):
            t.settings.set(("format", "quote-style"), "preserve", option.origin)
        elif name == "skip-magic-trailing-comma" and parse_bool(value):
            t.settings.set(("format", "skip-magic-trailing-comma"), True, option.origin)
        elif name in ("skip-string-normalization", "skip-magic-trailing-comma"):
            t.absorb(name, option.origin, "off, as in Ruff")
        elif name in REGEX_OPTIONS:
            t.drop(
                name,
                option.origin,
                "black takes a regular expression, Ruff takes globs: "
                "add the equivalent patterns to extend-exclude by hand",
            )
        elif name == "preview":
            t.drop(
                name,
                option.origin,
                "black's preview style is not Ruff's; set "
                "format.preview = true only after checking the diff",
            )
        elif name in RUN_OPTIONS:
            t.absorb(name, option.origin, "only shapes how black runs")
        else:
            t.drop(name, option.origin, "Ruff's formatter has no equivalent setting")
    return target
