"""Write the project's choice of profile into `[tool.adopt-fast]` (adopt_fast.settings reads it).

pyproject.toml gets the table appended at its end, or its existing `profile` changed in place;
a project without a pyproject.toml gets an `adopt-fast.toml`. Every other byte is kept, and the
result is parsed again to prove that nothing else changed.
"""

from __future__ import annotations

import os
import re

from adopt_fast.edits.change import Change
from adopt_fast.edits.textfile import BOM, TextFile, detect_newline, ensure_writable, read_text
from adopt_fast.edits.tomlfile import loads
from adopt_fast.errors import InputError
from adopt_fast.ruff import DEFAULT_PROFILE
from adopt_fast.settings import FILE_NAME, TABLE

_COMMENT = "# the profile `adopt-fast check` and the hooks apply"
_HEADER = re.compile(
    r"^\s*\[\s*tool\s*\.\s*(\"adopt-fast\"|'adopt-fast'|adopt-fast)\s*\]", re.MULTILINE
)


def plan_profile(root: str, profile: str, base: Change | None = None) -> Change | None:
    """The change that records `profile`, or None when nothing needs recording (the default
    profile, not set before; or the same profile). `base`: a change planned for the same file
    (init's Ruff config in pyproject.toml), which this change then builds on."""
    own = os.path.join(root, FILE_NAME)
    pyproject = os.path.join(root, "pyproject.toml")
    path = own if os.path.isfile(own) or not os.path.isfile(pyproject) else pyproject
    file = _current(path, base)
    if file is None:
        if profile == DEFAULT_PROFILE:
            return None
        return Change(path, None, f'profile = "{profile}"  {_COMMENT}\n'.encode())
    data = loads(path, file.text)
    table = data if path == own else data.get("tool", {}).get("adopt-fast")
    if table is None and profile == DEFAULT_PROFILE:
        return None
    if isinstance(table, dict) and table.get("profile", DEFAULT_PROFILE) == profile:
        return None
    new_text = _with_profile(path, file.text, profile, has_table=table is not None)
    _verify(path, data, loads(path, new_text), profile, in_pyproject=path != own)
    ensure_writable(path)
    old = base.old if base is not None and base.path == path else file.encode(file.text)
    return Change(path, old, file.encode(new_text))


def _current(path: str, base: Change | None) -> TextFile | None:
    if base is not None and base.path == path:
        text = base.new.decode("utf-8")
        bom = text.startswith(BOM)
        text = text.removeprefix(BOM)
        return TextFile(path, text, bom, detect_newline(text))
    return read_text(path) if os.path.isfile(path) else None


def _with_profile(path: str, text: str, profile: str, *, has_table: bool) -> str:
    newline = detect_newline(text)
    line = f'profile = "{profile}"'
    existing = re.compile(r"""^(\s*profile\s*=\s*)(["'])[^"']*\2""", re.MULTILINE)
    if path.endswith(FILE_NAME):
        if existing.search(text):
            return existing.sub(lambda m: f'{m.group(1)}"{profile}"', text, count=1)
        return f"{line}  {_COMMENT}{newline}{text}"
    header = _HEADER.search(text)
    if header is None:
        if has_table:  # written as a dotted key or inline table: not ours to reshape
            raise InputError(
                path,
                f"sets {TABLE} in a form adopt-fast does not edit",
                f'add `profile = "{profile}"` to it by hand',
            )
        end = "" if not text or text.endswith(("\n", "\r")) else newline
        gap = newline if text.strip() else ""
        return f"{text}{end}{gap}{TABLE}{newline}{line}  {_COMMENT}{newline}"
    body_start = text.index("\n", header.end()) + 1 if "\n" in text[header.end() :] else len(text)
    following = re.compile(r"^\s*\[", re.MULTILINE).search(text, body_start)
    body_end = following.start() if following else len(text)
    body = text[body_start:body_end]
    if existing.search(body):
        body = existing.sub(lambda m: f'{m.group(1)}"{profile}"', body, count=1)
    else:
        body = f"{line}{newline}{body}"
    return text[:body_start] + body + text[body_end:]


def _verify(
    path: str, old: dict[str, object], new: dict[str, object], profile: str, *, in_pyproject: bool
) -> None:
    """The edit must change `profile` and nothing else (tomllib sees the whole file)."""
    expected: dict[str, object] = {**old}
    if in_pyproject:
        tool = dict(expected.get("tool", {}))  # type: ignore[call-overload]
        tool["adopt-fast"] = {**tool.get("adopt-fast", {}), "profile": profile}
        expected["tool"] = tool
    else:
        expected["profile"] = profile
    if new != expected:
        raise InputError(
            path,
            "cannot record the profile without changing other settings",
            f'add `profile = "{profile}"` under {TABLE} by hand',
        )
