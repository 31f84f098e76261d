"""A Pratt parser: tokens to a tuple-based syntax tree."""

from __future__ import annotations

from typing import Any

from minicalc.lexer import Token, tokenize

Node = tuple[Any, ...]

BINDING = {
    "or": 1,
    "and": 2,
    "==": 3,
    "!=": 3,
    "<": 4,
    "<=": 4,
    ">": 4,
    ">=": 4,
    "+": 5,
    "-": 5,
    "*": 6,
    "/": 6,
    "%": 6,
}


class ParseError(ValueError):
    pass


class Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.i = 0

    def peek(self) -> Token:
        return self.tokens[self.i]

    def take(self, text: str | None = None) -> Token:
        token = self.tokens[self.i]
        if text is not None and token.text != text:
            raise ParseError(f"expected {text!r} at {token.pos}, found {token.text!r}")
        self.i += 1
        return token

    def program(self) -> Node:
        body = []
        while self.peek().kind != "eof":
            body.append(self.statement())
        return ("block", body)

    def block(self) -> Node:
        self.take("{")
        body = []
        while self.peek().text != "}":
            body.append(self.statement())
        self.take("}")
        return ("block", body)

    def statement(self) -> Node:
        token = self.peek()
        if token.text == "let":
            self.take()
            name = self.take().text
            self.take("=")
            node: Node = ("let", name, self.expression(0))
        elif token.text == "fn":
            self.take()
            name = self.take().text
            self.take("(")
            params = []
            while self.peek().text != ")":
                params.append(self.take().text)
                if self.peek().text == ",":
                    self.take()
            self.take(")")
            return ("fn", name, params, self.block())
        elif token.text == "if":
            self.take()
            cond, then = self.expression(0), self.block()
            other: Node = ("block", [])
            if self.peek().text == "else":
                self.take()
                other = self.block()
            return ("if", cond, then, other)
        elif token.text == "while":
            self.take()
            return ("while", self.expression(0), self.block())
        elif token.text == "return":
            self.take()
            node = ("return", self.expression(0))
        elif token.kind == "name" and self.tokens[self.i + 1].text == "=":
            name = self.take().text
            self.take("=")
            node = ("set", name, self.expression(0))
        else:
            node = ("expr", self.expression(0))
        self.take(";")
        return node

    def expression(self, min_binding: int) -> Node:
        left = self.prefix()
        while True:
            op = self.peek().text
            power = BINDING.get(op)
            if power is None or power <= min_binding:
                return left
            self.take()
            left = ("bin", op, left, self.expression(power))

    def prefix(self) -> Node:
        token = self.take()
        if token.kind == "num":
            return ("num", float(token.text) if "." in token.text else int(token.text))
        if token.text in ("-", "not"):
            return ("unary", token.text, self.expression(6))
        if token.text == "(":
            inner = self.expression(0)
            self.take(")")
            return inner
        if token.kind == "name":
            if self.peek().text == "(":
                self.take()
                args = []
                while self.peek().text != ")":
                    args.append(self.expression(0))
                    if self.peek().text == ",":
                        self.take()
                self.take(")")
                return ("call", token.text, args)
            return ("var", token.text)
        raise ParseError(f"unexpected {token.text!r} at {token.pos}")


def parse(source: str) -> Node:
    return Parser(tokenize(source)).program()
