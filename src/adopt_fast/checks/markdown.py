"""The Markdown summary of `adopt-fast check` (`--summary FILE`, the action's step summary):
the check table, then the first violations and a count of the rest."""

from __future__ import annotations

from adopt_fast.checks.report import Report, plural

SHOWN_VIOLATIONS = 20
_STATUS = {"pass": "✅ pass", "fail": "❌ fail", "skip": "⏭️ skip", "ignored": "➖ ignored"}


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def render_markdown(report: Report, shown: int = SHOWN_VIOLATIONS) -> str:
    failed = len(report.failed)
    headline = (
        f"{failed} of {len(report.results)} checks failed"
        if failed
        else f"all {len(report.results)} checks passed"
    )
    lines = [
        f"## adopt-fast check: {headline}",
        "",
        f"Profile `{report.profile}` ({report.profile_source}).",
        "",
        "| Check | Status | What it checks | Details |",
        "| --- | --- | --- | --- |",
    ]
    for r in report.results:
        details = "" if r.ok else r.message
        if r.hint:
            details += f" (fix: {r.hint})"
        if r.file:
            where = report.shown_path(r.file) + (f":{r.line}" if r.line else "")
            details = f"`{where}`: {details}"
        lines.append(f"| {r.id} | {_STATUS[r.status]} | {cell(r.description)} | {cell(details)} |")
    violations = report.violations
    if violations:
        lines += ["", f"### {plural(len(violations), 'violation')}", ""]
        lines += ["| Location | Code | Message |", "| --- | --- | --- |"]
        for v in violations[:shown]:
            where = f"{report.shown_path(v.path)}:{v.line}:{v.column}"
            lines.append(f"| `{cell(where)}` | {cell(v.code)} | {cell(v.message)} |")
        rest = len(violations) - shown
        if rest > 0:
            lines += [
                "",
                f"…and {plural(rest, 'more violation')}; `adopt-fast check` lists them all.",
            ]
    return "\n".join(lines) + "\n"
