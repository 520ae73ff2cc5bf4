"""What is around a chapter's pieces in a redline's documents, taken from TO's tree into
FROM's when it is TO's word for word (:mod:`manualctl.publish.redline.reuse`): the
sections' headings between the chapters, and each chapter's heading (with the boxes of
its flag, status or note) before its first piece, when its Div's attributes are TO's
too. Either reads alike in both: writing pandoc's tree (not a format's), manual.lua
leaves the headings between chapters alone, and a chapter's first block.
tests/test_redline_reuse.py holds the trees to pandoc's reading both editions whole.
"""

from __future__ import annotations

from typing import Any

Node = Any
DIV = "::::::::: {"  # how a chapter's Div starts (chapter_text.chapter_div)


def opening(div: str, separator: str) -> str | None:
    """A chapter's Div (read in pieces) up to its first piece's separator (None: it
    has no piece)."""
    end = div.find(f"\n\n{separator}\n\n")
    return div[:end] if end >= 0 else None


def titled(
    blocks: list[Node], before: dict[str, list[str | None]], theirs: dict[str, Node]
) -> list[Node]:
    """FROM's blocks with the sections' headings taken from TO (``theirs``, by their
    text) put back before their chapters, among those read at FROM."""
    out: list[Node] = []
    read: list[Node] = []  # FROM's own headings before the next chapter
    for block in blocks:
        cid = chapter_id(block)
        if cid is None:
            read.append(block)
            continue
        own = iter(read)
        out.extend(theirs[t] if t is not None else next(own) for t in before.get(cid, []))
        out.append(block)
        read = []
    return out


def chapter_id(block: Node) -> str | None:
    """The id of the chapter whose Div ``block`` is (None: no chapter's)."""
    if block.get("t") != "Div" or "chapter" not in block["c"][0][1]:
        return None
    return str(dict(block["c"][0][2]).get("data-id", ""))
