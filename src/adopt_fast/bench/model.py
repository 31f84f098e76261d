"""The bench report as data: what report.py renders and verdict.py judges, below both."""

from __future__ import annotations

from dataclasses import dataclass, field

from adopt_fast.bench.compare import Comparison
from adopt_fast.bench.configuration import Config
from adopt_fast.bench.metadata import Metadata
from adopt_fast.bench.runner import Measurement, Run


@dataclass(frozen=True)
class BenchReport:
    command: list[str]
    configs: list[Config]
    measurement: Measurement
    comparisons: list[Comparison]  # each candidate against the baseline
    cross: list[Comparison]  # each accelerated configuration against each other interpreter
    warnings: list[str]
    runs: int
    warmup: int
    # Configurations that could not run the suite (bench.health): why, instead of a speed.
    not_run: dict[str, str] = field(default_factory=dict)
    metadata: Metadata | None = None
    max_time: float | None = None  # --max-time, for the line saying how many rounds it took

    @property
    def baseline(self) -> str:
        return self.configs[0].name

    def config(self, name: str) -> Config:
        return next(c for c in self.configs if c.name == name)

    def runs_of(self, config: Config) -> list[Run]:
        return self.measurement.runs.get(config.name, [])

    @property
    def outcomes_differ(self) -> bool:
        return any(c.outcomes_differ for c in self.comparisons)
