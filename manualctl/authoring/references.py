"""What points at a chapter: links a move would break, and references that stop a retire.

A chapter's file may move and a chapter may be retired only when nothing is left
pointing at the wrong place: :func:`check_links_survive` refuses a move that would break
links written as relative file paths, :func:`check_unreferenced` refuses to retire a
chapter that see-also lines or other chapters still link to.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

from manualctl.check.load import display
from manualctl.check.markdown.scan import Link, Scan, position, scan
from manualctl.errors import UsageError
from manualctl.model.chapter import Chapter
from manualctl.model.manual import INHERITED_PREFIX, MANUAL_FILE, ChapterEntry, Manual, SeeAlsoEntry

_SCHEME = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|#)", re.IGNORECASE)


#: body scans the check before the command made, by chapter file (none: scan here)
Scans = Mapping[str, Scan]


def _links(chapter: Chapter, scans: Scans) -> list[Link]:
    """The chapter's links and images as pandoc reads them (not those in code)."""
    found = scans.get(chapter.rel)
    return (scan(chapter.body) if found is None else found).links


def _relative_links(chapter: Chapter, scans: Scans) -> list[tuple[int, str]]:
    """(line, target) of links and images given as relative paths."""
    return [
        (chapter.body_line + position(chapter.body, link.offset)[0], link.target.split("#")[0])
        for link in _links(chapter, scans)
        if not _SCHEME.match(link.target)
    ]


def _links_to(chapter: Chapter, chapter_id: str, scans: Scans) -> bool:
    """Whether ``chapter`` links to the chapter ``chapter_id`` (``chapter:ID``)."""
    wanted = f"chapter:{chapter_id}"
    return any(link.target.split("#")[0] == wanted for link in _links(chapter, scans))


def _resolve(from_rel: str, target: str) -> str:
    return os.path.normpath(os.path.join(os.path.dirname(from_rel), target)).replace(os.sep, "/")


def check_links_survive(manual: Manual, old: str, new: str, scans: Scans) -> None:
    """Refuse a move that would break links written as relative paths. ``scans``: the
    chapters' body scans as the check before the move made them."""
    broken = []
    for rel, chapter in manual.chapters.items():
        if rel.startswith(INHERITED_PREFIX):
            continue  # the template's chapter: its links are the template's
        for line, target in _relative_links(chapter, scans):
            if rel == old:
                if target and _resolve(old, target) != _resolve(new, target):
                    broken.append(f"{display(chapter.path)}:{line} links to {target}")
            elif target and _resolve(rel, target) == old:
                broken.append(f"{display(chapter.path)}:{line} links to {target}")
    if broken:
        raise UsageError(
            "Moving the file would break links written as file paths: " + "; ".join(broken) + ".",
            hint="Write links to chapters as [text](chapter:ID), which survive moves "
            "(images: make the path work from both folders), then run the command again.",
        )


def check_unreferenced(
    manual: Manual, chapter: Chapter, entry: ChapterEntry, stop: int, scans: Scans
) -> None:
    """Refuse to retire a chapter that other entries or chapters still point at.
    ``scans``: as for :func:`check_links_survive`."""
    refs = []
    for section, _sub, other in manual.walk():
        if isinstance(other, SeeAlsoEntry) and any(i.chapter == chapter.id for i in other.items):
            index = other.path[-1]
            own = (
                other.path[:-1] == entry.path[:-1]
                and isinstance(index, int)
                and int(entry.path[-1]) < index < stop
            )
            if not own:
                refs.append(
                    f"a 'See also' line in {section.number} {section.title} ({MANUAL_FILE})"
                )
    for rel, other_chapter in manual.chapters.items():
        if rel == entry.file or other_chapter.kind == "amendments":
            continue  # the generated appendix names a gone chapter in plain text
        if _links_to(other_chapter, chapter.id, scans) or any(
            _resolve(rel, target) == entry.file
            for _, target in _relative_links(other_chapter, scans)
        ):
            refs.append(display(other_chapter.path))
    if refs:
        raise UsageError(
            f'"{chapter.title}" is still linked from: ' + "; ".join(refs) + ".",
            hint="Remove or change those links first (nothing was changed), "
            "then run the command again.",
        )
