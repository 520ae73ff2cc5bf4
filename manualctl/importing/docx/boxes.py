"""The boxes our chapters open with, found in a Word document.

Paragraphs headed "Scope of this chapter" or "Related guidance" (a heading, or a
paragraph of those words alone) and what follows them up to the next heading become
``::: scope`` / ``::: related`` boxes, as does a one-cell table (a bordered box) whose
first paragraph is such a title; the boxes of manualctl's own Word editions are
known by their paragraph styles ("Scope Box Title", "Scope Box"). An Amendment box's
"In November 2024, this chapter ..." goes to the front matter's ``amendments`` for
2024-11; one that names no month is kept as a paragraph, with a remark.
"""

from __future__ import annotations

import re

from manualctl.importing.docx.blocks import (
    Block,
    Part,
    Remark,
    quote,
    short_text,
    style_of,
    text_of,
)

_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_AMENDMENT = re.compile(r"^In (?P<month>[A-Za-z]+) (?P<year>\d{4}),\s*(?P<rest>\S.*)$")
BOX_TITLES = {
    "scope of this chapter": "scope",
    "scope": "scope",
    "related guidance": "related",
    "related guidance and chapters": "related",
    "related chapters": "related",
    "related chapters and guidance": "related",
    "amendment": "amendment",
}
_LONGEST = 2 * max(len(title) for title in BOX_TITLES)  # room for a colon, stray spaces
BOX_STYLES = {"Scope Box": "scope", "Related Box": "related", "Amendment Box": "amendment"}


def box_title(block: Block) -> str | None:
    style = style_of(block)
    if style is not None and style.endswith(" Title"):
        return BOX_STYLES.get(style.removesuffix(" Title"))
    if block.get("t") not in ("Header", "Para", "Plain"):
        return None
    text = short_text(block, _LONGEST)
    return None if text is None else BOX_TITLES.get(text.rstrip(":").strip().lower())


def boxes(part: Part, remarks: list[Remark]) -> list[Block]:
    """Box titles and what follows them (to the next heading) as ``::: scope`` etc."""
    out: list[Block] = []
    blocks = part.blocks
    index = 0
    while index < len(blocks):
        kind = box_title(blocks[index])
        content: list[Block] = []
        cell = _one_cell(blocks[index])
        if kind is None and cell and box_title(cell[0]) is not None:
            kind, content = box_title(cell[0]), cell[1:]  # a box drawn as a one-cell table
        elif kind is None:
            out.append(blocks[index])
            index += 1
            continue
        index += 1
        if cell:
            pass  # the cell holds the whole box
        elif index < len(blocks) and style_of(blocks[index]) in BOX_STYLES:
            content = list(blocks[index]["c"][1])
            index += 1
        else:
            while (
                index < len(blocks)
                and blocks[index].get("t") != "Header"
                and box_title(blocks[index]) is None
            ):
                content.append(blocks[index])
                index += 1
        if kind == "amendment":
            kept = _amendments(part, content, remarks)
            out.extend(kept)
        elif content:
            out.append({"t": "Div", "c": [["", [kind], []], content]})
    return out


def _one_cell(block: Block) -> list[Block] | None:
    """The blocks of a table that is one cell (councils draw boxes so), else None."""
    if block.get("t") != "Table":
        return None
    _, _, _, head, bodies, foot = block["c"]
    rows = [*head[1], *(r for body in bodies for r in (*body[2], *body[3])), *foot[1]]
    cells = [cell for row in rows for cell in row[1]]
    if len(cells) != 1:
        return None
    opened: list[Block] = []
    for inner in cells[0][4]:  # paragraph styles of the cell ("Table Contents") opened
        opened.extend(inner["c"][1] if style_of(inner) is not None else [inner])
    return opened


def _amendments(part: Part, content: list[Block], remarks: list[Remark]) -> list[Block]:
    kept: list[Block] = []
    for block in content:
        text = text_of(block)
        match = _AMENDMENT.match(text)
        month = match["month"].lower() if match else ""
        if match and month in _MONTHS:
            edition = f"{match['year']}-{_MONTHS.index(month) + 1:02d}"
            rest = match["rest"]
            part.amendments[edition] = rest[0].upper() + rest[1:]
        else:
            kept.append(block)
            remarks.append(
                Remark(
                    f'"{part.title}"',
                    f"the amendment text {quote(block)} names no "
                    "month and year, so it is kept as a paragraph: move it to the front "
                    "matter's amendments: by hand.",
                )
            )
    return kept
