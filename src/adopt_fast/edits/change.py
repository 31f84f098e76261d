"""A planned edit of one file: shown as a unified diff, or applied atomically; several
planned edits applied all or nothing (`apply_all`)."""

from __future__ import annotations

import os
from collections.abc import Sequence

from adopt_fast.edits.textfile import StagedWrite, stage_write, write_atomic
from adopt_fast.errors import InputError
from adopt_fast.values import Value


class Change(Value):
    __slots__ = ("encoding", "new", "old", "path")

    def __init__(
        self,
        path: str,
        old: bytes | None,  # None: the file does not exist yet
        new: bytes,
        encoding: str = "utf-8",  # how the bytes are shown in a diff (a source may declare one)
    ) -> None:
        self.path = path
        self.old = old
        self.new = new
        self.encoding = encoding

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


def _outside(path: str, root: str) -> bool:
    target, base = os.path.realpath(path), os.path.realpath(root)
    return os.path.commonpath([target, base]) != base


def apply_all(changes: Sequence[Change], root: str | None = None) -> None:
    """Apply every change, or none: each file's new contents are staged next to it (which
    checks the file, its folder and the temporary file) before the first one is replaced,
    and when a later replacement still fails the files already replaced get their old
    bytes back (a file that did not exist is removed again). With `root`, a change whose
    file resolves outside it (a symlink out of the project) is refused before anything."""
    if root is not None:
        for change in changes:
            if _outside(change.path, root):
                raise InputError(
                    change.path,
                    f"is a symbolic link to {os.path.realpath(change.path)}, outside the "
                    "project; refusing to write there",
                    "replace the link with a copy of the file, or run adopt-fast in the "
                    "project it points into",
                )
    staged: list[StagedWrite] = []
    try:
        for change in changes:
            staged.append(stage_write(change.path, change.new))
    except BaseException:
        for write in staged:
            write.discard()
        raise
    done: list[Change] = []
    try:
        for change, write in zip(changes, staged, strict=True):
            write.commit()
            done.append(change)
    except BaseException as e:
        for write in staged[len(done) :]:
            write.discard()
        _restore(done)
        if isinstance(e, OSError):
            failed = changes[len(done)]
            raise InputError(
                failed.path,
                f"cannot be written: {e.strerror or e}; every file was left as it was",
                "check the file and its folder, then run adopt-fast again",
            ) from None
        raise


def _restore(done: Sequence[Change]) -> None:
    """Put back the old bytes of the files `apply_all` already replaced."""
    for change in reversed(done):
        if change.old is None:
            os.unlink(os.path.realpath(change.path))
        else:
            write_atomic(change.path, change.old)


def write_or_diff(changes: Sequence[Change], root: str, *, diff: bool) -> str:
    """`init`'s and `migrate`'s last step: the changes written all or nothing (not with
    `diff`), and what to print for them (`describe`). An InputError names its file relative to
    `root`."""
    if not diff:
        try:
            apply_all(changes, root)
        except InputError as e:
            raise e.relative_to(root) from None
    return describe(changes, root, diff=diff)


def describe(changes: Sequence[Change], root: str, *, diff: bool) -> str:
    """What `init` and `migrate` print for their changes: each one's unified diff (`diff`), or
    a `created|updated <file> (+n lines)` line each, names relative to `root`."""
    lines = []
    for change in changes:
        name = os.path.relpath(change.path, root)
        if diff:
            lines.append(change.diff(name))
        else:
            verb = "created" if change.old is None else "updated"
            lines.append(f"{verb} {name} ({change.size()})\n")
    return "".join(lines)
