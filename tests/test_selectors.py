"""Which Ruff selector covers which: linter prefixes, not string prefixes."""

from __future__ import annotations

import json

import pytest

from adopt_fast.selectors import DATA, linters, linters_from_ruff


@pytest.mark.parametrize(
    ("existing", "wanted", "covered"),
    [
        pytest.param("ALL", "B006", True, id="ALL"),
        pytest.param("B", "B", True, id="same"),
        pytest.param("B", "B006", True, id="family-covers-code"),
        pytest.param("E", "E4", True, id="E-covers-E4"),
        pytest.param("E4", "E401", True, id="E4-covers-E401"),
        pytest.param("E", "EXE", False, id="E-not-EXE"),
        pytest.param("E", "EXE001", False, id="E-not-EXE001"),
        pytest.param("B", "BLE", False, id="B-not-BLE"),
        pytest.param("PT", "PTH", False, id="PT-not-PTH"),
        pytest.param("PL", "PLE", True, id="PL-covers-PLE"),
        pytest.param("PLE", "PLR", False, id="PLE-not-PLR"),
        pytest.param("C90", "C901", True, id="C90-covers-C901"),
        pytest.param("E401", "E4", False, id="code-not-family"),
        pytest.param("b006", "B006", True, id="case-insensitive"),
    ],
)
def test_covers(existing: str, wanted: str, covered: bool) -> None:
    assert linters().covers(existing, wanted) is covered


def test_bundled_linter_data_matches_the_pinned_ruff() -> None:
    with open(DATA, encoding="utf-8") as f:
        assert json.load(f) == linters_from_ruff()
