"""Local slots: marked parts of a template chapter that a council fills in.

The template marks a part of a chapter as a fenced Div with class ``local`` and an id::

    ::: {.local id=thresholds}
    Link to your local threshold document here.
    :::

A manual that inherits the chapter fills the slot from a small file of its own, named on
the entry (``- inherit: ID`` with ``local: chapters/local/ID.md``), holding Divs of the
same form; the rest of the chapter keeps following the template. The template's text
inside a slot is what readers see until the council fills it.
"""

# No `from __future__ import annotations`: a NamedTuple's string annotations are each
# compiled at import, the first compile costing 2 ms (tests/test_cli_startup.py).
import re
from typing import NamedTuple

_OPEN = re.compile(r"^(:{3,})[ \t]*(\{[^}\n]*\}|[A-Za-z][\w-]*)[ \t]*:*[ \t]*$")
_CLOSE = re.compile(r"^:{3,}[ \t]*$")
_LOCAL = re.compile(r"(?:^|\s)\.local(?=\s|$)")
_ID = re.compile(r"(?:^|\s)(?:#|id=[\"']?)([A-Za-z0-9_-]+)")


class Slot(NamedTuple):
    id: str
    start: int  # index of the opening fence line
    end: int  # index of the closing fence line
    line: int  # 1-based line of the opening fence in the text


def find(text: str) -> dict[str, Slot]:
    """The slots of ``text`` by id (the first of each id), nested Divs followed."""
    out: dict[str, Slot] = {}
    stack: list[tuple[int, str | None]] = []
    for index, line in enumerate(text.split("\n")):
        opening = _OPEN.match(line)
        if opening:
            attrs = opening.group(2)
            slot_id = None
            if attrs.startswith("{") and _LOCAL.search(attrs[1:-1]):
                found = _ID.search(attrs[1:-1])
                slot_id = found.group(1) if found else None
            stack.append((index, slot_id))
        elif _CLOSE.match(line) and stack:
            start, slot_id = stack.pop()
            if slot_id and slot_id not in out:
                out[slot_id] = Slot(slot_id, start, index, start + 1)
    return out


def fill(template: str, local: str) -> str:
    """The template body with each slot's content replaced by the local file's."""
    lines = template.split("\n")
    own_lines = local.split("\n")
    own = find(local)
    for slot in sorted(find(template).values(), key=lambda s: s.start, reverse=True):
        given = own.get(slot.id)
        if given is not None:
            lines[slot.start + 1 : slot.end] = own_lines[given.start + 1 : given.end]
    return "\n".join(lines)


def emptied(local: str) -> str:
    """The slots of the local file ``local`` with nothing in them: a template chapter
    filled with this keeps only its text outside the slots the local file fills."""
    return "\n".join(f"::: {{.local id={slot.id}}}\n:::" for slot in find(local).values())
