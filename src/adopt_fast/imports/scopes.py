"""What Ruff cannot see: imports whose removal changes behaviour through the scope they live in.

- A function whose body is nothing but imports exists to run them: `def test_import(): import
  pkg.mod` is a test that the module imports (python-dateutil's tests/test_imports.py has
  dozens); Ruff's fix would turn it into `pass`.
- A scope that reads its names dynamically (`locals()`, `globals()`, `vars()`, `eval`, `exec`)
  may use an import Ruff reports as unused: dateutil's test_import_tz_all checks
  `locals()[name]` for each name it imported.
- A module-level import named like a parameter of one of the module's functions is how pytest
  fixtures are shared (`from .fixtures import db` and `def test_x(db):`): pytest passes it by
  name, which Ruff cannot see. Outside the files pytest collects or loads, only fixtures and
  pytest-bdd steps count (a library function's parameter is only a parameter).
- An import nested in a `with` or `try` block, or in a test function, is often the thing under
  test: `with pytest.warns(DeprecationWarning): import pkg.old_module` checks the warning the
  import raises, `with pytest.raises(ImportError)` checks that it fails.
- A name the module's own doctests use (`>>> pformat(data)`): doctest runs the examples with
  the module's globals, so the import is used, though no code of the module reads it.
- An import its author marked as unused on purpose, in a comment Ruff does not read as a
  `noqa` for F401: tqdm's deprecated `tqdm/_utils.py` re-exports its names under
  `# NOQA, pylint: disable=unused-import` (flake8 reads that as a blanket noqa; Ruff calls it
  invalid and reports the imports).
- A module that warns when it is imported (a module-level `warnings.warn(...)`) is kept for
  old import paths: its imports are what `from pkg._old import name` still finds, though
  nothing in the repository imports from it any more (tqdm's `_utils.py`, `_main.py`).
"""

from __future__ import annotations

import _ast as ast  # the node classes, without `ast`'s import time (see facts.py)
import re
from collections.abc import Iterable
from functools import cached_property

from adopt_fast.imports.facts import children, doctest_names, dotted, parse, statements, walk

Function = ast.FunctionDef | ast.AsyncFunctionDef

_DYNAMIC_CALLS = frozenset({"locals", "globals", "vars", "eval", "exec"})
_MODULE_WIDE = frozenset({"globals", "eval", "exec"})  # see the module namespace from anywhere
_AT_TOP = frozenset({"locals", "vars"})  # see it at module level
_DYNAMIC_WORDS = r"\b(" + "|".join(sorted(_DYNAMIC_CALLS)) + r")\b"  # compiled on first use

REASON_ONLY_IMPORTS = "its function does nothing but import: importing is what it is for"
REASON_AFTER_CALL = (
    "it comes after the call `{call}(...)` on line {line} at the top of the file: it may be "
    "there for what that call did (a file it wrote, a path or a setting it changed)"
)
REASON_DYNAMIC = "its scope looks names up dynamically ({call}()): the name may be used"
REASON_FIXTURE = "`{function}` takes a parameter of that name: a pytest fixture, used by name"
REASON_UNITTEST_MAIN = (
    "`unittest.main()` on line {line} runs the tests found in this module's globals: an "
    "imported test class is used by being there"
)
REASON_TYPE_COMMENT = "used by the `# type:` comment on line {line}: type checkers read it"
# A type comment, not `# type: ignore[...]` (compiled on first use).
_TYPE_COMMENT = r"#\s*type:(?!\s*ignore\b)\s*([^#\n]+)"
REASON_USEFIXTURES = (
    "named by `usefixtures(...)` on line {line}: a pytest fixture, asked for by name"
)
REASON_WITH = "inside a `with` block: the import itself may be what it checks (a warning, an error)"
REASON_TRY = "inside a `try` block: whether it imports may be what it checks"
REASON_TEST = "inside the test `{function}`: importing may be what it tests"
REASON_DOCTEST = "used by a doctest of this module (line {line}), which runs with its globals"
REASON_MARKED = "its comment `{comment}` marks it as unused on purpose"
REASON_WARNS = (
    "this module warns when imported (line {line}): kept for old import paths, its imports "
    "are what they still find"
)
# A comment that silences an unused-import warning: a noqa Ruff did not honour (blanket, or
# naming F401), pylint's unused-import, pyright's reportUnusedImport.
_MARKED = re.compile(
    r"#.*?(\bnoqa\b(?!\s*:(?![^#]*\bF401\b))|pylint:\s*disable\s*=[^#]*\b(unused-import|W0611|all)\b"
    r"|reportUnusedImport)",
    re.IGNORECASE,
)

Import = ast.Import | ast.ImportFrom
_TRY = (ast.Try, getattr(ast, "TryStar", ast.Try))  # `except*` from Python 3.11


class Scopes:
    """The syntax tree of one text, asked about the scope around a line."""

    def __init__(self, text: str) -> None:
        self.text = text
        # None for newer syntax than this Python's: then Ruff alone decides.
        self.tree: ast.Module | None = parse(text)
        # One walk of the statements (a walk of every node costs ~5 ms on a 1,000-line
        # module, of its statements a tenth of that): the queries below filter this list.
        self.statements: list[ast.AST] = [] if self.tree is None else statements(self.tree)
        self.functions = [
            n for n in self.statements if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
        ]

    def enclosing_function(self, row: int) -> Function | None:
        around = [
            f for f in self.functions if f.body[0].lineno <= row <= (f.end_lineno or f.lineno)
        ]
        return max(around, key=lambda f: f.lineno, default=None)

    def fixture_reason(self, names: set[str], *, in_tests: bool) -> str | None:
        """Why one of `names` is a pytest fixture this module asks for: a parameter of that
        name, or `usefixtures("name")`. In a file pytest may collect or load (`in_tests`),
        any function's parameter counts (pytest's `python_functions` may name any of them,
        and plugins add fixture decorators); elsewhere only a fixture's or a pytest-bdd
        step's (a library's `def add_log(self, html, log)` takes no fixture: Paste)."""
        for function in self.functions:
            if not in_tests and not _takes_fixtures(function):
                continue
            arguments = function.args
            every = arguments.posonlyargs + arguments.args + arguments.kwonlyargs
            if any(a.arg in names for a in every):
                return REASON_FIXTURE.format(function=function.name)
        if "usefixtures" in self.text:
            for node in self._every_node:
                if (
                    isinstance(node, ast.Call)
                    and (parts := dotted(node.func)) is not None
                    and parts[-1] == "usefixtures"
                    and any(isinstance(a, ast.Constant) and a.value in names for a in node.args)
                ):
                    return REASON_USEFIXTURES.format(line=node.lineno)
        return None

    @cached_property
    def doctest_names(self) -> dict[str, int]:
        if self.tree is None or ">>>" not in self.text:  # no doctest: no docstring to look at
            return {}
        return doctest_names(self.tree, self.statements)

    def doctest_reason(self, bound_names: set[str]) -> str | None:
        used = next((self.doctest_names[n] for n in bound_names if n in self.doctest_names), None)
        return None if used is None else REASON_DOCTEST.format(line=used)

    def type_comment_reason(self, bound_names: set[str]) -> str | None:
        """Why a name is used by a `# type:` comment (`x = {}  # type: Dict[int, str]`,
        `# type: (int) -> Optional[str]`): mypy and pyright read them, and Ruff does not."""
        if "type:" not in self.text:
            return None
        for match in re.finditer(_TYPE_COMMENT, self.text):
            words = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", match.group(1)))
            if words & bound_names:
                return REASON_TYPE_COMMENT.format(line=self.text.count("\n", 0, match.start()) + 1)
        return None

    def binding(self, row: int, ruff_name: str) -> tuple[str, str] | None:
        """The name the import Ruff calls `ruff_name` (on `row`) binds, and the module it
        imports as written (`.sibling` for a relative one)."""
        found = self.import_at(row)
        if found is None:
            return None
        statement = found[0]
        for alias in statement.names:
            if isinstance(statement, ast.Import):
                full, module = alias.name, alias.name
                bound = alias.asname or alias.name.split(".")[0]
            else:
                module = "." * statement.level + (statement.module or "")
                full = f"{module}.{alias.name}" if statement.module else module + alias.name
                bound = alias.asname or alias.name
            if full == ruff_name:
                return bound, module
        return None

    @cached_property
    def _import_bindings(self) -> dict[str, int]:
        """How many import statements (in any scope) bind each name."""
        counts: dict[str, int] = {}
        for node in self.statements:
            if isinstance(node, ast.Import):
                bound = [a.asname or a.name.split(".")[0] for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                bound = [a.asname or a.name for a in node.names]
            else:
                continue
            for name in bound:
                counts[name] = counts.get(name, 0) + 1
        return counts

    def bound_once(self, row: int, ruff_name: str) -> bool:
        """Whether the import on `row` is the file's only import binding its name: removing it
        then leaves no other import unused (`import os` twice, `import os, os.path` do)."""
        found = self.binding(row, ruff_name)
        return found is not None and self._import_bindings.get(found[0], 0) == 1

    @cached_property
    def imported_modules(self) -> frozenset[str]:
        """Every module this file imports, and each of their parent packages."""
        found: set[str] = set()
        for node in self.statements:
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module]
                if isinstance(node, ast.ImportFrom) and node.module and not node.level
                else []
            )
            for name in names:
                parts = name.split(".")
                found.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
        return frozenset(found)

    def marked_reason(self, row: int) -> str | None:
        """Why the import statement spanning `row` stays by its author's word: a comment on
        one of its lines (an import statement holds no string, so any `#` there is one)."""
        found = self.import_at(row)
        if found is None:
            return None
        statement = found[0]
        for line in self._lines[statement.lineno - 1 : statement.end_lineno or row]:
            match = _MARKED.search(line)
            if match:
                return REASON_MARKED.format(comment=line[line.index("#") :].strip())
        return None

    @cached_property
    def _lines(self) -> list[str]:
        return self.text.splitlines()

    @cached_property
    def collects_tests(self) -> int | None:
        """The line of a `unittest.main()` call (or `main()` from unittest), which loads the
        tests from this module's globals: a TestCase class imported there is used by being
        there (lark's tests/__main__.py imports every test class it runs)."""
        if "main" not in self.text or "unittest" not in self.text or self.tree is None:
            return None
        imported_main = any(
            isinstance(node, ast.ImportFrom)
            and node.module == "unittest"
            and any(a.name == "main" and a.asname in (None, "main") for a in node.names)
            for node in self.statements
        )
        for node in self._every_node:
            if isinstance(node, ast.Call):
                parts = dotted(node.func)
                if parts == ["unittest", "main"] or (imported_main and parts == ["main"]):
                    return node.lineno
        return None

    @cached_property
    def warns_at_import(self) -> int | None:
        """The line of a module-level `warn(...)` or `warnings.warn(...)` call, if any."""
        if self.tree is None:
            return None
        statements: list[ast.stmt] = list(self.tree.body)
        for statement in statements:
            if isinstance(statement, (ast.If, *_TRY)):
                statements += statement.body  # `if sys.version_info ...:` and `try:` at the top
            elif isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
                func = statement.value.func
                if (isinstance(func, ast.Name) and func.id == "warn") or (
                    isinstance(func, ast.Attribute)
                    and func.attr == "warn"
                    and isinstance(func.value, ast.Name)
                    and func.value.id == "warnings"
                ):
                    return statement.lineno
        return None

    def import_at(self, row: int) -> tuple[Import, list[ast.AST]] | None:
        """The import statement spanning `row`, and the nodes around it, outermost first."""
        if self.tree is None:
            return None
        path: list[ast.AST] = []
        node: ast.AST = self.tree
        while True:
            inner: ast.AST | None = next(
                (
                    child
                    for child in children(node)
                    if isinstance(child, (ast.stmt, ast.excepthandler))
                    and child.lineno <= row <= (child.end_lineno or child.lineno)
                ),
                None,
            )
            if inner is None:
                inner = _case_spanning(node, row)  # a `case` has no line numbers of its own
            if inner is None:
                return None
            if isinstance(inner, (ast.Import, ast.ImportFrom)):
                return inner, path
            path.append(inner)
            node = inner

    def block_reason(self, row: int) -> str | None:
        """Why an import nested in a block that checks what importing does must stay."""
        found = self.import_at(row)
        if found is None:
            return None
        statement, around = found
        for node in reversed(around):
            if isinstance(node, (ast.With, ast.AsyncWith)):
                return REASON_WITH
            if isinstance(node, _TRY) and _in_body(node, statement):
                return REASON_TRY
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if node.name.startswith("test"):
                    return REASON_TEST.format(function=node.name)
                return None  # a helper's own import: what the function does decides
        return None

    def reason_to_keep(
        self, row: int, bound_names: set[str], *, in_tests: bool = True
    ) -> str | None:
        """Why the import on `row`, binding one of `bound_names`, must stay (or None);
        `in_tests`: the file is one pytest may collect or load (`policy.in_tests`)."""
        if self.tree is None:
            return None
        function = self.enclosing_function(row)
        if function is None and self.warns_at_import is not None:
            return REASON_WARNS.format(line=self.warns_at_import)
        if function is None and self.collects_tests is not None and _test_like(bound_names):
            return REASON_UNITTEST_MAIN.format(line=self.collects_tests)
        if function is None:
            fixture = self.fixture_reason(bound_names, in_tests=in_tests)
            if fixture is not None:
                return fixture
        if function is not None and _only_imports(function):
            return REASON_ONLY_IMPORTS
        if function is None:
            after = self._call_before(row)
            if after is not None:
                return REASON_AFTER_CALL.format(call=after[1], line=after[0])
        called = self._dynamic_calls
        if not called:
            call = None
        elif function is not None:
            call = _dynamic_call(function, called)
        else:
            wide = called & _MODULE_WIDE
            call = _dynamic_call_in(self._every_node, wide) if wide else None
            call = call or _dynamic_call_at_top(self.tree, called)
        return REASON_DYNAMIC.format(call=call) if call else self.block_reason(row)

    def _call_before(self, row: int) -> tuple[int, str] | None:
        """The last call made as a statement of the module's top level before `row` (its
        line and name), or None. An import placed after one may need what it did: pycparser's
        _build_tables.py generates lextab.py, then imports it to compile it; `django.setup()`,
        `matplotlib.use("Agg")`, `sys.path.insert(...)` and `monkey.patch_all()` come before
        the imports they are for."""
        assert self.tree is not None
        last = None
        for node in self.tree.body:
            if node.lineno >= row:
                break
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
                parts = dotted(node.value.func)
                last = node.lineno, ".".join(parts) if parts else "..."
        return last

    def attribute_read(self, module: str) -> int | None:
        """The line where this file reads `module` (`pkg.cli`, or below it: `pkg.cli.main`)
        as an attribute of a module it imports (`import pkg`), or None. `from pkg import cli`
        is what sets that attribute, though the name it binds goes unused: bitstring's
        tests/test_bitstring.py calls `bitstring.__main__.main()`."""
        if f".{module.rpartition('.')[2]}" not in self.text:
            return None  # no attribute of that name is read
        bound: dict[str, str] = {}  # `import a.b` binds a (-> a), `import a.b as c` c (-> a.b)
        for node in self.statements:
            if isinstance(node, ast.Import):
                for alias in node.names:
                    top = alias.name.split(".")[0]
                    bound[alias.asname or top] = alias.name if alias.asname else top
        if not bound:
            return None
        for node in self._every_node:
            if isinstance(node, ast.Attribute):
                parts = dotted(node)
                if parts is not None and parts[0] in bound:
                    full = ".".join([bound[parts[0]], *parts[1:]])
                    if full == module or full.startswith(module + "."):
                        return node.lineno
        return None

    @cached_property
    def _every_node(self) -> list[ast.AST]:
        return [] if self.tree is None else walk(self.tree)

    @cached_property
    def _dynamic_calls(self) -> frozenset[str]:
        """Those of `locals()`, `globals()`, `vars()`, `eval()`, `exec()` the text can call: a
        call names its function, so one the text never spells is not made, and no tree is
        walked for it (non-ASCII text may spell a name in other letters that normalize to it)."""
        if not self.text.isascii():
            return _DYNAMIC_CALLS
        return frozenset(re.findall(_DYNAMIC_WORDS, self.text))  # whole words: not "evaluated"


# Decorators of functions pytest calls with fixtures, outside test files: fixtures (pytest's,
# pytest-asyncio's, any `*fixture`: pytest-twisted's async_fixture), pytest-bdd's steps.
_FIXTURE_TAKERS = frozenset({"given", "when", "then", "step"})


def _takes_fixtures(function: Function) -> bool:
    """A test (`test...`) or a function decorated as a fixture or a pytest-bdd step."""
    if function.name.startswith("test"):
        return True
    for decorator in function.decorator_list:
        parts = dotted(decorator.func if isinstance(decorator, ast.Call) else decorator)
        if parts is not None and (parts[-1].endswith("fixture") or parts[-1] in _FIXTURE_TAKERS):
            return True
    return False


def _test_like(names: set[str]) -> bool:
    """A name unittest's loader may want from a module: a test class's (`TestParser`,
    `ParserTests`) or `load_tests`; `os` or `Path` it does not."""
    return any("test" in name.lower() for name in names)


def _case_spanning(node: ast.AST, row: int) -> ast.AST | None:
    """The `case` of a `match` statement whose body spans `row` (a case has no line numbers
    of its own)."""
    if not isinstance(node, ast.Match):
        return None
    for case in node.cases:
        body = case.body
        if body and body[0].lineno <= row <= (body[-1].end_lineno or body[-1].lineno):
            return case
    return None


def _in_body(node: ast.Try | ast.stmt, statement: ast.stmt) -> bool:
    body: list[ast.stmt] = getattr(node, "body", [])
    return any(s.lineno <= statement.lineno <= (s.end_lineno or s.lineno) for s in body)


def _only_imports(function: Function) -> bool:
    body = function.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]  # the docstring
    return bool(body) and all(isinstance(s, (ast.Import, ast.ImportFrom)) for s in body)


def _dynamic_call(node: ast.AST, names: frozenset[str]) -> str | None:
    return _dynamic_call_in(walk(node), names)


def _dynamic_call_in(nodes: Iterable[ast.AST], names: frozenset[str]) -> str | None:
    for child in nodes:
        if (
            isinstance(child, ast.Call)
            and isinstance(child.func, ast.Name)
            and child.func.id in names
        ):
            if child.func.id == "vars" and child.args:
                continue  # vars(obj) reads obj, not this scope
            if child.func.id in ("exec", "eval") and _own_namespace(child):
                continue  # exec(code, {}): the code sees the dict it is given, not this scope
            return child.func.id
    return None


def _own_namespace(call: ast.Call) -> bool:
    """`exec`/`eval` given globals of its own: a dict display or `dict(...)` (networkx's
    `exec(s, {}, namespace)`), not `globals()` or a name that may hold it."""
    given = call.args[1] if len(call.args) > 1 else None
    given = given or next((k.value for k in call.keywords if k.arg == "globals"), None)
    return isinstance(given, ast.Dict) or (
        isinstance(given, ast.Call) and isinstance(given.func, ast.Name) and given.func.id == "dict"
    )


def _dynamic_call_at_top(module: ast.Module, called: frozenset[str]) -> str | None:
    """locals()/vars() at module level (outside any function) read the module namespace."""
    names = called & _AT_TOP
    if not names:
        return None
    for statement in module.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        call = _dynamic_call(statement, names)
        if call:
            return call
    return None
