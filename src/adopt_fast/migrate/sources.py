"""Read the old tools' configuration, keeping the file and line of every value.

Each reader raises `InputError` (file:line, what, fix) for a file its tool could not read
either: invalid INI, TOML or YAML, or text that is not UTF-8. Nothing is written here.
"""

from __future__ import annotations

import configparser
import os
import re
from dataclasses import dataclass, field
from typing import Any

from adopt_fast.edits.textfile import read_text
from adopt_fast.edits.tomlfile import loads
from adopt_fast.errors import InputError
from adopt_fast.migrate.model import Origin


@dataclass(frozen=True)
class Option:
    name: str  # normalised: lower case, dashes ("max-line-length")
    value: Any  # str from INI files and hook args; TOML types from pyproject.toml
    origin: Origin


@dataclass
class Section:
    """One tool's settings from one place (an INI section, a TOML table, a hook's args)."""

    origin: Origin
    options: dict[str, Option] = field(default_factory=dict)


def normalise(name: str) -> str:
    return name.strip().lower().replace("_", "-")


def _ini_problem(error: configparser.Error) -> str:
    if isinstance(error, configparser.DuplicateSectionError):
        return f"section [{error.section}] appears twice"
    if isinstance(error, configparser.DuplicateOptionError):
        return f"option {error.option!r} appears twice in [{error.section}]"
    if isinstance(error, configparser.MissingSectionHeaderError):
        return "text before the first [section] header"
    errors = getattr(error, "errors", None)
    if errors:
        return f"cannot parse {errors[0][1].strip()!r}"
    return str(error).splitlines()[0]


def _ini_error(path: str, error: configparser.Error) -> InputError:
    line = getattr(error, "lineno", None)
    errors = getattr(error, "errors", None)  # MissingSectionHeaderError has none on 3.12
    if line is None and errors:
        line = errors[0][0]
    return InputError(
        path,
        f"is not a valid INI file: {_ini_problem(error)}",
        "fix the file so that configparser (used by flake8 and isort) reads it",
        line=line,
    )


def read_ini_sections(root: str, name: str, wanted: tuple[str, ...]) -> dict[str, Section]:
    """The `wanted` sections of root/name (an INI file), or {} when the file does not exist."""
    path = os.path.join(root, name)
    if not os.path.isfile(path):
        return {}
    text = read_text(path).text
    parser = configparser.RawConfigParser()  # what flake8 and isort use: strict, no interpolation
    try:
        parser.read_string(text, source=name)
    except configparser.Error as e:
        raise _ini_error(path, e) from None
    lines = text.splitlines()
    found: dict[str, Section] = {}
    for section in wanted:
        if not parser.has_section(section):
            continue
        header = _header_line(lines, section)
        result = Section(Origin(name, header))
        for key, value in parser.items(section):
            line = _key_line(lines, header, key)
            result.options[normalise(key)] = Option(normalise(key), value, Origin(name, line))
        found[section] = result
    return found


def _header_line(lines: list[str], section: str) -> int | None:
    pattern = re.compile(rf"^\s*\[\s*{re.escape(section)}\s*\]", re.IGNORECASE)
    return next((i + 1 for i, line in enumerate(lines) if pattern.match(line)), None)


def _key_line(lines: list[str], header: int | None, key: str) -> int | None:
    """The line of `key` below the section header (INI keys match case-insensitively)."""
    if header is None:
        return None
    forms = {key.lower(), key.lower().replace("_", "-"), key.lower().replace("-", "_")}
    for i in range(header, len(lines)):
        line = lines[i]
        if line.lstrip().startswith("["):
            break
        name = re.split(r"[=:]", line, maxsplit=1)[0].strip().lower()
        if name in forms and not line[:1].isspace():
            return i + 1
    return header


def load_toml(root: str, name: str) -> tuple[dict[str, Any], list[str]] | None:
    """The parsed TOML file root/name and its lines, or None when it does not exist."""
    path = os.path.join(root, name)
    if not os.path.isfile(path):
        return None
    text = read_text(path).text
    return loads(path, text), text.splitlines()


def toml_table(root: str, name: str, dotted: str) -> Section | None:
    """The table `dotted` (e.g. "tool.black") of a TOML file, each key with its line."""
    loaded = load_toml(root, name)
    if loaded is None:
        return None
    data, lines = loaded
    node: Any = data
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    if not isinstance(node, dict):
        return None
    header = _header_line(lines, dotted)
    section = Section(Origin(name, header))
    for key, value in node.items():
        line = _toml_key_line(lines, header, key)
        section.options[normalise(key)] = Option(normalise(key), value, Origin(name, line))
    return section


def _toml_key_line(lines: list[str], header: int | None, key: str) -> int | None:
    if header is None:
        return None
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    for i in range(header, len(lines)):
        if lines[i].lstrip().startswith("["):
            break
        if pattern.match(lines[i]):
            return i + 1
    return header


def split_list(value: object) -> list[str]:
    """flake8 and isort lists: commas and/or whitespace (INI), or a real list (TOML)."""
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [item for item in re.split(r"[,\s]+", str(value)) if item]


def parse_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("1", "yes", "true", "on")


OLD_TOOL_COMMANDS = ("flake8", "isort", "black", "pyupgrade", "autoflake")


def stale_tox_envs(root: str) -> list[Origin]:
    """tox.ini environments that only run the old tools (`[testenv:flake8]`, or commands that
    are all flake8/isort/black/...): stale once the hooks run Ruff. tox.ini was read (and
    validated) before, by `read_ini_sections`."""
    path = os.path.join(root, "tox.ini")
    if not os.path.isfile(path):
        return []
    text = read_text(path).text
    parser = configparser.RawConfigParser()
    parser.read_string(text, source="tox.ini")
    lines = text.splitlines()
    stale = []
    for section in parser.sections():
        if not section.startswith("testenv:"):
            continue
        commands = [
            line.strip()
            for line in parser.get(section, "commands", fallback="").splitlines()
            if line.strip()
        ]
        tools = {_command_tool(command) for command in commands}
        runs_old = bool(commands) and tools <= set(OLD_TOOL_COMMANDS)
        if section.removeprefix("testenv:") in OLD_TOOL_COMMANDS or runs_old:
            stale.append(Origin("tox.ini", _header_line(lines, section), f"[{section}]"))
    return stale


def _command_tool(command: str) -> str:
    """The program a tox command runs: `flake8 src` and `python -m flake8 src` -> flake8."""
    words = command.lstrip("- ").split()
    if words[:2] in (["python", "-m"], ["python3", "-m"]) and len(words) > 2:
        return words[2]
    return words[0] if words else ""
