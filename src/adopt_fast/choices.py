"""The closed sets the command line offers, each written once: argparse's `choices` read them
here, and the modules that act on them import their `Literal` types from here.

A leaf with nothing heavy to import: `adopt-fast --help` and every subcommand parse their
options before the one command module they run is imported (cli.py).
"""

from __future__ import annotations

from typing import Literal, get_args

OutputFormat = Literal["text", "json", "github", "sarif"]
FORMATS: tuple[OutputFormat, ...] = get_args(OutputFormat)  # check --format

CacheAction = Literal["info", "prune"]
ACTIONS: tuple[CacheAction, ...] = get_args(CacheAction)  # cache ACTION

# The tools migrate does not translate option by option, but replaces (or keeps, --keep).
OTHER_TOOLS = ("zimports", "reorder-python-imports", "usort", "ufmt", "yapf", "autopep8")
