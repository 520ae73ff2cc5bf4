"""The Word redline's contents lines name their styles themselves: held equal to the
styles docx.lua's ``style_top`` gives them (the walk redline.lua no longer makes)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from manualctl.editions import between as changes
from manualctl.publish.chapter_text import DocChapter
from manualctl.publish.document import filter_path
from manualctl.publish.pandoc import pandoc_binary
from manualctl.publish.redline.astdiff import Marks
from manualctl.publish.redline.contents import contents

MARKS = Marks("manualctl", "2026-11-01T12:00:00Z")


def _title(cls: str, number: str, words: str) -> Any:
    inlines = [{"t": "Str", "c": number}]
    for word in words.split():
        inlines += [{"t": "Space"}, {"t": "Str", "c": word}]
    return {"t": "Div", "c": [["", [cls], []], [{"t": "Plain", "c": inlines}]]}


def _chapter(cid: str) -> Any:
    return {"t": "Div", "c": [[cid, ["chapter"], [["data-id", cid]]], []]}


def _unstyled(node: Any) -> Any:
    if isinstance(node, list):
        if len(node) == 3 and isinstance(node[0], str) and isinstance(node[2], list):
            attrs = [a for a in node[2] if a[0] != "custom-style"]  # an Attr
            return [node[0], node[1], attrs]
        return [_unstyled(x) for x in node]
    if isinstance(node, dict):
        return {k: _unstyled(v) for k, v in node.items()}
    return node


def _styled_by_docx_lua(blocks: list[Any], tmp_path: Path) -> list[Any]:
    lua = tmp_path / "style_top.lua"
    docx = json.dumps(str(filter_path("docx.lua")))
    lua.write_text(
        f"local docx = dofile({docx})\n"
        "function Pandoc(doc)\n  local blocks = doc.blocks\n  docx.style_top(blocks)\n"
        "  doc.blocks = blocks\n  return doc\nend\n",
        encoding="utf-8",
    )
    doc = {"pandoc-api-version": [1, 23, 1], "meta": {}, "blocks": blocks}
    done = subprocess.run(
        [pandoc_binary(), "--from=json", "--to=json", f"--lua-filter={lua}"],
        input=json.dumps(doc).encode(),
        capture_output=True,
        check=True,
    )
    return list(json.loads(done.stdout)["blocks"])


def test_the_contents_lines_have_docx_luas_styles(tmp_path: Path) -> None:
    statuses = [changes.NEW, changes.UPDATED, changes.EDITORIAL, changes.REMOVED]
    statuses += [changes.MOVED, changes.SAME]
    ids = [f"c{i}" for i in range(len(statuses))]
    blocks = [_title("section-title", "1.", "Children's Services"), _chapter(ids[0])]
    blocks += [_title("subsection-title", "1.1", "Assessment"), *map(_chapter, ids[1:])]
    shown = [
        changes.ChapterChange(cid, status, "Retitled: A → B." if status == changes.MOVED else "")
        for cid, status in zip(ids, statuses, strict=True)
    ]
    chapters = {
        cid: DocChapter(cid, f"1.{i}", f"Chapter {i}", f"{cid}.md") for i, cid in enumerate(ids)
    }
    made = contents(blocks, shown, chapters, MARKS)
    assert "custom-style" in json.dumps(made)
    assert _styled_by_docx_lua(_unstyled(made), tmp_path) == made
