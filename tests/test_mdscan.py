"""The fast body scan reads headings, links, images and raw markup as pandoc does.

Each sample is read by pandoc (the real binary from pypandoc-binary) and by
:func:`manualctl.check.markdown.scan.scan`; the two must agree. Web autolinks
(<https://...>) are not
compared: validate does not check web addresses.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pypandoc
import pytest

from manualctl.check.markdown.anchors import heading_ids
from manualctl.check.markdown.scan import position, scan

SAMPLES = [
    '## 1. Intro\n\nText [a](chapter:x) and ![alt](../media/a.png "title").\n',
    "Para line\n## not a heading\n\n# Heading one\n#hashtag\n",
    "```\n[not](chapter:y) <div>\n```\n\n    indented [code](chapter:z)\n\n"
    "- list\n\n    continuation [link](chapter:w)\n",
    "Use `code [x](y)` and `<b>`{=html} here.\n",
    "Setext\n======\n\nAnother\n-------\n",
    "Some <span>html</span> and <https://example.org> and <me@example.org>.\n",
    "<!-- a comment -->\n\nText\n",
    "A path C:\\Users\\foo and \\newpage and \\\\escaped and \\# hash.\n",
    "```{=openxml}\n<w:p/>\n```\n",
    "\\begin{tabular}{ll}\na & b\n\\end{tabular}\n",
    "Ref [link][r1] and ![img][i1] and ![alt2][].\n\n[r1]: chapter:abc\n"
    "[i1]: ../media/x.png\n[alt2]: ../media/y.png\n",
    "| A | B |\n|---|---|\n| [x](chapter:q) | 2 |\n",
    "Paragraph one\ntwo lines\n---\n\nafter\n",
    "Text with 3 < 4 and 5 > 2, a<b>c.\n",
    "## Heading {#custom-id}\n\n### Sub [link](#custom-id)\n",
    "Multi [link\ntext](chapter:multi) here.\n",
    "~~~ {=typst}\n#set page()\n~~~\n",
    "> quote [q](chapter:quoted)\n",
    "Text\\\nbreak and `` code `with` backticks ``.\n",
    '<div class="x">\ninside\n</div>\n',
    "An <em>emph</em> tag and <br> a break.\n",
    "::: scope\nThis chapter applies to [all](chapter:all).\n:::\n\n#### Too deep\n",
    "1. one\n2. two\n\n   ![A chart](chart.png)\n\n## After the list ##\n",
    "<javascript:alert(1)> and <data:text/html,x> and [x](vbscript:y).\n",
]


def _walk(node: Any, out: dict[str, list[Any]]) -> None:
    if isinstance(node, dict):
        kind = node.get("t")
        if kind == "Header":
            out["headings"].append(node["c"][0])
        elif kind == "Link" and not node["c"][2][0].startswith(("http", "mailto:")):
            out["links"].append(node["c"][2][0])
        elif kind == "Image":
            out["images"].append(node["c"][2][0])
        elif kind in ("RawBlock", "RawInline"):
            out["raw"].append(True)
        for value in node.values():
            _walk(value, out)
    elif isinstance(node, list):
        for value in node:
            _walk(value, out)


@pytest.mark.parametrize("body", SAMPLES)
def test_scan_agrees_with_pandoc(body: str) -> None:
    ast = json.loads(pypandoc.convert_text(body, "json", format="markdown"))
    pandoc: dict[str, list[Any]] = {"headings": [], "links": [], "images": [], "raw": []}
    _walk(ast["blocks"], pandoc)
    found = scan(body)
    ours = {
        "headings": [h.level for h in found.headings],
        "links": [
            link.target
            for link in found.links
            if not link.image and not link.target.startswith(("http", "mailto:"))
        ],
        "images": [link.target for link in found.links if link.image],
        "raw": [True] * len(found.raw),
    }
    assert sorted(ours["links"]) == sorted(pandoc["links"])
    assert ours["images"] == pandoc["images"]
    assert ours["headings"] == pandoc["headings"]
    assert bool(ours["raw"]) == bool(pandoc["raw"])


def test_positions_are_lines_and_columns_of_the_body() -> None:
    body = "Intro\n\nSee [the plan](chapter:plan) and\n  ![](x.png)\n\n### Deep\n"
    found = scan(body)
    assert [
        (link.target, position(body, link.offset), position(body, link.start))
        for link in found.links
    ] == [("chapter:plan", (2, 15), (2, 4)), ("x.png", (3, 6), (3, 2))]
    assert [(h.level, h.text, position(body, h.offset)) for h in found.headings] == [
        (3, "Deep", (5, 0))
    ]


def test_heading_ids_as_pandoc_makes_them() -> None:
    body = "## 2. Roles and *duties*\n\n## Roles and duties\n\n## Other {#mine}\n"
    html = pypandoc.convert_text(body, "html", format="markdown")
    assert re.findall(r'id="([^"]+)"', html) == ["roles-and-duties", "roles-and-duties-1", "mine"]
    assert heading_ids(scan(body).headings) == {"roles-and-duties", "roles-and-duties-1", "mine"}
