"""The contents tree read from manual.yaml's data, with every entry's number worked out.

Numbers come from position: sections 1, 2, ...; sub-sections and chapters directly under a
section share one count (2.1, 2.2); chapters in a sub-section are 1.1.1, 1.1.2. A pinned
number must equal its position, or be the number before it with a letter (``1.4.3a``
after ``1.4.3``), which takes no position of its own; a disagreement is a
:class:`~manualctl.model.manual.NumberProblem`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from manualctl.model.manual import (
    ChapterEntry,
    Entry,
    ExternalEntry,
    NoteEntry,
    NumberProblem,
    Section,
    SeeAlsoEntry,
    SeeAlsoItem,
    Subsection,
    inherited_file,
)

_LETTER_SUFFIX = re.compile(r"^(?P<base>.*\d)(?P<letter>[a-z])$")


class _Counter:
    """Hands out numbers under one parent, honouring pinned numbers."""

    def __init__(self, prefix: str, problems: list[NumberProblem]) -> None:
        self.prefix = prefix
        self.count = 0
        self.last = ""
        self.problems = problems

    def next(self, pinned: Any, path: tuple[str | int, ...]) -> tuple[str, str | None]:
        expected = f"{self.prefix}{self.count + 1}"
        if pinned is None:
            self.count += 1
            self.last = expected
            return expected, None
        pin = str(pinned)
        suffix = _LETTER_SUFFIX.match(pin)
        if (
            suffix
            and self.last
            and suffix["base"] == base_number(self.last)
            and _follows(self.last, pin)
        ):
            self.last = pin
            return pin, pin
        if pin != expected:
            wanted = expected if not self.last else f"{expected} (or {_next_letter(self.last)})"
            self.problems.append(NumberProblem(path, pin, wanted))
        self.count += 1
        self.last = pin
        return pin, pin


def base_number(number: str) -> str:
    """``1.4.3a`` -> ``1.4.3``: the number a lettered pin follows (others unchanged)."""
    match = _LETTER_SUFFIX.match(number)
    return match["base"] if match else number


def _next_letter(number: str) -> str:
    match = _LETTER_SUFFIX.match(number)
    if match:
        return match["base"] + chr(ord(match["letter"]) + 1)
    return number + "a"


def _follows(last: str, pin: str) -> bool:
    """``1.4.3a`` follows ``1.4.3``; ``1.4.3b`` follows ``1.4.3a``."""
    return pin == _next_letter(last)


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def _see_also(raw: dict[str, Any], path: tuple[str | int, ...]) -> SeeAlsoEntry:
    items = []
    for item in raw.get("see_also") or []:
        if isinstance(item, dict):
            items.append(
                SeeAlsoItem(
                    chapter=_str(item.get("chapter")),
                    title=_str(item.get("title")),
                    url=_str(item.get("url")),
                    flag=_str(item.get("flag")),
                )
            )
    return SeeAlsoEntry(tuple(items), str(raw.get("label") or "See also:"), path)


def chapter_entry(
    raw: dict[str, Any], path: tuple[str | int, ...], number: str, pinned: str | None
) -> ChapterEntry:
    """The entry ``raw`` (with a ``file`` or ``inherit`` key) at ``path``, numbered."""
    if "file" in raw:
        return ChapterEntry(
            file=str(raw["file"]),
            number=number,
            flag=_str(raw.get("flag")),
            note=_str(raw.get("note")),
            pinned=pinned,
            path=path,
            replaces=_str(raw.get("replaces")),
            based_on=_str(raw.get("based_on")),
        )
    return ChapterEntry(
        file=inherited_file(str(raw["inherit"])),
        number=number,
        flag=_str(raw.get("flag")),
        note=_str(raw.get("note")),
        pinned=pinned,
        path=path,
        inherit=str(raw["inherit"]),
        local=_str(raw.get("local")),
    )


def _entries(
    raw_entries: Any,
    counter: _Counter,
    path: tuple[str | int, ...],
    problems: list[NumberProblem],
    *,
    allow_subsections: bool,
) -> tuple[Entry, ...]:
    out: list[Entry] = []
    for index, raw in enumerate(raw_entries or []):
        here = (*path, index)
        if not isinstance(raw, dict):
            continue
        if "file" in raw or "inherit" in raw:
            out.append(chapter_entry(raw, here, *counter.next(raw.get("number"), here)))
        elif "external" in raw:
            number, pinned = counter.next(raw.get("number"), here)
            out.append(
                ExternalEntry(
                    title=str(raw["external"]),
                    number=number,
                    url=_str(raw.get("url")),
                    source=_str(raw.get("source")),
                    status=_str(raw.get("status")),
                    note=_str(raw.get("note")),
                    flag=_str(raw.get("flag")),
                    pinned=pinned,
                    path=here,
                )
            )
        elif "subsection" in raw and allow_subsections:
            number, pinned = counter.next(raw.get("number"), here)
            inner = _Counter(f"{number}.", problems)
            out.append(
                Subsection(
                    title=str(raw["subsection"]),
                    number=number,
                    entries=_entries(
                        raw.get("entries"),
                        inner,
                        (*here, "entries"),
                        problems,
                        allow_subsections=False,
                    ),
                    pinned=pinned,
                    path=here,
                )
            )
        elif "see_also" in raw:
            out.append(_see_also(raw, here))
        elif "note" in raw:
            out.append(NoteEntry(str(raw["note"]), here))
    return tuple(out)


#: A chapter entry as :func:`numbered_chapters` gives it: (raw, key path, number, pinned).
Numbered = tuple[dict[str, Any], tuple[str | int, ...], str, str | None]


def numbered_chapters(data: dict[str, Any]) -> Iterator[Numbered]:
    """(raw entry, key path, number, pinned number or None) of each chapter entry
    (``file`` or ``inherit``) in reading order, numbered as :func:`build_tree` numbers
    it, without building the tree (:func:`chapter_entry` makes one its entry): for a
    command that reads only the chapter entries of many manuals (``upstream status``).
    ``tests/test_numbering.py`` holds the two equal on generated trees."""
    sections = data.get("contents")
    if not isinstance(sections, list):
        return
    top = _Counter("", [])
    for index, raw in enumerate(sections):
        if not isinstance(raw, dict) or "section" not in raw:
            continue
        here: tuple[str | int, ...] = ("contents", index)
        number, _ = top.next(raw.get("number"), here)
        yield from _numbered(raw.get("entries"), _Counter(f"{number}.", []), (*here, "entries"))


def _numbered(
    raw_entries: Any, counter: _Counter, path: tuple[str | int, ...], inner: bool = False
) -> Iterator[Numbered]:
    """:func:`numbered_chapters` under one parent (``inner``: in a sub-section)."""
    if not isinstance(raw_entries, list):
        return
    prefix = counter.prefix
    for index, raw in enumerate(raw_entries):
        if not isinstance(raw, dict):
            continue
        chapter = "file" in raw or "inherit" in raw
        if not chapter and ("external" not in raw and ("subsection" not in raw or inner)):
            continue  # a see-also line or a note: no number
        pinned = raw.get("number")
        if pinned is None:  # _Counter.next, unpinned (nearly every entry), inline
            counter.count += 1
            number = counter.last = prefix + str(counter.count)
        else:
            number, pinned = counter.next(pinned, (*path, index))
        if chapter:
            yield raw, path + (index,), number, pinned  # noqa: RUF005 (no list made first)
        elif "external" not in raw:  # a sub-section
            inner_path = (*path, index, "entries")
            yield from _numbered(raw.get("entries"), _Counter(f"{number}.", []), inner_path, True)


#: manual.yaml's ``contents`` and :func:`build_tree`'s sections and problems of them: an
#: edit numbers the contents it leaves, and the check after it takes that tree when
#: manual.yaml's contents are equal to these (the edit read them back as equal).
Built = tuple[Any, tuple[Section, ...], list[NumberProblem]]


def build_tree(data: dict[str, Any]) -> tuple[tuple[Section, ...], list[NumberProblem]]:
    """Sections (with numbers) from manual.yaml data that passed the schema."""
    problems: list[NumberProblem] = []
    top = _Counter("", problems)
    sections = []
    for index, raw in enumerate(data.get("contents") or []):
        here: tuple[str | int, ...] = ("contents", index)
        if not isinstance(raw, dict) or "section" not in raw:
            continue
        number, pinned = top.next(raw.get("number"), here)
        counter = _Counter(f"{number}.", problems)
        entries = _entries(
            raw.get("entries"), counter, (*here, "entries"), problems, allow_subsections=True
        )
        sections.append(Section(str(raw["section"]), number, entries, pinned, here))
    return tuple(sections), problems
