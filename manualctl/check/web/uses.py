"""Where the manuals use each web address: links in chapter bodies (read by the one
Markdown scanner), external chapters and see-also items (read by the model).

An address is checked once however often it is used: it is the link's target without
its ``#fragment`` (which never reaches the site), spaces written as ``%20``.
Inherited chapters are left to the template manual they are written in.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import NamedTuple

from manualctl.check.load import Read
from manualctl.check.markdown.scan import scan
from manualctl.check.rules.context import Context, Where
from manualctl.model.manual import ExternalEntry, Manual, Section, SeeAlsoEntry, Subsection

_WEB = ("http://", "https://")


class Use(NamedTuple):
    """One place an address is used: where, and what it is part of ("1.2 Referrals")."""

    where: Where
    label: str


def address(target: str) -> str | None:
    """The address checked for a link ``target``, or None when it is not on the web."""
    text = target.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1].strip()
    if not text.lower().startswith(_WEB):
        return None
    text = text.split("#", 1)[0]
    return text.replace(" ", "%20") or None


def collect(
    manual: Manual, config_text: str, reads: Mapping[str, Read], into: dict[str, list[Use]]
) -> None:
    """Add every use of a web address in ``manual`` to ``into`` (address -> uses:
    manual.yaml's in the order of the contents, then the chapters'). ``reads`` holds the
    chapters as validate read them, with their scans."""
    ctx = Context(manual, config_text, date.today())
    numbers = {entry.file: entry.number for entry in manual.chapter_entries()}
    for section, subsection, entry in manual.walk():
        if isinstance(entry, ExternalEntry) and entry.url:
            label = f"the external chapter {entry.number} {entry.title}"
            _add(into, entry.url, Use(ctx.config_at((*entry.path, "url")), label))
        elif isinstance(entry, SeeAlsoEntry):
            part: Section | Subsection = subsection or section
            heading = f"{part.number} {part.title}"
            for index, item in enumerate(entry.items):
                if item.url:
                    where = ctx.config_at((*entry.path, "see_also", index, "url"))
                    _add(into, item.url, Use(where, f"a see-also line in {heading}"))
    for chapter in ctx.chapters:
        read = reads.get(chapter.rel)
        found = read[3] if read is not None and read[3] is not None else scan(chapter.body)
        label = f"{numbers.get(chapter.rel, '')} {chapter.title}".strip()
        for link in found.links:
            if not link.image:
                _add(into, link.target, Use(ctx.body_at(chapter, link.offset), label))


def _add(into: dict[str, list[Use]], target: str, use: Use) -> None:
    url = address(target)
    if url is not None:
        into.setdefault(url, []).append(use)
