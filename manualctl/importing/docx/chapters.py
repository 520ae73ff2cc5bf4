"""pandoc's tree of a Word document, cut into chapters and made to read as ours.

Works on pandoc's JSON blocks (plain lists and dicts). The top-level blocks are counted
as paragraphs (a table or a list is one), so every remark can say where it is.

- Chapters start at the headings of ``split_level`` (or the whole document is one
  chapter); the blocks before the first (a cover, a contents table) and headings above
  that level are left out, each with a remark quoting it.
- A typed number leaves a chapter's title ("1.1 Purpose" -> "Purpose"); Word's automatic
  numbers (which pandoc drops) are put back in front of the headings inside a chapter,
  as authors type them there ("## 1. Introduction").
- "Scope of this chapter" and "Related guidance" paragraphs (and the boxes of our own
  Word editions) become ``::: scope`` / ``::: related`` boxes; an Amendment box's
  "In November 2024, ..." goes to the front matter's ``amendments`` for 2024-11.
- Pictures get a name from their content in ``media/``; links to a place in the
  document become ``chapter:ID`` links; a contents table (Word's TOC field) is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from manualctl.importing.docx import blocks as blk
from manualctl.importing.docx import boxes, own_editions
from manualctl.importing.docx.blocks import Block, Part, Remark, quote, style_of, text_of
from manualctl.importing.docx.numbering import Heading
from manualctl.model.chapter import id_from_title
from manualctl.model.text import unique

__all__ = ["Block", "Part", "Remark", "Split", "clean_title", "split", "text_of"]

_TYPED_NUMBER = re.compile(r"^\d+[a-z]?(?:\.\d+[a-z]?)*\.?(?:\s+|$)")
_CONTENTS = {"contents", "table of contents"}


def _flatten(blocks: list[Block], remarks: list[Remark]) -> list[tuple[int, Block]]:
    """Top-level blocks numbered as paragraphs, with custom-style divs opened (a box's
    divs are kept, marked, for :func:`_boxes`); a contents table is left out."""
    out: list[tuple[int, Block]] = []
    toc: list[int] = []
    for number, block in enumerate(blocks, start=1):
        style = style_of(block)
        if style is None:
            out.append((number, block))
        elif style.lower().startswith("toc") or style.lower() == "contents heading":
            toc.append(number)
        elif style.removesuffix(" Title") in boxes.BOX_STYLES or style in own_editions.STYLES:
            out.append((number, block))
        else:
            out.extend((number, inner) for inner in block["c"][1])
    if toc:
        remarks.append(
            Remark(
                f"paragraphs {toc[0]}-{toc[-1]}" if len(toc) > 1 else f"paragraph {toc[0]}",
                "the table of contents is left out (the editions make their own).",
            )
        )
    return out


def clean_title(text: str) -> str:
    """A chapter title without a typed number ("1.1 Purpose" -> "Purpose")."""
    return _TYPED_NUMBER.sub("", text, count=1).strip() or text


@dataclass
class Subsection:
    title: str
    parts: list[Part] = field(default_factory=list)


@dataclass
class Section:
    title: str
    entries: list[Part | Subsection] = field(default_factory=list)


@dataclass
class Split:
    """The document cut into parts (chapters), and what was left out; in a whole manual,
    the sections (and sub-sections) the parts are in."""

    parts: list[Part]
    remarks: list[Remark]
    sections: list[Section] = field(default_factory=list)


def split(
    blocks: list[Block],
    *,
    split_level: int,
    headings: list[Heading],
    taken: set[str],
    single: tuple[str, str] | None = None,
    sections: bool = False,
) -> Split:
    """Cut ``blocks`` into chapters at headings of ``split_level``.

    With ``single`` (chapter id, title) the whole document is that one chapter. With
    ``sections`` the document is a whole manual: Heading 1 starts a section, and a
    heading of ``split_level`` whose number the headings right under it extend ("2.1"
    over "2.1.1") starts a sub-section, whose chapters are one level down.
    """
    remarks: list[Remark] = []
    flat = _flatten(blocks, remarks)
    count = sum(1 for _, b in flat if b.get("t") == "Header")
    if headings and len(headings) != count:
        remarks.append(
            Remark(
                "the document",
                f"its {len(headings)} heading paragraph(s) did not match pandoc's "
                f"{count} heading(s), so Word's automatic heading numbers and bookmarks "
                "are left out.",
            )
        )
        headings = []
    walker = _Walker(flat, split_level, headings, taken, single, sections, remarks)
    walker.run()
    empty = [section for section in walker.sections if not section.entries]
    for section in empty:  # a cover's title or a heading of its own, with no chapters
        remarks.append(
            Remark(f'"{section.title}"', "a Heading 1 with no chapters under it: left out.")
        )
    walker.sections = [section for section in walker.sections if section.entries]
    if single is None and not walker.parts:
        remarks.append(Remark("the document", "no chapter headings were found."))
    for part in walker.parts:
        part.cut = part.blocks
        own_editions.take_flag(part)
        part.blocks = boxes.boxes(part, remarks)
        own_editions.take_out(part, externals=sections)
        part.blocks = blk.shift_headings(part.blocks)
    return Split(walker.parts, remarks, walker.sections)


class _Walker:
    def __init__(
        self,
        flat: list[tuple[int, Block]],
        split_level: int,
        headings: list[Heading],
        taken: set[str],
        single: tuple[str, str] | None,
        sections: bool,
        remarks: list[Remark],
    ) -> None:
        self.flat = flat
        self.split_level = split_level
        self.taken = taken
        self.single = single
        self.whole = sections
        self.remarks = remarks
        self.parts: list[Part] = []
        self.sections: list[Section] = []
        self.subsection: Subsection | None = None
        self.current: Part | None = None
        self.infos: dict[int, Heading] = {}
        heads = [i for i, (_, b) in enumerate(flat) if b.get("t") == "Header"]
        for at, info in zip(heads, headings, strict=False):
            self.infos[at] = info
        if single is not None:
            self.current = Part(single[1], single[0])
            self.parts.append(self.current)

    def number(self, at: int) -> str:
        """A heading's number: Word's automatic one, else one typed at its start."""
        info = self.infos.get(at)
        if info is not None and info.number:
            return info.number
        typed = _TYPED_NUMBER.match(text_of(self.flat[at][1]["c"][2]))
        return typed[0].strip() if typed else ""

    def left_out(self, number: int, why: str) -> None:
        self.remarks.append(Remark(f"paragraph {number}", why))

    def run(self) -> None:
        for at, (number, block) in enumerate(self.flat):
            if block.get("t") == "Header" and self.heading(at, number, block):
                continue
            if self.current is None:
                self.left_out(
                    number, f"left out (before the first chapter heading): {quote(block)}."
                )
                continue
            if block.get("t") == "Header":
                auto = self.infos[at].number if at in self.infos else ""
                block = blk.numbered(block, auto) if auto else block
            self.current.blocks.append(block)

    def heading(self, at: int, number: int, block: Block) -> bool:
        """Handle a heading that starts something (or is left out): True; False for a
        heading inside a chapter."""
        level, _, inlines = block["c"]
        text = text_of(inlines)
        if text.lower() in _CONTENTS:
            self.left_out(
                number, "the contents heading is left out (the editions make their own contents)."
            )
            return True
        if self.single is not None:
            if not self.current.blocks and _same_title(block, self.single[1]):  # type: ignore[union-attr]
                self.left_out(
                    number,
                    f"the heading {quote(block)} is the chapter's title, "
                    "which lives in its front matter: left out.",
                )
                return True
            return False
        if self.whole and level == 1:
            self.sections.append(Section(clean_title(text)))
            self.subsection = self.current = None
            return True
        chapter_level = self.split_level + (1 if self.subsection is not None else 0)
        if level > chapter_level:
            return False
        if self.whole and not self.sections:
            self.left_out(
                number,
                f"the heading {quote(block)} is left out (it comes before "
                "the first section, a Heading 1).",
            )
            self.current = None
            return True
        if level == self.split_level and self.whole and self.opens_subsection(at):
            self.subsection = Subsection(clean_title(text))
            self.sections[-1].entries.append(self.subsection)
            self.current = None
            return True
        if level == self.split_level:
            self.subsection = None
        elif level != chapter_level:
            self.left_out(
                number,
                f"the heading {quote(block)} is left out (a heading above "
                f"--split-level {self.split_level}).",
            )
            self.current = None
            return True
        self.start_chapter(at, number, block)
        return True

    def opens_subsection(self, at: int) -> bool:
        """A heading right above headings one level down whose numbers extend its own."""
        if at + 1 >= len(self.flat):
            return False
        nxt = self.flat[at + 1][1]
        mine = self.number(at).rstrip(".")
        return (
            nxt.get("t") == "Header"
            and nxt["c"][0] == self.split_level + 1
            and bool(mine)
            and self.number(at + 1).startswith(mine + ".")
        )

    def start_chapter(self, at: int, number: int, block: Block) -> None:
        text = text_of(block["c"][2])
        title = clean_title(text)
        info = self.infos.get(at)
        marks = info.marks if info is not None else ()
        chapter_id = unique(
            own_editions.id_from_marks(marks, title) or id_from_title(title) or "chapter",
            self.taken,
        )
        self.current = Part(title, chapter_id)
        self.current.anchors.update([block["c"][1][0], *marks])
        self.parts.append(self.current)
        if self.whole:
            where = (
                self.subsection.parts if self.subsection is not None else self.sections[-1].entries
            )
            where.append(self.current)
        shown = info.number if info is not None and info.number else text[: -len(title)].strip()
        self.current.number = shown
        if shown:
            self.remarks.append(
                Remark(
                    f"paragraph {number}",
                    f'the number "{shown}" left the title "{title}": '
                    "chapters are numbered by their place.",
                )
            )


def _same_title(block: Block, title: str) -> bool:
    text = clean_title(text_of(block["c"][2]))
    return " ".join(text.lower().split()) == " ".join(title.lower().split())
