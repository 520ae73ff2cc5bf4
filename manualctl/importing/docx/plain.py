"""Plain blocks written here as pandoc's Markdown writer (with ``pandoc_run.WRITER``)
writes them, so that most of a document never goes back through pandoc.

Most of a council's document is paragraphs, headings and bullet points of ordinary
words. For those, the writer's output is the words with single spaces between them,
after ``## `` for a heading and ``- `` for a bullet point: what it escapes (``*``, ``_``,
``[``, ``<``, ``$``, ...) and what it treats by position (an ordered-list marker or a
``%`` starting a paragraph) never occurs in them. :func:`written` gives that text for
a block that is plain in exactly that sense, and None for any other block, which pandoc
writes. A block is plain when:

- it is a ``Para``, a ``Header`` without attributes, or a ``BulletList`` whose items are
  each one ``Plain``, and its inlines (each item's) are words (``Str``) with one
  ``Space`` between each two, none before the first or after the last; a word may be
  italics or bold (``Emph``, ``Strong``) of such words, written ``*...*``, ``**...**``;
- its text holds only letters, digits, spaces and :data:`_SAFE_MARKS`, and starts with a
  letter or digit; in a paragraph or bullet point a first word that is not emphasised
  holds no ``.`` or ``)`` (``1.``, ``iv)`` would start a list and are escaped);
- in a chapter, a block next to it is one that the writer separates from it by one blank
  line and nothing else (:func:`plan`): not a ``Plain`` or a code block (how the writer
  spaces them depends on what stands around them), and for a bullet list not another
  bullet list (the writer puts a separator between two).

``tests/test_import_docx_plain.py`` holds this to pandoc's own writer on many
generated chapters, compared whole.
"""

from __future__ import annotations

import re
from operator import itemgetter
from typing import Any

Block = dict[str, Any]

#: the marks besides letters and digits that the writer never escapes anywhere in a line
_SAFE_MARKS = ",.;:!?'\"()/&%+=\\-\u2018\u2019\u201c\u201d\u2013\u2014\u2026"
#: such text, starting with a letter or digit (``\\w`` also takes ``_``: see _plain_text)
_SAFE_TEXT = re.compile(rf"[^\W_][\w {_SAFE_MARKS}]*")
_LINE_START = re.compile(r"[^.)\s]*")  # a first word that cannot start a list
_TEXT = itemgetter("c")
_NO_ATTR = ["", [], []]
#: what may stand next to a plain block: the writer puts one blank line between them
_SEPARATE = frozenset(
    (
        "Para",
        "Header",
        "BulletList",
        "OrderedList",
        "DefinitionList",
        "Table",
        "Div",
        "BlockQuote",
        "Figure",
        "HorizontalRule",
        "LineBlock",
    )
)

_spaces: list[Block] = []


def _words(inlines: list[Any], *, emphasis: bool = True) -> str | None:
    """The Markdown of ``inlines`` when they are words with one space between each two
    (with ``emphasis``, some of them in italics or bold: :func:`_emphasised`)."""
    count = len(inlines)
    if count % 2 == 0:
        return None
    if len(_spaces) < count // 2:
        _spaces.extend([{"t": "Space"}] * (count // 2 - len(_spaces) + 100))
    if inlines[1::2] != _spaces[: count // 2]:
        return None
    try:  # only a Str has text ("c") that is a string: anything else fails the join
        text = " ".join(map(_TEXT, inlines[::2]))
    except (KeyError, TypeError):
        return _emphasised(inlines[::2]) if emphasis else None
    return text if _plain_text(text) else None


#: how the writer marks the emphasis Word's italics and bold become
_EMPHASIS = {"Emph": "*", "Strong": "**"}


def _emphasised(items: list[Any]) -> str | None:
    """Words (``items``: what stands between the spaces), some of them one or more words
    in italics or bold (``*in full*``, ``**Note:**``), each of those between spaces."""
    shown: list[str] = []
    bare: list[str] = []
    for item in items:
        kind = item["t"]
        if kind == "Str":
            shown.append(item["c"])
            bare.append(item["c"])
            continue
        mark = _EMPHASIS.get(kind)
        inner = None if mark is None else _words(item["c"], emphasis=False)
        if mark is None or inner is None:
            return None
        shown.append(mark + inner + mark)
        bare.append(inner)
    return " ".join(shown) if _plain_text(" ".join(bare)) else None


def _plain_text(text: str) -> bool:
    """Words of safe characters with one space between each two (an empty word, or one
    with spaces of its own, would show as two spaces)."""
    return (
        _SAFE_TEXT.fullmatch(text) is not None
        and "_" not in text
        and "  " not in text
        and text[-1] != " "
    )


def _starting_a_line(inlines: list[Any]) -> str | None:
    """The text of a paragraph or bullet point, when it is plain."""
    text = _words(inlines)
    if text is None:
        return None
    first = inlines[0]  # a line starting with * and a word starts no list
    return None if first["t"] == "Str" and not _LINE_START.fullmatch(first["c"]) else text


def written(block: Block) -> str | None:
    """The Markdown pandoc's writer makes of ``block`` on its own, when it is plain."""
    kind = block["t"]
    if kind == "Para":
        return _starting_a_line(block["c"])
    if kind == "Header":
        level, attr, inlines = block["c"]
        text = _words(inlines) if attr == _NO_ATTR else None
        return None if text is None else "#" * level + " " + text
    if kind == "BulletList":
        lines = []
        for item in block["c"]:
            if len(item) != 1 or item[0]["t"] != "Plain":
                return None
            text = _starting_a_line(item[0]["c"])
            if text is None:
                return None
            lines.append("- " + text)
        return "\n".join(lines) if lines else None
    return None


def plan(blocks: list[Block]) -> list[str | list[Block]]:
    """A chapter's blocks as the Markdown of each plain one (:func:`written`) and the
    runs of other blocks between them, in order, for pandoc to write."""
    out: list[str | list[Block]] = []
    run: list[Block] = []
    last = len(blocks) - 1
    for at, block in enumerate(blocks):
        text = written(block) if _apart(blocks, at, last) else None
        if text is None:
            run.append(block)
            continue
        if run:
            out.append(run)
            run = []
        out.append(text)
    if run:
        out.append(run)
    return out


def _apart(blocks: list[Block], at: int, last: int) -> bool:
    """Whether the writer separates ``blocks[at]`` from its neighbours by one blank line."""
    kind = blocks[at]["t"]
    for near in (at - 1, at + 1):
        if 0 <= near <= last:
            other = blocks[near]["t"]
            if other not in _SEPARATE:
                return False
            if kind == "BulletList" and other == "BulletList":
                return False
    return True
