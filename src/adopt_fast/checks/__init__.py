"""Adoption checks, one small class each (`adopt_fast.checks.base` says what a check is).

This package lists them in the order they run; `adopt_fast.checks.runner` runs one
`adopt-fast check`, and the renderers beside it print its report in each format.
"""

from __future__ import annotations

from adopt_fast.checks.base import Check
from adopt_fast.checks.cache import CacheIgnored
from adopt_fast.checks.config import FormatterSafeSettings, ProfileFamilies, RuffConfigExists
from adopt_fast.checks.lint import LintPasses
from adopt_fast.checks.versions import RuffVersionsAgree


def all_checks(*, lint: bool = True) -> list[Check]:
    """Every check in the order they run (and are listed by `adopt-fast check --list`)."""
    checks: list[Check] = [
        RuffConfigExists(),
        ProfileFamilies(),
        CacheIgnored(),
        RuffVersionsAgree(),
        FormatterSafeSettings(),
    ]
    return [*checks, LintPasses()] if lint else checks
