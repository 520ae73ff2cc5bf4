"""Nothing from a chapter becomes script: the pinned filter refuses it in every format
(even for a manual that skipped validate), the page checker finds what it is there to
find, and an amendment sentence is text in the appendix.

The sites of the hostile corpus (tests/hostile/cases.yaml: hostile but allowed text in
titles, notes, alt text and amendment sentences, and every other case that publishes an
HTML edition) are checked page by page by tests/test_hostile.py with tests/htmlsafety.py.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pypandoc
import pytest

from manualctl.check.load import read
from manualctl.editions.amendments import _cell
from manualctl.errors import ManualInvalid
from manualctl.publish.document import build_document
from manualctl.publish.pandoc import run_pandoc
from tests.conftest import FIXTURES
from tests.htmlsafety import page_problems

CHAPTER = "chapters/all-children/our-vision.md"

ATTACKS = {
    "span-onclick": ('[text]{onclick="alert(1)"}', 'the attribute "onclick"'),
    "div-onmouseover": ('::: {onmouseover="alert(1)"}\nx\n:::', 'the attribute "onmouseover"'),
    "heading-onfocus": ('## H {onfocus="alert(1)"}', 'the attribute "onfocus"'),
    "image-onerror": ("![a](../../media/x.png){onerror=alert(1)}", 'the attribute "onerror"'),
    "javascript": ("[x](javascript:alert(1))", 'the link "javascript:alert(1)"'),
    "mixed-case": ("[x](JaVaScRiPt:alert(1))", 'the link "JaVaScRiPt:alert(1)"'),
    "reference": ("[x][r]\n\n[r]: &#106;avascript:alert(1)", 'the link "javascript:alert(1)"'),
    "autolink": ("<javascript:alert(1)>", 'the link "javascript:alert(1)"'),
    "data": ("[x](data:text/html,a)", 'the link "data:text/html,a"'),
    "vbscript": ("[x](vbscript:msgbox)", 'the link "vbscript:msgbox"'),
    "forged-chapter": (
        ':::\n\n::: {.chapter data-id="fake" data-file="f.md"}\n# Fake\n:::',
        "a ':::' line closes the chapter's box early",
    ),
}


def _manual(tmp_path: Path, body: str) -> Path:
    root = shutil.copytree(FIXTURES / "tiny", tmp_path / "tiny")
    (root / "media").mkdir()
    shutil.copyfile(FIXTURES / "publishing" / "media" / "diagram.png", root / "media" / "x.png")
    path = root / CHAPTER
    path.write_text(path.read_text(encoding="utf-8") + "\n" + body + "\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("to", ["html5", "typst", "docx"])
@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_the_filter_refuses_it_in_every_format(attack: str, to: str, tmp_path: Path) -> None:
    """Defence in depth: a manual that was never validated still cannot carry script."""
    body, message = ATTACKS[attack]
    root = _manual(tmp_path, body)
    manual = read(root, scan=False).manual
    assert manual is not None
    doc = build_document(manual, edition="2026-11", printed_on=date(2026, 11, 4))
    output = tmp_path / "out.docx" if to == "docx" else None
    with pytest.raises(ManualInvalid) as caught:
        run_pandoc(doc.markdown, to, doc.pandoc_args(), root=root, output=output)
    assert any(message in f.message for f in caught.value.findings), caught.value.findings
    # the fast input (links resolved before pandoc runs) is refused the same way
    markdown, args = doc.prelinked_input()
    with pytest.raises(ManualInvalid):
        run_pandoc(markdown, to, args, root=root, output=output)


def test_the_checker_sees_script() -> None:
    """tests/htmlsafety.py finds what it is there to find."""
    head = "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'\">"
    assert page_problems(head + "<p>fine</p>") == []
    for bad in [
        "<a href='javascript:x'>a</a>",
        "<a href=' JaVa&#x09;Script:x'>a</a>",
        "<img src='data:image/svg+xml,x'>",
        "<span onclick='x'>a</span>",
        "<script>alert(1)</script>",
        "<iframe src='https://x'></iframe>",
    ]:
        assert page_problems(head + bad), bad
    assert page_problems("<p>no policy</p>")


def test_an_amendment_sentence_is_text_in_the_appendix() -> None:
    """The appendix's table cells read back, through pandoc, as exactly the sentence."""
    sentence = "see [x](y) <b>bold</b> {onclick=z} `code` $x$ | a * b _c_ \\ & &amp; ~s~ ^t^"
    cell = _cell(sentence)
    table = f"| A |\n|---|\n| {cell} |\n"
    ast = json.loads(pypandoc.convert_text(table, "json", format="markdown"))
    body = ast["blocks"][0]["c"][4][0]  # the table's first body: [attr, heads, rows, rows]
    ast["blocks"] = body[3][0][1][0][4]  # its first row's first cell's blocks
    text = pypandoc.convert_text(
        json.dumps(ast), "plain", format="json", extra_args=["--wrap=none"]
    )
    assert text.strip() == sentence
