"""Hook `adopt-fast-lint`: `ruff check --force-exclude` with the project's config or the
bundled `recommended` profile. Arguments pass through to Ruff; its output and exit code
reach the user unchanged."""

from __future__ import annotations

from collections.abc import Sequence

from adopt_fast.ruff import run_hook


def main(argv: Sequence[str] | None = None) -> int:
    return run_hook("check", None if argv is None else list(argv))


if __name__ == "__main__":
    raise SystemExit(main())
