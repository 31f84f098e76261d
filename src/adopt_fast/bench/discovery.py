"""Which interpreters `--python` means: a version (3.12), a name (pypy3), a path, or `all`.

`all` takes every working interpreter found (pyenv versions, python3.X and pypy3 on PATH, uv's),
each run before it is trusted, except the one bench runs in (the baseline) and those the
project's `requires-python` excludes.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from adopt_fast.edits.tomlfile import read_toml
from adopt_fast.errors import InputError
from adopt_fast.interpreters import Interpreter, find, find_all

ALL = "all"
_OPERATORS = (">=", "<=", "!=", "==", "~=", ">", "<")


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in text.strip().split(".") if p.isdigit())


def _satisfies(version: tuple[int, ...], clause: str) -> bool:
    """One PEP 440 clause for a plain X.Y.Z version; a clause it cannot read excludes nothing."""
    clause = clause.strip()
    op = next((o for o in _OPERATORS if clause.startswith(o)), None)
    if op is None:
        return True
    text = clause[len(op) :].strip()
    if text.endswith(".*"):
        want = _version(text[:-2])
        same = version[: len(want)] == want
        return same if op == "==" else not same if op == "!=" else True
    want = _version(text)
    have = version[: max(len(want), 1)]
    padded = want + (0,) * (len(have) - len(want))
    if op == "~=":
        return have >= padded and version[: len(want) - 1] == want[:-1]
    return {
        ">=": have >= padded,
        "<=": have <= padded,
        ">": have > padded,
        "<": have < padded,
        "==": have == padded,
        "!=": have != padded,
    }[op]


def requires_python(project: str) -> str:
    path = os.path.join(project, "pyproject.toml")
    if not os.path.isfile(path):
        return ""
    return str(read_toml(path)[1].get("project", {}).get("requires-python", ""))


def supported(interpreter: Interpreter, specifier: str) -> bool:
    return all(_satisfies(interpreter.version, c) for c in specifier.split(",") if c.strip())


def _one(spec: str) -> Interpreter:
    found = find(spec)
    if found is None:
        raise InputError(
            f"--python {spec}",
            "no working interpreter found (shims that fail to run are skipped)",
            "install it (e.g. `pyenv install`, `apt-get install pypy3 pypy3-venv`) or pass "
            "the path of its python; `--python all` lists what runs here",
        )
    return found


def _every(here: Interpreter, project: str, log: Callable[[str], None]) -> list[Interpreter]:
    specifier = requires_python(project)
    taken: list[Interpreter] = []
    skipped: list[str] = []
    for found in find_all():
        if (found.implementation, found.version) == (here.implementation, here.version):
            continue
        if specifier and not supported(found, specifier):
            skipped.append(found.label)
        else:
            taken.append(found)
    why = f"; skipped (requires-python {specifier}): {', '.join(skipped)}" if skipped else ""
    log(f"--python all: {', '.join(i.label for i in taken) or 'no other interpreter'}{why}")
    return taken


def resolve(
    specs: tuple[str, ...], here: Interpreter, project: str, log: Callable[[str], None]
) -> list[Interpreter]:
    """The interpreters to bench besides `here`, in the order given, each once."""
    out: dict[str, Interpreter] = {}
    for spec in specs:
        for found in _every(here, project, log) if spec == ALL else [_one(spec)]:
            out.setdefault(os.path.realpath(found.path), found)
    return list(out.values())
