"""How the lint hook builds Ruff's command line, checked against the real Ruff it runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from adopt_fast.ruff import find_project_config, hook_argv, positional_paths, target_version
from testing import run, script

OPTIONAL = (
    "from typing import Optional\n\n\ndef f(x: Optional[int]) -> Optional[int]:\n    return x\n"
)


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param({}, None, id="none"),
        pytest.param({"pyproject.toml": '[project]\nname = "x"\n'}, None, id="pyproject-no-ruff"),
        pytest.param({"pyproject.toml": "[tool.ruff]\n"}, "pyproject.toml", id="tool-ruff"),
        pytest.param({"pyproject.toml": "[ tool.ruff.lint ]\n"}, "pyproject.toml", id="spaced"),
        pytest.param(
            {"pyproject.toml": "[tool]\nruff = {line-length = 90}\n"},
            "pyproject.toml",
            id="inline-table",
        ),
        pytest.param({"pyproject.toml": '[tool.black]\nx = "ruff"\n'}, None, id="word-only"),
        # Bare Ruff fails on a pyproject.toml that does not parse (exit 2, with its message):
        # the hook must not lint past it with the bundled profile.
        pytest.param({"pyproject.toml": "[tool.ruff\n"}, "pyproject.toml", id="unclosed-ruff"),
        pytest.param({"pyproject.toml": "[project\n"}, "pyproject.toml", id="unparsable"),
        pytest.param(
            {"ruff.toml": "", "pyproject.toml": "[tool.ruff]\n"}, "ruff.toml", id="ruff-toml-first"
        ),
        pytest.param({".ruff.toml": "", "ruff.toml": ""}, ".ruff.toml", id="dot-ruff-first"),
    ],
)
def test_project_config_follows_ruff_precedence(
    tmp_path: Path, files: dict[str, str], expected: str | None
) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    found = find_project_config(str(tmp_path))
    assert (None if found is None else Path(found).name) == expected


@pytest.mark.parametrize(
    ("requires", "expected"),
    [
        pytest.param(">=3.8", "py38", id="ge"),
        pytest.param(">=3.10,<4", "py310", id="range"),
        pytest.param("<4, >=3.9", "py39", id="bound-second"),
        pytest.param("~=3.11", "py311", id="compatible"),
        pytest.param(">3.8", "py39", id="strictly-greater"),
        pytest.param(">=3.6", "py37", id="below-ruff-oldest"),
        pytest.param("<4", None, id="no-lower-bound"),
    ],
)
def test_target_version_from_requires_python(
    tmp_path: Path, requires: str, expected: str | None
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        f'[project]\nname = "x"\nrequires-python = "{requires}"\n', encoding="utf-8"
    )
    assert target_version(str(tmp_path)) == expected


def test_bundled_profile_respects_requires_python(tmp_path: Path) -> None:
    # Ruff ignores requires-python for a --config outside the project; without the hook passing
    # it on, `--fix` would rewrite Optional[int] into `int | None`, which Python 3.8 cannot run.
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\nrequires-python = ">=3.8"\n', encoding="utf-8"
    )
    (tmp_path / "a.py").write_text(OPTIONAL, encoding="utf-8")
    proc = run(script("adopt-fast-lint"), "a.py", cwd=tmp_path, check=False)
    assert "UP045" not in proc.stdout, proc.stdout
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\nrequires-python = ">=3.10"\n', encoding="utf-8"
    )
    proc = run(script("adopt-fast-lint"), "a.py", cwd=tmp_path, check=False)
    assert "UP045" in proc.stdout, proc.stdout


def test_own_config_gets_no_profile_and_no_cache_override(tmp_path: Path) -> None:
    (tmp_path / "ruff.toml").write_text("", encoding="utf-8")
    argv, warning = hook_argv("check", ["--fix", "a.py"], str(tmp_path))
    assert argv[1:] == ["check", "--force-exclude", "--unfixable", "F401", "--fix", "a.py"]
    assert warning is None


def test_explicit_config_argument_wins(tmp_path: Path) -> None:
    argv, _ = hook_argv("check", ["--config", "other.toml", "a.py"], str(tmp_path))
    assert argv[1:] == [
        "check",
        "--force-exclude",
        "--unfixable",
        "F401",
        "--config",
        "other.toml",
        "a.py",
    ]


@pytest.mark.parametrize(
    "config",
    [None, '[lint]\nextend-select = ["E4"]\nunfixable = ["I001"]\n'],
    ids=["profile", "own"],
)
def test_fix_removes_unused_imports_only_where_safe(tmp_path: Path, config: str | None) -> None:
    # Ruff's own F401 fix would delete `import readline`, whose import is its effect; the hook
    # removes unused imports with adopt-fast's safe fix instead, then lets Ruff fix the rest.
    if config is not None:
        (tmp_path / "ruff.toml").write_text(config, encoding="utf-8")
    source = "import readline\nimport os\nimport json, re\n\nprint(json, re)\n"
    (tmp_path / "a.py").write_text(source, encoding="utf-8")
    proc = run(script("adopt-fast-lint"), "--fix", "a.py", cwd=tmp_path, check=False)
    text = (tmp_path / "a.py").read_text(encoding="utf-8")
    assert "import readline\n" in text, text
    assert "import os" not in text, text
    assert "Fixing a.py" in proc.stderr
    assert "F401 `readline` imported but unused" in proc.stdout, "kept, so still reported"
    assert "adopt-fast: kept" not in proc.stderr, "said by the fix-imports hook, not twice"
    assert proc.returncode == 1
    assert "import json, re" not in text, "Ruff's other fixes (E401 here) still apply"
    if config is not None:
        assert "I001" in proc.stdout, "the config's own `unfixable` still holds"


def test_without_fix_nothing_is_written(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("import os\n", encoding="utf-8")
    proc = run(script("adopt-fast-lint"), "a.py", cwd=tmp_path, check=False)
    assert proc.returncode == 1 and "F401" in proc.stdout
    assert (tmp_path / "a.py").read_text(encoding="utf-8") == "import os\n"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        pytest.param(["a.py", "b.py"], ["a.py", "b.py"], id="files"),
        pytest.param(["--fix", "--select", "F", "a.py"], ["a.py"], id="value-option"),
        pytest.param(["--config=x.toml", "--profile", "strict", "src"], ["src"], id="equals-form"),
        pytest.param(["-o", "out.txt", "--", "a.py"], ["a.py"], id="short-option"),
    ],
)
def test_positional_paths(args: list[str], expected: list[str]) -> None:
    assert positional_paths(args) == expected


def test_a_crash_in_the_safe_fix_stops_the_hook_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The one fault injected: a bug inside the safe import fix.
    from adopt_fast.imports import engine
    from pre_commit_hooks.adopt_fast_lint import main

    def broken_fix(*args: object, **kwargs: object) -> int:
        raise RuntimeError("boom")

    monkeypatch.setattr(engine, "fix_imports", broken_fix)
    (tmp_path / "a.py").write_text("import os\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["--fix", "a.py"]) == 3
    out = capsys.readouterr()
    assert out.err.startswith("adopt-fast-lint: internal error: RuntimeError: boom")
    assert out.err.count("\n") == 1 and "Traceback" not in out.err
    assert (tmp_path / "a.py").read_text(encoding="utf-8") == "import os\n"


@pytest.mark.parametrize("hook", ["adopt_fast_lint", "adopt_fast_format"])
def test_hook_imports_nothing_heavy_before_ruff(tmp_path: Path, hook: str) -> None:
    # These hooks run on every commit and hand the process to Ruff: each of these modules
    # would add milliseconds to every call.
    heavy = ("argparse", "subprocess", "json", "tomllib", "pathlib", "dataclasses", "typing")
    probe = (
        "import os, sys\n"
        "def spy(path, argv):\n"
        f"    print(sorted(m for m in {heavy!r} if m in sys.modules))\n"
        "    print(os.path.basename(path))\n"
        "    sys.exit(0)\n"
        "os.execv = spy\n"
        f"from pre_commit_hooks.{hook} import main\n"
        "main()\n"
    )
    (tmp_path / "a.py").write_text("import os\n", encoding="utf-8")
    proc = run(sys.executable, "-c", probe, "a.py", cwd=tmp_path)
    assert proc.stdout.splitlines() == ["[]", "ruff"], proc.stdout + proc.stderr


def test_fix_with_diff_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(
        "import os\nimport json, re\n\nprint(json, re)\n", encoding="utf-8"
    )
    before = (tmp_path / "a.py").read_bytes()
    proc = run(script("adopt-fast-lint"), "--fix", "--diff", "a.py", cwd=tmp_path, check=False)
    assert (tmp_path / "a.py").read_bytes() == before
    assert "-import os" in proc.stdout, proc.stdout + proc.stderr


def test_fix_settles_in_one_run_when_ruffs_fixes_leave_imports_unused(tmp_path: Path) -> None:
    # pyupgrade's fix turns `Optional[int]` into `int | None` and leaves `Optional` unused;
    # Ruff may not remove it (F401 is never Ruff's to fix here), so the safe fix runs after
    # Ruff's fixes, and the side-effect import still stays.
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\nrequires-python = ">=3.10"\n'
        '[tool.ruff.lint]\nextend-select = ["UP"]\n',
        encoding="utf-8",
    )
    (tmp_path / "a.py").write_text(
        "import readline  # noqa: F401\nfrom typing import Optional\n\n\n"
        "def f(x: Optional[int]) -> None:\n    print(x)\n",
        encoding="utf-8",
    )
    proc = run(script("adopt-fast-lint"), "--fix", "--no-cache", "a.py", cwd=tmp_path, check=False)
    assert (tmp_path / "a.py").read_text(encoding="utf-8") == (
        "import readline  # noqa: F401\n\n\ndef f(x: int | None) -> None:\n    print(x)\n"
    ), proc.stdout + proc.stderr
    assert proc.returncode == 0, proc.stdout + proc.stderr
    again = run(script("adopt-fast-lint"), "--fix", "--no-cache", "a.py", cwd=tmp_path, check=False)
    assert again.returncode == 0 and "Fixing" not in again.stderr, again.stdout + again.stderr


def test_a_pyproject_verdict_is_kept_in_ruffs_cache_for_its_exact_bytes(tmp_path: Path) -> None:
    # The lint hook asks on every commit whether pyproject.toml configures Ruff; a file with
    # no [tool.ruff] header takes tomllib to be sure (25 ms of imports), once per content.
    (tmp_path / ".ruff_cache").mkdir()
    (tmp_path / ".ruff_cache" / ".gitignore").write_text("*\n")
    pyproject = tmp_path / "pyproject.toml"
    plain = f'[project]\nname = "{tmp_path.name}"\n'  # bytes no earlier test asked about
    pyproject.write_text(plain)
    assert find_project_config(str(tmp_path)) is None
    kept = list((tmp_path / ".ruff_cache" / "adopt-fast").rglob("pyproject-has-ruff"))
    assert len(kept) == 1
    probe = (
        "import sys; from adopt_fast.ruff import find_project_config; "
        f"print(find_project_config({str(tmp_path)!r}), 'tomllib' in sys.modules)"
    )
    again = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False
    )
    assert again.stdout.split() == ["None", "False"], again.stderr
    pyproject.write_text(plain.replace("[project]", "[project"))  # parsed again: Ruff's
    again = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False
    )
    assert again.stdout.split()[0].endswith("pyproject.toml"), again.stderr
    pyproject.write_text(plain)
    assert find_project_config(str(tmp_path)) is None
