"""The bundled profiles: a reason for every rule, a clean run through the pinned Ruff."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from adopt_fast.profiles import load_profile
from adopt_fast.ruff import PROFILES, find_ruff_bin, profile_path
from adopt_fast.selectors import linters
from testing import run


@pytest.mark.parametrize("name", PROFILES)
def test_every_selector_and_ignore_has_a_reason(name: str) -> None:
    profile = load_profile(name)
    assert profile.selectors
    for code, reason in {**profile.selectors, **profile.ignores}.items():
        assert len(reason) > 10, f"{name}: {code} has no reason comment"
    for key, reason in profile.reasons.items():
        assert reason, f"{name}: setting {key} has no reason comment"


@pytest.mark.parametrize("name", PROFILES)
def test_loader_reads_every_selector_line(name: str) -> None:
    """The comment parser and tomllib agree on the file's own selectors."""
    text = Path(profile_path(name)).read_text(encoding="utf-8")
    listed = set(re.findall(r'^\s+"([A-Z0-9]+)",', text, re.MULTILINE))
    profile = load_profile(name)
    assert listed <= {*profile.selectors, *profile.ignores}


def test_profiles_extend_each_other() -> None:
    minimal, recommended, strict = (load_profile(n) for n in PROFILES)
    assert minimal.selectors.items() <= recommended.selectors.items()
    assert recommended.selectors.items() <= strict.selectors.items()
    assert recommended.ignores.items() <= strict.ignores.items()
    assert strict.settings == {"lint.pydocstyle.convention": "pep257"}


@pytest.mark.parametrize("name", PROFILES)
def test_selectors_are_known_to_the_pinned_ruff(name: str) -> None:
    known = linters()
    for selector in load_profile(name).selectors:
        assert known.family(selector) is not None, selector


@pytest.mark.parametrize("name", PROFILES)
@pytest.mark.parametrize("command", ["check", "format --check"])
def test_pinned_ruff_accepts_profile_without_warning(
    tmp_path: Path, name: str, command: str
) -> None:
    (tmp_path / "example.py").write_text('"""An example module."""\n\nVALUE = 1\n')
    proc = run(
        find_ruff_bin(),
        *command.split(),
        "--no-cache",
        "--config",
        profile_path(name),
        "example.py",
        cwd=tmp_path,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stderr == ""
