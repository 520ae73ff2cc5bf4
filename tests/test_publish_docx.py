"""The Word edition: what `manualctl publish --format docx` writes, read back with python-docx."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from manualctl.check.validate import open_manual
from manualctl.publish import docx_fonts
from manualctl.publish.document import build_document
from manualctl.upstream.resolve import inherited
from tests.conftest import FIXTURES, REPO_ROOT, git

SAMPLES = sorted(p.parent for p in (REPO_ROOT / "manuals").glob("*/manual.yaml"))

COMMITTED = "2026-11-04T10:00:00Z"  # the commit's date: printed on 4 November 2026
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def make_repo(tmp: Path) -> Path:
    """The publishing fixture committed in a fresh git repository, released as November 2026."""
    root = tmp / "repo" / "manuals" / "example-procedures"
    shutil.copytree(FIXTURES / "publishing", root)
    git(tmp / "repo", "init", "-q")
    git(tmp / "repo", "add", ".")
    git(tmp / "repo", "commit", "-q", "-m", "Example manual", date=COMMITTED)
    git(tmp / "repo", "tag", "-a", "example-procedures/2026-11", "-m", "November 2026")
    return root


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path)


def _publish(cli, root: Path, out: Path, *extra: str):  # type: ignore[no-untyped-def]
    return cli("publish", str(root), "--out", str(out), *extra)


def test_publish_lists_what_it_wrote(cli, repo: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "editions"
    result = _publish(cli, repo, out, "--json")
    assert result.exit_code == 0, result.stderr
    target = out / "example-procedures-2026-11.docx"
    import hashlib

    data = target.read_bytes()
    assert json.loads(result.stdout) == [
        {
            "manual": "example-procedures",
            "format": "docx",
            "edition": "2026-11",
            "draft": False,
            "chapter": None,
            "path": str(target),
            "bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
            "kept": False,
        }
    ]
    assert result.stderr == ""
    assert sorted(p.name for p in out.iterdir()) == [
        "example-procedures-2026-11.docx",
        "example-procedures-2026-11.docx.inputs.json",
    ]


HEADINGS = {f"Heading {n}" for n in range(1, 7)}


def _paragraphs(document: docx.document.Document) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs]


def test_word_edition_read_back(cli, repo: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "editions"
    assert _publish(cli, repo, out).exit_code == 0
    word = docx.Document(str(out / "example-procedures-2026-11.docx"))
    paragraphs = _paragraphs(word)
    # the cover, then the manual's own contents list with flags, statuses and each
    # heading's page (a PAGEREF field after a dotted tab: estimated until Word updates it)
    assert paragraphs[:18] == [
        ("Normal", ""),  # the logo
        ("Cover Organisation", "Example Children's Trust"),
        ("Heading 1", "Example Procedures Manual"),  # the cover's title: a real heading
        ("Cover Edition", "November 2026 edition"),
        ("Notice", "Uncontrolled copy printed on (the date of printing): valid for 72 hours."),
        ("Heading 1", "Contents"),
        ("Contents Section", "1. All Children\t3"),
        ("Contents Subsection", "1.1 Policy, Values and Principles\t3"),
        ("Contents Chapter", "1.1.1 Our Vision and Purpose New\t3"),
        ("Contents Chapter", "1.1.2 Confidentiality Policy - under review Updated\t4"),
        ("Contents Note", "N.B. A local policy can be substituted here"),
        ("Contents See Also", "See also: Early Help Assessment"),
        ("Contents See Also", "and Working Together to Safeguard Children"),
        ("Contents Section", "2. Family Support\t5"),
        ("Contents Chapter", "2.1 Early Help Assessment\t5"),
        (
            "Contents External",
            "2.2 Child Protection Enquiries - local\t6\n(Regional Child Protection Procedures)",
        ),
        ("Contents Section", "3. Appendices\t7"),
        ("Contents Chapter", "3.1 Amendments\t7"),
    ]
    # section > sub-section > chapter: built-in headings at their depth
    headings = [(style, text) for style, text in paragraphs if style in HEADINGS]
    # and the cover's title, "Contents" and each box's title (one level below its
    # chapter) are headings too, as in the PDF and on the website
    assert headings == [
        ("Heading 1", "Example Procedures Manual"),
        ("Heading 1", "Contents"),
        ("Heading 1", "1. All Children"),
        ("Heading 2", "1.1 Policy, Values and Principles"),
        ("Heading 3", "1.1.1 Our Vision and Purpose"),
        ("Heading 4", "Amendment"),
        ("Heading 4", "Scope of this chapter"),
        ("Heading 4", "1. Our vision"),
        ("Heading 4", "2. Our values"),
        ("Heading 3", "1.1.2 Confidentiality Policy"),
        ("Heading 4", "Amendment"),
        ("Heading 4", "Related guidance and chapters"),
        ("Heading 4", "1. Sharing information"),
        ("Heading 1", "2. Family Support"),
        ("Heading 2", "2.1 Early Help Assessment"),
        ("Heading 3", "1. What early help is"),
        ("Heading 2", "2.2 Child Protection Enquiries"),
        ("Heading 1", "3. Appendices"),
        ("Heading 2", "3.1 Amendments"),
        ("Heading 3", "November 2026"),
        ("Heading 4", "Updated Chapters"),
        ("Heading 4", "New Chapters and Features"),
    ]
    start = paragraphs.index(("Heading 3", "1.1.2 Confidentiality Policy"))
    assert paragraphs[start + 1 : start + 8] == [
        ("Chapter Flag", "Updated"),
        ("Heading 4", "Amendment"),
        (
            "Amendment Box",
            "In November 2026, section 1 has been updated to include the seven golden rules.",
        ),
        ("Chapter Status", "Status: under review"),
        ("Chapter Note", "N.B. A local policy can be substituted here"),
        ("Heading 4", "Related guidance and chapters"),
        ("Related Box", "Early Help Assessment"),
    ]
    stub = paragraphs.index(("Heading 2", "2.2 Child Protection Enquiries"))
    assert paragraphs[stub + 2] == (
        "Body Text",
        "This chapter is published elsewhere, in Regional Child Protection Procedures: "
        "Child Protection Enquiries.",
    )
    body = word.element.body
    # the cover notice's print date, then the page numbers as PAGEREF fields (their
    # cached numbers estimated); Word asks to update fields on opening
    instr = [t.text for t in body.iter(qn("w:instrText"))]
    assert instr[:3] == [
        ' PRINTDATE \\@ "d MMMM yyyy" ',
        " PAGEREF _Page1 \\h ",
        " PAGEREF _Page2 \\h ",
    ]
    assert word.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"
    # each part starts a page, but a heading right after a section's or sub-section's
    # heading shares its page
    breaks = [
        (p.text, p.paragraph_format.page_break_before)
        for p in word.paragraphs
        if p.style.name in HEADINGS and p.paragraph_format.page_break_before is not None
    ]
    assert breaks == [
        ("Example Procedures Manual", False),
        ("Contents", True),
        ("1. All Children", True),
        ("1.1 Policy, Values and Principles", False),
        ("1.1.1 Our Vision and Purpose", False),
        ("1.1.2 Confidentiality Policy", True),
        ("2. Family Support", True),
        ("2.1 Early Help Assessment", False),
        ("2.2 Child Protection Enquiries", True),
        ("3. Appendices", True),
        ("3.1 Amendments", False),
    ]
    # internal links point at bookmarks that exist; external links are relationships
    bookmarks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    anchors = [h.get(qn("w:anchor")) for h in body.iter(qn("w:hyperlink")) if h.get(qn("w:anchor"))]
    assert anchors and set(anchors) <= bookmarks
    assert "confidentiality" in anchors and "early-help--what-early-help-is" in anchors
    external = {r.target_ref for r in word.part.rels.values() if r.reltype.endswith("/hyperlink")}
    assert "https://example.org/cp-enquiries" in external
    # tables: as wide as the page, header row repeated
    for table in body.iter(qn("w:tbl")):
        width = table.find(qn("w:tblPr")).find(qn("w:tblW"))
        assert (width.get(qn("w:type")), width.get(qn("w:w"))) == ("pct", "5000")
        assert table.find(qn("w:tr")).find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
    # images carry their alt text, which is not printed as a caption
    alts = [d.get("descr") for d in body.iter("{*}docPr")]
    assert alts == ["Example Children's Trust logo", "The three areas of the city"]
    assert [p for p in paragraphs if p[1] == "The three areas of the city"] == []
    assert {"Image Caption", "Captioned Figure"}.isdisjoint(style for style, _ in paragraphs)
    # a list keeps together: its lead-in with its first item, its last two items
    listed = [p for p in word.paragraphs if p._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None]
    assert listed
    for p in listed:
        if (
            p._p.getprevious() is None
            or p._p.getprevious().find(f"{qn('w:pPr')}/{qn('w:numPr')}") is None
        ):
            lead = p._p.getprevious()
            assert lead.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None, p.text
            assert p.paragraph_format.keep_with_next, p.text
    # Liberation Sans is embedded (each face de-obfuscates to the file manualctl ships)
    with zipfile.ZipFile(out / "example-procedures-2026-11.docx") as package:
        table = package.read("word/fontTable.xml").decode()
        settings = package.read("word/settings.xml").decode()
        embedded = {n: package.read(n) for n in package.namelist() if n.endswith(".odttf")}
    assert "<w:embedTrueTypeFonts/>" in settings
    keys = re.findall(r'<w:(embed\w+) r:id="rIdFont\d" w:fontKey="(\{[0-9A-F-]+\})"/>', table)
    assert [element for element, _ in keys] == [e for e, _ in docx_fonts.FACES]
    for (_, key), (_, name), part in zip(keys, docx_fonts.FACES, sorted(embedded), strict=True):
        shipped = (REPO_ROOT / "templates" / "fonts" / name).read_bytes()
        assert docx_fonts.obfuscate(embedded[part], key) == shipped
        assert embedded[part] != shipped
    # footnotes came through
    with zipfile.ZipFile(out / "example-procedures-2026-11.docx") as package:
        notes = package.read("word/footnotes.xml").decode()
    assert "Data Protection Act 2018." in notes and "See Right Help, Right Time." in notes


def test_header_footer_and_properties(cli, repo: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "editions"
    assert _publish(cli, repo, out).exit_code == 0
    word = docx.Document(str(out / "example-procedures-2026-11.docx"))
    section = word.sections[0]
    assert section.different_first_page_header_footer is True  # a bare cover page
    assert [p.text for p in section.header.paragraphs] == [
        "Example Procedures Manual · November 2026 edition"
    ]
    footer = section.footer
    assert [p.text for p in footer.paragraphs] == [
        "Uncontrolled copy printed on (the date of printing): valid for 72 hours.",
        "Page 1 of 1",
    ]
    codes = [t.text.strip() for t in footer._element.iter(qn("w:instrText"))]
    assert codes == ['PRINTDATE \\@ "d MMMM yyyy"', "PAGE", "NUMPAGES"]  # the day it is printed
    props = word.core_properties
    assert (props.title, props.subject, props.author, props.language) == (
        "Example Procedures Manual",
        "Example Procedures Manual: November 2026 edition",
        "Example Children's Trust",
        "en-GB",
    )
    assert props.created.isoformat() == "2026-11-04T10:00:00+00:00"
    assert props.identifier == "example-procedures/2026-11"
    assert section.page_width.cm == pytest.approx(21.0, abs=0.01)
    styles = {s.name for s in word.styles}
    assert {"Amendment Box", "Scope Box", "Related Box", "Flag", "Cover Title"} <= styles


def test_same_commit_same_bytes(cli, repo: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first, second = tmp_path / "one", tmp_path / "two"
    assert _publish(cli, repo, first).exit_code == 0
    assert _publish(cli, repo, second).exit_code == 0
    name = "example-procedures-2026-11.docx"
    assert (first / name).read_bytes() == (second / name).read_bytes()
    with zipfile.ZipFile(first / name) as package:
        assert {i.date_time for i in package.infolist()} == {(2026, 11, 4, 10, 0, 0)}
        assert package.namelist()[0] == "[Content_Types].xml"


def test_source_date_epoch_wins(
    cli, repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798761600")  # 1 January 2027
    assert _publish(cli, repo, tmp_path / "out").exit_code == 0
    word = docx.Document(str(tmp_path / "out" / "example-procedures-2026-11.docx"))
    assert word.core_properties.comments == (
        "This edition was published on 1 January 2027. Printed copies are uncontrolled: "
        "check the online manual for the current version."
    )


def test_failed_publish_leaves_the_previous_file(cli, repo: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "editions"
    assert _publish(cli, repo, out).exit_code == 0
    target = out / "example-procedures-2026-11.docx"
    before = target.read_bytes()
    chapter = repo / "chapters" / "family-support" / "early-help.md"
    chapter.write_text(chapter.read_text() + "\n::: scope\nNever closed.\n")
    result = _publish(cli, repo, out)
    assert result.exit_code == 1
    assert "error box-unbalanced: this '::: ...' box is never closed" in result.stderr
    assert "Traceback" not in result.stderr
    assert target.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == [
        "example-procedures-2026-11.docx",
        "example-procedures-2026-11.docx.inputs.json",
    ]


def test_invalid_manual_is_not_published(cli, repo: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (repo / "chapters" / "family-support" / "early-help.md").unlink()
    out = tmp_path / "editions"
    result = _publish(cli, repo, out)
    assert result.exit_code == 1
    assert "missing-file" in result.stderr
    assert "has 1 error(s)" in result.stderr
    assert not out.exists()


def test_one_chapter_edition(cli, repo: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "editions"
    result = _publish(cli, repo, out, "--chapter", "confidentiality", "--edition", "2026-11")
    assert result.exit_code == 0, result.stderr
    target = out / "example-procedures-2026-11-confidentiality.docx"
    assert result.stdout == f"Wrote {target} (Word, {target.stat().st_size // 1024 + 1} KB)\n"
    word = docx.Document(str(target))
    headings = [(p.style.name, p.text) for p in word.paragraphs if p.style.name in HEADINGS]
    assert headings == [
        ("Heading 1", "1. All Children"),
        ("Heading 2", "1.1 Policy, Values and Principles"),
        ("Heading 3", "1.1.2 Confidentiality Policy"),
        ("Heading 4", "Amendment"),
        ("Heading 4", "Related guidance and chapters"),
        ("Heading 4", "1. Sharing information"),
    ]
    assert word.paragraphs[0].paragraph_format.page_break_before is False
    assert word.sections[0].different_first_page_header_footer is False


def test_unknown_format_is_a_usage_error(cli, repo: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = _publish(cli, repo, tmp_path / "out", "--format", "docx,odt")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: Cannot publish the format(s) odt. Use --format with one or more of: "
        "docx, html, pdf (comma-separated, for example --format docx).\n"
    )


def test_a_released_commit_publishes_its_tagged_edition(cli, repo: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Released on 2 December as the November edition: the files say November. A commit
    after it is a draft of the next edition, labelled as one; its tag makes it an edition."""
    top = repo.parent.parent
    with (repo / "manual.yaml").open("a") as handle:
        handle.write("# After the November 2026 edition.\n")
    git(top, "commit", "-q", "-am", "Later", date="2026-12-02T09:00:00Z")
    out = tmp_path / "editions"
    result = _publish(cli, repo, out)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "example-procedures-draft.docx",
        "example-procedures-draft.docx.inputs.json",
    ]
    word = docx.Document(str(out / "example-procedures-draft.docx"))
    line = "Draft of the next edition, not released; based on November 2026"
    assert [p.text for p in word.paragraphs if p.style.name == "Cover Edition"] == [line]
    assert word.sections[0].header.paragraphs[0].text == f"Example Procedures Manual · {line}"
    git(top, "tag", "-a", "example-procedures/2027-05", "-m", "May 2027")
    assert _publish(cli, repo, out).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "example-procedures-2027-05.docx",
        "example-procedures-2027-05.docx.inputs.json",
        "example-procedures-draft.docx",
        "example-procedures-draft.docx.inputs.json",
    ]
    word = docx.Document(str(out / "example-procedures-2027-05.docx"))
    assert word.sections[0].header.paragraphs[0].text == (
        "Example Procedures Manual · May 2027 edition"
    )


def _contrast(one: str, two: str) -> float:
    def luminance(digits: str) -> float:
        channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_sample_word_editions_are_structured_and_legible(sample: Path, tmp_path: Path) -> None:
    """Every section, sub-section and chapter title is a built-in heading at its depth
    (and nothing else is styled as one), links are underlined, and every text colour is
    at least 4.5:1 on every background a paragraph style gives it."""
    from manualctl.cli import main

    with pytest.raises(SystemExit) as done:
        main(["publish", str(sample), "--out", str(tmp_path)])
    assert done.value.code == 0
    [path] = tmp_path.glob("*.docx")
    word = docx.Document(str(path))
    manual = open_manual(sample, resolver=inherited)
    doc = build_document(manual, edition="2026-11", printed_on=date(2026, 11, 4))
    wanted: list[tuple[str, str]] = []
    shown: set[str] = set()
    for chapter in doc.chapters:
        parts = chapter.number.split(".")
        for depth in range(1, len(parts)):
            number = ".".join(parts[:depth])
            if number not in shown:
                shown.add(number)
                wanted.append((f"Heading {depth}", number))
        wanted.append((f"Heading {len(parts)}", chapter.number))

    # the parts are the headings with a page bookmark (what the contents' PAGEREF names)
    def part(p: docx.text.paragraph.Paragraph) -> bool:
        marks = p._p.iterchildren(qn("w:bookmarkStart"))
        return any((m.get(qn("w:name")) or "").startswith("_Page") for m in marks)

    found = [
        (p.style.name, p.text.split(" ", 1)[0].rstrip(".")) for p in word.paragraphs if part(p)
    ]
    assert found == wanted
    # a box's title is a heading one level below its chapter's; the cover's title and
    # "Contents" are Heading 1; nothing else is styled as a heading or title
    level = 0
    for p in word.paragraphs:
        if part(p):
            level = int(p.style.name.removeprefix("Heading "))
        elif p.text in ("Amendment", "Scope of this chapter", "Related guidance and chapters"):
            assert p.style.name == f"Heading {level + 1}", (p.text, level)
    titles = [p.text for p in word.paragraphs if p.style.name == "Heading 1" and not part(p)]
    assert titles == [manual.title, "Contents"]
    looks = {p.style.name for p in word.paragraphs if p.style.name not in HEADINGS}
    assert [name for name in looks if "Title" in name or "Heading" in name] == []
    # the outline level comes with the built-in style
    for level in (1, 2, 3):
        ppr = word.styles[f"Heading {level}"].element.find(qn("w:pPr"))
        assert ppr.find(qn("w:outlineLvl")).get(qn("w:val")) == str(level - 1)
    # nothing else looks like a heading: the old title styles are gone
    assert {"Section Title", "Subsection Title"}.isdisjoint(s.name for s in word.styles)
    link = word.styles["Hyperlink"].font
    assert link.underline is True
    # every text colour of the styles the edition uses, against white and against each
    # shaded style's fill
    used = {
        e.get(qn("w:val"))
        for tag in ("w:pStyle", "w:rStyle")
        for e in word.element.body.iter(qn(tag))
    } | {"Hyperlink", "Normal"}
    fills = {"FFFFFF"}
    colours = set()
    for style in word.styles.element.iter(qn("w:style")):
        if style.get(qn("w:styleId")) not in used:
            continue
        for shd in style.iter(qn("w:shd")):
            if shd.get(qn("w:fill")) not in (None, "auto"):
                fills.add(shd.get(qn("w:fill")).upper())
        for color in style.iter(qn("w:color")):
            if color.get(qn("w:val")) not in (None, "auto"):
                colours.add(color.get(qn("w:val")).upper())
    low = [(c, f) for c in colours for f in fills if _contrast(c, f) < 4.5]
    assert low == []


def test_pandoc_runs_with_its_own_environment(
    cli, repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """The user's settings for Haskell programs (GHCRTS: here a heap too small for pandoc)
    and for pandoc (a data folder, PANDOC_* variables) do not reach manualctl's pandoc:
    the same file as without them."""
    assert _publish(cli, repo, tmp_path / "plain").exit_code == 0
    data = tmp_path / "data" / "pandoc" / "templates"
    data.mkdir(parents=True)
    (data / "default.openxml").write_text("not a template", encoding="utf-8")
    monkeypatch.setenv("GHCRTS", "-M4m")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("PANDOC_VERSION", "0")
    done = _publish(cli, repo, tmp_path / "set")
    assert done.exit_code == 0, done.stderr
    name = "example-procedures-2026-11.docx"
    assert (tmp_path / "set" / name).read_bytes() == (tmp_path / "plain" / name).read_bytes()
