"""``manualctl redline --chapter ID`` and ``--all``: which chapters a redline shows, what
the command says, and the Word file's every paragraph, compared whole."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import commit_all
from editions_helpers import replace
from lxml import etree
from test_redline import VISION, released  # noqa: F401 (the fixture)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _paragraphs(path: Path) -> list[str]:
    """Every paragraph of the Word file's body, in order, as "Style | text": inserted
    text in {+...+}, deleted text in [-...-], a tab as \\t, a field's instruction in
    <...>; "Style +|" marks a paragraph inserted whole, "Style -|" one deleted whole."""
    with zipfile.ZipFile(path) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    out = []
    for p in root.iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        mark = p.find(f"{W}pPr/{W}rPr/{W}ins"), p.find(f"{W}pPr/{W}rPr/{W}del")
        whole = " +" if mark[0] is not None else " -" if mark[1] is not None else " "
        text = ""
        for node in p.iter(f"{W}t", f"{W}delText", f"{W}tab", f"{W}instrText", f"{W}delInstrText"):
            tag = etree.QName(node).localname
            piece = "\t" if tag == "tab" else node.text or ""
            if tag.endswith("nstrText"):
                piece = f"<{piece.strip()}>"
            kinds = {etree.QName(a).localname for a in node.iterancestors(f"{W}ins", f"{W}del")}
            if "ins" in kinds:
                piece = "{+" + piece + "+}"
            elif "del" in kinds:
                piece = "[-" + piece + "-]"
            text += piece
        text = text.replace("+}{+", "").replace("-][-", "")
        out.append(f"{'' if style is None else style.get(f'{W}val')}{whole}| {text}")
    return out


COVER = [
    "CoverOrganisation | Example Children's Trust",
    "Heading1 | Sample Procedures Manual",
    "CoverEdition | Changes from May 2026 to November 2026",
    'Notice | This is an uncontrolled copy, printed on <PRINTDATE \\@ "d MMMM yyyy">(the date '
    "of printing). It is valid for 72 hours from printing: check the online manual for the "
    "current version.",
    "Heading1 | Contents",
]


def test_one_chapter(released: Path, cli, tmp_path: Path) -> None:  # noqa: F811  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    args = ("redline", "2026-05", "2026-11", "-m", str(released), "--out", str(out))
    done = cli(*args, "--chapter", "our-vision")
    assert done.exit_code == 0, done.stderr
    path = out / "sample-redline-2026-05-to-2026-11-our-vision.docx"
    assert done.stdout == (
        "Changes from May 2026 (sample/2026-05) to November 2026 (sample/2026-11): "
        "1 chapter(s).\n"
        "  Updated: our-vision\n"
        f"Wrote {path} ({path.stat().st_size // 1024 + 1} KB)\n"
    )
    assert [p.name for p in out.iterdir()] == [path.name]
    assert _paragraphs(path) == [
        *COVER,
        "ContentsSection | 1. All Children\t<PAGEREF _Page1 \\h>3",
        "ContentsSubsection | 1.1 Policy, Values and Principles\t<PAGEREF _Page2 \\h>3",
        "ContentsChapter | 1.1.1 Our Vision Updated\t<PAGEREF _Page3 \\h>3",
        "Heading1 | 1. All Children",
        "Heading2 | 1.1 Policy, Values and Principles",
        "Heading3 | 1.1.1 Our Vision",
        "Heading4 | 1. Our vision",
        "FirstParagraph | Every child safe, [-healthy-]{+well+} and happy.{+ Children are heard.+}",
    ]


def test_every_chapter(edition_repo: Path, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """--all: the unchanged chapters too, said to be unchanged, their text as it is."""
    replace(edition_repo / VISION, "healthy", "healthy, safe")
    commit_all(edition_repo, "Comma\n\nManual-Change: editorial", date="2026-06-01T12:00:00Z")
    out = tmp_path / "out"
    done = cli("redline", "--all", "-m", str(edition_repo), "--out", str(out))
    assert done.exit_code == 0, done.stderr
    path = out / "sample-redline-2026-05-to-draft.docx"
    assert done.stdout == (
        "Changes from May 2026 (sample/2026-05) to the working tree: 4 chapter(s).\n"
        "  Editorial: our-vision\n"
        "  Unchanged: confidentiality\n"
        "  Unchanged: early-help\n"
        "  Unchanged: short-breaks\n"
        f"Wrote {path} ({path.stat().st_size // 1024 + 1} KB)\n"
    )
    assert _paragraphs(path) == [
        *COVER[:2],
        "CoverEdition | Changes from May 2026 to the working tree",
        *COVER[3:],
        "ContentsSection | 1. All Children\t<PAGEREF _Page1 \\h>3",
        "ContentsSubsection | 1.1 Policy, Values and Principles\t<PAGEREF _Page2 \\h>3",
        "ContentsChapter | 1.1.1 Our Vision Editorial changes only\t<PAGEREF _Page3 \\h>3",
        "ContentsChapter | 1.1.2 Confidentiality Policy Unchanged\t<PAGEREF _Page4 \\h>4",
        "ContentsSection | 2. Family Support\t<PAGEREF _Page5 \\h>5",
        "ContentsChapter | 2.1 Early Help Unchanged\t<PAGEREF _Page6 \\h>5",
        "ContentsChapter | 2.2 Short Breaks Unchanged\t<PAGEREF _Page7 \\h>6",
        "BodyText | Editorial changes only: every commit that changed the chapter is marked "
        "'Manual-Change: editorial'; its changes are shown all the same.",
        "Heading1 | 1. All Children",
        "Heading2 | 1.1 Policy, Values and Principles",
        "Heading3 | 1.1.1 Our Vision",
        "Heading4 | 1. Our vision",
        "FirstParagraph | Every child safe, [-healthy-]{+healthy, safe+} and happy.",
        "Heading3 | 1.1.2 Confidentiality Policy",
        "ChapterNote | N.B. A local policy can be substituted here",
        "Heading4 | 1. Sharing information",
        "FirstParagraph | Share information when it keeps a child safe.",
        "Heading1 | 2. Family Support",
        "Heading2 | 2.1 Early Help",
        "Heading3 | 1. What early help is",
        "FirstParagraph | Support as soon as a problem emerges.",
        "Heading2 | 2.2 Short Breaks",
        "Heading3 | 1. Short breaks",
        "FirstParagraph | Short breaks give families a rest from caring.",
    ]
    # without --all, only the chapter that changed
    again = cli("redline", "-m", str(edition_repo), "--out", str(out))
    assert again.stdout.splitlines()[:2] == [
        "Changes from May 2026 (sample/2026-05) to the working tree: 1 chapter(s).",
        "  Editorial: our-vision",
    ]


@pytest.mark.parametrize(
    ("chapter", "message"),
    [
        (
            "our-visoin",
            'No chapter with the id "our-visoin" in either state of the manual. Did you mean '
            "\"our-vision\"? A chapter's id is the 'id:' line of its front matter.",
        ),
        (
            "confidentiality",
            'The chapter "confidentiality" did not change from May 2026 to the working tree. '
            "Leave out --chapter to see every changed chapter, or add --all.",
        ),
    ],
)
def test_a_chapter_that_is_not_shown_is_one_clear_line(
    edition_repo: Path,
    cli,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    chapter: str,
    message: str,
) -> None:
    replace(edition_repo / VISION, "healthy", "healthy, safe")
    out = tmp_path / "out"
    done = cli("redline", "--chapter", chapter, "-m", str(edition_repo), "--out", str(out))
    assert done.exit_code == 2
    assert done.stderr == f"Error: {message}\n"
    assert not out.exists()
