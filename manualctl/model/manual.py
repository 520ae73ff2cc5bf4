"""The manual model: manual.yaml's identity and contents tree, with numbers worked out.

``manual.yaml`` holds the manual's identity and its contents tree::

    contents:                      # sections, in reading order
      - section: Children in Care
        entries:                   # sub-sections, chapters, see-also lines, notes
          - subsection: Placements
            entries:
              - file: chapters/children-in-care/placements-in-foster-care.md
                flag: Updated      # written by `manualctl stamp`
              - see_also:
                  - chapter: delegation-of-authority      # a chapter id ...
                  - title: NICE Guideline ...             # ... or a title and url
                    url: https://www.nice.org.uk/...
          - external: Child Protection Enquiries          # a chapter hosted elsewhere
            url: https://...
            source: Regional Child Protection Procedures for West Midlands

Numbers come from position (1, 1.1, 1.1.1; chapters directly under a section are 2.1,
2.2, sharing the count with sub-sections). An entry may pin ``number: 1.4.3a``: a
letter suffix on the number before it does not take a position of its own; any other
pinned number must equal its position (validation reports it otherwise).

This module builds the model from data that has passed the schema; it does not judge
it beyond that (see :mod:`manualctl.check.validate`).
"""

# No `from __future__ import annotations`: a NamedTuple's string annotations are each
# compiled at import, the first compile costing 2 ms (tests/test_cli_startup.py).
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from manualctl.model.chapter import Chapter
from manualctl.model.discovery import MANUAL_FILE as MANUAL_FILE  # its home: finding manuals

FLAGS = ("New", "Updated")
STATUSES = ("local", "local procedure", "link to local procedures", "under review", "to follow")
SEE_ALSO_LABELS = ("See also:", "See also", "Also see:", "See:")
DEFAULT_TAG_FORMAT = "{id}/{edition}"
DEFAULT_NOTICE = (
    "This is an uncontrolled copy, printed on {date}. It is valid for 72 hours from printing: "
    "check the online manual for the current version."
)


#: How an inherited chapter is named where a chapter file's path would be: it has no file.
INHERITED_PREFIX = "upstream:"


class ChapterEntry(NamedTuple):
    """A chapter of this manual: a file, or (``inherit``) a chapter of the upstream manual.

    An inherited chapter's ``file`` is ``upstream:ID`` (:func:`inherited_file`): never a
    path on disk. Its title and text come from the upstream edition named in manual.yaml's
    ``upstream:`` (:mod:`manualctl.upstream`); everything else treats it as a chapter.
    """

    file: str  # relative to the manual root, POSIX style
    number: str
    flag: str | None = None
    note: str | None = None
    pinned: str | None = None
    path: tuple[str | int, ...] = ()  # key path of this entry inside manual.yaml
    inherit: str | None = None  # the upstream chapter id, for an inherited chapter
    local: str | None = None  # for an inherited chapter: the file filling its local slots
    replaces: str | None = None  # the upstream chapter a local file replaces (on the entry)
    based_on: str | None = None  # the upstream edition that replacement was written against


def inherited_file(chapter_id: str) -> str:
    """The name an inherited chapter goes by in place of a file path."""
    return INHERITED_PREFIX + chapter_id


class ExternalEntry(NamedTuple):
    """A chapter hosted elsewhere: title, link and an optional source line."""

    title: str
    number: str
    url: str | None = None
    source: str | None = None
    status: str | None = None
    note: str | None = None
    flag: str | None = None
    pinned: str | None = None
    path: tuple[str | int, ...] = ()


class SeeAlsoItem(NamedTuple):
    """One target of a see-also line: a chapter id, or a title with an optional url."""

    chapter: str | None = None
    title: str | None = None
    url: str | None = None
    flag: str | None = None


class SeeAlsoEntry(NamedTuple):
    """A "See also:" line; items after the first are rendered as "and ..." lines."""

    items: tuple[SeeAlsoItem, ...]
    label: str = "See also:"
    path: tuple[str | int, ...] = ()


class NoteEntry(NamedTuple):
    """A line of text in the contents ("For local documents please see ...")."""

    text: str
    path: tuple[str | int, ...] = ()


class Subsection(NamedTuple):
    """A sub-section of the contents: its entries are chapters, see-also lines, notes."""

    title: str
    number: str
    entries: tuple["Entry", ...] = ()
    pinned: str | None = None
    path: tuple[str | int, ...] = ()


class Section(NamedTuple):
    """A section of the contents: sub-sections and entries, in reading order."""

    title: str
    number: str
    entries: tuple["Entry", ...] = ()
    pinned: str | None = None
    path: tuple[str | int, ...] = ()


Entry = ChapterEntry | ExternalEntry | SeeAlsoEntry | NoteEntry | Subsection


class NumberProblem:
    """A pinned number that does not fit its position. (A plain class: making a NamedTuple
    compiles its ``__new__``, which every command's start-up pays for.)"""

    __slots__ = ("expected", "path", "pinned")

    def __init__(self, path: tuple[str | int, ...], pinned: str, expected: str) -> None:
        self.path = path
        self.pinned = pinned
        self.expected = expected


class Manual:
    """A manual: its folder, identity, settings, contents tree and chapters.

    A plain class (and the entries NamedTuples), not dataclasses: making a dataclass runs
    the compiler for each of its methods, which cost validate's start-up more than its
    reading of a 10-chapter manual.
    """

    __slots__ = ("chapters", "data", "number_problems", "root", "sections")

    def __init__(
        self,
        root: Path,
        data: dict[str, Any],
        sections: tuple[Section, ...],
        chapters: dict[str, Chapter] | None = None,  # by chapter file (rel path)
        number_problems: list[NumberProblem] | None = None,
    ) -> None:
        self.root = root
        self.data = data
        self.sections = sections
        self.chapters = {} if chapters is None else chapters
        self.number_problems = [] if number_problems is None else number_problems

    def __repr__(self) -> str:
        return f"Manual(root={self.root!r}, id={self.id!r})"

    def moved(self, root: Path) -> "Manual":
        """The same manual read from another folder (its chapters and tree shared)."""
        return Manual(root, self.data, self.sections, self.chapters, self.number_problems)

    @property
    def config_path(self) -> Path:
        return self.root / MANUAL_FILE

    @property
    def id(self) -> str:
        return str(self.data.get("id", ""))

    @property
    def title(self) -> str:
        return str(self.data.get("title", ""))

    @property
    def organisation(self) -> str:
        return str(self.data.get("organisation") or "")

    @property
    def language(self) -> str:
        return str(self.data.get("language") or "en-GB")

    @property
    def edition_settings(self) -> dict[str, Any]:
        value = self.data.get("edition") or {}
        return value if isinstance(value, dict) else {}

    @property
    def tag_format(self) -> str:
        return str(self.edition_settings.get("tag_format") or DEFAULT_TAG_FORMAT)

    @property
    def upstream(self) -> dict[str, Any] | None:
        """manual.yaml's ``upstream:`` (``manual``: the template's folder, ``edition``)."""
        value = self.data.get("upstream")
        return value if isinstance(value, dict) else None

    @property
    def retired(self) -> list[dict[str, Any]]:
        value = self.data.get("retired") or []
        return [r for r in value if isinstance(r, dict)] if isinstance(value, list) else []

    def walk(self) -> Iterator[tuple[Section, Subsection | None, Entry]]:
        """Every entry in reading order, with its section and sub-section."""
        for section in self.sections:
            for entry in section.entries:
                yield section, None, entry
                if isinstance(entry, Subsection):
                    for inner in entry.entries:
                        yield section, entry, inner

    def chapter_entries(self) -> Iterator[ChapterEntry]:
        for _, _, entry in self.walk():
            if isinstance(entry, ChapterEntry):
                yield entry

    def inherited_entries(self) -> Iterator[ChapterEntry]:
        for entry in self.chapter_entries():
            if entry.inherit is not None:
                yield entry

    def chapter_for(self, entry: ChapterEntry) -> Chapter | None:
        return self.chapters.get(entry.file)

    def chapters_by_id(self) -> dict[str, Chapter]:
        return {c.id: c for c in self.chapters.values() if c.id}

    def entry_for_id(self, chapter_id: str) -> ChapterEntry | None:
        for entry in self.chapter_entries():
            chapter = self.chapters.get(entry.file)
            if chapter is not None and chapter.id == chapter_id:
                return entry
        return None


# --- building the tree -------------------------------------------------------------------


def retired_id_message(cid: str, title: str) -> tuple[str, str]:
    """The message and hint for a chapter that uses the id of a retired chapter (validate's
    rule ``id-retired``, and the edition commands that check only this)."""
    return (
        f'the id "{cid}" belonged to a retired chapter ({title}).',
        "Ids of retired chapters are never used again, so old links cannot point to "
        "the wrong chapter: give this chapter a new id, or take the id out of "
        "'retired:' in manual.yaml if the chapter was never really retired.",
    )


def tag_name(tag_format: str, manual_id: str, edition: str) -> str:
    """The git tag of an edition: ``edition.tag_format`` with ``{id}`` and ``{edition}``
    filled in (``tiny/2026-11`` by default)."""
    return tag_format.replace("{id}", manual_id).replace("{edition}", edition)
