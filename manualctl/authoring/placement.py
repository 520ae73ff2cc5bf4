"""Where an entry goes in the contents tree.

:func:`find_place` turns ``--in 5.1 --after 5.1.7`` into a list in manual.yaml and an
index. The edits made there, and the numbers they shift, are
:mod:`manualctl.authoring.edits`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from manualctl.check.load import read
from manualctl.errors import UsageError
from manualctl.model.chapter import slugify
from manualctl.model.manual import Entry, Manual, Section, Subsection
from manualctl.model.numbering import base_number

YamlPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Place:
    """A position in a list of entries in manual.yaml."""

    seq_path: YamlPath  # the entries list, e.g. ("contents", 4, "entries", 0, "entries")
    index: int
    container: Section | Subsection
    section: Section
    notes: tuple[str, ...] = ()


def containers(manual: Manual) -> list[Section | Subsection]:
    """Sections and sub-sections in reading order (what ``--in`` can name)."""
    found: list[Section | Subsection] = []
    for section in manual.sections:
        found.append(section)
        found.extend(e for e in section.entries if isinstance(e, Subsection))
    return found


def containers_at(root: Path) -> list[Section | Subsection]:
    """:func:`containers` of the manual in ``root`` (none when it cannot be read)."""
    manual = read(root).manual
    return containers(manual) if manual is not None else []


def _sections_hint(manual: Manual) -> str:
    listed = "; ".join(f"{c.number} {c.title}" for c in containers(manual))
    return f"Sections and sub-sections: {listed}."


def _entries_path(container: Section | Subsection) -> YamlPath:
    return (*container.path, "entries")


def _section_of(manual: Manual, container: Section | Subsection) -> Section:
    for section in manual.sections:
        if section.path == container.path[:2]:
            return section
    raise UsageError(f"{container.number} is not in any section.")  # pragma: no cover


def _raw_list(data: dict[str, Any], path: YamlPath) -> list[Any]:
    node: Any = data
    for step in path:
        node = node.get(step) if isinstance(node, dict) else node[step]
        if node is None:
            return []
    return node if isinstance(node, list) else []


def find_place(manual: Manual, in_number: str | None, after: str | None) -> Place:
    """The place named by ``--in`` and ``--after``. Raises :class:`UsageError`."""
    by_number = {c.number: c for c in containers(manual)}
    data = manual.data
    if in_number is not None and in_number not in by_number:
        what = _numbered(manual).get(in_number)
        if what is not None:
            raise UsageError(
                f"{in_number} is a chapter, not a section or sub-section.",
                hint=f"To put the chapter right after it, use --after {in_number}.",
            )
        raise UsageError(
            f"There is no section or sub-section numbered {in_number} in {manual.title}.",
            hint=_sections_hint(manual),
        )
    if after is None or after == in_number:
        if in_number is None:
            raise UsageError("Say where the chapter goes with --in NUMBER.")
        container = by_number[in_number]
        raw = _raw_list(data, _entries_path(container))
        if after is None:  # the end, before any closing notes
            index = len(raw)
            while index > 0 and isinstance(raw[index - 1], dict) and "note" in raw[index - 1]:
                index -= 1
        else:  # first, after any opening see-also lines and notes
            index = 0
            while index < len(raw) and not _is_numbered(raw[index]):
                index += 1
        return Place(_entries_path(container), index, container, _section_of(manual, container))
    target = _numbered(manual).get(after)
    if target is None:
        raise UsageError(
            f"There is no chapter numbered {after} in {manual.title}.",
            hint="Check the number in the contents (run 'manualctl validate' to be sure "
            "the numbers are as you expect).",
        )
    parent, entry = target
    if in_number is not None and parent.number != in_number:
        raise UsageError(
            f"{after} is in {parent.number} {parent.title}, not in {in_number}.",
            hint=f"Use --in {parent.number} --after {after}, or leave out --in.",
        )
    raw = _raw_list(data, _entries_path(parent))
    index = int(entry.path[-1]) + 1
    base = base_number(after)
    notes = []
    while index < len(raw) and isinstance(raw[index], dict):
        item = raw[index]
        pinned = str(item.get("number") or "")
        if "see_also" in item:
            index += 1
        elif pinned != base_number(pinned) and base_number(pinned) == base:
            notes.append(f"{pinned} belongs with {base}, so the new place is after {pinned}.")
            index += 1
        else:
            break
    return Place(_entries_path(parent), index, parent, _section_of(manual, parent), tuple(notes))


def _is_numbered(raw: Any) -> bool:
    return isinstance(raw, dict) and any(k in raw for k in ("file", "external", "subsection"))


def _numbered(manual: Manual) -> dict[str, tuple[Section | Subsection, Entry]]:
    found: dict[str, tuple[Section | Subsection, Entry]] = {}

    def visit(container: Section | Subsection) -> None:
        for entry in container.entries:
            number = getattr(entry, "number", None)
            if number:
                found[number] = (container, entry)
            if isinstance(entry, Subsection):
                visit(entry)

    for section in manual.sections:
        visit(section)
    return found


def block_end(raw: list[Any], index: int) -> int:
    """The end of an entry's block: the entry and the "See also" lines right after it."""
    stop = index + 1
    while stop < len(raw) and isinstance(raw[stop], dict) and "see_also" in raw[stop]:
        stop += 1
    return stop


def section_folder(manual: Manual, section: Section) -> str:
    """The chapters folder of a section: where most of its chapter files are already."""
    folders: Counter[str] = Counter()
    for entry in manual.chapter_entries():
        if entry.path[:2] == section.path and entry.inherit is None:  # inherited: no file
            folders[entry.file.rsplit("/", 1)[0] if "/" in entry.file else ""] += 1
    if folders:
        return folders.most_common(1)[0][0]
    return "chapters/" + (slugify(section.title) or f"section-{section.number}")
