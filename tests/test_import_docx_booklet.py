"""The full-text sample manual rebuilt from a Word document of its text, made here.

The booklet "Our Support to Children and Families" was a Word document: a cover, a
contents table with page numbers, numbered sections ("1. Introduction", "1.1 Purpose",
"2.1.1 ..."), boxes drawn as one-cell tables, the "Presenting Circumstance / Team to
Assess" table, footnotes, bullet lists. This test makes such a document from the
sample's own text (pandoc's Word writer for the text, python-docx for the cover and the
contents table), imports it with ``import docx --to``, and compares the manual it gives
with the sample: the same chapters (ids, titles, numbers), in the same sections, with
the same text, boxes, tables, footnotes, links and amendment sentences.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import docx
import pytest
from conftest import REPO_ROOT
from test_import_docx_round_trip import _contents, _trees

from manualctl.model.chapter import parse
from manualctl.publish.pandoc import pandoc_binary

SAMPLE = REPO_ROOT / "manuals" / "our-support-to-children-and-families"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip


def _box(title: str, text: str) -> str:
    """A box as councils draw it: a one-cell table, its title in bold."""
    lines = [f"**{title}**", "", *text.strip().splitlines()]
    width = max(len(line) for line in lines) + 2
    rule = "+" + "-" * width + "+"
    return "\n".join([rule, *(f"| {line.ljust(width - 2)} |" for line in lines), rule])


def _chapter_markdown(number: str, title: str, ident: str, depth: int) -> str:
    meta, split = parse((SAMPLE / _files()[ident]).read_text(encoding="utf-8"))
    body = split.body
    boxes = []
    for kind, label in (("scope", "Scope of this chapter"), ("related", "Related guidance")):
        found = re.search(rf"^::: {kind}\n(.*?)\n:::\n", body, flags=re.S | re.M)
        if found:
            boxes.append(_box(label, found[1]))
            body = body.replace(found[0], "")
    for edition, sentence in (meta.get("amendments") or {}).items():
        year, month = str(edition).split("-")
        text = f"In {MONTHS[int(month) - 1]} {year}, {sentence[0].lower()}{sentence[1:]}"
        boxes.append(_box("Amendment", text))
    body = re.sub(r"\(chapter:([a-z0-9-]+)\)", r"(#\1)", body)  # a link to a bookmark
    body = re.sub(r"^(#+) ", lambda m: "#" * (len(m[1]) + depth - 1) + " ", body, flags=re.M)
    heading = "#" * depth + f" {number} {title} {{#{ident}}}"
    return "\n\n".join([heading, *boxes, body.strip()]) + "\n"


def _files() -> dict[str, str]:
    return {
        ident: rel
        for ident, (_, _, rel) in _sample_contents.items()  # set by the test, once
    }


_sample_contents: dict[str, tuple[str, str, str]] = {}


def _booklet_markdown(tree: dict) -> str:  # type: ignore[type-arg]
    parts = []
    for section in tree["sections"]:
        if section["title"] == "Appendices":
            continue  # the Amendments appendix is made from the history
        parts.append(f"# {section['number']}. {section['title']}\n")
        for entry in section.get("entries", []):
            if entry["type"] == "subsection":
                parts.append(f"## {entry['number']} {entry['title']}\n")
                for inner in entry.get("entries", []):
                    if inner["type"] == "chapter":
                        parts.append(
                            _chapter_markdown(inner["number"], inner["title"], inner["id"], 3)
                        )
            elif entry["type"] == "chapter":
                parts.append(_chapter_markdown(entry["number"], entry["title"], entry["id"], 2))
    return "\n".join(parts)


def _cover_and_contents(path: Path, tree: dict) -> None:  # type: ignore[type-arg]
    """A cover page and a contents table with page numbers, before the text."""
    document = docx.Document(str(path))
    first = document.paragraphs[0]
    cover = [
        ("Birmingham Children's Trust", None),
        ("Our Support to Children and Families", "Title"),
        ("Connections Count: how we ‘be’ and what we do.", None),
        ("Contents", None),
    ]
    for text, style in cover:
        paragraph = first.insert_paragraph_before(text)
        if style is not None and style in [s.name for s in document.styles]:
            paragraph.style = document.styles[style]
    rows = [(s["number"] + ".", s["title"], str(3 + 5 * i)) for i, s in enumerate(tree["sections"])]
    table = document.add_table(rows=len(rows), cols=3)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    first._p.addprevious(table._tbl)
    first.insert_paragraph_before("").add_run().add_break(docx.enum.text.WD_BREAK.PAGE)
    document.save(str(path))


@pytest.mark.slow
def test_the_booklet_rebuilt_from_word(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import json

    _sample_contents.update(_contents(cli, SAMPLE))
    tree = json.loads(cli("contents", "-m", str(SAMPLE), "--format", "json").stdout)
    (tmp_path / "booklet.md").write_text(_booklet_markdown(tree), encoding="utf-8")
    subprocess.run(
        [pandoc_binary(), "booklet.md", "--from=markdown", "-o", "booklet.docx"],
        cwd=tmp_path,
        check=True,
    )
    _cover_and_contents(tmp_path / "booklet.docx", tree)

    back = tmp_path / "rebuilt"
    result = cli("import", "docx", str(tmp_path / "booklet.docx"), "--to", str(back))
    assert result.exit_code == 0, result.stderr
    assert 'left out (before the first chapter heading): "Birmingham Children' in result.stderr
    assert cli("validate", str(back)).exit_code == 0

    rebuilt = _contents(cli, back)
    wanted = {i: v for i, v in _sample_contents.items() if i != "amendments"}
    assert {i: v[:2] for i, v in rebuilt.items()} == {i: v[:2] for i, v in wanted.items()}
    assert _trees(back, {i: v[2] for i, v in rebuilt.items()}) == _trees(
        SAMPLE, {i: v[2] for i, v in wanted.items()}
    )
    for ident, (_, _, rel) in wanted.items():
        before = parse((SAMPLE / rel).read_text(encoding="utf-8"))[0].get("amendments") or {}
        after = parse((back / rebuilt[ident][2]).read_text(encoding="utf-8"))[0]
        assert (after.get("amendments") or {}) == before, ident
    made = json.loads(cli("contents", "-m", str(back), "--format", "json").stdout)
    sections = [s["title"] for s in tree["sections"] if s["title"] != "Appendices"]
    assert [s["title"] for s in made["sections"]] == sections
