"""Run a program to its end and collect its exit code and output, for the hooks' hot path.

`subprocess` costs a hook about 10 ms to import (locale, re, signal, threading, selectors),
more than the one-file Ruff run it waits for. On POSIX this module spawns the program with
`os.posix_spawn` and reads its pipes with `select.poll` (about 1 ms to import);
elsewhere it falls back on `subprocess`. Like `subprocess.run(..., capture_output=True)`:
the program inherits the environment, the working folder and (without `stdin`) the standard
input; a program that cannot be started raises OSError; an exception while waiting (Ctrl-C)
kills the program before it propagates.

`meanwhile`, an iterator, is stepped while the program runs and its pipes are quiet: work the
caller may need next (the fix hook imports its planning half while Ruff checks). A step is
never interrupted, so steps are kept short; none is taken once the program has closed its
output, and a step that raises ends the iteration (the work is only done ahead of time).
"""

from __future__ import annotations

import os
import select

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

_CHUNK = 65536
_SIGKILL = 9
# Python ignores SIGPIPE and SIGXFSZ; like subprocess, the program gets their defaults back
# (the same numbers on Linux and macOS; `signal` is not imported for them).
_RESTORED_SIGNALS = (13, 25)


class Completed:
    __slots__ = ("returncode", "stderr", "stdout")

    def __init__(self, returncode: int, stdout: bytes, stderr: bytes) -> None:
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr


def run(
    argv: list[str], stdin: bytes | None = None, meanwhile: Iterator[object] | None = None
) -> Completed:
    """Run `argv` (looked up on PATH when it names no folder), feeding it `stdin`."""
    if not hasattr(os, "posix_spawn"):
        import subprocess

        proc = subprocess.run(argv, input=stdin, capture_output=True, check=False)
        return Completed(proc.returncode, proc.stdout, proc.stderr)
    return _spawned(argv, stdin, meanwhile)


def _spawned(argv: list[str], stdin: bytes | None, meanwhile: Iterator[object] | None) -> Completed:
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    in_r, in_w = os.pipe() if stdin is not None else (-1, -1)
    # dup2 clears close-on-exec on the copies; the pipes' own ends close at exec.
    actions = [(os.POSIX_SPAWN_DUP2, out_w, 1), (os.POSIX_SPAWN_DUP2, err_w, 2)]
    if stdin is not None:
        actions.append((os.POSIX_SPAWN_DUP2, in_r, 0))
    spawn = os.posix_spawn if os.sep in argv[0] else os.posix_spawnp
    try:
        pid = spawn(argv[0], argv, os.environ, file_actions=actions, setsigdef=_RESTORED_SIGNALS)
    except BaseException:
        for fd in (out_r, out_w, err_r, err_w, in_r, in_w):
            if fd >= 0:
                os.close(fd)
        raise
    for fd in (out_w, err_w, in_r):
        if fd >= 0:
            os.close(fd)
    try:
        stdout, stderr = _communicate(select.poll(), out_r, err_r, in_w, stdin or b"", meanwhile)
        _, status = os.waitpid(pid, 0)
    except BaseException:
        os.kill(pid, _SIGKILL)
        os.waitpid(pid, 0)
        raise
    return Completed(os.waitstatus_to_exitcode(status), stdout, stderr)


def _communicate(
    poller: select.poll,
    out_r: int,
    err_r: int,
    in_w: int,
    data: bytes,
    meanwhile: Iterator[object] | None = None,
) -> tuple[bytes, bytes]:
    chunks: dict[int, list[bytes]] = {out_r: [], err_r: []}
    open_fds = {out_r, err_r}
    for fd in open_fds:
        poller.register(fd, 1)  # POLLIN
    pending: memoryview | None = memoryview(data)
    if in_w >= 0:
        os.set_blocking(in_w, False)
        open_fds.add(in_w)
        poller.register(in_w, 4)  # POLLOUT
    try:
        while open_fds:
            events = poller.poll(0 if meanwhile is not None else None)
            if not events and meanwhile is not None:
                meanwhile = _step(meanwhile)
                continue
            for fd, _ in events:
                if fd == in_w and pending is not None:
                    pending = _feed(in_w, pending)
                    if pending is None:
                        poller.unregister(fd)
                        open_fds.discard(fd)
                        os.close(fd)
                    continue
                chunk = os.read(fd, _CHUNK)
                if chunk:
                    chunks[fd].append(chunk)
                else:
                    poller.unregister(fd)
                    open_fds.discard(fd)
                    os.close(fd)
    finally:
        for fd in open_fds:
            os.close(fd)
    return b"".join(chunks[out_r]), b"".join(chunks[err_r])


def _step(meanwhile: Iterator[object]) -> Iterator[object] | None:
    """One step of `meanwhile`; None once it is done or failed."""
    try:
        next(meanwhile)
    except Exception:  # noqa: BLE001 (StopIteration too): the work is only ever done ahead of time
        return None
    return meanwhile


def _feed(fd: int, pending: memoryview) -> memoryview | None:
    """Write what the pipe takes; None once all is written (or the program stopped reading)."""
    try:
        written = os.write(fd, pending[:_CHUNK])
    except BlockingIOError:
        return pending
    except BrokenPipeError:
        return None
    rest = pending[written:]
    return rest if len(rest) else None
