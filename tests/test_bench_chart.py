"""The Markdown report's Mermaid chart, rendered by the real mermaid in headless Chromium."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_bench_report import BASE, JIT, PYPY, config, run

from adopt_fast.bench import compare, report
from adopt_fast.bench.runner import Measurement
from testing import require

pytestmark = pytest.mark.slow

# .ci/run installs the npm package and exports its path.
MERMAID_JS = os.environ.get("ADOPT_FAST_MERMAID_JS", "")
MEASURE = """
mermaid.initialize({startOnLoad: false});
mermaid.run({querySelector: ".mermaid"}).then(() => {
  const svg = document.querySelector("pre.mermaid svg");
  const box = svg.getBoundingClientRect();
  const texts = [...svg.querySelectorAll("text")].map((t) => {
    const b = t.getBoundingClientRect();
    return {text: t.textContent, left: b.left - box.left, right: b.right - box.left,
            top: b.top - box.top, bottom: b.bottom - box.top};
  });
  const bars = svg.querySelectorAll('g[class*="bar-plot"] rect').length;
  document.getElementById("out").textContent =
    JSON.stringify({width: box.width, height: box.height, bars, texts});
}).catch((e) => { document.getElementById("out").textContent = "ERROR " + e; });
"""


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def render(block: str, tmp_path: Path) -> dict:
    page = tmp_path / "chart.html"
    page.write_text(
        f'<!doctype html><html><body><pre class="mermaid">{html.escape(block)}</pre>'
        f'<pre id="out">pending</pre><script src="{Path(MERMAID_JS).as_uri()}"></script>'
        f"<script>{MEASURE}</script></body></html>",
        encoding="utf-8",
    )
    browser = chromium()
    assert browser is not None
    done = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1600,1200",
         f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=15000",
         "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    found = re.search(r'<pre id="out">(.*?)</pre>', done.stdout, re.DOTALL)
    assert found, done.stderr[-2000:]
    out = html.unescape(found.group(1))
    assert not out.startswith(("ERROR", "pending")), out
    data: dict = json.loads(out)
    return data


def test_the_chart_has_one_bar_per_configuration_and_no_label_cut_off(tmp_path: Path) -> None:
    require(chromium(), "no chromium (apt-get install -y chromium)")
    require(MERMAID_JS and os.path.isfile(MERMAID_JS), "ADOPT_FAST_MERMAID_JS unset (.ci/run)")
    bench_env = config("CPython", "3.10.13", "pyston-lite", suffix=" (bench env)")
    configs = [BASE, JIT, PYPY, bench_env]
    walls = (2.0, 2.2, 1.9, 2.1, 2.0, 2.05)
    factors = {BASE.name: 1.0, JIT.name: 1.45, PYPY.name: 2.6, bench_env.name: 1.4}
    runs = {c.name: [run(w / factors[c.name]) for w in walls] for c in configs}
    direct = [compare.compare(BASE.name, c.name, runs) for c in configs[1:]]
    result = report.BenchReport(
        ["pytest"], configs, Measurement(runs, {}, 1.0), direct, [], [], 6, 1
    )
    markdown = report.to_markdown(result)
    block = markdown.split("```mermaid\n", 1)[1].split("```", 1)[0]
    drawn = render(block, tmp_path)
    assert drawn["bars"] == len(configs)
    texts = [t["text"] for t in drawn["texts"]]
    for c in configs:
        assert c.name in texts  # each configuration's label, whole
    for value in ("1.45", "2.6", "1.4"):
        assert value in texts  # the value labels
    for t in drawn["texts"]:
        assert 0 <= t["left"] and t["right"] <= drawn["width"], t
        assert 0 <= t["top"] and t["bottom"] <= drawn["height"], t
