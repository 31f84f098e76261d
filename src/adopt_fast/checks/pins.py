"""Where a project says which Ruff it runs: requirement strings (pyproject.toml, requirements
files with `-r`/`-c` includes and hashes) and lockfiles (uv.lock, poetry.lock, pdm.lock,
pylock.toml), each with its file and line.

Requirements are parsed with `packaging` (extras, markers, `~=` and ranges) when a Ruff
requirement is more than a plain `ruff==X`. Lockfiles are searched as bytes: parsing a large
uv.lock as TOML would cost tens of milliseconds for one package's version.
"""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass

from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

from adopt_fast.edits.textfile import read_text

REQUIREMENTS = ("requirements*.txt", "requirements/*.txt", "requirements*/*.txt")
LOCKFILES = ("uv.lock", "poetry.lock", "pdm.lock", "pylock.toml", "pylock.*.toml")
# Patterns as strings: `re` compiles each on first use, so a project without requirements
# files or lockfiles never pays for them.
_INCLUDE = r"^(?:-r|--requirement|-c|--constraint)(?:\s*=\s*|\s+)(\S+)"
# The common shapes, read without importing packaging (~5 ms): a requirement's name, and an
# exact pin with nothing after it (no marker, no range).
_NAME = r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)"
_EXACT = r"(?i)\s*ruff\s*(?:\[[^\]]*\])?\s*===?\s*([0-9][0-9a-z.+!-]*)\s*"
# Every lockfile format writes the package's name, then its version, as the first keys of its
# `[[package]]` (uv, poetry, pdm) or `[[packages]]` (pylock.toml, PEP 751) table.
_LOCKED_NAME = b'\nname = "ruff"'
_LOCKED_VERSION = rb'\r?\nversion = "([^"]+)"'


@dataclass(frozen=True)
class Pin:
    """One exact Ruff version a file (or the environment) says will run."""

    version: str
    source: str  # where it came from, e.g. ".pre-commit-config.yaml:4 (astral-sh/ruff-pre-commit)"
    file: str | None = None  # relative to the project root; None: not a file of the project
    line: int | None = None


@dataclass(frozen=True)
class Range:
    """A requirement that allows several Ruff versions, e.g. `ruff>=0.6,<0.7`."""

    requirement: str  # as the file writes it
    specifier: str  # as packaging normalises it
    source: str
    file: str | None
    line: int | None

    def allows(self, version: str) -> bool:
        return SpecifierSet(self.specifier).contains(version, prereleases=True)


def requirement(text: str, source: str, file: str | None, line: int | None) -> Pin | Range | None:
    """What a requirement string says about Ruff (None: not Ruff, not for this environment's
    markers, or not a valid requirement, which the tool that installs it reports)."""
    if "ruff" not in text.lower():
        return None
    name = re.match(_NAME, text)
    if name is None or name.group(1).lower().replace("_", "-").replace(".", "-") != "ruff":
        return None
    exact = re.fullmatch(_EXACT, text)
    if exact is not None and "*" not in exact.group(1):
        return Pin(exact.group(1), source, file, line)
    try:
        parsed = Requirement(text)
    except InvalidRequirement:
        return None
    if canonicalize_name(parsed.name) != "ruff" or parsed.url:
        return None
    if parsed.marker is not None and not parsed.marker.evaluate({"extra": ""}):
        return None
    specs = list(parsed.specifier)
    if len(specs) == 1 and specs[0].operator in ("==", "===") and "*" not in specs[0].version:
        return Pin(specs[0].version, source, file, line)
    if not specs:
        return None
    return Range(text.strip(), str(parsed.specifier), source, file, line)


def requirements_files(root: str) -> list[str]:
    return sorted({p for pattern in REQUIREMENTS for p in glob.glob(os.path.join(root, pattern))})


def requirements_pins(root: str) -> Iterator[Pin | Range]:
    """Every Ruff requirement of the requirements files, following their includes once."""
    seen: set[str] = set()
    pending = requirements_files(root)
    while pending:
        path = os.path.normpath(pending.pop(0))
        if path in seen or not os.path.isfile(path):
            continue
        seen.add(path)
        name = os.path.relpath(path, root).replace(os.sep, "/")
        for number, line in _logical_lines(path):
            include = re.match(_INCLUDE, line)
            if include:
                pending.append(os.path.join(os.path.dirname(path), include.group(1)))
                continue
            if line.startswith("-"):  # -e, --index-url and the like
                continue
            text = re.split(r"\s+--?\w", line, maxsplit=1)[0]  # drop --hash=... and options
            found = requirement(text, f"{name}:{number}", name, number)
            if found is not None:
                yield found


def _logical_lines(path: str) -> Iterator[tuple[int, str]]:
    """pip's view of a requirements file: comments dropped, `\\` continuations joined, each
    logical line with the number of its first line."""
    start, parts = 0, list[str]()
    for number, raw in enumerate(read_text(path).text.splitlines(), start=1):
        line = re.sub(r"(^|\s)#.*$", "", raw).rstrip()
        if not parts:
            start = number
        if line.endswith("\\"):
            parts.append(line[:-1])
            continue
        parts.append(line)
        joined = " ".join(p.strip() for p in parts).strip()
        parts = []
        if joined:
            yield start, joined


def lockfile_pins(root: str) -> Iterator[Pin]:
    """The Ruff each lockfile at the root installs."""
    paths = sorted({p for pattern in LOCKFILES for p in glob.glob(os.path.join(root, pattern))})
    for path in paths:
        with open(path, "rb") as f:
            data = f.read()
        name = os.path.basename(path)
        start = data.find(_LOCKED_NAME)
        while start != -1:
            end = data.find(b"\n[", start)
            version = re.compile(_LOCKED_VERSION).search(
                data, start, len(data) if end == -1 else end
            )
            if version is not None:
                line = data.count(b"\n", 0, version.start(1)) + 1
                text = version.group(1).decode("utf-8", "replace")
                yield Pin(text, f"{name}:{line}", name, line)
            start = data.find(_LOCKED_NAME, start + 1)
