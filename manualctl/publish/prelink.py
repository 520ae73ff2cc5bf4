"""Chapter links resolved before pandoc runs, for chapters simple enough to be sure.

manual.lua walks every inline of a chapter to rewrite its links, check its images and
refuse raw markup: on a big manual that walk is a good part of the pandoc run. Most
chapters need none of it: their only links are ``[text](chapter:ID)`` and ``https://``
links, and they have no images or raw markup. :func:`prelink` finds those chapters,
rewrites ``chapter:ID`` to ``#ID`` in their text (what manual.lua would have made of
it) and marks them (``data-ready="links"`` on the chapter's Div), so the filter can
leave them alone. Every edition ``publish`` makes uses it
(:meth:`~manualctl.publish.document.Document.prelinked_input`).

A chapter is taken only when its text leaves no doubt how pandoc reads it, and left to
the filter otherwise (that is always correct, only slower):

* nothing that could make code, math, raw markup, an image, an autolink or attributes
  (which the filter checks against the allow-list, manualctl.check.policy): no
  backquote, ``~~~``, ``$``, ``<``, backslash, ``{`` or ``![``;
* every ``[`` and ``]`` belongs to a footnote reference ``[^label]`` or to a link
  ``[plain text](target)`` on one line, where the target is ``chapter:ID`` (a chapter
  of this document) or an address whose scheme the policy allows (``https:``,
  ``mailto:``: the filter leaves those as they are), with no title;
* a line holding such a link is not indented as code (a tab or four spaces) and holds
  no ``{`` (attributes).
"""

from __future__ import annotations

import re
from collections.abc import Collection

# [text](target): text without brackets, markup that could reach outside the link, or
# table bars; not after "]" (reference), "!" (image) or "^" (inline note).
_LINK = re.compile(
    r"(?<![\]!^])\[([^\[\]\\`<>$*_~^|{}\n]+)\]"
    r"\(((?:https?|mailto|tel|chapter):[^\s()<>&\\`\[\]{}\"']*)\)"
)
_FOOTNOTE = re.compile(r"\[\^[A-Za-z0-9_-]+\]")
_CHAPTER = re.compile(r"chapter:([a-z0-9]+(?:-[a-z0-9]+)*)")
_UNSURE = ("`", "~~~", "$", "<", "\\", "{", "![")


def prelink(body: str, chapter_ids: Collection[str]) -> str | None:
    """``body`` with its ``chapter:ID`` links made ``#ID``, or None when the chapter is
    not one this module can be sure about (see the module docstring)."""
    if any(mark in body for mark in _UNSURE):
        return None
    if "[" not in body and "]" not in body:
        return body
    rest = _FOOTNOTE.sub("", _LINK.sub("", body))
    if "[" in rest or "]" in rest:
        return None
    out: list[str] = []
    last = 0
    for match in _LINK.finditer(body):
        text, target = match.group(1), match.group(2)
        if not text.strip() or text in ("x", "X"):
            return None  # could be a task list's box
        start = body.rfind("\n", 0, match.start()) + 1
        end = body.find("\n", match.end())
        line = body[start : len(body) if end == -1 else end]
        if line.startswith(("\t", "    ")) or "{" in line or "}" in line:
            return None
        if target.startswith("chapter:"):
            found = _CHAPTER.fullmatch(target)
            if found is None or found.group(1) not in chapter_ids:
                return None
            out += [body[last : match.start(2)], "#", found.group(1)]
            last = match.end(2)
    out.append(body[last:])
    return "".join(out)
