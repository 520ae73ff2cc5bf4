"""Word documents made the ways councils make them, as real .docx files.

Each maker writes a document with python-docx (Word's own XML where python-docx has no
call for it: tracked changes, text boxes, a contents field, automatic heading numbers,
links to bookmarks) and returns its path. The documents made by LibreOffice from an
ODT are kept ready-made under tests/fixtures/docx/ (tests/fixtures/docx/make.py).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

Maker = Callable[[Path], Path]
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
VML = "urn:schemas-microsoft-com:vml"
MAKERS: dict[str, Maker] = {}


def maker(func: Maker) -> Maker:
    MAKERS[func.__name__] = func
    return func


def png(width: int = 4, height: int = 4, colour: bytes = b"\xff\x00\x00") -> bytes:
    """A real PNG picture of one colour."""
    raw = b"".join(b"\x00" + colour * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def _save(document: docx.document.Document, folder: Path, name: str) -> Path:
    path = folder / f"{name}.docx"
    document.core_properties.author = "Policy Officer"
    document.save(str(path))
    return path


# --- the documents ---------------------------------------------------------------------


@maker
def headings_and_text(folder: Path) -> Path:
    d = docx.Document()
    d.add_heading("Kinship Care", 1)
    p = d.add_paragraph("Kinship care is care by ")
    p.add_run("relatives or friends").bold = True
    p.add_run(" of a child who ")
    p.add_run("cannot live").italic = True
    p.add_run(" with their parents.")
    d.add_heading("Who can be a kinship carer", 2)
    d.add_paragraph("Grandparents, aunts, uncles, older brothers and sisters.")
    d.add_heading("Short Breaks", 1)
    d.add_paragraph("Short breaks give families a rest.")
    return _save(d, folder, "headings_and_text")


@maker
def typed_numbers(folder: Path) -> Path:
    d = docx.Document()
    d.add_heading("1. Placements in Foster Care", 1)
    d.add_heading("1.1 Purpose", 2)
    d.add_paragraph("This procedure applies to all placements.")
    d.add_heading("1.2 Procedure", 2)
    d.add_paragraph("The social worker arranges the placement.")
    d.add_heading("2. Placement Planning", 1)
    d.add_paragraph("Every child has a placement plan.")
    return _save(d, folder, "typed_numbers")


@maker
def lists(folder: Path) -> Path:
    d = docx.Document()
    d.add_heading("Visits", 1)
    d.add_paragraph("The social worker must:")
    for text in ("see the child alone", "see the child's bedroom", "talk to the carers"):
        d.add_paragraph(text, style="List Bullet")
    d.add_paragraph("Then, in order:")
    for text in ("record the visit", "tell the manager"):
        d.add_paragraph(text, style="List Number")
    return _save(d, folder, "lists")


@maker
def table(folder: Path) -> Path:
    d = docx.Document()
    d.add_heading("Who Assesses", 1)
    d.add_paragraph("The team that assesses depends on what is presented.")
    rows = [
        ("Presenting Circumstance", "Team to Assess"),
        ("A child at risk of significant harm", "Assessment and Short-Term Intervention"),
        ("A disabled child", "Children with Disabilities"),
    ]
    t = d.add_table(rows=3, cols=2)
    t.style = "Table Grid"
    for r, (left, right) in enumerate(rows):
        t.cell(r, 0).text = left
        t.cell(r, 1).text = right
    return _save(d, folder, "table")


@maker
def merged_cells(folder: Path) -> Path:
    d = docx.Document()
    d.add_heading("Contacts", 1)
    t = d.add_table(rows=3, cols=3)
    t.style = "Table Grid"
    t.cell(0, 0).text = "Area"
    t.cell(0, 1).text = "Team"
    t.cell(0, 2).text = "Phone"
    t.cell(1, 0).merge(t.cell(2, 0)).text = "North"
    t.cell(1, 1).text = "Duty"
    t.cell(1, 2).text = "0121 000 0001"
    t.cell(2, 1).text = "Out of hours"
    t.cell(2, 2).text = "0121 000 0002"
    return _save(d, folder, "merged_cells")


@maker
def boxes(folder: Path) -> Path:
    d = docx.Document()
    d.add_heading("Private Fostering", 1)
    d.add_paragraph("Scope of this chapter", style="Heading 3")
    d.add_paragraph("This chapter is for social workers assessing private foster carers.")
    d.add_paragraph().add_run("Related guidance").bold = True
    d.add_paragraph("Children Act 1989, Part IX.")
    d.add_heading("1. Introduction", 2)
    d.add_paragraph("A private fostering arrangement lasts 28 days or more.")
    return _save(d, folder, "boxes")


@maker
def boxes_in_tables(folder: Path) -> Path:
    """Boxes drawn as one-cell tables with a border, their titles in bold."""
    d = docx.Document()
    d.add_heading("Short Breaks", 1)
    for title, text in (
        ("Scope of this chapter", "For social workers arranging short breaks."),
        ("Related guidance", "Short Breaks for Disabled Children (2010)."),
    ):
        cell = d.add_table(rows=1, cols=1).cell(0, 0)
        cell.paragraphs[0].add_run(title).bold = True
        cell.add_paragraph(text)
    d.add_heading("1. Eligibility", 2)
    d.add_paragraph("A short break is offered after an assessment.")
    return _save(d, folder, "boxes_in_tables")


@maker
def amendment(folder: Path) -> Path:
    d = docx.Document()
    d.add_heading("Missing Children", 1)
    d.add_paragraph("Amendment", style="Heading 3")
    d.add_paragraph("In November 2024, this chapter was updated to add the return interview.")
    d.add_heading("1. Procedure", 2)
    d.add_paragraph("Report a missing child to the police at once.")
    return _save(d, folder, "amendment")


@maker
def pictures(folder: Path) -> Path:
    d = docx.Document()
    d.add_heading("The Practice Model", 1)
    picture = folder / "model.png"
    picture.write_bytes(png())
    d.add_paragraph("The model, as a picture:")
    d.add_picture(str(picture))
    d.inline_shapes[0]._inline.docPr.set("descr", "The Connections Count practice model")
    other = folder / "logo.png"
    other.write_bytes(png(colour=b"\x00\x00\xff"))
    d.add_picture(str(other))
    return _save(d, folder, "pictures")


@maker
def comments(folder: Path) -> Path:
    d = docx.Document()
    d.add_heading("Allegations", 1)
    p = d.add_paragraph("Tell the LADO within one working day.")
    d.add_comment(p.runs, text="Is it one day or two?", author="Team Manager", initials="TM")
    return _save(d, folder, "comments")


def _tracked(d: docx.document.Document) -> None:
    p = d.add_paragraph("The review takes place within ")
    ins = parse_xml(
        f'<w:ins {nsdecls("w")} w:id="1" w:author="Editor" w:date="2026-01-01T00:00:00Z">'
        "<w:r><w:t>20</w:t></w:r></w:ins>"
    )
    dele = parse_xml(
        f'<w:del {nsdecls("w")} w:id="2" w:author="Editor" w:date="2026-01-01T00:00:00Z">'
        "<w:r><w:delText>28</w:delText></w:r></w:del>"
    )
    p._p.append(dele)
    p._p.append(ins)
    p.add_run(" working days.")


@maker
def tracked_changes(folder: Path) -> Path:
    d = docx.Document()
    d.add_heading("Reviews", 1)
    _tracked(d)
    return _save(d, folder, "tracked_changes")


@maker
def text_box(folder: Path) -> Path:
    d = docx.Document()
    d.add_heading("Thresholds", 1)
    d.add_paragraph("Read the box below.")
    p = d.add_paragraph()
    drawing = (
        '<w:drawing><wp:inline><wp:extent cx="914400" cy="914400"/>'
        '<wp:docPr id="10" name="Text Box 1"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
        'wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent>'
        "<w:p><w:r><w:t>Call 999 if a child is in danger.</w:t></w:r></w:p>"
        "</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>"
        "</wp:inline></w:drawing>"
    )
    fallback = (  # what Word writes for readers that know no drawing shapes
        '<w:pict><v:shape id="box1" type="#_x0000_t202"><v:textbox><w:txbxContent>'
        "<w:p><w:r><w:t>Call 999 if a child is in danger.</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></v:shape></w:pict>"
    )
    box = parse_xml(
        f'<w:r {nsdecls("w", "wp", "a")} xmlns:wps="{WPS}" xmlns:mc="{MC}" xmlns:v="{VML}">'
        f'<mc:AlternateContent><mc:Choice Requires="wps">{drawing}</mc:Choice>'
        f"<mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent></w:r>"
    )
    p._p.append(box)
    return _save(d, folder, "text_box")


def _field(paragraph: docx.text.paragraph.Paragraph, instruction: str, shown: str) -> None:
    for kind in ("begin",):
        run = OxmlElement("w:r")
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run.append(char)
        paragraph._p.append(run)
    run = OxmlElement("w:r")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = instruction
    run.append(text)
    paragraph._p.append(run)
    run = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "separate")
    run.append(char)
    paragraph._p.append(run)
    paragraph.add_run(shown)
    run = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    run.append(char)
    paragraph._p.append(run)


def _bookmark(paragraph: docx.text.paragraph.Paragraph, name: str, ident: int) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(ident))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(ident))
    paragraph._p.insert(1, start)
    paragraph._p.append(end)


def _internal_link(paragraph: docx.text.paragraph.Paragraph, anchor: str, text: str) -> None:
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), anchor)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


@maker
def contents_field(folder: Path) -> Path:
    d = docx.Document()
    for name in ("TOC Heading", "toc 1"):
        if name not in [s.name for s in d.styles]:
            d.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    d.add_paragraph("Contents", style="TOC Heading")
    first = d.add_paragraph(style="toc 1")
    _field(first, ' TOC \\o "1-3" \\h \\z \\u ', "Adoption\t2")
    d.add_paragraph("Fostering\t3", style="toc 1")
    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    d.add_heading("Adoption", 1)
    d.add_paragraph("Adoption is for life.")
    d.add_heading("Fostering", 1)
    d.add_paragraph("Fostering is often for a time.")
    return _save(d, folder, "contents_field")


@maker
def links_between_parts(folder: Path) -> Path:
    d = docx.Document()
    h = d.add_heading("Strategy Discussions", 1)
    _bookmark(h, "_Ref_strategy", 20)
    p = d.add_paragraph("After the discussion, see ")
    _internal_link(p, "_Ref_s47", "Section 47 Enquiries")
    p.add_run(".")
    h2 = d.add_heading("Section 47 Enquiries", 1)
    _bookmark(h2, "_Ref_s47", 21)
    p = d.add_paragraph("Enquiries follow a ")
    _internal_link(p, "_Ref_strategy", "strategy discussion")
    p.add_run("; the law is at ")
    hyperlink = d.part.relate_to(
        "https://www.legislation.gov.uk/ukpga/1989/41/section/47",
        docx.opc.constants.RELATIONSHIP_TYPE.HYPERLINK,
        is_external=True,
    )
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), hyperlink)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "legislation.gov.uk"
    run.append(t)
    link.append(run)
    p._p.append(link)
    p.add_run(".")
    return _save(d, folder, "links_between_parts")


def _numbered_headings(d: docx.document.Document) -> None:
    """A multilevel list linked to Heading 1 and Heading 2 ("1." and "1.1"), as Word's
    Home > Multilevel List does."""
    numbering = d.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:pStyle w:val="Heading1"/><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:pStyle w:val="Heading2"/><w:lvlText w:val="%1.%2"/></w:lvl>'
        "</w:abstractNum>"
    )
    numbering.insert(0, abstract)
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )
    for name, level in (("Heading 1", 0), ("Heading 2", 1)):
        ppr = d.styles[name].element.get_or_add_pPr()
        ppr.insert(
            0,
            parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'
            ),
        )


@maker
def automatic_numbers(folder: Path) -> Path:
    d = docx.Document()
    _numbered_headings(d)
    d.add_heading("Leaving Care", 1)
    d.add_heading("Pathway Plans", 2)
    d.add_paragraph("Every care leaver has a pathway plan.")
    d.add_heading("Personal Advisers", 2)
    d.add_paragraph("A personal adviser is named by 16.")
    d.add_heading("Staying Put", 1)
    d.add_heading("Who Can Stay", 2)
    d.add_paragraph("A young person may stay with their foster carers to 21.")
    return _save(d, folder, "automatic_numbers")


@maker
def restarting_lists(folder: Path) -> Path:
    d = docx.Document()
    d.add_heading("Two Checklists", 1)
    d.add_paragraph("Before the visit:")
    d.add_paragraph("read the file", style="List Number")
    d.add_paragraph("ring the family", style="List Number")
    d.add_paragraph("After the visit:")
    second = [d.add_paragraph(t, style="List Number") for t in ("write it up", "tell the team")]
    numbering = d.part.numbering_part.element
    base = numbering.xpath("./w:num")[-1]
    abstract = base.find(qn("w:abstractNumId")).get(qn("w:val"))
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="91"><w:abstractNumId w:val="{abstract}"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        )
    )
    for para in second:
        ppr = para._p.get_or_add_pPr()
        ppr.append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="91"/></w:numPr>')
        )
    return _save(d, folder, "restarting_lists")


@maker
def headers_and_footers(folder: Path) -> Path:
    d = docx.Document()
    section = d.sections[0]
    section.header.paragraphs[0].text = "Example Council - Procedures Manual"
    section.footer.paragraphs[0].text = "Printed copies are uncontrolled"
    d.add_heading("Complaints", 1)
    d.add_paragraph("A child may complain at any time.")
    return _save(d, folder, "headers_and_footers")


@maker
def cover_and_sections(folder: Path) -> Path:
    """A booklet: a cover page, sections as Heading 1 and chapters as Heading 2."""
    d = docx.Document()
    d.add_paragraph("Example Children's Trust", style="Title")
    d.add_paragraph("Our Procedures, 2026")
    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    d.add_heading("1. Assessment", 1)
    d.add_heading("1.1 Early Help", 2)
    d.add_paragraph("Early help comes first.")
    d.add_heading("1.2 Child and Family Assessment", 2)
    d.add_paragraph("The assessment takes 45 working days at most.")
    d.add_heading("2. Care Planning", 1)
    d.add_heading("2.1 Care Plans", 2)
    d.add_paragraph("A care plan is made before the child comes into care.")
    return _save(d, folder, "cover_and_sections")


@maker
def nested_list_in_table(folder: Path) -> Path:
    d = docx.Document()
    d.add_heading("Checks", 1)
    t = d.add_table(rows=2, cols=2)
    t.style = "Table Grid"
    t.cell(0, 0).text = "Check"
    t.cell(0, 1).text = "What to look at"
    t.cell(1, 0).text = "Home"
    cell = t.cell(1, 1)
    cell.paragraphs[0].text = "the bedroom"
    cell.paragraphs[0].style = d.styles["List Bullet"]
    cell.add_paragraph("the kitchen", style="List Bullet")
    return _save(d, folder, "nested_list_in_table")


@maker
def quotes_and_breaks(folder: Path) -> Path:
    d = docx.Document()
    d.add_heading("Children’s Rights", 1)
    d.add_paragraph("The child’s “wishes and feelings” come first – always.")
    p = d.add_paragraph("Line one")
    p.add_run().add_break()
    p.add_run("line two")
    return _save(d, folder, "quotes_and_breaks")
