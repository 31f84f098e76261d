"""`adopt-fast bench`: validate the options, run the bench (adopt_fast.bench.session), write
the reports, return the exit code."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence

from adopt_fast.bench.envs import DepsChoice
from adopt_fast.bench.pyperf_export import to_pyperf
from adopt_fast.bench.report import to_json, to_markdown, to_text
from adopt_fast.bench.session import BenchOptions, bench
from adopt_fast.edits.reportfile import write_report, write_summary
from adopt_fast.edits.textfile import ensure_writable
from adopt_fast.errors import InputError


def _validate(options: BenchOptions) -> None:
    if options.runs < 2:
        raise InputError(
            "--runs",
            f"{options.runs} is too few to estimate any uncertainty",
            "use --runs 2 or more (5 by default)",
        )
    if options.warmup < 0:
        raise InputError("--warmup", "cannot be negative", "use --warmup 0 or more")
    if options.max_time is not None and options.max_time <= 0:
        raise InputError(
            "--max-time", "must be a positive number of seconds", "e.g. --max-time 300"
        )
    if not os.path.isdir(options.project):
        raise InputError(options.project, "is not a folder", "run bench in your project")
    for path in (options.json_path, options.markdown_path, options.pyperf_path):
        if path:
            ensure_writable(path)


def _json(data: object) -> str:
    return json.dumps(data, indent=2) + "\n"


def run_bench(
    *,
    runs: int,
    warmup: int,
    pythons: Sequence[str] = (),
    max_time: float | None = None,
    json_path: str | None = None,
    markdown_path: str | None = None,
    pyperf_path: str | None = None,
    command: Sequence[str] = (),
    groups: Sequence[str] = (),
    extras: Sequence[str] = (),
) -> int:
    """Bench `command` (default: the project's pytest run) in every configuration, print the
    report and write the files asked for; exit 1 when test outcomes differ between them or a run failed."""
    options = BenchOptions(
        runs=runs,
        warmup=warmup,
        pythons=tuple(pythons),
        max_time=max_time,
        json_path=json_path,
        markdown_path=markdown_path,
        pyperf_path=pyperf_path,
        command=tuple(command),
        deps=DepsChoice(tuple(groups), tuple(extras)),
    )
    _validate(options)
    report, code = bench(options)
    print(to_text(report))
    if options.json_path:
        write_report(options.json_path, _json(to_json(report)))
    if options.pyperf_path:
        write_report(options.pyperf_path, _json(to_pyperf(report)))
    if options.markdown_path:
        write_summary(options.markdown_path, to_markdown(report))
    return code
