"""Whether an imported module exists: in the standard library, in the repository, in an
environment of the project, or among its declared dependencies.

A test fixture that holds `import not_installed_anywhere` is there so that importing or
scanning it raises ImportError; removing that import changes what the file does. The fix keeps
an unused import of a module it cannot find anywhere (`--unsafe` removes it). The search errs
towards "found": the environment adopt-fast runs in (pre-commit gives it its own) seldom has
the project's dependencies, so the project's virtual environments and its declared
dependencies count too.
"""

from __future__ import annotations

import os
import re
import sys
from functools import cached_property

from adopt_fast.imports.project import Project

# Distributions whose import name is not their own name (the usual suspects).
_IMPORT_NAMES = {
    "pyyaml": "yaml",
    "pillow": "PIL",
    "beautifulsoup4": "bs4",
    "scikit_learn": "sklearn",
    "scikit_image": "skimage",
    "python_dateutil": "dateutil",
    "opencv_python": "cv2",
    "pyzmq": "zmq",
    "pygobject": "gi",
    "pyjwt": "jwt",
    "msgpack_python": "msgpack",
    "attrs": "attr",
    "setuptools": "pkg_resources",
    "typing_extensions": "typing_extensions",
    "protobuf": "google",
    "pywin32": "win32api",
}
# Compiled on first use (`re`'s cache): most imports are found before these are needed.
_REQUIREMENT = r"""["']\s*([A-Za-z0-9][A-Za-z0-9._-]*)"""
_REQUIREMENT_LINE = r"(?m)^\s*([A-Za-z0-9][A-Za-z0-9._-]*)"


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


class ModuleFinder:
    def __init__(self, project: Project) -> None:
        self.project = project

    @cached_property
    def _project_tops(self) -> frozenset[str]:
        tops: set[str] = set()
        for relative in self.project.files:
            if relative.endswith((".py", ".pyi")):
                parts = relative.split("/")
                tops.update(p.rsplit(".", 1)[0] for p in parts)
        return frozenset(tops)

    @cached_property
    def _environment_tops(self) -> frozenset[str]:
        """Top-level names installed in the project's own virtual environments."""
        import glob  # here, not at the top: most imports are found before this is asked

        roots = [os.environ.get("VIRTUAL_ENV", "")]
        roots += [os.path.join(self.project.root, d) for d in (".venv", "venv", "env")]
        roots += glob.glob(os.path.join(self.project.root, ".tox", "*"))
        roots += glob.glob(os.path.join(self.project.root, ".nox", "*"))
        names: set[str] = set()
        for root in filter(None, roots):
            for site in glob.glob(os.path.join(root, "lib", "*", "site-packages")):
                try:
                    entries = os.listdir(site)
                except OSError:
                    continue
                names.update(e.split(".", 1)[0].split("-", 1)[0] for e in entries)
        return frozenset(names)

    @cached_property
    def _declared(self) -> frozenset[str]:
        """Normalized names of the project's declared dependencies, and their import names."""
        texts = []
        for name in ("pyproject.toml", "setup.cfg", "setup.py", "tox.ini"):
            data = self.project.read(name)
            if data:
                texts.append(data.decode("utf-8", "replace"))
        found = {_normalized(m) for t in texts for m in re.findall(_REQUIREMENT, t)}
        for name in self.project.files:
            if os.path.basename(name).startswith("requirements") and name.endswith(".txt"):
                data = self.project.read(name) or b""
                found.update(
                    _normalized(m)
                    for m in re.findall(_REQUIREMENT_LINE, data.decode("utf-8", "replace"))
                )
        found.update(_IMPORT_NAMES[n].lower() for n in list(found) if n in _IMPORT_NAMES)
        found.update(n.removeprefix("python_").removeprefix("py") for n in list(found))
        return frozenset(found)

    def exists(self, module: str) -> bool:
        top = module.split(".", 1)[0]
        if not top or top in sys.stdlib_module_names or top in sys.builtin_module_names:
            return True
        if top in self._project_tops:
            return self._in_project(module)
        if top in self._environment_tops or _normalized(top) in self._declared:
            return True
        import importlib.util

        try:
            return importlib.util.find_spec(top) is not None
        except (ImportError, ValueError):
            return False

    def _in_project(self, module: str) -> bool:
        """A submodule of the project's own package: a file or folder of that name in the
        package's folder (a compiled `_speedups.pyx` or `.so` counts)."""
        import glob

        parts = module.split(".")
        if len(parts) == 1:
            return True
        parent = "/".join(parts[:-1])
        folders = {
            os.path.dirname(r)
            for r in self.project.files
            if os.path.dirname(r) == parent or os.path.dirname(r).endswith("/" + parent)
        }
        return any(
            glob.glob(
                os.path.join(glob.escape(os.path.join(self.project.root, f)), parts[-1] + "*")
            )
            for f in folders
        )
