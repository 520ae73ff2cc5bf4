"""Substituted chapters: a local chapter file that replaces a template chapter.

The chapter says what it replaced and the template edition it was written against, in
its front matter or on its contents entry::

    replaces: section-47-enquiries      # the template chapter's id
    based_on: 2026-05                   # the template edition this text was written against

A substitution is *stale* when the template changed the chapter it replaces after
``based_on``: its author should read the template's change, then move ``based_on``.
"""

# No `from __future__ import annotations`: a NamedTuple's string annotations are each
# compiled at import, the first compile costing 2 ms (tests/test_cli_startup.py).
from typing import NamedTuple

from manualctl.check.load import display
from manualctl.model.chapter import Chapter
from manualctl.model.manual import MANUAL_FILE, ChapterEntry, Manual
from manualctl.model.yamltext.position import locate

Where = tuple[str, int, int]


class Substitution(NamedTuple):
    """A local chapter replacing the template chapter ``replaces``."""

    entry: ChapterEntry
    chapter: Chapter
    replaces: str
    based_on: str | None
    config_text: str  # manual.yaml, for the positions
    shown: str  # manual.yaml, as findings name it

    @property
    def replaces_at(self) -> Where:
        """Where ``replaces`` is written (found when asked: on error)."""
        return self._at("replaces")

    @property
    def based_on_at(self) -> Where:
        """Where ``based_on`` is written (or would be)."""
        return self._at("based_on")

    def _at(self, key: str) -> Where:
        entry, chapter = self.entry, self.chapter
        if getattr(entry, key) or key not in chapter.meta:
            path = (*entry.path, key) if getattr(entry, key) else (*entry.path, "file")
            line, column = locate(self.config_text, path)
            return self.shown, line, column
        line, column = locate(chapter.front_matter, [key])
        return display(chapter.path), line + 1, column


def substitutions(manual: Manual, config_text: str) -> list[Substitution]:
    """Every local chapter that replaces a template chapter, in contents order."""
    out = []
    shown = display(manual.root / MANUAL_FILE)
    for entry in manual.chapter_entries():
        chapter = manual.chapters.get(entry.file)
        if entry.inherit is not None or chapter is None:
            continue
        found = substitution(entry, chapter, config_text, shown)
        if found is not None:
            out.append(found)
    return out


def substitution(
    entry: ChapterEntry, chapter: Chapter, config_text: str, shown: str
) -> Substitution | None:
    """The substitution the local chapter file of ``entry`` is, if it is one (``shown``:
    manual.yaml as findings name it)."""
    replaces = entry.replaces or _text(chapter.meta.get("replaces"))
    if not replaces:
        return None
    based_on = entry.based_on or _text(chapter.meta.get("based_on"))
    return Substitution(entry, chapter, replaces, based_on, config_text, shown)


def _text(value: object) -> str | None:
    return str(value) if isinstance(value, str) and value else None
