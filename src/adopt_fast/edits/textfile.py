"""Read a user's text file exactly, and write it back atomically.

Reading keeps what a rewrite must preserve (BOM, line endings, final newline); writing goes
through a temporary file in the same folder and `os.replace`, and keeps the file's mode.
Every failure is an `InputError` naming the file (and line) and the fix, never a traceback.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass

from adopt_fast.errors import InputError

BOM = "\ufeff"


@dataclass(frozen=True)
class TextFile:
    path: str
    text: str  # decoded, BOM removed, line endings as in the file
    bom: bool
    newline: str  # the file's line ending: "\r\n" or "\n"
    encoding: str = "utf-8"  # a Python source's PEP 263 coding cookie can name another codec

    @property
    def ends_with_newline(self) -> bool:
        return self.text.endswith(("\n", "\r"))

    def encode(self, text: str) -> bytes:
        """`text` as bytes with this file's BOM; `text` must already use this file's newline."""
        return ((BOM if self.bom else "") + text).encode(self.encoding)


def detect_newline(text: str) -> str:
    index = text.find("\n")
    return "\r\n" if index > 0 and text[index - 1] == "\r" else "\n"


def _read_bytes(path: str) -> bytes:
    """The bytes of `path`, or InputError naming why it cannot be read."""
    try:
        with open(path, "rb") as f:
            return f.read()
    except IsADirectoryError:
        raise InputError(path, "is a directory, not a file", "remove or rename it") from None
    except FileNotFoundError:
        raise InputError(path, "does not exist", "check the path") from None
    except OSError as e:
        raise InputError(path, f"cannot be read: {e.strerror}", "check its permissions") from None


def read_text(path: str, *, allow_symlink: bool = True) -> TextFile:
    """Read `path` as UTF-8 (with or without BOM) or raise InputError."""
    if not allow_symlink and os.path.islink(path):
        raise InputError(
            path,
            "is a symbolic link; refusing to edit through it",
            f"edit {os.path.realpath(path)} directly or replace the link with a file",
        )
    raw = _read_bytes(path)
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise InputError(
            path,
            f"is not valid UTF-8 (byte 0x{raw[e.start]:02x})",
            "re-save the file as UTF-8",
            line=line,
        ) from None
    bom = decoded.startswith(BOM)
    text = decoded[1:] if bom else decoded
    return TextFile(path=path, text=text, bom=bom, newline=detect_newline(text))


def read_python_source(path: str) -> TextFile:
    """Read a Python source the way Python does (PEP 263): UTF-8, with or without BOM, unless
    a coding cookie on its first two lines names another encoding; else raise InputError."""
    import codecs
    import tokenize

    if os.path.islink(path):
        raise InputError(
            path,
            "is a symbolic link; not editing through it",
            f"run on its target {os.path.realpath(path)} instead",
        )
    raw = _read_bytes(path)
    try:
        encoding, _ = tokenize.detect_encoding(iter(raw.splitlines(keepends=True)).__next__)
    except SyntaxError as e:  # an unknown codec in the cookie, or a cookie contradicting a BOM
        raise InputError(
            path,
            f"has an unusable encoding declaration: {e.msg}",
            "fix its `# -*- coding: ... -*-` line",
            line=e.lineno,
        ) from None
    encoding = codecs.lookup(encoding).name
    bom = encoding == "utf-8-sig"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        declared = encoding not in ("utf-8", "utf-8-sig")
        raise InputError(
            path,
            f"is not valid {encoding.removesuffix('-sig')} (byte 0x{raw[e.start]:02x})"
            + (
                ", the encoding its coding line declares"
                if declared
                else " and declares no other encoding"
            ),
            "re-save it as UTF-8, or declare its encoding in a `# -*- coding: ... -*-` line",
            line=line,
        ) from None
    text = text.removeprefix(BOM)
    return TextFile(
        path=path,
        text=text,
        bom=bom,
        newline=detect_newline(text),
        encoding="utf-8" if bom else encoding,
    )


def ensure_writable(path: str) -> None:
    """Refuse files the user marked read-only (even as root, where os.access would say yes)."""
    target = os.path.realpath(path)
    try:
        st = os.stat(target)
    except FileNotFoundError:
        folder = os.path.dirname(target) or "."
        if not os.access(folder, os.W_OK):
            raise InputError(
                path, "cannot be created: its folder is not writable", f"make {folder} writable"
            ) from None
        return
    if not st.st_mode & stat.S_IWUSR or not os.access(target, os.W_OK):
        # The hint is a command to paste here, so the path is the one given, normalised.
        hint = f"run `chmod u+w {os.path.normpath(path)}` first"
        raise InputError(path, "is read-only; left untouched", hint)


def write_atomic(path: str, data: bytes) -> None:
    """Replace the file (or a symlink's target) with `data` in one step, keeping its mode."""
    target = os.path.realpath(path)
    ensure_writable(path)
    folder = os.path.dirname(target) or "."
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    import tempfile  # lazily: most callers only read

    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(target)}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
