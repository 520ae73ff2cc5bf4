"""``amendments``: regenerate the Amendments appendix from the history and the summaries.

The appendix is the chapter whose front matter says ``kind: amendments``. Its front matter
is kept byte for byte; its body is rebuilt whole: one block per edition, newest first,
headed by month and year, with the tables "New Chapters and Features", "Updated
Chapters", "Removed Chapters" and "Retitled and Moved Chapters" (columns Chapter Name |
Details). Git chooses the chapters; Details is the chapter's own summary for the edition
(front matter ``amendments: {"YYYY-MM": ...}``), the sentence publish also shows in the
chapter's amendment box. Released editions are rebuilt from their tags, so running the
command again gives the same text.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from manualctl.check.load import Resolver
from manualctl.editions.compare import EditionChanges
from manualctl.editions.snapshot import ChapterState
from manualctl.editions.summaries import Filled, fill_from_trailers
from manualctl.editions.tags import display
from manualctl.editions.workspace import Coming, Workspace
from manualctl.errors import UsageError
from manualctl.fsutil import Leftover, atomic_write, manual_lock
from manualctl.gitbatch import CatFile
from manualctl.model.discovery import find_manual
from manualctl.model.manual import INHERITED_PREFIX
from manualctl.model.text import markdown_text

INTRO = "This appendix lists what changed in each edition of the manual, newest first."
FIRST = "First edition."
NOTHING = "No chapters were added, updated, removed, retitled or moved in this edition."
HEADER = "| Chapter Name | Details |\n|---|---|"


@dataclass(frozen=True)
class Missing:
    """A New or Updated chapter without a summary for the coming edition."""

    chapter: ChapterState
    flag: str

    def describe(self, edition: str) -> str:
        if self.chapter.file.startswith(INHERITED_PREFIX):
            return (
                f"{self.chapter.label} (inherited from the template) is {self.flag} in "
                f"{display(edition)} but has no amendment summary, and the template gave "
                f'none: add  amendments: "{edition}": ...  to its inherit entry in manual.yaml.'
            )
        return (
            f"{self.chapter.label} ({self.chapter.file}) is {self.flag} in {display(edition)} "
            f'but has no amendment summary: add the line  "{edition}": ...  under  amendments:  '
            "in its front matter (indented by two spaces)."
        )


@dataclass
class AmendmentsResult:
    edition: str | None  # the edition in preparation; None between editions
    previous: str | None  # the previous edition (``tag X``; between editions: the last one)
    appendix: str  # the appendix file, relative to the manual
    stale: bool  # the appendix on disk differs from what was generated
    missing: list[Missing] = field(default_factory=list)
    filled: list[Filled] = field(default_factory=list)
    written: bool = False
    cleared: list[Leftover] = field(default_factory=list)  # what killed runs had left, deleted


def render(blocks: list[EditionChanges], present: Collection[str], imported: str = "") -> str:
    """The appendix body for ``blocks`` (newest first), then the ``imported`` blocks (of
    the editions published before manualctl, word for word: see
    :meth:`~manualctl.editions.workspace.Workspace.imported_history`).

    A chapter's name links to it (``chapter:ID``) only when ``present`` (the ids in the
    manual now) holds it: a chapter retired or deleted since is named in plain text, so
    the generated text never leaves a broken link.
    """

    def name(chapter: ChapterState) -> str:
        return _link(chapter) if chapter.id in present else _cell(chapter.title)

    def row(chapter: ChapterState, edition: str) -> tuple[str, str]:
        return name(chapter), _cell(chapter.amendments.get(edition, ""))

    parts = [INTRO]
    for block in blocks:
        assert block.edition is not None
        parts.append(f"## {display(block.edition)}")
        if block.first:
            parts.append(FIRST)
            continue
        if block.empty:
            parts.append(NOTHING)
        _table(parts, "New Chapters and Features", [row(c, block.edition) for c in block.new])
        _table(parts, "Updated Chapters", [row(c, block.edition) for c in block.updated])
        _table(
            parts,
            "Removed Chapters",
            [
                (_cell(r.old.label), _cell(r.reason or "This chapter has been removed."))
                for r in block.removed
            ],
        )
        _table(
            parts,
            "Retitled and Moved Chapters",
            [(name(m.new), _cell(m.details())) for m in block.moved],
        )
    if imported:
        parts.append(imported)
    return "\n\n".join(parts) + "\n"


def _table(parts: list[str], title: str, rows: list[tuple[str, str]]) -> None:
    if rows:
        body = "\n".join(f"| {name} | {details} |" for name, details in rows)
        parts.append(f"### {title}\n\n{HEADER}\n{body}")


def _link(chapter: ChapterState) -> str:
    return f"[{_cell(chapter.title)}](chapter:{chapter.id})"


def _cell(text: str) -> str:
    """Text written by people (a summary sentence, a reason, a title) as the table cell
    that shows exactly that text: nothing in it becomes a link, markup or a new cell."""
    return markdown_text(text)


def missing_summaries(changes: EditionChanges) -> list[Missing]:
    assert changes.edition is not None
    return [
        Missing(c, "New" if c in changes.new else "Updated")
        for c in changes.flagged()
        if not c.amendments.get(changes.edition)
    ]


def blocks_for(ws: Workspace, coming: Coming, batch: CatFile) -> list[EditionChanges]:
    assert coming.changes.edition is not None
    return [coming.changes, *ws.released(coming.changes.edition, batch)]


_FENCE = re.compile(r"\A(?:\ufeff)?---\r?\n.*?^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)


def with_body(raw: str, body: str) -> str:
    """The chapter text ``raw`` with its body replaced; the front matter kept byte for byte."""
    match = _FENCE.match(raw)
    if match is None:  # pragma: no cover - the manual was validated
        raise UsageError("The Amendments appendix has no front matter.")
    head = match.group(0)
    newline = "\r\n" if head.endswith("\r\n") else "\n"
    if not head.endswith("\n"):
        head += newline
    return head + ("\n" + body).replace("\n", newline)


def amendments(
    manual_dir: Path | None,
    *,
    edition: str | None = None,
    check: bool = False,
    fill: bool = False,
    today: date | None = None,
    resolver: Resolver | None = None,
) -> AmendmentsResult:
    """Regenerate the appendix (or, with ``check``, only say what is wrong).

    While an edition is in preparation the appendix has its block on top; between
    editions it is the released editions' blocks, and the appendix as released at the
    last tag passes ``check`` too (a chapter retired since turns its name there into
    plain text on the next regeneration, which is no reason to fail CI). A run that
    writes holds the manual's lock from before it reads anything.
    """
    root = find_manual(manual_dir)
    if check:
        return _amendments(root, edition, check=True, fill=False, today=today, resolver=resolver)
    with manual_lock(root) as lock:
        result = _amendments(root, edition, check=False, fill=fill, today=today, resolver=resolver)
    result.cleared = lock.cleared
    return result


def _amendments(
    root: Path,
    edition: str | None,
    *,
    check: bool,
    fill: bool,
    today: date | None,
    resolver: Resolver | None = None,
) -> AmendmentsResult:
    ws = Workspace.open(root, edition=edition, today=today, full_check=not check, resolver=resolver)
    appendix = ws.snapshot.appendix
    if appendix is None:
        raise UsageError(
            f"The manual in {ws.manual.root} has no Amendments appendix: no chapter has "
            "'kind: amendments' in its front matter.",
            hint="Add a chapter (for example chapters/appendices/amendments.md) with front "
            "matter id: amendments, title: Amendments, kind: amendments, list it in "
            "manual.yaml, then run the command again.",
        )
    released_text: str | None = None
    with CatFile(ws.repo.top) as batch:
        if ws.coming_id is not None:
            coming = ws.coming(batch)
            previous = coming.previous.described if coming.previous else None
            missing = missing_summaries(coming.changes)
            filled: list[Filled] = []
            if fill and missing:
                filled = fill_from_trailers(ws, coming, [m.chapter for m in missing])
                missing = missing_summaries(coming.changes)
            blocks = blocks_for(ws, coming, batch)
        else:
            previous = ws.last.described if ws.last else None
            missing, filled = [], []
            blocks = ws.released(None, batch)
            if ws.last is not None:
                blob = batch.read(f"{ws.last.tag}:{ws.repo.repo_path(appendix.file)}")
                released_text = blob.decode("utf-8", "replace") if blob is not None else None
        body = render(blocks, ws.snapshot.chapters, ws.imported_history(batch))
    result = AmendmentsResult(
        ws.coming_id, previous, appendix.file, stale=False, missing=missing, filled=filled
    )
    path = ws.manual.root / appendix.file
    raw = path.read_bytes().decode("utf-8")
    text = with_body(raw, body)
    as_released = released_text is not None and _body(released_text) == _body(raw)
    result.stale = text != raw and not as_released
    if text != raw and not check:
        atomic_write(path, text)
        result.written = True
    return result


def _body(raw: str) -> str:
    match = _FENCE.match(raw)
    return raw[match.end() :] if match else raw
