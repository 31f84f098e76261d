"""The `adopt-fast` command line: argparse wiring only.

Each subcommand is one function of `adopt_fast.commands`, called with the parsed options by
name; it validates them, calls its core and returns the exit code. Its module is imported by
its handler, once the options are parsed: importing every command up front made `adopt-fast
--version` take 0.35 s instead of 0.09 s, and `check` (the CI gate, timed by
benchmarks/check_overhead.py) pay for bench, migrate and init. Exit codes are the same
everywhere (README, "Exit codes"): 0 ok, 1 findings or files changed, 2 usage or input error,
3 internal error, 130 interrupted.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from adopt_fast import __version__
from adopt_fast.choices import ACTIONS, FORMATS, OTHER_TOOLS
from adopt_fast.errors import run_guarded
from adopt_fast.jit_switch import MODES
from adopt_fast.ruff import DEFAULT_PROFILE, PROFILES

Handler = Callable[[argparse.Namespace], int]


def _run_cache(args: argparse.Namespace) -> int:
    from adopt_fast.commands.cache import run_cache

    return run_cache(args.action, args.path, dry_run=args.dry_run)


def _add_cache(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("cache", help="show or prune Ruff's cache (.ruff_cache or RUFF_CACHE_DIR)")
    # One parser per action, so that `prune --dry-run .` and `prune . --dry-run` both parse
    # (argparse cannot take an optional positional after an option following another one).
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    helps = {"info": "the location, size and version folders", "prune": "remove stale folders"}
    for action in ACTIONS:
        a = actions.add_parser(action, help=helps[action])
        a.add_argument("path", nargs="?", default=".", help="project root (default: .)")
        if action == "prune":
            a.add_argument("--dry-run", action="store_true", help="list, remove nothing")
        a.set_defaults(handler=_run_cache, dry_run=False)


def _run_run(args: argparse.Namespace) -> int:
    from adopt_fast.commands.run import run

    command = list(args.cmd)
    return run(command[1:] if command[:1] == ["--"] else command, args.jit)


def _add_run(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "run",
        help="run a command (and its child processes) with the JIT on or off",
        usage="%(prog)s [--jit pyston|off] -- CMD...",
    )
    p.add_argument(
        "--jit",
        choices=MODES,
        default="pyston",
        help="pyston: Pyston-lite JIT on (default); off: plain CPython",
    )
    p.add_argument("cmd", nargs=argparse.REMAINDER, help="the command, after --")
    p.set_defaults(handler=_run_run)


def _run_jit(args: argparse.Namespace) -> int:
    from adopt_fast.commands.jit import jit_status

    return jit_status(args.python)


def _add_jit(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("jit", help="can the Pyston-lite JIT be enabled here? (exit 0 yes, 1 no)")
    p.add_argument("action", choices=("status",))
    p.add_argument(
        "--python",
        metavar="PY",
        default=None,
        help="interpreter to ask: a path or a version such as 3.10 (default: this one)",
    )
    p.set_defaults(handler=_run_jit)


def _run_bench(args: argparse.Namespace) -> int:
    from adopt_fast.commands.bench import run_bench

    return run_bench(
        runs=args.runs,
        warmup=args.warmup,
        pythons=args.python,
        max_time=args.max_time,
        json_path=args.json,
        markdown_path=args.markdown,
        pyperf_path=args.pyperf,
        command=args.cmd,
        groups=args.group,
        extras=args.extra,
    )


def _add_bench(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "bench",
        help="time the test suite: CPython vs Pyston-lite vs PyPy vs newer CPython",
        description="Run the project's test suite interleaved under the current interpreter "
        "without an accelerator (baseline) and with Pyston-lite, and under each --python "
        "interpreter; report the median speedup with its confidence interval, CPU time, peak "
        "memory, and any change in test outcomes.",
    )
    p.add_argument("--runs", type=int, default=5, metavar="N", help="measured rounds (default 5)")
    p.add_argument(
        "--warmup", type=int, default=1, metavar="N", help="warm-up rounds, not counted (default 1)"
    )
    p.add_argument(
        "--python",
        action="append",
        default=[],
        metavar="PY",
        help="also bench this interpreter (a version such as 3.12, a name such as pypy3, a "
        "path, or `all` for every working one found) in an environment built for it; repeatable",
    )
    p.add_argument(
        "--group",
        action="append",
        default=[],
        metavar="NAME",
        help="install this PEP 735 dependency group into built environments; repeatable "
        "(default: a group or extra named test/tests/testing, then dev)",
    )
    p.add_argument(
        "--extra",
        action="append",
        default=[],
        metavar="NAME",
        help="install the project with this extra in built environments; repeatable",
    )
    p.add_argument(
        "--max-time",
        type=float,
        metavar="S",
        help="add rounds until every interval is within ±2%% or S seconds have passed",
    )
    p.add_argument("--json", metavar="FILE", help="write the JSON report (schema_version 2)")
    p.add_argument(
        "--pyperf", metavar="FILE", help="write the runs in pyperf's JSON format (compare_to)"
    )
    p.add_argument(
        "--markdown", metavar="FILE", help="write a Markdown report, e.g. $GITHUB_STEP_SUMMARY"
    )
    p.add_argument(
        "cmd",
        nargs="*",
        metavar="-- CMD",
        help="command to time instead of the project's pytest run (runs verbatim, "
        "with the configuration's interpreter first on PATH)",
    )
    p.set_defaults(handler=_run_bench)


def _run_init(args: argparse.Namespace) -> int:
    from adopt_fast.commands.init import run_init

    return run_init(
        args.path,
        args.profile,
        diff=args.diff,
        format_hook=args.format,
        skip_migrate=args.skip_migrate,
    )


def _add_init(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "init",
        help="merge a curated Ruff profile into the project's config, "
        "ignore .ruff_cache/, wire the pre-commit hooks",
    )
    p.add_argument("path", nargs="?", default=".", help="project root (default: .)")
    p.add_argument(
        "--profile",
        choices=PROFILES,
        default=None,
        help=f"rule profile, recorded in [tool.adopt-fast] unless it is {DEFAULT_PROFILE} "
        f"(default: the recorded one, else {DEFAULT_PROFILE})",
    )
    p.add_argument(
        "--diff",
        action="store_true",
        help="print the changes as a unified diff and write nothing (exit 1 if any)",
    )
    p.add_argument(
        "--format",
        action="store_true",
        help="wire the adopt-fast-format hook although the project does not format its code yet",
    )
    p.add_argument(
        "--skip-migrate",
        action="store_true",
        help="add the profile although flake8, isort, black, ... are still configured "
        "(default: say to run `adopt-fast migrate` first)",
    )
    p.set_defaults(handler=_run_init)


def _check_ids(text: str) -> list[str]:
    """`AF004,AF005` (repeatable, as Ruff's --select): the ids, upper-cased."""
    return [part.strip().upper() for part in text.split(",") if part.strip()]


def _run_check(args: argparse.Namespace) -> int:
    from adopt_fast.commands.check import list_checks, run_check

    if args.list:
        return list_checks()
    return run_check(
        args.path,
        output_format=args.format,
        lint=not args.no_lint,
        profile=args.profile,
        select=[code for group in args.select for code in group],
        ignore=[code for group in args.ignore for code in group],
        summary=args.summary,
        json_path=args.json,
        max_annotations=args.max_annotations,
    )


def _add_check(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "check",
        help="CI gate: config adopted, versions agree, cache ignored, lint clean (writes nothing)",
    )
    p.add_argument("path", nargs="?", default=".", help="project root (default: .)")
    p.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="output: text, json (schema_version 2), GitHub annotations or SARIF 2.1.0",
    )
    p.add_argument("--no-lint", action="store_true", help="skip `ruff check`")
    p.add_argument(
        "--profile",
        choices=PROFILES,
        default=None,
        help="profile whose rule families must be selected (default: `profile` in "
        f"[tool.adopt-fast], else {DEFAULT_PROFILE})",
    )
    p.add_argument(
        "--select",
        type=_check_ids,
        action="append",
        default=[],
        metavar="AF00X,...",
        help="run only these checks",
    )
    p.add_argument(
        "--ignore",
        type=_check_ids,
        action="append",
        default=[],
        metavar="AF00X,...",
        help="leave these checks out (shown as ignored)",
    )
    p.add_argument("--list", action="store_true", help="list the checks and exit")
    p.add_argument(
        "--summary",
        metavar="FILE",
        help="also write a Markdown summary, e.g. $GITHUB_STEP_SUMMARY (appended to there)",
    )
    p.add_argument(
        "--json", metavar="FILE", help="also write the JSON report (as --format json prints it)"
    )
    p.add_argument(
        "--max-annotations",
        type=int,
        default=50,
        metavar="N",
        help="--format github: annotate at most N violations, then one notice (0: all; default 50)",
    )
    p.set_defaults(handler=_run_check)


def _run_fix(args: argparse.Namespace) -> int:
    from adopt_fast.commands.fix import fix

    return fix(
        args.paths,
        diff=args.diff,
        unsafe=args.unsafe,
        show_kept=args.show_kept,
        verify=args.verify,
        test_command=args.tail,
    )


def _add_fix(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "fix",
        help="remove unused imports (Ruff F401) where that is safe",
        usage="%(prog)s [-h] [--diff] [--unsafe] [--show-kept] [--verify] [PATHS ...] "
        "[-- TEST_CMD ...]",
    )
    p.add_argument("paths", nargs="*", metavar="PATHS", help="files or folders (default: .)")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--diff", action="store_true", help="print a unified diff, write nothing")
    mode.add_argument(
        "--verify",
        action="store_true",
        help="run the tests (default `python -m pytest -x -q`, or TEST_CMD after "
        "--) before and after; restore the files whose change breaks them",
    )
    p.add_argument(
        "--unsafe",
        action="store_true",
        help="also remove what is kept by default, and say what was removed",
    )
    p.add_argument("--show-kept", action="store_true", help="list the imports kept, with why")
    p.set_defaults(handler=_run_fix)


# Subcommands whose arguments may end with `-- CMD...`, a command to run.
_TAKES_A_COMMAND_AFTER_DASHES = ("fix",)


def _split_tail(argv: list[str]) -> tuple[list[str], list[str]]:
    """`adopt-fast fix [ARGS] -- TAIL...`: TAIL is a command to run, kept away from argparse
    (which would mix it into the positional arguments)."""
    if argv[:1] and argv[0] in _TAKES_A_COMMAND_AFTER_DASHES and "--" in argv:
        index = argv.index("--")
        return argv[:index], argv[index + 1 :]
    return argv, []


def _rounds(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _run_migrate(args: argparse.Namespace) -> int:
    from adopt_fast.commands.migrate import run_migrate

    return run_migrate(
        args.path,
        diff=args.diff,
        measure=args.measure,
        rounds=args.rounds,
        keep=frozenset(args.keep),
    )


def _add_migrate(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "migrate",
        help="move flake8/isort/black/pyupgrade/autoflake settings and hooks to Ruff",
    )
    p.add_argument("path", nargs="?", default=".", help="project root (default: .)")
    p.add_argument(
        "--diff",
        action="store_true",
        help="print the changes as a unified diff and write nothing (exit 1 if any)",
    )
    p.add_argument(
        "--keep",
        action="append",
        default=[],
        choices=OTHER_TOOLS,
        metavar="TOOL",
        help="keep this formatter's or import sorter's hook (and leave its job to it, not to "
        f"Ruff); repeatable; one of {', '.join(OTHER_TOOLS)}",
    )
    timing = p.add_mutually_exclusive_group()
    timing.add_argument(
        "--measure",
        action="store_true",
        default=None,
        help="time the old tools against Ruff, installing them in a temporary environment "
        "when they are not installed (default: time them only when they are)",
    )
    timing.add_argument(
        "--no-measure", dest="measure", action="store_false", help="do not time anything"
    )
    p.add_argument(
        "--rounds", type=_rounds, default=5, metavar="N", help="timing rounds (default 5)"
    )
    p.set_defaults(handler=_run_migrate)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="adopt-fast",
        description="Adopt Ruff and the Pyston-lite JIT safely, and measure the gain.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in (
        _add_cache,
        _add_run,
        _add_jit,
        _add_bench,
        _add_init,
        _add_check,
        _add_fix,
        _add_migrate,
    ):
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    own, tail = _split_tail(list(sys.argv[1:] if argv is None else argv))
    args = parser.parse_args(own)
    args.tail = tail
    handler: Handler = args.handler
    return run_guarded("adopt-fast", lambda: handler(args))
