"""A chapter's headings found without walking it (data-ready="headings").

:func:`manualctl.publish.prelink.headings_at_top` says when every heading pandoc reads is at
the top of the chapter or directly in one of its boxes; manual.lua then moves the Word
edition's headings down by the chapter's depth while it reads them, instead of walking
the chapter. Checked against pandoc's own reading of many generated chapters, and on
the Word edition: the same document.xml with the hint as without it.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import pytest
from test_mdscan import GENERATED, SAMPLES
from test_publish_headings import WRITTEN

from manualctl.check.markdown.scan import scan
from manualctl.check.validate import open_manual
from manualctl.publish.document import READER_FORMAT, build_document
from manualctl.publish.docx import reference_docx
from manualctl.publish.pandoc import pandoc_binary, run_pandoc
from manualctl.publish.prelink import headings_at_top
from tests.conftest import FIXTURES

pytestmark = pytest.mark.slow

#: headings where manual.lua does not look: in a list, a quote, a note, a table, a box in
#: a box, a definition
ELSEWHERE = [
    "- item\n\n  # In a list\n",
    "1. # In a numbered list\n",
    "> # In a quote\n",
    ">## In a quote\n",
    "Text.[^1]\n\n[^1]: A note.\n\n    # In the note\n",
    "- Title\n\n  Setext in a list\n  ---\n",
    "> Setext in a quote\n> ===\n",
    "+-------------+\n| Cell        |\n+=============+\n| # In a cell |\n+-------------+\n",
    "::: scope\n::: related\n## In a box in a box\n:::\n:::\n",
    "Term\n\n:   # In a definition\n",
]
AT_TOP = [
    "## One\n\nText with a [link](#one) and https://example.org/#part.\n\n## Two ##\n",
    "::: scope\n## In a box\n\ntext\n:::\n\n## After it\n",
    "Setext\n===\n\nText.\n\nAnother\n---\n",
    "| A | B |\n|---|---|\n| x | y |\n\n## Below the table\n",
]
#: at the top, but the hint is not given (always correct, only slower): text that could
#: be HTML, a "#" that could start a heading
UNSURE = ["<div>\n\n# After a tag\n\n</div>\n", "Item #3 of the list.\n", "----\n"]

# every Header pandoc reads, with how deep it is: 0 at the top, 1 directly in a Div at
# the top, 2 for anywhere else
_READER = """
local samples = pandoc.json.decode(io.open(arg[1]):read("a"), false)
local out = {}
for i, text in ipairs(samples) do
  local blocks = pandoc.read(text, arg[3]).blocks
  local total, known = 0, 0
  blocks:walk { Header = function() total = total + 1 end }
  for _, block in ipairs(blocks) do
    if block.t == "Header" then known = known + 1 end
    if block.t == "Div" then
      for _, inner in ipairs(block.content) do
        if inner.t == "Header" then known = known + 1 end
      end
    end
  end
  out[i] = { total, known }
end
io.open(arg[2], "w"):write(pandoc.json.encode(out))
"""


def _counts(bodies: list[str], tmp_path: Path) -> list[list[int]]:
    (tmp_path / "read.lua").write_text(_READER, "utf-8")
    (tmp_path / "in.json").write_text(json.dumps(bodies), "utf-8")
    command = [pandoc_binary(), "lua", str(tmp_path / "read.lua"), str(tmp_path / "in.json")]
    subprocess.run([*command, str(tmp_path / "out.json"), READER_FORMAT], check=True)
    return list(json.loads((tmp_path / "out.json").read_text("utf-8")))


def test_only_when_pandoc_reads_every_heading_there(tmp_path: Path) -> None:
    bodies = AT_TOP + ELSEWHERE + UNSURE + WRITTEN + SAMPLES + GENERATED
    counts = _counts(bodies, tmp_path)
    said = [headings_at_top(body, scan(body)) for body in bodies]
    for body, (total, known), at_top in zip(bodies, counts, said, strict=True):
        if at_top:
            assert total == known, body
    assert said[: len(AT_TOP)] == [True] * len(AT_TOP)
    assert not any(said[len(AT_TOP) : len(AT_TOP) + len(ELSEWHERE) + len(UNSURE)])
    elsewhere = counts[len(AT_TOP) : len(AT_TOP) + len(ELSEWHERE)]
    assert all(total > known for total, known in elsewhere)  # (the cases are what they say)
    # the hint is given often enough to matter, most often to chapters with headings
    assert sum(said) >= 80
    assert sum(1 for (total, _), at_top in zip(counts, said, strict=True) if at_top and total) >= 50


def test_the_word_edition_is_the_same_with_the_hint(tmp_path: Path) -> None:
    """Headings in boxes, under sections and sub-sections, moved by manual.lua or walked."""
    root = tmp_path / "manual"
    shutil.copytree(FIXTURES / "publishing", root)
    extra = "\n::: scope\n## In a box\n\ntext\n:::\n\n### Deeper\n\n#### Deepest\n"
    for path in sorted((root / "chapters").rglob("*.md")):
        path.write_text(path.read_text("utf-8") + extra, "utf-8")
    doc = build_document(open_manual(root), edition="2026-11", printed_on=date(2026, 11, 4))
    markdown, args = doc.prelinked_input()
    assert markdown.count(" headings") == len(doc.chapters)
    without = re.sub(r'(data-ready="[^"]*?) ?headings\b', r"\1", markdown)
    assert " headings" not in without
    args.append(f"--reference-doc={reference_docx()}")
    bodies = []
    for name, text in (("hinted", markdown), ("walked", without)):
        out = tmp_path / f"{name}.docx"
        run_pandoc(text, "docx", args, root=root, output=out, epoch=1764547200)
        with zipfile.ZipFile(out) as package:
            bodies.append(package.read("word/document.xml"))
    assert bodies[0] == bodies[1]
    assert b'w:val="Heading5"' in bodies[0]  # 2.1 > its "Deepest" (level 4) moved down
