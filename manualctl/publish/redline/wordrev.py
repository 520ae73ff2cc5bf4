"""Finishing a redline's tracked changes in the Word file (lxml, on python-docx's tree).

pandoc writes each changed run as ``w:ins``/``w:del`` (from the tree's insertion and
deletion Spans) but marks no paragraph mark or table row, so rejecting a wholly new
paragraph would leave an empty one behind. Here a paragraph whose every run is inserted
(or deleted) gets its paragraph mark marked too (``w:pPr/w:rPr/w:ins``), and a table
row whose every paragraph is, the row (``w:trPr/w:ins``): "accept all" and "reject all"
then give exactly one edition's text. Every revision gets an id of its own (pandoc
counts insertions and deletions separately), and the settings turn on "track changes",
so what a reviewer edits next is tracked too.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from manualctl.publish.redline.astdiff import Marks

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PARTS = ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml")
FIRST_ID = 1_000_000  # above the ids of bookmarks and comments
#: children of w:settings that come before w:trackRevisions (ECMA-376's order)
_BEFORE_TRACK = {
    "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
    "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
    "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts",
    "embedSystemFonts", "saveSubsetFonts", "saveFormsData", "mirrorMargins",
    "alignBordersAndEdges", "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter",
    "gutterAtTop", "hideSpellingErrors", "hideGrammaticalErrors", "activeWritingStyle",
    "proofState", "formsDesign", "attachedTemplate", "linkStyles",
    "stylePaneFormatFilter", "stylePaneSortMethod", "documentType", "mailMerge",
    "revisionView",
}  # fmt: skip


def q(name: str) -> str:
    return f"{{{W}}}{name}"


#: what a run may hold that is no text of the edition (a comment's mark)
_NOT_TEXT = frozenset({q("rPr"), q("commentReference")})


def track_changes(word: Any, marks: Marks) -> dict[str, bytes]:
    """The parts (member name -> bytes) of ``word``, the finished Word edition (a
    python-docx Document), with its tracked changes finished (see the module
    docstring). The body is finished in python-docx's own tree, before its parts are
    written (:func:`~manualctl.publish.docx_zip.package_parts`), not parsed again from
    them; the notes, which python-docx holds as bytes, are parsed here."""
    from manualctl.publish.docx_zip import package_parts

    counter = [FIRST_ID]
    # in this order: the ids follow the document, then its notes
    _finish(word.element, marks, counter)
    out = package_parts(word)
    for name in PARTS[1:]:
        if name in out:
            out[name] = _part(out[name], marks, counter)
    if "word/settings.xml" in out:
        out["word/settings.xml"] = _settings(out["word/settings.xml"])
    return out


def _part(data: bytes, marks: Marks, counter: list[int]) -> bytes:
    root = etree.fromstring(data)
    _finish(root, marks, counter)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _finish(root: Any, marks: Marks, counter: list[int]) -> None:
    """One part's tree (``root``) with its tracked changes finished, in place."""
    # only paragraphs and rows that hold a change can be wholly changed: the others
    # (most of them) are not looked at
    holding: set[Any] = set()
    for change in root.iter(q("ins"), q("del")):
        holding.update(change.iterancestors(q("p"), q("tr")))
    for p in [p for p in root.iter(q("p")) if p in holding]:
        _join_page_number(p, marks)
        kind = _whole(p)
        if kind is not None:
            _mark_paragraph(_mark_holder(p, kind), kind, marks)
    for tr in [tr for tr in root.iter(q("tr")) if tr in holding]:
        kinds = {_marked_paragraph(p) for p in tr.iter(q("p")) if _runs(p)}
        if len(kinds) == 1 and None not in kinds:
            _mark_row(tr, kinds.pop() or "", marks)
    for change in root.iter(q("ins"), q("del")):
        change.set(q("id"), str(counter[0]))
        counter[0] += 1


def _runs(p: Any) -> list[Any]:
    """The paragraph's runs with content (not those of its properties)."""
    return [r for r in p.iter(q("r")) if any(c.tag not in _NOT_TEXT for c in r)]


def _whole(p: Any, runs: list[Any] | None = None) -> str | None:
    """ "ins" or "del" when every run of ``p`` (or ``runs`` of it) sits in one kind of
    change, else None."""
    kinds = set()
    for r in _runs(p) if runs is None else runs:
        parent = r.getparent()
        while parent is not None and parent is not p and parent.tag not in (q("ins"), q("del")):
            parent = parent.getparent()
        if parent is None or parent is p:
            return None
        kinds.add(etree.QName(parent).localname)
    return kinds.pop() if len(kinds) == 1 else None


_CONTENTS_LINES = frozenset({"ContentsSection", "ContentsSubsection", "ContentsChapter"})
_DELETED_TEXT = {q("t"): q("delText"), q("instrText"): q("delInstrText")}


def _join_page_number(p: Any, marks: Marks) -> None:
    """A contents line wholly inserted or deleted (a New or Removed chapter's) takes its
    page number with it: the tab and PAGEREF field that the Word edition adds after the
    line's text (:mod:`manualctl.publish.docx_contents`), so that "accept all" or
    "reject all" leaves no line pointing at a heading that has gone."""
    if _style(p) not in _CONTENTS_LINES:
        return
    tail: list[Any] = []
    for child in reversed(p):
        if child.tag != q("r"):
            break
        tail.insert(0, child)
    start = next((i for i, r in enumerate(tail) if r.find(q("tab")) is not None), None)
    if start is None:
        return
    tail = tail[start:]
    kind = _whole(p, [r for r in _runs(p) if r not in tail])
    if kind is None:
        return
    change = _mark(kind, marks)
    tail[0].addprevious(change)
    for run in tail:
        if kind == "del":
            for text in run:
                text.tag = _DELETED_TEXT.get(text.tag, text.tag)
        change.append(run)


_SKIPPED = frozenset({q("bookmarkStart"), q("bookmarkEnd")})


def _sibling(p: Any, step: str) -> Any:
    """The next (``step`` "getnext") or previous paragraph, table or section end."""
    node = getattr(p, step)()
    while node is not None and node.tag in _SKIPPED:
        node = getattr(node, step)()
    return node


def _mark_holder(p: Any, kind: str) -> Any:
    """The paragraph whose mark goes with ``p``'s text: its own, except when nothing
    can join ``p`` after it (a table follows, or it ends its cell or the document):
    then the mark of the last unchanged paragraph before it (and the changed ones
    between), when that one has the same style, so that "accept all" or "reject all"
    leaves no empty paragraph (or bullet) behind."""
    after = _sibling(p, "getnext")
    if after is not None and after.tag == q("p"):
        return p
    before = _sibling(p, "getprevious")
    while before is not None and before.tag == q("p") and _marked_paragraph(before) == kind:
        before = _sibling(before, "getprevious")
    if before is None or before.tag != q("p") or _marked_paragraph(before) is not None:
        return p
    return before if _style(before) == _style(p) else p


def _style(p: Any) -> str | None:
    found = p.find(f"{q('pPr')}/{q('pStyle')}")
    return None if found is None else found.get(q("val"))


def _marked_paragraph(p: Any) -> str | None:
    rpr = p.find(f"{q('pPr')}/{q('rPr')}")
    if rpr is None:
        return None
    for kind in ("ins", "del"):
        if rpr.find(q(kind)) is not None:
            return kind
    return None


def _mark(kind: str, marks: Marks) -> Any:
    element = etree.Element(q(kind))
    element.set(q("id"), "0")
    element.set(q("author"), marks.author)
    element.set(q("date"), marks.date)
    return element


def _mark_paragraph(p: Any, kind: str, marks: Marks) -> None:
    ppr = p.find(q("pPr"))
    if ppr is None:
        ppr = etree.Element(q("pPr"))
        p.insert(0, ppr)
    rpr = ppr.find(q("rPr"))
    if rpr is None:
        rpr = etree.Element(q("rPr"))
        after = [c for c in ppr if c.tag in (q("sectPr"), q("pPrChange"))]
        if after:
            after[0].addprevious(rpr)
        else:
            ppr.append(rpr)
    rpr.insert(0, _mark(kind, marks))


def _mark_row(tr: Any, kind: str, marks: Marks) -> None:
    trpr = tr.find(q("trPr"))
    if trpr is None:
        trpr = etree.Element(q("trPr"))
        prex = tr.find(q("tblPrEx"))
        if prex is not None:
            prex.addnext(trpr)
        else:
            tr.insert(0, trpr)
    change = trpr.find(q("trPrChange"))
    if change is not None:
        change.addprevious(_mark(kind, marks))
    else:
        trpr.append(_mark(kind, marks))


def _settings(data: bytes) -> bytes:
    root = etree.fromstring(data)
    if root.find(q("trackRevisions")) is None:
        track = etree.Element(q("trackRevisions"))
        later = [c for c in root if etree.QName(c).localname not in _BEFORE_TRACK]
        if later:
            later[0].addprevious(track)
        else:
            root.append(track)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
