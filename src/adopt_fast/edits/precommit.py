"""Read and edit .pre-commit-config.yaml by inserting and removing lines, never re-dumping.

PyYAML's node marks locate each repo and hook in the text, so an edit is a splice of lines:
the file's comments, quoting, indentation and line endings survive. Every edit is verified by
parsing the result: the data must be exactly the old data with the intended repos added or
removed. `adopt-fast init` adds the adopt-fast hooks; `adopt-fast migrate` can use
`read_precommit_config`, `find_repos`, `repo_block_text` and `plan_repo_edit` to replace
flake8/isort/black repos.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from adopt_fast import __version__
from adopt_fast.edits.change import Change
from adopt_fast.edits.textfile import TextFile, ensure_writable, read_text
from adopt_fast.errors import InputError
from adopt_fast.ruff import PINNED_VERSION

CONFIG_NAME = ".pre-commit-config.yaml"
# The one place that names the hooks' repository (also the `repo:` users copy from README).
HOOKS_REPO = "https://github.com/adopt-fast/adopt-fast"
RUFF_PRE_COMMIT = "https://github.com/astral-sh/ruff-pre-commit"
# The hooks `init` wires, with their arguments, in the order they must run: the safe
# unused-import fixer before the lint hook (which leaves F401 to it), lint before format.
ADOPT_FAST_HOOKS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("adopt-fast-cache-ignore", ()),
    ("adopt-fast-fix-imports", ()),
    ("adopt-fast-lint", ("--fix",)),
    ("adopt-fast-format", ()),
)
# Hooks that do a job astral-sh/ruff-pre-commit's hooks already do (its `ruff --fix` removes
# unused imports too, before an appended fixer could keep the unsafe ones).
ADOPT_FAST_RUFF_HOOKS = frozenset(
    {"adopt-fast-lint", "adopt-fast-format", "adopt-fast-fix-imports"}
)


@dataclass(frozen=True)
class Hook:
    id: str
    line: int  # 0-based line of its `id:` item


@dataclass(frozen=True)
class Repo:
    url: str
    rev: str | None
    hooks: tuple[Hook, ...]
    start: int  # 0-based line of `- repo:`
    end: int  # 0-based line after its last line (trailing comments and blanks excluded)
    item_prefix: str  # the text before `repo:` on its line, e.g. "-   " or "  - "
    hook_prefix: str  # the text before the first hook's first key, e.g. "    -   id" -> "    -   "


@dataclass(frozen=True)
class PreCommitConfig:
    path: str
    file: TextFile
    data: dict[str, Any]
    repos: tuple[Repo, ...]
    block_style: bool  # False: `repos: [...]` in flow style; lines cannot be spliced

    @property
    def lines(self) -> list[str]:
        return self.file.text.splitlines(keepends=True)


def normalize_url(url: str) -> str:
    return url.strip().rstrip("/").removesuffix(".git").lower()


def _loader() -> Any:
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse(path: str, text: str) -> tuple[dict[str, Any], Any]:
    """The data and the node tree of a pre-commit config, or InputError with the line."""
    try:
        node = yaml.compose(text, Loader=_loader())
        data = yaml.load(text, Loader=_loader())
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        raise InputError(
            path,
            f"is not valid YAML: {e.problem or e.context}",
            "fix the file (`pre-commit validate-config` shows the same error)",
            line=None if mark is None else mark.line + 1,
        ) from None
    except yaml.YAMLError as e:
        raise InputError(path, f"is not valid YAML: {e}", "fix the file") from None
    if not isinstance(data, dict) or not isinstance(data.get("repos"), list):
        raise InputError(
            path,
            "has no `repos:` list",
            "start it with `repos:` as in https://pre-commit.com/#2-add-a-pre-commit-configuration",
            line=1,
        )
    _flatten_merge_keys(node)
    _check_entries(path, node)
    return data, node


def _flatten_merge_keys(node: Any) -> None:
    """Resolve YAML merge keys (`<<: *base`, which pre-commit accepts) in the node tree the
    way PyYAML's loader does for the data, so that nodes and data list the same keys."""
    constructor = yaml.SafeLoader("")
    pending, seen = [node], set()
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, yaml.MappingNode):
            constructor.flatten_mapping(current)
            pending += [value for _key, value in current.value]
        elif isinstance(current, yaml.SequenceNode):
            pending += current.value


def _check_entries(path: str, node: Any) -> None:
    """Every repo must be a mapping and its hooks a list of mappings (pre-commit refuses
    anything else too); the error names the line of the first wrong entry."""
    repos = next(v for k, v in node.value if k.value == "repos")
    hint = "fix the entry (`pre-commit validate-config` shows the same error)"
    for number, repo in enumerate(repos.value, 1):
        line = repo.start_mark.line + 1
        if not isinstance(repo, yaml.MappingNode):
            raise InputError(
                path, f"repo {number} is not a mapping (`- repo: URL` with `hooks:`)", hint, line
            )
        for key, value in repo.value:
            if key.value != "hooks":
                continue
            if not isinstance(value, yaml.SequenceNode):
                raise InputError(
                    path,
                    f"`hooks:` of repo {number} is not a list",
                    hint,
                    value.start_mark.line + 1,
                )
            for hook in value.value:
                if not isinstance(hook, yaml.MappingNode):
                    raise InputError(
                        path,
                        f"a hook of repo {number} is not a mapping (`- id: HOOK`)",
                        hint,
                        hook.start_mark.line + 1,
                    )


def read_precommit_config(root: str) -> PreCommitConfig | None:
    """The parsed config with each repo's and hook's place in the text, or None if absent."""
    path = os.path.join(root, CONFIG_NAME)
    if not os.path.lexists(path):
        return None
    file = read_text(path)
    data, node = parse(path, file.text)
    repos_node = next(v for k, v in node.value if k.value == "repos")
    lines = file.text.splitlines(keepends=True)
    repos = tuple(
        _repo(
            lines,
            item,
            data["repos"][i],
            repos_node.value[i + 1].start_mark.line
            if i + 1 < len(repos_node.value)
            else repos_node.end_mark.line,
        )
        for i, item in enumerate(repos_node.value)
    )
    return PreCommitConfig(path, file, data, repos, block_style=not repos_node.flow_style)


def _content_end(lines: Sequence[str], start: int, limit: int) -> int:
    """The line after the last line of content in [start, limit): comments and blank lines
    that precede the next item belong to it."""
    end = min(limit, len(lines))
    while end > start + 1 and (
        not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")
    ):
        end -= 1
    return end


def _repo(lines: Sequence[str], node: Any, data: Any, next_line: int) -> Repo:
    start = node.start_mark.line
    hooks: list[Hook] = []
    hook_prefix = ""
    values = dict(data) if isinstance(data, dict) else {}
    for key, value in getattr(node, "value", []):
        if key.value == "hooks" and isinstance(value.value, list):
            for hook in value.value:
                ids = [v.value for k, v in hook.value if k.value == "id"]
                hooks.append(Hook(str(ids[0]) if ids else "", hook.start_mark.line))
                if not hook_prefix and hook.start_mark.line < len(lines):
                    hook_prefix = lines[hook.start_mark.line][: hook.start_mark.column]
    rev = values.get("rev")
    return Repo(
        url=str(values.get("repo", "")),
        rev=None if rev is None else str(rev),
        hooks=tuple(hooks),
        start=start,
        end=_content_end(lines, start, next_line),
        item_prefix=lines[start][: node.start_mark.column] if start < len(lines) else "",
        hook_prefix=hook_prefix,
    )


def find_repos(config: PreCommitConfig, match: Callable[[Repo], bool]) -> list[Repo]:
    return [repo for repo in config.repos if match(repo)]


def hook_ids(config: PreCommitConfig) -> set[str]:
    return {hook.id for repo in config.repos for hook in repo.hooks}


def runs_ruff_pre_commit(config: PreCommitConfig) -> bool:
    return any(normalize_url(r.url) == normalize_url(RUFF_PRE_COMMIT) for r in config.repos)


def repo_block_text(
    config: PreCommitConfig, url: str, rev: str, hooks: Sequence[tuple[str, Sequence[str]]]
) -> str:
    """A `- repo:` block in the file's own indentation style, with its newline."""
    template = config.repos[0] if config.repos else None
    item_prefix = template.item_prefix if template else "-   "
    pad = " " * len(item_prefix)
    hook_prefix = template.hook_prefix if template and template.hook_prefix else pad + "-   "
    hook_pad = " " * len(hook_prefix)
    lines = [f"{item_prefix}repo: {url}", f"{pad}rev: {rev}", f"{pad}hooks:"]
    for hook_id, args in hooks:
        lines.append(f"{hook_prefix}id: {hook_id}")
        if args:
            lines.append(f"{hook_pad}args: [{', '.join(args)}]")
    newline = config.file.newline
    return "".join(line + newline for line in lines)


def _hook_lines(config: PreCommitConfig, hook: Hook) -> range:
    """The lines of one hook entry: from its `- id:` line to the next hook (or the end of its
    repo), without the comments and blank lines that precede the next entry."""
    lines = config.lines
    for repo in config.repos:
        if hook in repo.hooks:
            later = [h.line for h in repo.hooks if h.line > hook.line]
            return range(hook.line, _content_end(lines, hook.line, min(later, default=repo.end)))
    raise ValueError(f"hook {hook.id!r} at line {hook.line + 1} is not in {config.path}")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _trailing_blanks(lines: Sequence[str]) -> int:
    count = 0
    while count < len(lines) and not lines[len(lines) - 1 - count].strip():
        count += 1
    return count


def _attached_comments(lines: Sequence[str], start: int) -> range:
    """The comment lines directly above the entry at `start` (no blank line between), indented
    no deeper than it: a deeper one is a commented-out line of the entry before."""
    first = start
    while (
        first > 0
        and lines[first - 1].lstrip().startswith("#")
        and _indent(lines[first - 1]) <= _indent(lines[start])
    ):
        first -= 1
    return range(first, start)


def _orphaned_separators(
    lines: Sequence[str], removed: set[int], insert_at: int | None
) -> set[int]:
    """Blank lines that would pile up once the `removed` lines are gone: a removed entry takes
    the separator above it along when there is one below it too (one blank line stays where
    there was one), and the one below it when it was the first entry of its list (`repos:` or
    `hooks:` straight above). The new block goes in before line `insert_at` (None: no block);
    the lines it replaces keep their separators."""
    orphaned: set[int] = set()
    i = 0
    while i < len(lines):
        if i not in removed:
            i += 1
            continue
        start = i
        i += 1
        while i < len(lines) and i in removed and i != insert_at:
            i += 1
        if start == insert_at:
            continue
        # The new block counts as content: blank lines are not looked for across it.
        floor = insert_at if insert_at is not None and insert_at < start else 0
        ceiling = insert_at if insert_at is not None and insert_at >= i else len(lines)
        above = start - 1
        while above >= floor and above not in removed | orphaned and _blank(lines[above]):
            above -= 1
        below = i
        while below < ceiling and below not in removed and _blank(lines[below]):
            below += 1
        if above < start - 1 and below > i:
            orphaned.update(range(above + 1, start))
        elif (
            below > i
            and floor <= above
            and above not in removed
            and lines[above].split("#")[0].rstrip().endswith(":")
        ):
            orphaned.update(range(i, below))
    return orphaned


def _blank(line: str) -> bool:
    return not line.strip()


def plan_repo_edit(
    config: PreCommitConfig,
    *,
    remove: Sequence[Repo] = (),
    add: str = "",
    expected_added: Sequence[dict[str, Any]] = (),
    remove_hooks: Sequence[Hook] = (),
    in_place_of: Repo | None = None,
    stale_comment: Callable[[str], bool] = lambda _comment: False,
) -> Change:
    """Remove the `remove` repos' lines (and the `remove_hooks` entries of repos that stay) and
    insert `add` (from `repo_block_text`) after the last remaining repo, or where the removed
    repo `in_place_of` was. Verified: the result parses to the old data minus the removed repos
    and hooks plus `expected_added`; otherwise InputError and nothing is written.
    A comment directly above `in_place_of` stays to introduce the new block, unless
    `stale_comment` says it would mislabel it (it names a removed tool)."""
    if not config.block_style:
        raise InputError(
            config.path,
            "lists `repos:` in flow style ([...]), which adopt-fast cannot edit line by line",
            "write the list in block style (`- repo:`)",
        )
    lines = config.lines
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += config.file.newline
    removed = {i for repo in remove for i in range(repo.start, repo.end)}
    removed |= {i for hook in remove_hooks for i in _hook_lines(config, hook)}
    # A comment directly above a removed entry introduces it and goes with it; above the
    # repo the new block takes the place of, it stays and introduces the new block.
    removed |= {
        i
        for start in [r.start for r in remove if r is not in_place_of]
        + [h.line for h in remove_hooks]
        for i in _attached_comments(lines, start)
    }
    if in_place_of is not None:
        removed |= {
            i
            for i in _attached_comments(lines, in_place_of.start)
            if stale_comment(lines[i].lstrip().removeprefix("#"))
        }
    kept = [r for r in config.repos if r not in remove]
    if in_place_of is not None:
        insert_at = in_place_of.start
    else:
        insert_at = kept[-1].end if kept else (remove[0].start if remove else len(lines))
    removed |= _orphaned_separators(lines, removed, insert_at if add else None)
    out = [line for i, line in enumerate(lines[:insert_at]) if i not in removed]
    out += [add] if add else []
    out += [line for i, line in enumerate(lines[insert_at:], insert_at) if i not in removed]
    # The blank line that set the last repo apart from the one before goes with it, or the
    # file would end in blank lines (what pre-commit-hooks' end-of-file-fixer rejects).
    while _trailing_blanks(out) > _trailing_blanks(lines):
        out.pop()
    new_text = "".join(out)
    if not config.file.ends_with_newline and config.file.text:
        new_text = new_text.removesuffix(config.file.newline)
    position = None
    if in_place_of is not None:
        position = sum(1 for r in kept if r.start < in_place_of.start)
    _verify(config, new_text, remove, expected_added, remove_hooks, position)
    ensure_writable(config.path)
    return Change(config.path, config.file.encode(config.file.text), config.file.encode(new_text))


def _expected_repos(
    config: PreCommitConfig, remove: Sequence[Repo], remove_hooks: Sequence[Hook]
) -> list[Any]:
    repos: list[Any] = []
    for repo, data in zip(config.repos, config.data["repos"], strict=True):
        if repo in remove:
            continue
        gone = [i for i, hook in enumerate(repo.hooks) if hook in remove_hooks]
        if gone and isinstance(data, dict):
            data = {**data, "hooks": [h for i, h in enumerate(data["hooks"]) if i not in gone]}
        repos.append(data)
    return repos


def _verify(
    config: PreCommitConfig,
    new_text: str,
    remove: Sequence[Repo],
    expected_added: Sequence[dict[str, Any]],
    remove_hooks: Sequence[Hook] = (),
    position: int | None = None,
) -> None:
    expected = dict(config.data)
    repos = _expected_repos(config, remove, remove_hooks)
    at = len(repos) if position is None else position
    expected["repos"] = repos[:at] + list(expected_added) + repos[at:]
    try:
        data, _ = parse(config.path, new_text)
    except InputError:
        data = None
    if data != expected:
        raise InputError(
            config.path,
            "cannot be edited line by line without changing its meaning (unusual layout)",
            'add the adopt-fast hooks by hand (README, "Hooks")',
        )


def _version(text: str) -> tuple[int, ...] | None:
    match = re.fullmatch(r"v?(\d+(?:\.\d+)*)", text.strip())
    return tuple(int(part) for part in match.group(1).split(".")) if match else None


def stale_ruff_pre_commit(config: PreCommitConfig) -> list[str]:
    """A note for each astral-sh/ruff-pre-commit repo pinned to another Ruff than the one the
    profiles are written and tested for (`adopt-fast check` fails AF004 on it)."""
    notes = []
    name = os.path.relpath(config.path, os.path.dirname(config.path))
    for repo in config.repos:
        if normalize_url(repo.url) != normalize_url(RUFF_PRE_COMMIT) or repo.rev is None:
            continue
        rev, pinned = _version(repo.rev), _version(PINNED_VERSION)
        if rev == pinned:
            continue
        age = "older than" if rev is not None and pinned is not None and rev < pinned else "not"
        notes.append(
            f"{name}:{repo.start + 1}: astral-sh/ruff-pre-commit runs Ruff {repo.rev}, "
            f"{age} the Ruff {PINNED_VERSION} the profile is written for (`adopt-fast check` "
            f"fails AF004 until they agree); run `pre-commit autoupdate --repo {RUFF_PRE_COMMIT}`"
            f", or set its rev to v{PINNED_VERSION}"
        )
    return notes


@dataclass(frozen=True)
class HooksPlan:
    change: Change | None
    notes: tuple[str, ...]


def plan_adopt_fast_hooks(root: str, *, without: frozenset[str] = frozenset()) -> HooksPlan:
    """Add the adopt-fast hooks (pinned to this version) that the config does not run yet,
    except those named in `without`.

    Nothing is added when there is no .pre-commit-config.yaml. When the config already runs
    astral-sh/ruff-pre-commit, only the cache hook is added: two Ruff hooks would fight.
    """
    config = read_precommit_config(root)
    if config is None:
        return HooksPlan(None, ())
    plan = _plan_hooks(config, without)
    return HooksPlan(plan.change, (*plan.notes, *stale_ruff_pre_commit(config)))


def _plan_hooks(config: PreCommitConfig, without: frozenset[str]) -> HooksPlan:
    present = hook_ids(config)
    if any(normalize_url(r.url) == normalize_url(HOOKS_REPO) for r in config.repos) or (
        present & {h for h, _ in ADOPT_FAST_HOOKS}
    ):
        # The user chose which adopt-fast hooks to run, and where (a repo of ours, or
        # `repo: local`); one appended later could only run out of order.
        return HooksPlan(None, ())
    notes: list[str] = []
    wanted = [(h, args) for h, args in ADOPT_FAST_HOOKS if h not in without]
    if runs_ruff_pre_commit(config):
        notes.append(
            f"{CONFIG_NAME} already runs astral-sh/ruff-pre-commit; adopt-fast adds "
            "only its cache hook (no second Ruff lint, format or import-fixing hook)"
        )
        wanted = [(h, args) for h, args in wanted if h not in ADOPT_FAST_RUFF_HOOKS]
    if not wanted:
        return HooksPlan(None, tuple(notes))
    if not config.block_style:
        notes.append(
            f"{CONFIG_NAME} lists `repos:` in flow style ([...]); add the adopt-fast "
            f"hooks by hand: repo {HOOKS_REPO}, rev v{__version__}, hooks "
            + ", ".join(h for h, _ in wanted)
        )
        return HooksPlan(None, tuple(notes))
    rev = f"v{__version__}"
    block = repo_block_text(config, HOOKS_REPO, rev, wanted)
    expected = {
        "repo": HOOKS_REPO,
        "rev": rev,
        "hooks": [{"id": h, **({"args": list(a)} if a else {})} for h, a in wanted],
    }
    return HooksPlan(plan_repo_edit(config, add=block, expected_added=[expected]), tuple(notes))
