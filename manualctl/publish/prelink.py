"""Chapter links resolved before pandoc runs, for chapters simple enough to be sure.

manual.lua walks every inline of a chapter to rewrite its links, check its images and
refuse raw markup: on a big manual that walk is a good part of the pandoc run. Most
chapters need none of it: their only links are ``[text](chapter:ID)`` and ``https://``
links, and they have no images or raw markup. :func:`prelink` finds those chapters,
rewrites ``chapter:ID`` to ``#ID`` in their text (what manual.lua would have made of
it; a link to a chapter not in the document, such as a redline's or one chapter's,
becomes ``[its text]{}``, the Span the filter makes of it, when it is in no table:
shorter text there could change the table's column widths) and marks them
(``data-ready="links"`` on the chapter's Div), so the filter can leave them alone.
Every edition ``publish`` makes uses it
(:meth:`~manualctl.publish.document.Document.prelinked_input`).

A chapter is taken only when its text leaves no doubt how pandoc reads it, and left to
the filter otherwise (that is always correct, only slower):

* nothing that could make code, math, raw markup, an image, an autolink or attributes
  (which the filter checks against the allow-list, manualctl.check.policy): no
  backquote, ``~~~``, ``$``, ``<``, backslash, ``{`` or ``![``;
* every ``[`` and ``]`` belongs to a footnote reference ``[^label]`` or to a link
  ``[plain text](target)`` on one line, where the target is ``chapter:ID`` or an
  address whose scheme the policy allows (``https:``, ``mailto:``: the filter leaves
  those as they are), with no title;
* a line holding such a link is not indented as code (a tab or four spaces).

What the chapter holds (its links, footnote labels and their places) comes from the one
Markdown scan (:mod:`manualctl.check.markdown`); this module only decides and rewrites.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from manualctl.check.markdown.scan import Scan, scan

# a link's text: no brackets, no markup that could reach outside the link, no table bars
_PLAIN = re.compile(r"[^\[\]\\`<>$*_~^|{}\n]+")
_TARGET = re.compile(r"(?:https?|mailto|tel|chapter):[^\s()<>&\\`\[\]{}\"']*")
_NOTE = re.compile(r"[A-Za-z0-9_-]+")
_CHAPTER = re.compile(r"chapter:([a-z0-9]+(?:-[a-z0-9]+)*)")
_UNSURE = ("`", "~~~", "$", "<", "\\", "{", "![")
# a line of dashes: a simple or multiline table (or a rule, or a heading's underline)
_DASHES = re.compile(r"^[ \t]*-[- \t]*$", re.MULTILINE)


def prelink(body: str, chapter_ids: Collection[str]) -> str | None:
    """``body`` with its ``chapter:ID`` links made ``#ID``, or None when the chapter is
    not one this module can be sure about (see the module docstring)."""
    edits = link_edits(body, scan(body), chapter_ids)
    if edits is None:
        return None
    out: list[str] = []
    done = 0
    for start, end, text in edits:
        out += [body[done:start], text]
        done = end
    out.append(body[done:])
    return "".join(out)


def link_edits(
    body: str, found: Scan, chapter_ids: Collection[str]
) -> list[tuple[int, int, str]] | None:
    """(start, end, "#ID") for each ``chapter:ID`` target in ``body`` (scanned as
    ``found``), or None when the chapter is not one this module can be sure about."""
    if any(mark in body for mark in _UNSURE):
        return None
    if "[" not in body and "]" not in body:
        return []
    notes = [label for label in found.labels if label.kind == "note"]
    if len(notes) != len(found.labels) or not all(_NOTE.fullmatch(n.label) for n in notes):
        return None  # reference links, or a footnote label with other characters
    brackets = len(found.links) + len(notes)  # a link's text holds no brackets (below)
    if body.count("[") != brackets or body.count("]") != brackets:
        return None  # brackets that are neither: reference links, task lists, code
    edits: list[tuple[int, int, str]] = []
    for link in found.links:
        if link.image or (link.start and body[link.start - 1] in "]!^"):
            return None
        if not _PLAIN.fullmatch(link.text) or not link.text.strip() or link.text in ("x", "X"):
            return None  # (an "x" could be a task list's box)
        if body[link.offset : link.end - 1] != link.target or not _TARGET.fullmatch(link.target):
            return None  # a title, spaces, <...>, or a target the filter must look at
        line = body[body.rfind("\n", 0, link.start) + 1 :]
        if line.startswith(("\t", "    ")):
            return None
        if link.target.startswith("chapter:"):
            chapter = _CHAPTER.fullmatch(link.target)
            if chapter is None:
                return None
            if chapter.group(1) not in chapter_ids:  # only its text, as the filter makes it
                if "|" in line.split("\n", 1)[0] or _DASHES.search(body):
                    return None  # (in a table, maybe: its widths may hang on the length)
                edits.append((link.offset - 1, link.end, "{}"))
                continue
            edits.append((link.offset, link.offset + len(link.target), "#" + chapter.group(1)))
    return edits


# a line that could underline a setext heading (in a list or a quote too)
_UNDERLINE = re.compile(r"^[ \t>]*(?:=+|-+)[ \t]*$", re.MULTILINE)


def headings_at_top(body: str, found: Scan) -> bool:
    """Whether every heading pandoc reads in ``body`` (scanned as ``found``) is at the top
    of the chapter or directly in one of its boxes, where manual.lua finds it without
    walking the chapter (``data-ready="headings"``). Only when the text leaves no doubt:
    no box inside a box, no ``<`` (an HTML block), every ``#`` on the line of a heading
    the scan found or inside a line's text (not first on a line or after a space, ``>``
    or ``|``, as a heading in a list, a quote, a note or a table would be), and every
    line of ``=`` or ``-`` the underline of one of those headings."""
    if "<" in body:
        return False
    depth = 0
    for fence in found.fences:
        depth += 1 if fence.opens else -1
        if depth > 1:
            return False
    lines = {heading.offset for heading in found.headings}
    at = body.find("#")
    while at >= 0:
        start = body.rfind("\n", 0, at) + 1
        if start not in lines and (at == start or body[at - 1] in " \t>|"):
            return False
        at = body.find("#", at + 1)
    underlines = {
        body.find("\n", heading.offset) + 1
        for heading in found.headings
        if not body.startswith("#", heading.offset) and "\n" in body[heading.offset :]
    }
    return all(line.start() in underlines for line in _UNDERLINE.finditer(body))
