"""What one bench configuration is: an interpreter x an accelerator, and the words for it.

Reports name configurations and explain verdicts from this model (kind, version, accelerator),
never by matching strings such as "pyston" in a name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

AcceleratorName = Literal["none", "pyston-lite", "cpython-jit", "cinderx"]
# How each accelerator is shown, and what it is: a JIT added to an interpreter.
ACCELERATOR_LABELS: dict[AcceleratorName, str] = {
    "none": "",
    "pyston-lite": "Pyston-lite",
    "cpython-jit": "CPython JIT",
    "cinderx": "CinderX",
}


@dataclass(frozen=True)
class InterpreterInfo:
    kind: str  # "CPython", "PyPy", "GraalPy"
    version: str  # the Python language version, "3.9.16"
    path: str  # the base interpreter (a built environment's python runs it)
    implementation_version: str = ""  # PyPy's and GraalPy's own release, "7.3.11"

    @property
    def label(self) -> str:
        """ "CPython 3.12.1", "PyPy 3.9.16 (7.3.11)"."""
        own = self.implementation_version
        extra = f" ({own})" if own and own != self.version else ""
        return f"{self.kind} {self.version}".strip() + extra

    @property
    def short_version(self) -> str:
        return ".".join(self.version.split(".")[:2])

    def version_key(self) -> tuple[int, ...]:
        return tuple(int(p) for p in self.version.split(".")[:2] if p.isdigit())


@dataclass(frozen=True)
class Accelerator:
    name: AcceleratorName = "none"
    version: str | None = None  # the accelerator package's version, where it has one
    active: bool | None = None  # checked in a child process (and in every pytest process)

    @property
    def label(self) -> str:
        return ACCELERATOR_LABELS[self.name]

    @property
    def is_none(self) -> bool:
        return self.name == "none"


@dataclass(frozen=True)
class Config:
    """One way of running the suite: an interpreter, an accelerator and the environment."""

    interpreter: InterpreterInfo
    python: str  # the executable run (a built environment's python, or the interpreter)
    env: dict[str, str] = field(repr=False)
    accelerator: Accelerator = field(default_factory=Accelerator)
    available: bool = True
    reason: str = ""  # why it is unavailable, or a note on where it runs and how it was checked
    suffix: str = ""  # tells two configurations of one interpreter apart: " (bench env)"

    @property
    def name(self) -> str:
        accel = self.accelerator.label
        return self.interpreter.label + (f" + {accel}" if accel else "") + self.suffix

    @property
    def accelerated(self) -> bool:
        return not self.accelerator.is_none

    @property
    def state(self) -> str:
        """The table's accelerator cell: "none", "pyston-lite (active)", "pyston-lite"."""
        active = self.accelerated and self.accelerator.active
        return self.accelerator.name + (" (active)" if active else "")
