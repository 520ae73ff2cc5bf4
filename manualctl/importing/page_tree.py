"""What a contents page holds, as read by :mod:`manualctl.importing.contents_page`.

Plain mutable records (the parser fills them in as it reads), each with the line number
of the page it came from, so messages can point at the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class SeeAlsoLine:
    """One target of a see-also line, as the page shows it."""

    title: str
    flag: str | None = None


@dataclass
class SeeAlso:
    label: str
    items: list[SeeAlsoLine]
    line: int = 0


@dataclass
class Note:
    text: str
    line: int = 0


@dataclass
class ChapterLine:
    """A chapter line; with a ``source`` it is a chapter hosted elsewhere (external)."""

    number: str
    title: str
    pinned: str | None = None
    flag: str | None = None
    status: str | None = None
    note: str | None = None
    source: str | None = None
    kind: str = "chapter"
    line: int = 0


@dataclass
class SubsectionHeading:
    number: str
    title: str
    pinned: str | None = None
    entries: list[ChapterLine | SeeAlso | Note] = field(default_factory=list)
    line: int = 0


Item = ChapterLine | SeeAlso | Note | SubsectionHeading


@dataclass
class SectionHeading:
    number: str
    title: str
    pinned: str | None = None
    entries: list[Item] = field(default_factory=list)
    line: int = 0


@dataclass(frozen=True)
class PageLine:
    """A line of the page that needs a person's attention (1-based line number)."""

    line: int
    text: str


@dataclass
class ImportResult:
    """What a contents page holds: identity, the tree, and what was not understood."""

    title: str | None = None
    organisation: str | None = None
    date: str | None = None  # a line such as "December 2017" near the top
    quick_links: list[str] = field(default_factory=list)
    sections: list[SectionHeading] = field(default_factory=list)
    unrecognised: list[PageLine] = field(default_factory=list)
    remarks: list[PageLine] = field(default_factory=list)  # understood, but worth a look

    def chapters(self) -> list[ChapterLine]:
        found: list[ChapterLine] = []
        for section in self.sections:
            for item in section.entries:
                if isinstance(item, ChapterLine):
                    found.append(item)
                elif isinstance(item, SubsectionHeading):
                    found.extend(e for e in item.entries if isinstance(e, ChapterLine))
        return found
