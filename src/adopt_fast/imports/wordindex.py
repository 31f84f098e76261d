"""Which files of the repository mention a word, answered without reading them all.

The fix asks, for each unused import it would remove, which files mention the module's name
and the imported name. A text search of the whole tree (`git grep`) reads every file on
every commit: 90 to 170 ms on Django's 3,500 searched files. This index keeps, per file, its
distinct words (one sorted, newline-framed byte string), all of them concatenated in one file
of the Ruff cache folder that is mapped into memory, not read (4.7 MB for Django), beside the
listing (paths, sizes, modification times), saved with `marshal`: loading both costs about
5 ms, and a query is one byte search through the words.

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
import mmap
import os
import re
import sys

from adopt_fast.imports.project import SEARCHED_SUFFIXES, Project
from adopt_fast.ruff import OWN_CACHE, OWN_CACHE_FOLDERS, cache_dir

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

FOLDER = os.path.join(OWN_CACHE, OWN_CACHE_FOLDERS[1])
_FILE = "index.marshal"  # the listing; the words are in `words-<id>.bin`, mapped, not read
# Identifier characters, with any non-ASCII byte counted as one (UTF-8 identifiers).
_WORD = re.compile(rb"[A-Za-z_\x80-\xff][A-Za-z0-9_\x80-\xff]*")
_STAR = re.compile(rb"\bimport\s*\*")
STAR_WORD = b"*"  # no identifier: the file has a star import
_STAR_NEEDLE = b"\n" + STAR_WORD + b"\n"
# Changed files read again without saving the index: below this, saving (5 MB for Django)
# costs more than reading them again on the next run.
_SAVE_AFTER = 32
# From this many files, their stats (about 5 us each) are taken by a child process: starting
# one costs about 3 ms, and the parent has its imports and parsing to do meanwhile.
_FORK_FROM = 1500


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


# The repository, its Ruff cache folder and its index begun.
Begun = tuple[Project, str, "WordIndex | None"]


def begin_around(paths: Sequence[str]) -> Begun:
    """The repository holding `paths`, its Ruff cache folder, and its index begun
    (`WordIndex.begin`): called as soon as Ruff has reported an unused import, so that the
    index's check runs while the rest of the fix is imported."""
    project = Project.around(paths)
    ruff_cache = cache_dir(project.root)
    return project, ruff_cache, WordIndex.begin(project, ruff_cache)


class WordIndex:
    """The searched files of `project` and the words of each, brought up to date on load.

    `_blob` holds every file's words back to back; file i's end in it is `_ends[i]`. A run
    that finds nothing changed only loads and checks: the blob is searched as read."""

    def __init__(self, project: Project, folder: str) -> None:
        self.project = project
        self.folder = folder
        self.path = os.path.join(folder, _FILE)
        self.files: list[str] = []
        self._sizes: list[int] = []
        self._mtimes: list[int] = []
        self._folders: dict[str, int] = {}
        self._watched: dict[str, tuple[int, int] | None] = {}
        self._blob: bytes | mmap.mmap = b""
        self._ends: list[int] = []
        self._stars: list[int] = []  # the positions of the files with a star import
        self._star_files: set[str] | None = None
        self._position: dict[str, int] | None = None  # each file's position, once asked
        # The positions of the files queries found: `mentions` asks of those, mostly, and
        # a dict of every position costs a millisecond or two to make.
        self._known: dict[str, int] = {}
        self._changed = 0
        self._stale = False  # to be listed again from scratch by `finish`
        self._checking: _Check | None = None  # the check by a child process, under way
        self._finished = False
        # Until the index is saved: the words of files read again this run, by position
        # (they replace the blob's), the files gone, and new files, at the positions after
        # `files`.
        self._fresh: dict[int, bytes] = {}
        self._gone: set[int] = set()
        self._added: list[tuple[str, tuple[int, int]]] = []  # (path, (size, mtime))

    @classmethod
    def begin(cls, project: Project, ruff_cache: str) -> WordIndex | None:
        """The index as saved, its check started: on a large listing, by a child process that
        stats every file while this one goes on (importing and parsing what the fix needs);
        `finish` takes the answer. None without the Ruff cache folder."""
        if not os.path.isfile(os.path.join(ruff_cache, ".gitignore")):
            return None
        index = cls(project, os.path.join(ruff_cache, FOLDER))
        if not index._read() or any(_stamp(p) != s for p, s in index._watched.items()):
            index._stale = True
        elif len(index.files) >= _FORK_FROM and _can_fork():
            index._checking = _Check.start(index)
        return index

    def finish(self) -> WordIndex:
        """Bring the index up to date (once), saving it when enough changed. Every query
        calls it first: `begin` alone never answers from a listing not yet checked."""
        if self._finished:
            return self
        if self._stale:
            self._list_all()
        else:
            checked = self._checking.answer() if self._checking is not None else None
            self._checking = None
            self._refresh(checked)
        if self._changed >= _SAVE_AFTER:
            self._save()
            self._changed = 0
        self._finished = True
        return self

    def close(self) -> None:
        """End a check that no query took: its child process stopped and reaped."""
        if self._checking is not None:
            self._checking.cancel()
            self._checking = None

    # -- queries ---------------------------------------------------------------------------

    def files_with(self, word: str) -> list[str]:
        """The files whose words include `word`, in listing order (files read again this run,
        and new ones, after the others)."""
        self.finish()
        needle = b"\n" + word.encode("utf-8", "surrogateescape") + b"\n"
        found: list[str] = []
        start, blob, ends, fresh, gone = 0, self._blob, self._ends, self._fresh, self._gone
        known = self._known
        while True:
            at = blob.find(needle, start)
            if at < 0:
                break
            i = bisect.bisect_right(ends, at)
            if i not in fresh and i not in gone:
                found.append(self.files[i])
                known[self.files[i]] = i
            start = ends[i]  # the next file: one hit per file is enough
        for i, words in fresh.items():
            if needle in words:
                found.append(self._name(i))
                known[found[-1]] = i
        return found

    def mentions(self, relative: str, word: str) -> bool:
        """Whether the file's words include `word` (False for a file the index does not hold):
        a search of that file's words alone, where `files_with` searches all of them."""
        self.finish()
        i = self._known.get(relative)
        if i is None:
            if self._position is None:
                self._position = {path: i for i, path in enumerate(self.files)}
                count = len(self.files)
                self._position.update((p, count + k) for k, (p, _) in enumerate(self._added))
            i = self._position.get(relative)
        if i is None or i in self._gone:
            return False
        needle = b"\n" + word.encode("utf-8", "surrogateescape") + b"\n"
        if i in self._fresh:
            return needle in self._fresh[i]
        return self._blob.find(needle, self._ends[i - 1] if i else 0, self._ends[i]) >= 0

    def _name(self, i: int) -> str:
        count = len(self.files)
        return self.files[i] if i < count else self._added[i - count][0]

    def listing(self) -> list[str]:
        """The searched files as they are now: those gone left out, new ones in."""
        self.finish()
        gone = self._gone
        kept = [r for i, r in enumerate(self.files) if i not in gone] if gone else self.files
        return kept + [path for path, _ in self._added]

    def has_star_import(self, relative: str) -> bool:
        """Whether the file has a star import (kept in the listing: a search of the words for
        `*`, a one-byte word, is the slowest there is)."""
        self.finish()
        if self._star_files is None:
            fresh, gone, needle = self._fresh, self._gone, _STAR_NEEDLE
            found = {self.files[i] for i in self._stars if i not in fresh and i not in gone}
            found.update(self._name(i) for i, words in fresh.items() if needle in words)
            self._star_files = found
        return relative in self._star_files

    # -- keeping it exact ------------------------------------------------------------------

    def _read(self) -> bool:
        try:
            with open(self.path, "rb") as f:
                data = marshal.loads(f.read())  # marshal.load(f) reads in small pieces
            if data["root"] != self.project.root:
                return False
            self.files, self._sizes, self._mtimes = data["files"], data["sizes"], data["mtimes"]
            self._folders, self._watched = data["folders"], data["watched"]
            self._ends, self._stars = data["ends"], data["stars"]
            self._blob = _mapped(os.path.join(self.folder, data["words"]))
        except (OSError, EOFError, ValueError, TypeError, KeyError):
            return False
        if len(self._blob) != (self._ends[-1] if self._ends else 0):
            return False
        count = len(self.files)
        if not _positions(self._stars, count):
            return False
        return count == len(self._sizes) == len(self._mtimes) == len(self._ends)

    def _words_of_file(self, i: int) -> bytes:
        return self._blob[self._ends[i - 1] if i else 0 : self._ends[i]]

    def _set(self, files: list[str], words: list[bytes], stamps: list[tuple[int, int]]) -> None:
        self.files = files
        self._sizes = [size for size, _ in stamps]
        self._mtimes = [mtime for _, mtime in stamps]
        self._blob = b"".join(words)
        self._ends, total = [], 0
        for chunk in words:
            total += len(chunk)
            self._ends.append(total)
        self._stars = [i for i, chunk in enumerate(words) if _STAR_NEEDLE in chunk]
        self._star_files = self._position = None
        self._known = {}
        self._fresh, self._gone, self._added = {}, set(), []

    def _scan(self, relative: str) -> tuple[bytes, tuple[int, int]] | None:
        stamp = _stamp(os.path.join(self.project.root, relative))
        if stamp is None:
            return None
        data = self.project.read(relative)
        return (words_of(data) if data is not None else b"\n"), stamp

    def _list_all(self) -> None:
        listed = self.project.list_files()
        files, words, stamps = [], [], []
        for relative in listed:
            if relative.endswith(SEARCHED_SUFFIXES):
                scanned = self._scan(relative)
                if scanned is not None:
                    files.append(relative)
                    words.append(scanned[0])
                    stamps.append(scanned[1])
        self._set(files, words, stamps)
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

    def _changed_files(self) -> list[int]:
        """The positions of the files whose size or modification time changed, or gone."""
        root, stat = self.project.root + os.sep, os.stat
        sizes, mtimes = self._sizes, self._mtimes
        changed = []
        for i, relative in enumerate(self.files):
            try:
                info = stat(root + relative)
            except OSError:
                changed.append(i)
                continue
            if info.st_mtime_ns != mtimes[i] or info.st_size != sizes[i]:
                changed.append(i)
        return changed

    def _refresh(self, checked: tuple[list[int], list[int | None]] | None = None) -> None:
        """Read again what changed; `checked` is `_checked()` when a child process took it."""
        changed, folder_mtimes = checked if checked is not None else self._checked()
        self._star_files = self._position = None
        self._known = {}
        new = self._new_paths(folder_mtimes)
        self._changed += len(changed)
        for i in changed:
            scanned = self._scan(self.files[i])
            if scanned is None:
                self._gone.add(i)
                self._changed = _SAVE_AFTER  # a file gone: save, not look again each time
            else:
                self._fresh[i] = scanned[0]
                self._sizes[i], self._mtimes[i] = scanned[1]
        if new:
            self._changed = _SAVE_AFTER
            known = set(self.files)
            for relative in self.project.list_files(new):
                if relative.endswith(SEARCHED_SUFFIXES) and relative not in known:
                    scanned = self._scan(relative)
                    if scanned is not None:
                        known.add(relative)
                        self._fresh[len(self.files) + len(self._added)] = scanned[0]
                        self._added.append((relative, scanned[1]))
        if self._changed >= _SAVE_AFTER:
            self._merge()

    def _merge(self) -> None:
        """Fold the files read again into the blob (before saving): gone files dropped, new
        ones appended, their folders watched."""
        files, words, stamps = [], [], []
        for i, relative in enumerate(self.files):
            if i in self._gone:
                continue
            files.append(relative)
            words.append(self._fresh.get(i) or self._words_of_file(i))
            stamps.append((self._sizes[i], self._mtimes[i]))
        for k, (relative, stamp) in enumerate(self._added):
            files.append(relative)
            words.append(self._fresh[len(self.files) + k])
            stamps.append(stamp)
        added = bool(self._added)
        self._set(files, words, stamps)
        if added:  # their folders are watched from now on
            root = self.project.root + os.sep
            for folder in _folders_of(self.files):
                if folder not in self._folders:
                    watched = _stamp(root + folder)
                    if watched is not None:
                        self._folders[folder] = watched[1]

    def _checked(self) -> tuple[list[int], list[int | None]]:
        """All the stats a refresh needs: the files changed (`_changed_files`) and each watched
        folder's modification time now (None: gone), in the order of `_folders`."""
        root = self.project.root + os.sep
        folders = []
        for folder in self._folders:
            stamp = _stamp(root + folder)
            folders.append(None if stamp is None else stamp[1])
        return self._changed_files(), folders

    def _new_paths(self, folder_mtimes: list[int | None]) -> list[str]:
        """Searched files and unwatched folders that appeared in a watched folder that
        changed (its modification time); a watched folder gone is dropped."""
        if folder_mtimes == list(self._folders.values()):
            return []  # the usual run: no folder changed (one comparison, not a loop)
        new: list[str] = []
        known: set[str] | None = None
        for (folder, mtime), now in zip(list(self._folders.items()), folder_mtimes, strict=True):
            if now is None:
                del self._folders[folder]
                self._changed = _SAVE_AFTER
            elif now != mtime:
                self._folders[folder] = now
                self._changed += 1
                if known is None:
                    known = set(self.files)
                new += self._new_entries(folder, known)
        return new

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

    def _save(self) -> None:
        """Write the words, then the listing that names them (each replaced in one step),
        then remove the words of older listings."""
        words = f"words-{os.urandom(6).hex()}.bin"
        data = {
            "root": self.project.root,
            "files": self.files,
            "sizes": self._sizes,
            "mtimes": self._mtimes,
            "folders": self._folders,
            "watched": self._watched,
            "ends": self._ends,
            "stars": self._stars,
            "words": words,
        }
        try:
            os.makedirs(self.folder, exist_ok=True)
            _write(os.path.join(self.folder, words), self._blob)
            _write(self.path, marshal.dumps(data))
            for name in os.listdir(self.folder):
                if name.startswith("words-") and name != words:
                    os.unlink(os.path.join(self.folder, name))
        except OSError:  # a read-only cache folder: the index is rebuilt in memory each time
            pass


def _can_fork() -> bool:
    """A POSIX process running one thread (the hooks and the command line do): forking one
    with other threads is what Python 3.12 warns against."""
    if not hasattr(os, "fork"):
        return False
    threading = sys.modules.get("threading")
    return threading is None or threading.active_count() == 1


def _positions(value: object, count: int) -> bool:
    """`value` is a list of positions in a listing of `count` files (as read, not trusted)."""
    return type(value) is list and all(type(i) is int and 0 <= i < count for i in value)


class _Check:
    """`WordIndex._checked()` run by a forked child process, its answer sent back through a
    pipe with marshal. The child only stats files and folders and writes to the pipe; it
    ends with `os._exit`, so nothing of the parent (buffers, atexit) runs twice. Any fault
    (no answer, a child killed, an answer of the wrong shape) makes the parent check itself."""

    def __init__(self, index: WordIndex, pid: int, fd: int) -> None:
        self.index, self.pid, self.fd = index, pid, fd

    @classmethod
    def start(cls, index: WordIndex) -> _Check | None:
        try:
            read, write = os.pipe()
        except OSError:
            return None
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            return None
        # A Ctrl-C in the few instructions between the fork and the `try` would unwind the
        # parent's stack in the child (one more "interrupted" line): a window accepted.
        if pid == 0:  # the child
            code = 1
            try:
                os.close(read)
                # The hook's output pipes are not held open by the child (pre-commit reads
                # them to their end).
                null = os.open(os.devnull, os.O_RDWR)
                for fd in (0, 1, 2):
                    os.dup2(null, fd)
                view = memoryview(marshal.dumps(index._checked()))
                while view:
                    view = view[os.write(write, view) :]
                code = 0
            finally:
                os._exit(code)
        os.close(write)
        return cls(index, pid, read)

    def cancel(self) -> None:
        os.close(self.fd)
        try:
            os.kill(self.pid, 9)  # SIGKILL
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass

    def answer(self) -> tuple[list[int], list[int | None]] | None:
        chunks = []
        try:
            while chunk := os.read(self.fd, 1 << 16):
                chunks.append(chunk)
        except OSError:
            chunks = []
        finally:
            os.close(self.fd)
            try:
                _, status = os.waitpid(self.pid, 0)
            except ChildProcessError:
                status = 1
        if status != 0 or not chunks:
            return None
        try:
            changed, folders = marshal.loads(b"".join(chunks))
        except (EOFError, ValueError, TypeError):
            return None
        count = len(self.index.files)
        if (
            not _positions(changed, count)
            or type(folders) is not list
            or len(folders) != len(self.index._folders)
            or not all(m is None or type(m) is int for m in folders)
        ):
            return None
        return changed, folders


def _write(path: str, data: bytes | mmap.mmap) -> None:
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        with open(temporary, "wb") as f:
            f.write(data)
        os.replace(temporary, path)
    except OSError:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def _mapped(path: str) -> bytes | mmap.mmap:
    """The file's bytes, mapped into memory (read on systems that cannot map it)."""
    with open(path, "rb") as f:
        try:
            return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):  # ValueError: an empty file
            return f.read()
