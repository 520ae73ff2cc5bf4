"""Two states of a manual to compare word by word (``redline``): which, and which chapters.

FROM is an edition; TO is a later edition or the working tree (the draft of the next
edition). Both are read from git at their tags (and the working tree as it is), in the
fixed number of git processes :class:`~manualctl.editions.workspace.Workspace` costs,
once: the chapters' whole text is kept for the redline (:attr:`Between.old`,
:attr:`Between.new`). With a resolver, a manual built on a template has its inherited
chapters at each tag as the template edition it followed then had them.
The chapters shown are those whose title or text differs, the New and the Removed ones,
and those retitled or moved; a chapter whose every change came in commits marked
``Manual-Change: editorial`` is still shown, marked as editorial, so a reviewer can
see that nothing of substance hides in them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from manualctl.check.load import Resolver
from manualctl.editions.compare import changed_place, compare
from manualctl.editions.report import endpoints
from manualctl.editions.snapshot import ChapterState, chapters_at_revision, from_files
from manualctl.editions.tags import EditionTag, display
from manualctl.editions.window import scan
from manualctl.editions.workspace import Workspace
from manualctl.errors import UsageError
from manualctl.git import RepoInfo, changed_paths, run
from manualctl.gitbatch import CatFile
from manualctl.model.manual import Manual

NEW = "New"
UPDATED = "Updated"
EDITORIAL = "Editorial"
REMOVED = "Removed"
MOVED = "Retitled or moved"
SAME = "Unchanged"


@dataclass(frozen=True)
class ChapterChange:
    """One chapter of the comparison: its id and what happened to it."""

    id: str
    status: str  # NEW, UPDATED, EDITORIAL, REMOVED, MOVED or SAME
    details: str  # "Retitled: A → B." and the like; "" when there is nothing more to say


@dataclass(frozen=True)
class Between:
    """FROM and TO, and the chapters to show (reading order: TO's, removed ones where
    they stood in FROM)."""

    workspace: Workspace
    source: EditionTag
    target: EditionTag | None  # None: the working tree
    chapters: tuple[ChapterChange, ...]
    old: Manual  # the manual at FROM, read from git (its folder: the working tree's)
    new: Manual  # at TO; the working tree's manual when TO is the working tree

    @property
    def source_name(self) -> str:
        return display(self.source.edition)

    @property
    def target_name(self) -> str:
        if self.target is None:
            return "the working tree"
        return display(self.target.edition)

    @property
    def description(self) -> str:
        """``Changes from May 2026 to November 2026``."""
        return f"Changes from {self.source_name} to {self.target_name}"

    @property
    def stem(self) -> str:
        """The files' name part: ``2026-05-to-2026-11``, ``2026-05-to-draft``."""
        return f"{self.source.edition}-to-{self.target.edition if self.target else 'draft'}"


def between(
    manual_dir: Path | None,
    source: str | None,
    target: str | None,
    *,
    chapter: str | None = None,
    everything: bool = False,
    resolver: Resolver | None = None,
) -> Between:
    """Resolve FROM and TO (default: the latest edition to the working tree) and decide
    the chapters to show: the changed ones, or with ``everything`` all of TO's and the
    removed ones; with ``chapter`` only that one. ``resolver``: inherited chapters too."""
    ws = Workspace.open(manual_dir, full_check=False, prefetch=False, resolver=resolver, lazy=True)
    start, end = endpoints(ws, source, target)
    if end is not None and end.edition == start.edition:
        raise UsageError(
            f"FROM and TO are the same edition ({display(start.edition)}): there is "
            "nothing to compare.",
            hint="Give an earlier edition first, then a later one (or none: the working tree).",
        )
    if end is not None and end.edition < start.edition:
        raise UsageError(
            f"FROM ({display(start.edition)}) comes after TO ({display(end.edition)}).",
            hint=f"Give the earlier edition first: manualctl redline {end.edition} "
            f"{start.edition}.",
        )
    with CatFile(ws.repo.top, files=True) as batch:  # git only for what its files miss
        old_manual = _at_tag(ws, start, batch)
        new_manual = _at_tag(ws, end, batch) if end else ws.manual
    old = from_files(old_manual.data, dict(old_manual.chapters), old_manual.sections)
    new = (
        from_files(new_manual.data, dict(new_manual.chapters), new_manual.sections)
        if end
        else ws.snapshot
    )
    window = scan(ws.repo, start.tag, end.tag if end else "HEAD")
    dirty = set() if end else changed_paths(ws.repo.top, ws.repo.pathspec)
    rule = ws.update_rule(window, dirty)
    changes = compare(old, new, edition=None, previous=start.edition, updated=rule)
    updated = {c.id for c in changes.updated}

    def status(state: ChapterState) -> ChapterChange | None:
        before = old.chapters.get(state.id)
        if before is None:
            return ChapterChange(state.id, NEW, "")
        details = " ".join(
            m.details()
            for m in changes.moved
            if m.new.id == state.id and changed_place(m.old, m.new)
        )
        if before.substance != state.substance:
            return ChapterChange(state.id, UPDATED if state.id in updated else EDITORIAL, details)
        if details:
            return ChapterChange(state.id, MOVED, details)
        return ChapterChange(state.id, SAME, "") if everything else None

    shown = [found for state in new.chapters.values() if (found := status(state))]
    reasons = {r.old.id: r.reason for r in changes.removed}
    shown.extend(ChapterChange(old_id, REMOVED, reason) for old_id, reason in reasons.items())
    # TO's reading order; a removed chapter right after the one it followed in FROM
    place = {cid: float(i) for i, cid in enumerate(new.chapters)}
    last, step = -1.0, 0
    for old_id in old.chapters:
        if old_id in place:
            last, step = place[old_id], 0
        else:
            step += 1
            place[old_id] = last + step / (len(old.chapters) + 1)
    shown.sort(key=lambda c: place[c.id])
    if chapter is not None:
        picked = [c for c in shown if c.id == chapter]
        if not picked:
            known = sorted({*old.chapters, *new.chapters})
            if chapter in known:
                raise UsageError(
                    f'The chapter "{chapter}" did not change from {display(start.edition)} '
                    f"to {'the working tree' if end is None else display(end.edition)}.",
                    hint="Leave out --chapter to see every changed chapter, or add --all.",
                )
            from manualctl.check.findings import did_you_mean

            raise UsageError(
                f'No chapter with the id "{chapter}" in either state of the manual.'
                + did_you_mean(chapter, known),
                hint="A chapter's id is the 'id:' line of its front matter.",
            )
        shown = picked
    return Between(ws, start, end, tuple(shown), old_manual, new_manual)


def _at_tag(ws: Workspace, tag: EditionTag, batch: CatFile) -> Manual:
    """The manual as released at ``tag``, whole, inherited chapters too; its folder (for
    its pictures) is the working tree's."""
    data, sections, texts = chapters_at_revision(
        batch, ws.repo, tag.tag, ws.known_fronts(), ws.resolver
    )
    return Manual(ws.settings.root, data, sections, texts)


def committed(repo: RepoInfo, tag: str) -> int:
    """The time of the last commit touching the manual up to ``tag`` (as a released
    edition's dates are read: :func:`manualctl.editions.published.release_files`)."""
    out = run(["log", "-1", "--format=%ct", f"{tag}^{{commit}}", "--", repo.pathspec], repo.top)
    return int(out.strip()) if out.strip().isdigit() else 0
