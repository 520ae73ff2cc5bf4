"""The scan finds every attribute pandoc would read (the safety rules rely on it), and no
attribute where pandoc reads text or math: compared with pandoc's own reading."""

from __future__ import annotations

import json
from typing import Any

import pypandoc
import pytest

from manualctl.check.markdown.scan import scan

SAMPLES = [
    '[text]{onclick="alert(1)"} and [b]{.note lang=cy}\n',
    '::: {onmouseover="x" .scope}\nboxed\n:::\n',
    "::: related\ninside\n:::\n",
    '## Heading {#h onfocus="y"}\n',
    "[a](https://example.org){title=t onmouseover=z}\n",
    "![alt](x.png){width=50% onerror=e}\n",
    "`code`{onclick=c}\n\n```{.python onclick=q}\nprint(1)\n```\n",
    "Braces in text {see below} and {a: b} stay text.\n",
    "Math $\\frac{a=1}{b}$ and $$\\sum_{i=1}^n i$$ are no attributes.\n",
    "It costs $5 and {x=1} is text here; $6 too.\n",
    "Escaped \\{x=1\\} is text.\n",
    "Setext heading {#s data-x=1}\n-----\n",
    "- a list item {x=1}\n",
    # <div> and <span> are pandoc's Divs and Spans (native_divs, native_spans)
    '<div onmouseover="alert(1)" class="a b">\nboxed\n</div>\n',
    "Text <span onclick='x' title=t data-id=z>y</span>.\n",
]


def _pandoc_attributes(node: Any, out: list[tuple[str, str]]) -> None:
    if isinstance(node, dict):
        kind, content = node.get("t"), node.get("c")
        attr = None
        if kind in ("Span", "Div", "Header", "CodeBlock", "Code", "Table", "Figure"):
            attr = content[1] if kind == "Header" else content[0]
        elif kind in ("Link", "Image"):
            attr = content[0]
        if attr is not None:
            out.extend(("class", cls) for cls in attr[1])
            out.extend((key, value) for key, value in attr[2])
        for value in node.values():
            _pandoc_attributes(value, out)
    elif isinstance(node, list):
        for value in node:
            _pandoc_attributes(value, out)


@pytest.mark.parametrize("body", SAMPLES)
def test_scan_finds_the_attributes_pandoc_reads(body: str) -> None:
    ast = json.loads(pypandoc.convert_text(body, "json", format="markdown"))
    expected: list[tuple[str, str]] = []
    _pandoc_attributes(ast["blocks"], expected)
    found = [(a.key, a.value) for a in scan(body).attributes if a.key != "id"]
    assert sorted(found) == sorted(expected)
