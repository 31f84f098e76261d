"""Ruff's cache, which Ruff never cleans up itself: what is in it, and removing the folders of
other Ruff versions whole or not at all (`adopt-fast cache info|prune`). The same goes for
adopt-fast's own folders in it (`adopt-fast/<name>-v<N>`): those of older formats are stale."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass

from adopt_fast.edits.textfile import is_immutable
from adopt_fast.errors import InputError
from adopt_fast.ruff import OWN_CACHE, OWN_CACHE_FOLDERS, PINNED_VERSION, cache_dir

# Ruff names each cache folder after its own version; anything else in there is left alone.
_VERSION_FOLDER = re.compile(r"^\d+\.\d+\.\d+([.\-+]?[0-9A-Za-z.]+)?$")


@dataclass(frozen=True)
class VersionFolder:
    name: str
    size: int

    @property
    def pinned(self) -> bool:
        """In use: the pinned Ruff's folder, or one of adopt-fast's current ones."""
        return self.name == PINNED_VERSION or self.name in _OWN_IN_USE


_OWN_IN_USE = frozenset(f"{OWN_CACHE}/{name}" for name in OWN_CACHE_FOLDERS)


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
    if not os.path.isdir(root):
        raise InputError(root, "is not a folder", "pass the project's root folder")
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
    return CacheInfo(location, True, tree_size(location), versions + _own_folders(location))


def _own_folders(location: str) -> list[VersionFolder]:
    own = os.path.join(location, OWN_CACHE)
    if not os.path.isdir(own) or os.path.islink(own):
        return []
    return sorted(
        (
            VersionFolder(f"{OWN_CACHE}/{entry.name}", tree_size(entry.path))
            for entry in os.scandir(own)
            if entry.is_dir(follow_symlinks=False)
        ),
        key=lambda v: v.name,
    )


def prune(root: str, *, dry_run: bool = False) -> list[VersionFolder]:
    """Remove the cache folders of Ruff versions other than the pinned one; return them."""
    info = cache_info(root)
    stale = [v for v in info.versions if not v.pinned]
    if not dry_run:
        for version in stale:
            _remove_whole(os.path.join(info.location, version.name))
    return stale


def _blocking(folder: str) -> str | None:
    """The first entry under `folder` that could not be deleted (a folder that cannot be
    written, an immutable or append-only entry), or None."""
    for current, dirs, files in os.walk(folder):
        if not os.access(current, os.W_OK | os.X_OK) or is_immutable(current):
            return current
        for name in dirs + files:
            path = os.path.join(current, name)
            if not os.path.islink(path) and is_immutable(path):
                return path
    return None


def _remove_whole(folder: str) -> None:
    """Remove `folder` entirely or not at all: every entry is checked first, then the folder
    is renamed aside in one step (it is no longer a cache folder Ruff or a rerun would see)
    and deleted."""
    blocking = _blocking(folder)
    if blocking is not None:
        raise InputError(
            folder,
            f"cannot be removed: {blocking} cannot be deleted; nothing was removed",
            "check its permissions (and `lsattr` for an immutable flag)",
        )
    parent = os.path.dirname(folder)
    aside = None
    try:
        aside = tempfile.mkdtemp(dir=parent, prefix=f".{os.path.basename(folder)}.removing-")
        os.rename(folder, os.path.join(aside, "old"))
    except OSError as e:
        if aside is not None:
            os.rmdir(aside)
        raise InputError(
            folder, f"cannot be removed: {e.strerror}; nothing was removed", "check its permissions"
        ) from None
    shutil.rmtree(aside, ignore_errors=True)  # out of Ruff's sight already: best effort


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def format_pruned(removed: list[VersionFolder], *, dry_run: bool) -> str:
    verb = "would remove" if dry_run else "removed"
    lines = [f"{verb} {version.name} ({human_size(version.size)})" for version in removed]
    return (
        "\n".join(lines)
        or "nothing to prune: only the pinned Ruff's cache (and adopt-fast's) is there"
    )


def format_info(info: CacheInfo) -> str:
    if not info.exists:
        return f"location: {info.location}\nnot created yet (Ruff creates it on its first run)"
    lines = [f"location: {info.location}", f"size: {human_size(info.size)}", "versions:"]
    lines += [
        f"  {v.name:<26} {human_size(v.size):>10}"
        f"{_in_use(v) if v.pinned else '  (stale: adopt-fast cache prune)'}"
        for v in info.versions
    ] or ["  (none)"]
    return "\n".join(lines)


def _in_use(folder: VersionFolder) -> str:
    return "  (pinned)" if folder.name == PINNED_VERSION else "  (in use)"
