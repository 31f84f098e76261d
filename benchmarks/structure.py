"""The structure in figures: function-level imports, import cycles, module and function sizes.

Reads the source with `ast` (nothing is imported or run). An import inside a function body is a
function-level import; `if TYPE_CHECKING:` blocks at module level are not. Cycles are the strongly
connected components of the module graph, counting function-level imports as edges (import-linter
sees those too), between modules of `adopt_fast` and `pre_commit_hooks`.

    .venv/bin/python benchmarks/structure.py [--list]
"""

from __future__ import annotations

import argparse
import ast
import statistics
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TREES = (ROOT / "src" / "adopt_fast", ROOT / "pre_commit_hooks")


def module_name(path: Path) -> str:
    """`adopt_fast.bench.report` for src/adopt_fast/bench/report.py."""
    base = ROOT / "src" if path.is_relative_to(ROOT / "src") else ROOT
    parts = list(path.relative_to(base).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def source_files() -> list[Path]:
    return sorted(p for tree in TREES for p in tree.rglob("*.py"))


def functions(tree: ast.AST) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


def function_level_imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    found: dict[int, ast.Import | ast.ImportFrom] = {}
    for function in functions(tree):
        for node in ast.walk(function):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                found[id(node)] = node
    return sorted(found.values(), key=lambda node: node.lineno)


def imported_modules(node: ast.Import | ast.ImportFrom, module: str, is_package: bool) -> set[str]:
    """The first-party modules one import statement reaches (a `from x import y` may name a module y)."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names}
    base = node.module or ""
    if node.level:
        package = module.split(".") if is_package else module.split(".")[:-1]
        package = package[: len(package) - node.level + 1]
        base = ".".join([*package, base] if base else package)
    return {base} | {f"{base}.{alias.name}" for alias in node.names}


def import_graph(files: list[Path]) -> dict[str, set[str]]:
    names = {module_name(p): p for p in files}
    graph: dict[str, set[str]] = {}
    for name, path in names.items():
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                targets |= imported_modules(node, name, path.name == "__init__.py")
        graph[name] = {t for t in targets if t in names and t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph[child]))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return found


def sizes(values: list[int]) -> str:
    return f"median {statistics.median(values):g}, max {max(values)} lines (n={len(values)})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="name every function-level import")
    args = parser.parse_args()
    files = source_files()
    module_lines: list[int] = []
    function_lines: list[int] = []
    lazy: dict[Path, list[ast.Import | ast.ImportFrom]] = {}
    for path in files:
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
        module_lines.append(len(text.splitlines()))
        function_lines += [f.end_lineno - f.lineno + 1 for f in functions(tree) if f.end_lineno]
        if found := function_level_imports(tree):
            lazy[path] = found
    count = sum(len(found) for found in lazy.values())
    print(f"function-level imports: {count} in {len(lazy)} files")
    for path, found in lazy.items():
        print(f"  {path.relative_to(ROOT)}: {len(found)}")
        if args.list:
            for node in found:
                print(f"    {node.lineno}: {ast.unparse(node)}")
    found_cycles = cycles(import_graph(files))
    print(f"import cycles: {len(found_cycles)}")
    for component in found_cycles:
        print("  " + " <-> ".join(component))
    print(f"modules: {sizes(module_lines)}")
    commands = [
        len(p.read_text(encoding="utf-8").splitlines())
        for p in files
        if p.parent.name == "commands" and p.name != "__init__.py"
    ]
    print(f"command modules: {sizes(commands)}")
    print(f"functions: {sizes(function_lines)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
