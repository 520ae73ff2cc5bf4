"""Text written by people, put into Markdown that manualctl generates.

:func:`markdown_text` is for a title, note, sentence or reason placed inside generated
Markdown (the Amendments appendix, ``contents --format markdown``): every character that
could make markup (a link, attributes, raw HTML, code, math, emphasis, a table cell) is
backslash-escaped, so pandoc and GitHub show exactly the text, and nothing in it becomes
a link or a handler. Other punctuation is left alone, so the Markdown stays readable.

:func:`unique` makes an identifier unique among those taken, as pandoc does: ``base``,
else ``base-2``, ``base-3``, ...
"""

from __future__ import annotations

import re

# ("&" only where it would start a character reference: "Health & Safety" stays as it is)
_MARKUP = re.compile(r"([\\`*_\[\]{}<>$|~^]|&(?=#?\w+;))")


def markdown_text(text: str) -> str:
    """``text`` on one line, with its markup characters escaped."""
    return _MARKUP.sub(r"\\\1", " ".join(text.split()))


def unique(base: str, taken: set[str]) -> str:
    """``base``, else ``base-2``, ``base-3``, ...: the first not in ``taken`` (now added)."""
    candidate, count = base, 1
    while candidate in taken:
        count += 1
        candidate = f"{base}-{count}"
    taken.add(candidate)
    return candidate
