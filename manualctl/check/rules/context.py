"""What every rule needs: the manual, where things are, and how to name them."""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable, Sequence
from datetime import date
from functools import cached_property
from pathlib import Path

from manualctl.check.file_problems import read_text
from manualctl.check.findings import Finding, Unlisted, did_you_mean
from manualctl.check.inside import Inside
from manualctl.check.load import display
from manualctl.check.markdown.scan import Scan, position
from manualctl.model.chapter import Chapter, slugify
from manualctl.model.manual import MANUAL_FILE, Manual
from manualctl.model.yamltext.position import locate

Where = tuple[str, int, int]  # file as shown, line, column (1-based)


class Context:
    """What the rules read: the manual, its texts, today, and what was read.

    (A plain class: making a dataclass at import costs validate's start-up more than
    reading a small manual.)
    """

    def __init__(
        self,
        manual: Manual,
        config_text: str,
        today: date,
        unreadable: set[str] | None = None,  # chapter files that did not load
        scans: dict[str, Scan] | None = None,  # body scans made while reading
        invalid: set[str] | None = None,  # files with schema errors (rel paths)
    ) -> None:
        self.manual = manual
        self.config_text = config_text
        self.today = today
        self.unreadable = set() if unreadable is None else unreadable
        self.scans = {} if scans is None else scans
        self.invalid = set() if invalid is None else invalid
        #: findings that rules counted without making them, past the number validate lists
        self.unlisted: dict[tuple[str, str], Unlisted] = {}
        self._shown: dict[str, str] = {}

    @property
    def root(self) -> Path:
        return self.manual.root

    def config_at(self, path: Sequence[str | int], *, key: bool = False) -> Where:
        """Where a key path sits in manual.yaml."""
        line, column = locate(self.config_text, path, key=key)
        return self.config_shown, line, column

    def count_unlisted(self, made: Callable[[], Finding], code: str, file: str) -> None:
        """One more finding of ``code`` in ``file`` counted, not listed; ``made`` makes it
        (called for the first one only: it is where the count is shown)."""
        key = (file, code)
        known = self.unlisted.get(key)
        self.unlisted[key] = (
            Unlisted(made(), 1) if known is None else Unlisted(known.first, known.number + 1)
        )

    @cached_property
    def config_shown(self) -> str:
        return display(self.root / MANUAL_FILE)

    def meta_at(self, chapter: Chapter, path: Sequence[str | int], *, key: bool = False) -> Where:
        """Where a key path sits in a chapter's front matter (which starts on line 2)."""
        line, column = locate(chapter.front_matter, path, key=key)
        return self.shown(chapter), line + 1, column

    def body_at(self, chapter: Chapter, offset: int) -> Where:
        """An offset in the body, as a place (line and column) in the file."""
        line, column = position(chapter.body, offset)
        return self.shown(chapter), chapter.body_line + line, column + 1

    def shown(self, chapter: Chapter) -> str:
        """The chapter's path as messages show it (worked out once per chapter and run)."""
        shown = self._shown.get(chapter.rel)
        if shown is None:
            shown = self._shown[chapter.rel] = display(self.root / chapter.rel)
        return shown

    @cached_property
    def listed(self) -> set[str]:
        """Chapter files named in the contents (whether or not they exist)."""
        return {posixpath.normpath(e.file) for e in self.manual.chapter_entries()}

    @cached_property
    def incomplete(self) -> bool:
        """Some chapter files named in the contents could not be read: an id that seems
        unknown may be theirs, so unknown ids are not reported until they are fixed."""
        return any(
            e.file not in self.manual.chapters
            for e in self.manual.chapter_entries()
            if e.inherit is None
        )

    @cached_property
    def inherited(self) -> set[str]:
        """Ids of inherited chapters (``inherit: ID``), whether or not they were read:
        links to them are links to chapters of this manual."""
        return {e.inherit for e in self.manual.inherited_entries() if e.inherit}

    def known(self, chapter_id: str) -> bool:
        """A chapter of this manual has this id (its own, or inherited)."""
        return chapter_id in self.by_id or chapter_id in self.inherited

    @cached_property
    def inside(self) -> Inside:
        """Whether paths stay inside the manual's folder (symlinks followed)."""
        return Inside(self.root)

    @cached_property
    def chapters(self) -> list[Chapter]:
        """The manual's own chapter files in contents order, each once (inherited
        chapters are checked where they are written, in the upstream manual)."""
        return self._in_order(local_only=True)

    @cached_property
    def slot_files(self) -> dict[str, Chapter]:
        """The manual's own files filling inherited chapters' local slots, by the file of
        the inherited chapter (``upstream:ID``) each fills: their links, pictures and
        markup go into the editions, so they are checked as a chapter's are."""
        out: dict[str, Chapter] = {}
        for entry in self.manual.inherited_entries():
            if entry.local is None or entry.file not in self.manual.chapters:
                continue
            real = self.inside.where(entry.local)
            text = read_text(real, missing_ok=True)[0] if real is not None else None
            if text is not None:  # (missing: reported as slot-missing)
                out[entry.file] = Chapter(Path(real or ""), entry.local, {}, text, 1)
        return out

    @cached_property
    def by_id(self) -> dict[str, Chapter]:
        """The first chapter (in contents order, inherited ones too) with each id."""
        out: dict[str, Chapter] = {}
        for chapter in self._in_order(local_only=False):
            if chapter.id:
                out.setdefault(chapter.id, chapter)
        return out

    def _in_order(self, *, local_only: bool) -> list[Chapter]:
        seen: set[str] = set()
        out = []
        for entry in self.manual.chapter_entries():
            if local_only and entry.inherit is not None:
                continue
            chapter = self.manual.chapters.get(entry.file)
            if chapter is not None and entry.file not in seen:
                seen.add(entry.file)
                out.append(chapter)
        return out

    @cached_property
    def retired(self) -> dict[str, str]:
        """Retired ids and their titles."""
        out = {}
        for item in self.manual.retired:
            if isinstance(item.get("id"), str):
                out[item["id"]] = str(item.get("title") or "")
        return out

    def suggest_chapter(self, wanted: str) -> str:
        """' Did you mean "id" (Title)?' by id, else by title, else ''."""
        close = did_you_mean(wanted, self.by_id)
        if close:
            chosen = close.split('"')[1]
            return f' Did you mean "{chosen}" ({self.by_id[chosen].title})?'
        titles = {slugify(c.title): c for c in self.by_id.values()}
        by_title = did_you_mean(slugify(wanted.replace("-", " ")), titles)
        if by_title:
            chapter = titles[by_title.split('"')[1]]
            return f' Did you mean "{chapter.id}" ({chapter.title})?'
        return ""

    @cached_property
    def chapter_files(self) -> list[str]:
        """Every .md file under chapters/, relative to the manual's folder."""
        out = []
        for folder, dirs, files in os.walk(self.root / "chapters"):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            rel = os.path.relpath(folder, self.root).replace(os.sep, "/")
            out += [f"{rel}/{name}" for name in files if name.endswith(".md")]
        return sorted(out)
