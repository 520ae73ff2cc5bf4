"""Right-to-left text in every edition: a paragraph that starts with an Arabic letter,
and a box in a right-to-left language, are right to left in Word (w:bidi, their style
kept), HTML (dir="rtl") and the PDF (set against the right margin); a paragraph that
starts with a Latin letter, a Bengali one or a box marked dir=ltr stays left to right.

The Bengali paragraph's text is in the PDF's text layer as written: Typst marks each
shaped cluster with /ActualText, which poppler's pdftotext (like Acrobat and Chrome)
reads; readers that use only the fonts' ToUnicode maps repeat letters of a cluster (see
the README: Typst's PDF writer, not something manualctl chooses).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.checkers import require, verapdf
from tests.conftest import FIXTURES, commit_all, git

CHAPTER = "chapters/all-children/our-vision.md"
ARABIC = "اللغة العربية لغة رسمية في كثير من البلدان."
BOX = "نحن نعمل مع الأطفال والأسر."
BENGALI = "বাংলা ভাষা বাংলাদেশের রাষ্ট্রভাষা। শিশুদের সুরক্ষা আমাদের কাজ।"
BODY = f"""
{ARABIC}

2026: {BOX}

::: {{lang=ar}}
{BOX}
:::

::: {{dir=ltr lang=ar}}
Left to right {BOX}
:::

(See) English, then {BOX}

{BENGALI}

- English item
- {BOX}

::: scope
{ARABIC}
:::

> {BOX}
"""


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from manualctl.cli import main

    base = tmp_path_factory.mktemp("rtl")
    root = shutil.copytree(FIXTURES / "tiny", base / "tiny")
    path = root / CHAPTER
    path.write_text(path.read_text(encoding="utf-8") + BODY, encoding="utf-8")
    git(root, "init", "-q")
    commit_all(root, "Arabic and Bengali")
    out = base / "out"
    try:
        main(["publish", str(root), "--format", "docx,pdf,html", "--out", str(out)])
    except SystemExit as exc:
        assert exc.code == 0
    return out


def test_only_chapters_with_right_to_left_letters_are_read_for_them(tmp_path: Path) -> None:
    """The document model marks them (data-dir="auto"); the filter removes the mark."""
    from datetime import date

    from manualctl.check.load import read
    from manualctl.publish.document import build_document

    root = shutil.copytree(FIXTURES / "tiny", tmp_path / "tiny")
    (root / CHAPTER).write_text((root / CHAPTER).read_text() + f"\n{BOX}\n", encoding="utf-8")
    manual = read(root, scan=False).manual
    assert manual is not None
    doc = build_document(manual, edition="2026-11", printed_on=date(2026, 11, 4))
    for markdown in (doc.markdown, doc.prelinked_input()[0]):
        marked = re.findall(r'data-id="([^"]+)"[^}]*data-dir="auto"', markdown)
        assert marked == ["our-vision"]


def test_html_marks_the_right_to_left_paragraphs(editions: Path) -> None:
    page = (editions / "tiny-draft-html" / "our-vision.html").read_text(encoding="utf-8")
    assert "data-dir" not in page
    body = page[page.index('<h2 id="our-vision--our-vision">') : page.index("</main>")]
    assert body.split("</h2>\n", 1)[1] == (
        "<p>Every child safe, healthy and happy.</p>\n"
        f'<div dir="rtl">\n<p>{ARABIC}</p>\n</div>\n'
        f'<div dir="rtl">\n<p>2026: {BOX}</p>\n</div>\n'
        f'<div lang="ar" dir="rtl">\n<p>{BOX}</p>\n</div>\n'
        f'<div dir="ltr" lang="ar">\n<p>Left to right {BOX}</p>\n</div>\n'
        f"<p>(See) English, then {BOX}</p>\n"
        f"<p>{BENGALI}</p>\n"
        f'<ul>\n<li>English item</li>\n<li><div dir="rtl">\n{BOX}\n</div></li>\n</ul>\n'
        '<div class="scope">\n'
        '<h2 id="our-vision--scope" class="box-title">Scope of this chapter</h2>\n'
        f'<div dir="rtl">\n<p>{ARABIC}</p>\n</div>\n'
        "</div>\n"
        f'<blockquote>\n<div dir="rtl">\n<p>{BOX}</p>\n</div>\n</blockquote>\n'
        "</div>\n"
    )


def test_word_sets_them_right_to_left_in_their_own_styles(editions: Path) -> None:
    with zipfile.ZipFile(editions / "tiny-draft.docx") as docx:
        xml = docx.read("word/document.xml").decode("utf-8")
    start = xml.index("Every child safe")
    paragraphs = re.findall(r"<w:p>(.*?)</w:p>", xml[xml.rindex("<w:p>", 0, start) :])
    seen = []
    for para in paragraphs[:10]:
        style = re.search(r'<w:pStyle w:val="([^"]+)"/>', para)
        text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", para))
        seen.append((style[1] if style else None, "<w:bidi/>" in para, text))
    assert seen == [
        ("FirstParagraph", False, "Every child safe, healthy and happy."),
        ("BodyText", True, ARABIC),
        ("BodyText", True, f"2026: {BOX}"),
        ("BodyText", True, BOX),
        ("BodyText", False, f"Left to right {BOX}"),
        ("BodyText", False, f"(See) English, then {BOX}"),
        ("BodyText", False, BENGALI),
        ("Compact", False, "English item"),
        ("Compact", True, BOX),
        ("Heading4", False, "Scope of this chapter"),
    ]
    assert re.search(rf'ScopeBox"/><w:bidi/>.*?{ARABIC}', xml)


def _lines(pdf: Path) -> list[tuple[float, str]]:
    """Each line of the chapter's page: where it starts (x, points) and its words."""
    reader = PdfReader(pdf)
    page = next(p for p in reader.pages if "Every child safe" in (p.extract_text() or ""))
    number = str(reader.get_page_number(page) + 1)
    done = subprocess.run(
        ["pdftotext", "-bbox-layout", "-f", number, "-l", number, str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    found = re.findall(r'<line xMin="([\d.]+)"[^>]*>(.*?)</line>', done.stdout, re.S)
    return [(float(x), " ".join(re.findall(r">([^<]+)</word>", words))) for x, words in found]


def test_the_pdf_sets_them_against_the_right_margin(editions: Path) -> None:
    require(shutil.which("pdftotext"), "poppler-utils (pdftotext)")
    lines = _lines(editions / "tiny-draft.pdf")
    left = next(x for x, text in lines if text == "Every child safe, healthy and happy.")
    assert 60 < left < 70  # the page's left margin, 2.3 cm
    starts = ("(See) English", "Left to right", "বাংলা", "• English item")
    english = [x for x, text in lines if text.startswith(starts)]
    assert english == [left] * 4
    arabic = [x for x, text in lines if re.match("[\u0600-\u06ff.]", text)]
    # each short line set right to left ends at the right margin, far from the left one
    assert len(arabic) == 6 and all(x > left + 150 for x in arabic), lines


def test_copied_bengali_text_is_as_written(editions: Path) -> None:
    require(shutil.which("pdftotext"), "poppler-utils (pdftotext)")
    done = subprocess.run(
        ["pdftotext", str(editions / "tiny-draft.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert BENGALI in done.stdout.splitlines()


def test_the_pdf_with_them_is_still_accessible(editions: Path) -> None:
    """veraPDF's PDF/UA-1 profile: 0 failed checks with right-to-left boxes in it."""
    pdf = editions / "tiny-draft.pdf"
    assert verapdf([pdf])[pdf].failed == 0


def test_has_rtl_finds_what_the_pattern_finds() -> None:
    """has_rtl passes over text below the first right-to-left letter without the regex:
    the same answer as RTL_LETTER on generated text around every edge of its ranges."""
    import random

    from manualctl.publish.chapter_text import RTL_LETTER, has_rtl

    edges = [0x58F, 0x590, 0x8FF, 0x900, 0xFB1C, 0xFB1D, 0xFDFF, 0xFE00, 0xFE6F, 0xFE70]
    edges += [0xFEFC, 0xFEFD, 0x107FF, 0x10800, 0x10FFF, 0x11000, 0x1E7FF, 0x1E800, 0x1EFFF]
    edges += [0x1F000, 0x2019, 0x627, 0x5D0, 0x1F600, 0xE9, 0x41]
    rng = random.Random(5)
    cases = ["", "plain text", "Children’s services", "مرحبا", "emoji 😀"]
    for _ in range(3000):
        cases.append("".join(chr(rng.choice(edges)) for _ in range(rng.randint(0, 6))))
    for text in cases:
        assert has_rtl(text) == (RTL_LETTER.search(text) is not None), ascii(text)
