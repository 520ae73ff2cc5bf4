"""The plain blocks the import writes itself (importing.docx.plain) against pandoc's writer.

:func:`manualctl.importing.docx.pandoc_run.write_markdown` writes paragraphs, headings
and bullet points of ordinary words directly and hands the rest to pandoc. Here many
generated chapters (mostly such blocks, with words the writer escapes or treats by
position among them, some in italics or bold, and every other kind of block beside
them: top-level ``Plain``, code, lists next to lists, tables, boxes, footnotes) are
written both ways: by ``write_markdown``, and by pandoc alone with the import's writer
options. The texts must be equal, whole.
"""

from __future__ import annotations

import json
import random
from typing import Any

from manualctl.importing.docx import pandoc_run, plain
from manualctl.publish.pandoc import pandoc_binary
from tests.test_import_docx_joined import WORDS, _api, _blocks, _markdown, _table

#: ordinary words, and some the writer escapes or treats by position (from WORDS)
PLAIN_WORDS = [
    *["the", "child", "Plan", "2024", "1.5", "é", "naïve", "child’s", "it's", "“seen”"],
    *["well-being", "and/or", "50%", "a+b", "x=y", "(see", "below)", "Note:", "end.", "ok?"],
    *["yes!", "\u2013", "\u2014", "\u2026", "A", "I", "e.g.", "Table:", "x...", "a--b"],
]


def _words(rng: random.Random, special: float, depth: int = 0) -> list[Any]:
    """Words with a space between each two; now and then italics or bold of some words
    (with a space inside at either end, or none between it and the next word, or more
    emphasis inside, now and then)."""
    out: list[Any] = []
    for _ in range(rng.randint(1, 12 if depth == 0 else 3)):
        if out and (depth or rng.random() < 0.97):
            out.append({"t": "Space"})
        if depth < 2 and rng.random() < 0.05:
            inner = _words(rng, special, depth + 1)
            if rng.random() < 0.05:
                inner = [{"t": "Space"}, *inner] if rng.random() < 0.5 else [*inner, {"t": "Space"}]
            kind = rng.choice(["Emph", "Emph", "Strong", "Strong", "Underline", "Strikeout"])
            out.append({"t": kind, "c": inner})
            continue
        pool = WORDS if rng.random() < special else PLAIN_WORDS
        out.append({"t": "Str", "c": rng.choice(pool)})
    return out


def _plain_blocks(rng: random.Random) -> list[Any]:
    """A chapter of mostly plain blocks, with others between and beside them."""
    out: list[Any] = []
    for _ in range(rng.randint(0, 9)):
        roll = rng.random()
        special = rng.choice([0.0, 0.0, 0.1, 0.4])
        if roll < 0.4:
            out.append({"t": "Para", "c": _words(rng, special)})
        elif roll < 0.55:
            level = rng.randint(1, 4)
            attr = ["", [], []] if rng.random() < 0.9 else ["an-id", [], []]
            out.append({"t": "Header", "c": [level, attr, _words(rng, special)]})
        elif roll < 0.7:
            items = [[{"t": "Plain", "c": _words(rng, special)}] for _ in range(rng.randint(1, 3))]
            if rng.random() < 0.1:
                items.append([{"t": "Para", "c": _words(rng, special)}])
            out.append({"t": "BulletList", "c": items})
        elif roll < 0.75:
            out.append({"t": "Plain", "c": _words(rng, special)})
        elif roll < 0.79:
            out.append({"t": "CodeBlock", "c": [["", [], []], "code"]})
        elif roll < 0.82:
            out.append({"t": "HorizontalRule"})
        elif roll < 0.86:
            out.append(_table(rng))
        elif roll < 0.9:
            note = {"t": "Note", "c": [{"t": "Para", "c": _words(rng, 0.0)}]}
            out.append({"t": "Para", "c": [*_words(rng, 0.0), note]})
        else:
            out.extend(_blocks(rng, 1))
    return out


def _pandoc_alone(api: Any, chapters: list[list[Any]]) -> list[str]:
    """Each chapter as pandoc writes it whole, its footnotes numbered from 1."""
    return [
        pandoc_run._notes_from_one(part.split("\n", 1)[1].strip("\n"))
        for part in _markdown(api, chapters)
    ]


def test_plain_blocks_are_written_as_pandoc_writes_them() -> None:
    rng = random.Random(1515)
    chapters = [_plain_blocks(rng) for _ in range(500)]
    plans = [plain.plan(chapter) for chapter in chapters]
    direct = [part for parts in plans for part in parts if isinstance(part, str)]
    blocks = sum(len(chapter) for chapter in chapters)
    assert len(direct) > blocks * 0.15  # many paragraphs, headings and lists, not all
    assert sum("*" in text for text in direct) > 20  # some with italics or bold
    api = _api()
    ours = pandoc_run.write_markdown(pandoc_binary(), api, chapters)
    theirs = _pandoc_alone(api, chapters)
    assert len(ours) == len(theirs) == len(chapters)
    for number, (one, other) in enumerate(zip(theirs, ours, strict=True)):
        assert other == one, json.dumps(chapters[number])


def test_what_is_plain_and_what_is_not() -> None:
    def para(*words: str, kind: str = "Para") -> dict[str, Any]:
        inlines: list[Any] = []
        for word in words:
            inlines += [{"t": "Space"}] if inlines else []
            inlines.append({"t": "Str", "c": word})
        return {"t": kind, "c": inlines}

    def heading(*words: str) -> dict[str, Any]:
        return {"t": "Header", "c": [2, ["", [], []], para(*words)["c"]]}

    assert plain.written(para("The", "child’s", "plan,", "(see", "below).")) == (
        "The child’s plan, (see below)."
    )
    assert plain.written(heading("1.", "Purpose")) == "## 1. Purpose"
    bold = {"t": "Strong", "c": para("Note:")["c"]}
    italics = {"t": "Emph", "c": para("in", "full")["c"]}
    space = {"t": "Space"}
    emphasised = {"t": "Para", "c": [bold, space, *para("read")["c"], space, italics]}
    assert plain.written(emphasised) == "**Note:** read *in full*"
    items = [[para("one", kind="Plain")], [para("two", "x", kind="Plain")]]
    assert plain.written({"t": "BulletList", "c": items}) == "- one\n- two x"
    for not_plain in [
        para("1.", "The", "plan"),  # an ordered-list marker: the writer escapes it
        para("%", "of"),
        para("a_b"),
        para("x", "*y*"),
        para("x\u00a0y"),
        para("x", ""),
        {"t": "Para", "c": [*para("x")["c"], {"t": "Space"}]},
        {"t": "Para", "c": [{"t": "Str", "c": "x"}, {"t": "SoftBreak"}, {"t": "Str", "c": "y"}]},
        {"t": "Header", "c": [2, ["id", [], []], para("Purpose")["c"]]},
        {"t": "BulletList", "c": [[para("one")]]},  # a loose list
        para("plain", kind="Plain"),
        {"t": "Para", "c": [{"t": "Emph", "c": [*para("x")["c"], space]}, space, bold]},
        {"t": "Para", "c": [{"t": "Underline", "c": para("x")["c"]}]},
        {"t": "Para", "c": [{"t": "Emph", "c": [italics]}]},
        {"t": "Para", "c": [*para("x")["c"], bold]},  # no space between them
    ]:
        assert plain.written(not_plain) is None, not_plain
    lists = [{"t": "BulletList", "c": items}, {"t": "BulletList", "c": items}]
    assert plain.plan([para("x"), *lists]) == ["x", lists]
    assert plain.plan([para("x", kind="Plain"), para("y"), heading("z")]) == [
        [para("x", kind="Plain"), para("y")],
        "## z",
    ]
