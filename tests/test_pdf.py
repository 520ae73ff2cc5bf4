"""The PDF edition's Typst pipeline, proven on a hand-made document-model Markdown file.

tests/fixtures/pdf/document.md is written the way the shared document model writes a
manual (contents div, section and chapter divs, chapter boxes); each test renders it
for real (pandoc, then Typst in-process) and reads the PDF back with pypdf.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import FIXTURES
from pdfcheck import links, named_pages, outline, page_texts, structure_kinds
from pypdf import PdfReader

from manualctl.check.load import display
from manualctl.errors import ManualInvalid
from manualctl.publish.pdf import render_pdf
from manualctl.publish.typst_build import DEFAULT_READER, literal

pytestmark = pytest.mark.slow
CREATED = datetime(2026, 11, 1, 9, 30, tzinfo=UTC)
ROWS = 80  # long enough for the table to run over three pages
METADATA = {
    "title": "Tiny Procedures Manual",
    "organisation": "Example Children's Trust",
    "edition-name": "November 2026",
    "notice": "This is an uncontrolled copy, printed on 4 November 2026.",
    "lang": "en-GB",
}


@dataclass(frozen=True)
class HandMade:
    """The document model's interface, for a hand-written Markdown file."""

    root: Path
    markdown: str
    metadata: Mapping[str, str] = field(default_factory=lambda: dict(METADATA))
    image_files: Mapping[str, Path] = field(default_factory=dict)

    def pandoc_args(self) -> list[str]:
        return [f"--from={DEFAULT_READER}", "--sandbox"]


def hand_made(root: Path, **replace: str) -> HandMade:
    shutil.copytree(FIXTURES / "pdf", root, dirs_exist_ok=True)
    text = (root / "document.md").read_text("utf-8")
    rows = "\n".join(f"| Circumstance {i} | Team {i} |" for i in range(1, ROWS + 1))
    text = text.replace("ROWS", rows).replace("MEDIA", str(root / "media"))
    for old, new in replace.items():
        text = text.replace(old, new)
    return HandMade(root, text)


@pytest.fixture(scope="module")
def produced(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("manual")
    out = root / "tiny-2026-11.pdf"
    out.write_bytes(render_pdf(hand_made(root), created=CREATED))
    return out


def test_tagged_pdf_ua_with_language_and_title(produced: Path) -> None:
    reader = PdfReader(produced)
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == "en-GB"
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata is not None
    assert reader.metadata.title == "Tiny Procedures Manual"
    assert reader.metadata.author == "Example Children's Trust"
    assert reader.metadata["/CreationDate"] == "D:20261101093000Z"
    xmp = catalog["/Metadata"].get_object().get_data().decode("utf-8")
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp


def test_outline_is_sections_subsections_and_chapters(produced: Path) -> None:
    assert outline(PdfReader(produced)) == [
        (0, "1. All Children", 3),
        (1, "1.1 Policy, Values and Principles", 3),
        (2, "1.1.1 Our Vision and Purpose", 3),
        (0, "2. Family Support", 6),
        (1, "2.1 Early Help", 6),
        (0, "3. Appendices", 7),
        (1, "3.1 Amendments", 7),
    ]


def test_real_headings_and_figures_with_alt_text(produced: Path) -> None:
    counts, alts = structure_kinds(PdfReader(produced))
    # The cover's title, Contents and 3 sections; sub-section and chapters in a section;
    # chapters in a sub-section and the chapters' own headings and box titles below them.
    assert (counts["/H1"], counts["/H2"], counts["/H3"], counts["/H4"]) == (5, 3, 4, 4)
    assert alts == ["A red block standing for the Trust’s logo"]
    assert counts["/Note"] == 1  # the footnote
    assert counts["/Table"] == 2 and counts["/TH"] == 4


def test_pages_hold_cover_contents_chapters_in_order(produced: Path) -> None:
    pages = page_texts(produced)
    assert len(pages) == 7
    assert pages[0] == (
        "Example Children's Trust Tiny Procedures Manual November 2026 edition "
        "This is an uncontrolled copy, printed on 4 November 2026."
    )
    assert pages[1] == (
        "Tiny Procedures Manual November 2026 edition Contents "
        "1. All Children 3 1.1 Policy, Values and Principles 3 "
        "1.1.1 Our Vision and Purpose - under review Updated 3 "
        "N.B. A local policy can be substituted here See also: Early Help "
        "and Working Together to Safeguard Children New "
        "2. Family Support 6 2.1 Early Help New 6 "
        "2.2 Child Protection Enquiries (Regional Child Protection Procedures) "
        "3. Appendices 7 3.1 Amendments 7 "
        "This is an uncontrolled copy, printed on 4 November 2026. Page 2 of 7"
    )
    # Every page after the cover has the running header and the footer.
    for number, text in enumerate(pages[1:], start=2):
        assert text.startswith("Tiny Procedures Manual November 2026 edition ")
        assert text.endswith(
            f"This is an uncontrolled copy, printed on 4 November 2026. Page {number} of 7"
        )
    body = " ".join(pages[2:])
    order = [
        "1. All Children",
        "1.1 Policy, Values and Principles",
        "1.1.1 Our Vision and Purpose Updated Amendment In November 2026, this chapter was "
        "updated to describe the new early help offer. Status: under review "
        "N.B. A local policy can be substituted here Scope of this chapter",
        "Every child safe, healthy and happy.1 We work with families # hash $ dollar.",
        "Circumstance 80 Team 80",
        "2. Family Support",
        "2.1 Early Help New Amendment In November 2026, this chapter was added to the manual.",
        "Who gives it",
        "3. Appendices",
        "3.1 Amendments",
        "Early Help This chapter was added to the manual.",
    ]
    positions = [body.find(text) for text in order]
    assert -1 not in positions, [t for t, p in zip(order, positions, strict=True) if p < 0]
    assert positions == sorted(positions)
    assert "1 The footnote in the first chapter." in pages[2].replace("1The", "1 The")


def test_long_table_repeats_its_header_row(produced: Path) -> None:
    pages = page_texts(produced)
    header = "Presenting Circumstance Team to Assess"
    holding = [i + 1 for i, text in enumerate(pages) if "Circumstance 4 " in text]
    spread = [i + 1 for i, text in enumerate(pages) if f"Circumstance {ROWS} " in text]
    assert (holding, spread) == ([3], [5])
    assert pages[2].count(header) == 1
    for text in pages[3:5]:  # the pages the table continues on start with its header row
        after_running_header = text.removeprefix("Tiny Procedures Manual November 2026 edition ")
        assert after_running_header.startswith(header + " Circumstance ")


def test_links_resolve_to_the_right_pages(produced: Path) -> None:
    reader = PdfReader(produced)
    named = named_pages(reader)
    assert {k: named[k] for k in ("our-vision", "early-help", "amendments")} == {
        "our-vision": 3,
        "early-help": 6,
        "amendments": 7,
    }
    found = links(reader)
    internal = [(link.page, link.name, link.target) for link in found if link.name]
    assert internal == [
        (2, "section--1", 3),
        (2, "section--1-1", 3),
        (2, "our-vision", 3),
        (2, "early-help", 6),
        (2, "section--2", 6),
        (2, "early-help", 6),
        (2, "section--3", 7),
        (2, "amendments", 7),
        (3, "early-help", 6),
        (6, "our-vision", 3),
        (7, "our-vision", 3),
        (7, "early-help", 6),
    ]
    external = sorted({(link.page, link.uri) for link in found if link.uri})
    assert external == [
        (2, "https://example.org/cp-enquiries"),
        (2, "https://www.gov.uk/"),
        (3, "https://www.gov.uk/"),
    ]
    # The footnote mark links to its note on the same page.
    assert [(link.page, link.target) for link in found if not link.name and not link.uri] == [
        (3, 3),
        (3, 3),
    ]


def test_same_input_same_bytes(tmp_path: Path) -> None:
    first = render_pdf(hand_made(tmp_path / "a"), created=CREATED)
    second = render_pdf(hand_made(tmp_path / "a"), created=CREATED)
    assert first == second
    later = render_pdf(hand_made(tmp_path / "a"), created=CREATED.replace(year=2027))
    assert later != first


def test_pdf_a_2b_on_request(tmp_path: Path) -> None:
    out = tmp_path / "a.pdf"
    out.write_bytes(render_pdf(hand_made(tmp_path / "m"), created=CREATED, standard="a-2b"))
    xmp = PdfReader(out).trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert "<pdfaid:part>2</pdfaid:part>" in xmp
    assert "<pdfaid:conformance>B</pdfaid:conformance>" in xmp
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp


def test_raw_typst_is_refused(tmp_path: Path) -> None:
    document = hand_made(
        tmp_path / "m",
        **{"Every child safe": '```{=typst}\n#read("/etc/passwd")\n```\n\nEvery child safe'},
    )
    with pytest.raises(ManualInvalid) as caught:
        render_pdf(document, created=CREATED)
    assert str(caught.value).startswith(f"{display(tmp_path / 'm')} contains raw Typst code")


def test_inline_raw_typst_is_refused(tmp_path: Path) -> None:
    document = hand_made(tmp_path / "m", **{"Every child safe": "`#panic()`{=typst} Every"})
    with pytest.raises(ManualInvalid, match="contains raw Typst code"):
        render_pdf(document, created=CREATED)


def test_image_outside_the_manual_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "secret.png"
    shutil.copyfile(FIXTURES / "pdf" / "media" / "red-block.png", outside)
    document = hand_made(tmp_path / "m", **{"MEDIA/red-block.png": str(outside)})
    document = HandMade(
        document.root,
        document.markdown.replace(str(document.root / "media" / "red-block.png"), str(outside)),
    )
    with pytest.raises(ManualInvalid) as caught:
        render_pdf(document, created=CREATED)
    assert [f.message for f in caught.value.findings] == [
        f"the image {outside} lies outside the manual's folder."
    ]


def test_typst_literals_are_strings_not_markup() -> None:
    value = {"title": 'A "quoted" #title\\ $x$', "n": 3, "no": None, "list": ["a", True]}
    assert literal(value) == (
        '("title": "A \\"quoted\\" #title\\\\ $x$", "n": 3, "no": none, "list": ("a", true, ),)'
    )


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is absent")
def test_every_page_renders_with_ink(produced: Path, tmp_path: Path) -> None:
    subprocess.run(
        ["pdftoppm", "-r", "30", "-gray", str(produced), str(tmp_path / "page")], check=True
    )
    rendered = sorted(tmp_path.glob("page-*.pgm"))
    assert len(rendered) == 7
    for image in rendered:
        ink = _dark_fraction(image.read_bytes())
        assert 0.002 < ink < 0.5, f"{image.name} looks blank or broken ({ink:.4f} dark)"


def _dark_fraction(pgm: bytes) -> float:
    """Share of pixels darker than mid-grey in a binary PGM (P5) image."""
    parts = pgm.split(maxsplit=4)
    assert parts[0] == b"P5"
    width, height = int(parts[1]), int(parts[2])
    pixels = parts[4][: width * height]
    return sum(1 for p in pixels if p < 128) / (width * height)


def test_only_typst_own_fonts_are_embedded(produced: Path) -> None:
    fonts = set()
    for page in PdfReader(produced).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    # manualctl's own fonts only: the bytes do not depend on the machine's fonts.
    assert fonts == {"LiberationSans", "LiberationSans-Bold", "LiberationSans-Italic"}


def _fonts(path: Path) -> set[str]:
    fonts = set()
    for page in PdfReader(path).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object().get("/BaseFont")).split("+")[-1])
    return fonts


def test_arabic_bengali_and_emoji_are_set_in_the_shipped_fonts(tmp_path: Path) -> None:
    text = (
        "::: {lang=ar}\nنحن نحافظ على سلامة الأطفال.\n:::\n\n"
        "আমরা শিশুদের নিরাপদ রাখি। 👶 ✅\n\nEvery child safe"
    )
    out = tmp_path / "scripts.pdf"
    out.write_bytes(
        render_pdf(hand_made(tmp_path / "m", **{"Every child safe": text}), created=CREATED)
    )
    assert {"NotoSansArabic-Regular", "NotoSansBengali-Regular"} <= _fonts(out)
    # the Arabic words in reading order, each whole (joined letters, not boxes)
    words = " ".join(page_texts(out))
    assert ".الأطفال سلامة على نحافظ نحن" in words
    # Typst draws colour emoji (bitmaps in Noto Color Emoji) as a Type 3 font; the text
    # without them has none
    assert "/Type3" in _subtypes(out)
    plain = tmp_path / "plain.pdf"
    plain_text = text.replace(" 👶 ✅", "")
    plain.write_bytes(
        render_pdf(hand_made(tmp_path / "p", **{"Every child safe": plain_text}), created=CREATED)
    )
    assert "/Type3" not in _subtypes(plain)


def _subtypes(path: Path) -> set[str]:
    return {
        str(font.get_object()["/Subtype"])
        for page in PdfReader(path).pages
        for font in (page["/Resources"].get("/Font") or {}).values()
    }


def test_a_script_no_font_has_is_refused_naming_the_text(tmp_path: Path) -> None:
    from manualctl.publish.typst_build import GlyphMissing

    document = hand_made(tmp_path / "m", **{"Every child safe": "中文 Every child safe"})
    with pytest.raises(GlyphMissing) as caught:
        render_pdf(document, created=CREATED)
    assert caught.value.char == "中"
    assert caught.value.message == (
        'The PDF cannot show "中" (CJK UNIFIED IDEOGRAPH-4E2D): its fonts have Latin, '
        "Greek, Cyrillic, Arabic and Bengali letters and emoji, and an accessible PDF may "
        "not show empty boxes; the PDF was not made."
    )
