"""Heading identifiers, as publish gives them: the targets of ``#anchor`` links.

An explicit ``{#id}`` wins; otherwise pandoc's automatic identifier (letters, digits,
``_-.``; spaces to hyphens; from the first letter), with -1, -2 for repeats in a chapter.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from manualctl.check.markdown.scan import Heading

_ID_ATTR = re.compile(r"\s*\{([^}]*)\}\s*$")
_INLINE_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_FORMATTING = re.compile(r"[*_`~]")
_PANDOC_DROP = re.compile(r"[^\w\s.-]")
_WHITESPACE = re.compile(r"\s")


def heading_ids(headings: list[Heading]) -> set[str]:
    """Identifiers links may use for these headings, as publish gives them: an explicit
    ``{#id}``, else pandoc's automatic one (with -1, -2 for repeats)."""
    ids: set[str] = set()
    seen: dict[str, int] = {}
    for heading in headings:
        explicit, pandoc = _heading_id(heading.text)
        if explicit:
            ids.add(explicit)
            continue
        count = seen.get(pandoc, 0)
        seen[pandoc] = count + 1
        ids.add(f"{pandoc}-{count}" if count else pandoc)
    return ids


@lru_cache(maxsize=4096)  # manuals repeat headings: "1. Introduction", "Scope", ...
def _heading_id(title: str) -> tuple[str, str]:
    """(explicit id or "", pandoc's automatic id) of a heading's text."""
    attr = _ID_ATTR.search(title)
    if attr:
        title = title[: attr.start()]
        explicit = [part[1:] for part in attr.group(1).split() if part.startswith("#")]
        if explicit:
            return explicit[0], ""
    plain = _INLINE_LINK.sub(r"\1", title) if "[" in title else title
    return "", _pandoc_id(_FORMATTING.sub("", plain))


def _pandoc_id(text: str) -> str:
    """pandoc's auto_identifiers: keep letters, digits, '_-.'; spaces to '-'; from a letter."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    kept = _WHITESPACE.sub("-", _PANDOC_DROP.sub("", text.strip()))
    kept = kept.lower()
    start = next((i for i, c in enumerate(kept) if c.isalpha()), len(kept))
    return kept[start:] or "section"
