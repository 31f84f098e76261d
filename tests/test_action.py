"""action.yml, the composite GitHub Action: valid for GitHub's schema, and its steps, run in a
shell as the runner runs them, install adopt-fast privately, annotate, summarise and set outputs."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

from testing import ROOT, git_repo, run, script

ACTION = ROOT / "action.yml"


def test_action_matches_githubs_schema() -> None:
    proc = run(
        script("check-jsonschema"), "--builtin-schema", "vendor.github-actions", ACTION, check=False
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_schema_check_can_fail(tmp_path: Path) -> None:
    # A composite step needs `shell`: the validation above would catch its loss.
    broken = tmp_path / "action.yml"
    broken.write_text(ACTION.read_text(encoding="utf-8").replace("shell: bash", "shelf: bash"))
    proc = run(
        script("check-jsonschema"), "--builtin-schema", "vendor.github-actions", broken, check=False
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr


def _expand(value: str, context: dict[str, str]) -> str:
    """GitHub's `${{ name }}` expressions, for the plain names the action uses."""

    def lookup(match: re.Match[str]) -> str:
        return context[match.group(1)]

    return re.sub(r"\$\{\{\s*([\w.]+)\s*\}\}", lookup, value)


def run_action(
    workspace: Path, temp: Path, inputs: dict[str, str], env: dict[str, str]
) -> tuple[int, str, dict[str, str]]:
    """Each step of action.yml through `bash -eo pipefail`, as a runner does; the exit code of
    the first failing step, the output of all, and the outputs the steps set."""
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    context = {f"inputs.{name}": spec.get("default", "") for name, spec in action["inputs"].items()}
    context |= {f"inputs.{name}": value for name, value in inputs.items()}
    context |= {"github.action_ref": "", "github.action_path": str(ROOT), "runner.temp": str(temp)}
    output = ""
    code = 0
    for step in action["runs"]["steps"]:
        assert step["shell"] == "bash"
        step_env = os.environ | env | {k: _expand(v, context) for k, v in step["env"].items()}
        for line in Path(env["GITHUB_ENV"]).read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition("=")
            step_env[key] = value
        script_file = temp / "step.sh"
        script_file.write_text(step["run"], encoding="utf-8")
        proc = run(
            "bash", "--noprofile", "--norc", "-eo", "pipefail", script_file,
            cwd=workspace, env=step_env, check=False,
        )  # fmt: skip
        output += proc.stdout + proc.stderr
        code = proc.returncode
        if code:
            break
    outputs = dict(
        line.partition("=")[::2]
        for line in Path(env["GITHUB_OUTPUT"]).read_text(encoding="utf-8").splitlines()
    )
    return code, output, outputs


@pytest.mark.slow
def test_action_steps_annotate_summarise_and_set_outputs(
    tmp_path: Path, adopt_fast_wheel: Path
) -> None:
    workspace = git_repo(
        tmp_path / "workspace",
        {
            "README.md": "A repository whose Python project lives in a folder.\n",
            "service/pyproject.toml": '[project]\nname = "service"\n',
            "service/pkg/__init__.py": '"""A package."""\n',
            "service/pkg/bad.py": '"""Unused imports."""\n\nimport os\nimport sys\n',
        },
    )
    run(script("adopt-fast"), "init", "service", cwd=workspace, check=False)
    run("git", "add", "-A", cwd=workspace)
    run("git", "commit", "-qm", "adopt", cwd=workspace)
    temp = tmp_path / "runner-temp"
    temp.mkdir()
    summary = temp / "step_summary.md"
    summary.write_text("## An earlier step\n", encoding="utf-8")
    env = {
        "GITHUB_WORKSPACE": str(workspace),
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_OUTPUT": str(temp / "output"),
        "GITHUB_ENV": str(temp / "env"),
    }
    for name in ("output", "env"):
        (temp / name).write_text("", encoding="utf-8")
    inputs = {"version": str(adopt_fast_wheel), "path": "service"}
    code, output, outputs = run_action(workspace, temp, inputs, env)
    assert code == 1, output
    assert outputs == {"ok": "false", "violations": "2"}, output
    assert "::error title=F401,file=service/pkg/bad.py,line=3,col=8," in output, output
    assert output.index("::error title=AF006::") < output.index("::error title=F401,"), output
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## An earlier step\n## adopt-fast check: 1 of 6 checks failed\n"), text
    assert "| AF006 | ❌ fail |" in text and "| `service/pkg/bad.py:3:8` | F401 |" in text, text
    assert (temp / "adopt-fast-venv/bin/adopt-fast").is_file(), "a private environment"

    # Fixed: the same steps pass, and say so.
    (workspace / "service/pkg/bad.py").write_text('"""Clean."""\n', encoding="utf-8")
    (temp / "output").write_text("", encoding="utf-8")
    code, output, outputs = run_action(workspace, temp, inputs | {"profile": "minimal"}, env)
    assert code == 0, output
    assert outputs == {"ok": "true", "violations": "0"}, output
    assert "## adopt-fast check: all 6 checks passed" in summary.read_text(encoding="utf-8")
