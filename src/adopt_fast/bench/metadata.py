"""Where and when a bench ran: what a reader needs to compare two reports, as pyperf records it.

Date, host, CPU model, cores, load average at the start and the end, the versions of adopt-fast
and of the accelerators (the interpreters' are in each configuration), and the project's git
commit. A load average above the core count during the run means other work competed for the
CPU: the report warns, as pyperf and hyperfine warn about unstable systems.
"""

from __future__ import annotations

import datetime
import os
import platform
import subprocess
from dataclasses import dataclass, field

from adopt_fast import __version__


@dataclass(frozen=True)
class Metadata:
    date: str  # ISO 8601, UTC, when the measurement started
    host: str
    system: str
    cpu_model: str
    cores: int
    load_start: tuple[float, float, float] | None
    load_end: tuple[float, float, float] | None = None
    adopt_fast_version: str = __version__
    git_commit: str | None = None  # the project's HEAD, "+dirty" when it has changes
    accelerators: dict[str, str] = field(default_factory=dict)  # name -> version

    def load_warning(self) -> str | None:
        peaks = [load[0] for load in (self.load_start, self.load_end) if load]
        if not peaks or max(peaks) <= self.cores:
            return None
        return (
            f"the load average reached {max(peaks):.2f} on {self.cores} cores during the run: "
            "other work competed for the CPU, so the times are noisier and slower than on a "
            "quiet machine; close other work and run bench again"
        )


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def load_average() -> tuple[float, float, float] | None:
    try:
        return os.getloadavg()
    except OSError:  # not available on this platform
        return None


def git_commit(project: str) -> str | None:
    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(
                ["git", *args], cwd=project, capture_output=True, text=True, timeout=10, check=False
            )
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout.strip() if done.returncode == 0 else None

    head = git("rev-parse", "HEAD")
    if not head:
        return None
    dirty = git("status", "--porcelain", "--untracked-files=no")
    return head + ("+dirty" if dirty else "")


def at_start(project: str) -> Metadata:
    return Metadata(
        date=datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        host=platform.node(),
        system=f"{platform.system()} {platform.release()} {platform.machine()}",
        cpu_model=cpu_model(),
        cores=os.cpu_count() or 1,
        load_start=load_average(),
        git_commit=git_commit(project),
    )
