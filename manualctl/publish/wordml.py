"""Small WordprocessingML builders used to finish the Word edition (python-docx/lxml).

Fields (PAGE, NUMPAGES, PAGEREF) are written as complex fields with a cached result, so a
reader that does not update fields (LibreOffice converting headless) still shows text.
"""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

Element = Any  # an lxml element made by python-docx's OxmlElement
QUOTE = {'"': "&quot;"}


def paragraph(style_id: str | None = None, text: str | None = None) -> Element:
    p = OxmlElement("w:p")
    if style_id:
        ppr = OxmlElement("w:pPr")
        pstyle = OxmlElement("w:pStyle")
        pstyle.set(qn("w:val"), style_id)
        ppr.append(pstyle)
        p.append(ppr)
    if text:
        p.append(run(text))
    return p


def run(text: str) -> Element:
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    r.append(t)
    return r


def _fld_char(kind: str, *, dirty: bool = False) -> Element:
    r = OxmlElement("w:r")
    fld = OxmlElement("w:fldChar")
    fld.set(qn("w:fldCharType"), kind)
    if dirty:
        fld.set(qn("w:dirty"), "true")
    r.append(fld)
    return r


def _instr(code: str) -> Element:
    r = OxmlElement("w:r")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {code} "
    r.append(instr)
    return r


def bookmark(name: str, ident: int) -> tuple[Element, Element]:
    """The start and end of a bookmark (put them around what it marks)."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(ident))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(ident))
    return start, end


def tab_run() -> Element:
    r = OxmlElement("w:r")
    r.append(OxmlElement("w:tab"))
    return r


def simple_field(code: str, cached: str) -> list[Element]:
    """The runs of one field (``PAGE``, ``NUMPAGES``) with a cached result."""
    return [_fld_char("begin"), _instr(code), _fld_char("separate"), run(cached), _fld_char("end")]


def page_break_before(p: Element, value: bool) -> None:
    """Set (or clear) "page break before" on one paragraph, whatever its style says."""
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        p.insert(0, ppr)
    for old in ppr.findall(qn("w:pageBreakBefore")):
        ppr.remove(old)
    flag = OxmlElement("w:pageBreakBefore")
    flag.set(qn("w:val"), "1" if value else "0")
    pstyle = ppr.find(qn("w:pStyle"))
    if pstyle is not None:
        pstyle.addnext(flag)
    else:
        ppr.insert(0, flag)


def full_width(tbl: Element) -> None:
    """A table as wide as the text column; its header row repeats on every page."""
    tblpr = tbl.find(qn("w:tblPr"))
    if tblpr is None:
        return
    width = tblpr.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        tblpr.append(width)
    width.set(qn("w:type"), "pct")
    width.set(qn("w:w"), "5000")
    rows = tbl.findall(qn("w:tr"))
    if rows:
        trpr = rows[0].find(qn("w:trPr"))
        if trpr is None:
            trpr = OxmlElement("w:trPr")
            rows[0].insert(0, trpr)
        if trpr.find(qn("w:tblHeader")) is None:
            trpr.append(OxmlElement("w:tblHeader"))


def update_fields_on_open(settings: Element) -> None:
    """Ask Word to update fields (the print date, page numbers) when the document opens."""
    if settings.find(qn("w:updateFields")) is None:
        flag = OxmlElement("w:updateFields")
        flag.set(qn("w:val"), "true")
        settings.append(flag)
