"""The curated Ruff profiles: valid Ruff config files, each selector and ignore with a reason.

`minimal.toml` < `recommended.toml` < `strict.toml`: each `extend`s the previous one, like a
Ruff config would. `load_profile` resolves that chain into the rule families (with the reason
written as the trailing comment of each line) and any further settings, such as
`lint.pydocstyle.convention`.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from typing import Any

from adopt_fast.ruff import profile_path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

_ARRAY_START = re.compile(r"^([\w-]+)\s*=\s*\[")
_ARRAY_ITEM = re.compile(r'^\s*"([^"]+)",?\s*(?:#\s*(.*?))?\s*$')
_TABLE = re.compile(r"^\[([\w.-]+)\]")
_SCALAR = re.compile(r"^([\w-]+)\s*=\s*[^\[].*?(?:#\s*(.*?))?\s*$")
_RULE_KEYS = {"lint.extend-select": "selectors", "lint.ignore": "ignores"}


@dataclass
class Profile:
    name: str
    selectors: dict[str, str] = field(default_factory=dict)  # selector -> reason
    ignores: dict[str, str] = field(default_factory=dict)  # code -> reason
    settings: dict[str, Any] = field(default_factory=dict)  # "lint.pydocstyle.convention" -> value
    reasons: dict[str, str] = field(default_factory=dict)  # setting -> reason


def _comments(text: str) -> dict[str, dict[str, str]]:
    """Trailing comments by dotted key: {"lint.extend-select": {"F": "pyflakes: ..."}, ...};
    a scalar's comment is under its own dotted key with the key "" ."""
    found: dict[str, dict[str, str]] = {}
    table, array = "", None
    for line in text.splitlines():
        if array is not None:
            if line.strip().startswith("]"):
                array = None
            elif (item := _ARRAY_ITEM.match(line)) is not None:
                found.setdefault(array, {})[item.group(1)] = item.group(2) or ""
        elif (header := _TABLE.match(line)) is not None:
            table = header.group(1) + "."
        elif (start := _ARRAY_START.match(line)) is not None:
            array = table + start.group(1)
        elif (scalar := _SCALAR.match(line)) is not None:
            found.setdefault(table + scalar.group(1), {})[""] = scalar.group(2) or ""
    return found


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[prefix + key] = value
    return flat


def load_profile(name: str) -> Profile:
    """The profile `name` with its `extend` chain resolved (base profile first)."""
    return _load_file(profile_path(name), name)


def _load_file(path: str, name: str) -> Profile:
    # A bundled file: read as data, not as user input (a parse error is a packaging bug).
    with open(path, encoding="utf-8") as f:
        text = f.read()
    data = tomllib.loads(text)
    base = data.pop("extend", None)
    profile = _load_file(os.path.join(os.path.dirname(path), base), name) if base else Profile(name)
    comments = _comments(text)
    for dotted, value in _flatten(data).items():
        if dotted in _RULE_KEYS:
            target: dict[str, str] = getattr(profile, _RULE_KEYS[dotted])
            target.update((code, comments.get(dotted, {}).get(code, "")) for code in value)
        else:
            profile.settings[dotted] = value
            profile.reasons[dotted] = comments.get(dotted, {}).get("", "")
    return profile
