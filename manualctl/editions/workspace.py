"""A manual opened for edition work: its model, its repository and its edition tags.

At any commit the manual is either exactly a released edition or a draft of the next
one. The flags in manual.yaml describe the edition *in preparation* once the release lead
has started it (``stamp --edition YYYY-MM`` writes ``edition: preparing:``), and until
then still describe the *last release*: :attr:`Workspace.coming_id` is the edition in
preparation, or None between editions. Nothing is guessed from today's month.

Every edition command starts here. Opening reads the repository, its shallow flag and
its tags from the repository's files (:mod:`manualctl.gitrefs`; one small git process
when the layout is unusual); working out the coming
edition adds one streamed ``git log`` and one ``git status`` (started together, on another
core, while the chapters are read) and one ``git cat-file --batch`` for all tags read
(``stamp`` reads them from the repository's files, :mod:`manualctl.gitobjects`, and
starts it only for what they do not answer).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from manualctl.check.load import Config, Resolver, read, read_config, refuse_errors
from manualctl.editions import snapshot as history
from manualctl.editions import tags as editions
from manualctl.editions.compare import EditionChanges, UpdateRule, compare, stored
from manualctl.editions.imported import (
    EDITION_HEADING,
    imported_tag,
    refuse_missing_tags,
)
from manualctl.editions.pending import Pending, read_window_now
from manualctl.editions.snapshot import ChapterState, Snapshot
from manualctl.editions.tags import EditionTag
from manualctl.editions.window import Window
from manualctl.git import RepoInfo, require_history
from manualctl.gitbatch import CatFile
from manualctl.model.chapter import FrontMatterError, decode, split
from manualctl.model.discovery import find_manual
from manualctl.model.manual import Manual, tag_name

if TYPE_CHECKING:  # stamp --check takes no date: datetime is not imported for it
    from datetime import date


class Coming:
    """The coming edition's changes, with what was read to work them out. (A plain
    class: a NamedTuple's annotations here are strings, and typing compiles each.)"""

    __slots__ = ("changes", "old", "previous", "window")

    def __init__(
        self,
        changes: EditionChanges,
        previous: EditionTag | None,
        window: Window,
        old: Snapshot | None = None,  # the manual at the previous edition
    ) -> None:
        self.changes = changes
        self.previous = previous
        self.window = window
        self.old = old


class Workspace:
    """A manual opened for edition work (see :meth:`open`). A plain class: making a
    dataclass at import costs ``stamp --check`` more start-up than its own work."""

    def __init__(
        self,
        manual: Manual | Callable[[], Manual],  # or how to read it, when first asked for
        settings: Manual,  # manual.yaml alone: its root, id and tag format
        repo: RepoInfo,
        tags: list[EditionTag],
        coming_id: str | None,  # the edition in preparation (YYYY-MM); None between editions
        pending: Pending | None = None,
        *,
        resolver: Resolver | None = None,  # reads inherited chapters (built on a template)
    ) -> None:
        self._manual = manual if isinstance(manual, Manual) else None
        self._read = None if isinstance(manual, Manual) else manual
        self._snapshot: Snapshot | None = None
        self.settings = settings
        self.repo = repo
        self.tags = tags
        self.coming_id = coming_id
        self.pending = pending
        self.snapshots: dict[str, Snapshot] = {}  # by tag: each read once
        self.fronts: dict[str, dict[str, Any]] = {}  # front matter -> keys
        self.resolver = resolver

    @property
    def manual(self) -> Manual:
        """The working tree's manual (read now if it was opened ``lazy``)."""
        if self._manual is None:
            assert self._read is not None
            self._manual = self._read()
        return self._manual

    @property
    def snapshot(self) -> Snapshot:
        """The working tree as edition work compares it."""
        if self._snapshot is None:
            self._snapshot = history.from_manual(self.manual)
        return self._snapshot

    @classmethod
    def open(
        cls,
        manual_dir: Path | None,
        *,
        edition: str | None = None,
        today: date | None = None,
        full_check: bool = True,
        prefetch: bool = True,
        resolver: Resolver | None = None,
        lazy: bool = False,
    ) -> Workspace:
        """Open the manual; with ``full_check`` refuse it unless it validates.

        Without ``full_check`` (read-only commands), only problems that stop the manual
        being read are refused. When ``prefetch``, the history since the previous edition
        is read by git on another core while the chapters are read here. ``resolver``
        reads inherited chapters, here and at every tag, so an inherited chapter whose
        template text changed between two editions is Updated like any other. When
        ``lazy`` (read-only, without ``full_check``), the working tree's chapters are read
        only when first asked for: a comparison of two editions never asks.
        """
        root = find_manual(manual_dir)
        repo, tag_names = require_history(root)
        given = editions.parse_edition(edition, what="--edition") if edition else None
        config = read_config(root)
        data, _, problems = config
        tags: list[EditionTag] = []
        pending = None
        coming_id = given
        imported = None
        settings = None
        if data is not None and not problems:
            settings = Manual(root, data, ())
            tags = editions.edition_tags(tag_names, settings.tag_format, settings.id)
            imported = editions.imported_edition(settings.edition_settings)
            if imported is not None and not any(t.edition == imported for t in tags):
                tags = sorted([*tags, imported_tag(repo, imported)], key=lambda t: t.edition)
            if given is not None:
                editions.refuse_released(tags, given, settings.tag_format, settings.id)
            else:
                coming_id = editions.in_preparation(tags, settings.edition_settings)
            prev = editions.previous(tags, coming_id) if coming_id else None
            if prev is not None and prefetch:
                pending = Pending(repo, prev.tag)
        if full_check:  # the rules and body scans, imported after git has started
            from manualctl.check.validate import open_manual

            manual: Manual | Callable[[], Manual] = open_manual(
                root, today=today, config=config, resolver=resolver
            )
        elif lazy and settings is not None:
            manual = partial(_readable, root, config, resolver)
        else:
            manual = _readable(root, config, resolver)
        if isinstance(manual, Manual):
            settings = manual
        assert settings is not None  # a manual.yaml that does not read was refused above
        ws = cls(manual, settings, repo, tags, coming_id, pending, resolver=resolver)
        if not lazy:
            ws.snapshot  # noqa: B018 -- read now: it refuses a retired id reused
        if not [t for t in tags if not t.imported]:
            refuse_missing_tags(ws.manual, ws.snapshot, coming_id, imported)
        return ws

    @property
    def last(self) -> EditionTag | None:
        """The last released edition (None before the first release)."""
        return self.tags[-1] if self.tags else None

    def tag_for(self, edition: str) -> str:
        return tag_name(self.settings.tag_format, self.settings.id, edition)

    def coming(self, batch: CatFile) -> Coming:
        """The working tree against the newest edition tag before the coming edition
        (between editions: against the last release; its ``edition`` is then None)."""
        edition = self.coming_id
        prev = editions.previous(self.tags, edition) if edition else self.last
        if prev is None:
            return Coming(EditionChanges(edition, None), None, Window())
        old = self.snapshot_at(prev, batch)
        pending, self.pending = self.pending, None
        window, dirty = pending.result() if pending else read_window_now(self.repo, prev.tag)
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

    def wanted_flags(self, batch: CatFile) -> tuple[dict[str, str], Coming | None]:
        """Chapter id -> the flag manual.yaml should hold, and the coming edition's changes.

        While an edition is in preparation, git decides (New and Updated since the last
        release); between editions, the flags are those of the last release, as stored at
        its tag (release refused stale ones), for the chapters still in the manual.
        """
        if self.coming_id is not None:
            coming = self.coming(batch)
            return coming.changes.flags(), coming
        if self.last is None:
            return {}, None
        at_tag = self.snapshot_at(self.last, batch)
        return {s.id: s.flag for s in at_tag.chapters.values() if s.flag}, None

    def released(self, before: str | None, batch: CatFile) -> list[EditionChanges]:
        """Every released edition (before ``before``), newest first, rebuilt from its tag."""
        out: list[EditionChanges] = []
        prev_snap: Snapshot | None = None
        prev_tag: EditionTag | None = None
        for tag in [t for t in self.tags if before is None or t.edition < before]:
            snap = self.snapshot_at(tag, batch)
            if tag.imported:  # its block (and older ones) are in imported_history()
                prev_snap, prev_tag = snap, tag
                continue
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

    def imported_history(self, batch: CatFile) -> str:
        """The Amendments appendix's blocks as imported (``edition: imported:``): the
        editions published before manualctl, kept word for word below the others."""
        imported = next((t for t in self.tags if t.imported), None)
        appendix = self.snapshot.appendix
        if imported is None or appendix is None:
            return ""
        blob = batch.read(f"{imported.tag}:{self.repo.repo_path(appendix.file)}")
        if blob is None:
            return ""
        try:
            body = split(decode(blob)).body
        except (FrontMatterError, UnicodeDecodeError):
            return ""  # not readable as a chapter there: nothing to keep
        start = EDITION_HEADING.search(body)  # the blocks, without the introduction
        return body[start.start() :].strip() if start else ""

    def snapshot_at(self, tag: EditionTag, batch: CatFile) -> Snapshot:
        """The manual at an edition tag; read once per command, however often asked for.

        Chapters whose front matter is as in the working tree (or at a tag read
        before) reuse its parsed keys: between editions most chapters are unchanged.
        """
        found = self.snapshots.get(tag.tag)
        if found is None:
            fronts = self.known_fronts()
            found = history.at_revision(batch, self.repo, tag.tag, fronts, self.resolver)
            self.snapshots[tag.tag] = found
        return found

    def known_fronts(self) -> dict[str, dict[str, Any]]:
        """Front matter text -> its keys, as parsed so far (first: the working tree's), for
        reading chapters at tags without parsing again what did not change. A working
        tree not yet read is not read for them: the tags' own fill the table."""
        if not self.fronts and self._manual is not None:
            self.fronts.update(
                (chap.front_matter, chap.meta)
                for chap in self.manual.chapters.values()
                if chap.front_matter
            )
        return self.fronts


def _readable(root: Path, config: Config, resolver: Resolver | None = None) -> Manual:
    """The manual as read, refusing only problems that stop it being read."""
    loaded = read(root, config=config, resolver=resolver)
    return refuse_errors(root, loaded.manual, loaded.findings)
