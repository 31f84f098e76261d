"""Property: merging a profile keeps every original line (outside the Ruff arrays it extends),
in order, in any pyproject.toml shape; the result parses; a second merge is a no-op."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from adopt_fast.edits.ruffconfig import plan_ruff_config
from adopt_fast.profiles import load_profile

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# Each block is a list of (line, is_part_of_a_ruff_array).
Block = list[tuple[str, bool]]
CODES = ["E", "F", "B", "B006", "UP", "I", "SIM", "PLE", "RUF", "W191", "E501", "D", "ALL"]
comment = st.sampled_from(["", "  # keep me", "   # 'quoted' # twice", "\t# tab"])
codes = st.lists(st.sampled_from(CODES), min_size=0, max_size=4, unique=True)


def quoted(values: list[str], quote: str) -> list[str]:
    return [f"{quote}{v}{quote}" for v in values]


@st.composite
def rule_array(draw: st.DrawFn, key: str) -> Block:
    values = quoted(draw(codes), draw(st.sampled_from(['"', "'"])))
    if draw(st.booleans()):
        return [(f"{key} = [{', '.join(values)}]{draw(comment)}", True)]
    trailing = draw(st.booleans())
    items = [
        f"    {v}{',' if i < len(values) - 1 or trailing else ''}{draw(comment)}"
        for i, v in enumerate(values)
    ]
    return [(line, True) for line in [f"{key} = [", *items, "]"]]


@st.composite
def ruff_block(draw: st.DrawFn) -> Block:
    shape = draw(st.sampled_from(["none", "lint-table", "dotted", "deprecated", "line-length"]))
    if shape == "none":
        return []
    if shape == "line-length":
        return [("[tool.ruff]", False), (f"line-length = 99{draw(comment)}", False)]
    if shape == "lint-table":
        block: Block = [("[tool.ruff.lint]", False)]
        block += draw(rule_array("select"))
        if draw(st.booleans()):
            block += draw(rule_array("ignore"))
        if draw(st.booleans()):
            block += [
                ("", False),
                ("[tool.ruff.lint.per-file-ignores]", False),
                ('"tests/*" = ["S101"]  # asserts', False),
            ]
        return block
    prefix = "lint." if shape == "dotted" else ""
    return [
        ("[tool.ruff]", False),
        (f"line-length = 88{draw(comment)}", False),
        *draw(rule_array(f"{prefix}extend-select")),
    ]


@st.composite
def other_blocks(draw: st.DrawFn) -> list[Block]:
    blocks: list[Block] = [
        [
            ("[project]", False),
            (f'name = "demo"{draw(comment)}', False),
            ('readme = {file = "README.md", content-type = "text/markdown"}', False),
            ('urls.homepage = "https://example.org"  # dotted key', False),
            ("dependencies = [", False),
            ("    \"tomli>=2; python_version < '3.11'\",", False),
            ("]", False),
        ]
    ]
    for n in range(draw(st.integers(0, 2))):
        blocks.append([("[[tool.mytool.item]]", False), (f"id = {n}{draw(comment)}", False)])
    if draw(st.booleans()):
        blocks.append([("[tool.black]", False), ("line-length = 88", False)])
    return blocks


@st.composite
def documents(draw: st.DrawFn) -> tuple[list[tuple[str, bool]], str, bool, bool]:
    blocks = draw(other_blocks())
    ruff = draw(ruff_block())
    position = draw(st.integers(0, len(blocks)))
    blocks.insert(position, ruff)
    lines: list[tuple[str, bool]] = []
    for block in blocks:
        if draw(st.booleans()):
            lines.append(("# a comment between tables", False))
        lines += block
        lines.append(("", False))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return lines, newline, draw(st.booleans()), draw(st.booleans())


def in_order(old: list[str], new: list[str]) -> bool:
    remaining = iter(new)
    return all(line in remaining for line in old)


PROFILE = load_profile("recommended")


@settings(max_examples=80, deadline=None, database=None)  # nothing written outside tmp
@given(documents())
def test_merge_keeps_every_line(document: tuple[list[tuple[str, bool]], str, bool, bool]) -> None:
    lines, newline, bom, final_newline = document
    while lines and lines[-1] == ("", False):
        lines = lines[:-1]
    text = newline.join(line for line, _ in lines) + (newline if final_newline else "")
    raw = (("\ufeff" if bom else "") + text).encode("utf-8")
    tomllib.loads(text)  # the generator only makes valid TOML
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pyproject.toml"
        path.write_bytes(raw)
        kwargs = {"lint_selectors": PROFILE.selectors, "ignores": PROFILE.ignores}
        change = plan_ruff_config(folder, **kwargs)
        if change is not None:  # None: `select = ["ALL", ...]` with nothing to ignore
            change.apply()
        new_raw = path.read_bytes()
        assert plan_ruff_config(folder, **kwargs) is None
    assert new_raw.startswith(b"\xef\xbb\xbf") == bom
    new_text = new_raw.decode("utf-8-sig")
    tomllib.loads(new_text)
    assert new_text.endswith(newline) == final_newline
    if newline == "\r\n":
        assert new_text.count("\n") == new_text.count("\r\n")
    kept = [line for line, in_ruff_array in lines if not in_ruff_array]
    assert in_order(kept, new_text.split(newline))
