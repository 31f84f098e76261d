"""Hook `adopt-fast-format`: `ruff format --force-exclude` with the pinned Ruff, the project's
config or the bundled profile, and the shared cache."""

from __future__ import annotations

from collections.abc import Sequence

from adopt_fast.ruff import run_hook
from adopt_fast.settings import project_profile


def main(argv: Sequence[str] | None = None) -> int:
    return run_hook("format", None if argv is None else list(argv), project_profile)


if __name__ == "__main__":
    raise SystemExit(main())
