"""publish writes into each heading the identifier validate checks links against.

:func:`manualctl.publish.markdown.chapter_body` adds ``{#id}`` (pandoc's own identifier,
from the one scanner) to every heading; pandoc must read the edited text, with publish's
reader, as it reads the author's text with its automatic identifiers: the same headings,
levels, identifiers and inlines. One ``pandoc lua`` process reads every sample both ways.
"""

from __future__ import annotations

import json
import subprocess
from typing import Any

import pytest
from test_mdscan import GENERATED, SAMPLES

from manualctl.check.markdown.scan import scan
from manualctl.publish.document import READER_FORMAT
from manualctl.publish.markdown import chapter_body

WRITTEN = [
    "## Title ##\n\n## Title #\n\n## C#\n\n## Who  does what\n",
    "## With {.note}\n\n## With {-}\n\n## Mine {#mine}\n\n## {}\n\n##\n\n# \n",
    "Setext\n===\n\nSetext {.c}\n---\n",
    "::: scope\n## In a box\n\ntext\n:::\n\n## Family Drug & Alcohol Court (FDAC)\n",
    "## Children’s Advice -- Support ... Service\n\n## Adoption Service – Agency (RAA)\n",
    "## Set {x}\n\n## Two {.a} {.b}\n\n## `code {#x}` [l](u){.c}\n",
]
_READER = """
local samples = pandoc.json.decode(io.open(arg[1]):read("a"), false)
local out = {}
for i, pair in ipairs(samples) do
  local function heads(text, format)
    local found = {}
    pandoc.read(text, format).blocks:walk {
      Header = function(h)
        local inlines = pandoc.write(pandoc.Pandoc({ pandoc.Plain(h.content) }), "native")
        found[#found + 1] = { h.level, h.identifier, inlines }
      end,
    }
    return found
  end
  out[i] = { heads(pair[1], "markdown"), heads(pair[2], arg[3]) }
end
io.open(arg[2], "w"):write(pandoc.json.encode(out))
"""


@pytest.fixture(scope="module")
def reads(tmp_path_factory: pytest.TempPathFactory) -> list[Any]:
    from manualctl.publish.pandoc import pandoc_binary

    folder = tmp_path_factory.mktemp("pandoc")
    pairs = [[body, chapter_body(body, "c0-", ())[0]] for body in _bodies()]
    (folder / "read.lua").write_text(_READER, "utf-8")
    (folder / "in.json").write_text(json.dumps(pairs), "utf-8")
    command = [pandoc_binary(), "lua", str(folder / "read.lua"), str(folder / "in.json")]
    subprocess.run([*command, str(folder / "out.json"), READER_FORMAT], check=True)
    return list(json.loads((folder / "out.json").read_text("utf-8")))


def _bodies() -> list[str]:
    """The samples without raw markup (publish reads that as text), lists and quotes
    (headings there get no identifier from publish) or headings that end in a line
    break (a backslash: no identifier can follow it)."""
    out = []
    for body in WRITTEN + SAMPLES + GENERATED:
        found = scan(body)
        if found.raw or "\n>" in "\n" + body or "\n- " in "\n" + body:
            continue
        if not any(body[h.offset : h.end].endswith("\\") for h in found.headings):
            out.append(body)
    return out


def test_enough_samples() -> None:
    assert len(_bodies()) >= 100


def test_publish_reads_the_identifiers_pandoc_makes(reads: list[Any]) -> None:
    for body, (pandoc, published) in zip(_bodies(), reads, strict=True):
        assert published == pandoc, body


def test_a_scan_made_by_validate_gives_the_same_chapter_text() -> None:
    """build_document uses validate's scan of a chapter file's body (which has blank
    lines at its ends) instead of scanning the stripped body again: the same text,
    links and headings verdict, for every sample, with and without chapter links."""
    ids = ("our-vision", "confidentiality")
    extra = ["[^1]: note\n\nText[^1] and [a](chapter:our-vision).", "## Last", "    code\n\n## H"]
    for body in [*WRITTEN, *SAMPLES, *GENERATED, *extra]:
        core = body.strip("\n")
        for whole in (core, "\n" + core, "\n\n" + core + "\n", core + "\n\n\n"):
            read = ("x.md", ("x", {}, whole, 1, ""), [], scan(whole))  # as validate reads
            again = chapter_body(core, "c3-", ids, read)
            assert again == chapter_body(core, "c3-", ids), whole
    other = chapter_body(
        "## B\n", "c1-", ids, ("x.md", ("x", {}, "## A\n", 1, ""), [], scan("## A\n"))
    )
    assert other == chapter_body("## B\n", "c1-", ids)  # another text's scan: not used
