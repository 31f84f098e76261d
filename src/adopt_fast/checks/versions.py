"""Check that every place that pins Ruff pins the same version."""

from __future__ import annotations

import functools
import os
import subprocess
from collections.abc import Iterator
from typing import Any

import ruff

from adopt_fast import __version__
from adopt_fast.checks.base import Check, Failure, Project
from adopt_fast.checks.pins import Pin, Range, lockfile_pins, requirement, requirements_pins
from adopt_fast.edits.precommit import CONFIG_NAME, HOOKS_REPO, RUFF_PRE_COMMIT, normalize_url
from adopt_fast.edits.tomlfile import read_toml
from adopt_fast.ruff import PINNED_VERSION, find_ruff_bin


class RuffVersionsAgree(Check):
    """The Ruff versions pinned in pre-commit, dependencies, lockfiles and the environment agree."""

    id = "AF004"

    def check(self, project: Project) -> Failure | None:
        found = [
            *precommit_pins(project),
            *pyproject_pins(project),
            *requirements_pins(project.root),
            *lockfile_pins(project.root),
        ]
        pins = [installed_ruff(), *(p for p in found if isinstance(p, Pin))]
        runs = pins[0].version
        excluding = [r for r in found if isinstance(r, Range) and not r.allows(runs)]
        failures = [_exclusion(excluding, runs)] if excluding else []
        if len({pin.version for pin in pins}) > 1:
            failures.append(_disagreement(pins))
        if not failures:
            return None
        first = failures[0]
        return Failure(
            "; ".join(f.message for f in failures),
            "; ".join(f.hint for f in failures),
            first.file,
            first.line,
        )


def _exclusion(excluding: list[Range], runs: str) -> Failure:
    listed = "; ".join(f"`{r.requirement}` in {r.source}" for r in excluding)
    return Failure(
        f"{listed} exclude{'s' if len(excluding) == 1 else ''} Ruff {runs}, which "
        f"adopt-fast {__version__} runs",
        f"allow Ruff {runs} there (e.g. `ruff=={runs}`), or install the adopt-fast release "
        "whose Ruff the range allows",
        excluding[0].file,
        excluding[0].line,
    )


def _disagreement(pins: list[Pin]) -> Failure:
    listed = "; ".join(f"{pin.version} from {pin.source}" for pin in pins)
    # Annotated at the first pin that differs from the Ruff adopt-fast runs.
    odd = next((p for p in pins if p.version != pins[0].version and p.file), None)
    # A bare `pre-commit autoupdate` would move every repo of the file, not only Ruff's.
    hook = (
        f" (for the hook: `pre-commit autoupdate --repo {RUFF_PRE_COMMIT}`, or set its rev "
        f"to v{pins[0].version})"
        if any(
            p.file == CONFIG_NAME and "ruff-pre-commit" in p.source and p.version != pins[0].version
            for p in pins
        )
        else ""
    )
    return Failure(
        f"Ruff versions disagree: {listed}",
        f"pin one version everywhere; adopt-fast {__version__} runs Ruff {pins[0].version}{hook}",
        odd.file if odd else None,
        odd.line if odd else None,
    )


@functools.cache  # AF004 and check's JSON report both ask; one process runs one Ruff
def installed_ruff() -> Pin:
    """The version of the Ruff distribution whose binary adopt-fast runs, from its dist-info
    folder (no subprocess); `ruff --version` only when that folder cannot be found."""
    site = os.path.dirname(os.path.dirname(os.path.abspath(ruff.__file__)))
    found = [
        n[len("ruff-") : -len(".dist-info")]
        for n in os.listdir(site)
        if n.startswith("ruff-") and n.endswith(".dist-info")
    ]
    if len(found) == 1:
        version = found[0]
    else:
        out = subprocess.run(
            [find_ruff_bin(), "--version"], capture_output=True, text=True, check=False
        ).stdout
        version = out.split()[-1] if out.strip() else "unknown"
    return Pin(version, f"the installed Ruff ({find_ruff_bin()})")


def precommit_pins(project: Project) -> Iterator[Pin]:
    config = project.precommit
    if config is None:
        return
    name = project.relative(config.path)
    for repo in config.repos:
        url, rev = normalize_url(repo.url), (repo.rev or "").removeprefix("v")
        where = f"{name}:{repo.start + 1}"
        if url == normalize_url(RUFF_PRE_COMMIT):
            source = f"{where} (astral-sh/ruff-pre-commit rev {repo.rev})"
            yield Pin(rev, source, name, repo.start + 1)
        elif url == normalize_url(HOOKS_REPO):
            # An adopt-fast rev pins the Ruff of that release; only this release's is known.
            known = PINNED_VERSION if rev == __version__ else f"? (adopt-fast {rev})"
            yield Pin(known, f"{where} (adopt-fast hooks rev {repo.rev})", name, repo.start + 1)


def _requirement_pins(requirements: Any, source: str, lines: list[str]) -> Iterator[Pin | Range]:
    if not isinstance(requirements, list):
        return
    for text in requirements:
        if not isinstance(text, str):
            continue  # a dependency group's {include-group = "..."}
        line = next((i for i, line in enumerate(lines, 1) if text in line), None)
        found = requirement(text, source, "pyproject.toml", line)
        if found is not None:
            yield found


def pyproject_pins(project: Project) -> Iterator[Pin | Range]:
    path = os.path.join(project.root, "pyproject.toml")
    if not os.path.isfile(path):
        return
    config = project.ruff_config
    file, data = (config.file, config.data) if config.in_pyproject else read_toml(path)
    lines = file.text.splitlines() if file is not None else []
    main = data.get("project", {})
    yield from _requirement_pins(
        main.get("dependencies"), "pyproject.toml [project] dependencies", lines
    )
    for table, title in (
        (main.get("optional-dependencies"), "project.optional-dependencies"),
        (data.get("dependency-groups"), "dependency-groups"),
    ):
        for group, requirements in (table or {}).items():
            yield from _requirement_pins(requirements, f"pyproject.toml [{title}] {group}", lines)
