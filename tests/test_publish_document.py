"""The document model: one pandoc input for the whole manual, and the pinned Lua filter."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from manualctl.check.load import read
from manualctl.check.validate import open_manual
from manualctl.errors import ManualInvalid, UsageError
from manualctl.publish.document import (
    READER_FORMAT,
    amendment_text,
    build_document,
    edition_name,
)
from manualctl.publish.markdown import escape, scope_labels
from manualctl.publish.pandoc import run_pandoc

FIXTURES = Path(__file__).parent / "fixtures"
PRINTED = date(2026, 11, 4)


@pytest.fixture
def publishing(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURES / "publishing", tmp_path / "publishing"))


def _document(root: Path, **kwargs: object):  # type: ignore[no-untyped-def]
    return build_document(open_manual(root), edition="2026-11", printed_on=PRINTED, **kwargs)


def _unchecked_document(root: Path):  # type: ignore[no-untyped-def]
    """The document of a manual validate would refuse: the filter is the second line of
    defence, so it is tested on content that gets past the first."""
    manual = read(root).manual
    assert manual is not None
    return build_document(manual, edition="2026-11", printed_on=PRINTED)


def test_document_markdown_is_the_golden_file(publishing: Path) -> None:
    doc = _document(publishing)
    expected = (FIXTURES / "publishing-document.md").read_text(encoding="utf-8")
    assert doc.markdown == expected
    assert [c.id for c in doc.chapters] == [
        "our-vision",
        "confidentiality",
        "early-help",
        "external--2-2",
        "amendments",
    ]
    assert doc.images == ("media/diagram.png", "media/logo.png")
    assert dict(doc.metadata) == {
        "title": "Example Procedures Manual",
        "subtitle": "November 2026",
        "author": "Example Children's Trust",
        "organisation": "Example Children's Trust",
        "date": "November 2026",
        "lang": "en-GB",
        "edition": "2026-11",
        "edition-name": "November 2026",
        "edition-line": "November 2026 edition",
        "printed-on": "4 November 2026",
        "notice": "This edition was published on 4 November 2026. Printed copies are "
        "uncontrolled: check the online manual for the current version.",
        "print-notice": "Uncontrolled copy printed on {date}: valid for 72 hours.",
        "manual-id": "example-procedures",
        "logo": str(publishing / "media" / "logo.png"),
        "logo-alt": "Example Children's Trust logo",
    }


def test_filter_output_is_the_golden_file(publishing: Path) -> None:
    """Links made internal, headings given chapter-scoped ids, boxes titled, images absolute."""
    doc = _document(publishing)
    out = run_pandoc(doc.markdown, "markdown", doc.pandoc_args(), root=doc.root).decode()
    expected = (FIXTURES / "publishing-filtered.md").read_text(encoding="utf-8")
    assert out.replace(str(publishing), "ROOT") == expected


def test_one_chapter(publishing: Path) -> None:
    doc = _document(publishing, chapter="confidentiality")
    assert [c.id for c in doc.chapters] == ["confidentiality"]
    assert "manual--contents" not in doc.markdown
    out = run_pandoc(doc.markdown, "markdown", doc.pandoc_args(), root=doc.root).decode()
    # links to chapters that are not in this document keep only their text
    assert "[Early Help Assessment]{}" not in out
    assert "(#early-help" not in out


def test_unknown_chapter_is_a_usage_error(publishing: Path) -> None:
    with pytest.raises(UsageError, match=r'no chapter with id "confidentialty".*"confidentiality"'):
        _document(publishing, chapter="confidentialty")


def _append(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "\n![x](../../../outside.png)\n",
            'the image "../../../outside.png" is not an image file inside the manual\'s folder',
        ),
        ("\n![x](https://example.org/x.png)\n", 'the image "https://example.org/x.png" is not'),
        ("\n![x](/etc/hosts)\n", 'the image "/etc/hosts" is not a file in the manual'),
        ("\n::: scope\nNever closed.\n", "a '::: ...' box is not closed"),
    ],
)
def test_filter_refuses_unsafe_content(publishing: Path, text: str, message: str) -> None:
    (publishing.parent / "outside.png").write_bytes((publishing / "media/logo.png").read_bytes())
    _append(publishing, "chapters/family-support/early-help.md", text)
    doc = _unchecked_document(publishing)
    with pytest.raises(ManualInvalid) as caught:
        run_pandoc(doc.markdown, "markdown", doc.pandoc_args(), root=doc.root)
    [finding] = caught.value.findings
    assert finding.file.endswith("chapters/family-support/early-help.md")
    assert message in finding.message


def test_symlink_leading_outside_is_not_an_image(publishing: Path) -> None:
    secret = publishing.parent / "secret.png"
    secret.write_bytes(b"not for the manual")
    (publishing / "media" / "secret.png").symlink_to(secret)
    assert "media/secret.png" not in _document(publishing).images


def test_raw_markup_stays_text(publishing: Path) -> None:
    """Raw HTML, TeX and raw attributes are read as text: nothing raw reaches a writer."""
    _append(
        publishing,
        "chapters/family-support/early-help.md",
        "\n<b>bold</b> \\newpage `<w:p/>`{=openxml}\n",
    )
    doc = _unchecked_document(publishing)
    native = run_pandoc(doc.markdown, "native", doc.pandoc_args(), root=doc.root).decode()
    out = " ".join(native.split())
    assert "Raw" not in out
    assert 'Str "<b>bold</b>"' in out
    assert 'Str "\\\\newpage"' in out
    assert 'Code ( "" , [] , [] ) "<w:p/>" , Str "{=openxml}"' in out


def test_amendment_text() -> None:
    name = "November 2026"
    assert amendment_text(None, "Anything.", name) is None
    assert (
        amendment_text("New", None, name)
        == "In November 2026, this chapter was added to the manual."
    )
    assert amendment_text("Updated", "", name) == "In November 2026, this chapter was updated."
    assert (
        amendment_text("Updated", "This chapter has been refreshed throughout.", name)
        == "In November 2026, this chapter has been refreshed throughout."
    )
    assert (
        amendment_text("Updated", "In November 2026, Section 3 was added.", name)
        == "In November 2026, Section 3 was added."
    )
    assert (
        amendment_text("Updated", "Ofsted guidance was added.", name)
        == "In November 2026, Ofsted guidance was added."
    )


def test_edition_name() -> None:
    assert edition_name("2026-11") == "November 2026"
    assert edition_name("2027-01") == "January 2027"


def test_escape() -> None:
    assert escape("A *bold* [claim]\n  (1.2)") == "A \\*bold\\* \\[claim\\] \\(1\\.2\\)"


def test_scope_labels() -> None:
    body = (
        "Text[^1] and [guidance][nice], [Nice] and [nice][].\n"
        "`[^1]` stays\n\n```\n[^2]\n```\n\n"
        "[^1]: A note.\n[NICE]: https://www.nice.org.uk/\n"
    )
    assert scope_labels(body, "c3-") == (
        "Text[^c3-1] and [guidance][c3-nice], [Nice][c3-Nice] and [nice][c3-nice].\n"
        "`[^1]` stays\n\n```\n[^2]\n```\n\n"
        "[^c3-1]: A note.\n[c3-NICE]: https://www.nice.org.uk/\n"
    )


def _json_blocks(markdown: str, args: list[str], root: Path) -> list[dict[str, object]]:
    out = json.loads(run_pandoc(markdown, "json", args, root=root))
    return list(out["blocks"])


def test_the_filter_makes_the_contents_list_pandoc_would_read(publishing: Path) -> None:
    """The contents list goes to pandoc as JSON (far faster to read); the filter must make
    of it exactly the Div pandoc reads from the same list written in Markdown."""
    doc = _document(publishing)
    written = (FIXTURES / "publishing-contents.md").read_text(encoding="utf-8")
    [expected] = _json_blocks(written, [f"--from={READER_FORMAT}"], publishing)
    assert _json_blocks(doc.markdown, doc.pandoc_args(), publishing)[0] == expected


TRICKY_TEXT = [
    "Children's `code` -- *not* [a] link\\ ~~x~~ ^y^",
    "Tabs\tand  double  spaces",
    "Ünïcødé – “quotes” … and 'single' \"double\"",
    "1. Not a list",
    "# Not a heading",
    "<b>raw</b> $x$ @cite {#id} :smile: ![x](y.png)",
]


@pytest.mark.parametrize("text", TRICKY_TEXT)
def test_contents_texts_read_as_written(publishing: Path, text: str) -> None:
    chapter = publishing / "chapters/all-children/our-vision.md"
    chapter.write_text(
        chapter.read_text(encoding="utf-8").replace(
            "title: Our Vision and Purpose", f"title: {json.dumps(text)}"
        ),
        encoding="utf-8",
    )
    url = 'https://example.org/a b|c"d{e}f[g]h^i`j\\k é'
    manual = publishing / "manual.yaml"
    manual.write_text(
        manual.read_text(encoding="utf-8")
        .replace("N.B. A local policy can be substituted here", json.dumps(text))
        .replace(
            "https://www.gov.uk/government/publications/working-together-to-safeguard-children--2",
            json.dumps(url),
        ),
        encoding="utf-8",
    )
    doc = _unchecked_document(publishing)
    [contents, *_] = _json_blocks(doc.markdown, doc.pandoc_args(), publishing)
    lines = contents["c"][1]  # type: ignore[index]
    written = (
        f"::: contents-chapter\n[1\\.1\\.1]{{.number}} [{escape(text)}](#our-vision) "
        "[New]{.flag}\n:::\n\n"
        f"::: contents-note\n{escape(text)}\n:::\n\n"
        f"::: contents-see-also-and\nand [Working Together to Safeguard Children](<{url}>)\n:::\n"
    )
    expected = _json_blocks(written, [f"--from={READER_FORMAT}"], publishing)
    assert [lines[2], lines[4], lines[6]] == expected


def _text(inlines: list[dict[str, object]]) -> str:
    out = []
    for inline in inlines:
        if inline["t"] == "Str":
            out.append(str(inline["c"]))
        elif inline["t"] in ("Space", "SoftBreak"):
            out.append(" ")
        elif inline["t"] in ("Strong", "Emph"):
            out.append(_text(inline["c"]))  # type: ignore[arg-type]
    return "".join(out)


def _boxes(blocks: list[dict[str, object]]) -> list[tuple[str, str, str]]:
    """(class, title, text of the block after the title) of every scope/related box."""
    found = []
    for block in blocks:
        if block["t"] != "Div":
            continue
        (_, classes, _), content = block["c"]  # type: ignore[misc]
        if "scope" in classes or "related" in classes:
            title, *rest = content
            assert title["t"] == "Div" and title["c"][0][1] == ["box-title"]
            after = _text(rest[0]["c"]) if rest and rest[0]["t"] == "Para" else ""
            found.append((classes[0], _text(title["c"][1][0]["c"]), after))
        found += _boxes(content)
    return found


@pytest.mark.parametrize("walkless", [True, False])
def test_box_titles(publishing: Path, walkless: bool) -> None:
    """A box's title is its first heading or bold-only paragraph, else the default; the
    same whether the filter walks the chapter or not (a link it must resolve)."""
    _append(
        publishing,
        "chapters/family-support/early-help.md",
        "\n::: related\n## Read also\n\nText one.\n:::\n"
        "\n::: related\n**Bold title**\n\nText two.\n:::\n"
        "\n::: related\n**Bold** and more.\n:::\n"
        "\n::: scope\n:::\n" + ("" if walkless else "\nSee [the part](#read-also).\n"),
    )
    doc = _unchecked_document(publishing)
    wanted = "links headings pages" if walkless else "headings"
    assert _ready(doc.prelinked)["early-help"] == wanted
    markdown, args = doc.prelinked_input()
    assert _boxes(_json_blocks(markdown, args, publishing))[-4:] == [
        ("related", "Read also", "Text one."),
        ("related", "Bold title", "Text two."),
        ("related", "Related guidance and chapters", "Bold and more."),
        ("scope", "Scope of this chapter", ""),
    ]


def _ready(markdown: str) -> dict[str, str]:
    """What each chapter's Div says the filter need not do (data-ready), by chapter id."""
    return {
        match[1]: match[2] or ""
        for match in re.finditer(r'data-id="([^"]*)"[^}]*?(?:data-ready="([^"]*)")?}', markdown)
    }


def test_hints_for_the_filter(publishing: Path) -> None:
    """Only the fast input says what the filter may skip: never the document model."""
    _append(publishing, "chapters/all-children/confidentiality.md", "\n  __Bold__ only.\n")
    doc = _unchecked_document(publishing)
    ready = dict(re.findall(r'data-id="([^"]*)"[^}]*?data-ready="([^"]*)"', doc.prelinked))
    assert ready == {
        "our-vision": "boxes headings",
        "confidentiality": "headings",
        "early-help": "boxes links headings pages",
        "external--2-2": "boxes links headings pages",
        "amendments": "boxes links headings pages",
    }
    assert "data-ready" not in doc.markdown
    markdown, args = doc.prelinked_input()
    assert "data-ready" not in run_pandoc(markdown, "native", args, root=publishing).decode()
