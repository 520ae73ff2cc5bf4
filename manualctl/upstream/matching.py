"""``import contents --upstream``: which chapters of a council's contents page are the
template's.

A chapter line whose title is exactly (spaces aside) the title of a
chapter of the template edition becomes ``- inherit: ID``: no local copy. Each template chapter is
taken once (the first line with its title). A title that is only close to a template
chapter's (``difflib``'s ratio of at least :data:`CLOSE`) is not inherited but listed,
for a person to confirm: a council often keeps its own chapter under a similar name.
Lines with a source (chapters hosted elsewhere) stay as they are, and so do lines with
a status (under review, to follow): the status is the council's, about its own text;
those with a template chapter's title are listed too.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from manualctl.importing.page_tree import ChapterLine, ImportResult
from manualctl.model.chapter import Chapter

CLOSE = 0.85


@dataclass(frozen=True)
class Close:
    """A chapter line whose title is close to a template chapter's: to confirm by hand."""

    line: int
    title: str
    template_id: str
    template_title: str
    status: str | None = None  # the exact title, kept local for the line's status


@dataclass(frozen=True)
class Matches:
    inherit: dict[int, str]  # id() of a ChapterLine -> the template chapter's id
    close: list[Close]


def _key(title: str) -> str:
    """A title as compared: exactly, but for spaces (the contents shows the template's)."""
    return " ".join(title.split())


def match(result: ImportResult, chapters: dict[str, Chapter]) -> Matches:
    """Match the page's chapters to the template edition's ``chapters`` (by id)."""
    by_title: dict[str, str] = {}
    for cid, chapter in chapters.items():
        by_title.setdefault(_key(chapter.title), cid)
    lines = [c for c in result.chapters() if isinstance(c, ChapterLine) and c.source is None]
    inherit: dict[int, str] = {}
    taken: set[str] = set()
    rest = []
    close = []
    for line in lines:
        exact = by_title.get(_key(line.title))
        if exact is not None and line.status:
            close.append(Close(line.line, line.title, exact, chapters[exact].title, line.status))
        elif exact is not None and exact not in taken and line.kind == "chapter":
            inherit[id(line)] = exact
            taken.add(exact)
        else:
            rest.append(line)
    free = {t: cid for t, cid in by_title.items() if cid not in taken}
    for line in rest:
        if line.status:
            continue
        found = difflib.get_close_matches(_key(line.title), list(free), n=1, cutoff=CLOSE)
        if found and found[0] != _key(line.title):
            cid = free[found[0]]
            close.append(Close(line.line, line.title, cid, chapters[cid].title))
    return Matches(inherit, sorted(close, key=lambda c: c.line))
