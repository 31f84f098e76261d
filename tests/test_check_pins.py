"""AF004 reads every place a project says which Ruff runs: requirement strings as pip reads
them (ranges, `~=`, extras, markers, hashes, `-r` includes) and the lockfiles CI installs from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from adopt_fast.checks.pins import Pin, Range, lockfile_pins, requirement, requirements_pins
from adopt_fast.ruff import PINNED_VERSION
from testing import git_repo, run, script, write_files

REQUIREMENTS = [
    pytest.param("ruff==0.6.0", Pin("0.6.0", "s"), id="exact"),
    pytest.param("Ruff[extra] === 0.6.0", Pin("0.6.0", "s"), id="arbitrary-equality-extras"),
    pytest.param("ruff~=0.6.0", Range("ruff~=0.6.0", "~=0.6.0", "s", None, None), id="compatible"),
    pytest.param(
        "ruff>=0.6,<0.7", Range("ruff>=0.6,<0.7", "<0.7,>=0.6", "s", None, None), id="range"
    ),
    pytest.param("ruff==0.6.*", Range("ruff==0.6.*", "==0.6.*", "s", None, None), id="wildcard"),
    pytest.param("ruff==0.6.0; python_version < '3'", None, id="marker-not-here"),
    pytest.param("ruff==0.6.0; python_version >= '3'", Pin("0.6.0", "s"), id="marker-here"),
    pytest.param("ruff", None, id="unpinned"),
    pytest.param("ruff-lsp==0.0.50", None, id="another-package"),
    pytest.param("pytest-ruff==0.4", None, id="a-plugin"),
    pytest.param("ruff @ https://example.org/ruff.whl", None, id="url"),
    pytest.param("ruff=0.6", None, id="invalid"),
]


@pytest.mark.parametrize(("text", "expected"), REQUIREMENTS)
def test_requirement(text: str, expected: Pin | Range | None) -> None:
    assert requirement(text, "s", None, None) == expected


@pytest.mark.parametrize(
    ("specifier", "allows"),
    [("~=0.6.0", False), (">=0.6,<0.7", False), (">=0.17", True), ("~=0.17.0", True), ("<1", True)],
)
def test_range_allows(specifier: str, allows: bool) -> None:
    assert Range(f"ruff{specifier}", specifier, "s", None, None).allows(PINNED_VERSION) is allows


def test_requirements_files_follow_includes_and_hashes(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "requirements.txt": "# tools\n-r requirements/lint.in\n--index-url https://x\npytest\n",
            "requirements/lint.in": "-c ../constraints.txt\nruff==0.6.0 \\\n"
            "    --hash=sha256:0123 \\\n    --hash=sha256:4567\n",
            "constraints.txt": "ruff>=0.6,<0.7  # the old series\n-r requirements.txt\n",
        },
    )
    found = list(requirements_pins(str(tmp_path)))
    assert found == [
        Pin("0.6.0", "requirements/lint.in:2", "requirements/lint.in", 2),
        Range("ruff>=0.6,<0.7", "<0.7,>=0.6", "constraints.txt:1", "constraints.txt", 1),
    ]


UV_LOCK = """\
version = 1
requires-python = ">=3.10"

[[package]]
name = "pkg"
version = "1.0"
source = { editable = "." }
dependencies = [
    { name = "ruff" },
]

[[package]]
name = "ruff"
version = "0.15.13"
source = { registry = "https://pypi.org/simple" }
sdist = { url = "https://files.example/ruff-0.15.13.tar.gz", hash = "sha256:00" }
"""
POETRY_LOCK = '[[package]]\nname = "ruff"\nversion = "0.6.9"\ndescription = "x"\noptional = false\n'
PDM_LOCK = '[metadata]\ngroups = ["default"]\n\n[[package]]\nname = "ruff"\nversion = "0.8.0"\n'
PYLOCK = 'lock-version = "1.0"\n\n[[packages]]\nname = "ruff"\nversion = "0.9.1"\n'


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        pytest.param("uv.lock", UV_LOCK, ("0.15.13", 14), id="uv"),
        pytest.param("poetry.lock", POETRY_LOCK, ("0.6.9", 3), id="poetry"),
        pytest.param("pdm.lock", PDM_LOCK, ("0.8.0", 6), id="pdm"),
        pytest.param("pylock.toml", PYLOCK, ("0.9.1", 5), id="pylock"),
        pytest.param("pylock.dev.toml", PYLOCK.replace("\n", "\r\n"), ("0.9.1", 5), id="crlf"),
    ],
)
def test_lockfiles(tmp_path: Path, name: str, text: str, expected: tuple[str, int]) -> None:
    (tmp_path / name).write_bytes(text.encode())
    version, line = expected
    assert list(lockfile_pins(str(tmp_path))) == [Pin(version, f"{name}:{line}", name, line)]


def test_a_lockfile_without_ruff_pins_nothing(tmp_path: Path) -> None:
    (tmp_path / "uv.lock").write_text(UV_LOCK.split('[[package]]\nname = "ruff"')[0])
    assert list(lockfile_pins(str(tmp_path))) == []


def af004(root: Path) -> dict[str, object]:
    proc = run(script("adopt-fast"), "check", "--format", "json", "--select", "AF004", ".",
               cwd=root, check=False)  # fmt: skip
    (result,) = json.loads(proc.stdout)["checks"]
    assert isinstance(result, dict)
    return result


@pytest.mark.parametrize(
    ("files", "message", "where"),
    [
        pytest.param(
            {"uv.lock": UV_LOCK},
            f"Ruff versions disagree: {PINNED_VERSION} from the installed Ruff",
            ("uv.lock", 14),
            id="uv-lock",
        ),
        pytest.param(
            {
                "pyproject.toml": '[project]\nname = "p"\n[dependency-groups]\nlint = ["ruff~=0.6.0"]\n'
            },
            f"`ruff~=0.6.0` in pyproject.toml [dependency-groups] lint excludes Ruff {PINNED_VERSION}",
            ("pyproject.toml", 4),
            id="pyproject-range",
        ),
        pytest.param(
            {"requirements-dev.txt": "ruff>=0.6,<0.7\n"},
            f"`ruff>=0.6,<0.7` in requirements-dev.txt:1 excludes Ruff {PINNED_VERSION}",
            ("requirements-dev.txt", 1),
            id="requirements-range",
        ),
    ],
)
def test_af004_fails_where_ci_runs_another_ruff(
    tmp_path: Path, files: dict[str, str], message: str, where: tuple[str, int]
) -> None:
    root = git_repo(tmp_path / "repo", files)
    result = af004(root)
    assert result["ok"] is False and str(result["message"]).startswith(message), result
    assert (result["file"], result["line"]) == where


def test_af004_names_a_range_and_a_lockfile_at_once(tmp_path: Path) -> None:
    # What `uv lock` writes for `lint = ["ruff>=0.15,<0.16"]`: both are wrong, both are named.
    root = git_repo(
        tmp_path / "repo",
        {
            "pyproject.toml": '[project]\nname = "p"\n[dependency-groups]\nlint = ["ruff>=0.15,<0.16"]\n',
            "uv.lock": UV_LOCK,
        },
    )
    result = af004(root)
    message = str(result["message"])
    assert message.startswith(
        "`ruff>=0.15,<0.16` in pyproject.toml [dependency-groups] lint excludes"
    )
    assert "; Ruff versions disagree: " in message and "0.15.13 from uv.lock:14" in message
    assert (result["file"], result["line"]) == ("pyproject.toml", 4)


def test_af004_passes_a_range_that_allows_the_ruff_it_runs(tmp_path: Path) -> None:
    root = git_repo(
        tmp_path / "repo",
        {
            "requirements.txt": "ruff>=0.17,<0.18\n",
            "uv.lock": UV_LOCK.replace("0.15.13", PINNED_VERSION),
        },
    )
    assert af004(root)["ok"] is True
