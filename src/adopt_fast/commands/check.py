"""`adopt-fast check`: the CI gate. Runs every adoption check and the lint; writes nothing
to the project (Ruff's own cache excepted, where Ruff keeps it).

`ruff check` is the bulk of the cost, so it is started before anything else is imported and
the checks run while it lints (benchmarks/check_overhead.py measures what is left).
"""

from __future__ import annotations

import os

from adopt_fast.errors import EXIT_FINDINGS, EXIT_OK, InputError
from adopt_fast.ruff import hook_argv

# cli.py imports FORMATS to build its parser for every command: this module stays light
# (no typing, no subprocess at import; mypy reads a module-level TYPE_CHECKING like typing's).
TYPE_CHECKING = False
if TYPE_CHECKING:
    import subprocess
    from collections.abc import Sequence

    from adopt_fast.checks import Result
    from adopt_fast.checks.lint import LintResult

FORMATS = ("text", "json", "github")  # the --format choices
SCHEMA_VERSION = 1


def run_check(root: str, *, output_format: str, lint: bool, profile: str) -> int:
    """Run the checks and print the report; bad input is still reported in the chosen
    format on stdout (a CI step parsing JSON gets JSON) before cli.main prints its line."""
    try:
        if not os.path.isdir(root):
            raise InputError(root, "is not a folder", "pass the project's root folder")
        return _run_check(root, output_format=output_format, lint=lint, profile=profile)
    except InputError as e:
        e.relative_to(root)
        if output_format != "text":
            print(render_error(e, output_format), end="", flush=True)
        raise


def _run_check(root: str, *, output_format: str, lint: bool, profile: str) -> int:
    process = start_lint(root, profile) if lint else None
    from adopt_fast.checks import Project, all_checks, run_checks
    from adopt_fast.checks.lint import LintRun

    lint_run = None if process is None else LintRun(root, process)
    project = Project(root, profile, lint_run)
    try:
        results = run_checks(project, all_checks(lint=lint))
        lint_result = lint_run.result() if lint_run else None
    finally:
        project.finish()
        if lint_run is not None:
            lint_run.stop()
    print(render(results, lint_result, output_format), end="")
    return EXIT_OK if all(r.ok is not False for r in results) else EXIT_FINDINGS


def start_lint(root: str, profile: str) -> subprocess.Popen[str]:
    """`ruff check` as the hook runs it (the project's config, else the profile), with JSON
    output, never fixing: a project with `fix = true` must not be rewritten by a check."""
    import subprocess

    args = ["--profile", profile, "--no-fix", "--exit-zero", "--output-format", "json", "."]
    argv, _ = hook_argv("check", args, root)  # an unwritable cache just means --no-cache
    return subprocess.Popen(
        argv,
        cwd=root,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def render(results: Sequence[Result], lint: LintResult | None, output_format: str) -> str:
    if output_format == "json":
        return render_json(results, lint)
    if output_format == "github":
        return render_github(results, lint)
    return render_text(results, lint)


def render_json(results: Sequence[Result], lint: LintResult | None) -> str:
    import json

    from adopt_fast.checks.versions import installed_ruff

    document = {
        "schema_version": SCHEMA_VERSION,
        "ok": all(r.ok is not False for r in results),
        "checks": [
            {
                "id": r.id,
                "description": r.description,
                "ok": r.ok,
                "message": r.message,
                "hint": r.hint,
                "file": r.file,
                "line": r.line,
            }
            for r in results
        ],
        "lint": None
        if lint is None
        # The Ruff that linted (what AF004 reports as installed), which may differ from the pin.
        else {"violations": len(lint.violations), "ruff_version": installed_ruff().version},
    }
    return json.dumps(document, indent=2) + "\n"


# More violations than this scroll the checks off the screen: a count per code follows them.
SCREENFUL = 40


def render_text(results: Sequence[Result], lint: LintResult | None) -> str:
    violations = lint.violations if lint else ()
    lines = [f"{v.path}:{v.line}:{v.column}: {v.code} {v.message}" for v in violations]
    if len(violations) > SCREENFUL:
        lines += code_table(violations)
    for r in results:
        status = {True: "ok", False: "FAIL", None: "skip"}[r.ok]
        lines.append(f"{r.id} {status:<4} {r.description}")
        if r.ok is False or r.ok is None:
            lines.append(f"           {r.message}")
        if r.hint:
            lines.append(f"           fix: {r.hint}")
    failed = sum(r.ok is False for r in results)
    lines.append(
        f"{failed} of {len(results)} checks failed"
        if failed
        else f"all {len(results)} checks passed"
    )
    return "\n".join(lines) + "\n"


def code_table(violations: Sequence[object]) -> list[str]:
    """A count per code, most frequent first, and the one command that fixes what Ruff can
    fix safely (unused imports through adopt-fast's safe fix, never Ruff's own)."""
    from collections import Counter

    counts = Counter(getattr(v, "code", "") for v in violations)
    width = len(str(max(counts.values())))
    lines = [f"{len(violations)} violations by code:"]
    lines += [f"  {n:>{width}}  {code}" for code, n in counts.most_common()]
    lines.append(
        "fix the safely fixable ones with `adopt-fast-lint --fix .` (unused imports through "
        "`adopt-fast fix`, the rest through Ruff's safe fixes), then review the diff"
    )
    return lines


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(results: Sequence[Result], lint: LintResult | None) -> str:
    """GitHub Actions workflow commands: one `::error` per violation and per failed check."""
    lines = [
        f"::error file={_escape_property(v.path)},line={v.line},col={v.column}::"
        f"{_escape_data(f'{v.code} {v.message}')}"
        for v in (lint.violations if lint else ())
    ]
    lines += [
        f"::error {_location(r.file, r.line)}title={r.id}::"
        f"{_escape_data(f'{r.id} {r.message} (fix: {r.hint})')}"
        for r in results
        if r.ok is False
    ]
    return "".join(line + "\n" for line in lines)


def _location(file: str | None, line: int | None) -> str:
    """`file=F,line=L,` for a workflow command (empty when there is no file)."""
    if file is None:
        return ""
    return f"file={_escape_property(file)}," + (f"line={line}," if line is not None else "")


def render_error(error: InputError, output_format: str) -> str:
    """Bad input (exit 2) as a report: one JSON object with `error`, or one annotation."""
    if output_format == "github":
        return f"::error {_location(error.path, error.line)}title=adopt-fast check::" + (
            _escape_data(f"{error.what} ({error.fix})") + "\n"
        )
    import json

    document = {
        "schema_version": SCHEMA_VERSION,
        "ok": False,
        "error": {
            "file": error.path,
            "line": error.line,
            "message": error.what,
            "hint": error.fix,
        },
        "checks": [],
        "lint": None,
    }
    return json.dumps(document, indent=2) + "\n"
