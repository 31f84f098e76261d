"""The old hooks' command-line args as options in the shape of their config files."""

from __future__ import annotations

from adopt_fast.migrate.model import Origin
from adopt_fast.migrate.sources import Option, normalise

# Per tool: short or alternative flag -> config option name.
ALIASES = {
    "black": {
        "l": "line-length",
        "S": "skip-string-normalization",
        "C": "skip-magic-trailing-comma",
        "t": "target-version",
        "q": "quiet",
        "v": "verbose",
    },
    "isort": {
        "l": "line-length",
        "m": "multi-line-output",
        "p": "known-first-party",
        "o": "known-third-party",
        "sl": "force-single-line",
        "force-single-line-imports": "force-single-line",
        "fss": "force-sort-within-sections",
        "tc": "include-trailing-comma",
        "up": "use-parentheses",
        "ca": "combine-as",
        "fgw": "force-grid-wrap",
        "project": "known-first-party",
        "thirdparty": "known-third-party",
        "src": "src-paths",
        "src-path": "src-paths",
        "ot": "order-by-type",
        "sp": "settings-path",
        "settings-file": "settings-path",
        "ensure-newline-before-comments": "ensure-newline-before-comments",
        "py": "py-version",
        "s": "skip",
        "sg": "skip-glob",
        "q": "quiet",
        "e": "extend-skip",
    },
    "flake8": {"j": "jobs", "q": "quiet", "v": "verbose"},
    "pyupgrade": {},
    "autoflake": {"i": "in-place", "r": "recursive", "j": "jobs"},
}
# Flags that never take a value, so the next arg is not swallowed as theirs.
FLAGS = frozenset(
    {
        "skip-string-normalization",
        "skip-magic-trailing-comma",
        "quiet",
        "verbose",
        "check",
        "diff",
        "preview",
        "fast",
        "safe",
        "force-single-line",
        "force-sort-within-sections",
        "include-trailing-comma",
        "use-parentheses",
        "combine-as",
        "order-by-type",
        "ensure-newline-before-comments",
        "filter-files",
        "atomic",
        "float-to-top",
        "case-sensitive",
        "in-place",
        "recursive",
        "remove-all-unused-imports",
        "remove-unused-variables",
        "remove-duplicate-keys",
        "ignore-init-module-imports",
        "expand-star-imports",
        "keep-runtime-typing",
        "keep-percent-format",
        "keep-mock",
        "exit-zero",
        "show-source",
        "statistics",
        "count",
        "skip-gitignore",
        "only-modified",
        "force-grid-wrap-alias",
        "check-only",
        "color",
        "doctests",
        "benchmark",
        "ignore-pass-statements",
        "ignore-pass-after-docstring",
        "remove-rhs-for-unused-variables",
    }
)
REPEATABLE = frozenset(
    {
        "target-version",
        "known-first-party",
        "known-third-party",
        "src-paths",
        "skip",
        "skip-glob",
        "extend-skip",
        "exclude",
        "extend-exclude",
    }
)


def _name(tool: str, raw: str) -> str:
    stripped = raw.lstrip("-")
    aliases = ALIASES.get(tool, {})
    return normalise(aliases.get(stripped, aliases.get(normalise(stripped), stripped)))


def parse_hook_args(tool: str, args: list[str], origin: Origin) -> dict[str, Option]:
    """`--name=value`, `--name value`, `-x value` and bare flags (value "true")."""
    found: dict[str, Option] = {}
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if not arg.startswith("-") or arg == "-":
            continue
        raw, sep, value = arg.partition("=")
        name = _name(tool, raw)
        if not sep:
            if (
                name not in FLAGS
                and not name.startswith("py3")
                and i < len(args)
                and not args[i].startswith("-")
            ):
                value, i = args[i], i + 1
            else:
                value = "true"
        if name in REPEATABLE and name in found:
            value = f"{found[name].value},{value}"
        found[name] = Option(name, value, origin)
    return found
