"""What the import's modules share: pandoc JSON blocks, remarks, and the parts
(chapters) a document is cut into."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Any

Block = dict[str, Any]


@dataclass(frozen=True)
class Remark:
    """Something left out or changed: where (``paragraph 12``) and what."""

    where: str
    text: str

    def __str__(self) -> str:
        return f"{self.where}: {self.text}"


@dataclass
class Part:
    """One chapter's worth of the document."""

    title: str
    chapter_id: str
    anchors: set[str] = field(default_factory=set)  # its heading's id and bookmarks
    blocks: list[Block] = field(default_factory=list)
    #: its blocks as cut from the document (before boxes were made of them), where the
    #: other places a link can go to are found (:func:`collect_anchors`), when one does
    cut: list[Block] = field(default_factory=list)
    amendments: dict[str, str] = field(default_factory=dict)
    flag: str | None = None  # New or Updated, in an edition manualctl published
    status: str | None = None  # its status line ("local", "under review", ...)
    note: str | None = None  # its note line ("N.B. A local policy can be ...")
    number: str = ""  # the number its heading showed
    external: tuple[str, str | None] | None = None  # (source, url): hosted elsewhere


def text_of(node: Any) -> str:
    """The plain text of inlines or blocks (pandoc's stringify, enough for titles)."""
    out: list[str] = []
    _text(node, out, sys.maxsize)
    return " ".join("".join(out).split())


def short_text(node: Any, most: int) -> str | None:
    """:func:`text_of` ``node`` if it has at most ``most`` characters besides spaces, else
    None (found without reading the rest of a long paragraph)."""
    out: list[str] = []
    if _text(node, out, most) < 0:
        return None
    return " ".join("".join(out).split())


def _text(item: Any, out: list[str], left: int) -> int:
    """Add the text of ``item`` to ``out``; what is left of ``left`` characters (below
    zero: stopped there)."""
    if isinstance(item, list):
        for sub in item:
            kind = sub.get("t") if isinstance(sub, dict) else None
            if kind == "Str":
                out.append(sub["c"])
                left -= len(sub["c"])
            elif kind == "Space":
                out.append(" ")
            else:
                left = _text(sub, out, left)
            if left < 0:
                return left
    elif isinstance(item, dict):
        kind = item.get("t")
        if kind == "Str":
            out.append(item["c"])
            left -= len(item["c"])
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif kind == "Note":
            return left
        elif kind in ("Code", "Math"):
            out.append(item["c"][1])
            left -= len(item["c"][1])
        elif "c" in item:
            left = _text(item["c"], out, left)
            if kind in ("Para", "Plain", "Header"):
                out.append(" ")  # table cells and list items do not run together
    return left


def quote(block: Block) -> str:
    text = text_of(block)
    return repr(text if len(text) <= 70 else text[:67] + "...")


def style_of(block: Block) -> str | None:
    if block.get("t") != "Div":
        return None
    for key, value in block["c"][0][2]:
        if key == "custom-style":
            return str(value)
    return None


def numbered(block: Block, number: str) -> Block:
    level, attr, inlines = block["c"]
    return {
        "t": "Header",
        "c": [level, attr, [{"t": "Str", "c": number}, {"t": "Space"}, *inlines]],
    }


def collect_anchors(node: Any, found: set[str]) -> None:
    """The ids of the headings, spans and divs in ``node``, into ``found``."""
    if isinstance(node, list):
        for item in node:
            if not isinstance(item, dict) or item.get("t") not in _NO_ANCHORS:
                collect_anchors(item, found)
    elif isinstance(node, dict):
        kind = node.get("t")
        if kind in ("Header",):
            found.add(node["c"][1][0])
        elif kind in ("Span", "Div"):
            found.add(node["c"][0][0])
        if "c" in node:
            collect_anchors(node["c"], found)


_NO_ANCHORS = frozenset(("Str", "Space", "SoftBreak", "LineBreak"))


def shift_headings(blocks: list[Block]) -> list[Block]:
    """Headings inside a chapter, the highest made ``##`` (the title is above them), and
    none more than one level below the heading before it (Word allows a skip; screen
    readers and validate do not)."""
    levels = [b["c"][0] for b in blocks if b.get("t") == "Header"]
    if not levels:
        return blocks
    shift = min(levels) - 2
    out: list[Block] = []
    previous = 1
    for block in blocks:
        if block.get("t") == "Header":
            level = min(block["c"][0] - shift, previous + 1)
            previous = level
            block = {"t": "Header", "c": [level, block["c"][1], block["c"][2]]}
        out.append(block)
    return out
