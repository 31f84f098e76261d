"""The timing machinery with real commands, and `migrate --measure` with the real old tools."""

from __future__ import annotations

import os
import statistics
from pathlib import Path

import pytest

from adopt_fast.cli import main
from adopt_fast.edits.change import Change
from adopt_fast.errors import InputError
from adopt_fast.migrate import measure, oldchain
from adopt_fast.ruff import find_ruff_bin
from testing import require

CODE = "import os\n\n\ndef f(a, b):\n    x = [a,b]\n    return x\n"


def tiny(root: Path) -> Path:
    (root / "pkg").mkdir(parents=True)
    (root / "pkg" / "__init__.py").write_text(CODE)
    (root / "ruff.toml").write_text("[lint]\nselect = ['E', 'F']\n")
    return root


def ruff_only_chain(copy: str, name: str) -> measure.Chain:
    """A stand-in "old chain" made of Ruff itself: the machinery, not the tools, is tested."""
    step = measure.Step("ruff check", (find_ruff_bin(), "check", "--no-fix", "."))
    return measure.Chain(
        name,
        (step,),
        caches=(".ruff_cache",),
        env={"RUFF_CACHE_DIR": os.path.join(copy, ".ruff_cache")},
    )


def test_gain_has_one_paired_sample_per_round_cold_and_warm(tmp_path: Path) -> None:
    copy = str(tiny(tmp_path / "p"))
    progress: list[str] = []
    gains = measure.measure_gain(
        ruff_only_chain(copy, "old"),
        oldchain.ruff_chain(copy),
        copy,
        rounds=3,
        progress=progress.append,
    )
    assert [g.mode for g in gains] == ["cold", "warm"]
    for gain in gains:
        assert len(gain.old_s) == len(gain.new_s) == gain.speedup.rounds == 3
        assert all(s > 0 for s in gain.old_s + gain.new_s)
        # The speedup is the paired per-round ratio old/new: its median, and its range as
        # the interval of 3 rounds.
        ratios = [o / n for o, n in zip(gain.old_s, gain.new_s, strict=True)]
        assert gain.speedup.median == pytest.approx(statistics.median(ratios))
        assert gain.speedup.ci == pytest.approx((min(ratios), max(ratios)))
        # 3 rounds: the range of the ratios covers the median 75% of the time, too few to tell.
        line = measure.format_gain(gain)
        assert "75% CI" in line
        assert "95% CI" not in line
        assert "too few rounds to tell" in line
        assert "faster" not in line
    assert progress == ["round 1/3", "round 2/3", "round 3/3"]


def test_cold_runs_clear_the_chain_cache(tmp_path: Path) -> None:
    copy = str(tiny(tmp_path / "p"))
    chain = oldchain.ruff_chain(copy)
    measure.run_chain(chain, copy)
    cache = Path(copy, ".ruff_cache")
    assert cache.is_dir()
    measure.clear_caches(chain, copy)
    assert not cache.exists()


def test_a_crashing_step_is_reported_not_timed(tmp_path: Path) -> None:
    copy = str(tiny(tmp_path / "p"))
    broken = measure.Chain(
        "old", (measure.Step("ruff", (find_ruff_bin(), "check", "--no-such-flag")),)
    )
    with pytest.raises(InputError, match="ruff exited with 2 while timing"):
        measure.run_chain(broken, copy)


def test_copy_gets_the_planned_changes_and_the_project_stays_untouched(tmp_path: Path) -> None:
    root = tiny(tmp_path / "p")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref")
    planned = Change(
        str(root / "ruff.toml"), (root / "ruff.toml").read_bytes(), b"line-length = 70\n"
    )
    copy = Path(measure.copy_project(str(root), str(tmp_path / "copy"), [planned]))
    assert (copy / "ruff.toml").read_text() == "line-length = 70\n"
    assert (root / "ruff.toml").read_text().startswith("[lint]")
    assert not (copy / ".git").exists()
    assert oldchain.python_files(str(copy)) == [os.path.join("pkg", "__init__.py")]


PRE_COMMIT = """\
repos:
  - repo: https://github.com/PyCQA/flake8
    rev: 7.0.0
    hooks:
      - id: flake8
  - repo: https://github.com/psf/black
    rev: 24.2.0
    hooks:
      - id: black
"""


@pytest.mark.network
def test_measure_installs_the_old_tools_and_reports_gain_and_lost_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tiny(tmp_path / "p")
    (root / "ruff.toml").unlink()
    (root / ".pre-commit-config.yaml").write_text(PRE_COMMIT)
    (root / "setup.cfg").write_text("[flake8]\nmax-line-length = 88\nextend-ignore = E203\n")
    assert main(["migrate", str(root), "--measure", "--rounds", "2"]) == 1
    out = capsys.readouterr().out
    require("could not install" not in out, f"old tools not installable here: {out[-300:]}")
    assert "Measured gain (2 interleaved rounds" in out, out
    assert "old chain: flake8, black; new: ruff check, ruff format)" in out
    assert "  cold caches: old chain " in out and "  warm caches: old chain " in out
    # flake8 reports E231 (missing whitespace after ','); Ruff checks it only in preview.
    assert "  E231: old chain 1, no Ruff rule: Ruff checks E231 only in preview mode" in out
    assert "black (files): old chain 1, Ruff format 0" not in out  # both flag pkg/__init__.py


@pytest.mark.network
def test_measure_reports_codes_ruff_newly_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The project's own ruff.toml selects E, which flake8 (`select = F`) never ran: Ruff's
    # E501 findings are new, and the report must not say nothing changed.
    root = tiny(tmp_path / "p")
    long_line = (
        "    return x  # a comment that makes this line longer than seventy-nine characters\n"
    )
    (root / "pkg" / "__init__.py").write_text(CODE.replace("    return x\n", long_line))
    (root / ".pre-commit-config.yaml").write_text(
        PRE_COMMIT.split("  - repo: https://github.com/psf")[0]
    )
    (root / "setup.cfg").write_text("[flake8]\nselect = F\n")
    assert main(["migrate", str(root), "--measure", "--rounds", "2"]) == 1
    out = capsys.readouterr().out
    require("could not install" not in out, f"old tools not installable here: {out[-300:]}")
    assert (
        "Findings the new configuration reports more often than the old chain, by code:\n"
        "  E501: old chain 0, Ruff 1\n"
    ) in out, out
    assert "reported here; it also reports the findings above." in out
    assert "and no more." not in out
