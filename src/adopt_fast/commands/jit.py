"""`adopt-fast jit status [--python PY]`: can the JIT be enabled there, and if not, why and what
next. Exit 0 when it can, 1 when it cannot (the diagnosis is in `adopt_fast.jit.diagnosis`)."""

from __future__ import annotations

from adopt_fast.errors import EXIT_FINDINGS, EXIT_OK
from adopt_fast.jit.diagnosis import diagnose, format_diagnosis, target_interpreter


def jit_status(python: str | None) -> int:
    """Print the diagnosis for `python` (default: this interpreter)."""
    diagnosis = diagnose(target_interpreter(python))
    print(format_diagnosis(diagnosis))
    return EXIT_OK if diagnosis.can_enable else EXIT_FINDINGS
