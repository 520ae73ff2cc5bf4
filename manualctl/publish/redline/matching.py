"""difflib's SequenceMatcher, told where the longest match is when it is the two
sequences' common start or common end, without difflib's walk over every pair of equal
items.

To find the longest run of items common to a range of ``a`` and of ``b``, difflib walks,
for each item of ``a``, every equal item of ``b``: in a paragraph's tokens, every other
one a space, that is most of a redline's word by word comparison (86 tokens: 2.8 M
instructions). A changed paragraph is mostly what it was, so the longest match is
mostly the common start or the common end, and it is known to be without that walk:

* the common start (``x`` items), when no run of ``x + 1`` items of ``a`` is one of
  ``b``: no match is longer, and of those as long it is the first in ``a``, then in
  ``b`` (difflib's choice);
* the common end (``y`` items), when no run of ``y`` items of ``a`` but its end is one
  of ``b``, and ``a``'s end is ``b``'s only at its end: it is the only match that
  long, and none is longer.

Otherwise difflib looks, as before. Without junk (``autojunk=False``, no ``isjunk``) a
match difflib finds cannot be widened, so these are its very answers, and the opcodes
are difflib's (tests/test_redline_matching.py holds them to it).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from difflib import Match, SequenceMatcher


class Matcher(SequenceMatcher[int]):
    """``SequenceMatcher(None, a, b, autojunk=False)``, quicker where the longest match
    is a common start or end (see the module docstring). The items are compared as
    numbers, equal for equal items (runs of them hash fast)."""

    def __init__(self, a: Sequence[Hashable], b: Sequence[Hashable]) -> None:
        number: dict[Hashable, int] = {}
        self.numbered = (
            tuple([number.setdefault(item, len(number)) for item in a]),
            tuple([number.setdefault(item, len(number)) for item in b]),
        )
        super().__init__(None, *self.numbered, autojunk=False)

    def find_longest_match(
        self, alo: int = 0, ahi: int | None = None, blo: int = 0, bhi: int | None = None
    ) -> Match:
        a, b = self.numbered
        ahi = len(a) if ahi is None else ahi
        bhi = len(b) if bhi is None else bhi
        found = _at_an_edge(a, b, alo, ahi, blo, bhi)
        if found is None:
            return super().find_longest_match(alo, ahi, blo, bhi)
        return Match(*found)


def _at_an_edge(
    a: tuple[int, ...], b: tuple[int, ...], alo: int, ahi: int, blo: int, bhi: int
) -> tuple[int, int, int] | None:
    """difflib's longest match of ``a[alo:ahi]`` and ``b[blo:bhi]`` when it is their
    common start or end; None when that is not known."""
    short = min(ahi - alo, bhi - blo)
    x = 0
    while x < short and a[alo + x] == b[blo + x]:
        x += 1
    if x == short:  # one range starts the other (or is empty): nothing is longer
        return alo, blo, x
    y = 0
    while y < short and a[ahi - 1 - y] == b[bhi - 1 - y]:
        y += 1
    if x >= y:
        if x == 0:
            return None
        size = x + 1
        longer = {b[j : j + size] for j in range(blo, bhi - size + 1)}
        if any(a[i : i + size] in longer for i in range(alo, ahi - size + 1)):
            return None
        return alo, blo, x
    others = {b[j : j + y] for j in range(blo, bhi - y)}
    end = b[bhi - y : bhi]
    if end in others:
        return None
    others.add(end)
    if any(a[i : i + y] in others for i in range(alo, ahi - y)):
        return None
    return ahi - y, bhi - y, y
