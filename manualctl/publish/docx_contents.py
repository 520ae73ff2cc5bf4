"""The page numbers on the Word edition's contents list.

Each section, sub-section and chapter line of the manual's own contents list ends with
a dotted tab and a PAGEREF field to its heading's bookmark. Word shows the number cached
in the field until it updates its fields, so the cache holds an estimate worked out from
the page breaks and the length of the text.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # wordml imports python-docx: loaded while pandoc runs (render_docx)
    from manualctl.publish import wordml


CONTENTS_LINES = {"ContentsSection", "ContentsSubsection", "ContentsChapter", "ContentsExternal"}
LINES_PER_PAGE = 40  # estimates for the page numbers Word shows before it updates fields
CHARACTERS_PER_PAGE = 3000


def contents_pages(body: wordml.Element, headings: dict[str, str]) -> None:
    """Each section, sub-section and chapter line of the contents ends with its page
    number: a dotted tab, then a PAGEREF field to the heading's bookmark. LibreOffice
    works the number out as it lays the pages out; Word shows the cached number (an
    estimate from the text's length) until its fields are updated (printing does it)."""
    from docx.oxml.ns import qn

    from manualctl.publish import wordml

    style, mark, para, name = qn("w:pStyle"), qn("w:bookmarkStart"), qn("w:p"), qn("w:name")
    lines: list[tuple[wordml.Element, str]] = []
    for p in body.iterchildren(para):
        ppr = p.find(qn("w:pPr"))
        found = ppr.find(style) if ppr is not None else None
        kind = found.get(qn("w:val")) if found is not None else None
        if kind not in CONTENTS_LINES:
            if lines and kind != "ContentsSeeAlso" and kind != "ContentsNote":
                break
            continue
        link = p.find(qn("w:hyperlink"))
        target = link.get(qn("w:anchor")) if link is not None else None
        if target is None:  # a section or sub-section line: "1." or "1.2" first
            number = "".join(p.itertext()).split(" ", 1)[0].rstrip(".")
            target = "section--" + number.replace(".", "-")
        lines.append((p, headings.get(target, target)))
    if not lines:
        return
    # where each bookmark is: the page estimated from page breaks and text length
    pages: dict[str, int] = {}
    page, used = 2 + len(lines) // LINES_PER_PAGE, 0
    pending: list[str] = []
    breaks = set(body.xpath("./w:p[w:pPr/w:pageBreakBefore[@w:val='1']]"))  # (python-docx's
    # xpath knows the w: prefix; one run by lxml, not a look into every paragraph)
    length = text_length(body)
    for after in lines[-1][0].itersiblings():
        tag = after.tag
        if tag == mark:
            pending.append(after.get(name) or "")
        elif tag == para:
            if after in breaks:
                page, used = page + 1, 0
            if pending or after.find(mark) is not None:  # (most paragraphs have none)
                for bookmark in [*pending, *(m.get(name) for m in after.iterchildren(mark))]:
                    pages.setdefault(bookmark or "", page)
                pending = []
            used += length(after) + 80
            if used > CHARACTERS_PER_PAGE:
                page, used = page + 1, used - CHARACTERS_PER_PAGE
    # each line's runs: copies of one made here (lxml copies them faster than python-docx
    # makes them), with the line's bookmark and page number
    made = [wordml.tab_run(), *wordml.simple_field("PAGEREF", "")]
    instr, cached = made[2][0], made[4][0]  # the w:instrText and the result's w:t
    for p, target in lines:
        instr.text = f" PAGEREF {target} \\h "
        cached.text = str(pages.get(target, ""))
        runs = copy.deepcopy(made)
        brk = next((r for r in p.iter(qn("w:r")) if r.find(qn("w:br")) is not None), None)
        if brk is not None:  # before the source line of a chapter hosted elsewhere
            for r in runs:
                brk.addprevious(r)
        else:
            p.extend(runs)


#: a paragraph's characters, counted by libxml2 in one call (code points, as len counts)
_STRING_LENGTH = "string-length(string(.))"
_OTHER_TEXT = "boolean(./w:p/descendant::text()[not(parent::w:t)])"


def text_length(body: wordml.Element) -> Callable[[wordml.Element], int]:
    """How to count the characters in a body paragraph's w:t elements: by one XPath when
    the body's paragraphs hold no other text (field codes, math: pandoc's body mostly
    has none), else by reading each w:t (:func:`text_in_runs`, what the XPath stands in
    for; a test holds the two equal)."""
    from lxml import etree  # (loaded with python-docx, while pandoc runs)

    if body.xpath(_OTHER_TEXT):
        return text_in_runs
    count = etree.XPath(_STRING_LENGTH)
    return lambda p: int(count(p))


def text_in_runs(p: wordml.Element) -> int:
    """The number of characters in the w:t elements of paragraph ``p``."""
    from docx.oxml.ns import qn

    return sum(map(len, p.itertext(qn("w:t"), with_tail=False)))
