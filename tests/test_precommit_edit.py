"""Editing .pre-commit-config.yaml by splicing lines: layout kept, meaning verified."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from adopt_fast import __version__
from adopt_fast.edits.precommit import (
    HOOKS_REPO,
    plan_adopt_fast_hooks,
    plan_repo_edit,
    read_precommit_config,
    repo_block_text,
)
from adopt_fast.errors import InputError
from testing import run, script

REV = f"v{__version__}"
HOOKS = f"""\
-   repo: {HOOKS_REPO}
    rev: {REV}
    hooks:
    -   id: adopt-fast-cache-ignore
    -   id: adopt-fast-fix-imports
    -   id: adopt-fast-lint
        args: [--fix]
    -   id: adopt-fast-format
"""


def plan(tmp_path: Path, text: str) -> tuple[str | None, tuple[str, ...]]:
    (tmp_path / ".pre-commit-config.yaml").write_bytes(text.encode())
    result = plan_adopt_fast_hooks(str(tmp_path))
    return (None if result.change is None else result.change.new.decode()), result.notes


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            f"repos:\n-   repo: {HOOKS_REPO}\n    rev: v0.0.1\n    hooks:\n"
            "    -   id: adopt-fast-lint\n",
            id="adopt-fast-repo-present",
        ),
        pytest.param(
            "repos:\n-   repo: local\n    hooks:\n"
            + "".join(
                f"    -   id: {h}\n        name: {h}\n        entry: {h}\n"
                "        language: system\n"
                for h in ("adopt-fast-lint", "adopt-fast-format", "adopt-fast-cache-ignore")
            ),
            id="local-hooks",
        ),
        pytest.param(
            "repos:\n-   repo: local\n    hooks:\n    -   id: adopt-fast-lint\n"
            "        name: lint\n        entry: adopt-fast-lint\n        language: system\n",
            id="some-local-hooks",
        ),
    ],
)
def test_unchanged(tmp_path: Path, text: str) -> None:
    assert plan(tmp_path, text) == (None, ())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "# top\nrepos:\n-   repo: https://github.com/pre-commit/pre-commit-hooks\n"
            "    rev: v5.0.0  # pinned\n    hooks:\n    -   id: check-yaml\n\n# the end\n",
            "# top\nrepos:\n-   repo: https://github.com/pre-commit/pre-commit-hooks\n"
            "    rev: v5.0.0  # pinned\n    hooks:\n    -   id: check-yaml\n"
            + HOOKS
            + "\n# the end\n",
            id="after-last-repo-before-trailing-comment",
        ),
        pytest.param(
            "repos:\r\n  - repo: https://github.com/psf/black\r\n    rev: 24.1.0\r\n    hooks:\r\n"
            "      - id: black\r\nci:\r\n  autofix_prs: false",
            "repos:\r\n  - repo: https://github.com/psf/black\r\n    rev: 24.1.0\r\n    hooks:\r\n"
            f"      - id: black\r\n  - repo: {HOOKS_REPO}\r\n    rev: {REV}\r\n    hooks:\r\n"
            "      - id: adopt-fast-cache-ignore\r\n      - id: adopt-fast-fix-imports\r\n"
            "      - id: adopt-fast-lint\r\n        args: [--fix]\r\n      - id: adopt-fast-format"
            "\r\nci:\r\n  autofix_prs: false",
            id="crlf-two-space-style-no-final-newline",
        ),
    ],
)
def test_hooks_added(tmp_path: Path, text: str, expected: str) -> None:
    new, notes = plan(tmp_path, text)
    assert new == expected
    assert notes == ()
    path = tmp_path / ".pre-commit-config.yaml"
    path.write_text(expected, newline="")
    proc = run(script("pre-commit"), "validate-config", path, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_pre_commit_only_cache_hook(tmp_path: Path) -> None:
    new, notes = plan(
        tmp_path,
        "repos:\n- repo: https://github.com/astral-sh/ruff-pre-commit.git"
        "\n  rev: v0.17.5\n  hooks:\n  - id: ruff\n",
    )
    assert new is not None and notes
    added = yaml.safe_load(new)["repos"][-1]
    assert added["hooks"] == [{"id": "adopt-fast-cache-ignore"}]


def test_flow_style_is_a_note_not_an_edit(tmp_path: Path) -> None:
    new, notes = plan(tmp_path, "repos: []\n")
    assert new is None
    assert "flow style" in notes[0] and HOOKS_REPO in notes[0]


def test_locates_repos_and_hooks(tmp_path: Path) -> None:
    text = (
        "repos:\n# linters\n-   repo: https://github.com/PyCQA/flake8\n    rev: 7.0.0\n"
        "    hooks:\n    -   id: flake8\n        additional_dependencies: [flake8-bugbear]\n"
        "\n# formatters\n-   repo: https://github.com/psf/black\n    rev: 24.1.0\n    hooks:\n"
        "    -   id: black\n"
    )
    (tmp_path / ".pre-commit-config.yaml").write_text(text)
    config = read_precommit_config(str(tmp_path))
    assert config is not None
    flake8, black = config.repos
    assert (flake8.url, flake8.rev, flake8.start, flake8.end) == (
        "https://github.com/PyCQA/flake8",
        "7.0.0",
        2,
        7,
    )
    assert [(h.id, h.line) for h in flake8.hooks] == [("flake8", 5)]
    assert (black.start, black.end, black.hooks[0].id) == (9, 13, "black")
    # The migrate use: replace flake8 with the adopt-fast lint hook, comments stay.
    block = repo_block_text(config, HOOKS_REPO, REV, [("adopt-fast-lint", ("--fix",))])
    change = plan_repo_edit(
        config,
        remove=[flake8],
        add=block,
        expected_added=[
            {
                "repo": HOOKS_REPO,
                "rev": REV,
                "hooks": [{"id": "adopt-fast-lint", "args": ["--fix"]}],
            }
        ],
    )
    new = change.new.decode()
    assert "flake8" not in new
    # `# linters` introduced the removed repo and goes with it, and so does the blank line
    # that set it apart from the next; `# formatters` stays.
    assert new.startswith("repos:\n# formatters\n-   repo: https://github.com/psf/black")
    assert new.endswith(
        f"    -   id: black\n-   repo: {HOOKS_REPO}\n    rev: {REV}\n"
        "    hooks:\n    -   id: adopt-fast-lint\n        args: [--fix]\n"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("repos:\n- repo: [\n", ":3: is not valid YAML", id="invalid"),
        pytest.param("", "has no `repos:` list", id="empty"),
        pytest.param("- a\n- b\n", "has no `repos:` list", id="not-a-mapping"),
    ],
)
def test_bad_input(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / ".pre-commit-config.yaml").write_text(text)
    with pytest.raises(InputError) as info:
        plan_adopt_fast_hooks(str(tmp_path))
    assert message in str(info.value)


def _repo_text(name: str) -> str:
    return f"  - repo: https://github.com/x/{name}\n    rev: v1\n    hooks:\n      - id: {name}\n"


NEW_BLOCK = _repo_text("new")


@pytest.mark.parametrize(
    ("names", "remove", "in_place_of", "expected"),
    [
        pytest.param(
            ["black", "isort", "flake8", "mypy"],
            ["black", "isort", "flake8"],
            "black",
            ["new", "", "mypy"],
            id="three-replaced-before-one-kept",
        ),
        pytest.param(
            ["mypy", "black", "isort", "flake8"],
            ["black", "isort", "flake8"],
            "black",
            ["mypy", "", "new"],
            id="replaced-at-the-end",
        ),
        pytest.param(
            ["isort", "black", "mypy"],
            ["isort", "black"],
            "black",
            ["new", "", "mypy"],
            id="removed-first-then-replaced",
        ),
        pytest.param(
            ["isort", "mypy", "flake8", "pyupgrade"],
            ["isort", "flake8"],
            None,
            ["mypy", "", "pyupgrade", "new"],
            id="removed-first-and-middle-appended-after-last",
        ),
    ],
)
def test_removing_repos_keeps_the_files_separation(
    tmp_path: Path,
    names: list[str],
    remove: list[str],
    in_place_of: str | None,
    expected: list[str],
) -> None:
    # Repos separated by one blank line stay separated by one blank line, whatever is removed.
    text = "repos:\n" + "\n".join(_repo_text(name) for name in names)
    (tmp_path / ".pre-commit-config.yaml").write_text(text)
    config = read_precommit_config(str(tmp_path))
    assert config is not None
    by_name = {repo.hooks[0].id: repo for repo in config.repos}
    change = plan_repo_edit(
        config,
        remove=[by_name[name] for name in remove],
        add=NEW_BLOCK,
        expected_added=[
            {"repo": "https://github.com/x/new", "rev": "v1", "hooks": [{"id": "new"}]}
        ],
        in_place_of=by_name[in_place_of] if in_place_of else None,
    )
    new = change.new.decode()
    shape = [
        line.rsplit("/", 1)[-1] if line.startswith("  - repo:") else ""
        for line in new.splitlines()[1:]
        if line.startswith("  - repo:") or not line.strip()
    ]
    assert shape == expected, new


@pytest.mark.parametrize(
    ("comment", "stays"),
    [
        pytest.param("# formatting", False, id="names-the-removed-job"),
        pytest.param("# fast checks", True, id="other-comment-introduces-the-new-block"),
    ],
)
def test_comment_above_the_replaced_repo(tmp_path: Path, comment: str, stays: bool) -> None:
    text = "repos:\n" + f"  {comment}\n" + _repo_text("black") + "\n" + _repo_text("mypy")
    (tmp_path / ".pre-commit-config.yaml").write_text(text)
    config = read_precommit_config(str(tmp_path))
    assert config is not None
    black = config.repos[0]
    change = plan_repo_edit(
        config,
        remove=[black],
        add=NEW_BLOCK,
        expected_added=[
            {"repo": "https://github.com/x/new", "rev": "v1", "hooks": [{"id": "new"}]}
        ],
        in_place_of=black,
        stale_comment=lambda text: "format" in text,
    )
    new = change.new.decode()
    assert new.startswith(f"repos:\n  {comment}\n" if stays else "repos:\n  - repo:"), new
