"""Reading a produced PDF back with pypdf: outline, structure tree, links, text by page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PdfReader


@dataclass(frozen=True)
class Link:
    page: int  # 1-based page the link is on
    uri: str | None  # an external link
    target: int | None  # 1-based page an internal link goes to
    name: str | None  # the named destination of an internal link


def outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """Bookmarks as (depth, title, 1-based page), in order."""
    out: list[tuple[int, str, int]] = []

    def walk(items: list[Any], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                out.append((depth, str(item.title), reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return out


def named_pages(reader: PdfReader) -> dict[str, int]:
    """Named destinations (heading labels) and the 1-based page each is on."""
    return {
        str(name): reader.get_destination_page_number(dest) + 1
        for name, dest in reader.named_destinations.items()
    }


def links(reader: PdfReader) -> list[Link]:
    pages = {page.indirect_reference.idnum: i + 1 for i, page in enumerate(reader.pages)}
    named = named_pages(reader)
    found: list[Link] = []
    for index, page in enumerate(reader.pages):
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            action = annot.get("/A")
            dest = annot.get("/Dest")
            if action is not None and action.get("/URI") is not None:
                found.append(Link(index + 1, str(action["/URI"]), None, None))
            elif isinstance(dest, str):
                found.append(Link(index + 1, None, named.get(dest), dest))
            elif dest is not None:
                target = pages.get(dest[0].idnum)
                found.append(Link(index + 1, None, target, None))
    return found


def structure_kinds(reader: PdfReader) -> tuple[dict[str, int], list[str]]:
    """Counts of structure element types, and the alt text of every /Figure."""
    counts: dict[str, int] = {}
    alts: list[str] = []

    def walk(node: Any) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict):
            kind = node.get("/S")
            if kind is not None:
                counts[str(kind)] = counts.get(str(kind), 0) + 1
                if kind == "/Figure":
                    alts.append(str(node.get("/Alt", "")))
            if "/K" in node:
                walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"]["/K"])
    return counts, alts


def empty_elements(reader: PdfReader) -> dict[str, int]:
    """Structure elements with nothing in them (no content, no child), counted by type:
    checkers pass them, but a screen reader meets an empty group."""
    counts: dict[str, int] = {}

    def walk(node: Any) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict):
            kids = node.get("/K")
            if node.get("/S") is not None and (kids is None or kids == []):
                counts[str(node["/S"])] = counts.get(str(node["/S"]), 0) + 1
            if kids is not None:
                walk(kids)

    walk(reader.trailer["/Root"]["/StructTreeRoot"]["/K"])
    return counts


def contents_entries(reader: PdfReader) -> list[int]:
    """The nesting depth (0 for a section) of each entry of the tagged contents (each
    TOCI, in order, inside its TOC; a TOC within a TOC is one level further in)."""
    out: list[int] = []

    def walk(node: Any, depth: int) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for child in node:
                walk(child, depth)
        elif isinstance(node, dict):
            kind = node.get("/S")
            if kind == "/TOCI":
                out.append(depth)
            deeper = depth + 1 if kind == "/TOC" else depth
            if "/K" in node:
                walk(node["/K"], deeper)

    walk(reader.trailer["/Root"]["/StructTreeRoot"]["/K"], -1)
    return out


def page_texts(path: Path) -> list[str]:
    reader = PdfReader(path)
    return [" ".join(page.extract_text().split()) for page in reader.pages]
