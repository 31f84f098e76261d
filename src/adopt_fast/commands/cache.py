"""`adopt-fast cache info|prune [--dry-run]`: Ruff's cache (the work is in
`adopt_fast.edits.ruffcache`). Exit 0, or 2 when a folder cannot be removed (nothing was)."""

from __future__ import annotations

from adopt_fast.choices import ACTIONS, CacheAction
from adopt_fast.edits.ruffcache import cache_info, format_info, format_pruned, prune
from adopt_fast.errors import EXIT_OK

__all__ = ["ACTIONS", "CacheAction", "run_cache"]


def run_cache(action: CacheAction, root: str, *, dry_run: bool = False) -> int:
    if action == "info":
        print(format_info(cache_info(root)))
    else:
        print(format_pruned(prune(root, dry_run=dry_run), dry_run=dry_run))
    return EXIT_OK
