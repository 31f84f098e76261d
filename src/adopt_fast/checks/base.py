"""What every adoption check is built from (modelled on scientific-python/repo-review).

A check has an `id` (AF001...), its class docstring is the one-line description, `check()`
returns None when it passes or a `Failure` (what is wrong, how to fix it), `requires`
names checks that must pass first (otherwise the result is "skipped"), and `probes` names
the subprocesses it reads (git, Ruff's formatter, the lint), which the runner starts at once
and only for the checks that run. Inputs come from one `Project`, which reads each file once.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal

from adopt_fast.checks.lintrun import Background, LintRun
from adopt_fast.edits.gitignore import ENTRY
from adopt_fast.edits.precommit import PreCommitConfig, read_precommit_config
from adopt_fast.edits.ruffconfig import read_ruff_config
from adopt_fast.edits.ruffmodel import RuffConfig
from adopt_fast.edits.textfile import read_text
from adopt_fast.profiles import Profile, load_profile
from adopt_fast.ruff import find_project_config, find_ruff_bin


@dataclass(frozen=True)
class Failure:
    message: str
    hint: str
    file: str | None = None  # where the problem is, relative to the project root
    line: int | None = None  # 1-based; None: the file as a whole


# A result as reported: passed, failed, skipped (a required check did not pass) or ignored.
Status = Literal["pass", "fail", "skip", "ignored"]


@dataclass(frozen=True)
class Result:
    id: str
    description: str
    ok: bool | None  # None: skipped because a required check did not pass
    message: str
    hint: str
    file: str | None = None
    line: int | None = None
    ignored: str | None = None  # the reason given in [tool.adopt-fast] `ignore` (ok is None)

    @property
    def status(self) -> Status:
        if self.ignored is not None:
            return "ignored"
        return "skip" if self.ok is None else "pass" if self.ok else "fail"


# The subprocesses a check can read; each is started only when a check that runs needs it.
GIT, FORMATTER, LINT = "git", "formatter", "lint"


def start_git_probe(root: str) -> Background | None:
    """`git check-ignore` for `.ruff_cache/`, without the user's personal excludes file."""
    try:
        return Background(
            ["git", "-c", "core.excludesFile=", "check-ignore", "-v", "--no-index", ENTRY], root
        )
    except FileNotFoundError:  # no git installed
        return None


def start_formatter_probe(root: str) -> Background:
    """`ruff format` of an empty stdin: Ruff's warnings about the project's settings."""
    return Background(
        [find_ruff_bin(), "format", "--stdin-filename", "adopt_fast_probe.py", "-"], root
    )


class Project:
    """The project under check; every input is read on first use and kept."""

    def __init__(
        self,
        root: str,
        profile: str,
        lint: LintRun | None,
        probes: Collection[str] = (GIT, FORMATTER),
    ) -> None:
        self.root = root
        self.profile_name = profile
        self.lint = lint
        self.git_probe = start_git_probe(root) if GIT in probes else None
        self.formatter_probe = start_formatter_probe(root) if FORMATTER in probes else None

    @functools.cached_property
    def profile(self) -> Profile:
        return load_profile(self.profile_name)

    @functools.cached_property
    def config_path(self) -> str | None:
        return find_project_config(self.root)

    @functools.cached_property
    def ruff_config(self) -> RuffConfig:
        return read_ruff_config(self.root)

    @functools.cached_property
    def precommit(self) -> PreCommitConfig | None:
        return read_precommit_config(self.root)

    def finish(self) -> None:
        """Reap the probes no check asked for."""
        for probe in (self.git_probe, self.formatter_probe):
            if probe is not None:
                probe.result()

    def relative(self, path: str) -> str:
        return os.path.relpath(path, self.root)

    def line_of(self, path: str, pattern: str, after: str | None = None) -> int | None:
        """The 1-based number of the first line of `path` that matches the regex `pattern`
        (searching from the first line matching `after`, when given), or None."""
        if not os.path.isfile(path):
            return None
        lines = read_text(path).text.splitlines()
        start = 0
        if after is not None:
            start = next((i for i, line in enumerate(lines) if re.match(after, line)), len(lines))
        return next(
            (i + 1 for i, line in enumerate(lines[start:], start) if re.match(pattern, line)),
            None,
        )


class Check:
    id: ClassVar[str]
    requires: ClassVar[frozenset[str]] = frozenset()
    probes: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def description(cls) -> str:
        return (cls.__doc__ or cls.__name__).strip().splitlines()[0]

    def check(self, project: Project) -> Failure | None:
        raise NotImplementedError


def probes_of(checks: Sequence[Check]) -> frozenset[str]:
    return frozenset().union(*(check.probes for check in checks))


def run_checks(
    project: Project, checks: Sequence[Check], ignored: Mapping[str, str] | None = None
) -> list[Result]:
    """Each check's result, in order. A check in `ignored` (id: reason) is not run; one whose
    requirements did not pass is skipped. A requirement left out of `checks` is not waited for."""
    ignored = ignored or {}
    passed: set[str] = set()
    results: list[Result] = []
    running = {check.id for check in checks}
    for check in checks:
        if check.id in ignored:
            reason = ignored[check.id]
            results.append(
                Result(
                    check.id,
                    check.description(),
                    None,
                    f"ignored: {reason}",
                    "",
                    None,
                    None,
                    reason,
                )
            )
            continue
        missing = sorted((check.requires & running) - passed)
        if missing:
            results.append(
                Result(
                    check.id,
                    check.description(),
                    None,
                    f"skipped: needs {', '.join(missing)} to pass first",
                    "",
                )
            )
            continue
        failure = check.check(project)
        if failure is None:
            passed.add(check.id)
            results.append(Result(check.id, check.description(), True, "", ""))
        else:
            results.append(
                Result(
                    check.id,
                    check.description(),
                    False,
                    failure.message,
                    failure.hint,
                    failure.file,
                    failure.line,
                )
            )
    return results
