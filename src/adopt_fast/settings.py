"""adopt-fast's own settings: `[tool.adopt-fast]` in pyproject.toml, or `adopt-fast.toml`.

    [tool.adopt-fast]
    profile = "minimal"                       # the profile `check` and the hooks apply
    ignore = { AF005 = "ISC001 stays until our CI moves to Ruff 0.9" }   # a reason is required

`adopt-fast.toml` (same keys, at its top level) wins over pyproject.toml, as ruff.toml does.
The hooks read this on every commit when the project has no Ruff config of its own, so this
is on the hooks' start-up path (its budget: tests/test_lint_hook.py): the module imports only
`os` and two leaves at module level, the file readers of `adopt_fast.edits` only when there is
a file to read, and a pyproject.toml that never names adopt-fast is not parsed at all.
"""

from __future__ import annotations

import os

from adopt_fast.errors import InputError
from adopt_fast.ruff import PROFILES

FILE_NAME = "adopt-fast.toml"
TABLE = "[tool.adopt-fast]"
_KEYS = ("profile", "ignore")


class Settings:
    """What the project chose; `source` names where (None: nothing was set)."""

    __slots__ = ("ignore", "path", "profile", "source")

    def __init__(
        self,
        profile: str | None = None,
        ignore: dict[str, str] | None = None,
        path: str | None = None,
        source: str | None = None,
    ) -> None:
        self.profile = profile
        self.ignore = ignore or {}
        self.path = path  # the file, None when there is none
        self.source = source  # e.g. "pyproject.toml [tool.adopt-fast]"


def read_settings(root: str) -> Settings:
    """The project's settings, or InputError (file, line, fix) when they are malformed."""
    own = os.path.join(root, FILE_NAME)
    if os.path.isfile(own):
        text = _read(own)
        return _validated(own, FILE_NAME, text, _parse(own, text), FILE_NAME)
    pyproject = os.path.join(root, "pyproject.toml")
    if not os.path.isfile(pyproject):
        return Settings()
    with open(pyproject, "rb") as f:
        if b"adopt-fast" not in f.read():
            return Settings()
    text = _read(pyproject)
    tool = _parse(pyproject, text).get("tool", {})
    table = tool.get("adopt-fast") if isinstance(tool, dict) else None
    if table is None:
        return Settings()
    return _validated(pyproject, "pyproject.toml", text, table, f"pyproject.toml {TABLE}")


def _read(path: str) -> str:
    from adopt_fast.edits.textfile import read_text

    return read_text(path).text


def _parse(path: str, text: str) -> dict[str, object]:
    from adopt_fast.edits.tomlfile import loads

    return loads(path, text)


def _validated(path: str, name: str, text: str, table: object, source: str) -> Settings:
    from adopt_fast.edits.tomlfile import key_line

    def error(key: str, what: str, fix: str) -> InputError:
        # A check id inside an inline table is not at a line start: the `ignore` line then.
        return InputError(path, what, fix, key_line(text, key) or key_line(text, "ignore"))

    if not isinstance(table, dict):
        raise error("adopt-fast", f"{source} must be a table", f"write it as {TABLE}")
    for key in table:
        if key not in _KEYS:
            raise error(key, f"unknown key `{key}` in {source}", "use `profile` and `ignore`")
    profile = table.get("profile")
    if profile is not None and profile not in PROFILES:
        raise error(
            "profile",
            f"`profile` in {source} is {profile!r}, not a profile",
            f"choose one of {', '.join(PROFILES)}",
        )
    ignore = table.get("ignore", {})
    example = 'ignore = { AF005 = "why this check does not apply here" }'
    if not isinstance(ignore, dict):
        raise error("ignore", f"`ignore` in {source} needs a reason for each check", example)
    for code, reason in ignore.items():
        if not isinstance(reason, str) or not reason.strip():
            raise error(code, f"`ignore` of {code} in {source} gives no reason", example)
    return Settings(profile, dict(ignore), path, source)


def project_profile(root: str) -> str | None:
    """The profile `[tool.adopt-fast]` chooses, or None (what the hooks pass to
    `ruff.hook_argv`); InputError when the settings are malformed."""
    return read_settings(root).profile
