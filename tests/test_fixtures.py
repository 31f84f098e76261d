"""The shared fixtures do what conftest.py says they do."""

from __future__ import annotations

import os
from pathlib import Path


def test_home_is_a_temporary_folder(tmp_path: Path) -> None:
    assert Path(os.environ["HOME"]) == tmp_path / "_home"


def test_download_caches_are_the_real_ones() -> None:
    # Resolved after HOME moved, they would be empty for every test, and every install slow.
    assert "_home" not in os.environ["PIP_CACHE_DIR"]
    assert "_home" not in os.environ["UV_CACHE_DIR"]
