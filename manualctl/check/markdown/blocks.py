"""A chapter's text cut where one top-level block ends and the next begins, only where
nothing pandoc reads on one side can change how it reads the other.

A redline reads a changed chapter at both editions; most of its blocks are the same
text at both, so the FROM edition needs reading only where it differs
(:mod:`manualctl.publish.redline.reuse`). That is right only if each piece reads the
same alone as among the others. :func:`chunks` cuts only where that leaves no doubt,
and returns None (read the chapter whole) when the text has anything that reads
differently with what is around it:

* a cut comes after a blank line, before a line that starts at its first column and
  is not inside a ``:::`` box: indented lines continue a list item, a note or code;
* never before a line that could continue what came before (a list item's mark:
  ``-``, ``1.``, ``a)``, ``(i)``, ...; ``>``, a quote; ``|`` or ``+``, a table or a
  line block) unless what came before is a heading, a paragraph or a box, which
  nothing continues after a blank line; never next to a ``Table:`` caption;
* not at all (None) for text with a definition list or a ``: caption`` line, a line of
  dashes (a table whose rows are apart), a horizontal rule, an example list
  (``(@)``, numbered across the document), LaTeX macros (``\\newcommand``, kept for
  the rest of the document), or fences of code (``` ``` ``` or ``~~~``, whose text may
  look like anything; and so that an empty block of code put between the pieces says
  where each begins).

tests/test_redline_reuse.py holds every cut to pandoc's own reading: the pieces read
one by one give the blocks of the text read whole.
"""

from __future__ import annotations

import re

# a line that could continue the block before it (after a blank line)
_CONTINUES = re.compile(r"(?:[-+*](?:[ \t]|$)|\d+[.)]|#[.)]|[A-Za-z]+[.)]|\(|>|\||\+|Table:|:|~)")
# a line that makes the text read differently in pieces (see the module docstring), and
# the first characters such a line can have after its indent
_WHOLE = re.compile(
    r"[ \t]*(?:[:~](?:[ \t]|$)|-{3,}[- \t]*$|([-*_])(?:[ \t]*\1){2,}[ \t]*$|\(?@|`{3,}|~{3,})"
)
_WHOLE_FIRST = frozenset(":~-*_(@`")
_MACRO = re.compile(r"\\(?:re)?newcommand|\\def\b")
_FENCE = re.compile(r"[ \t]*(:{3,})[ \t]*(\S?)")
# a footnote or link definition (what follows it may belong to it)
_DEFINITION = re.compile(r"\[[^\]\n]*\]:")


def _closed(first: str) -> bool:
    """Whether the block whose first line is ``first`` (after a blank line) is a heading,
    a paragraph or a box's fence, which nothing after a blank line continues (a list, a
    quote or a table after it starts one of its own)."""
    return not (first[:1].isspace() or _CONTINUES.match(first) or _DEFINITION.match(first))


def chunks(text: str) -> list[str] | None:
    """``text`` cut into pieces (each without the blank lines between them; joined with
    ``"\\n\\n"`` they read as ``text`` does), or None when it must be read whole."""
    if "\\" in text and _MACRO.search(text):
        return None
    lines = text.split("\n")
    pieces: list[str] = []
    start = 0
    depth = 0
    blank = True  # the line before is blank (or there is none)
    paragraph = 0  # the first line of the last paragraph
    for i, line in enumerate(lines):
        if not line.strip():
            blank = True
            continue
        if (
            blank
            and depth == 0
            and i > start
            and not line[0].isspace()
            and (not _CONTINUES.match(line) or _closed(lines[paragraph]))
            and not line.startswith("Table:")
            and not lines[paragraph].startswith("Table:")
        ):
            piece = "\n".join(lines[start:i]).strip("\n")
            if piece:
                pieces.append(piece)
            start = i
        if blank:
            paragraph = i
        blank = False
        first = line.lstrip(" \t")[:1]
        if first in _WHOLE_FIRST and _WHOLE.match(line):
            return None
        fence = _FENCE.match(line) if first == ":" else None
        if fence:
            depth += 1 if fence.group(2) else -1
            if depth < 0:
                return None
    if depth:
        return None
    last = "\n".join(lines[start:]).strip("\n")
    if last:
        pieces.append(last)
    return pieces
