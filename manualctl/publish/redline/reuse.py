"""Reading FROM's text only where it differs from TO's: the blocks the two share are
taken from TO's tree.

pandoc's Markdown reader costs by the byte, and a changed chapter is mostly what it
was. So each chapter's text (as the document holds it) is cut into pieces where one
top-level block ends and the next begins (:func:`manualctl.check.markdown.blocks.chunks`),
and TO's document reads each piece after an empty block of code between fences
(:data:`SEPARATOR`), which says where its blocks start (:class:`Cutter`). FROM's
document then holds only the pieces that are not TO's word for word, or that read
differently with what is around them (:class:`Picker`); :func:`assemble` takes the
Divs out of TO's tree and puts FROM's chapters together from their own pieces and
TO's.

A piece is taken from TO only when its blocks cannot depend on anything that differs:

* it holds no heading (manual.lua moves a chapter's headings by its highest one, and
  links find them): every piece with a heading is read at FROM, unless the chapter's
  headings are the same pieces at both editions, each nothing but headings, nothing
  else read at FROM has a ``#``, and no link in FROM's document leads to a part of
  another chapter (``chapter:ID#part``, ``file.md#part``);
* a piece with footnote or link definitions is always read (its notes and targets
  belong to other pieces; of a piece of nothing but footnotes of a line each, only
  those that a piece read refers to: :mod:`manualctl.publish.redline.footnotes`), and
  a piece with a ``[`` is taken only when the chapter's definitions are the same text
  at both;
* its links (and those of the definitions it may use) lead to a chapter that is in
  both documents or in neither, without ``#part``, ``.md`` or ``<...>``, and it has no
  picture;
* its chapter has no right-to-left letters (read only in a chapter marked for them).

A pipe table that differs is read at FROM only in its rows that differ
(:mod:`manualctl.publish.redline.tablerows`). The sections' headings and a chapter's
own that TO's document has word for word are left out of FROM's and taken from TO's
tree (:mod:`manualctl.publish.redline.outline`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from manualctl.check.markdown.blocks import chunks
from manualctl.publish.chapter_text import RTL_LETTER
from manualctl.publish.redline import footnotes, outline, tablerows
from manualctl.publish.redline.outline import chapter_id

#: what TO's document has before each piece: an empty block of code between fences (a
#: chapter read in pieces has no fences of its own, see chunks, and its indented code is
#: never empty), which pandoc tries first and reads fast (0.07 M instructions less than
#: a horizontal rule, which it tries after most blocks) and manual.lua leaves alone
SEPARATOR = "```\n```"
SEPARATOR_BLOCK = {"t": "CodeBlock", "c": [["", [], []], ""]}  # as pandoc reads it
_HEADING = re.compile(r"^ {0,3}(?:#|=+[ \t]*$|-+[ \t]*$)", re.MULTILINE)
_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]*\]:", re.MULTILINE)
# a piece of nothing but headings, whose titles hold no link, note or markup
_HEADINGS_ONLY = re.compile(r"#{1,6} [^\[\]<>!`\\\n]*(?:\n#{1,6} [^\[\]<>!`\\\n]*)*")
_CHAPTER_PART = re.compile(r"chapter:[^\s()<>\[\]\"'#]*#")
_CHAPTER_LINK = re.compile(r"chapter:([^\s()<>\[\]\"'#]*)(#?)")
_UNSURE = ("#", ".md", "![", "<")

Node = Any


def _joined(pieces: list[str]) -> str:
    return "".join(f"\n\n{SEPARATOR}\n\n{piece}" for piece in pieces).strip("\n")


def to_parts(text: str) -> bool:
    """Whether a chapter's text may link to a part of a chapter (its headings' anchors:
    ``chapter:ID#part``, ``file.md#part``)."""
    return ".md#" in text or ".md>#" in text or _CHAPTER_PART.search(text) is not None


def _left_to_right(text: str) -> bool:
    return text.isascii() or not RTL_LETTER.search(text)


def _definitions(pieces: list[str]) -> str:
    return "\n\n".join(p for p in pieces if "]:" in p and _DEFINITION.search(p))


def _heading(piece: str) -> bool:
    """Whether a line of ``piece`` could be (or underline) a heading (the substrings
    first: most pieces have none of them)."""
    starts = (
        piece[:1] in "#=- " or "\n#" in piece or "\n=" in piece or "\n-" in piece or "\n " in piece
    )
    return starts and _HEADING.search(piece) is not None


@dataclass
class Cutter:
    """TO's side: each chapter's text in pieces, each after a separator."""

    pieces: dict[str, list[str]] = field(default_factory=dict)
    ids: frozenset[str] = frozenset()  # the chapters of TO's document
    at_top: set[str] = field(default_factory=set)  # those whose headings are all at the top
    titles: list[str] = field(default_factory=list)  # the sections' headings, in order
    #: each chapter read in pieces: its Div's text before its first piece (outline.opening)
    openings: dict[str, str] = field(default_factory=dict)

    def __call__(self, chapter: str, text: str, ids: frozenset[str], at_top: bool) -> str:
        self.ids = ids
        if at_top:
            self.at_top.add(chapter)
        cut = chunks(text) if _left_to_right(text) else None
        if cut is None:
            return text
        self.pieces[chapter] = cut
        return _joined(cut)

    def place(self, chapter: str, text: str) -> str:
        """A chapter's Div, or a section's (or sub-section's) heading before it: as it
        is, noted."""
        if not text.startswith(outline.DIV):
            self.titles.append(text)
        elif chapter in self.pieces and (opening := outline.opening(text, SEPARATOR)) is not None:
            self.openings[chapter] = opening
        return text


@dataclass
class Picker:
    """FROM's side: each chapter's pieces that must be read at FROM, each after a
    separator; ``plan`` says, piece by piece, where each of the chapter's blocks come
    from: ``("old", k)``, FROM's k-th piece read, or ``("new", j)``, TO's j-th."""

    new: Cutter
    #: whether FROM's chapters may have headings taken from TO: no link in FROM's
    #: document leads to a part of another chapter (whose headings it would look for)
    headings: bool = False
    plan: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    at_top: set[str] = field(default_factory=set)  # as Cutter's, of FROM's chapters
    #: (chapter, k): FROM's k-th piece read is a table read with only the rows that
    #: differ: TO's piece j's table, and where each row comes from (as ``plan``)
    rows: dict[tuple[str, int], tuple[int, list[tuple[str, int]]]] = field(default_factory=dict)
    #: each chapter's sections' headings before it: the text of one taken from TO, or
    #: None for one read at FROM
    before: dict[str, list[str | None]] = field(default_factory=dict)
    #: the chapters whose heading (and what comes before their first piece) is TO's
    opened: set[str] = field(default_factory=set)

    def __call__(self, chapter: str, text: str, ids: frozenset[str], at_top: bool) -> str:
        if at_top:
            self.at_top.add(chapter)
        theirs = self.new.pieces.get(chapter)
        cut = chunks(text) if theirs is not None and _left_to_right(text) else None
        if theirs is None or cut is None:
            return text
        notes = _definitions(cut)
        same_notes = notes == _definitions(theirs)
        where = {piece: j for j, piece in reversed(list(enumerate(theirs)))}
        shared = [piece in where and self._shared(piece, same_notes, notes, ids) for piece in cut]
        # its headings too when they are the same pieces at both, each only headings (so
        # manual.lua moves them alike), and nothing read at FROM needs their anchors
        headings = [piece for piece in cut if _heading(piece)]
        if (
            self.headings
            and sorted(headings) == sorted(piece for piece in theirs if _heading(piece))
            and all(_HEADINGS_ONLY.fullmatch(piece) for piece in headings)
            and not any(
                "#" in p for p, s in zip(cut, shared, strict=True) if not s and not _heading(p)
            )
        ):
            shared = [s or _heading(p) for p, s in zip(cut, shared, strict=True)]
        plan: list[tuple[str, int]] = []
        read: list[str] = []
        for piece, taken in zip(cut, shared, strict=True):
            if taken:
                plan.append(("new", where[piece]))
                continue
            split = (
                tablerows.split(piece, theirs, lambda r: self._shared(r, same_notes, notes, ids))
                if piece[0] == "|"
                else None
            )
            if split is not None:
                piece, j, rows = split
                self.rows[(chapter, len(read))] = (j, rows)
            plan.append(("old", len(read)))
            read.append(piece)
        self.plan[chapter] = plan
        return _joined(footnotes.used_only(read))

    def place(self, chapter: str, text: str) -> str:
        """A section's heading before ``chapter``, or its Div read in pieces without what
        comes before its first piece, when TO has it (and its attributes) word for word
        (:mod:`manualctl.publish.redline.outline`)."""
        if not text.startswith(outline.DIV):
            taken = text in self.new.titles
            self.before.setdefault(chapter, []).append(text if taken else None)
            return "" if taken else text
        opening = outline.opening(text, SEPARATOR) if chapter in self.plan else None
        if opening is None or opening != self.new.openings.get(chapter):
            return text
        self.opened.add(chapter)
        return opening.split("\n", 1)[0] + text[len(opening) :]

    def _shared(self, piece: str, same_notes: bool, notes: str, ids: frozenset[str]) -> bool:
        if _heading(piece) or ("]:" in piece and _DEFINITION.search(piece)):
            return False
        if "[" in piece:
            if not same_notes:
                return False
            piece = f"{piece}\n\n{notes}"
        if any(mark in piece for mark in _UNSURE):
            return False
        for found in _CHAPTER_LINK.finditer(piece):
            target = found.group(1)
            if found.group(2) or (target in ids) != (target in self.new.ids):
                return False
        return True


def _groups(content: list[Node]) -> list[list[Node]]:
    """A chapter's blocks split at the separators: what comes before the first, then
    each piece's blocks."""
    groups: list[list[Node]] = [[]]
    for block in content:
        if block == SEPARATOR_BLOCK:
            groups.append([])
        else:
            groups[-1].append(block)
    return groups


def assemble(old: dict[str, Any], new: dict[str, Any], cutter: Cutter, picker: Picker) -> None:
    """Both trees as if each edition's chapters had been read whole (in place): the
    separators out of TO's, FROM's chapters made of their pieces and TO's."""
    theirs: dict[str, list[list[Node]]] = {}
    openings: dict[str, list[Node]] = {}  # TO's chapters' blocks before their first piece
    for block in new["blocks"]:
        cid = chapter_id(block)
        if cid is None or cid not in cutter.pieces:
            continue
        groups = _groups(block["c"][1])
        openings[cid], theirs[cid] = groups[0], groups[1:]
        block["c"][1] = [b for group in groups for b in group]
    for block in old["blocks"]:
        cid = chapter_id(block)
        plan = picker.plan.get(cid or "")
        if cid is None or plan is None:
            continue
        groups = _groups(block["c"][1])
        content = list(openings[cid] if cid in picker.opened else groups[0])
        for side, index in plan:
            if side == "new":
                content.extend(theirs[cid][index])
            elif (cid, index) in picker.rows:
                j, rows = picker.rows[(cid, index)]
                content.append(tablerows.table_of(groups[1 + index], theirs[cid][j], rows))
            else:
                content.extend(groups[1 + index])
        block["c"][1] = content
    if picker.before:
        titles = (b for b in new["blocks"] if chapter_id(b) is None)
        old["blocks"] = outline.titled(
            old["blocks"], picker.before, dict(zip(cutter.titles, titles, strict=True))
        )


def headings_at_top(ids: Iterable[str], *sides: tuple[Cutter | Picker, Any]) -> set[str]:
    """The chapters (of ``ids``) whose every heading is at the top or directly in a box
    (data-ready "headings") in each edition that has them (``sides``: each Cutter or
    Picker and its document): so too in the compared chapter, whose blocks stay where
    they were, and redline.lua moves them there without walking the chapter."""
    have = [(side.at_top, {c.id for c in doc.chapters}) for side, doc in sides]
    return {i for i in ids if all(i in top or i not in held for top, held in have)}


def marked_ready(at_top: set[str]) -> Callable[[Node], Node]:
    """A chapter Div of ``at_top`` (:func:`headings_at_top`) marked so for redline.lua."""

    def marked(block: Node) -> Node:
        if chapter_id(block) not in at_top:
            return block
        (ident, classes, attrs), content = block["c"]
        return {"t": "Div", "c": [[ident, classes, [*attrs, ["data-ready", "headings"]]], content]}

    return marked
