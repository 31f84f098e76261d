"""The heavier half of `adopt-fast fix`, imported once Ruff has reported: plan, write or
diff, verify, and say what was done."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from adopt_fast.edits.change import Change
from adopt_fast.edits.textfile import ensure_writable
from adopt_fast.errors import InputError
from adopt_fast.imports import policy
from adopt_fast.imports.diagnostics import Diagnostic
from adopt_fast.imports.output import say, shown
from adopt_fast.imports.plan import FileOutcome, plan_files, rebuild

# The hook plans and writes on every commit that removes an import; --verify's machinery
# (subprocess runs, timing) is imported only by a --verify run.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from adopt_fast.imports.verify import Candidate, Reverted
    from adopt_fast.imports.wordindex import Begun


class FixRun:
    def __init__(self, outcomes: list[FileOutcome]) -> None:
        self.outcomes = outcomes
        self.errors: list[InputError] = []
        self.changed: list[Change] = []
        self.diffed = False
        self.reverted: list[Reverted] = []

    @classmethod
    def plan(cls, report: list[Diagnostic], *, unsafe: bool, begun: Begun | None = None) -> FixRun:
        run = cls(list(plan_files(report, unsafe=unsafe, begun=begun)))
        for outcome in run.outcomes:
            if outcome.error is not None:
                run._fail(outcome.error)
        return run

    def _fail(self, error: InputError) -> None:
        error.path = shown(error.path)
        say(str(error))
        self.errors.append(error)

    @property
    def planned(self) -> list[Change]:
        return [o.change for o in self.outcomes if o.change is not None]

    def print_diffs(self) -> None:
        for change in self.planned:
            sys.stdout.write(change.diff(label=shown(change.path)))
        self.changed = self.planned
        self.diffed = True  # nothing written: the summary says what would be done

    def write(self) -> None:
        for change in self.planned:
            try:
                change.apply()
            except InputError as e:
                self._fail(e)
                continue
            say(f"Fixing {shown(change.path)}")
            self.changed.append(change)

    def _writable(self) -> list[FileOutcome]:
        writable = []
        for outcome in self.outcomes:
            if outcome.change is None:
                continue
            try:
                ensure_writable(outcome.path)
            except InputError as e:
                self._fail(e)
                continue
            writable.append(outcome)
        return writable

    def verify(self, command: Sequence[str]) -> bool:
        """Apply the changes under the test suite's watch; False when it failed before."""
        outcomes = self._writable()
        if not outcomes:
            return True
        import shlex  # only --verify names its command

        command_line = shlex.join(command)
        from adopt_fast.imports.verify import run_tests, verify_changes

        before = run_tests(command)
        if not before.passed:
            say(
                f"adopt-fast: verify: the tests fail before any change (`{command_line}` exited "
                f"{before.returncode}); nothing was changed (make them pass, or fix without "
                f"--verify). Last lines of their output:"
            )
            say(_indent(before.tail()))
            return False
        say(
            f"adopt-fast: verify: tests pass before the fix ({before.seconds:.1f} s); "
            f"applying {len(outcomes)} changed file{'s' if len(outcomes) != 1 else ''} and "
            "running them again"
        )
        candidates = [_candidate(o) for o in outcomes]
        verified = verify_changes(
            candidates, command, lambda line: say(f"adopt-fast: verify: {line}")
        )
        self.reverted = verified.reverted
        for outcome, final in zip(outcomes, verified.final, strict=True):
            assert outcome.change is not None
            if final == outcome.change.old:
                what = "its change" if len(outcome.applied) == 1 else "its changes"
                say(f"Reverted {shown(outcome.path)}: the tests fail with {what} (see below)")
            else:
                say(f"Fixing {shown(outcome.path)}")
                self.changed.append(Change(outcome.path, outcome.change.old, final))
        for r in self.reverted:
            d = self._restored(r).diagnostic
            say(
                f"{_where(self._restored(r))}: kept `{d.name}` (the tests fail without it: "
                f"`{command_line}` exited {r.run.returncode}); last lines of their output:"
            )
            say(_indent(r.run.tail()))
        if self.reverted:
            say(_protect_hint([self._restored(r).diagnostic.name for r in self.reverted]))
        return True

    def _restored(self, reverted: Reverted) -> policy.Decision:
        """The import whose change `reverted` undid."""
        path = reverted.candidate.change.path
        outcome = next(o for o in self.outcomes if o.path == path)
        return outcome.applied[reverted.part]

    def print_summary(self, *, show_kept: bool, count_kept: bool = True) -> None:
        """Imports only --unsafe removed, then (--show-kept) those kept, each sorted by file
        and by position in the file as it was before the fix."""
        changed = {c.path for c in self.changed}
        restored = {id(self._restored(r)) for r in self.reverted}
        applied = [
            d
            for o in self.outcomes
            if o.path in changed
            for d in o.applied
            if id(d) not in restored
        ]
        removed = [d for d in applied if d.action == policy.REMOVE_UNSAFE]
        kept = [d for o in self.outcomes for d in o.kept]
        for d in sorted(removed, key=_order):
            say(
                f"{_where(d)}: removed `{d.diagnostic.name}` (--unsafe; kept by default: {d.reason})"
            )
        gone = sum(d.action != policy.MAKE_EXPLICIT for d in applied)
        explicit = len(applied) - gone
        if applied and count_kept:
            remove, make = ("would remove", "would make") if self.diffed else ("removed", "made")
            done = [f"{remove} {gone} unused import{'s' if gone != 1 else ''}"] if gone else []
            if explicit:
                done.append(f"{make} {explicit} re-export{'s' if explicit != 1 else ''} explicit")
            say(f"adopt-fast: {', '.join(done)}")
        if show_kept:
            for d in sorted(kept, key=_order):
                say(f"{_where(d)}: kept `{d.diagnostic.name}` ({d.reason})")
        elif kept and count_kept:
            # --unsafe overrides no firm keep (a use found elsewhere, the project's flake8
            # config, ...).
            soft = sum(not d.firm for d in kept)
            them = "them" if len(kept) > 1 else "it"
            if soft == len(kept):
                hint = f"--show-kept lists {them}, --unsafe removes {them}"
            elif soft:
                hint = f"--show-kept lists them, --unsafe removes up to {soft} of them"
            else:
                hint = "--show-kept says why"
            say(
                f"adopt-fast: kept {len(kept)} unused import{'s' if len(kept) > 1 else ''} "
                f"that may be needed ({hint})"
            )


def _protect_hint(names: list[str]) -> str:
    """The next step after --verify put imports back: protect them, so that a `fix` without
    --verify and the hook keep them too. Ruff's `allowed-unused-imports` matches absolute
    module paths (a prefix of the name it reports); a relative import needs the noqa."""
    absolute = list(dict.fromkeys(n for n in names if not n.startswith(".")))
    them = "it" if len(names) == 1 else "them"
    where = "its line" if len(names) == 1 else "their lines"
    noqa = f"end {where} with `# noqa: F401`"
    if not absolute:
        return f"adopt-fast: verify: to keep {them} without --verify (and in the hook), {noqa}"
    listed = ", ".join(f'"{n}"' for n in absolute)
    return (
        f"adopt-fast: verify: to keep {them} without --verify (and in the hook), add {listed} "
        f"to `allowed-unused-imports` under `[tool.ruff.lint.pyflakes]` (`[lint.pyflakes]` in "
        f"ruff.toml), or {noqa}"
    )


def _candidate(outcome: FileOutcome) -> Candidate:
    from adopt_fast.imports.verify import Candidate

    assert outcome.change is not None
    return Candidate(
        outcome.change,
        shown(outcome.path),
        len(outcome.applied),
        lambda parts: rebuild(outcome, parts),
    )


def _order(decision: policy.Decision) -> tuple[str, int, int]:
    d = decision.diagnostic
    return shown(d.path), d.row, d.column


def _where(decision: policy.Decision) -> str:
    d = decision.diagnostic
    return f"{shown(d.path)}:{d.row}:{d.column}"


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())
