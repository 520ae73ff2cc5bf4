"""Reading a published contents page (copied as text) into a contents tree.

The pages this reads are the online contents pages of procedures manuals: a title,
a "Quick Links" list of sections, then every section, sub-section and chapter, one per
line, with flags (``New``/``Updated``), status suffixes (``- local``), notes
(``N.B. ...``), bracketed source lines under chapters hosted elsewhere, and
``See also:`` lines with ``and ...`` continuations. :func:`parse` returns data (an
:class:`ImportResult`); :mod:`manualctl.importing.writer` turns it into files.

Every line is either understood, known page chrome ("Top of page", "Caption: ...",
...), or listed in :attr:`ImportResult.unrecognised` with its line number: nothing is
dropped silently. The quick links are regenerated from the section headings, so when a
quick link and its heading disagree the heading wins (and a remark says so). The data
types live in :mod:`manualctl.importing.page_tree`, the splitting of one line's text into
its parts in :mod:`manualctl.importing.line_parts`.
"""

from __future__ import annotations

import re

from manualctl.importing.line_parts import clean, see_also_start, split_chapter_text, split_flag
from manualctl.importing.page_tree import (
    ChapterLine,
    ImportResult,
    Item,
    Note,
    PageLine,
    SectionHeading,
    SeeAlso,
    SeeAlsoLine,
    SubsectionHeading,
)

__all__ = [
    "ChapterLine",
    "ImportResult",
    "Note",
    "PageLine",
    "SectionHeading",
    "SeeAlso",
    "SeeAlsoLine",
    "SubsectionHeading",
    "clean",
    "parse",
    "split_chapter_text",
]

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE_LINE = re.compile(rf"^(?:{_MONTHS}) \d{{4}}$")
_SECTION = re.compile(r"^(?P<number>\d+[a-z]?)\. (?P<title>\S.*)$")
_SUBSECTION_NUMBER = re.compile(r"^(?P<number>\d+[a-z]?\.\d+[a-z]?)$")
_CHAPTER = re.compile(r"^(?P<number>\d+[a-z]?(?:\.\d+[a-z]?)+) (?P<title>\S.*)$")
_BRACKETED = re.compile(r"^\((?P<text>.*)\)(?P<stop>\.?)$")
_NOTE_LINE = re.compile(r"^(?:For |Please |Note:|N\.B\.)|\bplease see\b", re.IGNORECASE)
_CHROME = re.compile(
    r"^(?:Top of page|Skip to (?:main )?content|Logo Alt Text will go here|End|Contents"
    r"|Quick Links:?|Size: .*|Caption: .*|This contents list is sub divided .*)$"
)
_TITLE_SUFFIX = re.compile(r"\s*[:\-–]\s*Contents$")


def _expected(parent: str, count: int) -> str:
    return f"{parent}.{count + 1}" if parent else f"{count + 1}"


class _Parser:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.result = ImportResult()
        self.section: SectionHeading | None = None
        self.subsection: SubsectionHeading | None = None
        self.last: Item | SectionHeading | None = None  # the entry a continuation line belongs to
        self.counts: dict[str, int] = {}  # positions handed out under each parent

    # numbering ------------------------------------------------------------------------
    def pin(self, parent: str, number: str) -> str | None:
        """None when ``number`` is the next position under ``parent``, else the pin.

        A letter suffix (``1.4.3a``) does not take a position of its own.
        """
        count = self.counts.get(parent, 0)
        if re.search(r"[a-z]$", number) and count:
            return number
        self.counts[parent] = count + 1
        return None if number == _expected(parent, count) else number

    # the parts of the page ------------------------------------------------------------
    def run(self) -> ImportResult:
        start = self.header()
        index = start
        while index < len(self.lines):
            index = self.body_line(index)
        self.finish()
        return self.result

    def header(self) -> int:
        """Read the lines above the first section: title, organisation, date, quick links."""
        texts: list[PageLine] = []
        index = 0
        while index < len(self.lines):
            text = clean(self.lines[index])
            number = index + 1
            if text.startswith("Quick Links"):
                index = self.quick_links(index + 1)
                break
            if _SECTION.match(text):
                break
            index += 1
            if not text or _CHROME.match(text):
                continue
            if _DATE_LINE.match(text):
                self.result.date = text
            elif _CHAPTER.match(text) or _SUBSECTION_NUMBER.match(text):
                self.result.unrecognised.append(PageLine(number, text))
            else:
                texts.append(PageLine(number, text))
        self.identity(texts)
        return index

    def identity(self, texts: list[PageLine]) -> None:
        """The manual's name heading, and an organisation line above it."""
        if not texts:
            return
        titled = [t for t in texts if _TITLE_SUFFIX.search(t.text)]
        heading = titled[0] if titled else texts[-1]
        title = _TITLE_SUFFIX.sub("", heading.text)
        self.result.title = title
        for other in texts:
            if other is heading:
                continue
            if self.result.organisation is None and title.startswith(other.text + " "):
                self.result.organisation = other.text
            else:
                self.result.unrecognised.append(other)

    def quick_links(self, index: int) -> int:
        """Skip the quick-links sentence and list (1. ..., 2. ...); keep the titles."""
        expected = 1
        while index < len(self.lines):
            text = clean(self.lines[index])
            match = _SECTION.match(text)
            if not text or _CHROME.match(text):
                index += 1
            elif match and match["number"] == str(expected):
                self.result.quick_links.append(match["title"])
                expected += 1
                index += 1
            else:
                break
        return index

    def body_line(self, index: int) -> int:
        """Read the line at ``index`` (and any lines it owns); the index after them."""
        raw = self.lines[index]
        text = clean(raw)
        number = index + 1
        if not text or _CHROME.match(text) or text == self.result.title:
            return index + 1
        if match := _SECTION.match(text):
            self.start_section(match["number"], match["title"], number)
            return index + 1
        if match := _SUBSECTION_NUMBER.match(text):
            return self.start_subsection(match["number"], index + 1, number)
        if match := _CHAPTER.match(text):
            self.add_chapter(match["number"], match["title"], number)
            return index + 1
        if match := _BRACKETED.match(text):
            if self.add_source(match["text"] + match["stop"], number):
                return index + 1
        elif started := see_also_start(text):
            label, rest = started
            title, flag = split_flag(rest)
            self.add(SeeAlso(label, [SeeAlsoLine(title, flag)], number))
            return index + 1
        elif text.startswith("and ") and isinstance(self.last, SeeAlso):
            title, flag = split_flag(text[4:].strip())
            self.last.items.append(SeeAlsoLine(title, flag))
            return index + 1
        elif _NOTE_LINE.search(text) and self.section is not None:
            self.add(Note(text, number))
            return index + 1
        self.result.unrecognised.append(PageLine(number, text))
        return index + 1

    def start_section(self, number: str, title: str, line: int) -> None:
        pinned = self.pin("", number)
        self.section = SectionHeading(number, title, pinned, line=line)
        self.subsection = None
        self.last = self.section
        self.result.sections.append(self.section)
        position = len(self.result.sections) - 1
        links = self.result.quick_links
        if position < len(links) and links[position] != title:
            self.result.remarks.append(
                PageLine(
                    line,
                    f'the quick link "{number}. {links[position]}" differs from the heading '
                    f'"{number}. {title}"; the heading is used (quick links are regenerated).',
                )
            )

    def start_subsection(self, number: str, index: int, line: int) -> int:
        """A sub-section number alone on its line; its title is the next line with text."""
        while index < len(self.lines) and not clean(self.lines[index]):
            index += 1
        title = clean(self.lines[index]) if index < len(self.lines) else ""
        if self.section is None or not title or _CHAPTER.match(title) or _SECTION.match(title):
            self.result.unrecognised.append(PageLine(line, number))
            return line  # the index of the line after the number
        pinned = self.pin(self.section.number, number)
        self.subsection = SubsectionHeading(number, title, pinned, line=line)
        self.section.entries.append(self.subsection)
        self.last = self.subsection
        return index + 1

    def add(self, item: ChapterLine | SeeAlso | Note) -> None:
        if self.subsection is not None:
            self.subsection.entries.append(item)
        elif self.section is not None:
            self.section.entries.append(item)
        else:
            self.result.unrecognised.append(PageLine(item.line, clean(self.lines[item.line - 1])))
            return
        self.last = item

    def add_chapter(self, number: str, rest: str, line: int) -> None:
        title, status, note, flag = split_chapter_text(rest)
        depth = number.count(".")
        if self.section is None or depth > 2:
            self.result.unrecognised.append(PageLine(line, f"{number} {rest}"))
            return
        if depth == 1:  # a chapter directly under the section
            self.subsection = None
            parent = self.section.number
        elif self.subsection is not None:
            parent = self.subsection.number
        else:
            self.result.unrecognised.append(PageLine(line, f"{number} {rest}"))
            return
        pinned = self.pin(parent, number)
        self.add(ChapterLine(number, title, pinned, flag, status, note, line=line))

    def add_source(self, text: str, line: int) -> bool:
        """A bracketed line under a chapter: the chapter is hosted elsewhere."""
        if isinstance(self.last, ChapterLine) and self.last.source is None:
            self.last.source = text
            return True
        return False

    def finish(self) -> None:
        if self.result.sections:
            last = self.result.sections[-1]
            items: list[Item] = list(last.entries)
            for item in last.entries:
                if isinstance(item, SubsectionHeading):
                    items.extend(item.entries)
            for item in items:
                if isinstance(item, ChapterLine) and item.title == "Amendments":
                    item.kind = "amendments"


def parse(text: str) -> ImportResult:
    """Read a contents page (plain text, one line per line of the page)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return _Parser(lines).run()
