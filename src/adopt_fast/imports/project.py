"""The repository an import lives in: its root, its files, and the module names of each file.

An import that looks unused in its own file may be used from another one (`from pkg.compat
import shell_quote` in the tests): the fix asks the whole repository before it removes one,
even when pre-commit passes it a single file. This module finds that repository and names its
modules the way Python would import them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cached_property

from adopt_fast import process

# Files that can name a Python module or one of its names: sources, stubs, docs that hold
# doctests or autodoc directives, and configs that hold entry points or dotted paths.
PYTHON_SUFFIXES = (".py", ".pyi", ".pyw")
TEXT_SUFFIXES = (".rst", ".md", ".txt", ".toml", ".cfg", ".ini", ".yaml", ".yml", ".ipynb")
SEARCHED_SUFFIXES = PYTHON_SUFFIXES + TEXT_SUFFIXES
# Without git, these folders are not walked: environments, caches and build output.
_NOT_WALKED = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".tox",
        ".nox",
        ".venv",
        "venv",
        "env",
        "node_modules",
        "__pycache__",
        "build",
        "dist",
        "site-packages",
        ".ruff_cache",
        ".mypy_cache",
        ".pytest_cache",
        ".eggs",
    }
)
# A generated or vendored file this large is no place for an import of the project's names.
MAX_SEARCHED_BYTES = 2_000_000


def _not_skipped(folder_name: str) -> bool:
    return folder_name not in _NOT_WALKED and not folder_name.endswith(".egg-info")


def _git_toplevel(folder: str) -> str | None:
    """The work tree holding `folder`: the nearest folder above it with a `.git` (a folder,
    or the file of a linked work tree or submodule), found without starting git (4 ms a
    commit), unless GIT_DIR or GIT_WORK_TREE say otherwise."""
    if "GIT_DIR" in os.environ or "GIT_WORK_TREE" in os.environ:
        try:
            proc = process.run(["git", "-C", folder, "rev-parse", "--show-toplevel"])
        except OSError:  # no git on this machine
            return None
        top = os.fsdecode(proc.stdout).strip()
        return os.path.realpath(top) if proc.returncode == 0 and top else None
    probe = folder
    while True:
        if os.path.exists(os.path.join(probe, ".git")):
            return probe
        parent = os.path.dirname(probe)
        if parent == probe:
            return None
        probe = parent


_PROJECT_MARKERS = ("pyproject.toml", "setup.py", "setup.cfg")


def find_root(paths: Sequence[str]) -> tuple[str, bool]:
    """The repository holding `paths` and whether git knows it: the git work tree, else the
    nearest folder above them with a pyproject.toml, setup.py or setup.cfg, else their folder."""
    folders = [
        os.path.realpath(p if os.path.isdir(p) else os.path.dirname(p) or ".") for p in paths
    ]
    common = os.path.commonpath(folders) if folders else os.path.realpath(".")
    top = _git_toplevel(common)
    if top is not None:
        return top, True
    probe = common
    while True:
        if any(os.path.isfile(os.path.join(probe, m)) for m in _PROJECT_MARKERS):
            return probe, False
        parent = os.path.dirname(probe)
        if parent == probe:
            return common, False
        probe = parent


def module_names(relative: str) -> tuple[str, ...]:
    """Every dotted name under which the file at `relative` (to the root, "/"-separated) may
    be imported, most specific first: the package chain Python resolves (walking up while
    folders hold an `__init__.py` is done by `Project.package_name`), and each dotted suffix
    of its path, which covers the src layout, namespace packages and rootdir-style tests
    (`tests/helpers.py` imported as `helpers`)."""
    parts = relative.split("/")
    stem = parts[-1].rsplit(".", 1)[0]
    parts = parts[:-1] if stem == "__init__" else [*parts[:-1], stem]
    if not parts or not all(p.isidentifier() for p in parts[-1:]):
        return ()
    names = []
    for start in range(len(parts) - 1, -1, -1):
        tail = parts[start:]
        if not all(p.isidentifier() for p in tail):
            break
        names.append(".".join(tail))
    return tuple(names)


class Project:
    """One repository: where it is, which files it holds, how its modules are named."""

    def __init__(self, root: str, *, git: bool) -> None:
        self.root = root
        self.git = git
        self._listing: Callable[[], list[str]] | None = None

    def list_with(self, listing: Callable[[], list[str]]) -> None:
        """Take `files` from `listing` (a word index's, kept up to date), called when first
        needed."""
        self._listing = listing

    @classmethod
    def around(cls, paths: Sequence[str]) -> Project:
        root, git = find_root(paths)
        return cls(root, git=git)

    def relative(self, path: str) -> str:
        return os.path.relpath(os.path.realpath(path), self.root).replace(os.sep, "/")

    def package_name(self, relative: str) -> str | None:
        """The module name Python gives the file when its top package's parent is on sys.path
        (`src/pkg/sub/mod.py` -> `pkg.sub.mod`), or its bare name outside any package."""
        parts = relative.split("/")
        stem = parts[-1].rsplit(".", 1)[0]
        chain = [] if stem == "__init__" else [stem]
        folder = parts[:-1]
        while folder and os.path.isfile(os.path.join(self.root, *folder, "__init__.py")):
            chain.insert(0, folder[-1])
            folder = folder[:-1]
        name = ".".join(chain)
        return name if name and all(p.isidentifier() for p in chain) else None

    @cached_property
    def files(self) -> list[str]:
        """The searched files, relative to the root: what git tracks or would add (its
        ignore rules apply), or, outside git, every such file not in an environment or cache."""
        if self._listing is not None:
            return self._listing()
        return [n for n in self.list_files() if n.endswith(SEARCHED_SUFFIXES)]

    def list_files(self, paths: Sequence[str] = ()) -> list[str]:
        """Every file (relative to the root, sorted) that git tracks or would add, or, outside
        git, every file not in an environment or cache; with `paths`, only those files and
        the files below those folders."""
        if self.git:
            # Literal paths: a file named `[ab].py` is no pattern.
            argv = ["git", "--literal-pathspecs", "-C", self.root, "ls-files", "-z"]
            argv += ["--cached", "--others", "--exclude-standard", "--", *paths]
            try:
                proc = process.run(argv)
            except OSError:
                proc = None
            if proc is not None and proc.returncode == 0:
                return sorted({n for n in os.fsdecode(proc.stdout).split("\0") if n})
        if not paths:
            return sorted(self._walk(self.root))
        found: set[str] = set()
        for relative in paths:
            path = os.path.join(self.root, relative)
            if os.path.isdir(path):
                found.update(self._walk(path))
            elif os.path.isfile(path):
                found.add(relative)
        return sorted(found)

    def walked(self, folder_name: str) -> bool:
        """Whether a folder of that name is searched: in git, as git decides; outside git,
        environments, caches and build output are not."""
        return self.git or _not_skipped(folder_name)

    def _walk(self, top: str) -> Iterator[str]:
        for folder, dirs, names in os.walk(top):
            dirs[:] = [d for d in dirs if _not_skipped(d)]
            relative = os.path.relpath(folder, self.root).replace(os.sep, "/")
            for name in names:
                yield name if relative == "." else f"{relative}/{name}"

    def files_mentioning(self, words: Iterable[str]) -> list[str]:
        """The searched files that contain one of `words` as a whole word (a fast text search:
        `git grep` in a repository, a byte search elsewhere)."""
        words = sorted(set(words))
        if not words:
            return []
        if self.git:
            found = self._git_grep(words)
            if found is not None:
                return found
        pattern = re.compile(
            rb"\b(?:"
            + b"|".join(re.escape(w.encode("utf-8", "surrogateescape")) for w in words)
            + rb")\b"
        )
        hits = []
        for relative in self.files:
            data = self.read(relative)
            if data is not None and pattern.search(data):
                hits.append(relative)
        return hits

    def _git_grep(self, words: list[str]) -> list[str] | None:
        # Untracked files too (not ignored ones): a new test not yet added may import the
        # name. It costs: 133 ms instead of 42 ms on Django's tree, for the work-tree walk.
        argv = ["git", "grep", "-z", "-l", "-I", "-w", "-F", "--untracked"]
        for word in words:
            argv += ["-e", word]
        argv += ["--", *(f"*{s}" for s in SEARCHED_SUFFIXES)]
        try:
            proc = process.run(["git", "-C", self.root, *argv[1:]])
        except OSError:
            return None
        if proc.returncode not in (0, 1):  # 1: nothing found
            return None
        return sorted(n for n in os.fsdecode(proc.stdout).split("\0") if n)

    def read(self, relative: str) -> bytes | None:
        path = os.path.join(self.root, relative)
        try:
            if os.path.getsize(path) > MAX_SEARCHED_BYTES:
                return None
            with open(path, "rb") as f:
                return f.read()
        except OSError:
            return None
