"""The decisions that need the whole repository: an import another file uses, a name a
framework reads from the module's globals, an import of a module that exists nowhere.

`policy.decide` judges an import from its own file; this second look keeps what only other
files, the project's frameworks or its environment reveal. A use by another file is firm
(`--unsafe` does not remove it: the other file would break); the other two are kept by
default, like a side-effect import.
"""

from __future__ import annotations

import _ast as ast  # the node classes, without `ast`'s import time (see facts.py)
import os
from collections.abc import Sequence

from adopt_fast.flake8_ignores import F401Ignores
from adopt_fast.imports import policy
from adopt_fast.imports.cache import FactsCache
from adopt_fast.imports.diagnostics import Diagnostic
from adopt_fast.imports.facts import parse, resolve_relative
from adopt_fast.imports.findable import ModuleFinder
from adopt_fast.imports.frameworks import framework_reason
from adopt_fast.imports.policy import Decision, is_test_folder
from adopt_fast.imports.project import Project
from adopt_fast.imports.scopes import Scopes
from adopt_fast.imports.source_edits import SourcePositions
from adopt_fast.imports.usage import UsageIndex, Use
from adopt_fast.imports.wordindex import Begun, begin_around

REASON_TEST_DATA = (
    "`{file}` is test data: it lies under {folder}/, pytest does not collect it and no test "
    "imports it, so its imports may be what a test reads"
)


# Folders of test data by their names: what lies in them is read by the tests (as text, as
# a syntax tree, by a static analyzer loading it by name: astroid's tests/testdata/.../data/),
# so only an import statement of a file outside them makes one of their files code.
_DATA_FOLDERS = frozenset(
    {"data", "testdata", "test_data", "fixtures", "fixture", "resources", "samples", "sample"}
)


def in_data_folder(relative: str) -> bool:
    """Whether `relative` lies in a folder of test data (`_DATA_FOLDERS`) below a test folder."""
    parts = relative.split("/")[:-1]
    at = next((i for i, p in enumerate(parts) if is_test_folder(p)), None)
    return at is not None and any(p.lower() in _DATA_FOLDERS for p in parts[at:])


def _not_data(relative: str) -> bool:
    return not in_data_folder(relative)


REASON_DATA_FOLDER = (
    "`{file}` is test data: it lies in a folder of test data under {folder}/, and no import "
    "statement outside such folders reaches it, so its imports may be what a test reads"
)
REASON_RUNS = (
    "importing `{module}` runs its module-level code ({where}): the import may be there for that"
)
REASON_REEXPORTS = (
    "this module re-exports imports ({count} of its unused ones are reached through it by other "
    "files, as {example}): the others may be imported from it by code outside the repository"
)
REASON_FLAKE8 = (
    "{config}'s [flake8] per-file-ignores turn F401 off here (`{pattern}`): the author's word "
    "(`adopt-fast migrate` carries it into Ruff's configuration)"
)
REASON_LOADS = (
    "it may be what loads `{module}`, which this file reads as an attribute on line {line} "
    "(importing the package alone does not set a submodule)"
)
REASON_NAMED_FILE = (
    "the file is named in a string by {where}: code that reads it as text (to copy its source, "
    "to scan it) may need its imports"
)
REASON_MISSING = "`{module}` cannot be found in the project or its environment: importing it may be meant to fail"


class Repository:
    def __init__(self, project: Project, index: UsageIndex, finder: ModuleFinder) -> None:
        self.project = project
        self.index = index
        self.finder = finder
        # This run's unused imports, by file (relative to the root) and row: an import of a
        # name that the same run removes is no use of it.
        self.reported: dict[str, dict[int, list[Diagnostic]]] = {}
        self._settled: dict[tuple[str, int], bool] = {}
        self._data_files: dict[str, bool] = {}
        self._in_data: set[str] = set()  # those judged as files of a folder of test data
        self._calls_at_import: dict[str, str | None] = {}
        # The repository's files, one per line, made when first searched (`_module_files`).
        self._lines: str | None = None
        # Per file, its unused imports other files reach through it: (row, column) -> evidence.
        self._reached: dict[str, dict[tuple[int, int], str]] = {}
        self._flake8 = F401Ignores(project.root)

    @classmethod
    def around(cls, paths: Sequence[str], begun: Begun | None = None) -> Repository:
        """The repository holding `paths`, its parsed facts cached in its Ruff cache folder;
        `begun` is `wordindex.begin_around(paths)` when the caller started it earlier."""
        project, ruff_cache, words = begun if begun is not None else begin_around(paths)
        if words is not None:
            # Its check is taken when first asked (`WordIndex.finish`): the fixed file's own
            # parse and decisions come first, while a child process may still be at it.
            project.list_with(words.listing)
        cache = FactsCache.at(project.root, ruff_cache)
        return cls(project, UsageIndex(project, cache, words), ModuleFinder(project))

    def prepare(self, candidates: dict[str, list[Diagnostic]]) -> None:
        """Take this run's unused imports (by path) and search the text for all of them."""
        for path, found in candidates.items():
            rows = self.reported.setdefault(self.project.relative(path), {})
            for d in found:
                rows.setdefault(d.row, []).append(d)
        conftest_names = [
            d.name.rsplit(".", 1)[-1]
            for path, found in candidates.items()
            if os.path.basename(path) == "conftest.py"
            for d in found
        ]
        self.index.prepare(list(candidates), conftest_names)

    def _stays(self, use: Use, *, unsafe: bool) -> bool:
        """Whether the import that `use` is (if it is one) survives this run."""
        if use.importer is None:
            return True
        found = [
            d
            for d in self.reported.get(use.importer, {}).get(use.line, [])
            if d.name.rsplit(".", 1)[-1] == use.imported
        ]
        if not found:
            return True  # used there, or not fixed in this run
        key = (use.importer, use.line)
        if key not in self._settled:
            self._settled[key] = True  # a cycle of unused imports keeps them all
            data = self.project.read(use.importer)
            if data is None:
                return True
            text = data.decode("utf-8", "replace")
            positions, scopes = SourcePositions(text), Scopes(text)
            decision = self.decide(
                policy.decide(found[0], positions, scopes, relative=use.importer),
                scopes,
                unsafe=unsafe,
            )
            self._settled[key] = decision.action in (policy.KEEP, policy.MAKE_EXPLICIT)
        return self._settled[key]

    def decide(self, decision: Decision, scopes: Scopes, *, unsafe: bool) -> Decision:
        """`decision` after the repository's say (unchanged when it has none)."""
        if decision.firm:
            return decision
        relative = self.project.relative(decision.diagnostic.path)
        pattern = None if relative.startswith("../") else self._flake8.covering(relative)
        if pattern is not None:
            said = REASON_FLAKE8.format(config=self._flake8.config, pattern=pattern)
            return decision.kept(said, firm=True)
        if decision.action == policy.MAKE_EXPLICIT:
            # Test data is left as it is, even where the edit would change no behaviour: a
            # test may compare it, or read it as text (modulegraph's test packages).
            reason = (
                None if unsafe else self._test_data(self.project.relative(decision.diagnostic.path))
            )
            return decision if reason is None else decision.kept(reason)
        if decision.action == policy.KEEP and not unsafe:
            return decision  # kept anyway: no need to look further
        d = decision.diagnostic
        found = scopes.binding(d.row, d.name)
        if found is None:
            # This Python cannot parse the file (newer syntax, or Python 2 that Ruff reads as
            # 3.14's): Ruff decides, except for test data, which needs no parse to be known.
            reason = self._test_data(self.project.relative(d.path))
            return decision if reason is None or unsafe else decision.kept(reason)
        name, module = found
        relative = self.project.relative(d.path)
        absolute = self._absolute(relative, module)
        # `import M`, or `from P import M`, maybe of a module M (Django's `from . import
        # signals`); a `from M import name` that names no module finds no file below.
        target = None
        if absolute is not None:
            target = absolute if d.name == module else f"{absolute}.{d.name.rpartition('.')[2]}"
            line = scopes.attribute_read(target) if "." in target else None
            if line is not None:
                return decision.kept(REASON_LOADS.format(module=target, line=line), firm=True)
        # A function's own import binds a name no other file can reach (a star import does not
        # export it either: construct's `import cryptography` in a method).
        local = scopes.enclosing_function(d.row) is not None
        use = (
            None
            if local
            else next(
                (u for u in self.index.evidence(d.path, name) if self._stays(u, unsafe=unsafe)),
                None,
            )
        )
        if use is not None:
            self._reached.setdefault(d.path, {})[(d.row, d.column)] = use.evidence
            return decision.kept(use.evidence, firm=True)
        if decision.action != policy.REMOVE:
            return decision
        reason = framework_reason(relative, scopes.imported_modules, name, self.index.mentioned)
        if reason is None:
            if absolute is not None and not self.finder.exists(absolute):
                if not self._imported_anyway(relative, scopes, absolute, d.row):
                    reason = REASON_MISSING.format(module=absolute)
            elif absolute is not None and target is not None:
                imported = self._imported_anyway(relative, scopes, target, d.row)
                runs = None if imported else self._runs_at_import(target)
                if runs is not None:
                    reason = REASON_RUNS.format(module=target, where=runs)
        reason = reason or self._test_data(relative)
        if reason is None:
            named = self.index.named_as_file(relative)
            reason = None if named is None else REASON_NAMED_FILE.format(where=named)
        if reason is None:
            return decision
        return decision.kept(reason)

    def reexports(self, decisions: list[Decision], scopes: Scopes) -> list[Decision]:
        """The decisions on one file's imports, with the module-level removals kept when the
        module re-exports what it imports: other files reach at least two of its unused
        imports through it, and no fewer than it would remove (a compat or facade module,
        `requests.compat`, whose users outside the repository import from it too)."""
        recorded = self._reached.get(decisions[0].diagnostic.path) if decisions else None
        if not recorded:
            return decisions
        # This pass's decisions only (a file fixed in passes is decided again each time).
        reached = [
            d.reason
            for d in decisions
            if d.firm and recorded.get((d.diagnostic.row, d.diagnostic.column)) == d.reason
        ]
        removed = [
            i
            for i, d in enumerate(decisions)
            if d.action == policy.REMOVE and scopes.enclosing_function(d.diagnostic.row) is None
        ]
        if not removed or len(reached) < max(2, len(removed)):
            return decisions
        reason = REASON_REEXPORTS.format(count=len(reached), example=reached[0])
        kept = list(decisions)
        for i in removed:
            kept[i] = kept[i].kept(reason)
        return kept

    def _test_data(self, relative: str) -> str | None:
        parts = relative.split("/")
        at = next((i for i, p in enumerate(parts[:-1]) if is_test_folder(p)), None)
        if at is None:
            return None
        folder, below, name = parts[at], parts[at + 1 : -1], parts[-1]
        if relative not in self._data_files:
            if not all(p.isidentifier() for p in below):
                # A folder whose name is no identifier (`sample-tree`, `testpkg-regr4`) is no
                # package on any import path: what lies below it is read as files (or put on
                # sys.path by the test itself), whoever imports whom inside it.
                self._data_files[relative] = True
            elif name.startswith(("test_", "tests_")) or name.endswith("_test.py"):
                # A test pytest collects (`tests_*.py` too, tqdm's). A `test.py` is none by
                # pytest's defaults: pipreqs's tests/_data/test.py is a file its tests scan.
                self._data_files[relative] = False
            elif name == "conftest.py" or (name == "__init__.py" and not in_data_folder(relative)):
                self._data_files[relative] = False
            elif in_data_folder(relative):
                # Strings do not count: `"namespace_pep_420.module"` is what astroid's tests
                # load as a syntax tree, and a data file importing another is data too.
                found = self.index.importer(relative, by_statement=True, counted=_not_data)
                self._data_files[relative] = found is None
                self._in_data.add(relative)
            else:
                self._data_files[relative] = self.index.importer(relative) is None
        if not self._data_files[relative]:
            return None
        if relative in self._in_data:
            return REASON_DATA_FOLDER.format(file=relative, folder=folder)
        return REASON_TEST_DATA.format(file=relative, folder=folder)

    def _imported_anyway(self, relative: str, scopes: Scopes, module: str, row: int) -> bool:
        """Whether another module-level import of the file, one this run leaves in place,
        imports `module` (or a module below it) anyway: `from mpmath import *` beside an
        unused `import mpmath`, or `weights`, used, in `from libpysal import examples,
        weights`, so that what importing it does (or fails to do) is done all the same."""
        if scopes.tree is None:
            return False
        unused = self.reported.get(relative, {})
        for statement in scopes.tree.body:
            if not isinstance(statement, (ast.Import, ast.ImportFrom)):
                continue
            end = statement.end_lineno or statement.lineno
            if statement.lineno <= row <= end and isinstance(statement, ast.Import):
                continue  # the import in question (its other names are other modules)
            if isinstance(statement, ast.Import):
                names = [alias.name for alias in statement.names]
            else:
                written = "." * statement.level + (statement.module or "")
                absolute = self._absolute(relative, written)
                names = [absolute] if absolute is not None else []
            if not any(n == module or n.startswith(module + ".") for n in names):
                continue
            reported = sum(len(unused.get(r, ())) for r in range(statement.lineno, end + 1))
            if reported < len(statement.names):  # a name it imports is used (or a `*`)
                return True
        return False

    def _module_files(self, last: str) -> list[str]:
        """The repository's files a module named `last` can be (`signals`: pkg/signals.py,
        signals/__init__.py): one search of the listing as text, where a loop over 3,500
        paths would take milliseconds for every module asked about."""
        if self._lines is None:
            self._lines = "\n" + "\n".join(self.project.files) + "\n"
        lines, found = self._lines, []
        for needle in (f"/{last}.py\n", f"/{last}/__init__.py\n"):
            at = lines.find(needle)
            while at >= 0:
                start = lines.rfind("\n", 0, at) + 1
                found.append(lines[start : at + len(needle) - 1])
                at = lines.find(needle, at + 1)
        for path in (f"{last}.py", f"{last}/__init__.py"):
            if f"\n{path}\n" in lines:
                found.append(path)
        return found

    def _runs_at_import(self, module: str) -> str | None:
        r"""Where the repository's module `module` makes a call at its top level
        (`file:line: \`call\``), or None: importing it does something, which an `import M`
        that uses no name of it is there for."""
        if module not in self._calls_at_import:
            self._calls_at_import[module] = None
            for relative in self._module_files(module.rsplit(".", 1)[-1]):
                if module not in self.index.modules_of(relative):
                    continue
                data = self.project.read(relative)
                tree = parse(data.decode("utf-8", "replace")) if data is not None else None
                acting = _acts_at_top(tree) if tree is not None else None
                if acting is not None:
                    line, shown = acting
                    shown = shown if len(shown) <= 60 else shown[:57] + "..."
                    self._calls_at_import[module] = f"{relative}:{line}: `{shown}`"
                    break
        return self._calls_at_import[module]

    def _absolute(self, relative: str, module: str) -> str | None:
        level = len(module) - len(module.lstrip("."))
        if not level:
            return module
        if relative.startswith("../"):
            return None
        package = self.index.package_of(relative)
        return resolve_relative(package, level, module[level:] or None)


def _root_name(node: ast.expr) -> str | None:
    while isinstance(node, (ast.Attribute, ast.Call, ast.Subscript)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


# Decorators that only wrap or describe what they decorate, registering it nowhere: the
# builtins, and those of these modules (`@dataclass`, `@functools.cache`, `@pytest.fixture`).
_PURE_DECORATORS = frozenset({"property", "staticmethod", "classmethod"})
_PURE_DECORATOR_MODULES = frozenset(
    {
        "abc",
        "attr",
        "attrs",
        "contextlib",
        "dataclasses",
        "enum",
        "functools",
        "mock",
        "pytest",
        "typing",
        "typing_extensions",
        "unittest",
        "warnings",
    }
)


def _imported_from(tree: ast.Module) -> dict[str, str]:
    """The module each top-level import binds its name from (`wraps`: `functools`)."""
    found: dict[str, str] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Import):
            for alias in statement.names:
                found[alias.asname or alias.name.partition(".")[0]] = alias.name
        elif isinstance(statement, ast.ImportFrom) and statement.module and not statement.level:
            for alias in statement.names:
                found[alias.asname or alias.name] = statement.module
    return found


def _registering(
    decorators: list[ast.expr], local: set[str], imported: dict[str, str]
) -> ast.expr | None:
    """The first decorator that can hand what it decorates to something outside the module
    (`@receiver(post_save)`, `@admin.register(Book)`, `@app.task` with an imported `app`):
    one that is not of an object the module made, nor a known pure one."""
    for decorator in decorators:
        root = _root_name(decorator.func if isinstance(decorator, ast.Call) else decorator)
        if root is None or root in local or root in _PURE_DECORATORS:
            continue
        if imported.get(root, "").partition(".")[0] not in _PURE_DECORATOR_MODULES:
            return decorator
    return None


def _acts_at_top(tree: ast.Module) -> tuple[int, str] | None:
    """The line and source of the first statement at the module's top level that can act
    outside it: a call, not
    of a method of an object the module made itself (`ident.addCondition(...)` after `ident =
    Word(...)`), but a function's (`setup()`), a class's (`Importer.register()`) or another
    module's (`sys.path_hooks.append(...)`, `admin.site.register(...)`); an assignment into
    another module (`json.dumps = fast_dumps`, `os.environ["TZ"] = "UTC"`: monkey-patching);
    or a definition whose decorator registers it (`@receiver(post_save)`: Django's signal
    handlers, Celery's tasks, a CLI's subcommands, found by importing their module)."""
    made: set[str] = set()  # objects the module made itself
    defined: set[str] = set()  # its classes and functions
    imported: dict[str, str] | None = None
    for statement in tree.body:
        if isinstance(statement, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    made.add(target.id)
                elif _root_name(target) not in made | defined | {None}:
                    return statement.lineno, _shown(statement)
        elif isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if statement.decorator_list:
                imported = _imported_from(tree) if imported is None else imported
                found = _registering(statement.decorator_list, made | defined, imported)
                if found is not None:
                    return found.lineno, f"@{_shown(found)}"
            defined.add(statement.name)
        elif isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
            func = statement.value.func
            if isinstance(func, ast.Name) or _root_name(func) not in made:
                return statement.lineno, _shown(statement.value)
    return None


def _shown(node: ast.AST) -> str:
    """The source of `node`, for a reason given (rarely needed: `ast` is imported only here)."""
    import ast as full

    return full.unparse(node)
