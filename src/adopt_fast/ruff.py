"""The pinned Ruff: where its binary is, which configuration governs, where its cache lives.

This module is imported by every hook start, so it imports only `os` and `sys` at module
level; anything heavier is imported inside the function that needs it.
"""

from __future__ import annotations

import os
import sys

# Annotations only: `collections.abc` costs the hooks a few ms to import.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

# The exact version pyproject.toml pins; tests assert the two agree.
PINNED_VERSION = "0.17.5"

# Ruff's own precedence when several configuration files sit in one folder.
CONFIG_FILES = (".ruff.toml", "ruff.toml", "pyproject.toml")

# adopt-fast's own folders inside Ruff's cache (the fix's parsed facts and word index), each
# named with the version of its format: `adopt-fast cache prune` removes the others.
OWN_CACHE = "adopt-fast"
OWN_CACHE_FOLDERS = ("import-facts-v5", "words-v2", "config-v1")

PROFILES = ("minimal", "recommended", "strict")
DEFAULT_PROFILE = "recommended"


def find_ruff_bin() -> str:
    """The Ruff binary installed with this package (the pinned one)."""
    # The first place ruff.find_ruff_bin() looks is this environment's scripts folder; looking
    # there directly skips the ~5 ms it spends computing every other candidate up front.
    scripts = "Scripts" if os.name == "nt" else "bin"
    here = os.path.join(sys.prefix, scripts, "ruff.exe" if os.name == "nt" else "ruff")
    if os.path.isfile(here):
        return here
    from ruff import find_ruff_bin as _find

    return os.fsdecode(_find())


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None


_VERDICTS: dict[bytes, bool] = {}  # init and check ask about the same file several times


def _pyproject_has_ruff_table(data: bytes, root: str | None = None) -> bool:
    if data not in _VERDICTS:
        if len(_VERDICTS) > 8:
            _VERDICTS.clear()
        verdict = _remembered_verdict(data, root)
        if verdict is None:
            verdict = _parse_for_ruff_table(data)
            _remember_verdict(data, root, verdict)
        _VERDICTS[data] = verdict
    return _VERDICTS[data]


def _verdict_file(root: str | None) -> str | None:
    """Where the last verdict on root's pyproject.toml is kept: in Ruff's cache folder, when
    Ruff has made one (a pyproject.toml with no [tool.ruff] header is parsed with tomllib to
    be sure, 25 ms of imports on every commit of the lint hook)."""
    if root is None:
        return None
    cache = cache_dir(root)
    if not os.path.isfile(os.path.join(cache, ".gitignore")):
        return None
    return os.path.join(cache, OWN_CACHE, OWN_CACHE_FOLDERS[2], "pyproject-has-ruff")


def _remembered_verdict(data: bytes, root: str | None) -> bool | None:
    """The verdict kept for exactly these bytes (the file holds the verdict, then them)."""
    path = _verdict_file(root)
    if path is None:
        return None
    try:
        with open(path, "rb") as f:
            kept = f.read()
    except OSError:
        return None
    if kept[2:] != data or kept[:2] not in (b"1\n", b"0\n"):
        return None
    return kept[:1] == b"1"


def _remember_verdict(data: bytes, root: str | None, verdict: bool) -> None:
    path = _verdict_file(root)
    if path is None:
        return
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(temporary, "wb") as f:
            f.write((b"1\n" if verdict else b"0\n") + data)
        os.replace(temporary, path)
    except OSError:  # a read-only cache: parsed again next time
        try:
            os.unlink(temporary)
        except OSError:
            pass


def _parse_for_ruff_table(data: bytes) -> bool:
    """Whether Ruff takes this pyproject.toml for the project's configuration: it has a
    [tool.ruff] table, or it does not parse at all (Ruff then fails with exit 2 and says
    why, so a broken file is never silently replaced by the bundled profile)."""
    # Fast path for the usual `[tool.ruff]` / `[tool.ruff.lint]` headers; parse only when unsure.
    for line in data.splitlines():
        stripped = line.strip().replace(b" ", b"")
        if stripped.startswith((b"[tool.ruff]", b"[tool.ruff.")):
            return True
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    try:
        doc = tomllib.loads(data.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError):
        return True
    tool = doc.get("tool")
    return isinstance(tool, dict) and "ruff" in tool


# Ruff's oldest and newest `target-version`.
_TARGETS = (7, 14)


def target_version(root: str) -> str | None:
    """`py3X` from the lower bound of `requires-python` in root/pyproject.toml, or None.

    Ruff infers this itself from a project's own configuration, but not for a `--config` file
    outside the project (the bundled profile): without it, pyupgrade fixes would rewrite a
    Python 3.8 project into syntax only 3.10 runs.
    """
    data = _read(os.path.join(root, "pyproject.toml"))
    if not data or b"requires-python" not in data:
        return None
    import re  # the console-script launcher has already imported it

    found = re.search(rb"""^\s*requires-python\s*=\s*["']([^"']*)["']""", data, re.MULTILINE)
    bound = found and re.search(rb"(>=|~=|==|>)\s*3\.(\d+)", found.group(1))
    if not bound:
        return None
    minor = int(bound.group(2)) + (bound.group(1) == b">")
    return f"py3{min(max(minor, _TARGETS[0]), _TARGETS[1])}"


def find_project_config(root: str) -> str | None:
    """The Ruff configuration file at `root` that Ruff itself would use, or None."""
    for name in CONFIG_FILES:
        path = os.path.join(root, name)
        if not os.path.isfile(path):
            continue
        if name != "pyproject.toml" or _pyproject_has_ruff_table(_read(path) or b"", root):
            return path
    return None


def special_config_file(root: str) -> str | None:
    """A configuration file name at `root` taken by a FIFO, socket or device: Ruff would
    block reading it, forever, so adopt-fast refuses to start Ruff there."""
    import stat

    for name in CONFIG_FILES:
        try:
            mode = os.stat(os.path.join(root, name)).st_mode
        except OSError:
            continue
        if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
            return os.path.join(root, name)
    return None


def refuse_special_config() -> bool:
    """Print one line and return True when a config file name here is not a regular file
    (the hooks exit 2 then, before any Ruff run could block on it)."""
    special = special_config_file(".")
    if special is None:
        return False
    print(
        f"adopt-fast: {os.path.normpath(special)}: is not a regular file (a FIFO, socket "
        "or device) (replace it with a file)",
        file=sys.stderr,
    )
    return True


def profile_path(name: str) -> str:
    """The bundled profile file, a valid Ruff configuration (`ruff --config` accepts it)."""
    if name not in PROFILES:
        raise ValueError(f"unknown profile {name!r}; choose one of {', '.join(PROFILES)}")
    return os.path.join(os.path.dirname(__file__), "profiles", f"{name}.toml")


def cache_dir(root: str) -> str:
    """The cache folder shared by the hooks and the CLI: RUFF_CACHE_DIR, else root/.ruff_cache."""
    env = os.environ.get("RUFF_CACHE_DIR")
    if env:
        return os.path.abspath(os.path.join(root, env))
    return os.path.join(os.path.abspath(root), ".ruff_cache")


def cache_writable(path: str) -> bool:
    """Whether Ruff could create or update its cache at `path` (Ruff exits 2 when it cannot)."""
    probe = path
    while not os.path.lexists(probe):
        parent = os.path.dirname(probe)
        if parent == probe:
            return False
        probe = parent
    return os.path.isdir(probe) and os.access(probe, os.W_OK | os.X_OK)


def exec_ruff(argv: list[str]) -> int:
    """Hand the process over to Ruff so that its output and exit code reach the user unchanged."""
    sys.stdout.flush()
    sys.stderr.flush()
    if os.name == "posix":
        os.execv(argv[0], argv)
    import subprocess  # pragma: no cover - Windows has no exec that keeps the exit code

    return subprocess.call(argv)  # pragma: no cover


def _takes_option(args: list[str], *names: str) -> bool:
    return any(a in names or a.startswith(tuple(f"{n}=" for n in names)) for a in args)


def _pop_profile(args: list[str]) -> tuple[str | None, list[str]]:
    """Take adopt-fast's own `--profile NAME` out of the arguments meant for Ruff (None: not
    given)."""
    profile: str | None = None
    rest, it = [], iter(args)
    for arg in it:
        if arg == "--profile":
            profile = next(it, None)
        elif arg.startswith("--profile="):
            profile = arg.split("=", 1)[1]
        else:
            rest.append(arg)
    return profile, rest


def hook_argv(
    subcommand: str,
    args: list[str],
    root: str = ".",
    *,
    project_profile: Callable[[str], str | None] | None = None,
) -> tuple[list[str], str | None]:
    """The Ruff command line for a hook run, and a warning to print first (or None).

    Without `--profile`, `project_profile(root)` names the profile the project chose (its
    `[tool.adopt-fast]`, read by the caller: `settings.project_profile`); else the default.

    The project's own Ruff configuration governs when it has one; otherwise the bundled
    profile is used, with its cache in the project's `.ruff_cache` like a bare `ruff` run.
    An unwritable cache adds `--no-cache` (Ruff itself exits 2 on it) with one warning.
    `check` never lets Ruff fix F401 itself: Ruff's fix deletes side-effect imports such as
    `readline`; with `--fix`, the lint hook removes unused imports with adopt-fast's safe fix.
    """
    profile, rest = _pop_profile(args)
    argv = [find_ruff_bin(), subcommand, "--force-exclude"]
    if subcommand == "check":
        argv += ["--unfixable", "F401"]  # adds to the config's `unfixable`, never replaces it
    own_config = _takes_option(rest, "--config", "--isolated") or find_project_config(root)
    if not own_config:
        if profile is None:  # the project's choice in [tool.adopt-fast], else the default
            chosen = project_profile(root) if project_profile is not None else None
            profile = chosen or DEFAULT_PROFILE
        argv += ["--config", profile_path(profile)]
        target = None if _takes_option(rest, "--target-version") else target_version(root)
        if target:
            argv += ["--target-version", target]
    warning = None
    if not _takes_option(rest, "--no-cache", "--cache-dir"):
        cache = cache_dir(root)
        if not cache_writable(cache):
            argv.append("--no-cache")
            warning = (
                f"adopt-fast: warning: Ruff's cache {cache} cannot be written; running "
                "without the cache (make it a writable folder, or set RUFF_CACHE_DIR elsewhere)"
            )
        elif not own_config:
            argv += ["--cache-dir", cache]
    return argv + rest, warning


# `ruff check` options that take a value as the next argument (`ruff check --help`).
_VALUE_OPTIONS = frozenset(
    {
        "--output-format",
        "--output-file",
        "-o",
        "--target-version",
        "--extension",
        "--select",
        "--ignore",
        "--extend-select",
        "--per-file-ignores",
        "--extend-per-file-ignores",
        "--fixable",
        "--unfixable",
        "--extend-fixable",
        "--exclude",
        "--extend-exclude",
        "--cache-dir",
        "--stdin-filename",
        "--config",
        "--color",
        "--line-length",
        "--profile",
    }
)


def positional_paths(args: list[str]) -> list[str]:
    """The file and folder arguments among Ruff options (what pre-commit appended)."""
    paths, skip = [], False
    for arg in args:
        if skip:
            skip = False
        elif arg in _VALUE_OPTIONS:
            skip = True
        elif not arg.startswith("-"):
            paths.append(arg)
    return paths


def run_hook(
    subcommand: str,
    argv: list[str] | None,
    project_profile: Callable[[str], str | None] | None = None,
) -> int:
    """Run Ruff for a hook. From the console script (argv None) the process becomes Ruff;
    called with explicit arguments (tests, other Python code) it returns Ruff's exit code."""
    args = sys.argv[1:] if argv is None else list(argv)
    if refuse_special_config():
        return 2
    try:
        command, warning = hook_argv(subcommand, args, project_profile=project_profile)
    except ValueError as e:
        print(f"adopt-fast: {e}", file=sys.stderr)
        return 2
    except Exception as e:  # a malformed [tool.adopt-fast]: its one line, exit 2
        from adopt_fast.errors import InputError

        if not isinstance(e, InputError):
            raise
        print(e.relative_to("."), file=sys.stderr)
        return 2
    if warning:
        print(warning, file=sys.stderr)
    if argv is None:
        return exec_ruff(command)
    import subprocess

    return subprocess.call(command)
