"""The PDF edition of a real manual: the shared document model through the PDF pipeline.

tests/fixtures/publishing is a small manual with every element an edition shows (the
docx branch's fixture); it is read, validated, built into the document model and
rendered to PDF for real, then read back with pypdf.
"""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from conftest import FIXTURES, git
from pdfcheck import links, named_pages, outline, page_texts, structure_kinds
from pypdf import PdfReader

from manualctl.check.load import display
from manualctl.check.validate import open_manual
from manualctl.publish.document import build_document
from manualctl.publish.pdf import content_findings, render_pdf

pytestmark = pytest.mark.slow
CREATED = datetime(2026, 11, 4, 8, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = Path(shutil.copytree(FIXTURES / "publishing", tmp_path_factory.mktemp("m") / "m"))
    document = build_document(open_manual(root), edition="2026-11", printed_on=date(2026, 11, 4))
    out = root.parent / "example.pdf"
    out.write_bytes(render_pdf(document, created=CREATED))
    return out


def test_outline_is_the_manual_tree(edition: Path) -> None:
    manual = open_manual(FIXTURES / "publishing")
    assert outline(PdfReader(edition)) == [
        (0, "1. All Children", 3),
        (1, "1.1 Policy, Values and Principles", 3),
        (2, "1.1.1 Our Vision and Purpose", 3),
        (2, "1.1.2 Confidentiality Policy", 4),
        (0, "2. Family Support", 5),
        (1, "2.1 Early Help Assessment", 5),
        (1, "2.2 Child Protection Enquiries", 6),  # hosted elsewhere: a stub page
        (0, "3. Appendices", 7),
        (1, "3.1 Amendments", 7),
    ]
    # Every chapter of the manual is bookmarked, with its number and title.
    titles = {title for _, title, _ in outline(PdfReader(edition))}
    for entry in manual.chapter_entries():
        chapter = manual.chapter_for(entry)
        assert chapter is not None
        assert f"{entry.number} {chapter.title}" in titles


def test_accessibility_properties(edition: Path) -> None:
    reader = PdfReader(edition)
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == "en-GB"
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata is not None
    assert reader.metadata.title == "Example Procedures Manual"
    counts, alts = structure_kinds(reader)
    assert alts == ["Example Children's Trust logo", "The three areas of the city"]
    assert (counts["/H1"], counts["/H2"], counts["/H3"], counts["/H4"]) == (
        5,
        4,
        4,
        9,
    )  # cover title, Contents, 3 sections; box titles
    assert counts["/Note"] == 3


def test_every_chapter_in_order_with_its_boxes(edition: Path) -> None:
    pages = page_texts(edition)
    assert len(pages) == 7
    assert pages[3].startswith(
        "Example Procedures Manual November 2026 edition 1.1.2 Confidentiality Policy Updated "
        "Amendment In November 2026, section 1 has been updated to include the seven golden "
        "rules. Status: under review N.B. A local policy can be substituted here "
        "Related guidance and chapters Early Help Assessment 1. Sharing information"
    )
    assert pages[3].endswith(
        "This edition was published on 4 November 2026. Printed copies are uncontrolled: "
        "check the online manual for the current version. Page 4 of 7"
    )
    starts = [
        (2, "1. All Children 1.1 Policy, Values and Principles 1.1.1 Our Vision and Purpose New"),
        (3, "1.1.2 Confidentiality Policy Updated"),
        (4, "2. Family Support 2.1 Early Help Assessment 1. What early help is"),
        (5, "2.2 Child Protection Enquiries Status: local This chapter is published elsewhere"),
        (6, "3. Appendices 3.1 Amendments November 2026 Updated Chapters Chapter Name Details"),
    ]
    header = "Example Procedures Manual November 2026 edition "
    for index, text in starts:
        assert pages[index].startswith(header + text), pages[index]


def test_links_go_to_the_chapter_pages(edition: Path) -> None:
    reader = PdfReader(edition)
    pages = page_texts(edition)
    named = named_pages(reader)
    for link in links(reader):
        if link.uri is not None:
            assert link.uri.startswith("https://")
            continue
        assert link.target is not None
        if link.name in ("our-vision", "confidentiality", "early-help", "amendments"):
            assert named[link.name] == link.target
    chapter_pages = {name: named[name] for name in ("our-vision", "confidentiality", "early-help")}
    assert chapter_pages == {"our-vision": 3, "confidentiality": 4, "early-help": 5}
    assert "2.1 Early Help Assessment" in pages[chapter_pages["early-help"] - 1]


def _repo(tmp_path: Path) -> Path:
    """The fixture manual committed in a git repository with a fixed date."""
    root = Path(shutil.copytree(FIXTURES / "publishing", tmp_path / "repo"))
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "The manual", date="2026-11-04T08:00:00Z")
    git(root, "tag", "-a", "example-procedures/2026-11", "-m", "November 2026")
    return root


def test_publish_pdf_twice_gives_the_same_bytes(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = _repo(tmp_path)
    first = cli("publish", "-m", str(root), "--format", "docx,pdf", "--out", str(tmp_path / "a"))
    assert first.exit_code == 0, first.stderr
    second = cli("publish", "-m", str(root), "--format", "pdf", "--out", str(tmp_path / "b"))
    assert second.exit_code == 0, second.stderr
    name = "example-procedures-2026-11.pdf"
    assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == [
        "example-procedures-2026-11.docx",
        "example-procedures-2026-11.docx.inputs.json",
        name,
        f"{name}.inputs.json",
    ]
    reader = PdfReader(tmp_path / "a" / name)
    assert reader.metadata is not None
    assert reader.metadata["/CreationDate"] == "D:20261104080000Z"
    assert outline(reader)[0] == (0, "1. All Children", 3)


def test_publish_pdf_a_2b_and_unknown_standard(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = _repo(tmp_path)
    out = tmp_path / "out"
    result = cli("publish", "-m", str(root), "-f", "pdf", "--pdf-standard", "a-2b", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    catalog = PdfReader(out / "example-procedures-2026-11.pdf").trailer["/Root"]
    xmp = catalog["/Metadata"].get_object().get_data().decode("utf-8")
    assert "<pdfaid:part>2</pdfaid:part>" in xmp and "<pdfuaid:part>1</pdfuaid:part>" in xmp
    wrong = cli("publish", "-m", str(root), "-f", "pdf", "--pdf-standard", "x-1", "-o", str(out))
    assert wrong.exit_code == 2
    assert wrong.stderr == (
        "Error: Unknown PDF standard 'x-1'. Use --pdf-standard with one of: ua-1, a-2b "
        "(ua-1: accessible, the default; a-2b: accessible and PDF/A-2b for archiving).\n"
    )


def test_raw_typst_in_a_chapter_is_refused_with_its_line(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = _repo(tmp_path)
    chapter = root / "chapters" / "family-support" / "early-help.md"
    text = chapter.read_text("utf-8")
    chapter.write_text(text + '\n```{=typst}\n#read("/etc/passwd")\n```\n', "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "example-procedures-2026-11.pdf").write_bytes(b"the last good edition")
    result = cli("publish", "-m", str(root), "--format", "pdf", "--out", str(out))
    assert result.exit_code == 1
    line = text.count("\n") + 2
    assert result.stderr == (
        f'{display(chapter)}:{line}:1: error raw-markup: raw Typst "```{{=typst}}" in the '
        "chapter text: the editions would show it as text, not as formatting.\n"
        "    hint: Remove it: publish lays out the Word and PDF editions itself.\n"
        f"Error: The manual in {display(root)} has 1 error(s). Fix them (run 'manualctl "
        "validate' to see them again), then retry.\n"
    )
    assert (out / "example-procedures-2026-11.pdf").read_bytes() == b"the last good edition"
    # The PDF edition's own check finds it too, should validate's rules ever let it by.
    [finding] = content_findings(root, ["chapters/family-support/early-help.md"])
    assert (finding.line, finding.column, finding.code) == (line, 1, "raw-typst")


def test_image_outside_the_manual_is_refused_naming_the_chapter(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = _repo(tmp_path)
    (tmp_path / "outside.png").write_bytes((root / "media" / "logo.png").read_bytes())
    chapter = root / "chapters" / "family-support" / "early-help.md"
    text = chapter.read_text("utf-8")
    chapter.write_text(text + "\n![x](../../../outside.png)\n", "utf-8")
    result = cli("publish", "-m", str(root), "--format", "pdf", "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    line = text.count("\n") + 2
    assert result.stderr.splitlines()[0] == (
        f'{display(chapter)}:{line}:6: error image-outside: the image "../../../outside.png" '
        "is outside the manual's folder."
    )
    assert not (tmp_path / "out" / "example-procedures-2026-11.pdf").exists()


def test_image_without_alt_text_is_refused_with_its_line(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = _repo(tmp_path)
    chapter = root / "chapters" / "family-support" / "early-help.md"
    text = chapter.read_text("utf-8")
    chapter.write_text(text + "\n![](../../media/diagram.png)\n", "utf-8")
    result = cli("publish", "-m", str(root), "--format", "pdf", "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    line = text.count("\n") + 2
    assert result.stderr.splitlines()[0] == (
        f'{display(chapter)}:{line}:1: error image-alt: the image "../../media/diagram.png" '
        "has no alt text."
    )
    [finding] = content_findings(root, ["chapters/family-support/early-help.md"])
    assert (finding.line, finding.column, finding.code) == (line, 1, "image-alt")
