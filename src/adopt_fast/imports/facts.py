"""What one file says about the names of other modules: what it imports from which module,
which dotted names it reaches through a module it imported, what it star-imports, and which
parameter names its functions take (pytest passes fixtures by name).

Doctest examples count as code: those in a Python file's docstrings and those in text files
(README.rst, docs) are read with the standard library's doctest parser.
"""

from __future__ import annotations

# `_ast` is the C module that `ast` wraps: the same node classes, without the 3.5 ms that
# importing `ast` adds to every commit (its unparser, contextlib). `facts.parse` parses.
import _ast as ast
import re
import warnings
from collections.abc import Iterable

Located = tuple[str, int]  # a dotted name and the line that names it
Record = tuple[
    list[tuple[str, str, int]],
    list[Located],
    list[Located],
    list[Located],
    dict[str, int],
    list[Located],
]


class Facts:
    def __init__(
        self,
        imports: list[tuple[str, str, int]] | None = None,  # (module, name, line)
        references: list[Located] | None = None,  # "pkg.compat.shell_quote"
        stars: list[Located] | None = None,  # star-imported modules
        modules: list[Located] | None = None,  # `import a.b` statements
        parameters: dict[str, int] | None = None,  # parameter name -> first line
        # String constants that are dotted paths: mock.patch("pkg.compat.x"), "pkg.cli:run".
        paths: list[Located] | None = None,
    ) -> None:
        self.imports = [] if imports is None else imports
        self.references = [] if references is None else references
        self.stars = [] if stars is None else stars
        self.modules = [] if modules is None else modules
        self.parameters = {} if parameters is None else parameters
        self.paths = [] if paths is None else paths

    def to_record(self) -> Record:
        """The facts as plain tuples, lists and dicts, for `marshal` (the cache)."""
        return (
            self.imports,
            self.references,
            self.stars,
            self.modules,
            self.parameters,
            self.paths,
        )

    @classmethod
    def from_record(cls, record: Record) -> Facts:
        """The facts `to_record` gave (TypeError for anything else)."""
        imports, references, stars, modules, parameters, paths = record
        if not (
            isinstance(imports, list)
            and isinstance(references, list)
            and isinstance(stars, list)
            and isinstance(modules, list)
            and isinstance(parameters, dict)
            and isinstance(paths, list)
        ):
            raise TypeError("not a facts record")
        return cls(imports, references, stars, modules, parameters, paths)


def walk(tree: ast.AST) -> list[ast.AST]:
    """Every node of `tree`, in `ast.walk`'s order (breadth first), in a list: 40% faster than
    `list(ast.walk(tree))`, which makes a generator of each node's children."""
    nodes, ast_node, at = [tree], ast.AST, 0
    while at < len(nodes):
        node = nodes[at]
        at += 1
        for field in node._fields:
            value = getattr(node, field, None)
            if value.__class__ is list:
                nodes += [item for item in value if isinstance(item, ast_node)]
            elif isinstance(value, ast_node):
                nodes.append(value)
    return nodes


def children(node: ast.AST) -> list[ast.AST]:
    """The nodes right under `node`, as `ast.iter_child_nodes` finds them."""
    found: list[ast.AST] = []
    for field in node._fields:
        value = getattr(node, field, None)
        if value.__class__ is list:
            found += [item for item in value if isinstance(item, ast.AST)]
        elif isinstance(value, ast.AST):
            found.append(value)
    return found


_STATEMENT_FIELDS = frozenset({"body", "orelse", "finalbody", "handlers", "cases"})


def statements(tree: ast.AST) -> list[ast.AST]:
    """The statements of `tree` (with the except handlers and match cases that hold some), in
    `walk`'s order: the nodes in between hold no statement, so a tenth of the nodes are
    visited. What finds functions, classes, imports or docstrings needs no more."""
    nodes, fields, at = [tree], _STATEMENT_FIELDS, 0
    while at < len(nodes):
        node = nodes[at]
        at += 1
        for field in node._fields:
            if field in fields:
                nodes += getattr(node, field)
    return nodes


def parse(source: str) -> ast.Module | None:
    """The syntax tree of `source`, or None when this Python cannot parse it."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SyntaxWarning for old escapes is not our business
        try:
            tree = compile(source, "<unknown>", "exec", ast.PyCF_ONLY_AST, dont_inherit=True)
        except (SyntaxError, ValueError):
            return None
    return tree if isinstance(tree, ast.Module) else None


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


def dotted(node: ast.expr) -> list[str] | None:
    """`a.b.c` as ["a", "b", "c"], or None for anything but names and attributes."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return parts[::-1]


# Compiled on first use, by `re`'s cache, like the rarely used patterns of the other modules
# of the fix: a module-level `re.compile` costs every commit its few hundred microseconds.
_DOTTED_PATH = r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*[.:][A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*"
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_DOCUMENTED = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)


def _docstring(node: ast.AST) -> tuple[str, int] | None:
    if not isinstance(node, _DOCUMENTED):  # a lambda's or an `if`'s body is no docstring
        return None
    body = node.body
    if (
        body
        and isinstance(body[0], ast.Expr)
        and isinstance(body[0].value, ast.Constant)
        and isinstance(body[0].value.value, str)
    ):
        return body[0].value.value, body[0].lineno
    return None


class _Collector:
    """One walk over a tree: its imports, the attribute chains and (module, "name") calls to
    resolve through them, its dotted-path strings, parameters and docstrings."""

    def __init__(self, facts: Facts, package: str | None, offset: int) -> None:
        self.facts = facts
        self.package = package
        self.offset = offset
        self.aliases: dict[str, str] = {}  # a bound name -> the module or name it stands for
        # A name bound to a module loaded by its name (`m = importlib.import_module("pkg.mod")`):
        # `m.var` reads `pkg.mod.var`, whatever else `m` is bound to.
        self.loaded: dict[str, set[str]] = {}
        self.chains: list[tuple[list[str], int]] = []
        self.docstrings: list[tuple[str, int]] = []

    def walk(self, tree: ast.AST) -> None:
        inner: set[int] = set()  # `a.b` inside `a.b.c`: the longer chain says it all
        for node in walk(tree):
            kind = type(node)
            if kind is ast.Attribute:
                assert isinstance(node, ast.Attribute)
                if isinstance(node.value, ast.Attribute):
                    inner.add(id(node.value))
                if id(node) not in inner:
                    self._chain(node, [])
            elif kind is ast.Call:
                assert isinstance(node, ast.Call)
                self._call(node)
            elif kind is ast.Constant:
                assert isinstance(node, ast.Constant)
                self._path(node)
            elif kind is ast.Assign or kind is ast.AnnAssign:
                assert isinstance(node, (ast.Assign, ast.AnnAssign))
                self._loaded(node)
            elif kind is ast.Import:
                assert isinstance(node, ast.Import)
                self._import(node)
            elif kind is ast.ImportFrom:
                assert isinstance(node, ast.ImportFrom)
                self._import_from(node)
            if isinstance(node, _FUNCTIONS):
                arguments = node.args
                for a in arguments.posonlyargs + arguments.args + arguments.kwonlyargs:
                    self.facts.parameters.setdefault(a.arg, a.lineno + self.offset)
            if isinstance(node, _DOCUMENTED):
                docstring = _docstring(node)
                if docstring is not None:
                    self.docstrings.append(docstring)
        self._resolve()

    def _chain(self, node: ast.expr, tail: list[str]) -> None:
        parts = dotted(node)
        if parts is not None:
            self.chains.append(([*parts, *tail], getattr(node, "lineno", 0)))

    def _call(self, node: ast.Call) -> None:
        """getattr, setattr, monkeypatch.setattr or mock.patch.object of (module, "name")."""
        if len(node.args) < 2:
            return
        name = node.args[1]
        if isinstance(name, ast.Constant) and isinstance(name.value, str):
            self._chain(node.args[0], [name.value])

    def _loaded(self, node: ast.Assign | ast.AnnAssign) -> None:
        """`m = importlib.import_module("pkg.mod")` (or `import_module(".mod", "pkg")`, or
        `__import__("pkg.mod")`, which gives `pkg`): `m` stands for that module."""
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        call = node.value
        if len(targets) != 1 or not isinstance(targets[0], ast.Name):
            return
        if not isinstance(call, ast.Call) or not call.args:
            return
        function = dotted(call.func)
        name = call.args[0]
        if function is None or not isinstance(name, ast.Constant) or type(name.value) is not str:
            return
        written: str = name.value
        modules: list[str | None]
        if function[-1] == "import_module":
            modules = [written]
            if written.startswith("."):
                package = call.args[1] if len(call.args) > 1 else None
                base = package.value if isinstance(package, ast.Constant) else None
                level = len(written) - len(written.lstrip("."))
                relative = written.lstrip(".") or None
                modules = [resolve_relative(base if type(base) is str else None, level, relative)]
        elif function == ["__import__"]:
            # The top package; with a fromlist (or what may be one), the module itself.
            modules = [written.split(".")[0]]
            if len(call.args) >= 4 or call.keywords:
                modules.append(written)
        else:
            return
        for module in modules:
            if module:
                self.loaded.setdefault(targets[0].id, set()).add(module)

    def _path(self, node: ast.Constant) -> None:
        if isinstance(node.value, str) and len(node.value) < 200:
            value = node.value.strip()
            if re.fullmatch(_DOTTED_PATH, value):
                self.facts.paths.append((value, node.lineno + self.offset))

    def _import(self, node: ast.Import) -> None:
        for alias in node.names:
            self.facts.modules.append((alias.name, node.lineno + self.offset))
            if alias.asname:
                self.aliases[alias.asname] = alias.name
            else:
                top = alias.name.split(".")[0]
                self.aliases.setdefault(top, top)

    def _import_from(self, node: ast.ImportFrom) -> None:
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

    def _resolve(self) -> None:
        seen: set[str] = set()
        for parts, line in self.chains:
            targets = [self.aliases.get(parts[0]), *self.loaded.get(parts[0], ())]
            for target in targets:
                if target is None:
                    continue
                dotted = ".".join([target, *parts[1:]])
                if dotted not in seen:
                    seen.add(dotted)
                    self.facts.references.append((dotted, line + self.offset))


def _collect(
    tree: ast.Module, package: str | None, offset: int, facts: Facts
) -> list[tuple[str, int]]:
    """Add what `tree` says to `facts`; its docstrings."""
    collector = _Collector(facts, package, offset)
    collector.walk(tree)
    return collector.docstrings


def _docstrings(nodes: Iterable[ast.AST]) -> list[tuple[str, int]]:
    """Each docstring of the module, its classes and functions, with its first line."""
    return [
        d for node in nodes if isinstance(node, _DOCUMENTED) and (d := _docstring(node)) is not None
    ]


# A doctest example as the doctest module finds one: `>>> ` and its `... ` continuation lines,
# at one indentation (doctest's own _EXAMPLE_RE, without the expected output). The doctest
# module itself is not imported: it imports unittest, pdb and difflib, 50 ms on every commit.
_EXAMPLE = re.compile(
    r"^(?P<indent>[ ]*)>>>(?: |$)(?P<source>.*(?:\n(?P=indent)\.\.\.(?: .*|$))*)", re.MULTILINE
)


def doctest_examples(text: str, first_line: int = 1) -> list[tuple[str, int]]:
    """The source of each doctest example in `text`, with the line it starts on."""
    if ">>>" not in text:
        return []
    found = []
    for match in _EXAMPLE.finditer(text):
        lines = match.group("source").split("\n")
        width = len(match.group("indent")) + 4
        source = "\n".join([lines[0], *(line[width:] for line in lines[1:])])
        found.append((source, first_line + text.count("\n", 0, match.start())))
    return found


def _examples_tree(examples: list[tuple[str, int]]) -> list[tuple[ast.Module, int]]:
    trees = []
    for source, line in examples:
        tree = parse(source)
        if tree is not None:
            trees.append((tree, line - 1))
    return trees


def doctest_names(tree: ast.Module, nodes: Iterable[ast.AST] | None = None) -> dict[str, int]:
    """Names the module's own doctests read (from its globals), with the line of their use
    (`nodes`: the tree's nodes, when the caller has walked it already)."""
    names: dict[str, int] = {}
    for docstring, line in _docstrings(walk(tree) if nodes is None else nodes):
        for example, offset in _examples_tree(doctest_examples(docstring, line)):
            for node in walk(example):
                if isinstance(node, ast.Name):
                    names.setdefault(node.id, node.lineno + offset)
    return names


def python_facts(source: str, package: str | None) -> Facts:
    facts = Facts()
    tree = parse(source)
    if tree is None:
        return facts
    for docstring, line in _collect(tree, package, 0, facts):
        for example, offset in _examples_tree(doctest_examples(docstring, line)):
            _collect(example, package, offset, facts)
    return facts


def text_facts(text: str) -> Facts:
    """What the doctest examples of a text file (reStructuredText, Markdown) import."""
    facts = Facts()
    for example, offset in _examples_tree(doctest_examples(text)):
        _collect(example, None, offset, facts)
    return facts
