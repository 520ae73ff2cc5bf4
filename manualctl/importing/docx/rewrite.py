"""Inside a chapter's blocks: pictures into media/, links between chapters, lists, tables.

:func:`finish` takes the parts :func:`manualctl.importing.docx.chapters.split` made and
gives each one's blocks ready for pandoc's Markdown writer: a picture is named by its
content (``media/<sha256>.png``, so the same picture is stored once), attributes Word
gave (sizes, styles) are dropped, a link to a place in the document becomes
``chapter:ID``, lists of one paragraph per item are tight, and table columns lose their
widths (so pandoc writes pipe tables where cells are simple, grid tables otherwise).
"""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from manualctl.importing.docx.blocks import (
    Block,
    Part,
    Remark,
    collect_anchors,
    style_of,
    text_of,
)

_PICTURE_TYPES = {
    b"\x89PNG": ".png",
    b"\xff\xd8\xff": ".jpg",
    b"GIF8": ".gif",
    b"<svg": ".svg",
    b"<?xm": ".svg",
}


@dataclass
class Media:
    """Pictures taken from the document: ``media/NAME`` -> bytes."""

    read: Callable[[str], bytes]
    files: dict[str, bytes] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # document name -> media name

    def take(self, source: str) -> str:
        if source not in self.names:
            data = self.read(source)
            suffix = next(
                (s for magic, s in _PICTURE_TYPES.items() if data.startswith(magic)),
                posixpath.splitext(source)[1].lower() or ".bin",
            )
            name = f"media/{hashlib.sha256(data).hexdigest()[:16]}{suffix}"
            self.files[name] = data
            self.names[source] = name
        return self.names[source]


def finish(
    parts: list[Part], media: Media, *, media_link: str, remarks: list[Remark]
) -> list[list[Block]]:
    """Each part's blocks ready for the Markdown writer."""
    by_anchor = _Anchors(parts)
    done = []
    for part in parts:
        fixer = _Fixer(part, by_anchor, media, media_link, remarks)
        done.append(fixer.blocks(part.blocks))
    return done


class _Anchors:
    """The chapter each place in the document is in (a heading's id, a bookmark, a span
    or div's id), found the first time a link to a place asks (most documents have
    none, and finding them means reading every word)."""

    def __init__(self, parts: list[Part]) -> None:
        self.parts = parts
        self.found: dict[str, str] | None = None

    def get(self, anchor: str) -> str | None:
        if self.found is None:
            self.found = {}
            for part in self.parts:  # a place in two chapters is the later one's
                places = set(part.anchors)
                for block in part.cut:
                    collect_anchors(block, places)
                self.found.update((place, part.chapter_id) for place in places if place)
        return self.found.get(anchor)


class _Fixer:
    def __init__(
        self,
        part: Part,
        by_anchor: _Anchors,
        media: Media,
        media_link: str,
        remarks: list[Remark],
    ) -> None:
        self.part = part
        self.by_anchor = by_anchor
        self.media = media
        self.media_link = media_link
        self.remarks = remarks
        self.pictures = 0

    def blocks(self, blocks: list[Block]) -> list[Block]:
        """Blocks with the divs of Word's paragraph styles opened (their text kept)."""
        out: list[Block] = []
        for block in blocks:
            if style_of(block) is not None:
                out.extend(self.blocks(block["c"][1]))
            else:
                out.append(self.block(block))
        return out

    def block(self, block: Block) -> Block:
        kind = block.get("t")
        if kind in ("Para", "Plain"):
            return {"t": kind, "c": self.inlines(block["c"])}
        if kind == "Header":
            level, _, inlines = block["c"]
            return {"t": "Header", "c": [level, ["", [], []], self.inlines(inlines)]}
        if kind in ("BulletList", "OrderedList"):
            items = block["c"] if kind == "BulletList" else block["c"][1]
            fixed = [self.blocks(item) for item in items]
            if all(len(item) == 1 and item[0].get("t") == "Para" for item in fixed):
                fixed = [[{"t": "Plain", "c": item[0]["c"]}] for item in fixed]
            if kind == "BulletList":
                return {"t": kind, "c": fixed}
            start = block["c"][0][0]
            return {"t": kind, "c": [[start, {"t": "DefaultStyle"}, {"t": "Period"}], fixed]}
        if kind == "Div":
            attr, content = block["c"]
            keep = ["", [c for c in attr[1] if c in ("scope", "related")], []]
            return {"t": "Div", "c": [keep, self.blocks(content)]}
        if kind == "BlockQuote":
            return {"t": kind, "c": self.blocks(block["c"])}
        if kind == "Figure":
            return self.figure(block)
        if kind == "Table":
            attr, caption, specs, *rest = block["c"]
            specs = [[align, {"t": "ColWidthDefault"}] for align, _ in specs]
            return {"t": kind, "c": self.any([attr, caption, specs, *rest])}
        return {"t": kind, "c": self.any(block.get("c"))} if "c" in block else block

    def figure(self, block: Block) -> Block:
        """A picture alone in its paragraph: its caption is its alt text, as pandoc's
        Markdown makes it; any other figure keeps its caption (Word's styles go)."""
        _, (short, caption), content = block["c"]
        content = self.blocks(content)
        images = [i for b in content if b.get("t") in ("Plain", "Para") for i in b["c"]]
        alone = len(images) == 1 and images[0].get("t") == "Image"
        if alone and text_of(caption) == text_of(images[0]["c"][1]):
            return {"t": "Para", "c": images}
        return {"t": "Figure", "c": [["", [], []], [short, self.blocks(caption)], content]}

    def any(self, node: Any) -> Any:
        if isinstance(node, list):
            if node and all(isinstance(i, dict) and "t" in i for i in node):
                if any(i["t"] in _BLOCK_TYPES for i in node):
                    return self.blocks(node)
                return self.inlines(node)
            return [self.any(i) for i in node]
        if isinstance(node, dict) and "t" in node:
            return self.block(node) if node["t"] in _BLOCK_TYPES else self.inlines([node])[0]
        return node

    def inlines(self, items: list[Block]) -> list[Block]:
        if _WORDS.issuperset(map(_KIND, items)):  # most of a document: nothing to change
            return items
        out: list[Block] = []
        for item in items:
            kind = item.get("t")
            if kind == "Image":
                out.append(self.image(item))
            elif kind == "Link":
                out.extend(self.link(item))
            elif kind == "Span":
                out.extend(self.inlines(item["c"][1]))
            elif kind == "Note":
                out.append({"t": "Note", "c": _trimmed(self.blocks(item["c"]))})
            elif kind in (
                "Emph",
                "Strong",
                "Underline",
                "Strikeout",
                "Superscript",
                "Subscript",
                "SmallCaps",
            ):
                out.append({"t": kind, "c": self.inlines(item["c"])})
            elif kind == "Quoted":
                out.append({"t": kind, "c": [item["c"][0], self.inlines(item["c"][1])]})
            else:
                out.append(item)
        return out

    def image(self, item: Block) -> Block:
        _, alt, (source, title) = item["c"]
        name = self.media.take(source)
        self.pictures += 1
        if not text_of(alt):
            self.remarks.append(
                Remark(
                    f'"{self.part.title}"',
                    f"picture {self.pictures} ({source}) has no alt "
                    "text: validate reports image-alt until you write it between the [].",
                )
            )
        link = self.media_link + name.removeprefix("media/")
        return {"t": "Image", "c": [["", [], []], self.inlines(alt), [link, title]]}

    def link(self, item: Block) -> list[Block]:
        _, inner, (target, title) = item["c"]
        inner = self.inlines(inner)
        if not target.startswith("#"):
            return [{"t": "Link", "c": [["", [], []], inner, [target, title]]}]
        chapter = self.by_anchor.get(target[1:])
        if chapter is None:
            self.remarks.append(
                Remark(
                    f'"{self.part.title}"',
                    f"the link {text_of(inner)!r} goes to a place "
                    "that is not in an imported chapter: kept as text.",
                )
            )
            return inner
        return [{"t": "Link", "c": [["", [], []], inner, [f"chapter:{chapter}", ""]]}]


def _trimmed(blocks: list[Block]) -> list[Block]:
    """A footnote without the space Word puts after its mark."""
    if blocks and blocks[0].get("t") in ("Para", "Plain"):
        inlines = blocks[0]["c"]
        while inlines and inlines[0].get("t") == "Space":
            inlines = inlines[1:]
        blocks = [{"t": blocks[0]["t"], "c": inlines}, *blocks[1:]]
    return blocks


_KIND = itemgetter("t")
_WORDS = frozenset(("Str", "Space", "SoftBreak", "LineBreak"))

_BLOCK_TYPES = {
    "Plain",
    "Para",
    "LineBlock",
    "CodeBlock",
    "RawBlock",
    "BlockQuote",
    "OrderedList",
    "BulletList",
    "DefinitionList",
    "Header",
    "HorizontalRule",
    "Table",
    "Figure",
    "Div",
}
