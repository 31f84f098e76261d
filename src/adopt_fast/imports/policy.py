"""Which unused imports are safe to remove, and why the others are kept.

Ruff finds the unused imports (it already understands `__all__`, string annotations,
`TYPE_CHECKING` blocks, `# noqa` and `lint.pyflakes.allowed-unused-imports`: those are never
reported). Of what it reports, adopt-fast keeps by default:
- imports in `__init__.py`: first-party ones are the package's API and are made explicit
  (`from .x import y as y`; see `redundant_alias` for why not Ruff's `__all__` addition);
  other ones may be re-exported too, so they stay;
- imports whose scope needs them in ways Ruff cannot see (`scopes`: a function that only
  imports, a scope reading `locals()`/`globals()`);
- imports inside `try: ... except ImportError` (optional-dependency probes);
- imports of modules that act on import (side_effect_modules.py);
- anything Ruff itself offers no safe fix for.
"""

from __future__ import annotations

import os
import re

from adopt_fast.imports.diagnostics import Diagnostic, Edit
from adopt_fast.imports.scopes import Scopes
from adopt_fast.imports.side_effect_modules import MODULES
from adopt_fast.imports.source_edits import SourcePositions
from adopt_fast.values import Value

# `import y as z`: Ruff's range covers one of the two names; either way it is aliased already.
# Compiled on first use (`re`'s cache), as the fix's rarely used patterns are; `re.compile`
# of the second, where it is used, is that cache's lookup (`re.match` takes no start).
_ALIAS_BEFORE = r"\bas\s+$"
_ALIAS_AFTER = r"\s+as\b"

REMOVE = "remove"
REMOVE_UNSAFE = "remove-unsafe"  # kept by default, removed because of --unsafe
MAKE_EXPLICIT = "make-explicit"
KEEP = "keep"

REASON_REEXPORT = "re-exported by __init__.py: part of the package's API"
REASON_INIT_IMPORT = "imported in __init__.py: may be part of the package's API"
REASON_GUARD = "inside try/except ImportError: an optional-dependency probe"
REASON_NO_FIX = "Ruff offers no safe fix for it"
REASON_VERIFY = "the tests fail without it (--verify)"
REASON_COMMENT = "its removal would delete a comment on a line shared with other code"


class Decision(Value):
    __slots__ = ("action", "diagnostic", "edits", "firm", "reason")

    def __init__(
        self,
        diagnostic: Diagnostic,
        action: str,  # REMOVE, REMOVE_UNSAFE, MAKE_EXPLICIT or KEEP
        reason: str,  # why it is kept (for an --unsafe removal: why it is kept by default)
        edits: tuple[Edit, ...] = (),
        # Kept because something uses it (another file, a doctest): --unsafe does not remove it.
        firm: bool = False,
    ) -> None:
        self.diagnostic = diagnostic
        self.action = action
        self.reason = reason
        self.edits = edits
        self.firm = firm

    def kept(self, reason: str, *, firm: bool = False, edits: bool = False) -> Decision:
        """Kept instead, for `reason` (its edits dropped, or, with `edits`, remembered)."""
        return Decision(self.diagnostic, KEEP, reason, self.edits if edits else (), firm)

    def with_edits(self, edits: tuple[Edit, ...]) -> Decision:
        return Decision(self.diagnostic, self.action, self.reason, edits, self.firm)

    def about(self, diagnostic: Diagnostic) -> Decision:
        """The same decision, on `diagnostic` (the same import, found at another position)."""
        return Decision(diagnostic, self.action, self.reason, self.edits, self.firm)


def side_effect_reason(name: str) -> str | None:
    """Why importing `name` ("readline", "mpl_toolkits.mplot3d.Axes3D") matters, or None."""
    for module, reason in MODULES.items():
        if name == module or name.startswith(module + "."):
            return f"`{module}` acts on import: {reason}"
    return None


_TEST_FOLDERS = frozenset({"tests", "test", "testing"})


def is_test_folder(name: str) -> bool:
    """`tests`, `test`, `testing`, or a name made from one (`modulegraph_tests`, `test_data`)."""
    return (
        name in _TEST_FOLDERS
        or name.startswith(("test_", "tests_", "test-", "tests-"))
        or (name.endswith(("_test", "_tests", "-test", "-tests")))
    )


def in_tests(path: str) -> bool:
    """A file pytest may collect or load: `test_*.py`, `*_test.py`, a conftest.py, or any file
    under a test folder (its helpers, its plugins)."""
    parts = path.replace(os.sep, "/").split("/")
    name = parts[-1]
    return (
        name.startswith("test")
        or name.endswith("_test.py")
        or name == "conftest.py"
        or any(map(is_test_folder, parts[:-1]))
    )


def is_init_file(path: str) -> bool:
    return os.path.basename(path) in ("__init__.py", "__init__.pyi")


def is_guarded(diagnostic: Diagnostic) -> bool:
    # Ruff's message for an import in an `except ImportError` guard suggests find_spec.
    return "importlib.util.find_spec" in diagnostic.message


def is_reexport(diagnostic: Diagnostic) -> bool:
    # Ruff suggests `__all__` or a redundant alias exactly for a first-party import in an
    # __init__.py: the imports its preview fix makes explicit. Others get the plain message.
    return "redundant alias" in diagnostic.message


def redundant_alias(diagnostic: Diagnostic, positions: SourcePositions) -> Edit | None:
    """`from .x import y` -> `from .x import y as y`, or None when the import is aliased.

    Chosen over Ruff's other explicit form, adding the name to an existing `__all__`: that one
    changes what `from pkg import *` binds (python-dateutil's `from .tz import __doc__` would
    export `__doc__` and overwrite the importer's docstring). The alias changes nothing at run
    time."""
    if not diagnostic.end_row:
        return None
    edit = Edit(diagnostic.row, diagnostic.column, diagnostic.end_row, diagnostic.end_column, "")
    name = positions.original(edit)
    start, end, _ = positions.span(edit)
    line_before = positions.text[:start].rsplit("\n", 1)[-1]
    aliased = re.search(_ALIAS_BEFORE, line_before) or re.compile(_ALIAS_AFTER).match(
        positions.text, end
    )
    if not name.isidentifier() or aliased:
        return None
    return Edit(edit.row, edit.column, edit.end_row, edit.end_column, f"{name} as {name}")


def bound_names(diagnostic: Diagnostic, positions: SourcePositions) -> set[str]:
    """The names the import may bind: the last part of what Ruff names, and the text Ruff
    points at (the alias in `import x as y`)."""
    names = {diagnostic.name.rsplit(".", 1)[-1]}
    if diagnostic.end_row:
        edit = Edit(
            diagnostic.row, diagnostic.column, diagnostic.end_row, diagnostic.end_column, ""
        )
        names.add(positions.original(edit).rsplit(" ", 1)[-1])
    return names


def decide(
    diagnostic: Diagnostic,
    positions: SourcePositions,
    scopes: Scopes,
    *,
    relative: str | None = None,
) -> Decision:
    """The default verdict for one F401 diagnostic; `relative`: its file's path in the
    repository, when known (what a test folder is is judged on it, not on the folders the
    repository lies in)."""
    if is_guarded(diagnostic):
        return Decision(diagnostic, KEEP, REASON_GUARD)
    names = bound_names(diagnostic, positions)
    used = (
        scopes.doctest_reason(names)
        or scopes.type_comment_reason(names)
        or scopes.marked_reason(diagnostic.row)
    )
    if used:
        return Decision(diagnostic, KEEP, used, firm=True)
    reason = side_effect_reason(diagnostic.name) or scopes.reason_to_keep(
        diagnostic.row, names, in_tests=in_tests(relative or diagnostic.path)
    )
    if reason:
        return Decision(diagnostic, KEEP, reason)
    if is_init_file(diagnostic.path):
        alias = redundant_alias(diagnostic, positions) if is_reexport(diagnostic) else None
        if alias is not None:
            return Decision(diagnostic, MAKE_EXPLICIT, REASON_REEXPORT, (alias,))
        return Decision(diagnostic, KEEP, REASON_INIT_IMPORT)
    fix = diagnostic.fix
    if fix is None or fix.applicability != "safe":
        return Decision(diagnostic, KEEP, REASON_NO_FIX)
    return Decision(diagnostic, REMOVE, "", fix.edits)


def overlaps(a: tuple[Edit, ...], b: tuple[Edit, ...], positions: SourcePositions) -> bool:
    spans_a = [positions.span(e) for e in a]
    return any(
        sa < eb and sb < ea for sa, ea, _ in spans_a for sb, eb, _ in (positions.span(e) for e in b)
    )


def keep_shared_statements(decisions: list[Decision], positions: SourcePositions) -> list[Decision]:
    """A removal whose edit would also take out a kept import (Ruff fixes a statement as a
    whole: `import os, readline`) is kept too, with the reason."""
    kept = [d for d in decisions if d.action == KEEP and d.diagnostic.fix]
    result = []
    for d in decisions:
        blocker = next(
            (
                k
                for k in kept
                if d.action == REMOVE
                and k.diagnostic.fix
                and overlaps(d.edits, k.diagnostic.fix.edits, positions)
            ),
            None,
        )
        if blocker is not None:
            d = Decision(
                d.diagnostic,
                KEEP,
                f"shares its statement with `{blocker.diagnostic.name}`, which is kept",
            )
        result.append(d)
    return result
