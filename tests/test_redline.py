"""``manualctl redline``: the changes between two editions as Word tracked changes and a page.

A real repository (tests/fixtures/editions) released as May 2026, changed, and released
as November 2026, with fixed dates. The Word XML of each changed chapter is compared
whole; LibreOffice's round trip (tests/lo_redline.py) is in test_redline_libreoffice.py.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from conftest import commit_all, copy_fixture, git
from editions_helpers import append, replace

VISION = "chapters/all-children/our-vision.md"
EARLY = "chapters/family-support/early-help.md"
BREAKS = "chapters/family-support/short-breaks.md"
CONFIDENTIALITY = "chapters/all-children/confidentiality.md"
NEW_CHAPTER = """---
id: staying-put
title: Staying Put
owner: Head of Service
review:
  last: 2026-09-01
  every_months: 12
---

## 1. Staying put

Young people may stay with their foster carers.
"""


TOGETHER = "chapters/family-support/working-together.md"
WORKING_TOGETHER = """---
id: working-together
title: Working Together
owner: Head of Service
review:
  last: 2026-01-10
  every_months: 12
---

## 1. Who does what

- The social worker visits.
- The manager checks.
- The team meets weekly.

| Role | Task |
|------|------|
| Worker | Visits the child |
| Manager | Signs off |

Consent is needed.[^1]

[^1]: See the consent policy.

This paragraph goes.
"""


def _may(repo: Path) -> Path:
    """tests/fixtures/editions with a chapter of lists, a table and a footnote, released
    as May 2026."""
    (repo / TOGETHER).write_text(WORKING_TOGETHER, encoding="utf-8")
    replace(
        repo / "manual.yaml",
        "      - file: chapters/family-support/short-breaks.md\n",
        f"      - file: chapters/family-support/short-breaks.md\n      - file: {TOGETHER}\n",
    )
    git(repo, "init", "-q")
    commit_all(repo, "The sample manual", date="2026-01-01T12:00:00Z")
    git(repo, "tag", "-a", "sample/2026-05", "-m", "May 2026 edition", date="2026-05-01T12:00:00Z")
    return repo


def _november(repo: Path) -> None:
    """The changes of the November 2026 edition, released with its tag."""
    replace(repo / TOGETHER, "title: Working Together", "title: Working Together Safely")
    replace(
        repo / TOGETHER,
        "- The manager checks.\n- The team meets weekly.\n",
        "- The team meets weekly.\n- The manager checks.\n",
    )
    replace(repo / TOGETHER, "| Visits the child |", "| Visits the child monthly |")
    replace(repo / TOGETHER, "| Signs off |\n", "| Signs off |\n| Panel | Decides |\n")
    replace(repo / TOGETHER, "See the consent policy.", "See the local consent policy.")
    replace(repo / TOGETHER, "\nThis paragraph goes.\n", "")
    replace(repo / VISION, "healthy and happy.", "well and happy. Children are heard.")
    append(repo / EARLY, "\nA brand new paragraph here.\n")
    replace(repo / CONFIDENTIALITY, "Share information", "Share information lawfully")
    commit_all(repo, "Vision and early help", date="2026-09-01T12:00:00Z")
    (repo / "chapters/family-support/staying-put.md").write_text(NEW_CHAPTER, encoding="utf-8")
    replace(
        repo / "manual.yaml",
        "      - file: chapters/family-support/short-breaks.md\n",
        "      - file: chapters/family-support/staying-put.md\n",
    )
    git(repo, "rm", "-q", BREAKS)
    replace(
        repo / "manual.yaml",
        "contents:",
        "retired:\n  - id: short-breaks\n    title: Short Breaks\ncontents:",
    )
    commit_all(repo, "Staying put replaces short breaks", date="2026-10-01T12:00:00Z")
    git(repo, "tag", "-a", "sample/2026-11", "-m", "November 2026", date="2026-11-01T12:00:00Z")


def _document(path: Path) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read("word/document.xml").decode("utf-8")


_BOOKMARK = re.compile(r"<w:bookmark(Start|End) [^>]*/>")


def _texts(xml: str) -> set[str]:
    """A paragraph's text at FROM (its insertions left out) and at TO (its deletions),
    however pandoc split it into runs."""
    return {
        "".join(re.findall(r"<w:(?:t|delText)\b[^>]*>([^<]*)<", part))
        for part in (
            re.sub(rf"<w:{kind} [^>]*[^/]>.*?</w:{kind}>", "", xml) for kind in ("ins", "del")
        )
    }


def _chapter_xml(document: str, title: str) -> str:
    """The body of the chapter whose heading ends with ``title``: every paragraph after
    its heading up to the next section's or chapter's heading, bookmarks left out."""
    body = _BOOKMARK.sub("", document.split("<w:body>", 1)[1])
    paragraphs = re.findall(r"<w:p>.*?</w:p>|<w:p [^>]*>.*?</w:p>|<w:tbl>.*?</w:tbl>", body)
    out: list[str] = []
    level = 0
    for p in paragraphs:
        heading = re.search(r'<w:pStyle w:val="Heading([1-9])"/>', p)
        if heading and level and int(heading[1]) <= level:
            break
        if level:
            out.append(p)
        if heading and any(text.endswith(f" {title}") for text in _texts(p)):
            level = int(heading[1])
    return "\n".join(out)


@pytest.fixture
def released(tmp_path: Path) -> Path:
    repo = _may(copy_fixture("editions", tmp_path / "sample"))
    _november(repo)
    return repo


def test_redline_lists_the_changed_chapters(released: Path, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    done = cli("redline", "2026-05", "2026-11", "-m", str(released), "--out", str(out))
    assert done.exit_code == 0, done.stderr
    target = out / "sample-redline-2026-05-to-2026-11.docx"
    assert done.stdout == (
        "Changes from May 2026 (sample/2026-05) to November 2026 (sample/2026-11): "
        "6 chapter(s).\n"
        "  Updated: our-vision\n"
        "  Updated: confidentiality\n"
        "  Updated: early-help\n"
        "  Removed: short-breaks\n"
        "  New: staying-put\n"
        "  Updated: working-together (Retitled: Working Together → Working Together Safely.)\n"
        f"Wrote {target} ({target.stat().st_size // 1024 + 1} KB)\n"
    )


DATE = 'w:author="manualctl" w:date="2026-10-01T12:00:00Z"'


def _front(document: str) -> list[str]:
    """The paragraphs before the first section's heading, each as "Style | text" (the
    fields' instructions in braces; "Style +|" a paragraph inserted whole, "-|" deleted)."""
    body = re.split(r'<w:bookmarkStart [^>]*w:name="section--', document.split("<w:body>")[1])[0]
    out = []
    for p in re.findall(r"<w:p>.*?</w:p>|<w:p [^>]*>.*?</w:p>", body):
        style = re.search(r'<w:pStyle w:val="([^"]+)"/>', p)
        parts = re.finditer(r"<w:(t|delText|instrText|delInstrText)\b[^>]*>([^<]*)<|<w:tab/>", p)
        text = "".join(
            "\t" if m[1] is None else f"{{{m[2].strip()}}}" if "nstr" in m[1] else m[2]
            for m in parts
        )
        mark = re.search(r"<w:rPr><w:(ins|del) [^>]*/></w:rPr></w:pPr>", p)
        whole = {"ins": " +", "del": " -"}[mark[1]] if mark else " "
        out.append(f"{style[1] if style else ''}{whole}| {text}")
    return out


def test_the_word_contents_say_what_happened_to_each_chapter(
    released: Path, cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Under its headings the Word file has only the editions' text; the contents list
    says what happened to each chapter, with its page."""
    out = tmp_path / "out"
    args = ("redline", "2026-05", "2026-11", "-m", str(released), "--out", str(out))
    assert cli(*args).exit_code == 0
    assert _front(_document(out / "sample-redline-2026-05-to-2026-11.docx")) == [
        "CoverOrganisation | Example Children's Trust",
        "Heading1 | Sample Procedures Manual",
        "CoverEdition | Changes from May 2026 to November 2026",
        'Notice | This is an uncontrolled copy, printed on {PRINTDATE \\@ "d MMMM yyyy"}(the '
        "date of printing). It is valid for 72 hours from printing: check the online manual "
        "for the current version.",
        "Heading1 | Contents",
        "ContentsSection | 1. All Children\t{PAGEREF _Page1 \\h}3",
        "ContentsSubsection | 1.1 Policy, Values and Principles\t{PAGEREF _Page2 \\h}3",
        "ContentsChapter | 1.1.1 Our Vision Updated\t{PAGEREF _Page3 \\h}3",
        "ContentsChapter | 1.1.2 Confidentiality Policy Updated\t{PAGEREF _Page4 \\h}4",
        "ContentsSection | 2. Family Support\t{PAGEREF _Page5 \\h}5",
        "ContentsChapter | 2.1 Early Help Updated\t{PAGEREF _Page6 \\h}5",
        "ContentsChapter -| 2.2 Short Breaks Removed\t{PAGEREF _Page7 \\h}6",
        "ContentsChapter +| 2.2 Staying Put New\t{PAGEREF _Page8 \\h}7",
        "ContentsChapter | 2.3 Working Together Safely Updated (Retitled: Working Together → "
        "Working Together Safely.)\t{PAGEREF _Page9 \\h}8",
    ]


def test_word_changes_are_tracked_changes(released: Path, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    assert (
        cli("redline", "2026-05", "2026-11", "-m", str(released), "--out", str(out)).exit_code == 0
    )
    document = _document(out / "sample-redline-2026-05-to-2026-11.docx")
    # a word changed and a sentence inserted
    assert _chapter_xml(document, "Our Vision") == (
        '<w:p><w:pPr><w:pStyle w:val="Heading4"/></w:pPr><w:r><w:t xml:space="preserve">'
        "1. Our vision</w:t></w:r></w:p>\n"
        '<w:p><w:pPr><w:pStyle w:val="FirstParagraph"/></w:pPr><w:r><w:t xml:space="preserve">'
        "Every child safe, </w:t></w:r>"
        f'<w:del w:id="1000014" {DATE}><w:r><w:delText xml:space="preserve">healthy'
        f'</w:delText></w:r></w:del><w:ins w:id="1000015" {DATE}><w:r>'
        '<w:t xml:space="preserve">well</w:t></w:r></w:ins><w:r><w:t xml:space="preserve"> '
        "and happy.</w:t></w:r>"
        f'<w:ins w:id="1000016" {DATE}><w:r><w:t xml:space="preserve"> Children are heard.'
        "</w:t></w:r></w:ins></w:p>"
    )


def _whole(style: str, kind: str, first: int, text: str) -> str:
    """The XML of a paragraph wholly inserted (kind "ins") or deleted ("del")."""
    t = "t" if kind == "ins" else "delText"
    return (
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/><w:rPr><w:{kind} w:id="{first}" {DATE}/>'
        f'</w:rPr></w:pPr><w:{kind} w:id="{first + 1}" {DATE}><w:r><w:{t} xml:space="preserve">'
        f"{text}</w:{t}></w:r></w:{kind}></w:p>"
    )


def test_paragraphs_and_chapters_added_and_removed(released: Path, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    assert (
        cli("redline", "2026-05", "2026-11", "-m", str(released), "--out", str(out)).exit_code == 0
    )
    document = _document(out / "sample-redline-2026-05-to-2026-11.docx")
    assert _chapter_xml(document, "Early Help") == "\n".join(
        [
            '<w:p><w:pPr><w:pStyle w:val="Heading3"/></w:pPr><w:r><w:t xml:space="preserve">'
            "1. What early help is</w:t></w:r></w:p>",
            '<w:p><w:pPr><w:pStyle w:val="FirstParagraph"/></w:pPr><w:r><w:t '
            'xml:space="preserve">Support as soon as a problem emerges.</w:t></w:r></w:p>',
            _whole("BodyText", "ins", 1000018, "A brand new paragraph here."),
        ]
    )
    assert _chapter_xml(document, "Short Breaks") == "\n".join(
        [
            _whole("Heading3", "del", 1000023, "1. Short breaks"),
            _whole(
                "FirstParagraph", "del", 1000025, "Short breaks give families a rest from caring."
            ),
        ]
    )
    assert _chapter_xml(document, "Staying Put") == "\n".join(
        [
            _whole("Heading3", "ins", 1000030, "1. Staying put"),
            _whole(
                "FirstParagraph", "ins", 1000032, "Young people may stay with their foster carers."
            ),
        ]
    )


def test_the_same_two_editions_give_the_same_bytes(released: Path, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    made = []
    for name in ("one", "two"):
        out = tmp_path / name
        args = ("redline", "2026-05", "2026-11", "-m", str(released), "--out", str(out))
        assert cli(*args, "--format", "docx,html").exit_code == 0
        made.append([p.read_bytes() for p in sorted(out.glob("sample-redline-*"))])
    assert len(made[0]) == 2
    assert made[0] == made[1]


def test_headings_moved_in_place_as_by_walking(  # type: ignore[no-untyped-def]
    released: Path, cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """redline.lua moves the headings of a chapter marked data-ready where they stand:
    the same Word file as when it walks every chapter (none marked)."""
    from manualctl.publish.redline import reuse

    made = []
    ready = reuse.marked_ready
    marked: list[str] = []

    def counted(at_top):  # type: ignore[no-untyped-def]
        marked.extend(at_top)
        return ready(at_top)

    for name in ("marked", "walked"):
        monkeypatch.setattr(
            reuse, "marked_ready", counted if name == "marked" else lambda _: lambda block: block
        )
        out = tmp_path / name
        args = ("redline", "2026-05", "2026-11", "-m", str(released), "--out", str(out))
        assert cli(*args).exit_code == 0
        made.append((out / "sample-redline-2026-05-to-2026-11.docx").read_bytes())
    assert marked
    assert made[0] == made[1]
    document = _document(tmp_path / "marked" / "sample-redline-2026-05-to-2026-11.docx")
    assert 'w:val="Heading4"' in document  # a chapter's own headings, moved down


def test_the_page_shows_insertions_and_deletions_in_words(
    released: Path, cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    args = ("redline", "2026-05", "2026-11", "-m", str(released), "--out", str(out), "-f", "html")
    assert cli(*args).exit_code == 0
    page = (out / "sample-redline-2026-05-to-2026-11.html").read_text(encoding="utf-8")
    assert (
        '<del><span class="change-cue">Deleted: </span>healthy<span class="change-cue"> End '
        'of deletion.</span></del><ins><span class="change-cue">Inserted: </span>well<span '
        'class="change-cue"> End of insertion.</span></ins>'
    ) in page
    assert "<script" not in page
    assert '<div class="chapter-change">\n<p>Removed chapter: all its text is deleted.</p>' in page


def test_the_working_tree_is_compared_with_the_latest_edition(
    edition_repo: Path, cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    replace(edition_repo / VISION, "healthy", "healthy, safe")
    commit_all(edition_repo, "Comma\n\nManual-Change: editorial", date="2026-06-01T12:00:00Z")
    done = cli("redline", "-m", str(edition_repo), "--out", str(tmp_path / "out"))
    assert done.exit_code == 0, done.stderr
    assert done.stdout.splitlines()[:2] == [
        "Changes from May 2026 (sample/2026-05) to the working tree: 1 chapter(s).",
        "  Editorial: our-vision",
    ]
    # in Word, the contents list says so
    assert _front(_document(tmp_path / "out" / "sample-redline-2026-05-to-draft.docx"))[5:] == [
        "ContentsSection | 1. All Children\t{PAGEREF _Page1 \\h}3",
        "ContentsSubsection | 1.1 Policy, Values and Principles\t{PAGEREF _Page2 \\h}3",
        "ContentsChapter | 1.1.1 Our Vision Editorial changes only\t{PAGEREF _Page3 \\h}3",
        "BodyText | Editorial changes only: every commit that changed the chapter is marked "
        "'Manual-Change: editorial'; its changes are shown all the same.",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("2026-06",),
            '"2026-06" is not an edition of this manual (editions: 2026-05, 2026-11). '
            'Did you mean "2026-05"? Give an edition as YYYY-MM, or its tag name.',
        ),
        (
            ("2026-11", "2026-05"),
            "FROM (November 2026) comes after TO (May 2026). Give the earlier edition "
            "first: manualctl redline 2026-05 2026-11.",
        ),
        (
            ("2026-05", "2026-05"),
            "FROM and TO are the same edition (May 2026): there is nothing to compare. "
            "Give an earlier edition first, then a later one (or none: the working tree).",
        ),
        (
            ("--format", "odt,rtf"),
            "redline cannot make the format(s) odt, rtf. Use --format with one or more "
            "of: docx, pdf, html (comma-separated).",
        ),
    ],
)
def test_bad_input_is_one_clear_line(released: Path, cli, tmp_path: Path, args, message) -> None:  # type: ignore[no-untyped-def]
    done = cli("redline", *args, "-m", str(released), "--out", str(tmp_path / "out"))
    assert done.exit_code == 2
    assert done.stderr.splitlines()[0] == f"Error: {message}"
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


def test_a_problem_in_the_earlier_edition_is_reported(
    tmp_path: Path,
    cli,  # type: ignore[no-untyped-def]
) -> None:
    """FROM's chapter has what publish refuses (read while TO's run is under way): one
    clear message naming the file and the edition, exit 1, nothing written."""
    repo = copy_fixture("editions", tmp_path / "sample")
    replace(repo / VISION, "healthy and happy.", "[healthy]{onclick=alert(1)} and happy.")
    git(repo, "init", "-q")
    commit_all(repo, "The sample manual", date="2026-01-01T12:00:00Z")
    git(repo, "tag", "-a", "sample/2026-05", "-m", "May 2026 edition", date="2026-05-01T12:00:00Z")
    replace(repo / VISION, "[healthy]{onclick=alert(1)} and happy.", "well and happy.")
    replace(repo / EARLY, "Support as soon", "Help as soon")
    commit_all(repo, "Vision", date="2026-09-01T12:00:00Z")
    out = tmp_path / "out"
    done = cli("redline", "2026-05", "-m", str(repo), "--out", str(out))
    assert done.exit_code == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines()[0].endswith(
        f'{VISION}:1:1: error publish-content: the attribute "onclick" is not allowed in a '
        "chapter: write only #id, .class and dir, height, lang, title, width between { }."
    )
    assert done.stderr.splitlines()[-1] == (
        "Error: May 2026 (sample/2026-05) cannot be compared: 1 problem(s) in its chapters "
        "as they were released. A released edition's files cannot be changed: compare from "
        "a later edition, or one chapter at a time (--chapter ID)."
    )
    assert list(out.glob("*.docx")) == []


def test_a_problem_in_the_working_tree_is_reported(
    released: Path,
    cli,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    """TO is the working tree, whose chapter has what publish refuses: one clear message
    saying what to do, exit 1, nothing written."""
    append(released / EARLY, "\n[x]{onclick=alert(1)}\n")
    out = tmp_path / "out"
    done = cli("redline", "2026-11", "-m", str(released), "--out", str(out))
    assert done.exit_code == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert f'{EARLY}:1:1: error publish-content: the attribute "onclick"' in done.stderr
    assert done.stderr.splitlines()[-1] == (
        "Error: The working tree cannot be compared: 1 problem(s) in its chapters. Run "
        "'manualctl validate' to see where, fix them, then run the redline again."
    )
    assert not out.exists() or list(out.glob("*.docx")) == []


def test_a_shallow_clone_is_refused(released: Path, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{released}", str(clone))
    done = cli("redline", "2026-05", "-m", str(clone), "--out", str(tmp_path / "out"))
    assert done.exit_code == 2
    assert "shallow" in done.stderr.splitlines()[0]
    assert "Traceback" not in done.stderr


def _run(text: str, kind: str = "") -> str:
    """The XML of a run of ``text``, or of runs wrapped in a change (``kind`` "ins"/"del")."""
    t = "delText" if kind == "del" else "t"
    return f'<w:r><w:{t} xml:space="preserve">{text}</w:{t}></w:r>'


def _change(kind: str, ident: int, *texts: str) -> str:
    runs = "".join(_run(text, kind) for text in texts)
    return f'<w:{kind} w:id="{ident}" {DATE}>{runs}</w:{kind}>'


def _item(
    text: str,
    change: tuple[str, int] | None = None,
    mark: tuple[str, int] | None = None,
    *,
    keep: bool = False,
) -> str:
    """A bullet list item as pandoc writes one (``keep``: kept with the next, as the Word
    edition keeps lists together): its text perhaps a ``change`` (kind, id), its
    paragraph mark perhaps marked (``mark``: kind, id)."""
    props = '<w:pStyle w:val="Compact"/>' + ("<w:keepNext/>" if keep else "")
    props += '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1001"/></w:numPr>'
    if mark is not None:
        props += f'<w:rPr><w:{mark[0]} w:id="{mark[1]}" {DATE}/></w:rPr>'
    content = _run(text) if change is None else _change(change[0], change[1], text)
    return f"<w:p><w:pPr>{props}</w:pPr>{content}</w:p>"


def _cell(content: str) -> str:
    return f'<w:tc><w:tcPr/><w:p><w:pPr><w:pStyle w:val="Compact"/>{content}</w:p></w:tc>'


def test_lists_tables_footnotes_and_headings(released: Path, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A list item moved, a table cell edited, a row added, a footnote changed, a chapter
    retitled, a paragraph deleted: each compared as such."""
    out = tmp_path / "out"
    assert (
        cli("redline", "2026-05", "2026-11", "-m", str(released), "--out", str(out)).exit_code == 0
    )
    path = out / "sample-redline-2026-05-to-2026-11.docx"
    document = _BOOKMARK.sub("", _document(path))
    heading = (
        '<w:p><w:pPr><w:pStyle w:val="Heading2"/><w:pageBreakBefore w:val="1"/></w:pPr>'
        + _run("2.3")
        + _run(" Working Together")
        + _change("ins", 1000034, " Safely")
        + "</w:p>"
    )
    assert heading in document
    plain = "</w:pPr>"
    row_added = (
        f'<w:tr><w:trPr><w:ins w:id="1000040" {DATE}/></w:trPr>'
        + _cell(
            f'<w:rPr><w:ins w:id="1000041" {DATE}/></w:rPr></w:pPr>'
            + _change("ins", 1000042, "Panel")
        )
        + _cell(
            f'<w:rPr><w:ins w:id="1000043" {DATE}/></w:rPr></w:pPr>'
            + _change("ins", 1000044, "Decides")
        )
        + "</w:tr>"
    )
    table = (
        '<w:tbl><w:tblPr><w:tblStyle w:val="Table"/><w:tblW w:type="pct" w:w="5000"/>'
        '<w:tblLook w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
        'w:noHBand="0" w:noVBand="0" w:val="0020"/></w:tblPr><w:tblGrid>'
        '<w:gridCol w:w="3960"/><w:gridCol w:w="3960"/></w:tblGrid>'
        '<w:tr><w:trPr><w:tblHeader w:val="on"/></w:trPr>'
        + _cell(plain + _run("Role"))
        + _cell(plain + _run("Task"))
        + "</w:tr><w:tr>"
        + _cell(plain + _run("Worker"))
        + _cell(plain + _run("Visits the child") + _change("ins", 1000039, " monthly"))
        + "</w:tr><w:tr>"
        + _cell(plain + _run("Manager"))
        + _cell(plain + _run("Signs off"))
        + "</w:tr>"
        + row_added
        + "</w:tbl>"
    )
    assert _chapter_xml(_document(path), "Working Together") == "\n".join(
        [
            '<w:p><w:pPr><w:pStyle w:val="Heading3"/><w:keepNext/></w:pPr>'
            + _run("1. Who does what")
            + "</w:p>",
            _item("The social worker visits.", keep=True),
            _item("The team meets weekly.", ("ins", 1000036), ("ins", 1000035)),
            # the last item before a table: its text goes with the mark of the one before
            _item("The manager checks.", None, ("del", 1000037), keep=True),
            _item("The team meets weekly.", ("del", 1000038)),
            table,
            # the document's last paragraph: its text goes with the mark of the one before
            '<w:p><w:pPr><w:pStyle w:val="BodyText"/>'
            f'<w:rPr><w:del w:id="1000045" {DATE}/></w:rPr></w:pPr>'
            + _run("Consent is needed.")
            + '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
            '<w:footnoteReference w:id="27"/></w:r></w:p>',
            '<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr>'
            + _change("del", 1000046, "This paragraph goes.")
            + "</w:p>",
        ]
    )
    with zipfile.ZipFile(path) as package:
        notes = package.read("word/footnotes.xml").decode("utf-8")
    note = re.search(r'<w:footnote w:id="27">.*?</w:footnote>', notes, re.S)
    assert note is not None
    assert re.sub(r"\s*\n\s*", "", note[0]) == (
        '<w:footnote w:id="27"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r>'
        '<w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
        + _run(" ")
        + _run("See the ")
        + _change("ins", 1000047, "local ")
        + _run("consent policy.")
        + "</w:p></w:footnote>"
    )


@pytest.mark.slow
def test_the_pdf_and_the_page_are_accessible(released: Path, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """veraPDF: the PDF redline is PDF/UA-1; axe-core: no violation on the page."""
    from checkers import axe, verapdf
    from pdfcheck import page_texts

    out = tmp_path / "out"
    args = ("redline", "2026-05", "2026-11", "-m", str(released), "--out", str(out))
    assert cli(*args, "--format", "pdf,html").exit_code == 0
    pdf = out / "sample-redline-2026-05-to-2026-11.pdf"
    text = "\n".join(page_texts(pdf))
    assert "Every child safe, [Deleted: healthy][Inserted: well] and happy." in text
    assert "Removed chapter: all its text is deleted." in text
    verdict = verapdf([pdf])[pdf]
    assert verdict.compliant, verdict.rules
    page = out / "sample-redline-2026-05-to-2026-11.html"
    found = axe([page])
    assert found.violations == {str(page): []}
    assert found.layout == {str(page): []}
