"""A chapter with no text yet: its page says the text is to follow, or, when manual.yaml
says ``edition: awaiting_text: leave out``, it is not in the Word, PDF or HTML edition
at all, contents line included (the other chapters keep their numbers)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from pdfcheck import outline
from pypdf import PdfReader

from tests.conftest import git
from tests.test_publish_docx import make_repo

pytestmark = pytest.mark.slow
LATER = "2026-11-20T10:00:00Z"


def _awaiting(tmp_path: Path, setting: str | None) -> Path:
    """The publishing fixture with the Early Help chapter emptied (front matter only)."""
    root = make_repo(tmp_path)
    chapter = root / "chapters" / "family-support" / "early-help.md"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text[: text.index("\n---\n", 4) + 5], encoding="utf-8")
    if setting is not None:
        yaml = root / "manual.yaml"
        lines = yaml.read_text(encoding="utf-8")
        yaml.write_text(lines.replace("edition:\n", f"edition:\n  awaiting_text: {setting}\n", 1))
    git(root.parent.parent, "commit", "-q", "-am", "Early Help awaits its text", date=LATER)
    return root


def _editions(cli, root: Path, out: Path) -> tuple[list[str], list[str], list[str]]:  # type: ignore[no-untyped-def]
    result = cli("publish", str(root), "--format", "docx,pdf,html", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    word = docx.Document(str(out / "example-procedures-draft.docx"))
    lines = [p.text.split("\t")[0] for p in word.paragraphs if p.style.name.startswith("Contents ")]
    bookmarks = [title for _, title, _ in outline(PdfReader(out / "example-procedures-draft.pdf"))]
    pages = sorted(p.name for p in (out / "example-procedures-draft-html").glob("*.html"))
    return lines, bookmarks, pages


def test_a_chapter_awaiting_text_says_it_is_to_follow(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = _awaiting(tmp_path, None)
    lines, bookmarks, pages = _editions(cli, root, tmp_path / "out")
    assert "2.1 Early Help Assessment" in lines and "2.1 Early Help Assessment" in bookmarks
    assert "early-help.html" in pages
    page = (tmp_path / "out" / "example-procedures-draft-html" / "early-help.html").read_text()
    assert "<p>The text of this chapter is to follow.</p>" in page


def test_a_manual_can_leave_chapters_awaiting_text_out(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = _awaiting(tmp_path, "leave out")
    lines, bookmarks, pages = _editions(cli, root, tmp_path / "out")
    assert lines == [
        "1. All Children",
        "1.1 Policy, Values and Principles",
        "1.1.1 Our Vision and Purpose New",
        "1.1.2 Confidentiality Policy - under review Updated",
        "N.B. A local policy can be substituted here",
        "See also: Early Help Assessment",
        "and Working Together to Safeguard Children",
        "2. Family Support",
        "2.2 Child Protection Enquiries - local",
        "3. Appendices",
        "3.1 Amendments",
    ]
    assert bookmarks == [
        "1. All Children",
        "1.1 Policy, Values and Principles",
        "1.1.1 Our Vision and Purpose",
        "1.1.2 Confidentiality Policy",
        "2. Family Support",
        "2.2 Child Protection Enquiries",
        "3. Appendices",
        "3.1 Amendments",
    ]
    assert pages == [
        "amendments.html",
        "confidentiality.html",
        "external--2-2.html",
        "index.html",
        "our-vision.html",
    ]


def test_leave_out_is_checked_by_the_schema(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = _awaiting(tmp_path, "skip")
    result = cli("validate", str(root))
    assert result.exit_code == 1
    assert "awaiting_text" in result.stdout and "leave out" in result.stdout
