"""The import's joined words (pandoc_run.joined) against pandoc's own Markdown writer.

:func:`manualctl.importing.docx.pandoc_run.joined` hands the writer runs of words as
one ``Str`` because the writer is much faster so; that is only right where pandoc writes
exactly the same Markdown either way. Here pandoc writes many generated chapters, full
of the characters its writer treats by position (``#`` and ``@`` starting a word, a
``\\`` ending one, ordered-list markers starting a paragraph, ...), in every kind of
block and inline the import passes on, once as they are and once joined: the two
Markdown texts must be equal, whole.
"""

from __future__ import annotations

import json
import random
from typing import Any

from manualctl import proc
from manualctl.importing.docx import pandoc_run
from manualctl.publish.pandoc import pandoc_binary

#: words the Markdown writer escapes by position or by what stands next to them
WORDS = [
    *["word", "Word", "care", "plan", "2024", "é", "naïve", "x"],
    *["1.", "1)", "2.", "a.", "iv.", "(1)", "10.", "-", "+", "*", "%", ">", ">x", "<", "=="],
    *["#", "##", "#tag", "#1", "@", "@ref", "@{x}", "x@y", "\\", "x\\", "\\x", "\\\\"],
    *["&", "&amp;", "&amp", "&#42;", "a&b;", "_", "a_b", "_x_", "x_", "**", "`", "[", "]"],
    *["[x]", "(", ")", ":", ":::", "::", "!", "x!", "![", "~", "~~", "^", "|", "$", "$1"],
    *["'", '"', "--", "...", "http://x.org", "<b>", "{#id}", "\u00a0", "a\u00a0b", ""],
]


def _inlines(rng: random.Random, depth: int = 0) -> list[Any]:
    """Words with a space between them, as pandoc reads Word's text, and now and then
    something else: formatting, a link, a note, no space or two, a line break."""
    out: list[Any] = []
    for _ in range(rng.randint(1, 14)):
        roll = rng.random()
        if roll < 0.72:
            out.append({"t": "Str", "c": rng.choice(WORDS)})
        elif depth < 2 and roll < 0.78:
            kind = rng.choice(["Emph", "Strong", "Underline", "Strikeout", "SmallCaps"])
            out.append({"t": kind, "c": _inlines(rng, depth + 1)})
        elif depth < 2 and roll < 0.81:
            out.append({"t": rng.choice(["Superscript", "Subscript"]), "c": _inlines(rng, 2)})
        elif depth < 2 and roll < 0.84:
            target = rng.choice(["http://example.org/a", "chapter:care-plans", "word"])
            out.append({"t": "Link", "c": [["", [], []], _inlines(rng, 2), [target, ""]]})
        elif depth < 2 and roll < 0.86:
            quote = {"t": rng.choice(["SingleQuote", "DoubleQuote"])}
            out.append({"t": "Quoted", "c": [quote, _inlines(rng, depth + 1)]})
        elif depth < 1 and roll < 0.88:
            out.append({"t": "Note", "c": [{"t": "Para", "c": _inlines(rng, 2)}]})
        elif roll < 0.91:
            out.append({"t": "Code", "c": [["", [], []], rng.choice(WORDS) or "x"]})
        elif roll < 0.94:
            out.append({"t": rng.choice(["LineBreak", "SoftBreak"])})
        else:
            out.append({"t": "Space"})
        between = rng.random()
        if between < 0.85:
            out.append({"t": "Space"})
        elif between < 0.9:
            out += [{"t": "Space"}, {"t": "Space"}]
    if rng.random() < 0.7 and out[-1]["t"] == "Space":
        out.pop()
    if rng.random() < 0.1:
        out.insert(0, {"t": "Space"})
    return out


def _cell(rng: random.Random) -> list[Any]:
    blocks = [{"t": "Plain", "c": _inlines(rng, 1)}]
    if rng.random() < 0.3:  # a cell with a list or two paragraphs: a grid table
        blocks.append({"t": "BulletList", "c": [[{"t": "Plain", "c": _inlines(rng, 1)}]]})
    return [["", [], []], {"t": "AlignDefault"}, 1, 1, blocks]


def _table(rng: random.Random) -> Any:
    columns = rng.randint(1, 3)
    rows = [[["", [], []], [_cell(rng) for _ in range(columns)]] for _ in range(2)]
    specs = [[{"t": "AlignDefault"}, {"t": "ColWidthDefault"}] for _ in range(columns)]
    return {
        "t": "Table",
        "c": [
            ["", [], []],
            [None, []],
            specs,
            [["", [], []], rows[:1]],
            [[["", [], []], 0, [], rows[1:]]],
            [["", [], []], []],
        ],
    }


def _blocks(rng: random.Random, depth: int = 0) -> list[Any]:
    out: list[Any] = []
    for _ in range(rng.randint(1, 4)):
        roll = rng.random()
        if roll < 0.4 or depth >= 2:
            out.append({"t": "Para", "c": _inlines(rng)})
        elif roll < 0.5:
            out.append({"t": "Header", "c": [rng.randint(2, 4), ["", [], []], _inlines(rng, 1)]})
        elif roll < 0.6:
            items = [[{"t": "Plain", "c": _inlines(rng)}] for _ in range(rng.randint(1, 3))]
            out.append({"t": "BulletList", "c": items})
        elif roll < 0.68:
            items = [_blocks(rng, depth + 1) for _ in range(rng.randint(1, 3))]
            attrs = [rng.choice([1, 3]), {"t": "DefaultStyle"}, {"t": "Period"}]
            out.append({"t": "OrderedList", "c": [attrs, items]})
        elif roll < 0.76:
            out.append({"t": "Div", "c": [["", ["scope"], []], _blocks(rng, depth + 1)]})
        elif roll < 0.82:
            out.append({"t": "BlockQuote", "c": _blocks(rng, depth + 1)})
        elif roll < 0.88:
            out.append({"t": "DefinitionList", "c": [[_inlines(rng, 1), [_blocks(rng, 2)]]]})
        elif roll < 0.94:
            out.append(_table(rng))
        else:
            out.append({"t": "LineBlock", "c": [_inlines(rng, 1), _inlines(rng, 1)]})
    return out


def _api() -> Any:
    done = proc.run([pandoc_binary(), "--from=markdown", "--to=json"], input=b"")
    return json.loads(done.stdout)["pandoc-api-version"]


def _markdown(api: Any, chapters: list[list[Any]]) -> list[str]:
    """Each chapter's Markdown from one pandoc run with the import's writer options."""
    blocks: list[Any] = []
    for number, chapter in enumerate(chapters):
        blocks.append({"t": "Header", "c": [1, [f"c{number}", [], []], [{"t": "Str", "c": "CUT"}]]})
        blocks.extend(chapter)
    source = json.dumps({"pandoc-api-version": api, "meta": {}, "blocks": blocks})
    done = proc.run([pandoc_binary(), "--from=json", *pandoc_run.WRITER], input=source.encode())
    assert done.returncode == 0, done.error_text
    return done.stdout.decode("utf-8").split("# CUT {#c")[1:]


def _count(node: Any, kind: str) -> int:
    if isinstance(node, list):
        return sum(_count(item, kind) for item in node)
    if isinstance(node, dict):
        return (node.get("t") == kind) + _count(node.get("c"), kind)
    return 0


def test_joined_words_are_written_as_pandoc_writes_them_apart() -> None:
    rng = random.Random(15)
    chapters = [_blocks(rng) for _ in range(600)]
    joined = [pandoc_run.joined(chapter) for chapter in chapters]
    assert _count(joined, "Str") < _count(chapters, "Str") * 0.85  # it joined many
    apart, together = _markdown(_api(), chapters), _markdown(_api(), joined)
    assert len(apart) == len(together) == len(chapters)
    for number, (one, other) in enumerate(zip(apart, together, strict=True)):
        assert other == one, json.dumps(chapters[number])
    assert "".join(together) == "".join(apart)


def test_what_is_joined_and_what_is_not() -> None:
    def s(text: str) -> dict[str, Any]:
        return {"t": "Str", "c": text}

    space = {"t": "Space"}
    para = [s("1."), space, s("The"), space, s("plan"), space, s("#2"), space, s("is")]
    para += [space, s("x\\"), space, s("due"), space, s("@now"), space, space, s("so")]
    para += [{"t": "Superscript", "c": [s("a"), space, s("b"), space, s("c")]}]
    para += [{"t": "Emph", "c": [s("in"), space, s("full"), space, s("now")]}]
    link = {"t": "Link", "c": [["", [], []], [s("a"), space, s("b"), space, s("c")], ["u", ""]]}
    blocks = [{"t": "Para", "c": [*para, link]}, _table(random.Random(1))]
    assert pandoc_run.joined(blocks) == [
        {
            "t": "Para",
            "c": [
                s("1."),
                space,
                s("The plan"),
                space,
                s("#2 is x\\"),
                space,
                s("due"),
                space,
                s("@now"),
                space,
                space,
                s("so"),
                {"t": "Superscript", "c": [s("a"), space, s("b"), space, s("c")]},
                {"t": "Emph", "c": [s("in"), space, s("full now")]},
                link,
            ],
        },
        blocks[1],
    ]


def test_a_chapter_starting_with_blank_looking_text_keeps_it() -> None:
    """The chapters are cut from one pandoc run at their own heading lines; a chapter's
    first line of a no-break space (or a lone space) is its text, not the cut's."""
    nbsp = {"t": "Para", "c": [{"t": "Str", "c": "\u00a0"}]}
    term = {"t": "DefinitionList", "c": [[[{"t": "Space"}], [[{"t": "Plain", "c": []}]]]]}
    word = {"t": "Para", "c": [{"t": "Str", "c": "word"}]}
    chapters = [[nbsp, word], [word], [term, word]]
    written = pandoc_run.write_markdown(pandoc_binary(), _api(), chapters)
    assert written == ["\u00a0\n\nword", "word", " \n:   \n\nword"]


def test_a_paragraph_the_writer_makes_nothing_of_leaves_no_blank_line() -> None:
    """An empty paragraph (one that held only a bookmark, say) between plain ones, which
    are written without pandoc, is nothing in the chapter, as pandoc writes it."""
    empty = {"t": "Para", "c": []}
    word = {"t": "Para", "c": [{"t": "Str", "c": "word"}]}
    chapters = [[word, empty, word], [empty, word, empty], [empty]]
    written = pandoc_run.write_markdown(pandoc_binary(), _api(), chapters)
    assert written == ["word\n\nword", "word", ""]
