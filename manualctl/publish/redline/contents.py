"""The Word redline's contents list: every section and chapter compared, what happened to
each chapter, and its page.

Under its headings the Word file holds only the two editions' text, so that "accept
all" gives TO's text and "reject all" FROM's. What happened to each chapter (New,
Updated, Editorial changes only, Removed, Retitled or moved; Unchanged with ``--all``)
is said where the Word edition has its contents list, in lines made as that list's are
(:mod:`manualctl.publish.contents_list`: a Div per line, of class ``contents-section``,
``contents-subsection`` or ``contents-chapter``, with the number, the title linked to
the chapter's heading and the change as its flag), so they get the same styles
(docx.lua) and page numbers (:mod:`manualctl.publish.docx_contents`). The line of a
New chapter (or section) is itself an insertion and that of a Removed one a deletion:
after "accept all" the list is TO's contents, after "reject all" FROM's, and no line
is left pointing at a heading that has gone.

The lines come with their Word styles already named (``custom-style``, the names
docx.lua's ``style_top`` gives the Word edition's contents lines: :data:`WORD_STYLES`),
so redline.lua does not walk the list for them (~35 M instructions of pandoc's on the
benchmark's 54 lines); tests/test_redline_contents.py holds them equal to docx.lua's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from manualctl.editions import between as changes
from manualctl.publish.chapter_text import DocChapter
from manualctl.publish.redline.astdiff import (
    DEL,
    INS,
    SAME,
    Marks,
    Node,
    accepted,
    mark_inlines,
    rejected,
    words,
)

#: what the contents line says of a chapter
LABEL = {
    changes.NEW: "New",
    changes.UPDATED: "Updated",
    changes.EDITORIAL: "Editorial changes only",
    changes.REMOVED: "Removed",
    changes.MOVED: "Retitled or moved",
    changes.SAME: "Unchanged",
}
#: said after the list when a chapter's changes are all editorial
EDITORIAL_NOTE = (
    "Editorial changes only: every commit that changed the chapter is marked "
    "'Manual-Change: editorial'; its changes are shown all the same."
)
_SPACE: Node = {"t": "Space"}
#: the Word styles of the lines and spans made here, as docx.lua names them
WORD_STYLES = {
    "contents-section": "Contents Section",
    "contents-subsection": "Contents Subsection",
    "contents-chapter": "Contents Chapter",
    "number": "Number",
    "flag": "Flag",
}


def contents(
    blocks: Sequence[Node],
    shown: Sequence[changes.ChapterChange],
    chapters: Mapping[str, DocChapter],
    marks: Marks,
) -> list[Node]:
    """The contents list of the compared ``blocks`` (and a note on editorial changes
    when there are any): a line per section and sub-section heading, and per chapter
    its number, title (TO's; FROM's for a removed one) and what happened to it."""
    status = {c.id: c for c in shown}
    lines: list[Node] = []
    for block in blocks:
        if block.get("t") != "Div":
            continue
        (_, classes, attrs), content = block["c"]
        if "section-title" in classes or "subsection-title" in classes:
            now, before = words(accepted(content)), words(rejected(content))
            text = now or before
            if text:
                kind = "section" if "section-title" in classes else "subsection"
                number = _span("number", [_str(text[0])])
                mark = SAME if now and before else INS if now else DEL
                inlines = [number, _SPACE, *_words(text[1:])]
                lines.append(_line(f"contents-{kind}", inlines, mark, marks))
            continue
        if "chapter" not in classes:
            continue
        cid = dict(attrs).get("data-id", "")
        change, chapter = status.get(cid), chapters.get(cid)
        if change is None or chapter is None:
            continue
        title = {"t": "Link", "c": [["", [], []], _words(chapter.title.split()), [f"#{cid}", ""]]}
        inlines = [_span("number", [_str(chapter.number)]), _SPACE, title]
        inlines += [_SPACE, _span("flag", _words(LABEL[change.status].split()))]
        if change.details:
            inlines += [_SPACE, *_words(f"({change.details})".split())]
        mark = {changes.NEW: INS, changes.REMOVED: DEL}.get(change.status, SAME)
        lines.append(_line("contents-chapter", inlines, mark, marks))
    out = [{"t": "Div", "c": [["manual--contents", ["manual-contents"], []], lines]}]
    if any(c.status == changes.EDITORIAL for c in shown):
        out.append({"t": "Para", "c": _words(EDITORIAL_NOTE.split())})
    return out


def _line(kind: str, inlines: list[Node], change: str, marks: Marks) -> Node:
    if change != SAME:
        inlines = mark_inlines(inlines, change, marks)
    attrs = [["custom-style", WORD_STYLES[kind]]]
    return {"t": "Div", "c": [["", [kind], attrs], [{"t": "Para", "c": inlines}]]}


def _span(cls: str, inlines: list[Node]) -> Node:
    return {"t": "Span", "c": [["", [cls], [["custom-style", WORD_STYLES[cls]]]], inlines]}


def _str(text: str) -> Node:
    return {"t": "Str", "c": text}


def _words(text: Sequence[str]) -> list[Node]:
    out: list[Node] = []
    for word in text:
        if out:
            out.append(_SPACE)
        out.append(_str(word))
    return out
