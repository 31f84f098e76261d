"""Read a user's text file exactly, and write it back atomically.

Reading keeps what a rewrite must preserve (BOM, line endings, final newline); writing goes
through a temporary file in the same folder and `os.replace`, and keeps the file's mode.
Every failure is an `InputError` naming the file (and line) and the fix, never a traceback.
"""

from __future__ import annotations

import os
import re
import stat
import sys

from adopt_fast.errors import InputError
from adopt_fast.values import Value

BOM = "\ufeff"


class TextFile(Value):
    __slots__ = ("bom", "encoding", "newline", "path", "text")

    def __init__(
        self,
        path: str,
        text: str,  # decoded, BOM removed, line endings as in the file
        bom: bool,
        newline: str,  # the file's line ending: "\r\n" or "\n"
        encoding: str = "utf-8",  # a Python source's PEP 263 coding cookie can name another codec
    ) -> None:
        self.path = path
        self.text = text
        self.bom = bom
        self.newline = newline
        self.encoding = encoding

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
    """The bytes of `path`, or InputError naming why it cannot be read. Only a regular file
    is read: a FIFO or a device could block forever or never end. It is opened without
    blocking and checked before the first read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except IsADirectoryError:
        raise InputError(path, "is a directory, not a file", "remove or rename it") from None
    except FileNotFoundError:
        raise InputError(path, "does not exist", "check the path") from None
    except OSError as e:
        raise InputError(path, f"cannot be read: {e.strerror}", "check its permissions") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise InputError(path, "is a directory, not a file", "remove or rename it")
        raise InputError(
            path, "is not a regular file (a FIFO, socket or device)", "replace it with a file"
        )
    with os.fdopen(fd, "rb") as f:
        try:
            return f.read()
        except OSError as e:
            raise InputError(
                path, f"cannot be read: {e.strerror}", "check its permissions"
            ) from None


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
        cookie = re.compile(rb"^[ \t\f]*#.*?coding[:=]")
        first_two = raw.splitlines()[:2]
        line = next((n for n, text in enumerate(first_two, 1) if cookie.match(text)), None)
        raise InputError(
            path,
            f"has an unusable encoding declaration: {e.msg}",
            "fix its `# -*- coding: ... -*-` line",
            line=e.lineno or line,
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


# FS_IOC_GETFLAGS and FS_IMMUTABLE_FL from <linux/fs.h>: `chattr +i` files and folders.
_FS_IOC_GETFLAGS = 0x80086601
_FS_IMMUTABLE_FL = 0x10


def is_immutable(path: str) -> bool:
    """Whether `path` carries the immutable attribute (Linux `chattr +i`), which even root
    cannot write through and `chmod` does not clear."""
    if not sys.platform.startswith("linux"):
        return False
    import array
    import fcntl

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    try:
        flags = array.array("l", [0])
        fcntl.ioctl(fd, _FS_IOC_GETFLAGS, flags, True)
        return bool(flags[0] & _FS_IMMUTABLE_FL)
    except OSError:
        return False
    finally:
        os.close(fd)


def _writable_hint(path: str) -> str:
    """A command to paste here: the path as given, normalised."""
    shown = os.path.normpath(path)
    if is_immutable(os.path.realpath(path)):
        return f"it is immutable: run `chattr -i {shown}` first"
    return f"run `chmod u+w {shown}` first"


def ensure_writable(path: str) -> None:
    """Refuse files the user marked read-only (even as root, where os.access would say yes),
    immutable files, and files in folders that cannot take a new file."""
    target = os.path.realpath(path)
    folder = os.path.dirname(target) or "."
    try:
        st = os.stat(target)
    except FileNotFoundError:
        if not os.access(folder, os.W_OK) or is_immutable(folder):
            raise InputError(
                path,
                "cannot be created: its folder is not writable",
                _writable_hint(folder).replace("first", "and run adopt-fast again"),
            ) from None
        return
    if not stat.S_ISREG(st.st_mode):
        raise InputError(path, "is not a regular file; left untouched", "replace it with a file")
    if not st.st_mode & stat.S_IWUSR or not os.access(target, os.W_OK) or is_immutable(target):
        raise InputError(path, "is read-only; left untouched", _writable_hint(path))
    if not os.access(folder, os.W_OK) or is_immutable(folder):
        # The file is replaced through a temporary file next to it (os.replace).
        raise InputError(
            path,
            f"cannot be rewritten: its folder {os.path.normpath(folder)} is not writable",
            _writable_hint(folder).replace("first", "and run adopt-fast again"),
        )


class StagedWrite:
    """New contents written to a temporary file next to the target, not yet in place."""

    def __init__(self, path: str, target: str, temporary: str) -> None:
        self.path = path  # as given (it may be a symlink: its target is replaced)
        self.target = target
        self.temporary = temporary

    def commit(self) -> None:
        os.replace(self.temporary, self.target)

    def discard(self) -> None:
        try:
            os.unlink(self.temporary)
        except FileNotFoundError:
            pass


def _failed(path: str, doing: str, error: OSError) -> InputError:
    folder = os.path.dirname(os.path.realpath(path)) or "."
    reason = error.strerror or type(error).__name__
    return InputError(
        path,
        f"cannot be written: {doing} failed ({reason}); no file was changed",
        _writable_hint(folder).replace("first", "and run adopt-fast again")
        if isinstance(error, PermissionError)
        else "free some space or fix the folder, then run adopt-fast again",
    )


def _temporary_file(folder: str, name: str) -> tuple[int, str]:
    """A new file `.name.<random>.tmp` in `folder`, opened for writing, readable by its owner
    only (as `tempfile.mkstemp` makes it; `tempfile` costs the fix hook 2 ms to import)."""
    for _ in range(100):
        path = os.path.join(folder, f".{name}.{os.urandom(4).hex()}.tmp")
        try:
            return os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | _O_CLOEXEC, 0o600), path
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {folder}")


_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def stage_write(path: str, data: bytes) -> StagedWrite:
    """Write `data` to a temporary file beside `path`'s target, with the target's mode (and
    owner, where allowed); InputError when that cannot be done. Nothing is replaced yet."""
    target = os.path.realpath(path)
    ensure_writable(path)
    folder = os.path.dirname(target) or "."
    try:
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        st = None
    if st is None:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    else:
        mode = stat.S_IMODE(st.st_mode)
    try:
        fd, tmp = _temporary_file(folder, os.path.basename(target))
    except OSError as e:
        raise _failed(path, f"creating a temporary file in {os.path.normpath(folder)}", e) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        if st is not None and (st.st_uid, st.st_gid) != (os.getuid(), os.getgid()):
            try:
                os.chown(tmp, st.st_uid, st.st_gid)
            except PermissionError:
                pass  # not root: the file becomes the user's own, as any editor would make it
    except BaseException as e:
        os.unlink(tmp)
        if isinstance(e, OSError):
            raise _failed(path, "writing a temporary file", e) from None
        raise
    return StagedWrite(path, target, tmp)


def write_atomic(path: str, data: bytes) -> None:
    """Replace the file (or a symlink's target) with `data` in one step, keeping its mode."""
    staged = stage_write(path, data)
    try:
        staged.commit()
    except OSError as e:
        staged.discard()
        raise _failed(path, "replacing it", e) from None
    except BaseException:
        staged.discard()
        raise
