"""black -> `line-length`, `target-version` and Ruff's `format` settings."""

from __future__ import annotations

import re

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
        elif name == "include":
            t.drop(
                name,
                option.origin,
                "Ruff formats *.py, *.pyi and *.ipynb files (`include`); translate the "
                "regular expression by hand if black's differed",
            )
        elif name in REGEX_OPTIONS:
            _exclude(option, t)
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


# Folders Ruff never formats (its `exclude` default), which black's own default regex names too.
_RUFF_SKIPS = frozenset(
    {".git", ".hg", ".mypy_cache", ".nox", ".tox", ".venv", "venv", "_build", "buck-out"}
    | {"build", "dist", ".pytest_cache", ".eggs", ".direnv", "__pypackages__", ".svn"}
)


def regex_to_globs(regex: str) -> tuple[list[str], list[str]]:
    """black's exclude regex (verbose, searched in `/`-prefixed paths) -> Ruff globs for the
    alternatives that are plain paths, and the alternatives that are not.

    `/(\\.git|docs)/` -> `**/docs/**` (a folder anywhere), `^/src/gen/` -> `src/gen/**`,
    `.*_pb2\\.py` -> `**/*_pb2.py`. A folder needs the `/**`: Ruff's format.exclude matches
    files, and a bare `docs` excludes nothing below it.
    """
    text = re.sub(r"\s+", "", regex)
    anchored_all = text.startswith("^")
    text = text.removeprefix("(?x)")
    while text[:1] in ("^", "/", "("):
        text = text[1:]
    text = text.rstrip("$")
    while text[-1:] in (")", "/") and text.count("(") < text.count(")") + (text[-1] == "/"):
        text = text[:-1]
    globs, left = [], []
    for part in filter(None, text.split("|")):
        anchored = anchored_all or part.startswith("^")
        path = part.lstrip("^/").rstrip("/$").replace(".*", "*").replace("\\.", ".")
        if not path or re.search(r"[\\()\[\]{}+?^$|]", path):
            left.append(part)
            continue
        if path in _RUFF_SKIPS:
            continue
        is_file = path.endswith((".py", ".pyi", ".ipynb", "*"))
        globs.append(("" if anchored else "**/") + path + ("" if is_file else "/**"))
    return globs, left


def _exclude(option: Option, t: Translation) -> None:
    globs, left = regex_to_globs(str(option.value))
    key = ("format", "exclude")
    t.settings.extend(key, globs, option.origin)
    if left:
        t.drop(
            option.name,
            option.origin,
            f"black takes a regular expression, Ruff takes globs: {', '.join(left)} "
            "could not be read as a path; add the equivalent glob to format.exclude by hand",
        )
    else:
        rest = f" ({', '.join(globs)} into format.exclude)" if globs else ""
        t.absorb(
            option.name,
            option.origin,
            f"every path of the regular expression became a glob{rest}; Ruff skips the "
            "others by default",
        )
