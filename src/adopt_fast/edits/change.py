"""A planned edit of one file: shown as a unified diff, or applied atomically."""

from __future__ import annotations

from dataclasses import dataclass

from adopt_fast.edits.textfile import write_atomic


@dataclass(frozen=True)
class Change:
    path: str
    old: bytes | None  # None: the file does not exist yet
    new: bytes
    encoding: str = "utf-8"  # how the bytes are shown in a diff (a Python source may declare one)

    def diff(self, label: str | None = None) -> str:
        """A unified diff; line endings are shown as they are (a CRLF file diffs as CRLF).
        `label` names the file in the headers (default: its path)."""
        old = (self.old or b"").decode(self.encoding, "surrogateescape").splitlines(keepends=True)
        new = self.new.decode(self.encoding, "surrogateescape").splitlines(keepends=True)
        import difflib  # lazily: `adopt-fast check` reads files but never diffs them

        name = self.path if label is None else label
        before = "/dev/null" if self.old is None else f"a/{name}"
        lines = difflib.unified_diff(old, new, before, f"b/{name}")
        return "".join(
            line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
            for line in lines
        )

    def size(self) -> str:
        """The lines the diff adds and removes, as in "+3 lines", "+1 line", "+6 -13 lines"
        (ASCII, for any console encoding)."""
        marks = [line[:1] for line in self.diff().splitlines()[2:] if not line.startswith("@@")]
        added, removed = marks.count("+"), marks.count("-")
        counts = f"+{added} -{removed}" if removed else f"+{added}"
        return f"{counts} line{'' if added + removed == 1 else 's'}"

    def apply(self) -> None:
        write_atomic(self.path, self.new)
