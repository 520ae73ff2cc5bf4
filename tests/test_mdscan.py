"""The one pandoc-Markdown scanner (manualctl.check.markdown) reads as pandoc does.

Every sample, written by hand or generated, is read by pandoc itself (the real binary
from pypandoc-binary, ONE process for all of them: ``pandoc lua`` reads each sample on
its own, so identifiers do not leak from one sample into the next) and by
:func:`manualctl.check.markdown.scan.scan`; the whole results must be equal:

* headings: level and identifier (pandoc's auto_identifiers, explicit ``{#id}``,
  duplicates made ``-1``, ``-2``), for the headings publish gives identifiers to: those
  at the top of the chapter or inside ``:::`` boxes (not inside lists or quotes);
* links (autolinks ``<https://...>`` too; e-mail autolinks ``<me@example.org>`` left
  out: validate does not check addresses) and images with their alt text, empty or not;
* raw markup: the formats of the raw blocks and inlines, in order. The one deliberate
  difference: pandoc takes any ``\\word`` for raw TeX (``C:\\Users``), the scanner only
  the LaTeX commands an author may try (:data:`LATEX_SAMPLES`), so TeX is compared on
  samples written with those.
"""

from __future__ import annotations

import json
import random
import subprocess
from typing import Any

import pytest

from manualctl.check.markdown.scan import Scan, position, scan
from manualctl.publish.contents_list import link_target
from manualctl.publish.pandoc import pandoc_binary

SAMPLES = [
    '## 1. Intro\n\nText [a](chapter:x) and ![alt](../media/a.png "title").\n',
    "Para line\n## not a heading\n\n# Heading one\n#hashtag\n",
    "```\n[not](chapter:y) <div>\n```\n\n    indented [code](chapter:z)\n\n"
    "- list\n\n    continuation [link](chapter:w)\n",
    "Use `code [x](y)` and `<b>`{=html} here.\n",
    "Setext\n======\n\nAnother\n-------\n",
    "Some <span>html</span> and <https://example.org> and <me@example.org>.\n",
    "<!-- a comment -->\n\nText\n",
    "A path and \\newpage and \\\\escaped and \\# hash.\n",
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
    # the cases of issue 10
    "## Who  does what\n\nSee [who](#who-does-what).\n",
    "Write `` `{=typst}` `` to see it.\n\n````\n```{=typst}\n#pagebreak()\n```\n````\n",
    # headings pandoc's way
    " ## lead\n\n   ## three\n\n# a {#x .c}\n\n# b {.c}\n\n# c {}\n\n# d ## {#q}\n\n"
    "# e {#r} ##\n\n# f ^[note] g\n\n# _h_ i_j _k\n\n# l--m---n----o\n\n# p...q. . .r\n",
    "# [s]{.c} [t](u){.d}\n\n# <https://a.b> <x@y.z>\n\n# &copy; &eacute; &#233; &bogus; &amp\n",
    "::: d\n## in div\n:::\n\n| a |\n---\n\n> q\n---\n\n1. x\n---\n",
    "# `{=typst}` x\n\n# 1. Intro\n\n# 2023\n\n# Ünïcödé Straße\n\n# $a--b$ \\*x\\* C\\# \\\n",
    "# foo#\n\n# C\\#\n\n# Same\n\n# Same\n\n# Same-1\n\n# Same {#same-2}\n\n# Same\n",
    "# Who's  *do* `a.b` _x_ a_b [l](u) <b>b</b> &eacute; &amp; [^1] [^2]\n\n[^2]: note\n",
    'a <foo> b <x-y z="1"> <b\n c> </i> <br/> <3 <a  >\n\n<!-- x\n\ny -->\n',
    "z `a`{ =html } `b`{= html} \\newpage\n\n``` {=html}\ny\n```\n\n~~~{=latex}\nz\n~~~\n",
    # link targets: runs of plain characters, escapes, parentheses, spaces and titles
    '[a](b c) [d](e "t") [l](m(n)o) [p](q  "r"  ) [u]( v ) [w](x/y.md)\n',
    "[a](b  c) [d](e(f) [g](h)i) [j](k 'l') [m](n\t) [o](p(q)r(s)t) ![v](w.png  )\n",
    # lines of hashes: a heading may be empty, or end the body without a newline
    "# a\n\n##\n\nC# and #tag\n\n######\tsix\n\n#\tb\n\n###",
    # code spans of several lengths, and code blocks over several lines
    "`` a ` [b](c) `` and ```[d](e)``` and ` [f](g) ` and `h`` [i](j)\n\n"
    "```\nfenced [x](y)\nline two\n```\n\n````\n```\n[z](w)\n````\n\n[after](k)\n",
]
LATEX_SAMPLES = {SAMPLES[7], SAMPLES[9], SAMPLES[-1]}

WORDS = [
    "Who",
    "does",
    "what",
    "Scope",
    "Roles",
    "and",
    "duties",
    "Early",
    "help",
    "référé",
    "Straße",
    "ÉCOLE",
    "Ünïcödé",
    "中文",
    "Ελληνικά",
    "2.3",
    "1.",
    "v2",
    "a_b",
    "x.y",
]
PUNCT = [
    ",",
    ":",
    "&",
    "/",
    "(",
    ")",
    "?",
    "!",
    "--",
    "---",
    "...",
    "'",
    '"',
    "’",
    "–",
    ";",
    "+",
    "=",
    "%",
    "@",
    "#",
    "*",
]
RAW_BLOCKS = [
    "```{=typst}\n#pagebreak()\n```",
    "``` {=html}\n<hr>\n```",
    "~~~ {=latex}\n\\x\n~~~",
    "```{=openxml}\n<w:p/>\n```",
    "<!-- a note\n\nover lines -->",
    "\\newpage",
]
NOT_RAW_BLOCKS = ["````\n```{=typst}\nx\n```\n````", "    ```{=typst}\n    x", "~~~\n<b>\n~~~"]
RAW = [
    "`<b>x</b>`{=html}",
    "`#x`{ =typst }",
    "<b>bold</b>",
    "<!-- note -->",
    "<br>",
    "<img src=x>",
    "\\newpage and",
    "\\clearpage and",
]
NOT_RAW = [
    "`{=typst}`",
    "`` `x`{=html} ``",
    "`<b>`",
    "\\<b>",
    "{= typst}",
    "<3 and 4>",
    "`\\newpage`",
    "`` ```{=typst} ``",
]


def _title(rng: random.Random, titles: list[str]) -> str:
    if titles and rng.random() < 0.2:
        return rng.choice(titles)  # a duplicate
    parts = []
    for _ in range(rng.randint(1, 5)):
        roll = rng.random()
        if roll < 0.55:
            parts.append(rng.choice(WORDS))
        elif roll < 0.75:
            parts.append(rng.choice(PUNCT))
        elif roll < 0.82:
            parts.append(f"`{rng.choice(WORDS)}{rng.choice(PUNCT)}`")
        elif roll < 0.88:
            parts.append(
                f"*{rng.choice(WORDS)}*" if rng.random() < 0.5 else f"_{rng.choice(WORDS)}_"
            )
        elif roll < 0.94:
            word = rng.choice(WORDS)
            parts.append(
                rng.choice(
                    [
                        f"[{word}](chapter:x)",
                        f"[{word}](u){{.c}}",
                        f"[{word}]{{.s}}",
                        f"`{word}`{{.k}}",
                        f"_{word}",
                        f"{word}*",
                    ]
                )
            )
        else:
            parts.append(rng.choice(PUNCT) + rng.choice(WORDS))
    spaces = [" ", "  ", "   ", "\t", " "]
    title = parts[0] + "".join(rng.choice(spaces) + p for p in parts[1:])
    titles.append(title)
    return title


def _heading(rng: random.Random, titles: list[str]) -> str:
    title = _title(rng, titles)
    roll = rng.random()
    if roll < 0.15:
        title += " {#" + rng.choice(["custom", "who-does-what", "same", "x.y", "a_b"]) + "}"
    elif roll < 0.2:
        title += rng.choice([" {.note}", " {-}", " {.c #mine}", " {}"])
    if rng.random() < 0.2:
        underline = rng.choice(["=", "-"]) * rng.randint(1, 8)
        return f"{title}\n{underline}"
    hashes = "#" * rng.randint(1, 6)
    closing = rng.choice(["", "", "", " ##", " #"]) if "{" not in title else ""
    return f"{hashes} {title}{closing}"


def _paragraph(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 6)):
        roll = rng.random()
        if roll < 0.35:
            parts.append(" ".join(rng.choices(WORDS, k=3)))
        elif roll < 0.5:
            target = rng.choice(
                [
                    "chapter:early-help",
                    "#who-does-what",
                    "../a/b.md#c",
                    "#same-1",
                    "https://example.org/x",
                    "other.md",
                ]
            )
            parts.append(f"[{rng.choice(WORDS)}]({target})")
        elif roll < 0.58:
            alt = rng.choice(["", "A map", "chart"])
            parts.append(f"![{alt}](../../media/{rng.choice(['a.png', 'b c.png'])})")
        elif roll < 0.68:
            parts.append(f"`[code](chapter:{rng.choice(WORDS)})`")
        elif roll < 0.8:
            parts.append(rng.choice(NOT_RAW))
        else:
            parts.append(rng.choice(RAW))
    return " ".join(parts)


def _sample(rng: random.Random) -> str:
    titles: list[str] = []
    blocks = []
    for _ in range(rng.randint(2, 7)):
        roll = rng.random()
        if roll < 0.45:
            blocks.append(_heading(rng, titles))
        elif roll < 0.8:
            blocks.append(_paragraph(rng))
        elif roll < 0.85:
            blocks.append(f"```\n# not a heading\n[no](chapter:none) {rng.choice(RAW)}\n```")
        elif roll < 0.88:
            blocks.append(rng.choice(RAW_BLOCKS + NOT_RAW_BLOCKS))
        elif roll < 0.94:
            blocks.append(f"::: scope\n{_heading(rng, titles)}\n\n{_paragraph(rng)}\n:::")
        else:
            blocks.append(f"{_paragraph(rng)}\n{_heading(rng, titles)}")  # not a heading
    return "\n\n".join(blocks) + "\n"


GENERATED = [_sample(random.Random(seed)) for seed in range(320)]

# pandoc reads each sample on its own and writes its AST, all in one process
_READER = """
local samples = pandoc.json.decode(io.open(arg[1]):read("a"), false)
local out = {}
for i, text in ipairs(samples) do
  out[i] = pandoc.json.decode(pandoc.write(pandoc.read(text, "markdown"), "json"), false)
end
io.open(arg[2], "w"):write(pandoc.json.encode(out))
"""


@pytest.fixture(scope="module")
def pandoc_reads(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("pandoc")
    samples = SAMPLES + GENERATED
    (folder / "read.lua").write_text(_READER, "utf-8")
    (folder / "in.json").write_text(json.dumps(samples), "utf-8")
    subprocess.run(
        [
            pandoc_binary(),
            "lua",
            str(folder / "read.lua"),
            str(folder / "in.json"),
            str(folder / "out.json"),
        ],
        check=True,
    )
    asts = json.loads((folder / "out.json").read_text("utf-8"))
    return dict(zip(samples, asts, strict=True))


_FORMATS = {
    "html": "HTML",
    "tex": "LaTeX",
    "latex": "LaTeX",
    "typst": "Typst",
    "openxml": "OpenXML",
}


def _pandoc_facts(ast: dict[str, Any]) -> dict[str, list[Any]]:
    facts: dict[str, list[Any]] = {"headings": [], "links": [], "images": [], "raw": []}

    def walk(node: Any, top: bool) -> None:
        if isinstance(node, list):
            for value in node:
                walk(value, top)
            return
        if not isinstance(node, dict):
            return
        kind = node.get("t")
        if kind == "Header" and top:
            facts["headings"].append((node["c"][0], node["c"][1][0]))
        elif kind == "Link" and "email" not in node["c"][0][1]:
            facts["links"].append(node["c"][2][0])
        elif kind == "Image":
            facts["images"].append((node["c"][2][0], bool(node["c"][1])))
        elif kind in ("RawBlock", "RawInline"):
            facts["raw"].append(_FORMATS.get(node["c"][0], node["c"][0]))
        if kind == "Div":
            walk(node["c"][1], top)
        elif "c" in node:
            walk(node["c"], False)

    walk(ast["blocks"], True)
    facts["links"].sort()
    return facts


def _our_facts(found: Scan) -> dict[str, list[Any]]:
    raw = ["HTML" if item.kind == "HTML comment" else item.kind for item in found.raw]
    return {
        "headings": [(h.level, h.id) for h in found.headings],
        "links": sorted(link_target(link.target) for link in found.links if not link.image),
        "images": [
            (link_target(link.target), bool(link.text)) for link in found.links if link.image
        ],
        "raw": raw,
    }


@pytest.mark.parametrize("body", SAMPLES + GENERATED)
def test_scan_agrees_with_pandoc(body: str, pandoc_reads: dict[str, Any]) -> None:
    pandoc = _pandoc_facts(pandoc_reads[body])
    ours = _our_facts(scan(body))
    if "\\" in body and body not in LATEX_SAMPLES:
        pandoc["raw"] = [kind for kind in pandoc["raw"] if kind != "LaTeX"]
        ours["raw"] = [kind for kind in ours["raw"] if kind != "LaTeX"]
    assert ours == pandoc


def test_enough_generated_samples() -> None:
    assert len(set(GENERATED)) >= 300


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
    assert [(h.id, h.explicit) for h in scan(body).headings] == [
        ("roles-and-duties", False),
        ("roles-and-duties-1", False),
        ("mine", True),
    ]
