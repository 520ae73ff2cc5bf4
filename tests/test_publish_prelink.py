"""Links resolved before pandoc (manualctl.publish.prelink): pandoc must read the same."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from manualctl.check.load import read
from manualctl.publish.document import Document, build_document
from manualctl.publish.pandoc import run_pandoc
from manualctl.publish.prelink import prelink

FIXTURES = Path(__file__).parent / "fixtures"
PRINTED = date(2026, 11, 4)
IDS = frozenset({"our-vision", "confidentiality"})


@pytest.fixture
def publishing(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURES / "publishing", tmp_path / "publishing"))


def _document(root: Path, chapter: str | None = None) -> Document:
    manual = read(root).manual
    assert manual is not None
    return build_document(manual, edition="2026-11", printed_on=PRINTED, chapter=chapter)


def _native_both_ways(doc: Document) -> tuple[str, str]:
    slow = run_pandoc(doc.markdown, "native", doc.pandoc_args(), root=doc.root).decode()
    markdown, args = doc.prelinked_input()
    fast = run_pandoc(markdown, "native", args, root=doc.root).decode()
    return slow, fast


def test_simple_chapter_links_are_resolved() -> None:
    body = (
        "See [the vision](chapter:our-vision) and [guidance](https://example.org/a#b).[^1]\n"
        "\n[^1]: A note with [a link](chapter:confidentiality).\n"
    )
    assert prelink(body, IDS) == (
        "See [the vision](#our-vision) and [guidance](https://example.org/a#b).[^1]\n"
        "\n[^1]: A note with [a link](#confidentiality).\n"
    )
    assert prelink("No links here.", IDS) == "No links here."
    # a chapter not in the document (one chapter's, a redline's): its text, as a Span
    assert prelink("See [elsewhere](chapter:nowhere).", IDS) == "See [elsewhere]{}."


@pytest.mark.parametrize(
    "body",
    [
        "`[x](chapter:our-vision)`",
        "Text.\n\n    [x](chapter:our-vision)\n",
        "^[x](chapter:our-vision)",
        "[a][x](chapter:our-vision)",
        '[x](chapter:our-vision "title")',
        "[x](chapter:our-vision#part)",
        "[x](chapter:Not_An_Id)",
        "$[x](chapter:our-vision)$",
        "[x](<chapter:our-vision>)",
        "[x]\n\n[x]: chapter:our-vision",
        '::: {title="[x](chapter:our-vision)"}\ntext\n:::',
        "[x](chapter:our-vision){.c}",
        "[multi\nline](chapter:our-vision)",
        "[x](#part) and [y](other.md)",
        "![x](../../media/diagram.png)",
        "[x\\]](chapter:our-vision)",
        "<b>[x](chapter:our-vision)</b>",
        "- [x](chapter:our-vision)",
    ],
)
def test_unsure_chapters_are_left_to_the_filter(body: str) -> None:
    assert prelink(body, IDS) is None


def test_the_publishing_manual_reads_the_same(publishing: Path) -> None:
    doc = _document(publishing)
    assert 'data-ready="boxes links headings pages"' in doc.prelinked
    assert doc.prelinked != doc.markdown
    slow, fast = _native_both_ways(doc)
    assert fast == slow


def test_one_chapter_reads_the_same(publishing: Path) -> None:
    doc = _document(publishing, chapter="amendments")
    slow, fast = _native_both_ways(doc)
    assert fast == slow


@pytest.mark.parametrize(
    "text",
    [
        "Plain words only.",
        "See [the vision](chapter:our-vision) and [this](mailto:a@example.org).",
        "*[x](chapter:our-vision)* and **[y](CHAPTER:our-vision)**",
        "| a | b |\n|---|---|\n| [x](chapter:our-vision) | y |",
        "1. First.\n2. See [x](chapter:confidentiality).\n   - [y](chapter:our-vision) too",
        "`[x](chapter:our-vision)` and [y](chapter:our-vision)",
        "Text.\n\n    [x](chapter:our-vision)\n",
        "^[x](chapter:our-vision) and [y](chapter:our-vision)",
        "[a][x](chapter:our-vision)",
        "- [ ](chapter:our-vision)",
        "[x](chapter:nowhere) and [y](chapter:our-vision)",
        "$[x](chapter:our-vision)$",
        "[multi\nline](chapter:our-vision)",
        '::: {title="[x](chapter:our-vision)"}\ntext\n:::',
    ],
)
def test_added_text_reads_the_same(publishing: Path, text: str) -> None:
    path = publishing / "chapters/family-support/early-help.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")
    slow, fast = _native_both_ways(_document(publishing))
    assert fast == slow
