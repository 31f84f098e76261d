"""The one error type users see: a file, a line, what is wrong and how to fix it."""

from __future__ import annotations

import atexit
import os
import sys

# Annotations only: `collections.abc` costs the hooks a few ms to import.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import NoReturn

# Exit codes, the same for every command and hook (README, "Exit codes").
EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT_ERROR = 2
EXIT_INTERNAL_ERROR = 3
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
        relative = os.path.relpath(self.path, root)
        if not relative.startswith(os.pardir) and relative != os.curdir:
            self.path = relative
        return self

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return printable(f"adopt-fast: {where}: {self.what} ({self.fix})")


def printable(text: str) -> str:
    """`text` on one line for any terminal: control characters (a NUL, a newline in a file
    name) and undecodable bytes of a file name escaped as Python writes them."""
    if text.isprintable():
        return text
    return "".join(
        c if c.isprintable() else c.encode("unicode_escape", "backslashreplace").decode("ascii")
        for c in text
    )


def _tolerant_streams() -> None:
    """A character the console cannot encode (a non-UTF-8 folder name under a strict UTF-8
    stdout) is printed escaped, never a UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (OSError, ValueError):  # a closed or detached stream: nothing to print to
                pass


def exit_at_once(code: int) -> NoReturn:
    """End the process with `code` once its exit functions have run and its output is
    flushed, without the rest of the interpreter's teardown: a hook that has removed an
    import has many objects left (syntax trees, the word index's listing), and freeing them
    one by one at exit took 10 ms of each such commit. Only for a console script's last
    step: the files it wrote are closed by then and its child processes reaped. What others
    registered to run at exit still runs (coverage's, from a `.pth` file). A flush that
    fails gives 120, as Python's own exit does."""
    run_exit_functions = getattr(atexit, "_run_exitfuncs", None)  # CPython's, and PyPy's
    if run_exit_functions is not None:
        run_exit_functions()
    for stream in (sys.stdout, sys.stderr):
        if stream is None:  # started with that descriptor closed
            continue
        try:
            stream.flush()
        except (OSError, ValueError):
            code = 120
    os._exit(code)


def run_guarded(prog: str, action: Callable[[], int]) -> int:
    """Run a command or hook body; map every way it can end to one line and an exit code.

    The one error handler of the CLI and the hooks: a user sees a line that names the fix,
    never a traceback (ADOPT_FAST_DEBUG=1 shows it for a bug report).
    """
    _tolerant_streams()
    try:
        return action()
    except InputError as e:
        print(e, file=sys.stderr)
        return EXIT_INPUT_ERROR
    except KeyboardInterrupt:
        print(f"{prog}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader stopped early (`adopt-fast init --diff | head`): nothing went wrong here.
        # Point stdout at devnull so the flush at exit stays quiet (Python docs, "Note on SIGPIPE").
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FINDINGS
    except Exception as e:
        if os.environ.get("ADOPT_FAST_DEBUG"):
            raise
        print(
            f"{prog}: internal error: {type(e).__name__}: {e} "
            "(rerun with ADOPT_FAST_DEBUG=1 for the traceback and report it)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL_ERROR
