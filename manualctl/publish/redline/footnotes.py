"""FROM's pieces of footnotes, read at FROM (:mod:`manualctl.publish.redline.reuse`),
without the footnotes that no piece read at FROM refers to: pandoc reads a note's text
where it is defined, used or not, and the pieces taken from TO have TO's notes. Only a
piece of footnotes of a line each (blank lines between) is trimmed so: a note's later
lines, or a link's definition, may hold what belongs to a note before.
tests/test_redline_reuse.py holds the trees to pandoc's reading both editions whole.
"""

from __future__ import annotations

import re

_NOTE = re.compile(r"\[\^([^\]\n]*)\]:")  # a footnote's definition: its label


def used_only(read: list[str]) -> list[str]:
    """FROM's pieces read, those of nothing but footnotes without the footnotes that none
    of them refers to (see the module docstring)."""
    text = "\n".join(read).lower()
    return [_trimmed(piece, text) if "[^" in piece else piece for piece in read]


def _trimmed(piece: str, text: str) -> str:
    """A piece of footnotes of a line each without those ``text`` does not refer to; any
    other piece as it is."""
    lines = [line for line in piece.split("\n") if line.strip()]
    found = [_NOTE.match(line) for line in lines]
    if not all(found):
        return piece
    return "\n\n".join(
        line
        for line, note in zip(lines, found, strict=True)
        if note is not None and text.count(f"[^{note.group(1).lower()}]") > 1
    )
