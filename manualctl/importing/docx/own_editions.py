"""What manualctl's own Word editions add to a chapter, taken back out on import.

A published edition opens a chapter with its flag ("Chapter Flag" style: ``New`` or
``Updated``, which the history decides), its status and its note (from the contents);
it writes "The text of this chapter is to follow." for a chapter with no text yet, and
stands a stub in for a chapter hosted elsewhere ("This chapter is published elsewhere,
in SOURCE: [TITLE](URL)."). On import the flag and note go to the contents entry of a
new manual and the status to the front matter; the placeholder leaves an empty chapter,
and a stub becomes an entry for a chapter hosted elsewhere.

Each chapter heading of an edition is bookmarked ``chapter--ID`` (and ``ID``), so the
chapter keeps its id. Word takes bookmark names of 40 characters at most, and
:func:`manualctl.publish.docx.pandoc_bookmark` shortens a longer one to a SHA-1; such an
id is recognised when it is the one the title gives (the usual case).
"""

from __future__ import annotations

import hashlib
import re

from manualctl.importing.docx.blocks import Block, Part, style_of, text_of
from manualctl.importing.docx.boxes import box_title
from manualctl.model.chapter import ID_FROM_TITLE_MAX, SLUG_RE, id_from_title, slugify
from manualctl.model.manual import STATUSES

TO_FOLLOW = "The text of this chapter is to follow."
#: paragraph styles of an edition that are read here (kept until then)
STYLES = frozenset({"Chapter Flag", "Chapter Status", "Chapter Note"})
_OPENING = (*STYLES, "Box", "Box Title")  # the styles at the top of a published chapter
_ELSEWHERE = re.compile(r"^This chapter is published elsewhere(?:, in (?P<source>.*?))?(?::|\.$)")


def take_flag(part: Part) -> None:
    """Move a published chapter's flag, status and note out of its blocks (before its
    boxes are read): they stand among the boxes at the top of the chapter."""
    kept: list[Block] = []
    at = 0
    while at < len(part.blocks) and (
        (style_of(part.blocks[at]) or "").endswith(_OPENING)
        or (part.blocks[at].get("t") == "Header" and box_title(part.blocks[at]) is not None)
    ):
        block = part.blocks[at]
        style, text = style_of(block), text_of(block)
        if style == "Chapter Flag" and text in ("New", "Updated"):
            part.flag = text
        elif style == "Chapter Status" and text.removeprefix("Status: ") in STATUSES:
            part.status = text.removeprefix("Status: ")
        elif style == "Chapter Note":
            part.note = text
        else:
            kept.append(block)
        at += 1
    part.blocks = kept + part.blocks[at:]


def take_out(part: Part, *, externals: bool) -> None:
    """Take out the placeholder and (with ``externals``) the stub of a published
    chapter (once its boxes are read)."""
    blocks = part.blocks
    texts = [b for b in blocks if b.get("t") != "Div" or text_of(b)]
    if len(texts) == 1:
        only = _inner(texts[0])
        text = text_of(only)
        if text == TO_FOLLOW:
            blocks = []
        elif externals and (match := _ELSEWHERE.match(text)):
            part.external = (match["source"] or "", _link(only))
            blocks = []
    part.blocks = blocks


def _inner(block: Block) -> Block:
    while block.get("t") == "Div" and len(block["c"][1]) == 1:
        block = block["c"][1][0]
    return block


def _link(block: Block) -> str | None:
    inlines = block.get("c") if block.get("t") in ("Para", "Plain") else None
    for item in inlines or []:
        if item.get("t") == "Link":
            target = str(item["c"][2][0])
            return None if target.startswith("#") else target
    return None


_HASHED = re.compile(r"^(?:X[0-9a-f]{39}|m_[0-9a-f]{20})$")


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()


def id_from_marks(marks: tuple[str, ...], title: str) -> str | None:
    """The chapter id the bookmarks at a heading give, if any: ``chapter--ID``, a
    shortened long one, or a bookmark named like an id (not Word's ``_Toc``/``_Ref``)."""
    for mark in marks:
        if mark.startswith("chapter--") and SLUG_RE.match(mark[9:]):
            return mark[9:]
    for mark in marks:
        if _HASHED.match(mark):
            for candidate in (slugify(title), id_from_title(title)):
                if mark in ("X" + _sha1(candidate)[1:], "m_" + _sha1("chapter--" + candidate)[:20]):
                    return candidate
    for mark in marks:
        if SLUG_RE.match(mark) and len(mark) <= ID_FROM_TITLE_MAX:
            return mark
    return None
