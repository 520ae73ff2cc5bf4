"""Where an entry goes in the contents tree, and what happens to the numbers around it.

:func:`find_place` turns ``--in 5.1 --after 5.1.7`` into a list in manual.yaml and an
index. :func:`insert_entry`, :func:`move_entries` and :func:`remove_entries` edit the
manual.yaml text (through :mod:`manualctl.model.yamltext.editor`, so nothing else in the file moves)
and say which numbers shift. An edit that would leave a pinned number (``1.4.3a``)
out of place is refused before anything is written.
"""

from __future__ import annotations

import copy
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from manualctl.errors import UsageError
from manualctl.model.chapter import slugify
from manualctl.model.manual import Entry, Manual, Section, Subsection
from manualctl.model.numbering import base_number, build_tree
from manualctl.model.yamltext import editor as yamledit

YamlPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Place:
    """A position in a list of entries in manual.yaml."""

    seq_path: YamlPath  # the entries list, e.g. ("contents", 4, "entries", 0, "entries")
    index: int
    container: Section | Subsection
    section: Section
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Shift:
    """An entry whose number changes: ``old -> new  label``."""

    old: str
    new: str
    label: str

    def __str__(self) -> str:
        return f"{self.old} -> {self.new}  {self.label}"


@dataclass
class Outcome:
    """What an edit did to the numbers: the entry's new number and every shift."""

    number: str = ""
    shifts: list[Shift] = field(default_factory=list)


def containers(manual: Manual) -> list[Section | Subsection]:
    """Sections and sub-sections in reading order (what ``--in`` can name)."""
    found: list[Section | Subsection] = []
    for section in manual.sections:
        found.append(section)
        found.extend(e for e in section.entries if isinstance(e, Subsection))
    return found


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
        if entry.path[:2] == section.path:
            folders[entry.file.rsplit("/", 1)[0] if "/" in entry.file else ""] += 1
    if folders:
        return folders.most_common(1)[0][0]
    return "chapters/" + (slugify(section.title) or f"section-{section.number}")


# --- numbers ------------------------------------------------------------------------------


def _numbers(data: dict[str, Any]) -> dict[int, tuple[str, dict[str, Any]]]:
    sections, _ = build_tree(data)
    out: dict[int, tuple[str, dict[str, Any]]] = {}

    def visit(entries: tuple[Entry, ...]) -> None:
        for entry in entries:
            number = getattr(entry, "number", None)
            if number:
                raw = yamledit.data_at(data, entry.path)
                out[id(raw)] = (number, raw)
            if isinstance(entry, Subsection):
                visit(entry.entries)

    for section in sections:
        visit(section.entries)
    return out


def _label(manual: Manual, raw: dict[str, Any]) -> str:
    if "file" in raw:
        chapter = manual.chapters.get(str(raw["file"]))
        return chapter.title if chapter is not None and chapter.title else str(raw["file"])
    if "external" in raw:
        return str(raw["external"])
    return f"{raw.get('subsection')} (sub-section)"


def _check_pins(data: dict[str, Any], manual: Manual) -> None:
    _, problems = build_tree(data)
    if not problems:
        return
    details = []
    for problem in problems:
        raw = yamledit.data_at(data, problem.path)
        details.append(
            f'the pinned number {problem.pinned} ("{_label(manual, raw)}") would have to '
            f"become {problem.expected}"
        )
    raise UsageError(
        "This would put pinned numbers out of place: " + "; ".join(details) + ".",
        hint="Choose another place (for example after the pinned chapter), or first "
        "remove its 'number:' line in manual.yaml so it takes its number from its position.",
    )


def _outcome(
    manual: Manual,
    before: dict[int, tuple[str, dict[str, Any]]],
    after: dict[int, tuple[str, dict[str, Any]]],
    entry: dict[str, Any] | None,
) -> Outcome:
    outcome = Outcome(after[id(entry)][0] if entry is not None else "")
    for key, (old, raw) in before.items():
        if raw is entry or key not in after:
            continue
        new = after[key][0]
        if new != old:
            outcome.shifts.append(Shift(old, new, _label(manual, raw)))
    return outcome


# --- edits --------------------------------------------------------------------------------


def insert_entry(
    manual: Manual, doc: yamledit.Document, place: Place, entry: dict[str, str]
) -> Outcome:
    """Insert a flat entry (``{"file": ...}``) at ``place``; edit ``doc``."""
    work = copy.deepcopy(doc.data())
    before = _numbers(work)
    _list_for(work, place.seq_path).insert(place.index, entry)
    _check_pins(work, manual)
    outcome = _outcome(manual, before, _numbers(work), entry)
    yamledit.insert_items(doc, place.seq_path, place.index, [entry])
    return outcome


def remove_entries(
    manual: Manual, doc: yamledit.Document, seq_path: YamlPath, start: int, stop: int
) -> Outcome:
    """Remove entries ``start:stop`` of a list; edit ``doc``."""
    work = copy.deepcopy(doc.data())
    before = _numbers(work)
    del _list_for(work, seq_path)[start:stop]
    _check_pins(work, manual)
    outcome = _outcome(manual, before, _numbers(work), None)
    yamledit.remove_items(doc, seq_path, start, stop)
    return outcome


def move_entries(
    manual: Manual,
    doc: yamledit.Document,
    source: YamlPath,
    start: int,
    stop: int,
    place: Place,
    changes: dict[str, str],
) -> Outcome:
    """Move entries ``start:stop`` of the list at ``source`` to ``place``.

    ``changes`` sets keys of the first (moved) entry, e.g. its new ``file``.
    """
    work = copy.deepcopy(doc.data())
    before = _numbers(work)
    moved = _list_for(work, source)[start:stop]
    del _list_for(work, source)[start:stop]
    dest, index = _adjust(place.seq_path, place.index, source, start, stop)
    moved[0].update(changes)
    _list_for(work, dest)[index:index] = moved
    _check_pins(work, manual)
    outcome = _outcome(manual, before, _numbers(work), moved[0])

    yamledit.move_items(doc, source, start, stop, dest, index)
    for key, value in changes.items():
        yamledit.set_key(doc, key, {(*dest, index): value})
    return outcome


def _adjust(
    dest: YamlPath, index: int, source: YamlPath, start: int, stop: int
) -> tuple[YamlPath, int]:
    """``dest``/``index`` as they read once entries ``start:stop`` of ``source`` are gone."""
    count = stop - start
    if dest == source:
        return dest, index - count if index >= stop else min(index, start)
    n = len(source)
    if dest[:n] == source and len(dest) > n:
        step = dest[n]
        if isinstance(step, int) and step >= stop:
            return (*dest[:n], step - count, *dest[n + 1 :]), index
    return dest, index


def _list_for(data: dict[str, Any], path: YamlPath) -> list[Any]:
    parent = yamledit.data_at(data, path[:-1])
    if parent.get(path[-1]) is None:
        parent[path[-1]] = []
    value: list[Any] = parent[path[-1]]
    return value
