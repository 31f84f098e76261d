"""Tokenizer: source text to a list of tokens, by hand, one character at a time."""

from __future__ import annotations

from dataclasses import dataclass

KEYWORDS = frozenset({"let", "fn", "if", "else", "while", "return", "and", "or", "not"})
OPERATORS = (
    "==",
    "!=",
    "<=",
    ">=",
    "+",
    "-",
    "*",
    "/",
    "%",
    "<",
    ">",
    "=",
    "(",
    ")",
    "{",
    "}",
    ",",
    ";",
)


@dataclass(frozen=True)
class Token:
    kind: str  # "num", "name", "kw", "op", "eof"
    text: str
    pos: int


class LexError(ValueError):
    pass


def tokenize(source: str) -> list[Token]:
    tokens: list[Token] = []
    i, n = 0, len(source)
    while i < n:
        ch = source[i]
        if ch in " \t\r\n":
            i += 1
        elif ch == "#":
            while i < n and source[i] != "\n":
                i += 1
        elif ch.isdigit():
            start = i
            while i < n and (source[i].isdigit() or source[i] == "."):
                i += 1
            tokens.append(Token("num", source[start:i], start))
        elif ch.isalpha() or ch == "_":
            start = i
            while i < n and (source[i].isalnum() or source[i] == "_"):
                i += 1
            word = source[start:i]
            tokens.append(Token("kw" if word in KEYWORDS else "name", word, start))
        else:
            for op in OPERATORS:
                if source.startswith(op, i):
                    tokens.append(Token("op", op, i))
                    i += len(op)
                    break
            else:
                raise LexError(f"unexpected character {ch!r} at {i}")
    tokens.append(Token("eof", "", n))
    return tokens
