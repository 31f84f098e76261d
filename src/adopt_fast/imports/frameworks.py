"""Names a framework reads from a module's globals (framework_globals.py): PLY's `tokens`
and `p_*` rules, pytest's `pytest_*` hooks in conftest.py, Sphinx's conf.py values."""

from __future__ import annotations

import re
from functools import cache

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

from adopt_fast.imports.framework_globals import FRAMEWORKS


class Framework:
    def __init__(
        self,
        name: str,
        reason: str,
        files: tuple[str, ...] = (),
        imports: tuple[str, ...] = (),
        names: frozenset[str] = frozenset(),
        prefixes: tuple[str, ...] = (),
        pattern: str | None = None,
        requires: tuple[str, ...] = (),
    ) -> None:
        self.name = name
        self.reason = reason
        self.files = files
        self.imports = imports
        self.names = names
        self.prefixes = prefixes
        self.pattern = pattern
        self.requires = requires

    def applies(self, relative: str, imported: frozenset[str]) -> bool:
        """Both conditions, where the entry has both (Invoke's tasks.py must import invoke)."""
        by_file = not self.files or any(_matches(relative, f) for f in self.files)
        by_import = not self.imports or any(m in imported for m in self.imports)
        return by_file and by_import

    def required(self, mentioned: Callable[[str], bool]) -> bool:
        """The repository mentions a word of `requires` (a Django settings file needs one
        that mentions `django`), where the entry has them: a search, so asked last."""
        return not self.requires or any(map(mentioned, self.requires))

    def reads(self, name: str) -> bool:
        return (
            name in self.names
            or name.startswith(self.prefixes)
            or (self.pattern is not None and re.search(self.pattern, name) is not None)
        )


def _matches(relative: str, pattern: str) -> bool:
    """`relative` is `pattern`, or ends with `/pattern` (shell wildcards as in fnmatch)."""
    if "?" not in pattern and "[" not in pattern and pattern.count("*") <= 1:
        # No regex to compile (fnmatch's cost a few ms on the hook's path): the text before
        # and after the one `*`, which matches anything, `/` included, as in fnmatch.
        head, star, tail = pattern.partition("*")
        if relative.startswith(head) and _one_star(relative, head, star, tail):
            return True
        at = relative.find("/" + head)
        while at >= 0:
            if _one_star(relative[at + 1 :], head, star, tail):
                return True
            at = relative.find("/" + head, at + 1)
        return False
    import fnmatch  # only for the rare pattern this cannot match itself

    return fnmatch.fnmatchcase(relative, pattern) or fnmatch.fnmatchcase(relative, f"*/{pattern}")


def _one_star(text: str, head: str, star: str, tail: str) -> bool:
    """`text`, which starts with `head`, is `head` `*` `tail` (or `head` alone, no star)."""
    if not star:
        return text == head
    return len(text) >= len(head) + len(tail) and text.endswith(tail)


@cache
def frameworks() -> tuple[Framework, ...]:
    return tuple(
        Framework(
            str(e["name"]),
            str(e["reason"]),
            tuple(e.get("files", ())),
            tuple(e.get("imports", ())),
            frozenset(e.get("names", ())),
            tuple(e.get("prefixes", ())),
            str(e["pattern"]) if "pattern" in e else None,
            tuple(e.get("requires", ())),
        )
        for e in FRAMEWORKS
    )


def framework_reason(
    relative: str, imported: frozenset[str], name: str, mentioned: Callable[[str], bool]
) -> str | None:
    """Why a framework reads `name` from the globals of the module at `relative`, or None
    (`mentioned(word)`: whether some file of the repository mentions the word)."""
    for framework in frameworks():
        if (
            framework.applies(relative, imported)
            and framework.reads(name)
            and framework.required(mentioned)
        ):
            return f"{framework.name}: {framework.reason}"
    return None
