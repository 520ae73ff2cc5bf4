"""Editing the contents tree: insert, move and remove entries, and the numbers that shift.

:func:`insert_entry`, :func:`move_entries` and :func:`remove_entries` edit the
manual.yaml text (through :mod:`manualctl.model.yamltext.editor`, so nothing else in the
file moves) at a place found by :mod:`manualctl.authoring.placement`, and say which
numbers shift. An edit that would leave a pinned number (``1.4.3a``) out of place is
refused before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from manualctl.authoring.placement import Place, YamlPath
from manualctl.errors import UsageError
from manualctl.model.manual import (
    Entry,
    Manual,
    NumberProblem,
    Section,
    Subsection,
    inherited_file,
)
from manualctl.model.numbering import Built, build_tree
from manualctl.model.yamltext import editor as yamledit


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
    #: the contents the edit leaves, numbered (for the check after it: load.read)
    tree: Built | None = None


# --- numbers ------------------------------------------------------------------------------

Numbers = dict[int, tuple[str, dict[str, Any]]]  # id of an entry's data -> (number, data)


def _numbers(data: dict[str, Any], sections: tuple[Section, ...]) -> Numbers:
    """The number of each numbered entry of ``data`` (``sections``: its tree)."""
    out: Numbers = {}

    def visit(entries: tuple[Entry, ...]) -> None:
        lists: dict[tuple[str | int, ...], Any] = {}  # each list of entries looked up once
        for entry in entries:
            number = getattr(entry, "number", None)
            if number:
                at = entry.path[:-1]
                found = lists.get(at)
                if found is None:
                    found = lists[at] = yamledit.data_at(data, at)
                raw = found[entry.path[-1]]
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
    if "inherit" in raw:  # from the template (its title, when the resolver read it)
        chapter = manual.chapters.get(inherited_file(str(raw["inherit"])))
        return chapter.title if chapter is not None and chapter.title else str(raw["inherit"])
    if "external" in raw:
        return str(raw["external"])
    return f"{raw.get('subsection')} (sub-section)"


def _check_pins(data: dict[str, Any], manual: Manual, problems: list[NumberProblem]) -> None:
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
    data: dict[str, Any],
    work: dict[str, Any],
    copies: dict[int, Any],
    entry: dict[str, Any] | None,
) -> Outcome:
    """Refuse ``work`` (``data`` as the edit will leave it) when a pinned number is out of
    place in it; else the entry's new number and every number that shifts. ``copies``:
    the data of ``work`` copied from ``data``'s, by the id of the original (the rest is
    shared)."""
    sections, problems = build_tree(work)
    _check_pins(work, manual, problems)
    # the tree of manual.yaml as the check before the edit built it, when it is this data
    old = manual.sections if data is manual.data else build_tree(data)[0]
    before, after = _numbers(data, old), _numbers(work, sections)
    outcome = Outcome(
        after[id(entry)][0] if entry is not None else "",
        tree=(work.get("contents"), sections, problems),
    )
    for key, (old_number, raw) in before.items():
        now = copies.get(key, raw)
        if now is entry or id(now) not in after:
            continue
        new = after[id(now)][0]
        if new != old_number:
            outcome.shifts.append(Shift(old_number, new, _label(manual, raw)))
    return outcome


# --- edits --------------------------------------------------------------------------------
# Each works out the data the edit leaves (copying only what it changes), refuses it when
# a pinned number would be out of place, then edits ``doc``'s text: call it within
# yamledit.edit_once, which reads the text back once for all the edits of a command.


def insert_entry(
    manual: Manual, doc: yamledit.Document, place: Place, entry: dict[str, str]
) -> Outcome:
    """Insert a flat entry (``{"file": ...}``) at ``place``; edit ``doc``."""
    data, copies = doc.meant(), dict[int, Any]()
    work = yamledit.copied_along(data, place.seq_path, copies=copies)
    _list_for(work, place.seq_path).insert(place.index, entry)
    outcome = _outcome(manual, data, work, copies, entry)
    yamledit.insert_items(doc, place.seq_path, place.index, [entry])
    return outcome


def remove_entries(
    manual: Manual, doc: yamledit.Document, seq_path: YamlPath, start: int, stop: int
) -> Outcome:
    """Remove entries ``start:stop`` of a list; edit ``doc``."""
    data, copies = doc.meant(), dict[int, Any]()
    work = yamledit.copied_along(data, seq_path, copies=copies)
    del _list_for(work, seq_path)[start:stop]
    outcome = _outcome(manual, data, work, copies, None)
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
    data, copies = doc.meant(), dict[int, Any]()
    work = yamledit.copied_along(data, source, place.seq_path, copies=copies)
    moved = _list_for(work, source)[start:stop]
    del _list_for(work, source)[start:stop]
    dest, index = _adjust(place.seq_path, place.index, source, start, stop)
    first = {**moved[0], **changes}  # (a copy: data's entry stays as it was)
    copies[id(moved[0])] = first
    moved[0] = first
    _list_for(work, dest)[index:index] = moved
    outcome = _outcome(manual, data, work, copies, moved[0])

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
