"""Plan the fix of each file Ruff reported: read it, decide per import, apply the edits.

Nothing is written here: each file yields a `FileOutcome` with a `Change` (or the error that
kept it from being processed), so `--diff`, the write and `--verify` share one plan.
"""

from __future__ import annotations

import _ast as ast  # the node classes, without `ast`'s import time (see facts.py)
import os
import re
from collections.abc import Iterator

from adopt_fast.edits.change import Change
from adopt_fast.edits.textfile import TextFile, read_python_source
from adopt_fast.errors import InputError
from adopt_fast.imports import policy
from adopt_fast.imports.comments import with_comments_kept
from adopt_fast.imports.diagnostics import (
    UNREADABLE,
    UNUSED_IMPORT,
    Diagnostic,
    Fix,
)
from adopt_fast.imports.facts import parse
from adopt_fast.imports.policy import Decision
from adopt_fast.imports.repository import Repository
from adopt_fast.imports.ruff_f401 import check_source
from adopt_fast.imports.scopes import Scopes
from adopt_fast.imports.source_edits import OriginalPositions, SourcePositions, apply_fixes
from adopt_fast.imports.wordindex import Begun

Position = tuple[int, int]  # (row, column) of an import in the original file, as Ruff counts

# Rounds of fixing (see fix_text): each applies at least every other colliding fix, so a few
# are plenty; Ruff's own limit is 100.
MAX_ROUNDS = 10

# --unsafe asks Ruff for removals it withholds: in a copy where `except ImportError` names
# another exception (same length, so every position stays) and which is not an __init__.py.
_GUARD_EXCEPTIONS = r"\b(?:ImportError|ModuleNotFoundError)\b"  # compiled on first use
_GUARD_PLACEHOLDER = "_"


class FileOutcome:
    def __init__(
        self,
        path: str,
        change: Change | None = None,
        applied: tuple[Decision, ...] = (),  # removed or made explicit
        kept: tuple[Decision, ...] = (),
        error: InputError | None = None,
        # What `rebuild` needs to redo the fix with only some of the imports changed.
        source: TextFile | None = None,
        diagnostics: tuple[Diagnostic, ...] = (),
        unsafe: bool = False,
        repository: Repository | None = None,
    ) -> None:
        self.path = path
        self.change = change
        self.applied = applied
        self.kept = kept
        self.error = error
        self.source = source
        self.diagnostics = diagnostics
        self.unsafe = unsafe
        self.repository = repository


def rebuild(outcome: FileOutcome, parts: frozenset[int]) -> bytes:
    """The file's bytes with only the changes of `outcome.applied[i]` for i in `parts`."""
    assert outcome.source is not None
    allowed = frozenset(
        (d.diagnostic.row, d.diagnostic.column) for i, d in enumerate(outcome.applied) if i in parts
    )
    text, _, _ = fix_text(
        outcome.source.text,
        outcome.path,
        list(outcome.diagnostics),
        unsafe=outcome.unsafe,
        allowed=allowed,
        repository=outcome.repository,
    )
    return outcome.source.encode(text)


def _fixes_by_position(report: list[Diagnostic]) -> dict[tuple[int, int], Fix | None]:
    return {(d.row, d.column): d.fix for d in report if d.code == UNUSED_IMPORT}


def _unsafe_view(text: str, path: str) -> tuple[str, str]:
    view = re.sub(_GUARD_EXCEPTIONS, lambda m: _GUARD_PLACEHOLDER + m.group()[1:], text)
    folder, name = os.path.split(path)
    if policy.is_init_file(path):
        name = "_adopt_fast_init_view" + os.path.splitext(name)[1]
    return view, os.path.join(folder, name)


def _with_unsafe_removals(decisions: list[Decision], text: str, path: str) -> list[Decision]:
    if all(d.action == policy.REMOVE for d in decisions):
        return decisions
    view, view_path = _unsafe_view(text, path)
    fixes = _fixes_by_position(check_source(view, view_path))
    result = []
    for d in decisions:
        fix = fixes.get((d.diagnostic.row, d.diagnostic.column))
        usable = fix is not None and not any(
            _GUARD_PLACEHOLDER + "mportError" in e.content
            or _GUARD_PLACEHOLDER + "oduleNotFoundError" in e.content
            for e in fix.edits
        )
        if d.action != policy.REMOVE and not d.firm and fix is not None and usable:
            d = Decision(d.diagnostic, policy.REMOVE_UNSAFE, d.reason, fix.edits)
        result.append(d)
    return result


def decide_all(
    text: str,
    path: str,
    diagnostics: list[Diagnostic],
    *,
    unsafe: bool,
    repository: Repository | None = None,
    scopes: Scopes | None = None,
) -> list[Decision]:
    positions = SourcePositions(text)
    scopes = Scopes(text) if scopes is None else scopes
    relative = None if repository is None else repository.project.relative(path)
    decisions = [policy.decide(d, positions, scopes, relative=relative) for d in diagnostics]
    if repository is not None:
        decisions = [repository.decide(d, scopes, unsafe=unsafe) for d in decisions]
        if not unsafe:
            decisions = repository.reexports(decisions, scopes)
    decisions = policy.keep_shared_statements(decisions, positions)
    if unsafe:
        decisions = _with_unsafe_removals(decisions, text, path)
    return [_keeping_comments(d, positions) for d in decisions]


def _keeping_comments(decision: Decision, positions: SourcePositions) -> Decision:
    if decision.action == policy.KEEP:
        return decision
    edits = with_comments_kept(decision.edits, positions)
    if edits is None:
        return decision.kept(policy.REASON_COMMENT, edits=True)
    return decision.with_edits(edits)


def _in_original(
    decision: Decision, current: SourcePositions, history: OriginalPositions
) -> Decision:
    """`decision` with its diagnostic's position in the original text (its edits stay)."""
    d = decision.diagnostic
    row, column = history.locate(current, d.row, d.column)
    end = history.locate(current, d.end_row, d.end_column) if d.end_row else (0, 0)
    return decision.about(d.at(row, column, end[0], end[1]))


def _only_allowed(
    decisions: list[Decision],
    reported: list[Decision],
    allowed: frozenset[Position],
    positions: SourcePositions,
) -> tuple[list[Decision], list[Decision]]:
    """Keep every change not in `allowed` (original positions), and every change whose edit
    would also take such an import out (`import os, sys`: one edit for the statement)."""
    held = [
        i
        for i, r in enumerate(reported)
        if r.action != policy.KEEP and (r.diagnostic.row, r.diagnostic.column) not in allowed
    ]
    for i, d in enumerate(decisions):
        if d.action == policy.KEEP or i in held:
            continue
        if any(policy.overlaps(d.edits, decisions[h].edits, positions) for h in held):
            held.append(i)
    for i in held:
        decisions[i] = decisions[i].kept(policy.REASON_VERIFY, edits=True)
        reported[i] = reported[i].kept(policy.REASON_VERIFY, edits=True)
    return decisions, reported


def _syntax_error(diagnostics: list[Diagnostic]) -> Diagnostic | None:
    return next((d for d in diagnostics if d.is_syntax_error), None)


def _not_parsing(path: str, error: Diagnostic) -> InputError:
    return InputError(
        path,
        f"does not parse: {error.message}; skipped",
        "fix the syntax error, or, for a file meant to stay so (Python 2, a template), list it "
        "in Ruff's `extend-exclude`",
        line=error.row,
    )


def fix_text(
    text: str,
    path: str,
    diagnostics: list[Diagnostic],
    *,
    unsafe: bool,
    allowed: frozenset[Position] | None = None,
    repository: Repository | None = None,
    scopes: Scopes | None = None,
) -> tuple[str, list[Decision], list[Decision]]:
    """The fixed text, the decisions applied (all rounds) and those kept (last round), each
    with its position in the original `text`. With `allowed` (original positions), only the
    changes of those imports are made. `scopes` is `Scopes(text)` when the caller has it.

    Like `ruff check --fix`, this goes round until nothing changes: fixes that collided wait
    for the next round, and a removal can leave another import unused (`import os` twice).
    """
    current = [d for d in diagnostics if d.code == UNUSED_IMPORT]
    history = OriginalPositions(text)
    applied: list[Decision] = []
    for _ in range(MAX_ROUNDS):
        if not current:
            return text, applied, []
        positions = SourcePositions(text)
        scopes = scopes if scopes is not None and scopes.text is text else Scopes(text)
        decisions = decide_all(
            text, path, current, unsafe=unsafe, repository=repository, scopes=scopes
        )
        reported = [_in_original(d, positions, history) for d in decisions]
        if allowed is not None:
            decisions, reported = _only_allowed(decisions, reported, allowed, positions)
        to_apply = [i for i, d in enumerate(decisions) if d.action != policy.KEEP]
        if not to_apply:
            return text, applied, reported
        text, done, spans = apply_fixes(text, [decisions[i].edits for i in to_apply])
        history.record(spans)
        applied += [reported[i] for n, i in enumerate(to_apply) if n in done]
        if len(done) == len(to_apply) and all(
            scopes.bound_once(decisions[i].diagnostic.row, decisions[i].diagnostic.name)
            for i in to_apply
        ):
            # Every fix applied and none took out a name another import also binds: no
            # import became unused, so Ruff need not be asked again (the usual commit). The
            # final syntax check (`_breaks_syntax`) still parses the result.
            return text, applied, [r for r in reported if r.action == policy.KEEP]
        report = check_source(text, path)
        error = _syntax_error(report)
        if error is not None:
            raise _not_parsing(path, error)
        current = [d for d in report if d.code == UNUSED_IMPORT]
    return text, applied, []


def _only_whole_imports_removed(old: str, new: str, tree: ast.Module | None) -> bool:
    """Whether `new` is `old` without some of its module-level import statements, each taken
    out whole, with all its lines, and each alone on its lines (no `; x = 1`). Such a text
    parses whenever the old one did (a module is a sequence of statements), so it need not
    be parsed again: 5 ms on a 1,000-line module, on every file the hook fixes."""
    if tree is None:
        return False
    statements = tree.body
    alone: dict[int, int] = {}  # first line -> last line, of the imports alone on their lines
    for i, statement in enumerate(statements):
        end = statement.end_lineno or statement.lineno
        after = statements[i + 1].lineno if i + 1 < len(statements) else None
        before = statements[i - 1].end_lineno or 0 if i else 0
        if (
            isinstance(statement, (ast.Import, ast.ImportFrom))
            and statement.col_offset == 0
            and statement.lineno > before
            and (after is None or after > end)
        ):
            alone[statement.lineno] = end
    old_lines = old.splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    j, row = 0, 1
    while row <= len(old_lines):
        if j < len(new_lines) and new_lines[j] == old_lines[row - 1]:
            j, row = j + 1, row + 1
        elif row in alone:
            row = alone[row] + 1  # the whole statement, every line of it, is gone
        else:
            return False
    return j == len(new_lines)


def _breaks_syntax(old: str, new: str, tree: ast.Module | None = None) -> bool:
    """A last check that an edit did not break the file (when this Python can parse it):
    the new text is parsed, and the old one only when the new one fails. `tree` is the old
    text's: when the edit only took out whole import statements, there is nothing to check."""
    if old == new or _only_whole_imports_removed(old, new, tree):
        return False
    if parse(new) is not None:
        return False
    return parse(old) is not None  # if not: newer syntax than this Python's, or broken before


def plan_file(
    path: str,
    diagnostics: list[Diagnostic],
    *,
    unsafe: bool,
    repository: Repository | None = None,
) -> FileOutcome:
    try:
        source = read_python_source(path)
        if any(d.code == UNREADABLE for d in diagnostics):
            # Ruff reads UTF-8 only; a source declaring another encoding is passed decoded.
            diagnostics = check_source(source.text, path)
        error = _syntax_error(diagnostics)
        if error is not None:
            raise _not_parsing(path, error)
        scopes = Scopes(source.text)
        new_text, applied, kept = fix_text(
            source.text, path, diagnostics, unsafe=unsafe, repository=repository, scopes=scopes
        )
        if _breaks_syntax(source.text, new_text, scopes.tree):
            raise InputError(
                path,
                "the fix would break its syntax, so it was left untouched",
                "please report this with the file attached",
            )
    except InputError as e:
        return FileOutcome(path, error=e)
    change = None
    if new_text != source.text:
        change = Change(path, source.encode(source.text), source.encode(new_text), source.encoding)
    return FileOutcome(
        path,
        change,
        tuple(applied),
        tuple(kept),
        None,
        source,
        tuple(diagnostics),
        unsafe,
        repository,
    )


def plan_files(
    report: list[Diagnostic], *, unsafe: bool, begun: Begun | None = None
) -> Iterator[FileOutcome]:
    """One outcome per file with something to say, in Ruff's order (`begun`: the index of
    their repository, when the caller began it; see `wordindex.begin_around`).

    Jupyter notebooks, which Ruff also checks, are left alone. A symbolic link is never
    edited through. When Ruff reached it walking a folder that also
    holds its target, it is skipped without a word (the target is fixed); any other link is
    reported by `read_python_source`.
    """
    by_path: dict[str, list[Diagnostic]] = {}
    for d in report:
        by_path.setdefault(d.path, []).append(d)
    targets = {os.path.realpath(p) for p in by_path if not os.path.islink(p)}
    candidates = {
        path: [d for d in found if d.code == UNUSED_IMPORT] for path, found in by_path.items()
    }
    candidates = {path: found for path, found in candidates.items() if found}
    repository = None
    if candidates:
        repository = Repository.around(list(candidates), begun)
        repository.prepare(candidates)
    for path, diagnostics in by_path.items():
        if os.path.islink(path) and os.path.realpath(path) in targets:
            continue
        if path.endswith(".ipynb"):  # Ruff's positions there are per cell: not fixed here
            continue
        yield plan_file(path, diagnostics, unsafe=unsafe, repository=repository)
