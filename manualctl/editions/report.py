"""``history`` and ``diff``: reading the editions back, for authors and release leads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from manualctl.check.findings import did_you_mean
from manualctl.check.load import Resolver
from manualctl.editions.compare import EditionChanges, compare, place_name
from manualctl.editions.snapshot import Snapshot
from manualctl.editions.tags import EditionTag, display
from manualctl.editions.window import scan
from manualctl.editions.workspace import Workspace
from manualctl.errors import UsageError
from manualctl.git import changed_paths
from manualctl.gitbatch import CatFile


@dataclass(frozen=True)
class Event:
    """What happened to one chapter in one edition."""

    edition: str  # YYYY-MM; "" for the next edition when none is in preparation
    released: bool  # False for the coming edition (the working tree)
    what: list[str]  # "new", "updated", "retitled: A -> B", "moved: A -> B", "removed"
    summary: str

    def describe(self) -> str:
        name = display(self.edition) if self.edition else "The next edition"
        name += "" if self.released else " (not released yet)"
        text = f"{name}: {'; '.join(self.what)}"
        return text + (f"\n    {self.summary}" if self.summary else "")


def history_of(
    manual_dir: Path | None,
    chapter_id: str,
    *,
    edition: str | None = None,
    today: date | None = None,
    resolver: Resolver | None = None,
) -> tuple[str, list[Event]]:
    """The chapter's title and the editions that changed it, newest first (``resolver``:
    inherited chapters too, as :class:`Workspace` reads them)."""
    ws = Workspace.open(
        manual_dir, edition=edition, today=today, full_check=False, resolver=resolver
    )
    with CatFile(ws.repo.top) as batch:
        blocks = [ws.coming(batch).changes, *ws.released(ws.coming_id, batch)]
    events: list[Event] = []
    title = ""
    for block in blocks:
        released = block is not blocks[0]
        what: list[str] = []
        summary = ""
        if block.first and block.edition:
            first = _first_state(ws, block.edition, chapter_id, released)
            if first:
                title = title or first
                what.append("in the first edition")
        for state in block.new:
            if state.id == chapter_id:
                what.append("new")
                summary = state.amendments.get(block.edition or "", "")
                title = title or state.title
        for state in block.updated:
            if state.id == chapter_id:
                what.append("updated")
                summary = state.amendments.get(block.edition or "", "")
                title = title or state.title
        for moved in block.moved:
            if moved.new.id == chapter_id:
                if moved.retitled:
                    what.append(f"retitled: {moved.old.label} -> {moved.new.label}")
                if moved.moved:
                    what.append(
                        f"moved: {place_name(moved.old.place)} -> {place_name(moved.new.place)}"
                    )
                title = title or moved.new.title
        for removed in block.removed:
            if removed.old.id == chapter_id:
                what.append("removed" + (f": {removed.reason}" if removed.reason else ""))
                title = title or removed.old.title
        if what:
            events.append(Event(block.edition or "", released, what, summary))
    if not events and chapter_id not in ws.snapshot.chapters:
        known = sorted(ws.snapshot.chapters)
        raise UsageError(
            f'No chapter with the id "{chapter_id}" in {ws.manual.root}, now or in any '
            f"edition.{did_you_mean(chapter_id, known)}",
            hint="A chapter's id is the 'id:' line of its front matter.",
        )
    current = ws.snapshot.chapters.get(chapter_id)
    return (current.title if current else title), events


def _first_state(ws: Workspace, edition: str, chapter_id: str, released: bool) -> str:
    if not released:
        state = ws.snapshot.chapters.get(chapter_id)
        return state.title if state else ""
    tag = next(t for t in ws.tags if t.edition == edition)
    with CatFile(ws.repo.top) as batch:
        state = ws.snapshot_at(tag, batch).chapters.get(chapter_id)
    return state.title if state else ""


def endpoints(
    ws: Workspace, source: str | None, target: str | None
) -> tuple[EditionTag, EditionTag | None]:
    """FROM and TO of a comparison: FROM defaults to the latest edition, TO (None) to the
    working tree."""
    if source is None:
        if not ws.tags:
            raise UsageError(
                "This manual has no edition yet, so there is nothing to compare with.",
                hint="Make the first edition with 'manualctl release YYYY-MM'.",
            )
        start = ws.tags[-1]
    else:
        start = find_tag(ws, source)
    return start, find_tag(ws, target) if target else None


def find_tag(ws: Workspace, given: str) -> EditionTag:
    """The edition tag named by ``given`` (YYYY-MM or the tag's name), with a did-you-mean."""
    for tag in ws.tags:
        if given in (tag.edition, tag.tag):
            return tag
    known = ", ".join(t.edition for t in ws.tags) or "none yet"
    guess = did_you_mean(given, [t.edition for t in ws.tags])
    raise UsageError(
        f'"{given}" is not an edition of this manual (editions: {known}).{guess}',
        hint="Give an edition as YYYY-MM, or its tag name.",
    )


@dataclass
class DiffResult:
    source: str
    target: str
    changes: EditionChanges


def diff(
    manual_dir: Path | None,
    source: str | None = None,
    target: str | None = None,
    resolver: Resolver | None = None,
) -> DiffResult:
    """Changes between two editions, or between an edition and the working tree
    (``resolver``: inherited chapters too)."""
    ws = Workspace.open(manual_dir, full_check=False, prefetch=False, resolver=resolver, lazy=True)
    start, end = endpoints(ws, source, target)
    with CatFile(ws.repo.top) as batch:
        old = ws.snapshot_at(start, batch)
        new: Snapshot = ws.snapshot_at(end, batch) if end else ws.snapshot
    window = scan(ws.repo, start.tag, end.tag if end else "HEAD")
    dirty = set() if end else changed_paths(ws.repo.top, ws.repo.pathspec)
    changes = compare(
        old,
        new,
        edition=end.edition if end else None,
        previous=start.edition,
        updated=ws.update_rule(window, dirty),
    )
    label = f"{display(start.edition)} ({start.tag})"
    target_label = f"{display(end.edition)} ({end.tag})" if end else "the working tree"
    return DiffResult(label, target_label, changes)
