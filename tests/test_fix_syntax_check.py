"""The last check before a fixed file is written: the fix never leaves a file that does not
parse. An edit that only took out whole module-level import statements needs no new parse
(it cannot break a module); any other edit is parsed again."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest
from fixtesting import run_fix

from adopt_fast.imports import plan

OLD = "import os\nfrom sys import (\n    argv,\n    path,\n)\nimport re; x = 1\n\n\ndef f():\n    import json\n    return re\n"


@pytest.mark.parametrize(
    ("new", "whole"),
    [
        pytest.param(OLD.replace("import os\n", ""), True, id="one-line-import"),
        pytest.param(
            OLD.replace("from sys import (\n    argv,\n    path,\n)\n", ""), True, id="multi-line"
        ),
        pytest.param(OLD.replace("    argv,\n", ""), False, id="part-of-a-statement"),
        pytest.param(OLD.replace(")\n", "", 1), False, id="its-closing-line-only"),
        pytest.param(OLD.replace("import re; x = 1\n", ""), False, id="shares-its-line"),
        pytest.param(OLD.replace("    import json\n", ""), False, id="in-a-function"),
        pytest.param(OLD.replace("\n\ndef f", "def f"), False, id="another-line"),
        pytest.param(
            OLD.replace("import os\n", "import os  # changed\n"), False, id="a-line-changed"
        ),
        pytest.param(OLD, True, id="unchanged"),
    ],
)
def test_only_whole_module_level_imports_skip_the_parse(new: str, whole: bool) -> None:
    assert plan._only_whole_imports_removed(OLD, new, ast.parse(OLD)) is whole


def test_a_broken_edit_is_caught_and_the_file_left_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A fault no real input causes: the edit takes out a parenthesis with the import.
    source = "import os\nx = (\n    1\n)\n"
    (tmp_path / "mod.py").write_text(source)
    real = plan.apply_fixes

    def breaking(text: str, fixes: list[Any]) -> tuple[str, Any, Any]:
        new, done, spans = real(text, fixes)
        return new.replace(")\n", "\n"), done, spans

    monkeypatch.setattr(plan, "apply_fixes", breaking)
    result = run_fix(tmp_path, capsys, "mod.py")
    assert result.code == 2, result.err
    assert "the fix would break its syntax, so it was left untouched" in result.err
    assert (tmp_path / "mod.py").read_text() == source
