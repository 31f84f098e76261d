"""minicalc: a tiny expression language and numeric kernels."""

from minicalc.interp import evaluate, run
from minicalc.lexer import Token, tokenize
from minicalc.parser import parse

__all__ = ["Token", "evaluate", "parse", "run", "tokenize"]
