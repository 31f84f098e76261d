"""GitHub Actions workflow commands for `adopt-fast check --format github`.

GitHub shows at most 10 error annotations per step (and 50 per run), so the failed checks
come first, then the violations up to a cap, then one notice with the count of the rest.
Each violation carries `title=` (its code) and its end line and column, as Ruff's own
`--output-format github` does.
"""

from __future__ import annotations

from adopt_fast.checks.report import Report, plural

DEFAULT_CAP = 50


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def location(file: str | None, line: int | None) -> str:
    """`file=F,line=L,` for a workflow command (empty when there is no file)."""
    if file is None:
        return ""
    return f"file={escape_property(file)}," + (f"line={line}," if line is not None else "")


def render_github(report: Report, cap: int = DEFAULT_CAP) -> str:
    """One `::error` per failed check, then per violation (at most `cap`, 0: no cap)."""
    lines = [
        f"::error {location(report.shown_path(r.file) if r.file else None, r.line)}"
        f"title={r.id}::{escape_data(f'{r.id} {r.message} (fix: {r.hint})')}"
        for r in report.failed
    ]
    violations = report.violations
    shown = violations if cap <= 0 else violations[:cap]
    lines += [
        f"::error title={escape_property(v.code)},file={escape_property(report.shown_path(v.path))},"
        f"line={v.line},col={v.column},endLine={v.end_line},endColumn={v.end_column}::"
        f"{escape_data(f'{v.code} {v.message}')}"
        for v in shown
    ]
    rest = len(violations) - len(shown)
    if rest:
        lines.append(
            f"::notice title=adopt-fast check::{plural(rest, 'more violation')} not annotated "
            f"(the first {len(shown)} are); run `adopt-fast check` for all of them, or raise "
            "the cap with --max-annotations"
        )
    return "".join(line + "\n" for line in lines)


def render_error(path: str | None, line: int | None, what: str, fix: str) -> str:
    """Bad input (exit 2) as one annotation."""
    return f"::error {location(path, line)}title=adopt-fast check::" + (
        escape_data(f"{what} ({fix})") + "\n"
    )
