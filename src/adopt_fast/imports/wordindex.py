"""Which files of the repository mention a word, answered without reading them all.

The fix asks, for each unused import it would remove, which files mention the module's name
and the imported name. A text search of the whole tree (`git grep`) reads every file on
every commit: 90 to 170 ms on Django's 3,500 searched files. This index keeps, per file, its
distinct words (one sorted, newline-framed byte string), all of them concatenated in one
blob saved with `marshal` in the Ruff cache folder: loading it costs about 3 ms, and a query
is one byte search through the blob.

It is kept exact the way a build tool keeps its outputs: a file whose size or modification
time changed is read again, a file gone is dropped, and a folder whose modification time
changed (a file was created, removed or renamed in it) is listed again; a new file there is
taken in when it has a searched suffix and, in a git repository, git does not ignore it
(`git ls-files --others --exclude-standard`, limited to the new paths). A changed
`.gitignore` or `.git/info/exclude` makes the listing start over. The folders watched are
those holding a searched file and their parents: a new file in a folder that held none at
the last listing is seen once that folder's parent changes or the listing starts over.
"""

from __future__ import annotations

import bisect
import marshal
import os
import re

from adopt_fast.imports.project import SEARCHED_SUFFIXES, Project

FOLDER = os.path.join("adopt-fast", "words-v1")
_FILE = "index.marshal"
# Identifier characters, with any non-ASCII byte counted as one (UTF-8 identifiers).
_WORD = re.compile(rb"[A-Za-z_\x80-\xff][A-Za-z0-9_\x80-\xff]*")
_STAR = re.compile(rb"\bimport\s*\*")
STAR_WORD = b"*"  # no identifier: the file has a star import
# Changed files read again without saving the index: below this, saving (5 MB for Django)
# costs more than reading them again on the next run.
_SAVE_AFTER = 32


def words_of(data: bytes) -> bytes:
    """The file's distinct words, sorted, each framed by newlines (`b"\\nname\\n"` finds one)."""
    words = set(_WORD.findall(data))
    if _STAR.search(data):
        words.add(STAR_WORD)
    return b"\n" + b"\n".join(sorted(words)) + b"\n" if words else b"\n"


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def _folders_of(files: list[str]) -> set[str]:
    folders = {""}
    for relative in files:
        folder = relative.rpartition("/")[0]
        while folder and folder not in folders:
            folders.add(folder)
            folder = folder.rpartition("/")[0]
    return folders


class WordIndex:
    """The searched files of `project` and the words of each, brought up to date on load."""

    def __init__(self, project: Project, folder: str) -> None:
        self.project = project
        self.path = os.path.join(folder, _FILE)
        self.files: list[str] = []
        self._words: list[bytes] = []
        self._stamps: list[tuple[int, int] | None] = []
        self._folders: dict[str, int] = {}
        self._watched: dict[str, tuple[int, int] | None] = {}
        self._blob = b""
        self._ends: list[int] = []
        self._position: dict[str, int] = {}
        self._changed = 0

    @classmethod
    def load(cls, project: Project, ruff_cache: str) -> WordIndex | None:
        """The index of `project`, kept in its Ruff cache folder; None without that folder
        (adopt-fast does not create a `.ruff_cache/` that git would list)."""
        if not os.path.isfile(os.path.join(ruff_cache, ".gitignore")):
            return None
        index = cls(project, os.path.join(ruff_cache, FOLDER))
        if not index._read() or any(_stamp(p) != s for p, s in index._watched.items()):
            index._list_all()
        else:
            index._refresh()
        index._finish()
        return index

    # -- queries ---------------------------------------------------------------------------

    def files_with(self, word: str) -> list[str]:
        """The files whose words include `word`, in listing order."""
        needle = b"\n" + word.encode("utf-8", "surrogateescape") + b"\n"
        found: list[str] = []
        start, blob, ends = 0, self._blob, self._ends
        while True:
            at = blob.find(needle, start)
            if at < 0:
                return found
            i = bisect.bisect_right(ends, at)
            found.append(self.files[i])
            start = ends[i]  # the next file: one hit per file is enough

    def mentions(self, relative: str, word: str) -> bool:
        i = self._position.get(relative)
        if i is None:
            return False
        needle = b"\n" + word.encode("utf-8", "surrogateescape") + b"\n"
        return needle in self._words[i]

    def has_star_import(self, relative: str) -> bool:
        return self.mentions(relative, STAR_WORD.decode())

    # -- keeping it exact ------------------------------------------------------------------

    def _read(self) -> bool:
        try:
            with open(self.path, "rb") as f:
                data = marshal.loads(f.read())  # marshal.load(f) reads in small pieces
            if data["root"] != self.project.root:
                return False
            self.files, self._stamps, self._folders = data["files"], data["stamps"], data["folders"]
            self._watched = data["watched"]
            blob, ends = data["blob"], data["ends"]
            starts = [0, *ends[:-1]]
            self._words = [blob[a:b] for a, b in zip(starts, ends, strict=True)]
        except (OSError, EOFError, ValueError, TypeError, KeyError):
            return False
        return len(self.files) == len(self._stamps) == len(self._words)

    def _list_all(self) -> None:
        listed = self.project.list_files()
        self.files, self._words, self._stamps = [], [], []
        for relative in listed:
            if relative.endswith(SEARCHED_SUFFIXES):
                self._add(relative)
        self._folders = {}
        for folder in _folders_of(self.files):
            stamp = _stamp(os.path.join(self.project.root, folder))
            if stamp is not None:
                self._folders[folder] = stamp[1]
        ignores = [f for f in listed if f.rpartition("/")[2] == ".gitignore"]
        watched = [os.path.join(self.project.root, f) for f in ignores]
        if self.project.git:
            watched.append(os.path.join(self.project.root, ".git", "info", "exclude"))
        self._watched = {path: _stamp(path) for path in watched}
        self._changed = _SAVE_AFTER

    def _add(self, relative: str) -> None:
        path = os.path.join(self.project.root, relative)
        stamp = _stamp(path)
        data = self.project.read(relative) if stamp is not None else None
        self.files.append(relative)
        self._stamps.append(stamp)
        self._words.append(words_of(data) if data is not None else b"\n")

    def _refresh(self) -> None:
        root = self.project.root + os.sep
        kept_files: list[str] = []
        kept_words: list[bytes] = []
        kept_stamps: list[tuple[int, int] | None] = []
        for relative, words, stamp in zip(self.files, self._words, self._stamps, strict=True):
            now = _stamp(root + relative)
            if now is None:
                self._changed = _SAVE_AFTER  # a file gone: save, not look again each time
                continue
            if now != stamp:
                data = self.project.read(relative)
                words = words_of(data) if data is not None else b"\n"
                stamp = now
                self._changed += 1
            kept_files.append(relative)
            kept_words.append(words)
            kept_stamps.append(stamp)
        self.files, self._words, self._stamps = kept_files, kept_words, kept_stamps
        known = set(self.files)
        new: list[str] = []
        for folder, mtime in list(self._folders.items()):
            stamp = _stamp(root + folder)
            if stamp is None:
                del self._folders[folder]
                self._changed = _SAVE_AFTER
            elif stamp[1] != mtime:
                self._folders[folder] = stamp[1]
                self._changed += 1
                new += self._new_entries(folder, known)
        if new:
            self._changed = _SAVE_AFTER
            for relative in self.project.list_files(new):
                if relative.endswith(SEARCHED_SUFFIXES) and relative not in known:
                    known.add(relative)
                    self._add(relative)
            for folder in _folders_of(self.files):
                if folder not in self._folders:
                    stamp = _stamp(root + folder)
                    if stamp is not None:
                        self._folders[folder] = stamp[1]

    def _new_entries(self, folder: str, known: set[str]) -> list[str]:
        """Paths in `folder` the index does not hold: searched files, and folders not watched."""
        prefix = f"{folder}/" if folder else ""
        found = []
        try:
            with os.scandir(os.path.join(self.project.root, folder)) as entries:
                for entry in entries:
                    relative = prefix + entry.name
                    if entry.is_dir(follow_symlinks=False):
                        if relative not in self._folders and self.project.walked(entry.name):
                            found.append(relative)
                    elif entry.name.endswith(SEARCHED_SUFFIXES) and relative not in known:
                        found.append(relative)
        except OSError:
            pass
        return found

    def _finish(self) -> None:
        self._position = {relative: i for i, relative in enumerate(self.files)}
        self._blob = b"".join(self._words)
        self._ends, total = [], 0
        for words in self._words:
            total += len(words)
            self._ends.append(total)
        if self._changed >= _SAVE_AFTER:
            self._save()

    def _save(self) -> None:
        data = {
            "root": self.project.root,
            "files": self.files,
            "stamps": self._stamps,
            "folders": self._folders,
            "watched": self._watched,
            "blob": self._blob,
            "ends": self._ends,
        }
        temporary = f"{self.path}.{os.getpid()}.tmp"
        try:
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            with open(temporary, "wb") as f:
                marshal.dump(data, f)
            os.replace(temporary, self.path)
        except OSError:  # a read-only cache folder: the index is rebuilt in memory each time
            try:
                os.unlink(temporary)
            except OSError:
                pass
