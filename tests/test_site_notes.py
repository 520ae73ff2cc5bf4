"""The footnotes and chapter links manualctl makes on pandoc's output (site_notes) are
byte for byte what html.lua makes by walking the chapter (data-ready "pages" off)."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import date
from pathlib import Path

import pytest

from manualctl.check.load import read
from manualctl.publish.document import Document, build_document
from manualctl.publish.html import render_pages
from tests.conftest import FIXTURES
from tests.htmlsafety import page_problems

SAMPLES = Path(__file__).parent.parent / "manuals"
CHAPTER = "chapters/all-children/our-vision.md"


def _document(root: Path) -> Document:
    manual = read(root).manual
    assert manual is not None
    return build_document(manual, edition="2026-11", printed_on=date(2026, 11, 4))


def _walked(doc: Document) -> Document:
    """The same document with every chapter walked by html.lua (the old path)."""
    return dataclasses.replace(
        doc, prelinked=doc.prelinked.replace(' pages"', '"'), pages_ready=frozenset()
    )


def _same_both_ways(doc: Document) -> dict[str, str]:
    fast = render_pages(doc)
    assert fast == render_pages(_walked(doc))
    return fast


@pytest.mark.parametrize("name", ["sample", "trix-template"])
def test_sample_manuals_are_the_same(name: str) -> None:
    _same_both_ways(_document(SAMPLES / name))


NOTES = [
    "Text.[^a] Again.[^a] More[^b] and[^c] and[^d].\n\n[^a]: One.\n[^b]: First.\n\n"
    "    Second.\n[^c]: - item one\n    - item two\n[^d]:\n[^z]: unused.",
    "| a | b |\n|---|---|\n| x[^t] | y |\n\n: cap[^u]\n\n[^t]: In a cell.\n[^u]: In a caption.",
    "## Footnotes\n\nSee[^1].\n\n## Footnote 1\n\n[^1]: A note [back](chapter:our-vision).",
    "A [link](chapter:our-vision) and [another](chapter:confidentiality)[^n].\n\n"
    "[^n]: See [it](chapter:confidentiality) and [a site](https://example.org/?a=<b>).",
    'Hostile[^h]: <script>alert(1)</script> "quotes" & <!-- manualctl-page x.html -->\n\n'
    "[^h]: <img src=x onerror=alert(1)> javascript:alert(1) </li></ol></div>",
]


@pytest.mark.parametrize("text", NOTES)
def test_added_notes_are_the_same(text: str, tmp_path: Path) -> None:
    root = Path(shutil.copytree(FIXTURES / "publishing", tmp_path / "publishing"))
    for rel in ("chapters/family-support/early-help.md", "chapters/all-children/our-vision.md"):
        path = root / rel
        if path.exists():
            path.write_text(path.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")
    doc = _document(root)
    pages = _same_both_ways(doc)
    for page in pages.values():
        assert page_problems(page) == []
    assert any('class="footnote-ref"' in page for page in pages.values())


def test_the_notes_are_made_by_manualctl(tmp_path: Path) -> None:
    """The first case's chapter is one html.lua leaves alone: its notes come from pandoc."""
    root = Path(shutil.copytree(FIXTURES / "publishing", tmp_path / "publishing"))
    path = root / "chapters/family-support/early-help.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n" + NOTES[0] + "\n", encoding="utf-8")
    doc = _document(root)
    chapter = read(root).manual.chapters["chapters/family-support/early-help.md"].id  # type: ignore[union-attr]
    assert chapter in doc.pages_ready
    assert f'id="{chapter}--footnote-ref-5"' in render_pages(doc)[f"{chapter}.html"]
