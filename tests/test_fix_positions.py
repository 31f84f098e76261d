"""Positions in a text fixed round after round map back to the text before the fix."""

from __future__ import annotations

import pytest

from adopt_fast.imports.diagnostics import Edit
from adopt_fast.imports.source_edits import OriginalPositions, SourcePositions, apply_fixes

# (text, fixes, a (row, column) in the fixed text, its (row, column) before the fix)
MAPPED_BACK = [
    pytest.param(
        "import os\nimport sys\n", [[Edit(1, 1, 2, 1, "")]], (1, 8), (2, 8), id="line-removed"
    ),
    pytest.param(
        "from .a import x, z\n",
        [[Edit(1, 16, 1, 17, "x as x")]],
        (1, 24),
        (1, 19),
        id="alias-added",
    ),
    pytest.param(
        "from .a import x\n", [[Edit(1, 16, 1, 17, "x as x")]], (1, 18), (1, 16), id="inside-edit"
    ),
    pytest.param(
        "x = 1; import os\ny = 2\n", [[Edit(1, 8, 1, 17, "")]], (2, 1), (2, 1), id="row-kept"
    ),
    pytest.param("a\r\nimport os\r\nb\r\n", [[Edit(2, 1, 3, 1, "")]], (2, 1), (3, 1), id="crlf"),
]


@pytest.mark.parametrize(("text", "fixes", "after", "before"), MAPPED_BACK)
def test_positions_map_back_to_the_original_text(
    text: str, fixes: list[list[Edit]], after: tuple[int, int], before: tuple[int, int]
) -> None:
    fixed, done, spans = apply_fixes(text, fixes)
    assert done == set(range(len(fixes)))
    history = OriginalPositions(text)
    history.record(spans)
    assert history.locate(SourcePositions(fixed), *after) == before
