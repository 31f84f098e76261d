"""The parsed facts of each file, kept between runs in the project's Ruff cache folder.

One small `marshal` file per source file, named by a hash of its path and holding its size and
modification time: a file that changed is parsed again, and a commit reads only the entries
of the files its text search found. The folder lives beside Ruff's own version folders in
`.ruff_cache/` (which Ruff keeps out of git with its own `.gitignore`), so `ruff clean` and
`adopt-fast cache prune` leave nothing of it behind that matters; a cache that cannot be
written is simply not used. Nor is one Ruff has not made: adopt-fast does not create a
`.ruff_cache/` that git would then list as a new folder.
"""

from __future__ import annotations

import marshal
import os
import zlib

from adopt_fast.imports.facts import Facts
from adopt_fast.ruff import OWN_CACHE, OWN_CACHE_FOLDERS

FOLDER = os.path.join(OWN_CACHE, OWN_CACHE_FOLDERS[0])


class FactsCache:
    def __init__(self, root: str, ruff_cache: str) -> None:
        self.root = root
        self.folder = os.path.join(ruff_cache, FOLDER)
        self._writable = True

    @classmethod
    def at(cls, root: str, ruff_cache: str) -> FactsCache | None:
        """The cache inside Ruff's cache folder, or None when Ruff has not made one there."""
        if not os.path.isfile(os.path.join(ruff_cache, ".gitignore")):
            return None
        return cls(root, ruff_cache)

    def _entry(self, relative: str) -> str:
        # A checksum, not a hash (hashlib costs the hook 4 ms to import): an entry holds its
        # path, so two paths sharing a checksum only evict each other.
        digest = f"{zlib.crc32(relative.encode('utf-8', 'surrogateescape')):08x}"
        return os.path.join(self.folder, digest[:2], digest[2:] + ".marshal")

    def _stamp(self, relative: str) -> tuple[int, int] | None:
        try:
            info = os.stat(os.path.join(self.root, relative))
        except OSError:
            return None
        return info.st_size, info.st_mtime_ns

    def get(self, relative: str, package: str | None) -> Facts | None:
        """The facts of `relative` as parsed in `package` (relative imports resolve in it),
        when the file has not changed since."""
        stamp = self._stamp(relative)
        try:
            with open(self._entry(relative), "rb") as f:
                path, saved, saved_package, record = marshal.loads(f.read())
            if path != relative or saved != stamp or saved_package != package:
                return None
            return Facts.from_record(record)
        except (OSError, EOFError, ValueError, KeyError, TypeError):
            return None

    def put(self, relative: str, package: str | None, facts: Facts) -> None:
        stamp = self._stamp(relative)
        if not self._writable or stamp is None:
            return
        entry = self._entry(relative)
        temporary = f"{entry}.{os.getpid()}.tmp"
        try:
            os.makedirs(os.path.dirname(entry), exist_ok=True)
            with open(temporary, "wb") as f:
                f.write(marshal.dumps((relative, stamp, package, facts.to_record())))
            os.replace(temporary, entry)
        except OSError:
            self._writable = False  # a read-only cache folder: parse every time, silently
            try:
                os.unlink(temporary)
            except OSError:
                pass
