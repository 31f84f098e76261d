"""What one file says about the names of other modules: what it imports from which module,
which dotted names it reaches through a module it imported, what it star-imports, and which
parameter names its functions take (pytest passes fixtures by name).

Doctest examples count as code: those in a Python file's docstrings and those in text files
(README.rst, docs) are read with the standard library's doctest parser.
"""

from __future__ import annotations

import ast
import doctest
import re
import warnings
from dataclasses import dataclass, field
from typing import Any

Located = tuple[str, int]  # a dotted name and the line that names it


@dataclass
class Facts:
    imports: list[tuple[str, str, int]] = field(default_factory=list)  # (module, name, line)
    references: list[Located] = field(default_factory=list)  # "pkg.compat.shell_quote"
    stars: list[Located] = field(default_factory=list)  # star-imported modules
    modules: list[Located] = field(default_factory=list)  # `import a.b` statements
    parameters: dict[str, int] = field(default_factory=dict)  # parameter name -> first line
    # String constants that are dotted paths: mock.patch("pkg.compat.shell_quote"), "pkg.cli:run".
    paths: list[Located] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "imports": self.imports,
            "references": self.references,
            "stars": self.stars,
            "modules": self.modules,
            "parameters": self.parameters,
            "paths": self.paths,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Facts:
        facts = cls()
        facts.imports = [(str(m), str(n), int(line)) for m, n, line in data["imports"]]
        facts.references = [(str(r), int(line)) for r, line in data["references"]]
        facts.stars = [(str(m), int(line)) for m, line in data["stars"]]
        facts.modules = [(str(m), int(line)) for m, line in data["modules"]]
        facts.parameters = {str(k): int(v) for k, v in data["parameters"].items()}
        facts.paths = [(str(p), int(line)) for p, line in data["paths"]]
        return facts


def parse(source: str) -> ast.Module | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SyntaxWarning for old escapes is not our business
        try:
            return ast.parse(source)
        except (SyntaxError, ValueError):
            return None


def resolve_relative(package: str | None, level: int, module: str | None) -> str | None:
    """The absolute module of `from {'.' * level}{module} import ...` in `package`."""
    if level == 0:
        return module
    if package is None:
        return None
    parts = package.split(".") if package else []
    if level - 1 > len(parts):
        return None
    base = parts[: len(parts) - (level - 1)]
    if module:
        base.append(module)
    return ".".join(base) or None


def _dotted(node: ast.expr) -> list[str] | None:
    """`a.b.c` as ["a", "b", "c"], or None for anything but names and attributes."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return parts[::-1]


class _Collector(ast.NodeVisitor):
    def __init__(self, facts: Facts, package: str | None, line_offset: int) -> None:
        self.facts = facts
        self.package = package
        self.offset = line_offset
        self.aliases: dict[str, str] = {}  # a bound name -> the module or name it stands for

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self.facts.modules.append((alias.name, node.lineno + self.offset))
            if alias.asname:
                self.aliases[alias.asname] = alias.name
            else:
                top = alias.name.split(".")[0]
                self.aliases.setdefault(top, top)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = resolve_relative(self.package, node.level, node.module)
        if module is None:
            return
        for alias in node.names:
            line = getattr(alias, "lineno", node.lineno) + self.offset  # where Ruff reports it
            if alias.name == "*":
                self.facts.stars.append((module, line))
                continue
            self.facts.imports.append((module, alias.name, line))
            self.aliases[alias.asname or alias.name] = f"{module}.{alias.name}"

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        arguments = node.args
        for a in arguments.posonlyargs + arguments.args + arguments.kwonlyargs:
            self.facts.parameters.setdefault(a.arg, a.lineno + self.offset)
        self.generic_visit(node)

    visit_FunctionDef = _function
    visit_AsyncFunctionDef = _function


_DOTTED_PATH = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*[.:][A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*")


def _paths(tree: ast.AST, offset: int, facts: Facts) -> None:
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            value = node.value.strip()
            if len(value) < 200 and _DOTTED_PATH.fullmatch(value):
                facts.paths.append((value, node.lineno + offset))


def _references(tree: ast.AST, aliases: dict[str, str], offset: int, facts: Facts) -> None:
    """Dotted names reached through an imported module: `compat.shell_quote`, and the
    (module, "name") pairs of getattr, setattr, monkeypatch.setattr or mock.patch.object."""
    seen: set[str] = set()

    def add(parts: list[str], line: int) -> None:
        target = aliases.get(parts[0])
        if target is None:
            return
        dotted = ".".join([target, *parts[1:]])
        if dotted not in seen:
            seen.add(dotted)
            facts.references.append((dotted, line + offset))

    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            parts = _dotted(node)
            if parts is not None:
                add(parts, node.lineno)
        elif isinstance(node, ast.Call) and len(node.args) >= 2:
            owner, name = node.args[0], node.args[1]
            parts = _dotted(owner)
            if parts is not None and isinstance(name, ast.Constant) and isinstance(name.value, str):
                add([*parts, name.value], node.lineno)


def _collect(tree: ast.Module, package: str | None, offset: int, facts: Facts) -> None:
    collector = _Collector(facts, package, offset)
    collector.visit(tree)
    _references(tree, collector.aliases, offset, facts)
    _paths(tree, offset, facts)


def _docstrings(tree: ast.Module) -> list[tuple[str, int]]:
    """Each docstring of the module, its classes and functions, with its first line."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if (
                body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)
            ):
                found.append((body[0].value.value, body[0].lineno))
    return found


def doctest_examples(text: str, first_line: int = 1) -> list[tuple[str, int]]:
    """The source of each doctest example in `text`, with the line it starts on."""
    if ">>>" not in text:
        return []
    try:
        examples = doctest.DocTestParser().get_examples(text)
    except ValueError:  # an example the doctest module itself would refuse
        return []
    return [(e.source, first_line + e.lineno) for e in examples]


def _examples_tree(examples: list[tuple[str, int]]) -> list[tuple[ast.Module, int]]:
    trees = []
    for source, line in examples:
        tree = parse(source)
        if tree is not None:
            trees.append((tree, line - 1))
    return trees


def doctest_names(tree: ast.Module) -> dict[str, int]:
    """Names the module's own doctests read (from its globals), with the line of their use."""
    names: dict[str, int] = {}
    for docstring, line in _docstrings(tree):
        for example, offset in _examples_tree(doctest_examples(docstring, line)):
            for node in ast.walk(example):
                if isinstance(node, ast.Name):
                    names.setdefault(node.id, node.lineno + offset)
    return names


def python_facts(source: str, package: str | None) -> Facts:
    facts = Facts()
    tree = parse(source)
    if tree is None:
        return facts
    _collect(tree, package, 0, facts)
    for docstring, line in _docstrings(tree):
        for example, offset in _examples_tree(doctest_examples(docstring, line)):
            _collect(example, package, offset, facts)
    return facts


def text_facts(text: str) -> Facts:
    """What the doctest examples of a text file (reStructuredText, Markdown) import."""
    facts = Facts()
    for example, offset in _examples_tree(doctest_examples(text)):
        _collect(example, None, offset, facts)
    return facts
