"""A pipe table that differs between the editions, read at FROM only in its rows that
differ (:mod:`manualctl.publish.redline.reuse`): the others are TO's.

pandoc reads each row of a pipe table alone (its cells, under the header's columns),
so a row whose line is one of TO's table's rows reads as TO's did, when the two tables'
header and the line under it are the same text, and the row could be a piece taken
from TO (its links, notes and the like: ``shared``). What a row cannot take with it is
the table's widths: a table is as wide as the page, its columns as wide as the dashes
under the header say, when any of its lines is wider than pandoc's 72 columns, and
its columns are left to the writer otherwise. So rows are taken from TO only when each
is surely narrower (a letter is at most two columns wide) or a line read at FROM is
surely wider (of ASCII letters): the table read so is as wide as the whole one.

A table with escapes (``\\|``), code, tabs or a second line like the one under the
header is read whole, and so is one of whose rows none, or all, are TO's.
tests/test_redline_reuse.py holds the tables made so to pandoc's reading them whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Node = Any

# a pipe table's line under its header
_PIPE_BREAK = re.compile(r"\|(?:[ ]*:?-+:?[ ]*\|)+[ ]*")
_NOT_PLAIN = ("\\", "`", "\t")
COLUMNS = 72  # pandoc's --columns (the documents set none): wider lines widen a table

#: where each row of FROM's table comes from: ("old", k), its k-th row read, or
#: ("new", r), the r-th row of TO's table
Rows = list[tuple[str, int]]


def split(
    piece: str, theirs: list[str], shared: Callable[[str], bool]
) -> tuple[str, int, Rows] | None:
    """A pipe table's piece with only its rows that are not TO's, the index of TO's
    piece with the same header (of ``theirs``), and where each row comes from; None
    when it is read whole (see the module docstring)."""
    lines = piece.split("\n")
    if not _pipe_table(lines):
        return None
    j = next((j for j, other in enumerate(theirs) if other.split("\n", 2)[:2] == lines[:2]), -1)
    other = theirs[j].split("\n") if j >= 0 else []
    if not _pipe_table(other):
        return None
    where = {line: r for r, line in reversed(list(enumerate(other[2:])))}
    rows: Rows = []
    kept, taken = lines[:2], []
    for line in lines[2:]:
        if line in where and shared(line):
            rows.append(("new", where[line]))
            taken.append(line)
        else:
            rows.append(("old", len(kept) - 2))
            kept.append(line)
    if not taken or len(kept) == 2:
        return None
    if not all(map(_narrow, taken)) and not any(map(_wide, kept)):
        return None  # the table's widths could come from a row taken from TO
    return "\n".join(kept), j, rows


def table_of(read: list[Node], theirs: list[Node], rows: Rows) -> Node:
    """FROM's table read with only its rows that differ (``read``: its one block), with
    the others TO's (``theirs``: the blocks of TO's table's piece), in order."""
    (table,) = read
    (other,) = theirs
    attr, caption, colspecs, head, bodies, foot = table["c"]
    (body,) = bodies
    mine, its = body[3], other["c"][4][0][3]
    content = [mine[r] if side == "old" else its[r] for side, r in rows]
    return {"t": "Table", "c": [attr, caption, colspecs, head, [[*body[:3], content]], foot]}


def _pipe_table(lines: list[str]) -> bool:
    """Whether ``lines`` are a pipe table pandoc reads row by row: each line a row
    between ``|``, the second the line under the header (and no other like it)."""
    return (
        len(lines) > 2
        and _PIPE_BREAK.fullmatch(lines[1]) is not None
        and all(
            line[:1] == "|" and line.rstrip()[-1:] == "|" and not any(m in line for m in _NOT_PLAIN)
            for line in lines
        )
        and not any(_PIPE_BREAK.fullmatch(line) for line in lines[2:])
    )


def _narrow(line: str) -> bool:
    """Whether a table's line is surely no wider than :data:`COLUMNS`."""
    return 2 * len(line) <= COLUMNS or (line.isascii() and len(line) <= COLUMNS)


def _wide(line: str) -> bool:
    """Whether a table's line is surely wider than :data:`COLUMNS`."""
    line = line.rstrip()
    return line.isascii() and line.isprintable() and len(line) > COLUMNS
