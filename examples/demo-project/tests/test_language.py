from __future__ import annotations

import pytest

from minicalc import evaluate, parse, run, tokenize
from minicalc.lexer import LexError
from minicalc.parser import ParseError

FIB = """
fn fib(n) { if n < 2 { return n; } return fib(n - 1) + fib(n - 2); }
print(fib(N));
"""

PRIMES = """
let count = 0;
let n = 2;
while n < LIMIT {
    let d = 2;
    let prime = 1;
    while d * d <= n and prime {
        if n % d == 0 { prime = 0; }
        d = d + 1;
    }
    count = count + prime;
    n = n + 1;
}
print(count);
"""


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        pytest.param("1 + 2 * 3", 7, id="precedence"),
        pytest.param("(1 + 2) * 3", 9, id="parentheses"),
        pytest.param("10 - 4 - 3", 3, id="left-associative"),
        pytest.param("-2 * 3", -6, id="unary-minus"),
        pytest.param("7 % 4 == 3 and not 0", True, id="logic"),
        pytest.param("1.5 * 4", 6.0, id="float"),
    ],
)
def test_evaluate(expression: str, expected: object) -> None:
    assert evaluate(expression) == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        pytest.param(22, 17711, id="fib-22"),
        pytest.param(24, 46368, id="fib-24"),
    ],
)
def test_recursive_fibonacci(n: int, expected: int) -> None:
    assert run(FIB.replace("N", str(n))) == [expected]


def test_prime_count_by_trial_division() -> None:
    assert run(PRIMES.replace("LIMIT", "15000")) == [1754]


def test_tokenize_large_source() -> None:
    source = FIB * 3000
    tokens = tokenize(source)
    assert len(tokens) == 3000 * 39 + 1
    assert tokens[-1].kind == "eof"


def test_parse_large_source() -> None:
    tree = parse(PRIMES * 600)
    assert tree[0] == "block"
    assert len(tree[1]) == 600 * 4


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("let x = 1 $ 2;", id="bad-character"),
        pytest.param("let = 3;", id="missing-name"),
        pytest.param("print(1;", id="unclosed-call"),
    ],
)
def test_errors_are_reported(source: str) -> None:
    with pytest.raises((LexError, ParseError)):
        run(source)
