"""Bad and unusual input across every command and hook: one line naming the file (and line),
the documented exit code, no traceback, and a tree whose bytes, modes and link targets are
exactly as before.

Each case runs the real command in a subprocess (a hang fails the case instead of the run)
in a fresh project. Write failures are forced with `chattr +i` where the file system allows it.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from testing import require

Setup = Callable[[Path], None]

RUFF_OK = '[project]\nname = "demo"\n\n[tool.ruff]\nline-length = 100\n'
FLAKE8 = "[flake8]\nmax-line-length = 100\n"
BLACK_REPO = (
    "repos:\n- repo: https://github.com/psf/black\n  rev: 23.1.0\n  hooks:\n  - id: black\n"
)


@dataclass(frozen=True)
class Case:
    argv: tuple[str, ...]  # "adopt-fast ..." or a hook module's name and its arguments
    files: dict[str, str | bytes]
    code: int
    names: str | None  # what the message must name: "file" or "file:line"
    says: str = ""  # a piece of the message
    setup: Setup | None = None  # links, FIFOs, modes
    immutable: tuple[str, ...] = ()  # paths made immutable (`chattr +i`) for the run
    stream: str = "stderr"  # where the message is
    extra: dict[str, str] = field(default_factory=dict)  # environment


def _fifo(name: str) -> Setup:
    return lambda root: os.mkfifo(root / name)


def _link(name: str, target: str) -> Setup:
    return lambda root: (root / name).symlink_to(target)


def _mode(name: str, mode: int) -> Setup:
    return lambda root: (root / name).chmod(mode)


def _mkdir(name: str) -> Setup:
    return lambda root: (root / name).mkdir(parents=True)


def _outside(root: Path) -> None:
    """pyproject.toml links to a file outside the project."""
    shared = root.parent / "shared"
    shared.mkdir(exist_ok=True)
    (shared / "pyproject.toml").write_text(RUFF_OK)
    (root / "pyproject.toml").symlink_to(shared / "pyproject.toml")


def _into_immutable(root: Path) -> None:
    """.pre-commit-config.yaml links into a folder that cannot take a temporary file."""
    (root / "locked").mkdir()
    (root / "locked" / "pre-commit.yaml").write_text(BLACK_REPO)
    (root / ".pre-commit-config.yaml").symlink_to("locked/pre-commit.yaml")


def _stale_cache_with_locked_file(root: Path) -> None:
    stale = root / ".ruff_cache" / "0.1.0"
    stale.mkdir(parents=True)
    (stale / "a").write_text("x")
    (stale / "b").write_text("y")


def _big(root: Path) -> None:
    (root / "pyproject.toml").write_text(
        '[project]\nname = "x"\n' + "# the same comment line\n" * 900_000
    )


def _parent_config(root: Path) -> None:
    (root.parent / "ruff.toml").write_text('line-length = 100\nextend = "missing.toml"\n')


def _non_utf8_folder(root: Path) -> None:
    (root / os.fsdecode(b"caf\xe9") / ".ruff_cache" / "0.1.0").mkdir(parents=True)


AF = ("adopt-fast",)
INIT, CHECK, MIGRATE = (
    (*AF, "init", "."),
    (*AF, "check", "."),
    (*AF, "migrate", ".", "--no-measure"),
)
LINT, FIX_HOOK = ("pre_commit_hooks.adopt_fast_lint",), ("pre_commit_hooks.adopt_fast_fix_imports",)
CACHE_HOOK, FORMAT = (
    ("pre_commit_hooks.adopt_fast_cache_ignore",),
    ("pre_commit_hooks.adopt_fast_format",),
)
PY = "pyproject.toml"
PCC = ".pre-commit-config.yaml"
NOT_UTF8 = b'[project]\nname = "caf\xe9"\n'

CASES: dict[str, Case] = {
    # init: the Ruff configuration
    "init-invalid-toml": Case(INIT, {PY: "[tool.ruff\nx = 1\n"}, 2, f"{PY}:1", "not valid TOML"),
    "init-tool-not-a-table": Case(INIT, {PY: "tool = 1\n"}, 2, f"{PY}:1", "`tool` must be a table"),
    "init-ruff-array-of-tables": Case(
        INIT, {PY: "[[tool.ruff]]\nx = 1\n"}, 2, f"{PY}:1", "`tool.ruff` must be a table"
    ),
    "init-inline-ruff": Case(
        INIT, {PY: "[tool]\nruff = {line-length = 100}\n"}, 2, f"{PY}:2", "inline table"
    ),
    "init-inline-lint-strict": Case(
        (*INIT, "--profile", "strict"),
        {PY: '[tool.ruff]\nlint = {select = ["E"]}\n'},
        2,
        f"{PY}:2",
        "`tool.ruff.lint` is an inline table",
    ),
    "init-line-length-string": Case(
        INIT, {PY: '[tool.ruff]\nline-length = "x"\n'}, 2, f"{PY}:2", "Ruff rejects"
    ),
    "init-target-version-number": Case(
        INIT, {PY: RUFF_OK + "target-version = 39\n"}, 2, f"{PY}:6", "Ruff rejects"
    ),
    "init-line-length-in-ruff-toml": Case(
        INIT, {"ruff.toml": "line-length = [1]\n"}, 2, "ruff.toml:1", "Ruff rejects"
    ),
    "init-circular-extend": Case(
        INIT,
        {PY: '[tool.ruff]\nextend = "b.toml"\n', "b.toml": 'extend = "pyproject.toml"\n'},
        2,
        "b.toml:1",
        "circular",
    ),
    "init-extend-missing": Case(
        INIT, {"ruff.toml": 'line-length = 99\nextend = "nope.toml"\n'}, 2, "ruff.toml:2"
    ),
    "init-select-string": Case(
        INIT, {PY: '[tool.ruff.lint]\nselect = "E"\n'}, 2, f"{PY}:2", "array of rule codes"
    ),
    "init-lint-not-table": Case(INIT, {PY: "[tool.ruff]\nlint = 3\n"}, 2, f"{PY}:2"),
    "init-per-file-ignores-shape": Case(
        INIT, {PY: '[tool.ruff.lint]\nper-file-ignores = ["x"]\n'}, 2, f"{PY}:2"
    ),
    "init-not-utf8": Case(INIT, {PY: NOT_UTF8}, 2, f"{PY}:2", "not valid UTF-8"),
    "init-empty-pyproject": Case(INIT, {PY: ""}, 2, PY, "is empty"),
    "init-nul-escaped": Case(INIT, {PY: '[tool.ruff]\nx = "\x00"\n'}, 2, f"{PY}:2", "\\x00"),
    "init-fifo-pyproject": Case(INIT, {}, 2, PY, "not a regular file", _fifo(PY)),
    "init-pyproject-is-a-folder": Case(INIT, {}, 2, PY, "directory", _mkdir(PY)),
    "init-read-only": Case(INIT, {PY: RUFF_OK}, 2, PY, "chmod u+w", _mode(PY, 0o444)),
    "init-immutable-pyproject": Case(INIT, {PY: RUFF_OK}, 2, PY, "chattr -i", immutable=(PY,)),
    "init-immutable-folder": Case(INIT, {PY: RUFF_OK}, 2, PY, "chattr -i", immutable=(".",)),
    "init-link-into-immutable-folder": Case(
        INIT, {PY: RUFF_OK}, 2, PCC, "not writable", _into_immutable, immutable=("locked",)
    ),
    "init-link-out-of-project": Case(INIT, {}, 2, PY, "outside the project", _outside),
    "init-gitignore-link": Case(
        INIT,
        {PY: RUFF_OK, "ignores": "x\n"},
        2,
        ".gitignore",
        "symbolic link",
        _link(".gitignore", "ignores"),
    ),
    "init-gitignore-not-utf8": Case(
        INIT, {PY: RUFF_OK, ".gitignore": b"caf\xe9\n"}, 2, ".gitignore:1", "UTF-8"
    ),
    "init-gitignore-read-only": Case(
        INIT,
        {PY: RUFF_OK, ".gitignore": "x\n"},
        2,
        ".gitignore",
        "read-only",
        _mode(".gitignore", 0o444),
    ),
    "init-gitignore-immutable": Case(
        INIT,
        {PY: RUFF_OK, ".gitignore": "x\n"},
        2,
        ".gitignore",
        "chattr -i",
        immutable=(".gitignore",),
    ),
    "init-precommit-invalid-yaml": Case(
        INIT, {PY: RUFF_OK, PCC: "repos: [\n"}, 2, f"{PCC}:2", "not valid YAML"
    ),
    "init-precommit-repo-string": Case(
        INIT, {PY: RUFF_OK, PCC: "repos:\n- foo\n"}, 2, f"{PCC}:2", "not a mapping"
    ),
    "init-precommit-hook-number": Case(
        INIT, {PY: RUFF_OK, PCC: "repos:\n- repo: local\n  hooks:\n  - 3\n"}, 2, f"{PCC}:4"
    ),
    "init-precommit-hooks-not-list": Case(
        INIT, {PY: RUFF_OK, PCC: "repos:\n- repo: local\n  hooks: 3\n"}, 2, f"{PCC}:3"
    ),
    "init-precommit-no-repos": Case(INIT, {PY: RUFF_OK, PCC: "x: 1\n"}, 2, f"{PCC}:1"),
    "init-precommit-not-utf8": Case(INIT, {PY: RUFF_OK, PCC: b"# caf\xe9\nrepos: []\n"}, 2, PCC),
    "init-pyproject-20-mib": Case(INIT, {}, 2, PY, "MiB", _big),
    "init-parent-config-broken": Case(
        INIT, {"src.py": ""}, 2, "ruff.toml:2", "does not exist", _parent_config
    ),
    "init-path-missing": Case((*AF, "init", "nope"), {}, 2, "nope", "is not a folder"),
    "init-path-is-a-file": Case((*AF, "init", PY), {PY: RUFF_OK}, 2, PY, "is not a folder"),
    # check
    "check-ruff-rejects-config": Case(
        CHECK, {"ruff.toml": 'line-length = "x"\n'}, 2, "ruff.toml:1", "Ruff rejects"
    ),
    "check-invalid-toml": Case(CHECK, {PY: "[tool.ruff\n"}, 2, f"{PY}:1"),
    "check-invalid-toml-json": Case(
        (*CHECK, "--format", "json"),
        {PY: "[tool.ruff\n"},
        2,
        '"file": "pyproject.toml"',
        stream="stdout",
    ),
    "check-tool-not-a-table": Case(CHECK, {PY: "tool = 1\n"}, 2, f"{PY}:1"),
    "check-precommit-repo-string": Case(
        CHECK, {PY: RUFF_OK, PCC: "repos:\n- foo\n"}, 2, f"{PCC}:2"
    ),
    "check-precommit-invalid-yaml": Case(CHECK, {PY: RUFF_OK, PCC: "repos: [\n"}, 2, f"{PCC}:2"),
    "check-fifo-pyproject": Case(CHECK, {}, 2, PY, "not a regular file", _fifo(PY)),
    "check-path-missing": Case((*AF, "check", "nope"), {}, 2, "nope"),
    # fix
    "fix-fifo": Case((*AF, "fix", "a.py"), {}, 2, "a.py", "not a regular file", _fifo("a.py")),
    "fix-missing-file": Case((*AF, "fix", "nope.py"), {}, 2, "nope.py", "does not exist"),
    "fix-read-only": Case(
        (*AF, "fix", "a.py"),
        {"a.py": "import os\n"},
        2,
        "a.py",
        "read-only",
        _mode("a.py", 0o444),
    ),
    "fix-immutable-file": Case(
        (*AF, "fix", "a.py"),
        {"a.py": "import os\n"},
        2,
        "a.py",
        "chattr -i",
        immutable=("a.py",),
    ),
    "fix-immutable-folder": Case(
        (*AF, "fix", "pkg/a.py"),
        {"pkg/a.py": "import os\n"},
        2,
        "pkg/a.py",
        "chattr -i",
        immutable=("pkg",),
    ),
    "fix-symlink": Case(
        (*AF, "fix", "b.py"),
        {"a.py": "import os\n"},
        2,
        "b.py",
        "symbolic link",
        _link("b.py", "a.py"),
    ),
    "fix-bad-coding-cookie": Case(
        (*AF, "fix", "a.py"), {"a.py": "# -*- coding: nope -*-\nimport os\n"}, 2, "a.py:1"
    ),
    "fix-verify-tail-without-flag": Case(
        (*AF, "fix", "a.py", "--", "pytest"), {"a.py": ""}, 2, "adopt-fast fix", "--verify"
    ),
    # migrate
    "migrate-invalid-pyproject": Case(
        MIGRATE, {"setup.cfg": FLAKE8, PY: "[tool.ruff\n"}, 2, f"{PY}:1"
    ),
    "migrate-precommit-repo-string": Case(
        MIGRATE, {"setup.cfg": FLAKE8, PCC: "repos:\n- foo\n"}, 2, f"{PCC}:2"
    ),
    "migrate-ruff-rejects-config": Case(
        MIGRATE,
        {"setup.cfg": FLAKE8, PY: RUFF_OK + 'indent-width = "x"\n'},
        2,
        f"{PY}:6",
        "Ruff rejects",
    ),
    "migrate-immutable-folder": Case(
        MIGRATE, {"setup.cfg": FLAKE8, PY: RUFF_OK}, 2, PY, "chattr -i", immutable=(".",)
    ),
    "migrate-link-into-immutable-folder": Case(
        MIGRATE,
        {"setup.cfg": FLAKE8, PY: RUFF_OK},
        2,
        PCC,
        "not writable",
        _into_immutable,
        immutable=("locked",),
    ),
    "migrate-path-missing": Case((*AF, "migrate", "nope", "--no-measure"), {}, 2, "nope"),
    # cache
    "cache-info-path-missing": Case((*AF, "cache", "info", "nope"), {}, 2, "nope"),
    "cache-prune-path-missing": Case((*AF, "cache", "prune", "nope"), {}, 2, "nope"),
    "cache-prune-locked-file": Case(
        (*AF, "cache", "prune"),
        {},
        2,
        ".ruff_cache/0.1.0",
        "nothing was removed",
        _stale_cache_with_locked_file,
        immutable=(".ruff_cache/0.1.0/b",),
    ),
    "cache-info-undecodable-folder": Case(
        (*AF, "cache", "info", os.fsdecode(b"caf\xe9")),
        {},
        0,
        "caf\\udce9",
        "0.1.0",
        _non_utf8_folder,
        stream="stdout",
        extra={"PYTHONIOENCODING": "utf-8"},
    ),
    # hooks
    "lint-hook-unclosed-ruff-table": Case(
        (*LINT, "a.py"), {"a.py": "", PY: "[tool.ruff\n"}, 2, PY, "unclosed table"
    ),
    "lint-hook-invalid-pyproject-without-ruff": Case(
        (*LINT, "a.py"), {"a.py": "", PY: "[project\n"}, 2, PY, "unclosed table"
    ),
    "lint-hook-ruff-rejects-config": Case(
        (*LINT, "a.py"), {"a.py": "", "ruff.toml": 'line-length = "x"\n'}, 2, "ruff.toml"
    ),
    "format-hook-unclosed-ruff-table": Case(
        (*FORMAT, "a.py"), {"a.py": "", PY: "[tool.ruff\n"}, 2, PY, "unclosed table"
    ),
    "lint-hook-fix-fifo-pyproject": Case(
        (*LINT, "--fix", "a.py"), {"a.py": "import os\n"}, 2, PY, "not a regular file", _fifo(PY)
    ),
    "fix-hook-fifo": Case((*FIX_HOOK, "a.py"), {}, 2, "a.py", "not a regular file", _fifo("a.py")),
    "fix-hook-read-only": Case(
        (*FIX_HOOK, "a.py"),
        {"a.py": "import os\n"},
        2,
        "a.py",
        "read-only",
        _mode("a.py", 0o444),
    ),
    "fix-hook-unknown-option": Case((*FIX_HOOK, "--nope", "a.py"), {"a.py": ""}, 2, "--nope"),
    "cache-hook-gitignore-link": Case(
        CACHE_HOOK,
        {"ignores": "x\n"},
        2,
        ".gitignore",
        "symbolic link",
        _link(".gitignore", "ignores"),
    ),
    "cache-hook-read-only": Case(
        CACHE_HOOK,
        {".gitignore": "x\n"},
        2,
        ".gitignore",
        "read-only",
        _mode(".gitignore", 0o444),
    ),
    "cache-hook-not-utf8": Case(CACHE_HOOK, {".gitignore": b"caf\xe9\n"}, 2, ".gitignore:1"),
    "cache-hook-immutable-folder": Case(
        CACHE_HOOK, {}, 2, ".gitignore", "chattr -i", immutable=(".",)
    ),
    "cache-hook-gitignore-is-fifo": Case(
        CACHE_HOOK, {}, 2, ".gitignore", "not a regular file", _fifo(".gitignore")
    ),
}


def _chattr(path: Path, flag: str) -> bool:
    done = subprocess.run(["chattr", flag, str(path)], capture_output=True, check=False)
    return done.returncode == 0


def _tree(root: Path) -> dict[str, tuple[object, ...]]:
    """Every entry under `root` (itself included): kind and mode, bytes or link target."""
    entries: dict[str, tuple[object, ...]] = {}
    for folder, dirs, files in os.walk(root):
        for name in [".", *dirs, *files]:
            path = os.path.join(folder, name)
            st = os.lstat(path)
            rel = os.path.relpath(path, root)
            if stat.S_ISLNK(st.st_mode):
                entries[rel] = ("link", os.readlink(path))
            elif stat.S_ISREG(st.st_mode):
                entries[rel] = ("file", st.st_mode, Path(path).read_bytes())
            else:
                entries[rel] = ("other", st.st_mode)
    return entries


def _command(argv: tuple[str, ...]) -> list[str]:
    if argv[0] == "adopt-fast":
        return [sys.executable, "-m", "adopt_fast", *argv[1:]]
    return [sys.executable, "-m", *argv]


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input(name: str, tmp_path: Path) -> None:
    case = CASES[name]
    root = tmp_path / "project"
    root.mkdir()
    for rel, content in case.files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    if case.setup is not None:
        case.setup(root)
    before = _tree(tmp_path)
    locked: list[Path] = []
    try:
        for rel in case.immutable:
            ok = _chattr(root / rel, "+i")
            require(ok, "chattr +i is not supported here (needs root and ext4/xfs/btrfs)")
            locked.append(root / rel)
        env = {**os.environ, "NO_COLOR": "1", **case.extra}
        env.pop("RUFF_CACHE_DIR", None)
        done = subprocess.run(
            _command(case.argv), cwd=root, capture_output=True, timeout=120, env=env, check=False
        )
    finally:
        for path in reversed(locked):
            _chattr(path, "-i")
    out, err = done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace")
    shown = out if case.stream == "stdout" else err
    assert done.returncode == case.code, (out, err)
    assert "Traceback" not in err and "internal error" not in err, err
    assert b"\x00" not in done.stdout + done.stderr
    if case.names is not None:
        assert case.names in shown, shown
    assert case.says in shown, shown
    assert "/../" not in shown and "/./" not in shown, shown  # paths are normalised
    if case.code == 2 and case.stream == "stderr" and case.argv[0] == "adopt-fast":
        assert len(err.splitlines()) == 1, err  # one line
    after = _tree(tmp_path)
    # Ruff may create its own cache where it runs (a bare `ruff check` does too).
    after = {k: v for k, v in after.items() if ".ruff_cache" not in k or k in before}
    assert after == before


def test_enough_cases() -> None:
    """The issue's bar: at least 60 bad inputs, across every command and each hook."""
    assert len(CASES) >= 60
    commands = {c.argv[1] if c.argv[0] == "adopt-fast" else c.argv[0] for c in CASES.values()}
    assert {"init", "check", "fix", "migrate", "cache"} <= commands
    assert {
        "pre_commit_hooks.adopt_fast_lint",
        "pre_commit_hooks.adopt_fast_fix_imports",
        "pre_commit_hooks.adopt_fast_cache_ignore",
        "pre_commit_hooks.adopt_fast_format",
    } <= commands
