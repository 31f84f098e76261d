"""flake8's `per-file-ignores`: parsed for `adopt-fast migrate` (into Ruff's), and read by the
fix, which keeps the unused imports of the files where they turn F401 off (the author's word:
requests's setup.cfg has `src/requests/compat.py:F401` for the names its users import).

flake8 reads the first of setup.cfg, tox.ini and .flake8 that has a [flake8] section; the
fix looks for it at the repository's root. A pattern with a `/` is matched against the path
from there, one without against the file's name (or, starting with a wildcard, its path), as
flake8 matches them. A file without `per-file-ignores` costs one read: configparser is only
imported for one that has it."""

from __future__ import annotations

import os
import re

CONFIGS = ("setup.cfg", "tox.ini", ".flake8")
# A code that covers F401 (F401, or its prefix F40, F4, F), anywhere in the file: without
# one, no per-file-ignores can turn it off, and configparser is not even imported.
_F401_CODE = rb"(?<![A-Za-z0-9])F(?:4(?:01?)?)?(?![A-Za-z0-9])"  # compiled on first use


def parse_per_file_ignores(value: str) -> list[tuple[str, list[str]]]:
    """flake8's format: `pattern[, pattern]: CODE[, CODE]` pairs, separated by whitespace."""
    pairs: list[tuple[str, list[str]]] = []
    patterns: list[str] = []
    codes: list[str] = []
    for token in re.findall(r"[^\s:,]+|:", value):
        if token == ":":
            continue
        if re.fullmatch(r"[A-Z][A-Z0-9]*", token) and patterns:
            codes.append(token)
            continue
        if codes:
            pairs.append((patterns[0] if len(patterns) == 1 else ",".join(patterns), codes))
            patterns, codes = [], []
        patterns.append(token)
    if patterns and codes:
        pairs.append((patterns[0] if len(patterns) == 1 else ",".join(patterns), codes))
    return pairs


class F401Ignores:
    """The per-file-ignores of a repository's flake8 configuration that cover F401 (`F401`,
    or a prefix of it: `F4`, `F`), read when first asked."""

    def __init__(self, root: str) -> None:
        self.root = root
        self._patterns: list[tuple[str, str]] | None = None  # (pattern, as written)
        self.config = ""

    def _read(self) -> list[tuple[str, str]]:
        for name in CONFIGS:
            try:
                with open(os.path.join(self.root, name), "rb") as f:
                    data = f.read()
            except OSError:
                continue
            if b"[flake8]" not in data.replace(b" ", b""):
                continue  # flake8 looks on at the next file
            self.config = name
            if b"per-file-ignores" not in data and b"per_file_ignores" not in data:
                return []
            if re.search(_F401_CODE, data) is None:
                return []  # per-file-ignores for other codes only (Django's W601s)
            import configparser

            parser = configparser.RawConfigParser()  # as flake8 reads it
            try:
                parser.read_string(data.decode("utf-8", "replace"), source=name)
                value = next(
                    (
                        parser.get("flake8", key)
                        for key in ("per-file-ignores", "per_file_ignores")
                        if parser.has_option("flake8", key)
                    ),
                    "",
                )
            except configparser.Error:
                return []  # flake8 itself cannot run with it
            found = []
            for patterns, codes in parse_per_file_ignores(value):
                if any("F401".startswith(code) for code in codes):
                    for pattern in patterns.split(","):
                        found.append((pattern.removeprefix("./").rstrip("/"), pattern))
            return found
        return []

    def covering(self, relative: str) -> str | None:
        """The pattern (as written) under which flake8 ignores F401 in the file at
        `relative` (from the root, with `/`), or None."""
        if self._patterns is None:
            self._patterns = self._read()
        if not self._patterns:
            return None
        import fnmatch

        name = relative.rpartition("/")[2]
        for pattern, written in self._patterns:
            if "/" in pattern:
                if fnmatch.fnmatchcase(relative, os.path.normpath(pattern).replace(os.sep, "/")):
                    return written
            elif fnmatch.fnmatchcase(name, pattern) or fnmatch.fnmatchcase("/" + relative, pattern):
                return written
        return None
