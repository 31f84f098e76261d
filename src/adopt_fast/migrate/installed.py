"""Which packages the project installs for its checks: flake8 reports a plugin's codes only
where the plugin is installed, so migrate selects them only then.

Read from the flake8 hook's `additional_dependencies` (translate.py), requirements files,
tox's `deps`, and the optional dependencies or dependency groups of pyproject.toml and
setup.cfg. The project's own name counts too (a flake8 plugin's repository runs itself).
"""

from __future__ import annotations

import configparser
import glob
import os
from collections.abc import Iterable
from typing import Any

from adopt_fast.edits.textfile import read_text
from adopt_fast.migrate.codes import package_name
from adopt_fast.migrate.sources import load_toml

_REQUIREMENTS = ("*requirements*.txt", "requirements/*.txt", "requirements*/*.txt")


def _names(lines: Iterable[str]) -> set[str]:
    found = set()
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            found.add(package_name(line))
    return found - {""}


def _requirements(root: str) -> set[str]:
    found: set[str] = set()
    for pattern in _REQUIREMENTS:
        for path in glob.glob(os.path.join(root, pattern)):
            if os.path.isfile(path):
                found |= _names(read_text(path).text.splitlines())
    return found


def _ini(root: str, name: str) -> set[str]:
    path = os.path.join(root, name)
    if not os.path.isfile(path):
        return set()
    parser = configparser.RawConfigParser()
    try:
        parser.read_string(read_text(path).text, source=name)
    except configparser.Error:
        return set()  # migrate reports the file when it reads it for flake8 or isort
    found = set()
    for section in parser.sections():
        if section.startswith(("testenv", "tox")):
            found |= _names(parser.get(section, "deps", fallback="").splitlines())
        if section == "options.extras_require":
            for _, value in parser.items(section):
                found |= _names(value.splitlines())
        if section == "metadata" and parser.has_option(section, "name"):
            found.add(package_name(parser.get(section, "name")))
    return found


def _pyproject(root: str) -> set[str]:
    loaded = load_toml(root, "pyproject.toml")
    if loaded is None:
        return set()
    data: dict[str, Any] = loaded[0]
    project = data.get("project", {})
    found = {package_name(str(project.get("name", "")))}
    groups = [*project.get("optional-dependencies", {}).values()]
    groups += [*data.get("dependency-groups", {}).values()]
    for group in groups:
        found |= _names(item for item in group if isinstance(item, str))
    poetry = data.get("tool", {}).get("poetry", {})
    found |= {package_name(name) for name in poetry.get("dev-dependencies", {})}
    for group in poetry.get("group", {}).values():
        found |= {package_name(name) for name in group.get("dependencies", {})}
    return found - {""}


def installed_packages(root: str) -> frozenset[str]:
    return frozenset(
        _requirements(root) | _ini(root, "tox.ini") | _ini(root, "setup.cfg") | _pyproject(root)
    )
