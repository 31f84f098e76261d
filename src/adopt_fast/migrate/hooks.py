"""Find the old tools' hooks in .pre-commit-config.yaml, with their args and lines."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

import yaml

from adopt_fast.edits.textfile import read_text
from adopt_fast.errors import InputError
from adopt_fast.migrate.model import Origin

CONFIG = ".pre-commit-config.yaml"

# Hook id -> the tool it runs. Matched by id whatever the repo (mirrors, forks, `repo: local`).
OLD_HOOKS = {
    "flake8": "flake8",
    "isort": "isort",
    "black": "black",
    "black-jupyter": "black",
    "pyupgrade": "pyupgrade",
    "autoflake": "autoflake",
}

# Words a comment uses for each old tool or its job ("# formatting" above black): a comment
# directly above a replaced repo that names one would now mislabel the adopt-fast block.
TOOL_WORDS = {
    "flake8": ("flake8", "lint", "pyflakes", "pycodestyle", "pep8", "style"),
    "isort": ("isort", "sort", "import"),
    "black": ("black", "format"),
    "pyupgrade": ("pyupgrade", "upgrade"),
    "autoflake": ("autoflake", "unused"),
    "zimports": ("zimports", "sort", "import"),
    "reorder-python-imports": ("reorder", "sort", "import"),
    "usort": ("usort", "sort", "import"),
    "ufmt": ("ufmt", "usort", "sort", "import", "format"),
    "yapf": ("yapf", "format"),
    "autopep8": ("autopep8", "pep8", "format"),
}


def names_a_tool(comment: str, tools: set[str]) -> bool:
    """Whether `comment` names one of `tools` (or its job)."""
    text = comment.lower()
    return any(word in text for tool in tools for word in TOOL_WORDS.get(tool, (tool,)))


@dataclass(frozen=True)
class OldHook:
    tool: str
    hook_id: str
    repo: str
    rev: str
    args: list[str]
    additional_dependencies: list[str]
    origin: Origin  # the line of the hook's `- id:` entry


def _yaml_error(path: str, error: Exception) -> InputError:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    return InputError(
        path,
        f"is not valid YAML: {problem}",
        "fix the YAML syntax",
        line=None if mark is None else mark.line + 1,
    )


def _scalars(node: object) -> list[str]:
    if not isinstance(node, yaml.SequenceNode):
        return []
    return [str(item.value) for item in node.value if isinstance(item, yaml.ScalarNode)]


def _mapping(node: object) -> dict[str, object]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): v for k, v in node.value if isinstance(k, yaml.ScalarNode)}


def compose(root: str) -> object | None:
    """The YAML node tree of the config (None when there is none); InputError when invalid."""
    path = os.path.join(root, CONFIG)
    if not os.path.isfile(path):
        return None
    text = read_text(path).text
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as e:
        raise _yaml_error(path, e) from None


def find_old_hooks(root: str, ids: Mapping[str, str] = OLD_HOOKS) -> list[OldHook]:
    """The hooks of root's pre-commit config whose id is in `ids` (hook id -> tool; by
    default flake8/isort/black/pyupgrade/autoflake)."""
    tree = compose(root)
    found: list[OldHook] = []
    for repo in _scalars_or_nodes(_mapping(tree).get("repos")):
        repo_map = _mapping(repo)
        url = repo_map.get("repo")
        url_text = str(url.value) if isinstance(url, yaml.ScalarNode) else ""
        rev = repo_map.get("rev")
        rev_text = str(rev.value) if isinstance(rev, yaml.ScalarNode) else ""
        for hook in _scalars_or_nodes(repo_map.get("hooks")):
            hook_map = _mapping(hook)
            hook_id = hook_map.get("id")
            if not isinstance(hook_id, yaml.ScalarNode) or hook_id.value not in ids:
                continue
            found.append(
                OldHook(
                    tool=ids[hook_id.value],
                    hook_id=hook_id.value,
                    repo=url_text,
                    rev=rev_text,
                    args=_scalars(hook_map.get("args")),
                    additional_dependencies=_scalars(hook_map.get("additional_dependencies")),
                    origin=Origin(CONFIG, hook_id.start_mark.line + 1),
                )
            )
    return found


def _scalars_or_nodes(node: object) -> list[object]:
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []
