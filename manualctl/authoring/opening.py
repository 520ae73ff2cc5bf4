"""The manual as an authoring change opens it: what every command that files, moves,
retires or fills chapters shares.

The change opens the manual with :class:`opened` (what
:func:`manualctl.check.validate.open_report` does, the rules of its check run aside),
which refuses one that cannot be read, then takes the manual (:func:`manual_of`), the
manual.yaml it will edit (:func:`manual_yaml`), a chapter named by its id
(:func:`find_chapter`) and the check that a new chapter's id is free
(:func:`check_id_free`) from here: :mod:`.commands` (new, move, retire) and
:mod:`.imports` (``import docx``) use these and no copies.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from manualctl.check.findings import did_you_mean
from manualctl.check.load import Resolver, refuse_errors
from manualctl.check.validate import Report, check
from manualctl.errors import UsageError
from manualctl.model.chapter import Chapter
from manualctl.model.manual import ChapterEntry, Manual
from manualctl.model.yamltext import editor as yamledit


class opened:
    """:func:`~manualctl.check.validate.open_report` for a command that works out its
    change while the rules of the check run in a worker
    (:class:`~manualctl.check.parallel.Aside`, on a big manual with a CPU free): a
    context manager giving the report, which
    :meth:`~manualctl.check.validate.Report.settle` completes (and refuses) before
    anything is written (:class:`~manualctl.authoring.transaction.checked_changes`
    does). Should the block fail before that, the manual's errors are what is raised,
    as ``open_report`` would have raised them before the block began."""

    def __init__(
        self, root: Path, *, today: date | None = None, resolver: Resolver | None = None
    ) -> None:
        self.root = root
        self.today = today
        self.resolver = resolver
        self.report: Report | None = None

    def __enter__(self) -> Report:
        report = check(self.root, today=self.today, resolver=self.resolver, aside=self.root)
        self.report = report
        if report.pending is None:
            refuse_errors(self.root, report.manual, report.findings)
        return report

    def __exit__(self, *exc: object) -> None:
        if self.report is not None:
            self.report.settle()


def manual_of(report: Report) -> Manual:
    """The manual an opened report read."""
    assert report.manual is not None  # open_report refuses a manual that cannot be read
    return report.manual


def manual_yaml(report: Report) -> yamledit.Document:
    """manual.yaml to edit; parsed already by the check, when its text is the same."""
    manual = manual_of(report)
    doc = yamledit.Document.from_bytes(manual.config_path.read_bytes())
    doc.known(report.config_text, manual.data)
    return doc


def check_id_free(manual: Manual, new_id: str) -> None:
    """Refuse ``new_id`` for a new chapter when a chapter has it or had it (retired)."""
    existing = manual.chapters_by_id().get(new_id)
    if existing is not None:
        raise UsageError(
            f'The id "{new_id}" is already used by {existing.rel} ("{existing.title}").',
            hint="Give the new chapter another id with --id.",
        )
    for record in manual.retired:
        if record.get("id") == new_id:
            raise UsageError(
                f'The id "{new_id}" belonged to "{record.get("title")}", which was retired; '
                "ids are never used twice.",
                hint="Give the new chapter another id with --id.",
            )


def find_chapter(manual: Manual, chapter_id: str) -> tuple[ChapterEntry, Chapter]:
    """The contents entry and the chapter with ``chapter_id``; a retired or unknown id is
    refused (with the ids it may have meant)."""
    entry = manual.entry_for_id(chapter_id)
    chapter = manual.chapter_for(entry) if entry is not None else None
    if entry is None or chapter is None:
        if any(r.get("id") == chapter_id for r in manual.retired):
            raise UsageError(f'The chapter "{chapter_id}" has already been retired.')
        known = list(manual.chapters_by_id())
        raise UsageError(
            f'There is no chapter with the id "{chapter_id}" in {manual.title}.'
            + did_you_mean(chapter_id, known),
            hint="The id is the 'id:' line at the top of the chapter file.",
        )
    return entry, chapter
