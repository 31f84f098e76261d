"""The one error type users see: a file, a line, what is wrong and how to fix it."""

from __future__ import annotations

# Exit codes, the same for every command and hook (README, "Exit codes").
EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT_ERROR = 2
EXIT_INTERRUPTED = 130


class InputError(Exception):
    """Bad input: printed as one line `adopt-fast: <file>:<line>: <what> (<fix>)`, exit 2."""

    def __init__(self, path: str, what: str, fix: str, line: int | None = None) -> None:
        super().__init__(what)
        self.path = str(path)
        self.what = what
        self.fix = fix
        self.line = line

    def relative_to(self, root: str) -> InputError:
        """This error with its path as seen from the project at `root` (`pyproject.toml`, not
        `./pyproject.toml` or `/home/me/project/pyproject.toml`); paths outside it stay."""
        import os

        relative = os.path.relpath(self.path, root)
        if not relative.startswith(os.pardir) and relative != os.curdir:
            self.path = relative
        return self

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"adopt-fast: {where}: {self.what} ({self.fix})"
