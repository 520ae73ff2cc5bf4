"""A redline reads FROM's text only where it differs from TO's (publish/redline/reuse.py),
cutting chapters where one block ends (check/markdown/blocks.py): held to pandoc.

The cuts: many generated chapter texts, each read by pandoc whole, with the separator
(an empty block of code) at each cut (as TO's document has them), and piece by piece
(as FROM's document holds the pieces it reads), must give the same blocks. The
redline: a real repository whose chapters change in ways that read differently with
what is around them (a heading moving every other one, links to a chapter in one
edition only, a changed footnote, reference links) gives FROM's and TO's trees exactly
as reading them whole.
"""

from __future__ import annotations

import json
import random
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import copy_fixture
from editions_helpers import replace
from test_redline import _may, _november

from manualctl.check.markdown.blocks import chunks
from manualctl.editions.between import between
from manualctl.publish.document import READER_FORMAT
from manualctl.publish.pandoc import pandoc_binary
from manualctl.publish.redline.reuse import SEPARATOR, SEPARATOR_BLOCK
from manualctl.publish.redline.states import read_states
from manualctl.upstream.resolve import inherited

# blocks a chapter is made of; {p} is each copy's own footnote and link label prefix
BLOCKS = [
    "A plain paragraph of words\nover two lines.",
    "## A heading {{#a-heading}}",
    "# A top heading {{#top}}",
    "A paragraph with a note.[^{p}n] And more.",
    "[^{p}n]: The note's text.",
    "[^{p}n]: The note's text,\n    and its second line.",
    "A [reference link][{p}r] and [another](https://example.org).",
    "[{p}r]: https://example.org/ref",
    "- one\n- two\n- three",
    "- loose one\n\n- loose two",
    "1. first\n2. second\n   - nested\n   - nested two",
    "3. a list that starts at three",
    "a) lettered\nb) list",
    "(i) roman\n(ii) list",
    "- item\n\n  continued in the item\n\n- next item",
    "| A | B |\n|---|---|\n| 1 | 2 |",
    "| C | D |\n|---|---|\n| 3 | 4 |",
    "Table: A caption of the table.",
    "+---+---+\n| a | b |\n+===+===+\n| 1 | 2 |\n+---+---+",
    "> A quote\n> over two lines.",
    "> Another quote.",
    "| A line block\n| of two lines",
    "::: scope\nThe scope of the chapter.\n:::",
    "::: related\n**Bold title**\n\nA related [chapter](chapter:other).\n:::",
    ":::: outer\n::: inner\nNested boxes.\n:::\n::::",
    "    indented code\n\n    more code",
    "Setext heading\n--------------",
    "Setext heading\n==============",
    "Term\n\n:   A definition.",
    "* * *",
    "```\ncode\n\nwith a blank line\n```",
    "(@) an example",
    "2026. A year at the start of a line.",
    "Note. A word and a full stop.",
    "*Emphasis across\nlines* and **strong**.",
    "![A picture](media/picture.png)",
]


def _both_ways(plan: Any, tmp_path: Path) -> tuple[Any, Any]:
    """:func:`read_states` of ``plan`` (TO: 2026-11) with FROM read in pieces, then whole."""
    read = []
    for name, pieces in (("pieces", True), ("whole", False)):
        (tmp_path / name).mkdir()
        read.append(
            read_states(plan, "2026-11", date(2026, 11, 1), tmp_path / name, in_pieces=pieces)
        )
    return read[0], read[1]


def _pandoc(markdown: str) -> list[dict]:  # type: ignore[type-arg]
    done = subprocess.run(
        [pandoc_binary(), f"--from={READER_FORMAT}", "--to=json"],
        input=markdown.encode(),
        capture_output=True,
        check=True,
    )
    return json.loads(done.stdout)["blocks"]  # type: ignore[no-any-return]


def _div(name: str, text: str) -> str:
    return f"::::::::: {{#{name}}}\n{text}\n\n:::::::::"


def _samples(count: int) -> list[str]:
    rng = random.Random(16)
    return ["\n\n".join(rng.choices(BLOCKS, k=rng.randint(2, 9))) for _ in range(count)]


def _marked(pieces: list[str]) -> str:
    return "".join(f"\n\n{SEPARATOR}\n\n{piece}" for piece in pieces)


def _groups(blocks: list[dict]) -> list[list[dict]]:  # type: ignore[type-arg]
    groups: list[list[dict]] = []  # type: ignore[type-arg]
    for block in blocks:
        if block == SEPARATOR_BLOCK:
            groups.append([])
        else:
            groups[-1].append(block)
    return groups


def test_pieces_read_as_the_text_read_whole() -> None:
    rng = random.Random(1611)
    # three documents (each copy's labels its own in each): whole, marked, some pieces
    parts: tuple[list[str], list[str], list[str]] = ([], [], [])
    cut: dict[int, tuple[list[str], list[int]]] = {}
    for i, sample in enumerate(_samples(400)):
        text = sample.format(p=f"c{i}-")
        pieces = chunks(text)
        if pieces is None:
            continue
        # as FROM's document reads a chapter: some of its pieces, its definitions always
        some = [k for k, piece in enumerate(pieces) if "]:" in piece or rng.random() < 0.5]
        parts[0].append(_div(f"c{i}", text))
        parts[1].append(_div(f"c{i}", _marked(pieces)))
        parts[2].append(_div(f"c{i}", _marked([pieces[k] for k in some])))
        cut[i] = (pieces, some)
    assert len(cut) > 100  # the samples that could be cut, of 400
    assert sum(len(p) for p, _ in cut.values()) > 2.5 * len(cut)
    whole, marked, picked = (
        {block["c"][0][0]: block["c"][1] for block in _pandoc("\n\n".join(texts))}
        for texts in parts
    )
    for i, (pieces, some) in cut.items():
        groups = _groups(marked[f"c{i}"])
        assert [b for g in groups for b in g] == whole[f"c{i}"], pieces
        assert len(groups) == len(pieces)
        assert _groups(picked[f"c{i}"]) == [groups[k] for k in some], pieces


def test_what_reads_differently_in_pieces_is_read_whole() -> None:
    for text in (
        "Term\n\n:   A definition.",
        "Para\n\n* * *\n\nPara",
        "A\n\n```\nx\n\ny\n```",
        "A\n\n(@) example",
        "A\n\n::: box\nnot closed",
        "A\n\n:::\n\nB",
    ):
        assert chunks(text) is None, text
    assert chunks("## Heading\n\n- a\n- b\n\nPara") == ["## Heading", "- a\n- b", "Para"]
    assert chunks("- a\n\n- b\n\nPara") == ["- a\n\n- b", "Para"]
    assert chunks("| a |\n|--|\n| 1 |\n\nTable: Cap\n\nNext") == [
        "| a |\n|--|\n| 1 |\n\nTable: Cap\n\nNext"
    ]


TRICKY = "chapters/family-support/tricky.md"
TRICKY_TEXT = """---
id: tricky
title: Tricky
owner: Head of Service
review:
  last: 2026-01-10
  every_months: 12
---

A paragraph linking [the new chapter](chapter:staying-put) and
[the vision](chapter:our-vision).

::: scope
What this chapter covers.
:::

## Part one

See [part one](#part-one) and [early help](chapter:early-help#top).

- a
- b

| A | B |
|---|---|
| 1 | 2 |

Table: A caption.

> A quote.

A paragraph with a note.[^n] And [a reference][r].

An unchanged paragraph with a note too.[^n]

[^n]: The note.
[r]: https://example.org/r

    indented code

The last paragraph.
"""


@pytest.mark.parametrize("parts", [True, False])
def test_from_is_read_only_where_it_differs(tmp_path: Path, parts: bool) -> None:
    """With ``parts``, links lead to parts of chapters, so every heading is read again;
    without, a chapter whose headings are the same at both editions has them taken
    from TO, and one with a new top heading (so manual.lua moves the others one level
    down in TO, not in FROM) has them read again."""
    repo = copy_fixture("editions", tmp_path / "sample")
    text = TRICKY_TEXT
    if not parts:
        text = text.replace("[part one](#part-one)", "part one").replace("#top", "")
    (repo / TRICKY).write_text(text, encoding="utf-8")
    replace(
        repo / "manual.yaml",
        "      - file: chapters/family-support/early-help.md\n",
        f"      - file: chapters/family-support/early-help.md\n      - file: {TRICKY}\n",
    )
    _may(repo)
    replace(repo / TRICKY, "\nA paragraph linking", "\n# A new top heading\n\nA paragraph linking")
    replace(repo / TRICKY, "The last paragraph.", "The last paragraph, changed.")
    _november(repo)
    plan = between(repo, "2026-05", "2026-11", resolver=inherited)
    (old_doc, _, old, new, _), (whole_doc, _, old_whole, new_whole, _) = _both_ways(plan, tmp_path)
    assert old == old_whole
    assert new == new_whole
    # FROM was read in part: the unchanged list, table and quote were not read again,
    # nor a paragraph with an unchanged footnote; a paragraph whose footnote changed
    # (in working-together) and one linking to a chapter only TO has were
    for text, again in (
        ("| A | B |", False),
        ("An unchanged paragraph with a note", False),
        ("Consent is needed.", True),
        ("A paragraph linking [the new chapter]", True),
        ("## Part one", True),
        ("## 1. Who does what", parts),
    ):
        assert text in whole_doc.prelinked
        assert (text in old_doc.prelinked) is again


TABLES = "chapters/family-support/tables.md"
LONG = "x" * 70  # a row wider than pandoc's 72 columns widens its table
TABLES_TEXT = f"""---
id: tables
title: Tables
owner: Head of Service
review:
  last: 2026-01-10
  every_months: 12
---

A first paragraph.

| Task | Who |
|---|---|
| Plan | Social worker |
| Kept row | Team |
| Review | IRO |

A row wider than the others, unchanged.

| Long | Row |
|---|---|
| Short changed | a |
| {LONG} | b |

Wide rows on both sides.

| Wide | Both |
|:--|--:|
| Changed {LONG} | c |
| Kept {LONG} | d |

A row linking to a chapter only TO has.

| Link | Row |
|---|---|
| Changed | e |
| [New](chapter:staying-put) | f |

A table that grows.

| Grows | Row |
|---|---|
| One | g |

Letters that may be two columns wide.

| 漢字 | Row |
|---|---|
| 変わる | h |
| {"漢" * 30} | i |

A changed paragraph with a note.[^a]

An unchanged paragraph with a note.[^b]

[^a]: Note a.
[^b]: Note b.
"""


def test_a_table_is_read_at_from_only_in_its_rows_that_differ(tmp_path: Path) -> None:
    """A pipe table's unchanged rows are TO's; one whose widths could come from a row
    taken from TO (wider than 72 columns, or letters that may be two columns wide) is
    read whole; of the footnotes, FROM reads only those its pieces read refer to; of the
    sections' and chapters' headings, only those TO does not have. The trees are those
    of both editions read whole."""
    repo = copy_fixture("editions", tmp_path / "sample")
    (repo / TABLES).write_text(TABLES_TEXT, encoding="utf-8")
    replace(
        repo / "manual.yaml",
        "      - file: chapters/family-support/early-help.md\n",
        f"      - file: chapters/family-support/early-help.md\n      - file: {TABLES}\n",
    )
    _may(repo)
    for old, new in (
        ("| Plan | Social worker |", "| Plan | Social worker and manager |"),
        ("| Short changed | a |", "| Short changed | aa |"),
        (f"| Changed {LONG} | c |", f"| Changed {LONG} | cc |"),
        ("| Changed | e |", "| Changed | ee |"),
        ("| One | g |\n", "| One | g |\n| Two | g |\n"),
        ("| 変わる | h |", "| 変わった | h |"),
        ("A changed paragraph", "A paragraph changed"),
    ):
        replace(repo / TABLES, old, new)
    # a chapter after a heading read at FROM and one taken from TO
    replace(repo / "manual.yaml", "section: All Children", "section: Every Child")
    _november(repo)
    plan = between(repo, "2026-05", "2026-11", resolver=inherited)
    (old_doc, _, old, new, _), (whole_doc, _, old_whole, new_whole, _) = _both_ways(plan, tmp_path)
    assert old == old_whole
    assert new == new_whole
    for text, again in (
        ("| Plan | Social worker |", True),
        ("| Kept row | Team |", False),
        ("| Review | IRO |", False),
        (f"| {LONG} | b |", True),
        (f"| Kept {LONG} | d |", False),
        ("| [New](chapter:staying-put) | f |", True),
        ("| One | g |", True),
        (f"| {'漢' * 30} | i |", True),
        ("[^c3-a]: Note a.", True),
        ("[^c3-b]: Note b.", False),
        ("All Children", True),
        ("Values and Principles", False),
        ("Family Support", False),
        # a chapter's heading, TO's when the same; read when retitled
        ("Our Vision {#our-vision}", False),
        ("Working Together {#working-together}", True),
    ):
        assert text in whole_doc.prelinked
        assert (text in old_doc.prelinked) is again, text
