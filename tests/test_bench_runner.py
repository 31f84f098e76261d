"""The runner with real subprocesses: interleaving, --max-time, memory, progress on TTY only."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from adopt_fast.bench.configuration import Config, InterpreterInfo
from adopt_fast.bench.runner import Progress, Run, measure

ALLOCATE = "x = bytearray({mib} * 1024 * 1024); print(len(x))"


def config(name: str) -> Config:
    info = InterpreterInfo(name, "", sys.executable)
    return Config(info, sys.executable, dict(os.environ))


def python_c(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def test_rounds_interleave_with_a_rotating_start(tmp_path: Path) -> None:
    log = tmp_path / "order.txt"
    configs = [config("A"), config("B"), config("C")]

    def command(c: Config) -> list[str]:
        return python_c(f"open({str(log)!r}, 'a').write({c.name!r})")

    result = measure(configs, command, cwd=str(tmp_path), runs=3, warmup=1)
    assert log.read_text(encoding="utf-8") == "ABC" + "ABC" + "BCA" + "CAB"
    assert {name: len(runs) for name, runs in result.runs.items()} == {"A": 3, "B": 3, "C": 3}
    assert [len(w) for w in result.warmups.values()] == [1, 1, 1]


@pytest.mark.parametrize(
    "warmup", [pytest.param(1, id="after-warm-up"), pytest.param(0, id="after-first-round")]
)
def test_configurations_the_first_pass_drops_are_not_run_again(tmp_path: Path, warmup: int) -> None:
    log = tmp_path / "order.txt"
    seen: list[dict[str, int]] = []

    def command(c: Config) -> list[str]:
        return python_c(f"open({str(log)!r}, 'a').write({c.name!r})")

    def drop_b(first: dict[str, list[Run]]) -> set[str]:
        seen.append({name: len(runs) for name, runs in first.items()})
        return {"B"}

    progress = Progress(3 * (warmup + 3), enabled=False)
    result = measure(
        [config("A"), config("B"), config("C")],
        command,
        cwd=str(tmp_path),
        runs=3,
        warmup=warmup,
        first_pass=drop_b,
        progress=progress,
    )
    assert seen == [{"A": 1, "B": 1, "C": 1}]
    rounds = "CA" + "AC" if warmup == 0 else "AC" + "CA" + "AC"
    assert log.read_text(encoding="utf-8") == "ABC" + rounds
    assert {name: len(runs) for name, runs in result.runs.items()} == {"A": 3, "B": 0, "C": 3}
    assert progress.total == progress.done


def test_peak_rss_sees_a_child_process(tmp_path: Path) -> None:
    child = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {ALLOCATE.format(mib=200)!r}])"
    result = measure(
        [config("big"), config("small")],
        lambda c: python_c(child if c.name == "big" else "pass"),
        cwd=str(tmp_path),
        runs=2,
        warmup=0,
    )
    big = min(r.peak_rss_mib for r in result.runs["big"])
    small = max(r.peak_rss_mib for r in result.runs["small"])
    assert big > 200 > small


class FakeClock:
    """Time that moves only when a run is started: `step` seconds per run, so the budget
    decides the same number of rounds on any machine."""

    def __init__(self, step: float) -> None:
        self.now = 1000.0
        self.step = step

    def __call__(self) -> float:
        return self.now

    def command(self, _config: Config) -> list[str]:
        self.now += self.step
        return python_c("pass")


def test_max_time_adds_rounds_until_time_is_up(tmp_path: Path) -> None:
    checks: list[int] = []

    def never_precise(runs: dict[str, list[Run]]) -> bool:
        checks.append(len(runs["A"]))
        return False

    clock = FakeClock(step=0.25)  # two configurations: 0.5 s per round
    result = measure(
        [config("A"), config("B")],
        clock.command,
        cwd=str(tmp_path),
        runs=2,
        warmup=0,
        max_time=1.5,
        precise=never_precise,
        clock=clock,
    )
    # After 2 rounds 1.0 s and after 3 rounds 1.5 s are spent: both leave room for one more
    # (a fake run takes 0 s by this clock); after 4 rounds 2.0 s exceed the budget.
    assert len(result.runs["A"]) == len(result.runs["B"]) == 4
    assert checks == [2, 3, 4]
    assert result.elapsed_s == 2.0


def test_max_time_stops_as_soon_as_precise(tmp_path: Path) -> None:
    result = measure(
        [config("A"), config("B")],
        lambda c: python_c("pass"),
        cwd=str(tmp_path),
        runs=2,
        warmup=0,
        max_time=60,
        precise=lambda _: True,
    )
    assert len(result.runs["A"]) == 2


@pytest.mark.parametrize("tty", [pytest.param(True, id="tty"), pytest.param(False, id="pipe")])
def test_progress_shows_count_and_eta_on_a_tty_only(
    capsys: pytest.CaptureFixture[str], tty: bool
) -> None:
    progress = Progress(4, enabled=tty)
    progress.step("A")
    progress.advance()
    progress.step("B")
    progress.finish()
    err = capsys.readouterr().err
    if tty:
        assert "run 1/4" in err and "run 2/4, ETA 0:" in err
    else:
        assert err == ""
