"""Find Python interpreters by running them: a pyenv shim that exists but fails is not one."""

from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass

find_uv_bin: Callable[[], str] | None
try:
    from uv import find_uv_bin  # the `uv` wheel ships its binary
except ImportError:  # not installed as a package: PATH only
    find_uv_bin = None

_PROBE = (
    "import json, platform, sys; print(json.dumps({'version': list(sys.version_info[:3]), "
    "'implementation': platform.python_implementation(), 'executable': sys.executable, "
    "'machine': platform.machine(), 'system': sys.platform, "
    "'implementation_version': '.'.join(map(str, sys.implementation.version[:3]))}))"
)
# Names under which other implementations are installed (Debian's pypy3, GraalPy's graalpy).
OTHER_NAMES = ("pypy3", "pypy", "graalpy")


@dataclass(frozen=True)
class Interpreter:
    path: str  # the interpreter's own sys.executable
    version: tuple[int, int, int]
    implementation: str
    machine: str
    system: str
    implementation_version: str = ""  # sys.implementation.version: PyPy's 7.3.11

    @property
    def short_version(self) -> str:
        return f"{self.version[0]}.{self.version[1]}"

    @property
    def label(self) -> str:
        name = "CPython" if self.implementation == "CPython" else self.implementation
        return f"{name} {'.'.join(map(str, self.version))}"


def probe(path: str, timeout: float = 20.0) -> Interpreter | None:
    """Run `path` and ask it what it is; None when it does not run."""
    try:
        out = subprocess.run(
            [path, "-I", "-c", _PROBE], capture_output=True, text=True, timeout=timeout, check=True
        ).stdout
        data = json.loads(out)
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    # sys.executable, not `path`: a pyenv shim re-resolves on every run; a venv's python
    # reports itself, so its venv is kept.
    return Interpreter(
        path=data["executable"] or path,
        version=tuple(data["version"]),
        implementation=data["implementation"],
        machine=data["machine"],
        system=data["system"],
        implementation_version=data.get("implementation_version", ""),
    )


def _pyenv_roots() -> list[str]:
    """pyenv's root: PYENV_ROOT, ~/.pyenv, or the parent of a `shims` folder on PATH (the
    last one still finds it when HOME points elsewhere, as in a test or a CI sandbox)."""
    roots = [os.environ.get("PYENV_ROOT", ""), os.path.expanduser("~/.pyenv")]
    for entry in os.environ.get("PATH", "").split(os.pathsep):
        if os.path.basename(entry.rstrip(os.sep)) == "shims":
            roots.append(os.path.dirname(entry.rstrip(os.sep)))
    return [r for r in dict.fromkeys(roots) if r and os.path.isdir(os.path.join(r, "versions"))]


def _py_launcher(version: str) -> list[str]:
    """What the Windows `py` launcher runs for `-X.Y`, if it is installed."""
    py = shutil.which("py")
    if not py:
        return []
    try:
        out = subprocess.run(
            [py, f"-{version}", "-c", "import sys; print(sys.executable)"],
            capture_output=True,
            text=True,
            timeout=20,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return []
    return [out] if out else []


def candidates(version: str) -> list[str]:
    """Places an interpreter for `version` ("3.10") may be, best first; none trusted yet."""
    found: list[str] = []
    for name in (f"python{version}", f"python{version.replace('.', '')}"):
        path = shutil.which(name)
        if path:
            found.append(path)
    for root in _pyenv_roots():
        found += sorted(
            glob.glob(os.path.join(root, "versions", f"{version}.*", "bin", "python")), reverse=True
        )
    for prefix in ("/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"):
        found.append(os.path.join(prefix, f"python{version}"))
    found += _py_launcher(version)
    return list(dict.fromkeys(found))


def _is_version(spec: str) -> bool:
    return all(part.isdigit() for part in spec.split(".")) and spec.count(".") == 1


def find(spec: str) -> Interpreter | None:
    """An interpreter for `spec`: a path to one, a name on PATH ("pypy3") or a version such as
    "3.12"; it must run."""
    if os.sep in spec or spec.startswith("."):
        return probe(spec)
    if not _is_version(spec):
        path = shutil.which(spec)
        return probe(path) if path else None
    for path in candidates(spec):
        if os.path.exists(path):
            found = probe(path)
            if found is not None and found.short_version == spec:
                return found
    return None


def _uv_pythons() -> list[str]:
    """The interpreters uv has installed or found, when uv is there."""
    uv = shutil.which("uv")
    if not uv:
        return []
    try:
        out = subprocess.run(
            [uv, "python", "list", "--only-installed"],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return [line.split()[-1] for line in out.splitlines() if len(line.split()) >= 2]


def all_candidates() -> list[str]:
    """Every place an interpreter may be: pyenv versions, python3.X and pypy3 on PATH, uv's."""
    found: list[str] = []
    for root in _pyenv_roots():
        found += sorted(glob.glob(os.path.join(root, "versions", "*", "bin", "python")))
    for entry in os.environ.get("PATH", "").split(os.pathsep):
        if entry and os.path.basename(entry.rstrip(os.sep)) != "shims":
            found += sorted(glob.glob(os.path.join(entry, "python3.[0-9]*")))
            found += [os.path.join(entry, n) for n in OTHER_NAMES]
    found += _uv_pythons()
    return [p for p in dict.fromkeys(found) if os.path.isfile(p) and not p.endswith("-config")]


def find_all() -> list[Interpreter]:
    """Every working interpreter found, each run before it is trusted, one per implementation
    and version (the first place found wins: pyenv, then PATH, then uv)."""
    seen: dict[tuple[str, tuple[int, int, int]], Interpreter] = {}
    for path in all_candidates():
        found = probe(path)
        if found is not None:
            seen.setdefault((found.implementation, found.version), found)
    return list(seen.values())


# Runs in any Python, 2.7 included (no -I, no f-strings): to name a version too old to probe.
_OLD_PROBE = "import sys; sys.stdout.write('%d.%d.%d' % tuple(sys.version_info[:3]))"


def unsupported_version(spec: str) -> tuple[str, str] | None:
    """(path, "2.7.18") of an interpreter for `spec` that runs but that `probe` cannot ask
    (Python 2, or a 3.x without -I); None when there is none."""
    paths = [spec] if os.sep in spec or spec.startswith(".") else candidates(spec)
    for path in paths:
        if not os.path.exists(path):
            continue
        try:
            version = subprocess.run(
                [path, "-c", _OLD_PROBE], capture_output=True, text=True, timeout=20, check=True
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            continue
        if version and (os.sep in spec or spec.startswith(".") or version.startswith(spec + ".")):
            return path, version
    return None


def current() -> Interpreter:
    here = probe(sys.executable)
    if here is None:  # pragma: no cover - we are running in it
        raise RuntimeError("cannot probe the running interpreter")
    return here


def find_uv() -> str | None:
    """uv, which builds the environments of other interpreters: on PATH, else from its wheel."""
    found = shutil.which("uv")
    if found:
        return found
    if find_uv_bin is None:
        return None
    try:
        return os.fsdecode(find_uv_bin())
    except FileNotFoundError:
        return None
