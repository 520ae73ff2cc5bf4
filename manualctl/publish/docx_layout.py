"""Finishing the Word edition's body: titles that look like headings become headings,
and lists keep together across page breaks (python-docx/lxml, after pandoc).

* The cover's title, "Contents" and each box's title ("Amendment", "Scope of this
  chapter", "Related guidance and chapters") are Word's built-in headings: the cover title
  and "Contents" Heading 1 (as the PDF tags them H1), a box title one level below its
  chapter's heading (as in the PDF and on the website), so Word's Navigation pane and
  screen readers find them (WCAG 1.3.1). Each keeps its own look: the properties of the
  style it had (the box's border and fill, its size and colour) are written on it
  directly, over the heading style's.
* A list never leaves one item alone: the paragraph that leads into a list keeps with
  its first item, the first item with the second, the last but one with the last
  (Word's "keep with next"); widow and orphan control comes with the Normal style.
"""

from __future__ import annotations

import copy
import re

from docx.oxml.ns import qn
from lxml import etree

from manualctl.publish.wordml import Element

#: The styles of text shown as a heading, and the heading level each becomes (None: one
#: below the chapter's or part's heading it follows).
TITLE_STYLES: dict[str, int | None] = {
    "CoverTitle": 1,
    "ContentsHeading": 1,
    "AmendmentBoxTitle": None,
    "ScopeBoxTitle": None,
    "RelatedBoxTitle": None,
}
_PPR, _MARK, _R, _RPR = qn("w:pPr"), qn("w:bookmarkStart"), qn("w:r"), qn("w:rPr")
_BY_ATTRIBUTE = {qn("w:spacing"), qn("w:ind")}  # properties a base style fills in part of
_HEADING = re.compile(r"Heading([1-6])$")
_PAGE_MARK = "_Page"  # the bookmark docx.py puts in each section, sub-section and chapter heading
_W = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
#: The body's paragraphs styled as a heading or as one of TITLE_STYLES, and its list
#: paragraphs, in order: XPaths run by lxml, not a look at each of the (tens of
#: thousands of) paragraphs.
_CANDIDATES = etree.XPath(
    "./w:p[w:pPr/w:pStyle[starts-with(@w:val, 'Heading') or "
    + " or ".join(f"@w:val = '{style}'" for style in TITLE_STYLES)
    + "]]",
    namespaces=_W,
)
_NUMBERED = etree.XPath("./w:p[w:pPr/w:numPr]", namespaces=_W)


# The order WordprocessingML requires of a paragraph's and a run's properties: each
# property's tag (Clark notation) and its place, worked out once.
def _names(text: str) -> dict[str, int]:
    return {qn(f"w:{name}"): rank for rank, name in enumerate(text.split())}


_PPR_ORDER = _names(
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
    "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
    "rPr sectPr pPrChange"
)
_RPR_ORDER = _names(
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
)


def titles_as_headings(styles: Element, body: Element) -> None:
    """Make the title paragraphs of :data:`TITLE_STYLES` built-in headings (see above)."""
    by_id = {s.get(qn("w:styleId")): s for s in styles.iterchildren(qn("w:style"))}
    looks: dict[str, tuple[list[Element], list[Element]]] = {}
    made: dict[tuple[str, bytes], Element] = {}  # the properties _restyle made, by input
    level = 1  # of the last section, sub-section or chapter heading
    style_path, val, mark, name = f"{_PPR}/{qn('w:pStyle')}", qn("w:val"), _MARK, qn("w:name")
    for p in _CANDIDATES(body):
        found = p.find(style_path)
        style = found.get(val) or "" if found is not None else ""
        heading = _HEADING.match(style)
        if heading and any(
            (m.get(name) or "").startswith(_PAGE_MARK) for m in p.iterchildren(mark)
        ):
            level = int(heading.group(1))
        elif style in TITLE_STYLES:
            if style not in looks:
                looks[style] = _resolved(by_id, style)
            target = TITLE_STYLES[style] or min(6, level + 1)
            ppr_items, rpr_items = looks[style]
            if target == 1 and not any(e.tag == qn("w:pageBreakBefore") for e in ppr_items):
                ppr_items = [*ppr_items, _off("w:pageBreakBefore")]  # Heading 1 breaks
            _restyle(p, f"Heading{target}", (style, ppr_items, rpr_items), made)


def _resolved(by_id: dict[str, Element], style_id: str) -> tuple[list[Element], list[Element]]:
    """The paragraph and run properties a style gives, its base styles' included (the
    nearest wins), but never an outline level: the heading style gives that."""
    ppr: dict[str, Element] = {}
    rpr: dict[str, Element] = {}
    seen: set[str] = set()
    current: str | None = style_id
    while current and current not in seen and current in by_id:
        seen.add(current)
        style = by_id[current]
        for props, found in ((style.find(qn("w:pPr")), ppr), (style.find(qn("w:rPr")), rpr)):
            for child in props if props is not None else ():
                if child.tag in _BY_ATTRIBUTE and child.tag in found:
                    merged = found[child.tag]  # a base style's spacing or indents fill in
                    for key, value in child.attrib.items():
                        if merged.get(key) is None:
                            merged.set(key, value)
                else:
                    found.setdefault(child.tag, copy.deepcopy(child))
        based = style.find(qn("w:basedOn"))
        current = based.get(qn("w:val")) if based is not None else None
    for tag in ("w:outlineLvl", "w:pStyle", "w:rPr", "w:numPr"):
        ppr.pop(qn(tag), None)
    # the heading style's space above and below must not show through
    spacing = ppr.get(qn("w:spacing"))
    if spacing is None:
        spacing = ppr[qn("w:spacing")] = _element("w:spacing")
    for side in ("w:before", "w:after"):
        if spacing.get(qn(side)) is None:
            spacing.set(qn(side), "0")
    return list(ppr.values()), list(rpr.values())


def _element(tag: str) -> Element:
    from docx.oxml import OxmlElement

    return OxmlElement(tag)


def _off(tag: str) -> Element:
    element = _element(tag)
    element.set(qn("w:val"), "0")
    return element


def _restyle(
    p: Element,
    heading: str,
    look: tuple[str, list[Element], list[Element]],
    made: dict[tuple[str, bytes], Element],
) -> None:
    """``p`` as the heading ``heading`` with the look (``style``, its paragraph and run
    properties) it had. The properties come out the same for the same properties going
    in: ``made`` keeps each result (by the style and the properties' XML), and one
    made before is copied, not merged again."""
    style, ppr_items, rpr_items = look
    ppr = p.find(_PPR)
    key = (f"{heading} {style} p", etree.tostring(ppr))
    done = made.get(key)
    if done is None:
        ppr.find(qn("w:pStyle")).set(qn("w:val"), heading)
        _merge(ppr, ppr_items, _PPR_ORDER)
        made[key] = copy.deepcopy(ppr)
    else:
        p.replace(ppr, copy.deepcopy(done))
    for run in p.iter(_R):
        rpr = run.find(_RPR)
        key = (f"{style} r", b"" if rpr is None else etree.tostring(rpr))
        done = made.get(key)
        if done is not None:
            if rpr is None:
                run.insert(0, copy.deepcopy(done))
            else:
                run.replace(rpr, copy.deepcopy(done))
            continue
        if rpr is None:
            rpr = _element("w:rPr")
            run.insert(0, rpr)
        _merge(rpr, rpr_items, _RPR_ORDER)
        made[key] = copy.deepcopy(rpr)


def _merge(props: Element, items: list[Element], order: dict[str, int]) -> None:
    """Add copies of ``items`` to ``props`` where it has no property of that kind, and
    put its children in the order the schema requires (``order``: tag -> place)."""
    have = {child.tag for child in props}
    last = len(order)
    ranks = [order.get(child.tag, last) for child in props]
    if ranks != sorted(ranks):  # out of order: all put in order, the new ones too
        for item in items:
            if item.tag not in have:
                props.append(copy.copy(item))  # (lxml copies the whole element)
        children = sorted(props, key=lambda child: order.get(child.tag, last))
        for child in children:
            props.append(child)  # lxml moves it: appended in order
        return
    # in order: each new one goes where the stable sort above would put it, after every
    # child of its place or before it
    for item in items:
        if item.tag in have:
            continue
        rank = order.get(item.tag, last)
        at = len(ranks)
        while at and ranks[at - 1] > rank:
            at -= 1
        props.insert(at, copy.copy(item))
        ranks.insert(at, rank)


def keep_lists_together(body: Element) -> None:
    """No list item alone at the foot or head of a page, and no lead-in sentence apart
    from its list: Word's "keep with next" on the paragraph before a list, on its first
    item and on its last but one. (Widow and orphan control, for paragraphs of more
    than one line, comes from the Normal style every style is based on.)"""
    from docx.oxml import OxmlElement

    keep: list[Element] = []
    items: list[Element] = []
    for p in _NUMBERED(body):  # a list: numbered paragraphs one after the other
        if items and items[-1].getnext() is not p:
            keep.extend(_list_keeps(items))
            items = []
        items.append(p)
    if items:
        keep.extend(_list_keeps(items))
    keep_next = [OxmlElement("w:keepNext")]  # (copied into each paragraph)
    for p in keep:
        ppr = p.find(_PPR)
        if ppr is None:
            ppr = OxmlElement("w:pPr")
            p.insert(0, ppr)
        if ppr.find(keep_next[0].tag) is None:
            _merge(ppr, keep_next, _PPR_ORDER)


def _list_keeps(items: list[Element]) -> list[Element]:
    out = [items[0], items[-2]] if len(items) > 1 else []
    lead = items[0].getprevious()
    while lead is not None and lead.tag == qn("w:bookmarkStart"):
        lead = lead.getprevious()
    if lead is not None and lead.tag == qn("w:p"):
        out.insert(0, lead)
    return out
