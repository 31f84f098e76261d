"""Every `adopt-fast` subcommand reaches its one function with the options it was given (as
pre-commit's tests/main_test.py does). The command functions are replaced here, at the routing
seam: what each one does is tested against real projects elsewhere."""

from __future__ import annotations

import argparse
import importlib
import inspect
from typing import Any
from unittest import mock

import pytest

from adopt_fast import cli

# (argv, the function cli.main must call, its positional and keyword arguments)
ROUTES: list[tuple[list[str], str, tuple[Any, ...], dict[str, Any]]] = [
    (["cache", "info"], "run_cache", ("info", "."), {"dry_run": False}),
    (["cache", "prune", "proj", "--dry-run"], "run_cache", ("prune", "proj"), {"dry_run": True}),
    (["cache", "prune", "--dry-run", "proj"], "run_cache", ("prune", "proj"), {"dry_run": True}),
    (["cache", "prune", "--dry-run"], "run_cache", ("prune", "."), {"dry_run": True}),
    (["run", "--", "pytest", "-x"], "run", (["pytest", "-x"], "pyston"), {}),
    (["run", "--jit", "off", "--", "python", "-c", "1"], "run", (["python", "-c", "1"], "off"), {}),
    (["jit", "status"], "jit_status", (None,), {}),
    (["jit", "status", "--python", "3.10"], "jit_status", ("3.10",), {}),
    (
        ["bench", "--runs", "3", "--python", "3.12", "--group", "test", "--json", "b.json"],
        "run_bench",
        (),
        {
            "runs": 3,
            "warmup": 1,
            "pythons": ["3.12"],
            "max_time": None,
            "json_path": "b.json",
            "markdown_path": None,
            "pyperf_path": None,
            "command": [],
            "groups": ["test"],
            "extras": [],
        },
    ),
    (
        ["init", "proj", "--profile", "strict", "--diff"],
        "run_init",
        ("proj", "strict"),
        {"diff": True, "format_hook": False, "skip_migrate": False},
    ),
    (
        ["init", "--format", "--skip-migrate"],
        "run_init",
        (".", None),
        {"diff": False, "format_hook": True, "skip_migrate": True},
    ),
    (
        ["check", "--format", "json", "--select", "af004,AF005", "--ignore", "AF006", "--no-lint"],
        "run_check",
        (".",),
        {
            "output_format": "json",
            "lint": False,
            "profile": None,
            "select": ["AF004", "AF005"],
            "ignore": ["AF006"],
            "summary": None,
            "json_path": None,
            "max_annotations": 50,
        },
    ),
    (["check", "--list"], "list_checks", (), {}),
    (
        ["fix", "src", "--verify", "--", "pytest", "-x"],
        "fix",
        (["src"],),
        {
            "diff": False,
            "unsafe": False,
            "show_kept": False,
            "verify": True,
            "test_command": ["pytest", "-x"],
        },
    ),
    (
        ["fix", "--diff", "--unsafe", "--show-kept"],
        "fix",
        ([],),
        {"diff": True, "unsafe": True, "show_kept": True, "verify": False, "test_command": []},
    ),
    (
        ["migrate", "proj", "--keep", "yapf", "--no-measure", "--rounds", "7"],
        "run_migrate",
        ("proj",),
        {"diff": False, "measure": False, "rounds": 7, "keep": frozenset({"yapf"})},
    ),
]
FUNCTIONS = sorted({name for _, name, _, _ in ROUTES})
CLI_SOURCE = inspect.getsource(cli)


# Where each function lives: cli.py imports it from there once the options are parsed.
MODULES = {
    "fix": "fix",
    "jit_status": "jit",
    "list_checks": "check",
    "run": "run",
    "run_bench": "bench",
    "run_cache": "cache",
    "run_check": "check",
    "run_init": "init",
    "run_migrate": "migrate",
}


@pytest.fixture
def commands(monkeypatch: pytest.MonkeyPatch) -> dict[str, mock.Mock]:
    mocks = {name: mock.Mock(return_value=0) for name in FUNCTIONS}
    for name, fake in mocks.items():
        module = importlib.import_module(f"adopt_fast.commands.{MODULES[name]}")
        monkeypatch.setattr(module, name, fake)
    return mocks


@pytest.mark.parametrize(
    ("argv", "name", "args", "kwargs"), ROUTES, ids=[" ".join(r[0]) for r in ROUTES]
)
def test_each_subcommand_reaches_its_function_with_its_options(
    commands: dict[str, mock.Mock],
    argv: list[str],
    name: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> None:
    commands[name].return_value = 1  # the command's exit code is main's
    assert cli.main(argv) == 1
    commands[name].assert_called_once_with(*args, **kwargs)
    assert sum(m.call_count for m in commands.values()) == 1


def test_every_subcommand_is_routed() -> None:
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert sorted(sub.choices) == sorted({argv[0] for argv, _, _, _ in ROUTES})


def test_each_command_function_is_the_one_in_commands() -> None:
    # A function the table names but cli.py does not call from adopt_fast.commands would let
    # a test pass against a stale name.
    assert sorted(MODULES) == FUNCTIONS
    for name in FUNCTIONS:
        module = importlib.import_module(f"adopt_fast.commands.{MODULES[name]}")
        assert getattr(module, name).__module__ == module.__name__, name
        assert f"from adopt_fast.commands.{MODULES[name]} import" in CLI_SOURCE, name
