"""Make templates/reference.docx: pandoc's default reference document, restyled.

Run from the repository root after changing a style here:

    .venv/bin/python templates/make_reference_docx.py

It asks the pandoc bundled with pypandoc-binary for its default reference.docx
(``pandoc -o custom-reference.docx --print-default-data-file reference.docx``), then
sets with python-docx: A4 pages, Liberation Sans (the OFL font in templates/fonts/ that the
PDF edition embeds; metric-compatible with Arial, which Word uses where it is missing) for
every style, with no theme fonts, heading colours (Heading 1, a section, starts a new
page; headings keep with the next paragraph), links underlined in a blue of at least
4.5:1 on white and on every box's fill,
the boxes (Amendment, Scope, Related: one bordered, shaded paragraph style each, with a
title style), the styles the Lua filter filters/docx.lua names (section titles, contents
lines, flags, statuses), cover and notice styles, and the table style "Table". The zip
is written with fixed dates so the file is the same every time it is made.
"""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pypandoc
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
FONT = "Liberation Sans"
NAVY = RGBColor(0x1F, 0x38, 0x64)
BLUE = RGBColor(0x00, 0x5E, 0xB8)
LINK = RGBColor(0x1F, 0x4E, 0x79)  # 8.7:1 on white, 7.1:1 on the palest box fill
GREY = RGBColor(0x4D, 0x4D, 0x4D)
FLAG = RGBColor(0x9C, 0x1C, 0x1C)
BOXES = {  # style name: (border colour, fill colour)
    "Amendment Box": ("C55A11", "FBE4D5"),
    "Scope Box": ("005EB8", "DEEAF6"),
    "Related Box": ("548235", "E2EFD9"),
}


def default_reference() -> bytes:
    pandoc = pypandoc.get_pandoc_path()
    out = subprocess.run(
        [pandoc, "--print-default-data-file", "reference.docx"], capture_output=True, check=True
    )
    return out.stdout


def _border_and_fill(style: object, border: str, fill: str) -> None:
    ppr = style.element.get_or_add_pPr()  # type: ignore[attr-defined]
    bdr = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), "12")
        edge.set(qn("w:space"), "6")
        edge.set(qn("w:color"), border)
        bdr.append(edge)
    ppr.append(bdr)
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    ppr.append(shd)


def _paragraph(doc, name, base="Normal", *, size=None, bold=None, italic=None, color=None):  # type: ignore[no-untyped-def]
    styles = doc.styles
    style = styles[name] if name in styles else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles[base]
    style.quick_style = True
    font = style.font
    if size:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic
    if color is not None:
        font.color.rgb = color
    return style


def _character(doc, name, *, bold=None, italic=None, color=None):  # type: ignore[no-untyped-def]
    styles = doc.styles
    style = styles[name] if name in styles else styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
    if bold is not None:
        style.font.bold = bold
    if italic is not None:
        style.font.italic = italic
    if color is not None:
        style.font.color.rgb = color
    return style


def _table_style(doc) -> None:  # type: ignore[no-untyped-def]
    style = doc.styles["Table"]
    tblpr = style.element.find(qn("w:tblPr"))
    if tblpr is None:
        tblpr = OxmlElement("w:tblPr")
        style.element.append(tblpr)
    for old in tblpr.findall(qn("w:tblBorders")):
        tblpr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), "4")
        edge.set(qn("w:space"), "0")
        edge.set(qn("w:color"), "808080")
        borders.append(edge)
    tblpr.append(borders)
    # the header row: bold on a light blue fill
    for old in style.element.findall(qn("w:tblStylePr")):
        if old.get(qn("w:type")) == "firstRow":
            style.element.remove(old)
    first = OxmlElement("w:tblStylePr")
    first.set(qn("w:type"), "firstRow")
    rpr = OxmlElement("w:rPr")
    rpr.append(OxmlElement("w:b"))
    first.append(rpr)
    tcpr = OxmlElement("w:tcPr")
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), "DEEAF6")
    tcpr.append(shd)
    first.append(tcpr)
    style.element.append(first)


TEXT_WIDTH = Cm(21.0 - 2 * 2.2)


def _one_font(doc) -> None:  # type: ignore[no-untyped-def]
    """Every style and the document defaults name FONT, never a theme font (the theme's
    Aptos Display would stand in for another font where it is missing)."""
    styles = doc.styles.element
    for rfonts in styles.iter(qn("w:rFonts")):
        for attr in list(rfonts.attrib):
            if attr.endswith("Theme") or attr.endswith("theme"):
                del rfonts.attrib[attr]
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            rfonts.set(qn(attr), FONT)
    for style in doc.styles:
        if style.type in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER) and (
            style.element.find(qn("w:rPr")) is None or style.name == "Normal"
        ):
            rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
            for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                rfonts.set(qn(attr), FONT)


def restyle(data: bytes) -> bytes:
    doc = Document(io.BytesIO(data))
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.2))
    normal = doc.styles["Normal"]
    normal.font.size = Pt(11)
    normal.paragraph_format.widow_control = True
    for level, (size, color) in enumerate(
        [(20, NAVY), (16, NAVY), (14, BLUE), (12, NAVY), (11, NAVY), (11, GREY)], start=1
    ):
        style = doc.styles[f"Heading {level}"]
        style.font.size = Pt(size)
        style.font.color.rgb = color
        style.font.bold = True
        style.font.italic = False
        style.paragraph_format.keep_with_next = True
    doc.styles["Heading 1"].paragraph_format.page_break_before = True
    _paragraph(doc, "Title", size=28, bold=True, color=NAVY)
    link = doc.styles["Hyperlink"]
    link.font.color.rgb = LINK
    link.font.underline = True
    for list_style in ("Compact",):  # a list item keeps with the next one of its list
        if list_style in doc.styles:
            doc.styles[list_style].paragraph_format.keep_with_next = False

    for name, (border, fill) in BOXES.items():
        box = _paragraph(doc, name)
        _border_and_fill(box, border, fill)
        box.paragraph_format.left_indent = Cm(0.3)
        box.paragraph_format.right_indent = Cm(0.3)
        box.paragraph_format.space_after = Pt(0)
        box.paragraph_format.space_before = Pt(0)
        title = _paragraph(doc, f"{name} Title", name, bold=True, color=NAVY)
        title.paragraph_format.keep_with_next = True

    _paragraph(doc, "Chapter Status", italic=True, color=GREY)
    _paragraph(doc, "Chapter Note", italic=True, color=GREY)

    contents_heading = _paragraph(doc, "Contents Heading", size=20, bold=True, color=NAVY)
    contents_heading.paragraph_format.page_break_before = True
    contents_heading.paragraph_format.space_after = Pt(12)
    for name, size, bold, indent in (
        ("Contents Section", 13, True, 0.0),
        ("Contents Subsection", 11, True, 0.5),
        ("Contents Chapter", 11, False, 1.0),
        ("Contents External", 11, False, 1.0),
        ("Contents See Also", 10, False, 1.5),
        ("Contents Note", 10, False, 1.5),
    ):
        style = _paragraph(doc, name, size=size, bold=bold, color=NAVY if bold else None)
        style.paragraph_format.left_indent = Cm(indent)
        # the page number, right-aligned after a dotted leader (manualctl writes a PAGEREF)
        style.paragraph_format.tab_stops.add_tab_stop(
            TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
        )
        style.paragraph_format.right_indent = Cm(0)
        style.paragraph_format.space_before = Pt(6 if bold else 0)
        style.paragraph_format.space_after = Pt(2)
        if bold:
            style.paragraph_format.keep_with_next = True
    _character(doc, "Flag", bold=True, color=FLAG)
    _paragraph(doc, "Chapter Flag", bold=True, color=FLAG).paragraph_format.keep_with_next = True
    _character(doc, "Status", italic=True, color=GREY)
    _character(doc, "Source", italic=True, color=GREY)
    _character(doc, "Number", bold=True)

    cover = _paragraph(doc, "Cover Title", size=32, bold=True, color=NAVY)
    cover.paragraph_format.space_before = Pt(120)
    cover.paragraph_format.space_after = Pt(24)
    _paragraph(doc, "Cover Organisation", size=16, color=GREY)
    _paragraph(doc, "Cover Description", size=13, color=GREY)
    _paragraph(doc, "Cover Edition", size=16, bold=True, color=NAVY)
    _paragraph(doc, "Notice", size=8, italic=True, color=GREY)
    for name in ("Header", "Footer"):
        style = _paragraph(doc, name, size=9, color=GREY)
    _table_style(doc)
    _one_font(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def fixed_zip(data: bytes) -> bytes:
    """The same zip with every entry dated 1980-01-01 and compressed the same way."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            body = src.read(info.filename)
            if info.filename == "word/fontTable.xml":
                body = body.replace(b"</w:fonts>", FONT_ENTRY + b"</w:fonts>")
            dst.writestr(entry, body)
    return out.getvalue()


# Word substitutes Arial (the same metrics) where Liberation Sans is not installed.
FONT_ENTRY = (
    f'<w:font w:name="{FONT}"><w:altName w:val="Arial"/>'
    '<w:panose1 w:val="020B0604020202020204"/><w:charset w:val="00"/>'
    '<w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>'
).encode()


def main() -> int:
    target = HERE / "reference.docx"
    target.write_bytes(fixed_zip(restyle(default_reference())))
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
