"""The measured runs in pyperf's JSON format (version 1.0), for `pyperf compare_to` and `show`.

One benchmark per measured configuration, named after it, with one pyperf run per bench run
(each a fresh process, as pyperf's workers are) holding its wall time in seconds. Warm-up runs
are left out: pyperf's warm-ups are values inside a worker, not whole processes. Two bench
reports of the same project (before and after a change) compare with
`python -m pyperf compare_to before.json after.json`.
"""

from __future__ import annotations

from typing import Any

from adopt_fast.bench.model import BenchReport

PYPERF_FORMAT = "1.0"


def _common_metadata(report: BenchReport) -> dict[str, Any]:
    meta: dict[str, Any] = {"unit": "second", "command": " ".join(report.command)}
    m = report.metadata
    if m is not None:
        meta.update(
            {
                "date": m.date,
                "hostname": m.host,
                "platform": m.system,
                "cpu_model_name": m.cpu_model,
                "cpu_count": m.cores,
            }
        )
        if m.load_start:
            meta["load_avg_1min"] = m.load_start[0]
    return meta


def to_pyperf(report: BenchReport) -> dict[str, Any]:
    benchmarks = []
    for config in report.configs:
        runs = report.runs_of(config)
        if not runs or config.name in report.not_run:
            continue
        info = config.interpreter
        meta = {
            "name": config.name,
            "python_implementation": info.kind.lower(),
            "python_version": info.version,
            "python_executable": config.python,
        }
        benchmarks.append({"metadata": meta, "runs": [{"values": [r.wall_s]} for r in runs]})
    return {
        "version": PYPERF_FORMAT,
        "metadata": _common_metadata(report),
        "benchmarks": benchmarks,
    }
