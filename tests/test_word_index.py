"""The word index the fix consults instead of a text search of every file: exact after every
change a commit can bring (an edit, a new file tracked or not, a new folder, a deleted file, a
changed .gitignore), in git repositories and outside them, and harmless when its cache is
broken or read-only. And the spawner the hooks run programs with."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtesting import run_fix

from adopt_fast import process
from adopt_fast.imports import wordindex
from adopt_fast.imports.project import Project
from adopt_fast.imports.wordindex import FOLDER, WordIndex, words_of
from testing import write_files


@pytest.fixture(autouse=True, params=["checked here", "checked by a child process"])
def checked_by(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test twice: the index's stats taken by this process, and by a forked child (as on
    a repository of 1,500 files or more). pytest-xdist's workers run an idle I/O thread, so
    the one-thread rule is lifted for the child case."""
    forked = request.param == "checked by a child process"
    if forked and not hasattr(os, "fork"):
        pytest.skip("no fork on this system")
    monkeypatch.setattr(wordindex, "_FORK_FROM", 0 if forked else 10**9)
    if forked:
        monkeypatch.setattr(wordindex, "_can_fork", lambda: True)

        def trusted_answer(check: wordindex._Check) -> object:
            # A child answer refused would fall back on this process's check unseen: every
            # one is taken here, and is what this process finds.
            answer = _REAL_ANSWER(check)
            assert answer is not None, "the child's answer was refused"
            assert answer == check.index._checked(), "the child saw what this process sees"
            return answer

        monkeypatch.setattr(wordindex._Check, "answer", trusted_answer)
    return str(request.param)


_REAL_ANSWER = wordindex._Check.answer


def _project(root: Path, files: dict[str, str | bytes], *, git: bool = True) -> Project:
    write_files(root, {".ruff_cache/.gitignore": "*\n", **files})
    if git:
        subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    return Project(os.path.realpath(root), git=git)


def _index(project: Project) -> WordIndex:
    index = WordIndex.begin(project, os.path.join(project.root, ".ruff_cache"))
    assert index is not None
    if index.files and not index._stale:  # an index to check, not one to build
        assert isinstance(index._checking, wordindex._Check) is (wordindex._FORK_FROM == 0)
    return index.finish()


def _mentions_agree(index: WordIndex, words: list[str], more: tuple[str, ...] = ()) -> None:
    """`mentions`, which searches one file's words, answers as `files_with` does for every
    file the index holds, and for `more` (files it does not: gone, never there)."""
    for word in words:
        found = set(index.files_with(word))
        for relative in [*index.listing(), *more]:
            assert index.mentions(relative, word) is (relative in found), (relative, word)


def _compat_repository(root: Path, more: dict[str, str] | None = None) -> None:
    """A git repository with a compat module, a file with an unused import, and `more`."""
    write_files(
        root,
        {
            ".ruff_cache/.gitignore": "*\n",
            "pkg/__init__.py": "",
            "pkg/compat.py": "from shlex import quote as shell_quote\n",
            "pkg/other.py": "import os\n",
            **(more or {}),
        },
    )
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)


def _bump(path: Path, text: str) -> None:
    """Rewrite `path` so that its size or modification time surely differs."""
    before = path.stat()
    path.write_text(text)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))


def test_words_are_framed_and_star_imports_marked() -> None:
    words = words_of(b"from pkg.compat import *\nx = shell_quote('a')  # caf\xc3\xa9\n")
    assert b"\nshell_quote\n" in words and b"\ncompat\n" in words
    assert b"\n*\n" in words, "a star import is marked"
    assert b"\ncaf\xc3\xa9\n" in words, "a non-ASCII identifier is one word"
    assert b"\nshell\n" not in words, "a part of a word is no word"
    assert words_of(b"x = 1\n").count(b"\n*\n") == 0


def test_queries_on_a_fresh_index(tmp_path: Path) -> None:
    project = _project(
        tmp_path,
        {
            "pkg/compat.py": "from shlex import quote as shell_quote\n",
            "tests/test_cli.py": "from pkg.compat import shell_quote\n",
            "docs/usage.rst": ">>> from pkg.compat import *\n",
            "notes.bin": "compat\n",  # not a searched suffix
        },
    )
    index = _index(project)
    assert sorted(index.files_with("compat")) == ["docs/usage.rst", "tests/test_cli.py"]
    assert index.files_with("shell_quote") == ["pkg/compat.py", "tests/test_cli.py"]
    assert "tests/test_cli.py" not in index.files_with("quote"), "a part of a word is none"
    assert index.has_star_import("docs/usage.rst")
    assert not index.has_star_import("tests/test_cli.py")
    assert index.mentions("tests/test_cli.py", "compat")
    assert not index.mentions("notes.bin", "compat"), "a file the index does not hold"
    _mentions_agree(index, ["compat", "shell_quote", "quote", "pkg"], ("notes.bin",))
    assert (tmp_path / ".ruff_cache" / FOLDER / "index.marshal").is_file(), "saved"
    read_back = _index(project)
    assert read_back.has_star_import("docs/usage.rst")
    assert not read_back.has_star_import("tests/test_cli.py")


def test_an_edited_file_is_read_again(tmp_path: Path) -> None:
    project = _project(tmp_path, {"pkg/a.py": "x = 1\n", "pkg/b.py": "y = 2\n"})
    assert _index(project).files_with("shell_quote") == []
    _bump(tmp_path / "pkg/b.py", "from pkg.a import shell_quote\n")
    again = _index(project)
    assert again.files_with("shell_quote") == ["pkg/b.py"]
    assert again.files_with("y") == [], "the words it had are gone"
    assert again.mentions("pkg/b.py", "shell_quote") and not again.mentions("pkg/b.py", "y")
    _mentions_agree(again, ["shell_quote", "x", "y"])
    # Not saved for one file, so the next run reads it again and still knows.
    assert _index(project).files_with("shell_quote") == ["pkg/b.py"]
    # A query on an index only begun checks it first.
    _bump(tmp_path / "pkg/a.py", "from pkg.b import shell_quote\n")
    begun = WordIndex.begin(project, os.path.join(project.root, ".ruff_cache"))
    assert begun is not None and begun.files_with("shell_quote") == ["pkg/a.py", "pkg/b.py"]
    _bump(tmp_path / "pkg/a.py", "x = 1\n")
    # Star imports are kept apart from the words: one made, one taken out, by edits.
    _bump(tmp_path / "pkg/a.py", "from pkg.b import *\n")
    _bump(tmp_path / "pkg/b.py", "y = 2\n")
    starred = _index(project)
    assert starred.has_star_import("pkg/a.py") and not starred.has_star_import("pkg/b.py")
    _bump(tmp_path / "pkg/a.py", "x = 1\n")
    assert not _index(project).has_star_import("pkg/a.py")


def test_new_deleted_and_ignored_files(tmp_path: Path) -> None:
    project = _project(
        tmp_path, {".gitignore": "build/\n*.log.py\n", "pkg/a.py": "x = 1\n", "tests/t.py": ""}
    )
    _index(project)
    write_files(
        tmp_path,
        {
            "tests/test_new.py": "from pkg.a import shell_quote\n",  # untracked, not ignored
            "tests/deep/er/test_x.py": "from pkg.a import deep_name\n",  # a new folder
            "pkg/x.log.py": "shell_quote\n",  # ignored
            "build/lib/pkg/a.py": "shell_quote\n",  # in an ignored folder
        },
    )
    (tmp_path / "tests/t.py").unlink()
    index = _index(project)
    assert index.files_with("shell_quote") == ["tests/test_new.py"]
    assert index.files_with("deep_name") == ["tests/deep/er/test_x.py"]
    assert "tests/t.py" not in index.listing()
    assert index.mentions("tests/deep/er/test_x.py", "deep_name"), "a new file's words"
    _mentions_agree(index, ["shell_quote", "deep_name", "x"], ("tests/t.py", "pkg/x.log.py"))
    # Saved: a later run knows them without looking again.
    again = _index(project)
    assert again.files_with("deep_name") == ["tests/deep/er/test_x.py"]
    assert "tests/t.py" not in again.files


def test_a_file_emptied_is_not_a_file_gone(tmp_path: Path) -> None:
    # An emptied file has no words; it is still there (the module finder lists it).
    project = _project(tmp_path, {"pkg/__init__.py": "import os\n", "pkg/a.py": "x = 1\n"})
    _index(project)
    _bump(tmp_path / "pkg/__init__.py", "")
    index = _index(project)
    assert "pkg/__init__.py" in index.listing() and index.files_with("os") == []
    (tmp_path / "pkg/a.py").unlink()
    index = _index(project)
    assert "pkg/a.py" not in index.listing() and "pkg/__init__.py" in index.listing()
    assert "pkg/__init__.py" in _index(project).files, "saved with the file gone"


def test_a_changed_gitignore_starts_the_listing_over(tmp_path: Path) -> None:
    project = _project(tmp_path, {".gitignore": "gen/\n", "gen/made.py": "shell_quote\n"})
    assert _index(project).files_with("shell_quote") == []
    _bump(tmp_path / ".gitignore", "# nothing ignored any more\n")
    assert _index(project).files_with("shell_quote") == ["gen/made.py"]


def test_outside_git_environments_are_not_searched(tmp_path: Path) -> None:
    project = _project(tmp_path, {"setup.py": "", "pkg/a.py": "x = 1\n"}, git=False)
    _index(project)
    write_files(
        tmp_path,
        {
            "pkg/b.py": "from pkg.a import shell_quote\n",
            ".venv/lib/site.py": "shell_quote\n",
            "new/c.py": "shell_quote\n",
        },
    )
    assert sorted(_index(project).files_with("shell_quote")) == ["new/c.py", "pkg/b.py"]


def test_a_broken_or_foreign_index_is_rebuilt(tmp_path: Path) -> None:
    project = _project(tmp_path, {"pkg/a.py": "shell_quote\n"})
    _index(project)
    saved = tmp_path / ".ruff_cache" / FOLDER / "index.marshal"
    for damage in (b"", b"not marshal", saved.read_bytes()[:100]):
        saved.write_bytes(damage)
        assert _index(project).files_with("shell_quote") == ["pkg/a.py"]
    for words in (tmp_path / ".ruff_cache" / FOLDER).glob("words-*.bin"):
        words.write_bytes(b"\nshort\n")  # no longer the length the listing says
    assert _index(project).files_with("shell_quote") == ["pkg/a.py"]
    other = Project(str(tmp_path / "elsewhere"), git=False)
    (tmp_path / "elsewhere").mkdir()
    moved = WordIndex.begin(other, str(tmp_path / ".ruff_cache"))
    assert moved is not None and moved.listing() == [], "an index of another root is not used"


def test_no_ruff_cache_no_index(tmp_path: Path) -> None:
    write_files(tmp_path, {"pkg/a.py": "x\n"})
    assert WordIndex.begin(Project(str(tmp_path), git=False), str(tmp_path / ".ruff_cache")) is None


def test_a_cache_folder_that_cannot_hold_the_index_still_answers(tmp_path: Path) -> None:
    # A file where the index's folder should be (root ignores mode bits, not this).
    project = _project(tmp_path, {"pkg/a.py": "shell_quote\n", ".ruff_cache/adopt-fast": "x"})
    assert _index(project).files_with("shell_quote") == ["pkg/a.py"]


def test_the_fix_keeps_an_import_a_file_made_after_the_index_uses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The promise the index must keep: it is never stale. A test written after the last
    # run, not yet added to git, imports the compat name: the import stays.
    _compat_repository(tmp_path)
    assert run_fix(tmp_path, capsys, "pkg/other.py").code == 1  # the index is made
    assert (tmp_path / ".ruff_cache" / FOLDER / "index.marshal").is_file()
    write_files(tmp_path, {"tests/test_compat.py": "from pkg.compat import shell_quote\n"})
    result = run_fix(tmp_path, capsys, "--show-kept", "pkg/compat.py")
    assert (tmp_path / "pkg/compat.py").read_text() == "from shlex import quote as shell_quote\n"
    assert "imported from here by tests/test_compat.py:1" in result.err, result.err
    (tmp_path / "tests/test_compat.py").unlink()
    result = run_fix(tmp_path, capsys, "pkg/compat.py")
    assert (tmp_path / "pkg/compat.py").read_text() == "", result.err


_HOOK_NOTING_THE_FORK = """
import sys
import time
from collections.abc import Iterator
from adopt_fast.imports import wordindex
start = wordindex._Check.start.__func__
def noted(cls, index):
    check = start(cls, index)
    print("child check:", type(check).__name__, file=sys.stderr)
    return check
wordindex._Check.start = classmethod(noted)
from pre_commit_hooks.adopt_fast_fix_imports import main
sys.exit(main())
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")
def test_the_hook_on_a_large_repository_has_a_child_check_it(tmp_path: Path) -> None:
    # 1,600 files: the hook's own process forks a child for the stats (_FORK_FROM); what the
    # child finds changed is what the fix then sees.
    modules = {f"pkg/m{i:04}.py": "x = 1\n" for i in range(1600)}
    _compat_repository(tmp_path, modules)

    def hook(path: str) -> subprocess.CompletedProcess[str]:
        argv = [sys.executable, "-c", _HOOK_NOTING_THE_FORK, path]
        return subprocess.run(argv, cwd=tmp_path, capture_output=True, text=True, check=False)

    first = hook("pkg/other.py")  # the index is made: nothing to check yet
    assert first.returncode == 1 and (tmp_path / "pkg/other.py").read_text() == "", first.stderr
    _bump(tmp_path / "pkg" / "m0777.py", "from pkg.compat import shell_quote\n")
    kept = hook("pkg/compat.py")
    assert "child check: _Check" in kept.stderr, kept.stderr
    assert kept.returncode == 0, kept.stderr
    assert (tmp_path / "pkg/compat.py").read_text() == "from shlex import quote as shell_quote\n"
    _bump(tmp_path / "pkg" / "m0777.py", "x = 2\n")
    removed = hook("pkg/compat.py")
    assert "child check: _Check" in removed.stderr and removed.returncode == 1, removed.stderr
    assert (tmp_path / "pkg/compat.py").read_text() == ""


def test_a_single_threaded_process_can_fork() -> None:
    probe = "from adopt_fast.imports import wordindex; print(wordindex._can_fork())"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == str(hasattr(os, "fork"))


def _child(answer: bytes, code: int = 0) -> tuple[int, int]:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        os.write(write, answer)
        os._exit(code)
    os.close(write)
    return pid, read


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")
@pytest.mark.parametrize(
    "case",
    [
        "wrote nothing",
        "not marshal",
        "failed",  # a good answer, from a child that exited 1
        "position past the listing",
        "positions not ints",
        "folders of another listing",
        "folder time not an int",
    ],
)
def test_a_child_answer_that_cannot_be_trusted_is_not_used(tmp_path: Path, case: str) -> None:
    project = _project(tmp_path, {"pkg/mod.py": "import os\n"})
    index = _index(project)
    folders = [None] * len(index._folders)
    assert len(folders) == 2 and len(index.files) == 1
    answers = {
        "wrote nothing": (b"", 0),
        "not marshal": (b"\x00garbage", 0),
        "failed": (wordindex.marshal.dumps(([0], folders)), 1),
        "position past the listing": (wordindex.marshal.dumps(([1], folders)), 0),
        "positions not ints": (wordindex.marshal.dumps((["0"], folders)), 0),
        "folders of another listing": (wordindex.marshal.dumps(([0], folders[:1])), 0),
        "folder time not an int": (wordindex.marshal.dumps(([0], ["1", None])), 0),
    }
    good = wordindex._Check(index, *_child(wordindex.marshal.dumps(([0], folders))))
    assert _REAL_ANSWER(good) == ([0], folders), "the same answer, trusted"
    check = wordindex._Check(index, *_child(*answers[case]))
    assert _REAL_ANSWER(check) is None


def test_a_failed_child_leaves_the_check_to_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, checked_by: str
) -> None:
    project = _project(tmp_path, {"pkg/mod.py": "import os\n", "pkg/other.py": "x = 1\n"})
    _index(project)
    _bump(tmp_path / "pkg" / "other.py", "from pkg.mod import os\n")
    # The child's answer is lost (as when the child is killed); the parent checks itself.
    monkeypatch.setattr(wordindex._Check, "answer", lambda self: _REAL_ANSWER(self) and None)
    index = _index(project)
    assert index.files_with("os") == ["pkg/mod.py", "pkg/other.py"]


def test_spawn_collects_output_exit_code_and_input() -> None:
    done = process.run([sys.executable, "-c", "import sys; print('out'); sys.exit(3)"])
    assert (done.returncode, done.stdout.strip(), done.stderr) == (3, b"out", b"")
    big = os.urandom(3_000_000)
    # More than a pipe holds, both ways at once: no deadlock.
    echoed = process.run(["cat"], big)
    assert echoed.returncode == 0 and echoed.stdout == big
    both = process.run(
        [sys.executable, "-c", "import sys; sys.stderr.write('e' * 200000); print('o' * 200000)"]
    )
    assert len(both.stderr) == 200000 and len(both.stdout.strip()) == 200000


def test_spawn_looks_up_path_and_raises_oserror() -> None:
    assert process.run(["true"]).returncode == 0
    with pytest.raises(OSError):
        process.run(["adopt-fast-no-such-program"])
    with pytest.raises(OSError):
        process.run([os.path.join(os.sep, "no", "such", "program")])


def test_spawn_gives_sigpipe_back_to_the_program() -> None:
    # Python ignores SIGPIPE; a program that inherited that would complain of a broken pipe.
    done = process.run(["sh", "-c", "yes | head -c 1"])
    assert (done.returncode, done.stdout, done.stderr) == (0, b"y", b"")


def test_spawn_stops_feeding_a_program_that_stops_reading() -> None:
    done = process.run(["head", "-c", "5"], b"x" * 5_000_000)
    assert (done.returncode, done.stdout) == (0, b"xxxxx")


def test_spawn_steps_meanwhile_while_the_program_runs_and_not_after() -> None:
    taken: list[int] = []

    def steps(count: int, pause: float) -> Iterator[None]:
        for i in range(count):
            time.sleep(pause)
            taken.append(i)
            yield None

    slow = [sys.executable, "-c", "import time; time.sleep(0.5); print('done')"]
    done = process.run(slow, meanwhile=steps(5, 0.01))
    assert done.stdout.strip() == b"done" and taken == [0, 1, 2, 3, 4], "all taken meanwhile"
    taken.clear()
    started = time.perf_counter()
    quick = process.run(["true"], meanwhile=steps(100, 0.05))
    assert quick.returncode == 0
    assert len(taken) < 20 and time.perf_counter() - started < 1.5, "no steps once it is done"


def test_spawn_meanwhile_that_fails_stops_only_itself() -> None:
    def steps() -> Iterator[None]:
        yield None
        raise ImportError("a step that fails")

    slow = [sys.executable, "-c", "import time; time.sleep(0.3); print('done')"]
    done = process.run(slow, meanwhile=steps())
    assert (done.returncode, done.stdout.strip()) == (0, b"done")


def test_the_fix_imports_ahead_only_what_exists() -> None:
    # A misspelt name would only stop the steps taken while Ruff runs, silently.
    from adopt_fast.imports import engine

    for name in engine._AHEAD:
        __import__(name)
    assert "adopt_fast.imports.fixrun" in engine._AHEAD


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")
def test_a_check_no_query_took_is_ended(tmp_path: Path, checked_by: str) -> None:
    project = _project(tmp_path, {"pkg/mod.py": "import os\n"})
    _index(project)
    index = WordIndex.begin(project, os.path.join(project.root, ".ruff_cache"))
    assert index is not None
    check = index._checking
    assert (check is not None) is (checked_by == "checked by a child process")
    index.close()
    assert index._checking is None
    if check is not None:  # its child is gone, reaped
        with pytest.raises(ChildProcessError):
            os.waitpid(check.pid, os.WNOHANG)
