"""What the JIT is doing in a process, and whether it can be enabled in an interpreter.

Standalone on purpose (imports only the standard library and its sibling `boot`):
`adopt-fast jit status --python PY` runs this file with PY, which need not have adopt-fast installed.
Run as a script it tries to enable the JIT and prints one JSON object.
"""

from __future__ import annotations

import os
import sys

if __package__:
    from adopt_fast.jit import boot
else:  # run as a script by another interpreter: `boot` is this file's sibling
    import boot  # type: ignore[import-not-found,no-redef]

SHIM_PTH = "adopt_fast_jit.pth"
AUTOLOAD_PTH = "pyston_lite_autoload.pth"


def eval_frame_owner() -> str | None:
    """The shared library whose function evaluates Python frames; None for CPython's own.

    pyston-lite's enable() installs its JIT as the interpreter's frame evaluator (PEP 523), so
    frames really run through the JIT exactly when this is pyston_lite's library. An import that
    succeeded proves nothing; this does. A debugger that installs its own evaluator shows up too.
    """
    import ctypes  # a few ms: only called when pyston_lite is loaded

    class DlInfo(ctypes.Structure):
        _fields_ = [
            ("dli_fname", ctypes.c_char_p),
            ("dli_fbase", ctypes.c_void_p),
            ("dli_sname", ctypes.c_char_p),
            ("dli_saddr", ctypes.c_void_p),
        ]

    api = ctypes.pythonapi
    get_func = getattr(api, "_PyInterpreterState_GetEvalFrameFunc", None)
    if (
        get_func is None
    ):  # before 3.9 the evaluator is a struct field; pyston-lite is not used there
        return None
    api.PyInterpreterState_Get.restype = ctypes.c_void_p
    get_func.restype = ctypes.c_void_p
    get_func.argtypes = [ctypes.c_void_p]
    current = get_func(api.PyInterpreterState_Get())
    if current == ctypes.cast(api._PyEval_EvalFrameDefault, ctypes.c_void_p).value:
        return None
    info = DlInfo()
    libc = ctypes.CDLL(None)
    libc.dladdr.argtypes = [ctypes.c_void_p, ctypes.POINTER(DlInfo)]
    if not libc.dladdr(current, ctypes.byref(info)) or not info.dli_fname:
        return "<unknown library>"
    return os.fsdecode(info.dli_fname)


def jit_active() -> bool:
    """True when this process's frames are evaluated by pyston-lite's JIT."""
    if "pyston_lite" not in sys.modules:  # cheap answer for the common case, no ctypes call
        return False
    owner = eval_frame_owner()
    return owner is not None and os.path.basename(owner).startswith("pyston_lite")


def site_packages_with(filename: str) -> str | None:
    """The site-packages folder holding `filename` (a .pth file that `site` runs), or None."""
    import site  # already loaded by the interpreter's start-up, unless it ran with -S

    folders = (
        [*site.getsitepackages(), site.getusersitepackages()]
        if site.ENABLE_USER_SITE
        else site.getsitepackages()
    )
    for folder in folders:
        if os.path.isfile(os.path.join(folder, filename)):
            return folder
    return None


def pyston_version() -> str | None:
    """pyston-lite's installed version, from its .dist-info folder name; None when not installed."""
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        if not any(n.startswith("pyston_lite.") for n in names):
            continue
        for name in names:
            if name.startswith("pyston_lite-") and name.endswith(".dist-info"):
                return name[len("pyston_lite-") : -len(".dist-info")]
        return "unknown version"
    return None


def interpreter_facts() -> dict[str, object]:
    machine = os.uname().machine if hasattr(os, "uname") else "unknown"
    return {
        "python": sys.executable,
        "implementation": sys.implementation.name,
        "version": ".".join(map(str, sys.version_info[:3])),
        "platform": f"{sys.platform} {machine}",
        "pyston_version": pyston_version(),
        "shim_installed": site_packages_with(SHIM_PTH) is not None,
        "autoload_installed": site_packages_with(AUTOLOAD_PTH) is not None,
    }


def try_enable() -> dict[str, object]:
    """Interpreter facts plus the result of really enabling the JIT in this process."""
    facts = interpreter_facts()
    enabled, reason, hint = boot.enable()
    if enabled and not jit_active():
        owner = eval_frame_owner() or "CPython itself"
        reason = f"pyston_lite.enable() returned but frames are evaluated by {owner}"
        enabled, hint = False, "report it to pyston-lite with this output"
    facts.update(can_enable=enabled, reason=reason, hint=hint)
    return facts


if __name__ == "__main__":
    import json

    print(json.dumps(try_enable()))
