"""`adopt-fast fix` never deletes a comment: those on a removed import's lines stay as lines of
their own; tool directives (`# noqa`, `# type: ignore`, ...) go with the line they were for."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtesting import run_fix

from testing import write_files

# (source, fixed), each a whole file: `h` and `x` are used, everything else is unused.
COMMENTS = [
    pytest.param(
        "import json  # serialisation\nx = 1\n",
        "# serialisation\nx = 1\n",
        id="trailing-comment",
    ),
    pytest.param(
        "# serialisation, for the cache\nimport json\nx = 1\n",
        "# serialisation, for the cache\nx = 1\n",
        id="comment-above-stays-where-it-is",
    ),
    pytest.param(
        "if x:\n    import re  # patterns\n    import abc  # bases\n    y = 3\n",
        "if x:\n    # patterns\n    # bases\n    y = 3\n",
        id="indented",
    ),
    pytest.param(
        "from string import (  # the string API\n    a,\n    b,  # why b\n)\nx = 1\n",
        "# the string API\n# why b\nx = 1\n",
        id="parenthesized-all-removed",
    ),
    pytest.param(
        "from string import (\n    g,  # why g\n    h,\n)\nprint(h)\n",
        "# why g\nfrom string import (\n    h,\n)\nprint(h)\n",
        id="parenthesized-one-removed",
    ),
    pytest.param(
        "def f():\n    from string import (\n        g,  # why g\n        h,\n    )\n    return h\n",
        "def f():\n    # why g\n    from string import (\n        h,\n    )\n    return h\n",
        id="parenthesized-one-removed-indented",
    ),
    pytest.param(
        "import os, h  # both\nprint(h)\n",
        "import h  # both\nprint(h)\n",
        id="other-name-stays-with-its-comment",
    ),
    pytest.param(
        "x = 1; import os  # after code\n",
        "x = 1;   # after code\n",  # Ruff's own edit, which leaves the `;`
        id="after-code-on-its-line",
    ),
    pytest.param(
        "import os\r\nimport json  # c\r\nx = 1\r\n",
        "# c\r\nx = 1\r\n",
        id="crlf",
    ),
    pytest.param("x = 1\nimport json  # last", "x = 1\n# last", id="no-final-newline"),
    pytest.param(
        "import json  # type: ignore[import]\nimport os  # noqa: E402\nx = 1\n",
        "x = 1\n",
        id="directives-go-with-their-line",
    ),
    pytest.param(
        "import json  # type: ignore  # for the cache\nx = 1\n",
        "# for the cache\nx = 1\n",
        id="directive-goes-the-comment-stays",
    ),
]


@pytest.mark.parametrize(("source", "fixed"), COMMENTS)
def test_comments_on_removed_imports_are_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], source: str, fixed: str
) -> None:
    write_files(tmp_path, {"mod.py": source})
    result = run_fix(tmp_path, capsys)
    assert result.code == 1, result.err
    assert (tmp_path / "mod.py").read_bytes() == fixed.encode()
    again = run_fix(tmp_path, capsys)
    assert (again.code, (tmp_path / "mod.py").read_bytes()) == (0, fixed.encode())


def test_an_import_after_code_whose_comment_cannot_be_kept_is_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Ruff's edit takes `; from string import (  # c ... )` out: the comment cannot become a line of
    # its own there, so the import stays (and says why).
    source = "x = 1; from string import (  # c\n    a,\n)\n"
    write_files(tmp_path, {"mod.py": source})
    result = run_fix(tmp_path, capsys, "--show-kept")
    assert result.code == 0, result.err
    assert (tmp_path / "mod.py").read_text() == source
    assert "mod.py:2:5: kept `string.a` (its removal would delete a comment" in result.err
