"""What changed between two states of a manual, at the contents level.

``New`` = the id was not there before. ``Updated`` = the substance (title + body) differs,
unless every commit that touched the chapter's file(s) was marked editorial (decided by
the caller's rule, see :mod:`manualctl.editions.workspace`). ``Removed`` = there before, not now.
``Retitled and moved`` = same id with a new title, or in another section or sub-section
(by title). A new number alone is not an amendment: inserting or retiring a chapter
renumbers every chapter after it, and none of them changed.
"""

from __future__ import annotations

from collections.abc import Callable

from manualctl.editions.snapshot import ChapterState, Snapshot

UpdateRule = Callable[[ChapterState, ChapterState], bool]


class Removed:
    """A chapter no longer in the manual, and why. (Plain classes here: making a NamedTuple
    compiles its ``__new__``, which every edition command's start-up pays for.)"""

    __slots__ = ("old", "reason")

    def __init__(self, old: ChapterState, reason: str) -> None:
        self.old = old
        self.reason = reason


class Moved:
    """A chapter retitled or moved to another section or sub-section."""

    __slots__ = ("new", "old")

    def __init__(self, old: ChapterState, new: ChapterState) -> None:
        self.old = old
        self.new = new

    @property
    def retitled(self) -> bool:
        return self.old.title != self.new.title

    @property
    def moved(self) -> bool:
        """In another section or sub-section (renumbering alone is not a move)."""
        return self.old.place != self.new.place

    def details(self) -> str:
        """``Retitled: A → B. Moved: Family Support → Children in Care: Placements.``"""
        parts = []
        if self.retitled:
            parts.append(f"Retitled: {self.old.title} → {self.new.title}.")
        if self.moved:
            parts.append(f"Moved: {place_name(self.old.place)} → {place_name(self.new.place)}.")
        return " ".join(parts)


def place_name(place: tuple[str, ...]) -> str:
    """``Children in Care: Placements`` (the section, then the sub-section if any)."""
    return ": ".join(place)


def changed_place(old: ChapterState, new: ChapterState) -> bool:
    """Retitled, or moved to another section or sub-section."""
    return old.title != new.title or old.place != new.place


class EditionChanges:
    """The changes one edition (or the working tree) made since the previous edition
    (a plain class: making a dataclass at import costs a quick command's start-up more
    than its work)."""

    __slots__ = ("edition", "moved", "new", "previous", "removed", "updated")

    def __init__(
        self,
        edition: str | None,  # YYYY-MM; None for "the working tree" in diff
        previous: str | None,  # the previous edition; None when this is the first edition
    ) -> None:
        self.edition = edition
        self.previous = previous
        self.new: list[ChapterState] = []
        self.updated: list[ChapterState] = []
        self.removed: list[Removed] = []
        self.moved: list[Moved] = []

    @property
    def first(self) -> bool:
        return self.previous is None

    @property
    def empty(self) -> bool:
        return not (self.new or self.updated or self.removed or self.moved)

    def flags(self) -> dict[str, str]:
        """Chapter id -> ``New`` or ``Updated``."""
        out = {c.id: "New" for c in self.new}
        out.update({c.id: "Updated" for c in self.updated})
        return out

    def flagged(self) -> list[ChapterState]:
        """New then Updated chapters, each in reading order."""
        return [*self.new, *self.updated]


def compare(
    prev: Snapshot | None,
    cur: Snapshot,
    *,
    edition: str | None,
    previous: str | None,
    updated: UpdateRule,
) -> EditionChanges:
    """Changes from ``prev`` to ``cur``; ``updated`` decides chapters whose substance differs."""
    changes = EditionChanges(edition, previous)
    if prev is None:
        return changes
    for state in cur.chapters.values():
        old = prev.chapters.get(state.id)
        if old is None:
            changes.new.append(state)
            continue
        if old.substance != state.substance and updated(old, state):
            changes.updated.append(state)
        if changed_place(old, state):
            changes.moved.append(Moved(old, state))
    _removed(prev, cur, changes)
    return changes


def stored(
    prev: Snapshot | None, cur: Snapshot, *, edition: str, previous: str | None
) -> EditionChanges:
    """A released edition's changes: New/Updated as flagged at its tag (release refuses
    stale flags, so the tag holds the truth); removed and moved from the two snapshots."""
    changes = EditionChanges(edition, previous)
    if prev is None:
        return changes
    for state in cur.chapters.values():
        if state.flag == "New":
            changes.new.append(state)
        elif state.flag == "Updated":
            changes.updated.append(state)
        old = prev.chapters.get(state.id)
        if old is not None and changed_place(old, state):
            changes.moved.append(Moved(old, state))
    _removed(prev, cur, changes)
    return changes


def _removed(prev: Snapshot, cur: Snapshot, changes: EditionChanges) -> None:
    for old in prev.chapters.values():
        if old.id not in cur.chapters:
            reason = str(cur.retired.get(old.id, {}).get("reason") or "")
            changes.removed.append(Removed(old, reason))


def render_text(changes: EditionChanges, source: str, target: str) -> str:
    """Plain text for ``manualctl diff``."""
    lines = [f"Changes from {source} to {target}:"]
    if changes.first:
        return f"{target} is the first edition: there is nothing earlier to compare with."
    if changes.empty:
        lines.append("  none: no chapter was added, updated, removed, retitled or moved.")
    groups: list[tuple[str, list[str]]] = [
        ("Added", [f"{c.label} [{c.id}]" for c in changes.new]),
        ("Updated", [f"{c.label} [{c.id}]" for c in changes.updated]),
        ("Removed", [f"{r.old.label} [{r.old.id}]" for r in changes.removed]),
        ("Retitled", [f"{m.old.label} -> {m.new.label}" for m in changes.moved if m.retitled]),
        (
            "Moved",
            [
                f"{m.new.label}: {place_name(m.old.place)} -> {place_name(m.new.place)}"
                for m in changes.moved
                if m.moved
            ],
        ),
    ]
    for name, items in groups:
        if items:
            lines.append(f"{name} ({len(items)}):")
            lines.extend(f"  {item}" for item in items)
    return "\n".join(lines)
