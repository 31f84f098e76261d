"""What Ruff cannot see: imports whose removal changes behaviour through the scope they live in.

- A function whose body is nothing but imports exists to run them: `def test_import(): import
  pkg.mod` is a test that the module imports (python-dateutil's tests/test_imports.py has
  dozens); Ruff's fix would turn it into `pass`.
- A scope that reads its names dynamically (`locals()`, `globals()`, `vars()`, `eval`, `exec`)
  may use an import Ruff reports as unused: dateutil's test_import_tz_all checks
  `locals()[name]` for each name it imported.
- A module-level import named like a parameter of one of the module's functions is how pytest
  fixtures are shared (`from .fixtures import db` and `def test_x(db):`): pytest passes it by
  name, which Ruff cannot see.
"""

from __future__ import annotations

import ast
import warnings

Function = ast.FunctionDef | ast.AsyncFunctionDef

_DYNAMIC_CALLS = frozenset({"locals", "globals", "vars", "eval", "exec"})
_MODULE_WIDE = frozenset({"globals", "eval", "exec"})  # see the module namespace from anywhere

REASON_ONLY_IMPORTS = "its function does nothing but import: importing is what it is for"
REASON_DYNAMIC = "its scope looks names up dynamically ({call}()): the name may be used"
REASON_FIXTURE = "`{function}` takes a parameter of that name: a pytest fixture, used by name"


class Scopes:
    """The syntax tree of one text, asked about the scope around a line."""

    def __init__(self, text: str) -> None:
        self.tree: ast.Module | None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SyntaxWarning for old escapes is not our business
            try:
                self.tree = ast.parse(text)
            except (SyntaxError, ValueError):  # newer syntax than this Python: Ruff decides
                self.tree = None
        self.functions = (
            []
            if self.tree is None
            else [
                n
                for n in ast.walk(self.tree)
                if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
            ]
        )

    def enclosing_function(self, row: int) -> Function | None:
        around = [
            f for f in self.functions if f.body[0].lineno <= row <= (f.end_lineno or f.lineno)
        ]
        return max(around, key=lambda f: f.lineno, default=None)

    def parameter_user(self, names: set[str]) -> str | None:
        """A function of this module taking a parameter named one of `names`, or None."""
        for function in self.functions:
            arguments = function.args
            every = arguments.posonlyargs + arguments.args + arguments.kwonlyargs
            if any(a.arg in names for a in every):
                return function.name
        return None

    def reason_to_keep(self, row: int, bound_names: set[str]) -> str | None:
        """Why the import on `row`, binding one of `bound_names`, must stay (or None)."""
        if self.tree is None:
            return None
        function = self.enclosing_function(row)
        if function is None:
            user = self.parameter_user(bound_names)
            if user is not None:
                return REASON_FIXTURE.format(function=user)
        if function is not None and _only_imports(function):
            return REASON_ONLY_IMPORTS
        if function is not None:
            call = _dynamic_call(function, _DYNAMIC_CALLS)
        else:
            call = _dynamic_call(self.tree, _MODULE_WIDE) or _dynamic_call_at_top(self.tree)
        return REASON_DYNAMIC.format(call=call) if call else None


def _only_imports(function: Function) -> bool:
    body = function.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]  # the docstring
    return bool(body) and all(isinstance(s, (ast.Import, ast.ImportFrom)) for s in body)


def _dynamic_call(node: ast.AST, names: frozenset[str]) -> str | None:
    for child in ast.walk(node):
        if (
            isinstance(child, ast.Call)
            and isinstance(child.func, ast.Name)
            and child.func.id in names
        ):
            if child.func.id == "vars" and child.args:
                continue  # vars(obj) reads obj, not this scope
            return child.func.id
    return None


def _dynamic_call_at_top(module: ast.Module) -> str | None:
    """locals()/vars() at module level (outside any function) read the module namespace."""
    for statement in module.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        call = _dynamic_call(statement, frozenset({"locals", "vars"}))
        if call:
            return call
    return None
