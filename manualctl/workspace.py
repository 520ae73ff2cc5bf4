"""A manual opened for edition work: its model, its repository and its edition tags.

Every edition command starts here. Opening costs three git processes (repository and
shallow check, the tag list, uncommitted changes); working out an edition's changes adds
one ``git cat-file --batch`` for every tag read and one streamed ``git log``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from manualctl import editions, history
from manualctl.changes import EditionChanges, UpdateRule, compare, stored
from manualctl.editions import EditionTag
from manualctl.git import CatFile, RepoInfo, changed_paths, has_commits, require_history, tag_names
from manualctl.history import ChapterState, Snapshot, Window
from manualctl.manual import Manual, find_manual
from manualctl.validate import open_manual


@dataclass
class Coming:
    """The coming edition's changes, with what was read to work them out."""

    changes: EditionChanges
    previous: EditionTag | None
    window: Window
    old: Snapshot | None = None  # the manual at the previous edition


@dataclass
class Workspace:
    manual: Manual
    repo: RepoInfo
    tags: list[EditionTag]
    snapshot: Snapshot  # the working tree

    @classmethod
    def open(cls, manual_dir: Path | None, *, today: date | None = None) -> Workspace:
        root = find_manual(manual_dir)
        repo = require_history(root)
        manual = open_manual(root, today=today)
        snapshot = history.from_manual(manual)
        names = tag_names(repo.top) if has_commits(repo.top) else []
        tags = editions.edition_tags(names, manual.tag_format, manual.id)
        return cls(manual, repo, tags, snapshot)

    def tag_for(self, edition: str) -> str:
        return editions.tag_name(self.manual.tag_format, self.manual.id, edition)

    def coming_edition(self, given: str | None, today: date | None = None) -> str:
        if given:
            return editions.parse_edition(given, what="--edition")
        return editions.current(today)

    def coming(self, edition: str, batch: CatFile) -> Coming:
        """The working tree against the newest edition tag before ``edition``."""
        prev = editions.previous(self.tags, edition)
        if prev is None:
            return Coming(EditionChanges(edition, None), None, Window())
        old = history.at_revision(batch, self.repo, prev.tag)
        window = history.scan(self.repo, prev.tag, "HEAD")
        dirty = changed_paths(self.repo.top, self.repo.pathspec)
        changes = compare(
            old,
            self.snapshot,
            edition=edition,
            previous=prev.edition,
            updated=self.update_rule(window, dirty),
        )
        return Coming(changes, prev, window, old)

    def update_rule(self, window: Window, dirty: set[str]) -> UpdateRule:
        repo = self.repo

        def updated(old: ChapterState, new: ChapterState) -> bool:
            names = window.names({repo.repo_path(old.file), repo.repo_path(new.file)})
            if names & (window.substantive | dirty):
                return True
            # Substance differs: when only editorial commits touched the files, not Updated.
            return not names & window.touched

        return updated

    def released(self, before: str, batch: CatFile) -> list[EditionChanges]:
        """Every released edition before ``before``, newest first, rebuilt from its tag."""
        out: list[EditionChanges] = []
        prev_snap: Snapshot | None = None
        prev_tag: EditionTag | None = None
        for tag in [t for t in self.tags if t.edition < before]:
            snap = history.at_revision(batch, self.repo, tag.tag)
            out.append(
                stored(
                    prev_snap,
                    snap,
                    edition=tag.edition,
                    previous=prev_tag.edition if prev_tag else None,
                )
            )
            prev_snap, prev_tag = snap, tag
        return out[::-1]

    def snapshot_at(self, tag: EditionTag, batch: CatFile) -> Snapshot:
        return history.at_revision(batch, self.repo, tag.tag)
