"""`# noqa: CODE` comments written for flake8: where Ruff calls a code otherwise (E800 is
ERA001) or has no such rule (W503), Ruff's RUF100 (unused noqa) flags the comment. migrate
leaves RUF100 off (lint.ignore, with the reason) until the comments are rewritten."""

from __future__ import annotations

import os
import re

from adopt_fast.migrate.codes import CodeMap
from adopt_fast.migrate.model import IGNORE, Origin, Translation
from adopt_fast.migrate.teststyle import SKIPPED_DIRS

_NOQA = re.compile(r"#\s*noqa\s*:\s*([A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*)", re.IGNORECASE)
_SHOWN = 4


def _python_files(root: str) -> list[str]:
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
        found += [os.path.join(folder, f) for f in sorted(files) if f.endswith((".py", ".pyi"))]
    return found


def stale_noqa_codes(root: str, codes: CodeMap, enabled: set[str]) -> list[tuple[Origin, str, str]]:
    """(where, flake8 code, Ruff's name for it) for each `# noqa` code that no longer acts
    as written: Ruff calls it otherwise (E800 is ERA001, so the comment silences nothing), or
    the migrated selection does not run it (RUF100 flags it as non-enabled). Codes Ruff lacks
    altogether (W503) are left alone: Ruff disregards them."""
    found = []
    verdicts: dict[str, str | None] = {}
    for path in _python_files(root):
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                lines = f.read().splitlines()
        except OSError:
            continue
        for number, line in enumerate(lines, 1):
            if "noqa" not in line.lower():
                continue
            for match in _NOQA.finditer(line):
                for code in re.split(r"[\s,]+", match.group(1).upper()):
                    if code not in verdicts:
                        verdicts[code] = _ruff_name(code, codes, enabled)
                    ruff = verdicts[code]
                    if ruff is not None:
                        found.append((Origin(os.path.relpath(path, root), number), code, ruff))
    return found


def _ruff_name(code: str, codes: CodeMap, enabled: set[str]) -> str | None:
    """Ruff's name for a code that does not act as written, else None."""
    selectors = codes.translate(code, ignore=True).selectors
    if len(selectors) != 1:
        return None  # Ruff lacks it (or it is a prefix of several)
    (ruff,) = selectors
    if ruff != code or ruff not in enabled:
        return ruff
    return None


def leave_out_unused_noqa(root: str, codes: CodeMap, enabled: set[str], t: Translation) -> None:
    found = stale_noqa_codes(root, codes, enabled)
    if not found:
        return
    first = found[0][0]
    t.settings.extend(IGNORE, ["RUF100"], first.labelled("stale codes in # noqa comments"))
    shown = "; ".join(
        f"{code}: Ruff's {ruff} ({origin})" if ruff != code else f"{code}: not run ({origin})"
        for origin, code, ruff in found[:_SHOWN]
    )
    more = f"; and {len(found) - _SHOWN} more" if len(found) > _SHOWN else ""
    renamed = sorted({f"{code} -> {ruff}" for _, code, ruff in found if ruff != code})
    rename = f"rewrite {', '.join(renamed)} in them, " if renamed else ""
    t.drop(
        "RUF100",
        first,
        f"{len(found)} `# noqa` codes do not act in Ruff as written ({shown}{more}): Ruff's "
        "unused-noqa rule (RUF100) would flag each, so it is ignored until they are cleaned: "
        f"{rename}remove RUF100 from lint.ignore and run `ruff check --fix --select RUF100`",
    )
