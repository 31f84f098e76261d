"""`Value`, the dataclass stand-in of the hooks' path: equality, hashing, order and repr by
field values, as the frozen dataclasses it replaced gave them."""

from __future__ import annotations

from adopt_fast.imports.diagnostics import Diagnostic, Edit, Fix
from adopt_fast.imports.policy import KEEP, REMOVE, Decision


def test_equality_hash_and_order_follow_the_fields() -> None:
    a, b = Edit(1, 1, 1, 5, ""), Edit(1, 1, 1, 5, "")
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert a != Edit(1, 1, 1, 5, "x") and a != (1, 1, 1, 5, "")
    assert sorted([Edit(2, 1, 2, 3, ""), Edit(1, 9, 1, 9, ""), Edit(1, 2, 1, 3, "")]) == [
        Edit(1, 2, 1, 3, ""),
        Edit(1, 9, 1, 9, ""),
        Edit(2, 1, 2, 3, ""),
    ]
    assert repr(Fix("safe", (a,))) == (
        "Fix(applicability='safe', edits=(Edit(column=1, content='', end_column=5, end_row=1, "
        "row=1),))"
    )


def test_decisions_change_only_what_they_say() -> None:
    diagnostic = Diagnostic("a.py", "F401", 3, 8, "`os` imported but unused", None, 3, 10)
    edit = Edit(3, 1, 4, 1, "")
    decision = Decision(diagnostic, REMOVE, "", (edit,))
    assert decision.kept("used") == Decision(diagnostic, KEEP, "used", (), False)
    assert decision.kept("used", firm=True).firm
    assert decision.kept("verify", edits=True).edits == (edit,)
    assert decision.with_edits(()) == Decision(diagnostic, REMOVE, "", ())
    moved = diagnostic.at(5, 1, 5, 3)
    assert (moved.row, moved.column, moved.end_row, moved.end_column) == (5, 1, 5, 3)
    assert moved.message == diagnostic.message and moved.path == "a.py"
    assert decision.about(moved).diagnostic is moved
    assert diagnostic.in_file("b.py") == Diagnostic(
        "b.py", "F401", 3, 8, "`os` imported but unused", None, 3, 10
    )
