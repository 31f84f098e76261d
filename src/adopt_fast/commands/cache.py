"""`adopt-fast cache info|prune`: Ruff's cache, which Ruff never cleans up itself."""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass

from adopt_fast.errors import InputError
from adopt_fast.ruff import PINNED_VERSION, cache_dir

# Ruff names each cache folder after its own version; anything else in there is left alone.
_VERSION_FOLDER = re.compile(r"^\d+\.\d+\.\d+([.\-+]?[0-9A-Za-z.]+)?$")


@dataclass(frozen=True)
class VersionFolder:
    name: str
    size: int

    @property
    def pinned(self) -> bool:
        return self.name == PINNED_VERSION


@dataclass(frozen=True)
class CacheInfo:
    location: str
    exists: bool
    size: int
    versions: list[VersionFolder]


def tree_size(path: str) -> int:
    total = 0
    for folder, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(folder, name)).st_size
            except OSError:
                continue
    return total


def cache_info(root: str) -> CacheInfo:
    location = cache_dir(root)
    if not os.path.isdir(location):
        return CacheInfo(location, False, 0, [])
    versions = sorted(
        (
            VersionFolder(entry.name, tree_size(entry.path))
            for entry in os.scandir(location)
            if entry.is_dir(follow_symlinks=False) and _VERSION_FOLDER.match(entry.name)
        ),
        key=lambda v: v.name,
    )
    return CacheInfo(location, True, tree_size(location), versions)


def prune(root: str, *, dry_run: bool = False) -> list[VersionFolder]:
    """Remove the cache folders of Ruff versions other than the pinned one; return them."""
    info = cache_info(root)
    stale = [v for v in info.versions if not v.pinned]
    if not dry_run:
        for version in stale:
            folder = os.path.join(info.location, version.name)
            try:
                shutil.rmtree(folder)
            except OSError as e:
                raise InputError(
                    folder, f"cannot be removed: {e.strerror}", "check its permissions"
                ) from None
    return stale


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def format_info(info: CacheInfo) -> str:
    if not info.exists:
        return f"location: {info.location}\nnot created yet (Ruff creates it on its first run)"
    lines = [f"location: {info.location}", f"size: {human_size(info.size)}", "versions:"]
    lines += [
        f"  {v.name:<12} {human_size(v.size):>10}"
        f"{'  (pinned)' if v.pinned else '  (stale: adopt-fast cache prune)'}"
        for v in info.versions
    ] or ["  (none)"]
    return "\n".join(lines)
