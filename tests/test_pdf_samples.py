"""The PDF editions of the sample manuals in manuals/, made as the README's main job makes
them (`manualctl publish manuals/ --format pdf`), each checked like a reader would."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO_ROOT
from pdfcheck import (
    contents_entries,
    empty_elements,
    links,
    named_pages,
    outline,
    page_texts,
    structure_kinds,
)
from pypdf import PdfReader

from manualctl.check.validate import open_manual
from manualctl.model.manual import ChapterEntry, ExternalEntry, Manual, Section, Subsection
from manualctl.upstream.resolve import inherited

pytestmark = pytest.mark.slow
MANUALS = sorted(p.parent.name for p in (REPO_ROOT / "manuals").glob("*/manual.yaml"))
EPOCH = "1793779200"  # 2026-11-04


def expected_outline(manual: Manual) -> list[tuple[int, str]]:
    """Bookmarks as the PDF must have them: every section and sub-section with something
    in it, every chapter and every chapter hosted elsewhere (its stub), nested as in the
    contents; the Amendments appendix last, under its own section's heading."""
    placed: list[tuple[Section, Subsection | None, str]] = []
    appendix: list[tuple[Section, Subsection | None, str]] = []
    for section, sub, entry in manual.walk():
        if isinstance(entry, ExternalEntry):
            placed.append((section, sub, f"{entry.number} {entry.title}"))
        elif isinstance(entry, ChapterEntry) and (c := manual.chapter_for(entry)) is not None:
            kept = appendix if c.kind == "amendments" else placed
            kept.append((section, sub, f"{entry.number} {c.title}"))
    out: list[tuple[int, str]] = []
    shown: set[str] = set()
    for section, sub, title in placed + appendix:
        if section.number not in shown:
            shown.add(section.number)
            out.append((0, f"{section.number}. {section.title}"))
        if sub is not None and sub.number not in shown:
            shown.add(sub.number)
            out.append((1, f"{sub.number} {sub.title}"))
        out.append((title.split(" ")[0].count("."), title))
    return out


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("editions")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        from manualctl.cli import main

        with pytest.raises(SystemExit) as done:
            main(["publish", str(REPO_ROOT / "manuals"), "--format", "pdf", "--out", str(out)])
    assert done.value.code == 0
    return out


@pytest.mark.parametrize("name", MANUALS)
def test_sample_manual_pdf(editions: Path, name: str) -> None:
    manual = open_manual(REPO_ROOT / "manuals" / name, resolver=inherited)
    [pdf] = editions.glob(f"{manual.id}-*.pdf")
    reader = PdfReader(pdf)
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog and bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == manual.language
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata is not None and reader.metadata.title == manual.title
    # Bookmarks: every section, sub-section and chapter, with its number and title.
    found = outline(reader)
    assert [(depth, title) for depth, title, _ in found] == expected_outline(manual)
    # Each chapter starts on the page its bookmark points to, in reading order.
    pages = page_texts(pdf)
    starts = [page for _, _, page in found]
    assert starts == sorted(starts)
    for _, title, page in found:
        assert title in pages[page - 1], (title, page)
    # Internal links land on the page of the heading they name.
    named = named_pages(reader)
    for link in links(reader):
        if link.name is not None:
            assert link.target == named[link.name]
    # Images carry alt text.
    counts, alts = structure_kinds(reader)
    assert all(alt.strip() for alt in alts)
    # The contents is tagged as one: a TOCI per bookmark, nested as the bookmarks are.
    assert contents_entries(reader) == [depth for depth, _, _ in found]
    assert counts["/TOC"] >= 1
    # No empty structure elements; the cover's title is a heading: H1 are the cover
    # title, "Contents" and each section.
    assert empty_elements(reader) == {}
    assert counts["/H1"] == 2 + sum(1 for depth, _, _ in found if depth == 0)


def test_full_text_sample_has_its_text_in_order(editions: Path) -> None:
    manual = open_manual(REPO_ROOT / "manuals" / "our-support-to-children-and-families")
    text = " ".join(page_texts(next(editions.glob(f"{manual.id}-*.pdf")))[2:])
    position = 0
    for entry in manual.chapter_entries():
        chapter = manual.chapter_for(entry)
        assert chapter is not None
        heading = f"{entry.number} {chapter.title}"
        found = text.find(heading, position)
        assert found >= position, heading
        position = found + len(heading)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is absent")
def test_full_text_sample_pages_render(editions: Path, tmp_path: Path) -> None:
    [pdf] = editions.glob("our-support-to-children-and-families-*.pdf")
    subprocess.run(["pdftoppm", "-r", "20", "-gray", str(pdf), str(tmp_path / "p")], check=True)
    rendered = sorted(tmp_path.glob("p-*.pgm"))
    assert len(rendered) == len(PdfReader(pdf).pages)
    for image in rendered:
        data = image.read_bytes()
        header = data.split(maxsplit=4)
        width, height = int(header[1]), int(header[2])
        pixels = header[4][: width * height]
        dark = sum(1 for p in pixels if p < 128) / (width * height)
        assert 0.002 < dark < 0.5, f"{image.name} looks blank or broken ({dark:.4f})"
