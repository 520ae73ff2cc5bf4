"""The Word edition: one pandoc run with templates/reference.docx, finished with python-docx.

pandoc writes the body (styles named by filters/docx.lua, which filters/manual.lua runs
in its own pass when writing docx). :func:`finished` then adds what pandoc cannot: the
cover page (title, organisation, edition, logo with alt text), the page numbers of the
manual's own contents list (:mod:`docx_contents`), page breaks (each chapter on a new
page, a section's title on the same page as its first chapter), tables as wide as the
page with repeating header rows, the header (manual title and edition) and footer
(uncontrolled-copy notice with the date printed, "Page X of Y"), the document
properties, titles as real headings and lists kept together (:mod:`docx_layout`) and the
font embedded (:mod:`docx_fonts`).
:func:`reproducible_zip` makes the file byte-identical for the same commit: fixed zip
dates and order, times from the commit.
"""

from __future__ import annotations

import hashlib
import io
import threading
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from manualctl.publish.document import Document
from manualctl.publish.docx_contents import contents_pages
from manualctl.publish.docx_fonts import embed_fonts
from manualctl.publish.docx_zip import package_parts, write_package
from manualctl.publish.pandoc import run_pandoc
from manualctl.resources import templates_dir

if TYPE_CHECKING:  # wordml imports python-docx: loaded while pandoc runs (render_docx)
    from manualctl.publish import wordml

TITLE_BLOCK = {"Title", "Subtitle", "Author", "Date", "Abstract", "AbstractTitle"}
MAX_BOOKMARK = 40  # Word ignores longer bookmark names


def reference_docx() -> Path:
    return Path(str(templates_dir().joinpath("reference.docx")))


def render_docx(
    doc: Document,
    *,
    epoch: int,
    work: Path,
    source: tuple[str, list[str]] | None = None,
    revise: Callable[[Any], dict[str, bytes]] | None = None,
) -> bytes:
    """The finished .docx for ``doc`` as bytes (one pandoc run, then python-docx).

    ``source`` is pandoc's input and arguments (default: the document's Markdown);
    ``revise`` takes the finished python-docx Document and gives its parts (member
    name -> bytes, as :func:`package_parts` does), changed, before the fonts go in (a
    redline's tracked changes: :mod:`manualctl.publish.redline.wordrev`)."""
    raw = work / "pandoc.docx"
    markdown, args = source or doc.prelinked_input()
    args = [*args, f"--reference-doc={reference_docx()}"]
    # python-docx takes ~0.1 s to import: do it on the second core while pandoc runs
    loader = threading.Thread(target=_import_python_docx, daemon=True)
    loader.start()
    run_pandoc(markdown, "docx", args, root=doc.root, output=raw, epoch=epoch)
    loader.join()
    word = finished(raw, doc, epoch=epoch)
    parts = revise(word) if revise else package_parts(word)
    return write_package(embed_fonts(parts), epoch)


WORDML = "manualctl.publish.wordml"


def _import_python_docx() -> None:
    import importlib

    for name in ("docx", "docx.enum.text", "docx.oxml.ns", "docx.shared", WORDML):
        importlib.import_module(name)


_STYLE = "w:pPr/w:pStyle/@w:val"


def finished(raw: Path, doc: Document, *, epoch: int) -> Any:
    """pandoc's .docx at ``raw``, finished (see the module docstring): a python-docx
    Document."""
    import docx
    from docx.oxml.ns import qn

    from manualctl.publish import docx_layout, wordml

    word = docx.Document(str(raw))
    body = word.element.body
    whole = len(doc.chapters) > 1 or bool(
        body.xpath("boolean(./w:p/w:pPr/w:pStyle[@w:val='ContentsSection'])")
    )
    while first := body.xpath("./w:p[1]"):  # pandoc's title block: the cover replaces it
        if first[0].xpath(f"string({_STYLE})") not in TITLE_BLOCK:
            break
        body.remove(first[0])
    headings = _page_breaks(body, doc, whole=whole)
    for tbl in body.iter(qn("w:tbl")):
        wordml.full_width(tbl)
    _short_bookmarks(body)
    contents_pages(body, headings)
    if whole:
        _front_matter(word, doc)
    docx_layout.titles_as_headings(word.styles.element, body)
    docx_layout.keep_lists_together(body)
    _header_footer(word, doc, cover=whole)
    wordml.update_fields_on_open(word.settings.element)
    _properties(word, doc, epoch)
    return word


def _page_breaks(body: wordml.Element, doc: Document, *, whole: bool) -> dict[str, str]:
    """Each section, sub-section and chapter heading starts a page, except right after a
    section's (or sub-section's) heading, which shares the page of what follows it; a
    single chapter (no cover page) does not begin with an empty page. The headings are
    known by their bookmarks (pandoc writes them just before the paragraph)."""
    from docx.oxml.ns import qn

    from manualctl.publish import wordml

    chapters = {pandoc_bookmark(c.id) for c in doc.chapters}
    mark, para, name = qn("w:bookmarkStart"), qn("w:p"), qn("w:name")
    pending: list[wordml.Element] = []
    moves: list[tuple[wordml.Element, list[str]]] = []
    after_part = False
    first = True
    for child in body.iterchildren(mark, para):
        if child.tag == mark:
            pending.append(child)
            continue
        if not pending and child.find(mark) is None:  # most paragraphs: no bookmark
            after_part = False
            continue
        names = [m.get(name) or "" for m in (*pending, *child.iterchildren(mark))]
        part = any(n.startswith("section--") for n in names)
        if part or any(n in chapters for n in names):
            wordml.page_break_before(child, not after_part and (whole or not first))
            first = False
            moves.append((child, names))
        pending = []
        after_part = part
    # Each of these headings gets a bookmark of its own around its text, which the
    # contents' PAGEREF fields name: pandoc's bookmarks span the whole part, and
    # LibreOffice loses some of those (one that starts right after a table).
    pages: dict[str, str] = {}
    for number, (p, names) in enumerate(moves, start=1):
        own = f"_Page{number}"
        ppr = p.find(qn("w:pPr"))
        start, end = wordml.bookmark(own, 900000 + number)
        if ppr is not None:
            ppr.addnext(start)
        else:
            p.insert(0, start)
        p.append(end)
        pages.update(dict.fromkeys(names, own))
    return pages


def pandoc_bookmark(ident: str) -> str:
    """The bookmark pandoc names for an identifier: Word takes 40 characters at most, so
    a longer one becomes "X" and the last 39 hex digits of its SHA-1."""
    if len(ident) <= MAX_BOOKMARK:
        return ident
    return "X" + hashlib.sha1(ident.encode()).hexdigest()[1:]


def _short_bookmarks(body: wordml.Element) -> None:
    """Bookmarks longer than Word's 40 characters get a short stable name."""
    from docx.oxml.ns import qn

    renamed: dict[str, str] = {}
    key = qn("w:name")
    for mark in body.iter(qn("w:bookmarkStart")):
        name = mark.get(key) or ""
        if len(name) > MAX_BOOKMARK:
            short = "m_" + hashlib.sha1(name.encode()).hexdigest()[:20]
            renamed[name] = short
            mark.set(key, short)
    if renamed:
        for link in body.iter(qn("w:hyperlink")):
            anchor = link.get(qn("w:anchor"))
            if anchor in renamed:
                link.set(qn("w:anchor"), renamed[anchor])


def _front_matter(word: object, doc: Document) -> None:
    """The cover page (logo, organisation, title, description, edition), then "Contents":
    the manual's own contents list, its lines numbered with the page of each heading."""
    from docx.oxml.ns import qn
    from docx.shared import Cm

    from manualctl.publish import wordml

    body = word.element.body  # type: ignore[attr-defined]
    meta = doc.metadata
    cover = [
        ("CoverOrganisation", meta.get("organisation")),
        ("CoverTitle", doc.title),
        ("CoverDescription", meta.get("description")),
        ("CoverEdition", meta["edition-line"]),
    ]
    made = [wordml.paragraph(style, text) for style, text in cover if text]
    if doc.logo is not None:
        picture = word.add_paragraph()  # type: ignore[attr-defined]
        picture.add_run().add_picture(str(doc.logo), width=Cm(6))
        for pr in picture._p.iter(qn("wp:docPr")):
            pr.set("descr", meta.get("logo-alt", ""))
            pr.set("name", "Logo")
        body.remove(picture._p)
        made.insert(0, picture._p)
    made.append(_print_notice(wordml.paragraph("Notice", None), meta["print-notice"]))
    made.append(wordml.paragraph("ContentsHeading", "Contents"))
    for index, element in enumerate(made):
        body.insert(index, element)


def _header_footer(word: object, doc: Document, *, cover: bool) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from manualctl.publish import wordml

    section = word.sections[0]  # type: ignore[attr-defined]
    section.different_first_page_header_footer = cover
    # a header and footer of its own: said outright, python-docx does not look for a
    # previous section's (an XPath over the whole document)
    section.header.is_linked_to_previous = False
    section.footer.is_linked_to_previous = False
    header = section.header.paragraphs[0]
    header.text = f"{doc.title} · {doc.metadata['edition-line']}"
    header.style = "Header"
    footer = section.footer
    notice = footer.paragraphs[0]
    notice.style = "Notice"
    _print_notice(notice._p, doc.metadata["print-notice"])
    pages = footer.add_paragraph(style="Footer")
    pages.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    p = pages._p
    p.append(wordml.run("Page "))
    for element in wordml.simple_field("PAGE", "1"):
        p.append(element)
    p.append(wordml.run(" of "))
    for element in wordml.simple_field("NUMPAGES", "1"):
        p.append(element)


PRINTED_CACHE = "(the date of printing)"


def _print_notice(paragraph: Any, notice: str) -> Any:
    """Fill ``paragraph`` (a ``w:p``) with the notice, its ``{date}`` a PRINTDATE field:
    Word and LibreOffice put in the day the copy is printed, not the commit's date."""
    from manualctl.publish import wordml

    before, found, after = notice.partition("{date}")
    paragraph.append(wordml.run(before))
    if found:
        for element in wordml.simple_field('PRINTDATE \\@ "d MMMM yyyy"', PRINTED_CACHE):
            paragraph.append(element)
        paragraph.append(wordml.run(after))
    return paragraph


def _properties(word: object, doc: Document, epoch: int) -> None:
    props = word.core_properties  # type: ignore[attr-defined]
    meta = doc.metadata
    when = datetime.fromtimestamp(epoch, UTC).replace(tzinfo=None)
    props.title = doc.title
    props.subject = f"{doc.title}: {meta['edition-line']}"
    props.author = meta.get("organisation", "")
    props.last_modified_by = meta.get("organisation", "")
    props.language = meta.get("lang", "en-GB")
    props.identifier = f"{meta['manual-id']}/{doc.edition}"
    props.category = "Procedures manual"
    props.keywords = ""
    props.comments = meta["notice"]
    props.revision = 1
    props.created = when
    props.modified = when


def reproducible_zip(data: bytes, epoch: int) -> bytes:
    """The same package with entries in a fixed order and dated from ``epoch``."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        parts = {name: src.read(name) for name in src.namelist()}
    return write_package(parts, epoch)
