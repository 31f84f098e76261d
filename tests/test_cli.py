"""The command line's one error handler: documented exit codes, one line, no traceback."""

from __future__ import annotations

import argparse

import pytest

from adopt_fast import cli
from adopt_fast.errors import InputError
from testing import run, script


def _handler_raising(exc: BaseException) -> cli.Handler:
    def handler(args: argparse.Namespace) -> int:
        raise exc

    return handler


@pytest.mark.parametrize(
    ("exc", "code", "message"),
    [
        pytest.param(
            InputError("pyproject.toml", "bad value", "fix it", line=3),
            2,
            "adopt-fast: pyproject.toml:3: bad value (fix it)\n",
            id="input-error",
        ),
        pytest.param(KeyboardInterrupt(), 130, "adopt-fast: interrupted\n", id="interrupt"),
        pytest.param(
            RuntimeError("boom"),
            3,
            "adopt-fast: internal error: RuntimeError: boom "
            "(rerun with ADOPT_FAST_DEBUG=1 for the traceback and report it)\n",
            id="crash",
        ),
    ],
)
def test_errors_map_to_exit_codes(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    exc: BaseException,
    code: int,
    message: str,
) -> None:
    # The one fault injection here: a command that fails in each way the handler must cover.
    parser = cli.build_parser()
    real_parse = parser.parse_args

    def parse(argv: object = None) -> argparse.Namespace:
        args = real_parse(["cache", "info"])
        args.handler = _handler_raising(exc)
        return args

    monkeypatch.setattr(parser, "parse_args", parse)
    monkeypatch.setattr(cli, "build_parser", lambda: parser)
    assert cli.main([]) == code
    assert capsys.readouterr().err == message


def test_usage_error_exits_2() -> None:
    proc = run(script("adopt-fast"), "no-such-command", check=False)
    assert proc.returncode == 2
    assert "invalid choice" in proc.stderr


def test_help_lists_the_commands() -> None:
    out = run(script("adopt-fast"), "--help").stdout
    assert "cache" in out
