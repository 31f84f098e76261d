"""Property over generated pyproject.toml documents in unusual but valid shapes: comments
everywhere, padded and spaced headers, arrays of tables, inline tables, dotted keys, CRLF, a
BOM, no final newline, non-ASCII text. Merging a profile must

- keep every line outside the Ruff arrays byte for byte, in order (checked here on the lines
  the generator wrote, independently of the editor's own check), and every other tool's data;
- make a second merge a no-op;
- give a file the pinned Ruff accepts;
- or refuse with InputError (an inline Ruff table) and leave the file alone.

ADOPT_FAST_EXAMPLES=1200 runs a longer search than CI's default.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from adopt_fast.edits.ruffconfig import plan_ruff_config
from adopt_fast.errors import InputError
from adopt_fast.profiles import load_profile
from adopt_fast.ruff import find_ruff_bin

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

Line = tuple[str, bool]  # (text, kept byte for byte: not a line of a Ruff array)
# lines, line ending, BOM, final newline, `tool` split by another table
Document = tuple[list[Line], str, bool, bool, bool]
EXAMPLES = int(os.environ.get("ADOPT_FAST_EXAMPLES", "60"))
PROFILE = load_profile("recommended")

space = st.sampled_from(["", "", " ", "  ", "\t"])
comment = st.sampled_from(["", "", "  # note", " #tight", "  # café ✓ 'quoted' # twice"])
codes = st.lists(
    st.sampled_from(["E", "F", "B", "UP", "I", "SIM", "W191", "RUF"]), max_size=3, unique=True
)


@st.composite
def header(draw: st.DrawFn, parts: list[str], aot: bool = False) -> str:
    dots = [draw(space) + "." + draw(space) for _ in parts[1:]]
    name = parts[0] + "".join(d + p for d, p in zip(dots, parts[1:], strict=True))
    open_, close = ("[[", "]]") if aot else ("[", "]")
    return f"{open_}{draw(space)}{name}{draw(space)}{close}{draw(comment)}"


@st.composite
def value(draw: st.DrawFn) -> str:
    return draw(
        st.sampled_from(
            [
                "1",
                '"café ✓"',
                "'C:\\path'",
                '{ a = 1, b = "x" }',
                "[1, 2]",
                '"""\nmulti [not.a.header]\n"""',
                "true",
            ]
        )
    )


@st.composite
def comments(draw: st.DrawFn) -> list[Line]:
    return [(f"#{draw(space)}between ✓", True) for _ in range(draw(st.integers(0, 1)))]


@st.composite
def other_table(draw: st.DrawFn, parts: list[str], aot: bool = False) -> list[Line]:
    lines: list[Line] = [(draw(header(parts, aot)), True)]
    for n in range(draw(st.integers(0, 3))):
        lines += draw(comments())
        key = draw(st.sampled_from([f"k{n}", f'"quoted {n}"', f"dotted.k{n}"]))
        lines += [
            (line, True)
            for line in f"{key}{draw(space)}={draw(space)}{draw(value())}{draw(comment)}".split(
                "\n"
            )
        ]
    return lines


@st.composite
def rule_array(draw: st.DrawFn, key: str) -> list[Line]:
    values = [f'"{c}"' for c in draw(codes)]
    if draw(st.booleans()):
        return [(f"{key} = [{', '.join(values)}]{draw(comment)}", False)]
    items = [f"    {v},{draw(comment)}" for v in values]
    return [(line, False) for line in [f"{key} = [{draw(comment)}", *items, "]"]]


@st.composite
def ruff_tables(draw: st.DrawFn) -> list[list[Line]]:
    shape = draw(st.sampled_from(["none", "table", "lint-table", "dotted", "under-tool", "inline"]))
    if shape == "none":
        return []
    if shape == "under-tool":
        return [[(draw(header(["tool"])), True), (f"ruff.line-length = 99{draw(comment)}", True)]]
    if shape == "inline":
        return [[(draw(header(["tool", "ruff"])), True), ('lint = { select = ["E"] }', True)]]
    top: list[Line] = [
        (draw(header(["tool", "ruff"])), True),
        (f"line-length = 99{draw(comment)}", True),
    ]
    if shape == "dotted":
        return [top + draw(rule_array("lint.extend-select"))]
    tables = [top] if shape == "table" or draw(st.booleans()) else []
    if shape == "lint-table":
        lint = [(draw(header(["tool", "ruff", "lint"])), True), *draw(comments())]
        lint += draw(rule_array(draw(st.sampled_from(["select", "extend-select", "ignore"]))))
        tables.append(lint)
        if draw(st.booleans()):
            tables.append(
                [
                    (draw(header(["tool", "ruff", "lint", "per-file-ignores"])), True),
                    ('"tests/*" = ["S101"]  # asserts', True),
                ]
            )
    return tables


@st.composite
def documents(draw: st.DrawFn) -> Document:
    tables = [[(draw(header(["project"])), True), ('name = "démo"', True)]]
    for _ in range(draw(st.integers(0, 2))):
        tables.append(draw(other_table(["tool", "mypy", "overrides"], aot=True)))
    if draw(st.booleans()):
        tables.append(draw(other_table(["tool", "black"])))
    for table in draw(ruff_tables()):
        tables.insert(draw(st.integers(0, len(tables))), table)
    project = next(i for i, t in enumerate(tables) if "project" in t[0][0])
    tools = [i for i, t in enumerate(tables) if "tool" in t[0][0]]
    # [tool.ruff] ... [project] ... [tool.black]: tomlkit's proxy for the split `tool` table
    # puts new keys in its last part; the edit is refused (checked below), not made wrong.
    split_tool = bool(tools) and min(tools) < project < max(tools)
    lines: list[Line] = draw(comments())
    for table in tables:
        lines += table
        lines += [("", True)] * draw(st.integers(0, 2))
    while lines and lines[-1] == ("", True):
        lines.pop()
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    return lines, ending, draw(st.booleans()), draw(st.booleans()), split_tool


def without_ruff(data: dict[str, Any]) -> dict[str, Any]:
    tool = {k: v for k, v in data.get("tool", {}).items() if k != "ruff"}
    return {**data, "tool": tool}


def in_order(kept: list[str], new: list[str]) -> bool:
    remaining = iter(new)
    return all(line in remaining for line in kept)


def ruff_accepts(folder: str) -> subprocess.CompletedProcess[str]:
    Path(folder, "probe.py").write_text("x = 1\n")
    return subprocess.run(
        [find_ruff_bin(), "check", "--no-cache", "."],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,  # nothing written outside tmp
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(documents())
def test_merge_only_adds(document: Document) -> None:
    lines, newline, _, final_newline, _ = document
    text = newline.join(line for line, _ in lines) + (newline if final_newline else "")
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        assume(False)  # e.g. a generated key defined twice: not a document to edit
    check_document(document)


def check_document(document: Document) -> None:
    """The property for one document (tests/soak_documents.py runs it over many)."""
    lines, newline, bom, final_newline, split_tool = document
    text = newline.join(line for line, _ in lines) + (newline if final_newline else "")
    old_data = tomllib.loads(text)
    raw = (("\ufeff" if bom else "") + text).encode("utf-8")
    kwargs = {"lint_selectors": PROFILE.selectors, "ignores": PROFILE.ignores}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pyproject.toml"
        path.write_bytes(raw)
        try:
            change = plan_ruff_config(folder, **kwargs)
        except InputError as e:
            assert "inline table" in e.what or (split_tool and "disturbing" in e.what), e
            assert path.read_bytes() == raw
            return
        if change is not None:
            change.apply()
        new_raw = path.read_bytes()
        assert plan_ruff_config(folder, **kwargs) is None  # a second run changes nothing
        verdict = ruff_accepts(folder)
        assert verdict.returncode in (0, 1) and "error" not in verdict.stderr.lower(), (
            verdict.stderr
        )
    assert new_raw.startswith(b"\xef\xbb\xbf") == bom
    new_text = new_raw.decode("utf-8-sig")
    assert new_text.endswith(newline) == final_newline or not text
    if newline == "\r\n":
        assert new_text.count("\n") == new_text.count("\r\n")
    kept = [line for line, keep in lines if keep]
    assert in_order(kept, new_text.split(newline)), new_text
    assert without_ruff(tomllib.loads(new_text)) == without_ruff(old_data)
