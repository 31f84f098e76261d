"""An environment per extra interpreter: the project and its test dependencies, cached.

Test dependencies are chosen with `--group NAME` (PEP 735) and `--extra NAME`; otherwise found
the way a maintainer declares them, first match wins: a PEP 735 dependency group named
test/tests/testing, an extra of one of those names, the same for `dev`, then a requirements
file for tests. A group goes before an extra: PEP 735 groups are where test dependencies now
live, and an extra `testing` beside them is often pytest alone. The environment is built with uv when it is installed (seconds)
and with venv + pip otherwise, under `<project>/.bench/envs/`, keyed on the interpreter and
the contents of the files that declare dependencies; a changed pyproject.toml builds anew.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any

from adopt_fast.edits.tomlfile import read_toml
from adopt_fast.errors import InputError
from adopt_fast.interpreters import Interpreter, find_uv

TEST_NAMES = ("test", "tests", "testing", "dev")
REQUIREMENT_FILES = (
    "requirements-test.txt",
    "requirements_test.txt",
    "test-requirements.txt",
    "requirements-tests.txt",
    "requirements/test.txt",
    "requirements/tests.txt",
    "requirements-dev.txt",
    "dev-requirements.txt",
    "requirements/dev.txt",
)
_METADATA_FILES = ("pyproject.toml", "setup.cfg", "setup.py")
_MARKER = "adopt-fast-env.json"
# When a project declares no test dependencies, the default command still needs pytest.
FALLBACK_REQUIREMENTS = ("pytest",)


@dataclass(frozen=True)
class TestDeps:
    source: str  # what declared them, for the report: "extra 'test'", "requirements-test.txt"
    extra: str | None = None
    requirements: tuple[str, ...] = ()
    requirement_files: tuple[str, ...] = ()
    installs_project: bool = True


@dataclass(frozen=True)
class DepsChoice:
    """`--group` and `--extra`, repeatable; empty means found automatically."""

    groups: tuple[str, ...] = ()
    extras: tuple[str, ...] = ()

    @property
    def given(self) -> bool:
        return bool(self.groups or self.extras)


@dataclass(frozen=True)
class BuiltEnv:
    path: str
    python: str
    dependencies: TestDeps
    built: bool  # False when taken from the cache
    seconds: float
    installer: str = field(default="uv")

    @property
    def bin_dir(self) -> str:
        return os.path.dirname(self.python)


def _load_pyproject(project: str) -> dict[str, Any]:
    path = os.path.join(project, "pyproject.toml")
    if not os.path.isfile(path):
        return {}
    return read_toml(path)[1]


def _expand_group(groups: dict[str, Any], name: str, seen: tuple[str, ...] = ()) -> list[str]:
    """A PEP 735 group's requirements, with `{include-group = ...}` entries resolved."""
    if name in seen:
        raise InputError(
            "pyproject.toml",
            f"dependency group {name!r} includes itself",
            "remove the include-group cycle",
        )
    out: list[str] = []
    for item in groups.get(name, []):
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict) and "include-group" in item:
            out += _expand_group(groups, str(item["include-group"]), (*seen, name))
    return out


def _chosen(data: dict[str, Any], choice: DepsChoice, installable: bool) -> TestDeps:
    """The groups and extras named on the command line; each must exist."""
    groups = data.get("dependency-groups", {})
    extras = data.get("project", {}).get("optional-dependencies", {})
    for flag, names, declared in (
        ("--group", choice.groups, groups),
        ("--extra", choice.extras, extras),
    ):
        for name in names:
            if name not in declared:
                have = ", ".join(sorted(declared)) or "none"
                raise InputError(
                    "pyproject.toml",
                    f"{flag} {name}: no such {'dependency group' if flag == '--group' else 'extra'}",
                    f"choose one of: {have}",
                )
    requirements = [r for name in choice.groups for r in _expand_group(groups, name)]
    source = ", ".join(
        [f"dependency group {n!r}" for n in choice.groups] + [f"extra {n!r}" for n in choice.extras]
    )
    return TestDeps(
        source,
        extra=",".join(choice.extras) or None,
        requirements=tuple(requirements),
        installs_project=installable,
    )


def detect_test_dependencies(
    project: str, *, needs_pytest: bool = True, choice: DepsChoice | None = None
) -> TestDeps:
    """What to install for the tests; `needs_pytest` False (a custom command) installs no
    pytest when the project declares nothing."""
    data = _load_pyproject(project)
    installable = bool(data.get("project") or data.get("build-system")) or any(
        os.path.isfile(os.path.join(project, n)) for n in ("setup.py", "setup.cfg")
    )
    if choice is not None and choice.given:
        return _chosen(data, choice, installable)
    extras = data.get("project", {}).get("optional-dependencies", {})
    groups = data.get("dependency-groups", {})
    # A group before an extra: test/tests/testing, then dev.
    for names in (TEST_NAMES[:-1], TEST_NAMES[-1:]):
        group = next((n for n in names if n in groups), None)
        extra = next((n for n in names if n in extras), None)
        if group:
            also = f"; extra {extra!r} not used (--extra {extra} adds it)" if extra else ""
            return TestDeps(
                f"dependency group {group!r}{also}",
                requirements=tuple(_expand_group(groups, group)),
                installs_project=installable,
            )
        if extra:
            return TestDeps(f"extra {extra!r}", extra=extra, installs_project=installable)
    for name in REQUIREMENT_FILES:
        if os.path.isfile(os.path.join(project, name)):
            return TestDeps(name, requirement_files=(name,), installs_project=installable)
    if not needs_pytest:
        return TestDeps(
            "none declared; none needed for a custom command", installs_project=installable
        )
    return TestDeps(
        "none declared; installing pytest",
        requirements=FALLBACK_REQUIREMENTS,
        installs_project=installable,
    )


def pyston_requirement() -> str | None:
    """adopt-fast's own pyston-lite pin with its platform marker, for another environment.

    The marker stays on the requirement, so pip or uv installs pyston-lite only where it runs
    (CPython 3.7-3.10 on its platforms) and nothing elsewhere: one pin, kept in pyproject.toml.
    """
    try:
        requirements = metadata.requires("adopt-fast") or []
    except metadata.PackageNotFoundError:
        return None
    for requirement in requirements:
        if requirement.startswith("pyston-lite-autoload"):
            return re.sub(r"\s+and\s+extra\s*==\s*['\"]pyston['\"]", "", requirement)
    return None


def cache_key(
    interpreter: Interpreter, project: str, deps: TestDeps, extra: tuple[str, ...] = ()
) -> str:
    digest = hashlib.sha256()
    digest.update(
        json.dumps(
            [
                interpreter.path,
                interpreter.version,
                interpreter.implementation,
                deps.source,
                deps.extra,
                deps.requirements,
                extra,
            ]
        ).encode()
    )
    for name in (*_METADATA_FILES, *deps.requirement_files):
        try:
            with open(os.path.join(project, name), "rb") as f:
                digest.update(name.encode() + b"\0" + f.read())
        except OSError:
            continue
    return digest.hexdigest()[:12]


def _install_args(project: str, deps: TestDeps, extra: tuple[str, ...]) -> list[str]:
    args: list[str] = []
    if deps.installs_project:
        args += ["-e", project + (f"[{deps.extra}]" if deps.extra else "")]
    args += [*deps.requirements, *extra]
    for name in deps.requirement_files:
        args += ["-r", os.path.join(project, name)]
    return args


def _commands(
    interpreter: Interpreter, target: str, python: str, install: list[str], uv: str | None
) -> list[list[str]]:
    if uv:
        create = [uv, "venv", "--quiet", "--python", interpreter.path, target]
        add = [uv, "pip", "install", "--quiet", "--python", python, *install]
    else:
        create = [interpreter.path, "-m", "venv", target]
        add = [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *install]
    # Nothing to install (a custom command in a folder without a project): just the venv.
    return [create, add] if install else [create]


def _python_in(target: str) -> str:
    if sys.platform == "win32":  # pragma: no cover
        return os.path.join(target, "Scripts", "python.exe")
    return os.path.join(target, "bin", "python")


def _cache_root(project: str) -> str:
    root = os.path.join(project, ".bench", "envs")
    os.makedirs(root, exist_ok=True)
    ignore = os.path.join(project, ".bench", ".gitignore")
    if not os.path.exists(ignore):
        # Self-ignoring, like .ruff_cache/ and venvs: nothing for the user's .gitignore to learn.
        with open(ignore, "w", encoding="utf-8") as f:
            f.write("# created by adopt-fast bench\n*\n")
    return root


def ensure_env(
    interpreter: Interpreter,
    project: str,
    log: Callable[[str], None] = lambda _msg: None,
    *,
    needs_pytest: bool = True,
    choice: DepsChoice | None = None,
) -> BuiltEnv:
    """The cached environment for `interpreter`, built first when missing or stale."""
    project = os.path.abspath(project)
    deps = detect_test_dependencies(project, needs_pytest=needs_pytest, choice=choice)
    # pyston-lite where it can run, so the JIT can be measured in this environment too.
    extra = tuple(r for r in (pyston_requirement(),) if r)
    key = cache_key(interpreter, project, deps, extra)
    target = os.path.join(_cache_root(project), f"{interpreter.short_version}-{key}")
    python = _python_in(target)
    marker = os.path.join(target, _MARKER)
    uv = find_uv()
    installer = "uv" if uv else "venv+pip"
    if os.path.isfile(marker) and os.path.exists(python):
        return BuiltEnv(target, python, deps, built=False, seconds=0.0, installer=installer)
    # A folder without its marker is a build that was interrupted: start over.
    shutil.rmtree(target, ignore_errors=True)
    log(
        f"building the {interpreter.label} environment with {installer} "
        f"(test dependencies: {deps.source}) in {target}"
    )
    start = time.perf_counter()
    install = _install_args(project, deps, extra)
    for argv in _commands(interpreter, target, python, install, uv):
        done = subprocess.run(argv, capture_output=True, text=True, cwd=project, check=False)
        if done.returncode != 0:
            shutil.rmtree(target, ignore_errors=True)
            last = (done.stderr or done.stdout).strip().splitlines()[-3:]
            raise InputError(
                project,
                f"cannot build the {interpreter.label} environment: "
                f"{' | '.join(last) or 'exit ' + str(done.returncode)}",
                f"run `{' '.join(argv)}` to see the full error",
            )
    with open(marker, "w", encoding="utf-8") as f:
        json.dump({"interpreter": interpreter.path, "key": key, "source": deps.source}, f)
    return BuiltEnv(
        target, python, deps, built=True, seconds=time.perf_counter() - start, installer=installer
    )
