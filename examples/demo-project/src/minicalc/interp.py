"""A tree-walking interpreter for the parsed language."""

from __future__ import annotations

from typing import Any

from minicalc.parser import Node, parse

BINARY = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: a / b,
    "%": lambda a, b: a % b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


class Return(Exception):  # control flow, not an error
    def __init__(self, value: Any) -> None:
        self.value = value


class Interpreter:
    def __init__(self) -> None:
        self.functions: dict[str, Node] = {}
        self.output: list[Any] = []

    def run(self, node: Node, scope: dict[str, Any]) -> None:
        kind = node[0]
        if kind == "block":
            for statement in node[1]:
                self.run(statement, scope)
        elif kind in ("let", "set"):
            scope[node[1]] = self.eval(node[2], scope)
        elif kind == "fn":
            self.functions[node[1]] = node
        elif kind == "if":
            self.run(node[2] if self.eval(node[1], scope) else node[3], scope)
        elif kind == "while":
            while self.eval(node[1], scope):
                self.run(node[2], scope)
        elif kind == "return":
            raise Return(self.eval(node[1], scope))
        else:
            self.eval(node[1], scope)

    def eval(self, node: Node, scope: dict[str, Any]) -> Any:
        kind = node[0]
        if kind == "num":
            return node[1]
        if kind == "var":
            return scope[node[1]]
        if kind == "bin":
            op = node[1]
            if op == "and":
                return self.eval(node[2], scope) and self.eval(node[3], scope)
            if op == "or":
                return self.eval(node[2], scope) or self.eval(node[3], scope)
            return BINARY[op](self.eval(node[2], scope), self.eval(node[3], scope))
        if kind == "unary":
            value = self.eval(node[2], scope)
            return -value if node[1] == "-" else not value
        return self.call(node[1], [self.eval(arg, scope) for arg in node[2]])

    def call(self, name: str, args: list[Any]) -> Any:
        if name == "print":
            self.output.extend(args)
            return None
        _, _, params, body = self.functions[name]
        try:
            self.run(body, dict(zip(params, args, strict=True)))
        except Return as r:
            return r.value
        return None


def run(source: str) -> list[Any]:
    """Run a program; return what it printed."""
    interpreter = Interpreter()
    interpreter.run(parse(source), {})
    return interpreter.output


def evaluate(expression: str) -> Any:
    return run(f"print({expression});")[0]
