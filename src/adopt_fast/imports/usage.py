"""Who imports what, across the repository: the evidence that keeps an import another file needs.

A name bound by an import in module `M` is used from elsewhere when a file of the repository
does any of: `from M import name`; `import M` (or `import M as X`, or `from P import M`) then
`M.name`; `from M import *` (when `M` has no `__all__`); names `"M.name"` or `"M:name"` in a
string or a config (mock.patch, monkeypatch.setattr, entry points, autodoc); or, for a
conftest.py, takes a parameter of that name (a pytest fixture). Doctest examples count.

Every such use mentions both the module's last name (`compat`) and the name, so the files
that mention both (`wordindex.WordIndex`, or a text search without it) are the only ones
parsed; the parsed facts of each file are cached (`cache.FactsCache`).
"""

from __future__ import annotations

import _ast as ast  # the node classes, without `ast`'s import time (see facts.py)
import os
import re
from collections.abc import Callable, Iterable, Iterator

from adopt_fast.imports import facts as file_facts
from adopt_fast.imports.cache import FactsCache
from adopt_fast.imports.project import PYTHON_SUFFIXES, Project, module_names
from adopt_fast.imports.wordindex import WordIndex

_DOCTEST_SUFFIXES = (".rst", ".md", ".txt")


class Use:
    """Another file's use of a name, and, when that use is an import (which the same fix may
    remove, if it is unused there too), where that import is."""

    __slots__ = ("evidence", "imported", "importer", "line")

    def __init__(
        self, evidence: str, importer: str | None = None, line: int = 0, imported: str = ""
    ) -> None:
        self.evidence = evidence
        self.importer = importer
        self.line = line
        self.imported = imported


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


# How many star imports in a row `_passed_on` follows (each one is a few stack frames).
_STAR_CHAIN = 20


class UsageIndex:
    """The repository around the fixed files, asked whether another file uses a name."""

    def __init__(
        self, project: Project, cache: FactsCache | None = None, words: WordIndex | None = None
    ) -> None:
        self.project = project
        self.cache = cache
        self.words = words
        self._data: dict[str, bytes | None] = {}
        self._mentioning: dict[str, list[str]] = {}
        self._named_files: dict[str, str | None] = {}
        self._pool: set[str] | None = None
        self._pool_words: set[str] = set()
        self._facts: dict[str, file_facts.Facts] = {}
        self._anywhere: dict[str, bool] = {}
        self._passes_on: dict[str, bool] = {}  # modules whose top level is imports alone

    def modules_of(self, relative: str) -> tuple[str, ...]:
        """The names other files can import the file as; none for a script without a Python
        suffix (`bin/tool`, passed by pre-commit for its shebang): no import finds it."""
        if not relative.endswith(PYTHON_SUFFIXES):
            return ()
        chain = self.project.package_name(relative)
        names = module_names(relative)
        return tuple(dict.fromkeys(([chain] if chain else []) + list(names)))

    def package_of(self, relative: str) -> str | None:
        chain = self.project.package_name(relative)
        if chain is None or relative.endswith(("/__init__.py", "/__init__.pyi")):
            return chain
        return chain.rpartition(".")[0] if "." in chain else ""

    def prepare(self, paths: Iterable[str], names: Iterable[str] = ()) -> None:
        """One text search for every module (and conftest name) the fix will ask about (none
        is needed with a word index)."""
        if self.words is not None:
            return
        words = set(names)
        for path in paths:
            modules = self.modules_of(self.project.relative(path))
            if modules:
                words.add(modules[0].rsplit(".", 1)[-1])
        self._pool = set(self.project.files_mentioning(words))
        self._pool_words = words

    def read(self, relative: str) -> bytes | None:
        if relative not in self._data:
            self._data[relative] = self.project.read(relative)
        return self._data[relative]

    def files_mentioning(self, word: str) -> list[str]:
        if word not in self._mentioning:
            if self.words is not None:
                found = self.words.files_with(word)
            elif self._pool is None or word not in self._pool_words:
                # (the pool holds the files that mention one of its words: no other's answer)
                found = self.project.files_mentioning([word])
            elif self._pool_words == {word}:
                found = sorted(self._pool)
            else:
                raw = word.encode()
                pattern = re.compile(rb"\b" + re.escape(raw) + rb"\b")
                found = []
                for relative in sorted(self._pool):
                    data = self.read(relative)
                    if data is not None and raw in data and pattern.search(data):
                        found.append(relative)
            self._mentioning[word] = found
        return self._mentioning[word]

    def mentioned(self, word: str) -> bool:
        """Whether any file of the repository mentions `word` (not only those searched for
        the modules asked about: `files_mentioning` may answer within those)."""
        if self.words is not None:
            return bool(self.files_mentioning(word))
        if word not in self._anywhere:
            self._anywhere[word] = bool(self.project.files_mentioning([word]))
        return self._anywhere[word]

    def _mentions(self, relative: str, word: str) -> bool:
        if self.words is not None:
            return self.words.mentions(relative, word)
        data = self.read(relative)
        raw = word.encode()
        return (
            data is not None
            and raw in data
            and re.search(rb"\b" + re.escape(raw) + rb"\b", data) is not None
        )

    def _has_star_import(self, relative: str) -> bool:
        if self.words is not None:
            return self.words.has_star_import(relative)
        data = self.read(relative)
        return data is not None and b"import *" in data

    def facts(self, relative: str) -> file_facts.Facts:
        if relative not in self._facts:
            package = self.package_of(relative)
            cached = self.cache.get(relative, package) if self.cache is not None else None
            if cached is None:
                data = self.read(relative) or b""
                text = data.decode("utf-8", "replace")
                if relative.endswith(PYTHON_SUFFIXES):
                    cached = file_facts.python_facts(text, package)
                elif relative.endswith(_DOCTEST_SUFFIXES):
                    cached = file_facts.text_facts(text)
                else:
                    cached = file_facts.Facts()
                if self.cache is not None:
                    self.cache.put(relative, package, cached)
            self._facts[relative] = cached
        return self._facts[relative]

    def evidence(self, path: str, name: str, seen: set[str] | None = None) -> Iterator[Use]:
        """Each use another file of the repository makes of the name an import binds in the
        file at `path` (`imported from here by tests/test_cli.py:5`); `seen`: the files whose
        star imports led here (each asked once)."""
        relative = self.project.relative(path)
        if relative.startswith("../"):
            return None
        modules = self.modules_of(relative)
        if not modules:
            return None
        conftest = os.path.basename(relative) == "conftest.py"
        word = name if conftest else modules[0].rsplit(".", 1)[-1]
        for other in self.files_mentioning(word):
            if other == relative:
                continue
            if self._mentions(other, name):
                yield from self._uses(other, modules, name, relative, conftest)
            else:  # `from pkg.compat import *` need not name it, if the name goes on from there
                stars = list(self._stars(other, modules, name, relative))
                if stars and self._passed_on(other, name, {relative} if seen is None else seen):
                    yield from stars

    def _passed_on(self, other: str, name: str, seen: set[str]) -> bool:
        """Whether the name `other` would get by a star import, and does not mention, can be
        reached there: through a package's namespace (its `__init__.py` is its users' API) or
        a module that only imports (`everything.py`: `from pkg.compat import *`, whose point
        is to pass names on), a module that reads names at run time (`globals()`, a module
        `__getattr__`), or by a use of it in `other` found in the other files (the star
        import's own evidence).
        openpyxl's chart/marker.py star-imports error_bar.py and uses none of its imports.
        A document's example session passes nothing on (Whoosh's quickstart.rst star-imports
        `whoosh.fields` and uses what it names): it is no module, nothing imports from it."""
        if not other.endswith(PYTHON_SUFFIXES):
            return False
        if os.path.basename(other) in ("__init__.py", "__init__.pyi") or self._only_imports(other):
            return True
        data = self.read(other) or b""
        if any(call in data for call in _DYNAMIC):
            return True  # `globals()[name]`, a module `__getattr__`: it may read any name
        if other in seen:
            return False
        if len(seen) >= _STAR_CHAIN:
            return True  # a longer chain of star imports than anyone follows: kept, unsure
        seen.add(other)
        path = os.path.join(self.project.root, other)
        return next(self.evidence(path, name, seen), None) is not None

    def _uses(
        self,
        other: str,
        modules: tuple[str, ...],
        name: str,
        relative: str,
        conftest: bool,
    ) -> Iterator[Use]:
        facts = self.facts(other)
        for module, imported, line in facts.imports:
            if imported == name and module in modules:
                yield Use(f"imported from here by {other}:{line}", other, line, imported)
        for dotted, line in facts.references:
            for module in modules:
                full = f"{module}.{name}"
                if dotted == full or dotted.startswith(full + "."):
                    yield Use(f"used as `{full}` by {other}:{line}")
        yield from self._stars(other, modules, name, relative)
        if conftest and name in facts.parameters and self._below(relative, other):
            line = facts.parameters[name]
            yield Use(f"a pytest fixture: a test takes `{name}` as a parameter ({other}:{line})")
        for path, line in facts.paths:
            for module in modules:
                if path in (f"{module}.{name}", f"{module}:{name}") or path.startswith(
                    (f"{module}.{name}.", f"{module}:{name}.")
                ):
                    yield Use(f"named as `{path}` in {other}:{line}")
        if not other.endswith(PYTHON_SUFFIXES):
            data = self.read(other)
            named = self._named(other, data, modules, name) if data is not None else None
            if named is not None:
                yield Use(named)

    def _stars(
        self, other: str, modules: tuple[str, ...], name: str, relative: str
    ) -> Iterator[Use]:
        if name.startswith("_") or not self._has_star_import(other) or self._has_all(relative):
            return
        for module, line in self.facts(other).stars:
            if module in modules:
                yield Use(f"star-imported from here by {other}:{line}", other, line, "*")

    def _named(self, other: str, data: bytes, modules: tuple[str, ...], name: str) -> str | None:
        """`pkg.compat.shell_quote` or `pkg.compat:shell_quote` in a text that is not Python
        (entry points, autodoc, YAML configs), or `from pkg.compat import shell_quote` there
        (a notebook). In Python code only string constants count (`facts.paths`)."""
        alternatives = b"|".join(re.escape(m.encode()) for m in modules)
        word = re.escape(name.encode())
        dotted = re.compile(rb"(?<![\w.])(" + alternatives + rb")[.:]" + word + rb"\b")
        match = dotted.search(data)
        if match:
            return f"named as `{match.group().decode()}` in {other}:{_line_of(data, match.start())}"
        imported = re.compile(
            rb"\bfrom\s+(" + alternatives + rb")\s+import\s+[^\n]*\b" + word + rb"\b"
        )
        match = imported.search(data)
        if match:
            return f"imported from here by {other}:{_line_of(data, match.start())}"
        return None

    def named_as_file(self, relative: str) -> str | None:
        """A Python file that names the file at `relative` in a string (`"lexer.py"`,
        `"tools/standalone.py"`, `EXAMPLES / "imports.py"`), as `file:line`, or None. Code
        that reads a file as text may need its imports: lark's standalone generator copies
        the source of lark/tools/standalone.py, bandit's tests scan examples/imports.py."""
        if relative not in self._named_files:
            self._named_files[relative] = self._naming(relative)
        return self._named_files[relative]

    def _naming(self, relative: str) -> str | None:
        name = relative.rpartition("/")[2]
        stem, dot, suffix = name.rpartition(".")
        # The word searched for: the stem's first run of word characters (`nonsense` of
        # nonsense-1.py; the index holds words, and a name git could not decode has more).
        word = re.match(r"\w+", stem) if dot else None
        if word is None:
            return None
        raw = name.encode("utf-8", "surrogateescape")
        written = None
        for other in self.files_mentioning(word.group()):
            if not other.endswith(PYTHON_SUFFIXES) or not self._mentions(other, suffix):
                continue
            if other.rpartition("/")[2] == "setup.py":
                continue  # the scripts it runs (pycparser's _build_tables.py), not files it reads
            data = self.read(other) or b""
            if raw not in data:
                continue
            if written is None:
                written = re.compile(
                    rb"""["']((?:[\w.\-]+[/\\]+)*""" + re.escape(raw) + rb""")["']"""
                )
            for match in written.finditer(data):
                path = match.group(1).decode("utf-8", "replace").replace("\\", "/")
                while path.startswith("./"):
                    path = path[2:]
                if relative == path or relative.endswith("/" + path):
                    return f"{other}:{_line_of(data, match.start())}"
        return None

    def importer(
        self,
        relative: str,
        *,
        by_statement: bool = False,
        counted: Callable[[str], bool] | None = None,
    ) -> str | None:
        """A file that imports the module at `relative` (`file:line`), or None. With
        `by_statement`, only import statements count, not dotted strings (`"pkg.mod"`);
        `counted` says which files count (all, without it)."""
        modules = self.modules_of(relative)
        if not modules:
            return None
        for other in self.files_mentioning(modules[0].rsplit(".", 1)[-1]):
            if other == relative or (counted is not None and not counted(other)):
                continue
            facts = self.facts(other)
            found = facts.modules + facts.stars
            if not by_statement:
                # A file's name is no module path: "main.py" names a file, not `main`'s `py`.
                found += [(p, line) for p, line in facts.paths if not p.endswith(_FILE_NAMES)]
            found += [(f"{m}.{n}", line) for m, n, line in facts.imports]
            found += [(m, line) for m, _, line in facts.imports]
            for module, line in found:
                if module in modules or any(module.startswith(m + ".") for m in modules):
                    return f"{other}:{line}"
        return None

    def _only_imports(self, relative: str) -> bool:
        """Whether the module's top level is imports alone (besides a docstring, `__all__`,
        `__future__`): a module that exists to pass names on. A file that does not parse
        counts as one (nothing is known against it)."""
        if relative not in self._passes_on:
            tree = file_facts.parse((self.read(relative) or b"").decode("utf-8", "replace"))
            self._passes_on[relative] = tree is None or all(map(_passing_on, tree.body))
        return self._passes_on[relative]

    def _has_all(self, relative: str) -> bool:
        data = self.read(relative)
        return data is not None and b"__all__" in data

    @staticmethod
    def _below(conftest: str, other: str) -> bool:
        folder = conftest.rpartition("/")[0]
        return not folder or other.startswith(folder + "/")


def _passing_on(statement: ast.stmt) -> bool:
    """An import, a docstring, a dunder made (`__all__`, `__version__`) or `__all__` extended,
    or an `if`/`try` of only these (`try: from ._speedups import *` `except ImportError: from
    ._pure import *`): what a module that only passes names on holds."""
    if isinstance(statement, (ast.Import, ast.ImportFrom, ast.Pass)):
        return True
    if isinstance(statement, ast.If):
        return all(map(_passing_on, statement.body + statement.orelse))
    if isinstance(statement, _TRY):
        blocks = statement.body + statement.orelse + statement.finalbody
        blocks += [s for handler in statement.handlers for s in handler.body]
        return all(map(_passing_on, blocks))
    if isinstance(statement, ast.Expr):
        value = statement.value
        if isinstance(value, ast.Constant):
            return True
        func = value.func if isinstance(value, ast.Call) else None
        return isinstance(func, ast.Attribute) and _is_dunder(func.value)
    if isinstance(statement, ast.Assign):
        return all(_is_dunder(t) for t in statement.targets)
    if isinstance(statement, (ast.AugAssign, ast.AnnAssign)):
        return _is_dunder(statement.target)
    return False


def _is_dunder(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id.startswith("__") and node.id.endswith("__")


_TRY = (ast.Try, getattr(ast, "TryStar", ast.Try))
_FILE_NAMES = (".py", ".pyi", ".pyc", ".pyx", ".pxd", ".pyw")
# A module that reads its names at run time passes on whatever it star-imports.
_DYNAMIC = (b"globals()", b"vars()", b"locals()", b"__getattr__", b"eval(", b"exec(")
